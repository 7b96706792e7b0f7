//! The CLI run as a process, as a CI job or a person would run it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn patchbay(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .args(args)
        .output()
        .expect("run patchbay");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn analyze_json_is_the_documented_contract_and_deterministic() {
    let file = sample("retail.patchbay.ron");
    let (code, first, _) = patchbay(&["analyze", path(&file), "--format", "json"]);
    assert_eq!(code, 0);
    let (_, second, _) = patchbay(&["analyze", path(&file), "--format", "json"]);
    assert_eq!(first, second, "same file, same bytes");

    let v: serde_json::Value = serde_json::from_str(&first).expect("valid JSON");
    assert_eq!(v["report_version"], 4);
    assert_eq!(v["design"]["name"], "Retail company");
    assert_eq!(v["summary"]["systems"], 7);
    assert_eq!(v["summary"]["links"], 9);
    let link = &v["links"][0];
    for key in [
        "id",
        "from",
        "to",
        "kind",
        "connects",
        "pattern",
        "events",
        "auth_flow",
        "mtls",
    ] {
        assert!(!link[key].is_null(), "links[].{key}");
    }
    // Who opens each connection: the warehouse's job pulls its nightly extract.
    let extract = v["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["to"]["name"] == "Data warehouse")
        .expect("the warehouse extract");
    assert_eq!(extract["connects"]["side"], "target");
    assert_eq!(extract["connects"]["how"], "bulk-extract");
    // Each decision names its choice and the explanation it shares with other links.
    let explanations = v["explanations"].as_array().expect("explanations[]");
    for decision in ["pattern", "events", "auth_flow", "mtls"] {
        let why = link[decision]["why"].as_u64().expect("why") as usize;
        let e = &explanations[why];
        assert_eq!(e["decision"], decision);
        for key in [
            "choice",
            "reason",
            "decided_by",
            "runner_up",
            "flips",
            "options",
        ] {
            assert!(e.get(key).is_some(), "explanations[].{key}");
        }
        if decision == "mtls" {
            assert_eq!(e["choice"], link["mtls"]["recommended"]);
        } else {
            assert_eq!(e["choice"], link[decision]["id"]);
        }
    }
    assert!(link["mtls"]["recommended"].is_boolean());
    // Written once: no two explanations alike, and every one is used.
    let distinct: std::collections::HashSet<String> =
        explanations.iter().map(|e| e.to_string()).collect();
    assert_eq!(distinct.len(), explanations.len());
    let mut used = vec![false; explanations.len()];
    for link in v["links"].as_array().expect("links[]") {
        for decision in ["pattern", "events", "auth_flow", "mtls"] {
            used[link[decision]["why"].as_u64().expect("why") as usize] = true;
        }
    }
    assert!(used.iter().all(|&u| u), "an explanation no link uses");
    for key in [
        "verdict",
        "systems",
        "point_to_point",
        "full_mesh",
        "through_hub",
        "signals",
    ] {
        assert!(!v["esb"][key].is_null(), "esb.{key}");
    }
    let finding = &v["findings"][0];
    for key in ["rule", "severity", "subject", "message"] {
        assert!(!finding[key].is_null(), "findings[].{key}");
    }
    // The rule's texts are in `rules`, once, for every rule a finding names.
    let rules = v["rules"].as_array().expect("rules[]");
    for f in v["findings"].as_array().expect("findings[]") {
        let rule = rules
            .iter()
            .find(|r| r["id"] == f["rule"])
            .expect("the finding's rule is listed");
        for key in ["title", "severity", "rationale", "fix", "reference"] {
            assert!(rule[key].is_string(), "rules[].{key}");
        }
    }
    // One record per line, so a change to one link is a change to one line.
    assert!(
        first
            .lines()
            .filter(|l| l.trim_start().starts_with("{\"id\":"))
            .count()
            >= 9
    );
}

#[test]
fn fail_on_gates_ci_by_severity() {
    let legacy = sample("legacy.patchbay.ron");
    let startup = sample("startup.patchbay.ron");
    let healthcare = sample("healthcare.patchbay.ron");
    assert_eq!(
        patchbay(&["analyze", path(&legacy)]).0,
        0,
        "no gate, no failure"
    );
    assert_eq!(
        patchbay(&["analyze", path(&legacy), "--fail-on", "high"]).0,
        1
    );
    assert_eq!(
        patchbay(&["analyze", path(&healthcare), "--fail-on", "high"]).0,
        0,
        "warnings only"
    );
    assert_eq!(
        patchbay(&["analyze", path(&healthcare), "--fail-on", "warning"]).0,
        1
    );
    assert_eq!(
        patchbay(&["analyze", path(&startup), "--fail-on", "warning"]).0,
        0
    );
}

#[test]
fn analyze_reports_bad_input_and_usage_errors() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/dangling-link.patchbay.ron");
    let (code, stdout, stderr) = patchbay(&["analyze", path(&bad)]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("dangling-link.patchbay.ron:10:30: link 2 goes to system 9"),
        "{stderr}"
    );

    let (code, _, stderr) = patchbay(&["analyze", "missing.patchbay.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read missing.patchbay.ron"),
        "{stderr}"
    );

    let (code, _, stderr) = patchbay(&["analyze", path(&bad), "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");
}

#[test]
fn text_report_leads_with_the_verdict() {
    let (code, out, _) = patchbay(&["analyze", path(&sample("startup.patchbay.ron"))]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "Two-system startup (2 systems, 2 links, production)\n\nESB: point-to-point\n"
        ),
        "{out}"
    );
    assert!(out.contains("    auth flow  jwt-bearer\n"), "{out}");
}

