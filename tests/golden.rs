//! Golden reports: `analyze --format json` and `--format markdown` for every sample.
//! A change in what Patchbay recommends shows up here as a reviewable diff.

use std::process::Command;

fn analyze(file: &str, format: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .args(["analyze", path.to_str().expect("path"), "--format", format])
        // Waivers are checked against this day, so the reports never change with the clock.
        .env("PATCHBAY_TODAY", "2026-11-30")
        .output()
        .expect("run patchbay");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn golden_reports_of_every_sample() {
    for sample in patchbay::samples::ALL {
        let stem = sample.file_name.trim_end_matches(".patchbay.ron");
        insta::assert_snapshot!(format!("{stem}.json"), analyze(sample.file_name, "json"));
        insta::assert_snapshot!(format!("{stem}.md"), analyze(sample.file_name, "markdown"));
    }
}
