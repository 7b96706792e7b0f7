//! `analyze --format junit`: read back by junitparser (Debian's python3-junitparser,
//! which `.ci/run` installs), with the counts and names the analysis has.

use patchbay::analysis::{self, Severity};
use patchbay::model::{self, Design};
use patchbay::report::junit;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[path = "support/designs.rs"]
mod designs;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What junitparser reads in a JUnit file: per suite its name, the counts it states,
/// and its cases (name, file, line, and whether each failed or was skipped).
const READ: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure, Skipped
suites = []
for suite in JUnitXml.fromfile(sys.argv[1]):
    cases = []
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        cases.append({"name": case.name, "file": case._elem.get("file"),
                      "line": int(case._elem.get("line")),
                      "failed": "Failure" in kinds, "skipped": "Skipped" in kinds})
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                   "skipped": suite.skipped, "cases": cases})
print(json.dumps(suites))
"#;

/// The Python with junitparser: `$JUNIT_PYTHON`, or Debian's.
fn read_back(xml: &str, dir: &Path) -> Value {
    let python = std::env::var("JUNIT_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let file = dir.join("report.xml");
    std::fs::write(&file, xml).expect("write");
    let out = Command::new(&python)
        .arg("-c")
        .arg(READ)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("{python} does not run ({e}); `.ci/run` installs python3-junitparser")
        });
    assert!(
        out.status.success(),
        "junitparser could not read it ({python}; `.ci/run` installs python3-junitparser): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn junitparser_reads_every_sample_and_a_hostile_design_with_the_analysis_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut designs: Vec<(String, Design)> = designs::samples()
        .into_iter()
        .map(|(n, d, _)| (n, d))
        .collect();
    designs.push(("hostile".into(), designs::hostile()));
    let mut failed_somewhere = false;
    for (name, design) in &designs {
        let text = model::file::to_ron_string(design).expect("writes");
        let a = analysis::analyze(design);
        let xml = junit::render(design, &a, "d.patchbay.ron", &text, Some(Severity::Warning));
        let suites = read_back(&xml, dir.path());
        let (links, findings) = (&suites[0], &suites[1]);
        assert_eq!(links["name"], "Links", "{name}");
        assert_eq!(links["tests"], a.links.len(), "{name}");
        assert_eq!(links["failures"], 0, "{name}");
        let failing = a
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .count();
        assert_eq!(
            findings["tests"],
            a.findings.len() + a.accepted.len(),
            "{name}"
        );
        assert_eq!(findings["failures"], failing, "{name}");
        assert_eq!(findings["skipped"], a.accepted.len(), "{name}");
        // The stated counts are the cases' own.
        let cases = findings["cases"].as_array().expect("cases");
        let count = |key: &str| cases.iter().filter(|c| c[key] == true).count();
        assert_eq!(count("failed"), failing, "{name}");
        assert_eq!(count("skipped"), a.accepted.len(), "{name}");
        failed_somewhere |= failing > 0;
        // Every name as the design has it, however hostile.
        let link_names: Vec<String> = links["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect();
        let expected: Vec<String> = a
            .links
            .iter()
            .map(|l| analysis::findings::link_name(design, &design.links[l.index]))
            .collect();
        assert_eq!(link_names, expected, "{name}");
        for c in links["cases"].as_array().expect("cases") {
            assert_eq!(c["file"], "d.patchbay.ron");
            assert!(
                c["line"].as_u64().expect("line") > 1,
                "{name}: a link's own line"
            );
        }
    }
    assert!(failed_somewhere, "some sample has warnings or worse");
}

#[test]
fn without_fail_on_nothing_fails_and_the_cli_exit_agrees() {
    let design = model::load(&root().join("samples/legacy.patchbay.ron")).expect("loads");
    let text = model::file::to_ron_string(&design).expect("writes");
    let a = analysis::analyze(&design);
    let dir = tempfile::tempdir().expect("temp dir");
    let suites = read_back(
        &junit::render(&design, &a, "l.ron", &text, None),
        dir.path(),
    );
    assert_eq!(suites[1]["failures"], 0);
    assert_eq!(suites[1]["tests"], a.findings.len() + a.accepted.len());

    let bin = env!("CARGO_BIN_EXE_patchbay");
    let out = Command::new(bin)
        .args(["analyze", "--format", "junit", "--fail-on", "high"])
        .arg(root().join("samples/legacy.patchbay.ron"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "legacy has high findings");
    let suites = read_back(&String::from_utf8(out.stdout).expect("utf-8"), dir.path());
    let high = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::High)
        .count();
    assert_eq!(suites[1]["failures"], high);
}
