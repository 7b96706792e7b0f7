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
