//! HTML label text as a diagram shows it: line breaks where `<br>`, `<div>` and `<p>`
//! break the line, other tags taken out with their text kept, and character
//! references decoded. draw.io stores labels this way (`html=1`); Mermaid labels may
//! hold HTML too.

/// The text of an HTML label. A `<` that opens no tag (`a < b`) stays.
pub fn text(html: &str) -> String {
    entities(&tags(html))
}

/// Tags out: `<br>` (any spelling) and block boundaries (`<div>`, `</div>`, `<p>`,
/// `</p>`, `<li>`) become line breaks, without the spaces around them; other tags go
/// and leave their text.
fn tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = tail.find('>');
        let starts_tag = tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        let name = close.map(|c| {
            let inner = tail[1..c]
                .trim()
                .trim_start_matches('/')
                .trim_end_matches('/');
            inner
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        });
        match (name, close) {
            (Some(n), Some(c))
                if starts_tag
                    && !n.is_empty()
                    && n.chars().all(|ch| ch.is_ascii_alphanumeric()) =>
            {
                rest = &tail[c + 1..];
                if matches!(n.as_str(), "br" | "div" | "p" | "li") {
                    out.truncate(out.trim_end_matches([' ', '\u{a0}']).len());
                    // One break between blocks, none before the first line; every
                    // `<br>` is a break of its own (two make an empty line).
                    let ends_line = out.ends_with('\n');
                    if !out.is_empty() && (!ends_line || n == "br") {
                        out.push('\n');
                    }
                    rest = rest.trim_start_matches(' ');
                }
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim_end_matches('\n').to_owned()
}

/// Character references: named (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`)
/// and numeric (`&#40;`, `&#x28;`), the semicolon optional for numbers as browsers
/// read them. An `&` that starts none stays.
pub fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let named = [
            ("amp;", '&'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("quot;", '"'),
            ("apos;", '\''),
            ("nbsp;", ' '),
        ]
        .iter()
        .find(|(n, _)| tail.starts_with(n));
        if let Some((n, c)) = named {
            out.push(*c);
            rest = &tail[n.len()..];
            continue;
        }
        if let Some(num) = tail.strip_prefix('#') {
            let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16, 2),
                None => (num, 10, 1),
            };
            let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
            let code = u32::from_str_radix(&digits[..len], radix).ok();
            if let Some(c) = code.filter(|_| len > 0).and_then(char::from_u32) {
                out.push(c);
                let semi = usize::from(digits[len..].starts_with(';'));
                rest = &tail[skip + len + semi..];
                continue;
            }
        }
        out.push('&');
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn html_labels_read_as_their_lines() {
        assert_eq!(text("<b>central server</b>"), "central server");
        assert_eq!(text("Cache<br/>&#40Valkey&#41"), "Cache\n(Valkey)");
        assert_eq!(
            text("<div>Order service</div><div>(Java)</div>"),
            "Order service\n(Java)"
        );
        assert_eq!(text("Web&nbsp;shop <br> EU"), "Web shop\nEU");
        assert_eq!(text("A &amp; B &lt;C&gt; &#x41;"), "A & B <C> A");
        assert_eq!(text("a < b and c > d"), "a < b and c > d");
        assert_eq!(text("R&D"), "R&D");
        assert_eq!(
            text("<span style=\"color: red\">Red</span> team"),
            "Red team"
        );
        assert_eq!(text("Line<br><br>after a gap"), "Line\n\nafter a gap");
    }
}
