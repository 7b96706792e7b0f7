//! `analyze --format sarif`: SARIF 2.1.0 that Microsoft's validator accepts, each finding
//! at its subject's line, accepted findings suppressed, fingerprints that survive
//! renumbering.

use patchbay::analysis;
use patchbay::model::{self, Design, LinkId, SystemId};
use patchbay::report::sarif;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/designs.rs"]
mod designs;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> (Design, String) {
    let path = root().join("samples").join(format!("{name}.patchbay.ron"));
    let text = std::fs::read_to_string(&path).expect("sample");
    (model::load(&path).expect("sample loads"), text)
}

/// The SARIF of a design, as the CLI writes it for a file at `samples/NAME`.
fn log(design: &Design, text: &str, file: &str) -> Value {
    sarif::render(design, &analysis::analyze(design), file, text)
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results")
}

/// Microsoft's SARIF validator: `$SARIF_MULTITOOL`, or where `.ci/run` installs it.
fn multitool() -> PathBuf {
    std::env::var_os("SARIF_MULTITOOL").map_or_else(
        || root().join("target/sarif-multitool/node_modules/.bin/sarif-multitool"),
        PathBuf::from,
    )
}

#[test]
fn the_sarif_validator_accepts_every_sample_and_a_hostile_design() {
    let tool = multitool();
    assert!(
        tool.exists(),
        "the SARIF validator is not at {} (`.ci/run` installs @microsoft/sarif-multitool; or set SARIF_MULTITOOL)",
        tool.display()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let mut designs = designs::samples();
    let d = designs::hostile();
    let text = model::file::to_ron_string(&d).expect("writes");
    designs.push(("hostile".into(), d, text));
    let mut found = 0;
    for (name, design, text) in &designs {
        let file = format!("samples/{name}.patchbay.ron");
        let sarif = log(design, text, &file);
        found += results(&sarif).len();
        let path = dir.path().join(format!("{name}.sarif"));
        std::fs::write(&path, serde_json::to_string_pretty(&sarif).expect("json")).expect("write");
        let errors = validation_errors(&tool, &path, dir.path());
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    assert!(
        found > 20,
        "only {found} results in all: the designs should have findings"
    );
    // The validator does find errors: a log whose tool has no name, and a line 0.
    let (design, text) = sample("legacy");
    let mut broken = log(&design, &text, "samples/legacy.patchbay.ron");
    broken["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .expect("driver")
        .remove("name");
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    let path = dir.path().join("broken.sarif");
    std::fs::write(&path, broken.to_string()).expect("write");
    assert_eq!(validation_errors(&tool, &path, dir.path()).len(), 2);
}

/// What the validator says is wrong with the log at `path`, checked against the SARIF
/// 2.1.0 schema kept in `tests/fixtures/sarif` and its own rules: its errors' messages.
fn validation_errors(tool: &Path, path: &Path, dir: &Path) -> Vec<String> {
    let report = dir.join(format!(
        "{}.validation.sarif",
        path.file_stem().expect("name").to_string_lossy()
    ));
    let out = Command::new(tool)
        .arg("validate")
        .arg("--json-schema")
        .arg(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
        .arg(path)
        .arg("--output")
        .arg(&report)
        .output()
        .expect("runs the validator");
    assert!(
        out.status.success(),
        "the validator failed on {}: {}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The validator's own findings, as SARIF.
    let said: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("json");
    said["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["results"].as_array().cloned().unwrap_or_default())
        .filter(|r| r["level"] == "error")
        .map(|r| r["message"].to_string())
        .collect()
}

#[test]
fn every_rule_is_listed_and_every_result_points_at_its_subject() {
    let (design, text) = sample("legacy");
    let a = analysis::analyze(&design);
    let sarif = sarif::render(&design, &a, "samples/legacy.patchbay.ron", &text);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), analysis::rules::ALL.len());
    let lines: Vec<&str> = text.lines().collect();
    for r in results(&sarif) {
        let index = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let (line, col) = (
            region["startLine"].as_u64().expect("line") as usize,
            region["startColumn"].as_u64().expect("column") as usize,
        );
        let kind = r["locations"][0]["logicalLocations"][0]["kind"]
            .as_str()
            .expect("kind");
        if kind == "design" {
            assert_eq!((line, col), (1, 1));
        } else {
            // The line holds the start of the subject's record, whose name or ends follow.
            let at: String = lines[line - 1].chars().skip(col - 1).collect();
            assert!(at.starts_with('('), "{kind} at {line}:{col}: {at:?}");
        }
    }
    assert_eq!(results(&sarif).len(), a.findings.len() + a.accepted.len());
}

#[test]
fn an_accepted_finding_is_suppressed_and_a_lapsed_waiver_is_not() {
    let (mut design, _) = sample("retail");
    assert!(
        !design.waivers.is_empty(),
        "the retail sample accepts a finding"
    );
    let text = model::file::to_ron_string(&design).expect("writes");
    let sarif = log(&design, &text, "retail.patchbay.ron");
    let suppressed: Vec<&Value> = results(&sarif)
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), design.waivers.len());
    let s = &suppressed[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["justification"], design.waivers[0].reason.as_str());
    assert_eq!(s["properties"]["acceptedBy"], design.waivers[0].by.as_str());

    // Expired yesterday: the finding is open again, an ordinary result.
    design.waivers[0].until = Some("2000-01-01".into());
    let text = model::file::to_ron_string(&design).expect("writes");
    let sarif = log(&design, &text, "retail.patchbay.ron");
    assert!(
        results(&sarif)
            .iter()
            .all(|r| r.get("suppressions").is_none())
    );
    assert!(
        results(&sarif)
            .iter()
            .any(|r| r["ruleId"] == design.waivers[0].rule.as_str())
    );
}

/// The design with every system and link numbered anew, and everything that refers to
/// them updated.
fn renumbered(d: &Design) -> Design {
    let mut r = d.clone();
    let sys = |id: SystemId| SystemId(id.0 + 500);
    let link = |id: LinkId| LinkId(id.0 + 900);
    for s in &mut r.systems {
        s.id = sys(s.id);
    }
    for l in &mut r.links {
        l.id = link(l.id);
        l.from = sys(l.from);
        l.to = sys(l.to);
    }
    for f in &mut r.flows {
        for step in &mut f.steps {
            *step = link(*step);
        }
    }
    for w in &mut r.waivers {
        w.system = w.system.map(sys);
        w.link = w.link.map(link);
    }
    r
}

#[test]
fn fingerprints_do_not_change_when_systems_and_links_are_renumbered() {
    let fingerprints = |d: &Design| -> BTreeSet<(String, String)> {
        let text = model::file::to_ron_string(d).expect("writes");
        results(&log(d, &text, "d.patchbay.ron"))
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().expect("rule").to_owned(),
                    r["partialFingerprints"]["patchbayFinding/v1"]
                        .as_str()
                        .expect("fingerprint")
                        .to_owned(),
                )
            })
            .collect()
    };
    for name in ["legacy", "enterprise", "retail"] {
        let (d, _) = sample(name);
        let before = fingerprints(&d);
        assert!(!before.is_empty(), "{name} has findings");
        let r = renumbered(&d);
        assert!(
            model::validate::validate(&r).is_empty(),
            "{name} renumbered is valid"
        );
        assert_eq!(fingerprints(&r), before, "{name}");
    }
}

#[test]
fn the_cli_writes_sarif_and_fails_on_as_with_the_other_formats() {
    let bin = env!("CARGO_BIN_EXE_patchbay");
    let out = Command::new(bin)
        .args(["analyze", "--format", "sarif", "--fail-on", "high"])
        .arg(root().join("samples/legacy.patchbay.ron"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "legacy has high findings");
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(results(&sarif).iter().any(|r| r["level"] == "error"));
    let ok = Command::new(bin)
        .args(["analyze", "--format", "sarif", "--fail-on", "high"])
        .arg(root().join("samples/startup.patchbay.ron"))
        .output()
        .expect("runs");
    let startup: Value = serde_json::from_slice(&ok.stdout).expect("SARIF is JSON");
    let high = results(&startup)
        .iter()
        .any(|r| r["level"] == "error" && r.get("suppressions").is_none());
    assert_eq!(ok.status.code(), Some(if high { 1 } else { 0 }));
}