#[test]
fn rules_lists_every_rule_and_explain_prints_one() {
    let (code, out, _) = patchbay(&["rules"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), patchbay::analysis::rules::ALL.len());
    assert!(out.lines().any(|l| l.starts_with("AUTH-001")
        && l.contains("high")
        && l.contains("Username-password")));

    let (code, out, _) = patchbay(&["explain", "auth-001"]);
    assert_eq!(code, 0);
    for part in [
        "AUTH-001: Username-password flow in use",
        "What it checks",
        "Why it matters",
        "What to do instead",
        "RFC 9700",
        "Concepts\n  The end of the username-password flow (username-password-retirement): ",
        "  Username-password flow (username-password): ",
        "  External Client Apps (external-client-apps): ",
        "20 February 2027",
        "Facts checked December 2026",
    ] {
        assert!(out.contains(part), "{part} missing in {out}");
    }
    let (code, _, err) = patchbay(&["explain", "XYZ-999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule or concept \"XYZ-999\""), "{err}");

    // A concept card, with the exercises that practise it; the list of cards; the
    // dated facts.
    let (code, out, _) = patchbay(&["explain", "dpop"]);
    assert_eq!(code, 0);
    for part in [
        "Bound tokens with DPoP",
        "RFC 9449 (OAuth 2.0 Demonstrating Proof of Possession (DPoP), September 2023)",
        "Practise it\n  patchbay lesson show phone-bound-tokens",
        "Facts checked December 2026",
    ] {
        assert!(out.contains(part), "{part} missing in {out}");
    }
    let (code, out, _) = patchbay(&["explain", "concepts"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().filter(|l| !l.is_empty()).count(),
        patchbay::learn::concepts::CONCEPTS.len() + 1
    );
    let (code, out, _) = patchbay(&["explain", "facts"]);
    assert_eq!(code, 0);
    for part in [
        "username-password retirement: Salesforce retires the OAuth username-password flow for connected apps, 20 February 2027",
        "Source: Salesforce Help article 005461976",
        "RFC 10017: OAuth 2.0 for Browser-Based Applications, Best Current Practice, August 2026",
        "checked December 2026.",
    ] {
        assert!(out.contains(part), "{part} missing in {out}");
    }
}

#[test]
fn generate_writes_a_loadable_design_and_is_reproducible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.patchbay.ron");
    let (code, _, err) = patchbay(&[
        "generate",
        "--systems",
        "200",
        "--links-per-system",
        "3",
        "--seed",
        "4",
        "-o",
        path(&file),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("200 systems"), "{err}");
    let (code, out, _) = patchbay(&["check", path(&file)]);
    assert_eq!(code, 0, "{out}");
    let (_, stdout_copy, _) = patchbay(&[
        "generate",
        "--systems",
        "200",
        "--links-per-system",
        "3",
        "--seed",
        "4",
    ]);
    assert_eq!(
        stdout_copy,
        std::fs::read_to_string(&file).expect("read"),
        "same seed, same file"
    );
    let (code, _, _) = patchbay(&["analyze", path(&file), "--format", "json"]);
    assert_eq!(code, 0);
}

#[test]
fn without_a_display_the_window_fails_with_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run patchbay");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the window could not be opened"),
        "{stderr}"
    );
    assert!(stderr.contains("patchbay --help"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn export_writes_every_format_to_stdout_or_a_file() {
    let file = sample("startup.patchbay.ron");
    for (format, starts) in [
        ("svg", "<svg "),
        ("html", "<!DOCTYPE html>"),
        ("markdown", "# Two-system startup"),
        ("json", "{"),
        ("mermaid", "flowchart LR"),
        ("dot", "digraph "),
        ("plantuml", "@startuml"),
    ] {
        let (code, out, err) = patchbay(&["export", path(&file), "--to", format]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(
            out.starts_with(starts),
            "{format}: {}",
            &out[..out.len().min(80)]
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["svg", "png"] {
        let out_file = dir.path().join(format!("startup.{format}"));
        let (code, stdout, err) = patchbay(&[
            "export",
            path(&file),
            "--to",
            format,
            "-o",
            path(&out_file),
            "--scale",
            "1.5",
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(stdout.is_empty());
        assert!(std::fs::metadata(&out_file).expect("written").len() > 1000);
    }
}

#[test]
fn export_refuses_unknown_formats_bad_files_and_png_on_a_terminal() {
    let file = sample("startup.patchbay.ron");
    let (code, _, err) = patchbay(&["export", path(&file), "--to", "visio"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown format \"visio\"; choose one of: svg, png, html"),
        "{err}"
    );

    let (code, _, err) = patchbay(&["export", path(&file), "--to", "png"]);
    assert_eq!(code, 2);
    assert!(err.contains("give a file with -o"), "{err}");

    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/unknown-kind.patchbay.ron");
    let (code, out, err) = patchbay(&["export", path(&bad), "--to", "svg"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("unknown-kind.patchbay.ron:6:42: unknown system kind"),
        "{err}"
    );
}

#[test]
fn a_mermaid_export_over_mermaid_s_limits_fails_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.patchbay.ron");
    let out = dir.path().join("big.mmd");
    let (code, ..) = patchbay(&[
        "generate",
        "--systems",
        "300",
        "--seed",
        "1",
        "-o",
        path(&big),
    ]);
    assert_eq!(code, 0);
    let (code, stdout, stderr) = patchbay(&["export", path(&big), "--to", "mermaid"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "nothing written to paste");
    assert!(
        stderr.contains("refuses diagrams over 50,000") && stderr.contains("--force"),
        "{stderr}"
    );
    let (code, _, stderr) = patchbay(&[
        "export",
        path(&big),
        "--to",
        "mermaid",
        "--force",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("warning:"), "{stderr}");
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .starts_with("flowchart LR")
    );
}

#[test]
fn lesson_commands_hand_out_and_grade_exercises() {
    let dir = tempfile::tempdir().expect("temp dir");
    let progress = dir.path().join("progress.ron");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
            .args(args)
            .env("PATCHBAY_PROGRESS", &progress)
            .output()
            .expect("run patchbay");
        (
            out.status.code().expect("exit code"),
            String::from_utf8(out.stdout).expect("utf-8"),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, list, _) = run(&["lesson", "list"]);
    assert_eq!(code, 0);
    assert!(list.lines().count() >= 10, "{list}");
    assert!(
        list.contains("sync-ceiling") && list.contains("new"),
        "{list}"
    );

    // Hand out the starting design; it does not meet the goal.
    let start = dir.path().join("start.patchbay.ron");
    let (code, shown, _) = run(&[
        "lesson",
        "show",
        "sync-ceiling",
        "--hints",
        "--design",
        path(&start),
    ]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Hints\n  1. "), "{shown}");
    let (code, feedback, _) = run(&["lesson", "check", "sync-ceiling", path(&start)]);
    assert_eq!(code, 1, "{feedback}");
    assert!(feedback.contains("todo PAT-001 still fires"), "{feedback}");

    // The student's fix: the caller no longer waits, and the decision comes back by a
    // call of its own.
    let text = std::fs::read_to_string(&start).expect("read");
    let solved = dir.path().join("solved.patchbay.ron");
    let unticked = text.replace("needs_response: true, ", "");
    let (code, feedback, _) = {
        std::fs::write(&solved, &unticked).expect("write");
        run(&["lesson", "check", "sync-ceiling", path(&solved)])
    };
    assert_eq!(code, 1, "no way back yet: {feedback}");
    assert!(
        feedback.contains("no link from Scoring ERP to Salesforce"),
        "{feedback}"
    );
    let with_callback = unticked.replace(
        "    ],\n)",
        "        (id: 2, from: 2, to: 1, purpose: \"Credit decision back\"),\n    ],\n)",
    );
    assert_ne!(with_callback, unticked);
    std::fs::write(&solved, with_callback).expect("write");
    let (code, feedback, _) = run(&["lesson", "check", "sync-ceiling", path(&solved)]);
    assert_eq!(code, 0, "{feedback}");
    assert!(feedback.contains("Solved"), "{feedback}");

    // A question is answered with --answer; a wrong one says what is right and why.
    let (code, feedback, _) = run(&["lesson", "check", "smart-tv", "--answer", "jwt-bearer"]);
    assert_eq!(code, 1);
    assert!(
        feedback.contains("Patchbay recommends device"),
        "{feedback}"
    );
    assert_eq!(
        run(&["lesson", "check", "smart-tv", "--answer", "device"]).0,
        0
    );

    // Usage errors: exit 2 with a message.
    for args in [
        &["lesson", "show", "no-such"][..],
        &["lesson", "check", "smart-tv"][..],
        &["lesson", "check", "sync-ceiling"][..],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.starts_with("error: "), "{err}");
    }
    // A broken submission is reported with its line and column.
    let broken = dir.path().join("broken.patchbay.ron");
    std::fs::write(
        &broken,
        "(format_version: 1, name: \"x\", systems: [(id: 1,]",
    )
    .expect("write");
    let (code, _, err) = run(&["lesson", "check", "sync-ceiling", path(&broken)]);
    assert_eq!(code, 1);
    assert!(err.contains("broken.patchbay.ron:1:"), "{err}");
}

#[test]
fn diff_exits_like_diff_and_writes_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let retail = sample("retail.patchbay.ron");
    let (code, out, _) = patchbay(&["diff", path(&retail), path(&retail)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("The designs are the same."));

    let changed = dir.path().join("changed.patchbay.ron");
    let text = std::fs::read_to_string(&retail).expect("read");
    std::fs::write(&changed, text.replace("volume: 40000", "volume: 1500")).expect("write");
    for format in ["text", "markdown", "json", "html"] {
        let (code, out, err) =
            patchbay(&["diff", path(&retail), path(&changed), "--format", format]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("1500"), "{format}: {out}");
    }
    let page = dir.path().join("review.html");
    assert_eq!(
        patchbay(&[
            "diff",
            path(&retail),
            path(&changed),
            "--format",
            "html",
            "-o",
            path(&page)
        ])
        .0,
        1
    );
    assert!(
        std::fs::read_to_string(&page)
            .expect("written")
            .starts_with("<!DOCTYPE html>")
    );

    // A design that cannot be compared is an error (2), not a difference (1).
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/dangling-link.patchbay.ron");
    let (code, _, err) = patchbay(&["diff", path(&retail), path(&bad)]);
    assert_eq!(code, 2);
    assert!(err.contains("dangling-link.patchbay.ron:10:30"), "{err}");
    assert_eq!(
        patchbay(&["diff", path(&retail), "/no/such/file.patchbay.ron"]).0,
        2
    );
}

#[test]
fn accepted_findings_do_not_fail_the_gate_and_stale_waivers_are_checked() {
    let retail = sample("retail.patchbay.ron");
    let run = |args: &[&str], today: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_patchbay"))
            .args(args)
            .env("PATCHBAY_TODAY", today)
            .output()
            .expect("run");
        (
            out.status.code().expect("code"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // The sample's warnings are accepted until 2027-06-30.
    let (code, out) = run(
        &["analyze", path(&retail), "--fail-on", "warning"],
        "2026-11-30",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Accepted findings: 1"), "{out}");
    let (code, out) = run(
        &["analyze", path(&retail), "--fail-on", "warning"],
        "2027-07-01",
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("no longer holds: it expired after 2027-06-30"),
        "{out}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let stale = dir.path().join("stale.patchbay.ron");
    let text = std::fs::read_to_string(&retail).expect("read");
    let text = text.replace(
        "(rule: \"GRAPH-002\", link: 5,",
        "(rule: \"GRAPH-002\", link: 99,",
    );
    std::fs::write(&stale, &text).expect("write");
    let (code, out) = run(&["check", path(&stale)], "2026-11-30");
    assert_eq!(code, 1, "{out}");
    let line = text
        .lines()
        .position(|l| l.contains("link: 99"))
        .expect("line")
        + 1;
    assert!(
        out.contains(&format!("stale.patchbay.ron:{line}:"))
            && out
                .contains("waiver 1 accepts GRAPH-002 for link 99, which the design no longer has"),
        "{out}"
    );
    // It still opens and analyzes: a stale waiver is no reason to refuse a design.
    assert_eq!(run(&["analyze", path(&stale)], "2026-11-30").0, 0);
}

#[test]
fn the_help_of_export_and_import_names_every_format_there_is() {
    let (code, help, _) = patchbay(&["export", "--help"]);
    assert_eq!(code, 0);
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in patchbay::export::ExportFormat::ALL {
        assert!(
            flat.contains(f.id()),
            "export --help does not name {}",
            f.id()
        );
    }
    let (code, help, _) = patchbay(&["import", "--help"]);
    assert_eq!(code, 0);
    for ext in patchbay::interop::EXTENSIONS {
        assert!(
            help.contains(&format!(".{ext}")),
            "import --help does not name .{ext}"
        );
    }
}
