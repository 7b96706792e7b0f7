//! Rooms of a size a person can hold: no file in `src/` over 500 lines and no function
//! over 100, except the declarative tables listed here with the reason they are long.
//! A file or function that grows past its limit fails here, named with its length.

mod common;

/// Most lines a file in `src/` may have.
const FILE_LINES: usize = 500;

/// Most lines a function may have, from its `fn` line to its closing brace.
const FN_LINES: usize = 100;

/// Files allowed to be longer: tables of data, one entry after another, where a split
/// would only scatter what a reader looks up in one place.
const LONG_TABLES: &[(&str, &str)] = &[(
    "src/standards.rs",
    "the dated facts the advice cites, one constant each",
)];

/// Each function in `text` as (name, first line, length in lines): from its `fn` line
/// to the first line after it that is a closing brace at the `fn` line's indent, the
/// way rustfmt lays every function out.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let after_visibility = match body.strip_prefix("pub") {
            Some(rest) if rest.starts_with('(') => rest.find(')').map(|e| &rest[e + 1..]),
            Some(rest) => Some(rest),
            None => Some(body),
        };
        let Some(rest) = after_visibility.map(str::trim_start) else {
            continue;
        };
        let rest = rest.strip_prefix("const ").unwrap_or(rest);
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        let Some(signature) = rest.strip_prefix("fn ") else {
            continue;
        };
        let name: String = signature
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // A declaration without a body (in a trait) ends on its own line.
        if line.trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| *l == close) {
            out.push((name, i + 1, end + 1));
        }
    }
    out
}

#[test]
fn no_file_and_no_function_is_longer_than_a_person_can_hold() {
    let files = common::source_files();
    let mut too_long = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("source");
        let shown = path.display().to_string().replace('\\', "/");
        let lines = text.lines().count();
        if lines > FILE_LINES && !LONG_TABLES.iter().any(|(t, _)| *t == shown) {
            too_long.push(format!("{shown}: {lines} lines"));
        }
        for (name, at, length) in functions(&text) {
            if length > FN_LINES {
                too_long.push(format!("{shown}:{at}: fn {name} is {length} lines"));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "split these along what they do (files over {FILE_LINES} lines, functions over \
         {FN_LINES}):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_counter_finds_a_long_function_and_a_short_one() {
    let long = format!(
        "fn short() {{\n    one();\n}}\n\nimpl X {{\n    pub(crate) fn long(&self) {{\n{}    }}\n}}\n",
        "        step();\n".repeat(120)
    );
    let found = functions(&long);
    assert_eq!(
        found,
        vec![("short".to_owned(), 1, 3), ("long".to_owned(), 6, 122)]
    );
}

#[test]
fn the_long_tables_are_still_long() {
    // An entry for a file that has since been split is dead weight: take it out.
    for (path, why) in LONG_TABLES {
        let lines = std::fs::read_to_string(path).expect(why).lines().count();
        assert!(
            lines > FILE_LINES,
            "{path} is {lines} lines: drop it from LONG_TABLES"
        );
    }
}
