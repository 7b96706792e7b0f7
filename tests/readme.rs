//! The README's rules and facts tables are the code's: a rule or fact added, renamed or
//! changed fails these tests until the table says the same.

const README: &str = include_str!("../README.md");

/// The README's table whose header line is `header`, as its lines.
fn table_starting(header: &str) -> String {
    let start = README
        .find(header)
        .unwrap_or_else(|| panic!("the README has no table {header}"));
    README[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_readme_rules_table_matches_the_rules() {
    let mut expected = String::from("| id | default | title |\n|---|---|---|\n");
    for r in patchbay::analysis::rules::ALL {
        expected.push_str(&format!(
            "| {} | {} | {} |\n",
            r.id,
            r.severity.id(),
            r.title
        ));
    }
    let table = table_starting("| id | default | title |");
    assert_eq!(
        table, expected,
        "the README's rules table is out of date; replace it with:\n{expected}"
    );
}

/// The README's facts table is the facts table in the code (`src/standards.rs`): a
/// fact updated there fails this test until the README says the same.
#[test]
fn the_readme_facts_table_matches_the_facts() {
    let mut expected =
        String::from("| fact | date | what it says | source | checked |\n|---|---|---|---|---|\n");
    for f in patchbay::standards::FACTS {
        let source = match f.url {
            Some(url) => format!("[{}]({url})", f.source.replace('"', "")),
            None => f.source.replace('"', ""),
        };
        expected.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            f.name,
            f.when.unwrap_or("—"),
            f.says,
            source,
            f.checked
        ));
    }
    let table = table_starting("| fact | date | what it says | source | checked |");
    assert_eq!(
        table, expected,
        "the README's facts table is out of date; replace it with:\n{expected}"
    );
    assert!(README.contains(&format!("facts checked {}", patchbay::standards::checked())));
}
