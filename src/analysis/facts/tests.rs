//! The facts' tests: every input's alternatives, keys and changes.

use super::*;

#[test]
fn counts_are_grouped_by_thousands() {
    for (n, text) in [
        (0, "0"),
        (999, "999"),
        (1_000, "1,000"),
        (2_001, "2,001"),
        (15_000, "15,000"),
        (1_234_567, "1,234,567"),
        (-1_500, "-1,500"),
        (i64::MIN, "-9,223,372,036,854,775,808"),
    ] {
        assert_eq!(grouped(n), text);
    }
    assert_eq!(
        change_of("volume", Value::Count(1_500), Value::Count(2_001)),
        "volume were over 2,000 (now 1,500)"
    );
    assert_eq!(
        change_of("volume", Value::Count(15_000), Value::Count(2_000)),
        "volume were 2,000 or fewer (now 15,000)"
    );
}
