//! Saving is atomic: a save that fails part-way leaves the previous file untouched.

use patchbay::model::{self, file::write_atomic};
use std::io;

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_that_fails_half_way_leaves_the_old_file_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("design.patchbay.ron");
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("valid");
    model::save(&design, &path).expect("first save");
    let before = std::fs::read(&path).expect("read");

    let new_text = model::to_ron_string(&design)
        .expect("text")
        .replace("Retail", "Changed");
    let err = write_atomic(&path, |w| {
        w.write_all(&new_text.as_bytes()[..new_text.len() / 2])?;
        Err(io::Error::other("disk full (injected)"))
    })
    .expect_err("the injected failure is reported");
    assert_eq!(err.to_string(), "disk full (injected)");

    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the previous file changed"
    );
    assert_eq!(
        files_in(dir.path()),
        ["design.patchbay.ron"],
        "the temporary file was left behind"
    );
}

#[test]
fn a_failed_rename_reports_the_error_and_cleans_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder where the file should go: everything is written, then the rename fails.
    let path = dir.path().join("taken.patchbay.ron");
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("keep.txt"), "untouched").expect("write");
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("valid");

    let err = model::save(&design, &path).expect_err("cannot replace a folder");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("could not save {}", path.display())),
        "{text}"
    );
    assert!(text.ends_with("(the previous file is unchanged)"), "{text}");
    assert_eq!(
        std::fs::read_to_string(path.join("keep.txt")).expect("read"),
        "untouched"
    );
    assert_eq!(files_in(dir.path()), ["taken.patchbay.ron"]);
}

#[test]
fn a_successful_save_replaces_the_file_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("design.patchbay.ron");
    std::fs::write(&path, "old").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("valid");

    model::save(&design, &path).expect("save");
    assert_eq!(model::load(&path).expect("load"), design);
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(files_in(dir.path()), ["design.patchbay.ron"]);
}

#[test]
fn saving_to_a_bare_file_name_uses_the_current_folder() {
    // `Path::parent` of a bare name is empty; the temporary file must still land beside it.
    let dir = tempfile::tempdir().expect("temp dir");
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("valid");
    let old = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(dir.path()).expect("cd");
    let result = model::save(&design, std::path::Path::new("bare.patchbay.ron"));
    std::env::set_current_dir(old).expect("cd back");
    result.expect("save");
    assert_eq!(files_in(dir.path()), ["bare.patchbay.ron"]);
}

#[test]
fn a_new_file_gets_the_permissions_file_create_would_give() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).expect("create");
    let path = dir.path().join("new.patchbay.ron");
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("valid");
    model::save(&design, &path).expect("save");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&reference));
}

#[test]
fn saving_keeps_the_leading_comments_and_writes_quotes_as_people_do() {
    use patchbay::document::Document;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hand.patchbay.ron");
    let text = "// Our integration estate.\n// Reviewed every quarter.\n\n(\n    format_version: 1,\n    name: \"The customer's view\",\n    systems: [\n        (id: 1, name: \"A \\\"quoted\\\" back\\\\slash\", kind: \"erp\"),\n        (id: 2, name: \"Org\", kind: \"salesforce-org\"),\n    ],\n    links: [\n        (id: 1, from: 1, to: 2, purpose: \"It's 'quoted'\"),\n    ],\n)\n";
    std::fs::write(&path, text).expect("written");
    let (design, header) = model::load_with_header(&path).expect("loads");
    assert_eq!(
        header,
        "// Our integration estate.\n// Reviewed every quarter.\n"
    );
    let mut doc = Document::from_file(design.clone(), path.clone()).with_header(header);
    doc.save_to(path.clone()).expect("saved");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        saved.starts_with("// Our integration estate.\n// Reviewed every quarter.\n#![enable"),
        "{saved}"
    );
    assert!(saved.contains("The customer's view"), "{saved}");
    assert!(saved.contains("It's 'quoted'"), "{saved}");
    assert!(!saved.contains("\\'"), "{saved}");
    // Every other escape stays, and the file reads back to the same design.
    assert!(saved.contains(r#"A \"quoted\" back\\slash"#), "{saved}");
    assert_eq!(model::load(&path).expect("reloads"), design);
}

#[test]
fn a_file_without_leading_comments_has_no_header() {
    assert_eq!(model::leading_comments("(\n    // not leading\n)"), "");
    assert_eq!(
        model::leading_comments("\n\n// a\n\n// b\n\n(x)"),
        "\n\n// a\n\n// b\n"
    );
    assert_eq!(model::leading_comments("// only\n"), "// only\n");
}
