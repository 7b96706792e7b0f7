//! Numbers in sentences, written one way everywhere the product shows them.

/// A count as a person reads it: `2,000`, `15,000`, `-1,500`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 link", "7 systems", "5,000 records": a count with its noun, singular for one,
/// its digits grouped.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", grouped(i64::try_from(n).unwrap_or(i64::MAX)))
    }
}
