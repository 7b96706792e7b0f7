//! Cells safe to open in a spreadsheet: a catalogue is meant to be opened in one, and a
//! cell starting like a formula would run there (`=HYPERLINK(...)` sends a cell's
//! content away on a click). OWASP's advice: write such a cell with a leading `'`.

/// Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection
/// list): a cell starting with one runs when the catalogue is opened.
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: one that a spreadsheet would run as a formula gets a leading
/// `'` (shown as text, never run), and so does one that already starts with a `'`
/// before such a character or another `'`, so that [`unguarded`] gives back exactly
/// what was written.
pub fn guarded(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let first = chars.next();
    let second = chars.next();
    let risky = first.is_some_and(|c| FORMULA_START.contains(&c))
        || (first == Some('\'') && second.is_some_and(|c| c == '\'' || FORMULA_START.contains(&c)));
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as read: the guard [`guarded`] adds taken off again. A `'` before anything
/// else is part of the text.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with('\'') || rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{guarded, unguarded};

    #[test]
    fn formula_cells_are_guarded_and_every_cell_comes_back() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rReturn", "'\rReturn"),
            ("'=already", "''=already"),
            ("''", "'''"),
            ("'quoted'", "'quoted'"),
            ("Plain", "Plain"),
            ("", ""),
        ] {
            assert_eq!(guarded(cell), written, "{cell:?}");
            assert_eq!(unguarded(&guarded(cell)), cell, "{cell:?}");
        }
    }
}
