//! Bad input never panics and never passes: each file in `tests/bad/` gives a clear
//! problem at the right place, and `patchbay check` exits 1 for it.

use patchbay::model::{self, LoadError};
use std::path::{Path, PathBuf};
use std::process::Command;

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad")
        .join(name)
}

/// The problems of a file as `line:col: message` strings.
fn problems(path: &Path) -> Vec<String> {
    match model::load(path) {
        Ok(_) => panic!("{} loaded, but it is broken", path.display()),
        Err(LoadError::Invalid { problems, .. }) => problems
            .iter()
            .map(|p| match p.location {
                Some(l) => format!("{}:{}: {}", l.line, l.col, p.message),
                None => p.message.clone(),
            })
            .collect(),
        Err(e) => panic!("{}: unexpected {e}", path.display()),
    }
}

#[track_caller]
fn expect(name: &str, wanted: &[(&str, &str)]) {
    let got = problems(&bad(name));
    assert_eq!(got.len(), wanted.len(), "{name}: {got:#?}");
    for (g, (place, text)) in got.iter().zip(wanted) {
        assert!(
            g.starts_with(&format!("{place}: ")),
            "{name}: expected at {place}, got {g}"
        );
        assert!(g.contains(text), "{name}: expected {text:?} in {g}");
    }
}

#[test]
fn empty_file() {
    expect("empty.patchbay.ron", &[("1:1", "the file is empty")]);
}

#[test]
fn binary_garbage() {
    expect("garbage.patchbay.ron", &[("1:1", "not UTF-8 text")]);
}

#[test]
fn truncated_sample() {
    expect("truncated.patchbay.ron", &[("24:107", "ends too early")]);
}

#[test]
fn wrong_types() {
    expect(
        "wrong-types.patchbay.ron",
        &[("9:49", "`needs_response`: expected true or false")],
    );
}

#[test]
fn unknown_kind() {
    expect(
        "unknown-kind.patchbay.ron",
        &[(
            "6:42",
            "unknown system kind \"mainframe\"; expected one of: salesforce-org",
        )],
    );
}

#[test]
fn unknown_attribute() {
    expect(
        "unknown-attribute.patchbay.ron",
        &[("9:33", "unknown attribute `synchronous` in a link")],
    );
}

#[test]
fn dangling_link() {
    expect(
        "dangling-link.patchbay.ron",
        &[(
            "10:30",
            "link 2 goes to system 9, which the design does not have",
        )],
    );
}

#[test]
fn duplicate_ids() {
    expect(
        "duplicate-ids.patchbay.ron",
        &[
            ("7:14", "system id 2 is used twice (\"Org\" and \"ERP\")"),
            ("11:14", "link id 1 is used twice"),
        ],
    );
}

#[test]
fn future_version() {
    expect(
        "future-version.patchbay.ron",
        &[("2:21", "made by a newer Patchbay (format version 7)")],
    );
}

#[test]
fn every_validation_problem_is_reported_not_just_the_first() {
    expect(
        "many-problems.patchbay.ron",
        &[
            ("4:11", "the design has an empty name"),
            ("5:27", "zone 1 has an empty name"),
            ("7:54", "in zone 4, which the design does not have"),
            ("8:23", "system 2 has an empty name"),
            ("11:30", "from a system to itself"),
            ("12:41", "negative volume (-5)"),
            ("13:54", "expected_duration_s -1.5"),
        ],
    );
}

fn check(args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .arg("check")
        .args(args)
        .output()
        .expect("run patchbay");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_exits_1_and_names_the_place_for_every_bad_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("tests/bad") {
        let path = entry.expect("entry").path();
        // Other formats' broken files live in folders of their own (tests/interop.rs).
        if path.is_dir() {
            continue;
        }
        let (code, stdout, stderr) = check(&[&path]);
        assert_eq!(code, 1, "{}: {stdout}{stderr}", path.display());
        let shown = path.display().to_string();
        assert!(stdout.contains(&format!("{shown}:")), "{stdout}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        seen += 1;
    }
    assert!(seen >= 9);
}

#[test]
fn check_exit_codes() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let good = samples.join("startup.patchbay.ron");
    let (code, stdout, _) = check(&[&good]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("ok (2 systems, 2 links)"), "{stdout}");

    let (code, stdout, _) = check(&[&good, &bad("dangling-link.patchbay.ron")]);
    assert_eq!(
        code, 1,
        "one bad file among good ones fails the run: {stdout}"
    );

    let (code, _, stderr) = check(&[Path::new("no/such/file.patchbay.ron")]);
    assert_eq!(code, 2, "an unreadable file is a usage error");
    assert!(
        stderr.contains("cannot read no/such/file.patchbay.ron"),
        "{stderr}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "check with no file is a usage error"
    );
}

#[test]
fn a_20_megabyte_file_is_refused_at_the_right_place() {
    // Twenty megabytes of systems with one bad kind at the very end: the parse must
    // get through all of it and name the last line.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.patchbay.ron");
    let mut text = String::from("(\n    format_version: 1,\n    name: \"Huge\",\n    systems: [\n");
    let mut id = 0;
    while text.len() < 20_000_000 {
        id += 1;
        text.push_str(&format!(
            "        (id: {id}, name: \"System number {id}\", kind: \"backend-service\"),\n"
        ));
    }
    text.push_str(&format!(
        "        (id: {}, name: \"Bad\", kind: \"quantum-computer\"),\n    ],\n)\n",
        id + 1
    ));
    std::fs::write(&path, &text).expect("write");
    let last_line = text.lines().count() - 2;

    let got = problems(&path);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with(&format!("{last_line}:")), "{}", got[0]);
    assert!(
        got[0].contains("unknown system kind \"quantum-computer\""),
        "{}",
        got[0]
    );
    let (code, _, _) = check(&[&path]);
    assert_eq!(code, 1);
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("enormous.patchbay.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(model::file::MAX_FILE_BYTES + 1)
        .expect("sparse file");
    let got = problems(&path);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].contains("reads design files of up to 64 MB"),
        "{}",
        got[0]
    );
}

#[test]
fn deeply_nested_brackets_do_not_overflow_the_stack() {
    let text = format!(
        "(format_version: 1, name: \"x\", systems: {}",
        "[".repeat(100_000)
    );
    let got = model::parse(&text).expect_err("invalid");
    assert_eq!(got.len(), 1);
}

#[test]
fn a_control_character_in_a_name_is_refused_where_it_is() {
    expect(
        "control-character.patchbay.ron",
        &[(
            "6:23",
            "system 1 has a control character (U+000D) in its name",
        )],
    );
}

#[test]
fn broken_flows() {
    expect(
        "broken-flows.patchbay.ron",
        &[
            (
                "17:49",
                "step 3 of flow \"Checkout\" is link 9, which the design does not have",
            ),
            (
                "18:46",
                "step 2 of flow \"Hand-off\" starts at Org, but step 1 ended at Backend",
            ),
            (
                "19:14",
                "flow id 1 is used twice (also by flow \"Checkout\")",
            ),
            ("20:41", "flow \"Nothing\" has no steps"),
        ],
    );
}
