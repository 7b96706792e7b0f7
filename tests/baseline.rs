//! `analyze --baseline`: `--fail-on` counts only the findings the baseline does not have.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn analyze(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .arg("analyze")
        .args(args)
        .output()
        .expect("runs")
}

fn legacy() -> String {
    root()
        .join("samples/legacy.patchbay.ron")
        .display()
        .to_string()
}

/// The JSON report of the legacy sample, with only the findings `keep` keeps.
fn baseline_without(
    dir: &Path,
    name: &str,
    mut keep: impl FnMut(&Value) -> bool,
) -> (String, usize) {
    let out = analyze(&["--format", "json", &legacy()]);
    let mut report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = report["findings"].as_array_mut().expect("findings");
    findings.retain(|f| keep(f));
    let kept = findings.len();
    let path = dir.join(name);
    std::fs::write(&path, report.to_string()).expect("write");
    (path.display().to_string(), kept)
}

#[test]
fn fail_on_counts_only_findings_the_baseline_does_not_have() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Without a baseline the legacy sample fails a warning gate (8 high, 3 warnings).
    assert_eq!(
        analyze(&["--fail-on", "warning", &legacy()]).status.code(),
        Some(1)
    );

    // A baseline with every finding but one high one: that one fails the gate.
    let mut left_out = None;
    let (base, kept) = baseline_without(dir.path(), "one-missing.json", |f| {
        if left_out.is_none() && f["severity"] == "high" {
            left_out = Some(f["rule"].clone());
            return false;
        }
        true
    });
    let out = analyze(&["--fail-on", "warning", "--baseline", &base, &legacy()]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "{kept} of the {} open findings were in it; 1 new",
            kept + 1
        )),
        "{said}"
    );

    // A baseline missing only an info finding: the warning gate passes, the new
    // finding being below it.
    let mut left_out = false;
    let (base, _) = baseline_without(dir.path(), "info-missing.json", |f| {
        if !left_out && f["severity"] == "info" {
            left_out = true;
            return false;
        }
        true
    });
    let out = analyze(&["--fail-on", "warning", "--baseline", &base, &legacy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The design file itself as the baseline: nothing is new.
    let out = analyze(&["--fail-on", "warning", "--baseline", &legacy(), &legacy()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("; 0 new"));
}

#[test]
fn a_baseline_that_is_no_report_says_so_and_gates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.json");
    std::fs::write(&path, r#"{"version": "2.1.0", "runs": []}"#).expect("write");
    let out = analyze(&[
        "--fail-on",
        "warning",
        "--baseline",
        &path.display().to_string(),
        &legacy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("other.json") && said.contains("no `findings` list"),
        "{said}"
    );
    let missing = analyze(&["--baseline", "/nonexistent/base.json", &legacy()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read the baseline"));
}
