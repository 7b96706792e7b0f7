//! The README's rules table is the rule list: a rule added, renamed or re-graded
//! fails this test until the table says the same.

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
    let readme = include_str!("../README.md");
    let start = readme
        .find("| id | default | title |")
        .expect("the README has a rules table");
    let table: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
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
    let readme = include_str!("../README.md");
    let start = readme
        .find("| fact | date | what it says | source | checked |")
        .expect("the README has a facts table");
    let table: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        table, expected,
        "the README's facts table is out of date; replace it with:\n{expected}"
    );
    assert!(readme.contains(&format!("facts checked {}", patchbay::standards::checked())));
}
