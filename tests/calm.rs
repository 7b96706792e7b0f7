//! CALM both ways: every export is a valid CALM 1.2 architecture by the official
//! schemas, every sample comes back from its CALM file unchanged, and the CALM
//! repository's own architectures import with what they skip said.

#[path = "support/designs.rs"]
mod designs;

use patchbay::analysis::analyze;
use patchbay::interop::calm;
use patchbay::model::{AuthFlow, Design, SystemId};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/calm")
}

fn export(d: &Design) -> String {
    calm::export(d, &analyze(d))
}

#[test]
fn every_sample_and_a_hostile_design_come_back_from_calm_unchanged() {
    let mut all: Vec<(String, Design)> = designs::samples()
        .into_iter()
        .map(|(name, d, _)| (name, d))
        .collect();
    all.push(("hostile".into(), designs::hostile()));
    for (name, d) in &all {
        let text = export(d);
        let back = calm::import(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_eq!(&back.design, d, "{name}");
        assert!(
            back.report.is_empty(),
            "{name}: a Patchbay file needs no guesses: {:?}",
            back.report
        );
    }
}

/// The errors python-jsonschema (draft 2020-12) finds in `files` against the official
/// CALM 1.2 meta schemas kept in `tests/fixtures/calm/meta`.
fn schema_errors(files: &[PathBuf]) -> Vec<String> {
    let python = std::env::var_os("CALM_PYTHON").unwrap_or_else(|| "/usr/bin/python3".into());
    let out = Command::new(&python)
        .arg(fixtures().join("validate.py"))
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{python:?} runs (`.ci/run` installs python3-jsonschema; or set CALM_PYTHON): {e}"
            )
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.code() == Some(0) || (out.status.code() == Some(1) && !stdout.is_empty()),
        "the validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().map(str::to_owned).collect()
}

#[test]
fn the_official_calm_schemas_accept_every_export_and_catch_a_broken_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    let mut all: Vec<(String, Design)> = designs::samples()
        .into_iter()
        .map(|(name, d, _)| (name, d))
        .collect();
    all.push(("hostile".into(), designs::hostile()));
    for (name, d) in &all {
        let path = dir.path().join(format!("{name}.calm.json"));
        std::fs::write(&path, export(d)).expect("write");
        files.push(path);
    }
    assert_eq!(schema_errors(&files), Vec::<String>::new());

    // The validator is not a rubber stamp: the same file with four faults gives four.
    let retail = &all.iter().find(|(n, _)| n == "retail").expect("retail").1;
    let mut broken: Value = serde_json::from_str(&export(retail)).expect("json");
    broken["nodes"][0]
        .as_object_mut()
        .expect("node")
        .remove("node-type");
    let rel = broken["relationships"]
        .as_array_mut()
        .expect("list")
        .iter_mut()
        .find(|r| r.get("controls").is_some())
        .expect("a relationship with controls");
    rel["protocol"] = "SMTP".into();
    rel["controls"]["authentication"]
        .as_object_mut()
        .expect("control")
        .remove("requirements");
    broken["flows"][0]["colour"] = "blue".into();
    let path = dir.path().join("broken.calm.json");
    std::fs::write(&path, broken.to_string()).expect("write");
    let errors = schema_errors(&[path]);
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn each_link_carries_its_advice_as_controls_and_metadata() {
    let d = designs::samples()
        .into_iter()
        .find(|(n, ..)| n == "retail")
        .expect("retail")
        .1;
    let a = analyze(&d);
    let doc = calm::architecture(&d, &a);
    let relationships = doc["relationships"].as_array().expect("list");
    let mut mtls = 0;
    for l in &d.links {
        let la = a.link(l.id).expect("analysed");
        let r = relationships
            .iter()
            .find(|r| r["metadata"]["patchbay"]["id"] == l.id.0)
            .expect("each link is a relationship");
        let advice = &r["metadata"]["patchbay-advice"];
        let reason = la.auth_flow.reason.text().as_ref();
        let auth = if la.auth_flow.choice == AuthFlow::None {
            assert!(r["controls"].get("authentication").is_none());
            assert_eq!(advice["authentication"]["reason"], reason);
            &advice["authentication"]
        } else {
            let control = &r["controls"]["authentication"];
            let description = control["description"].as_str().expect("description");
            assert!(description.ends_with(reason), "{description}");
            &control["requirements"][0]["config"]
        };
        assert_eq!(auth["choice"], la.auth_flow.choice.id(), "{}", l.purpose);
        assert_eq!(
            advice["integration-pattern"]["choice"],
            la.pattern.choice.id()
        );
        assert_eq!(advice["events"]["choice"], la.events.choice.id());
        assert_eq!(
            r["controls"].get("mutual-tls").is_some(),
            la.mtls.choice,
            "{}",
            l.purpose
        );
        assert_eq!(advice.get("mutual-tls").is_none(), la.mtls.choice);
        if la.mtls.choice {
            mtls += 1;
        }
        let connects = &r["relationship-type"]["connects"];
        let node = |id: SystemId| {
            doc["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .find(|n| n["metadata"]["patchbay"]["id"] == id.0)
                .expect("node")["unique-id"]
                .clone()
        };
        assert_eq!(connects["source"]["node"], node(l.from));
        assert_eq!(connects["destination"]["node"], node(l.to));
    }
    assert!(mtls > 0, "the card payment link needs mutual TLS");
    // Zones are networks the systems are deployed in.
    let deployed = relationships
        .iter()
        .filter(|r| r["relationship-type"].get("deployed-in").is_some())
        .count();
    assert_eq!(deployed, d.zones.len());
    assert_eq!(doc["flows"].as_array().expect("flows").len(), d.flows.len());
}

#[test]
fn names_edited_in_a_calm_tool_are_kept_and_a_deleted_subject_drops_its_waiver() {
    let d = designs::hostile();
    let mut doc: Value = serde_json::from_str(&export(&d)).expect("json");
    let nodes = doc["nodes"].as_array_mut().expect("nodes");
    let erp = nodes
        .iter_mut()
        .find(|n| n["metadata"]["patchbay"]["id"] == 2)
        .expect("ERP");
    erp["name"] = "ERP (renamed)".into();
    erp["description"] = "Now with notes".into();
    // Remove the link the first waiver is about.
    let rels = doc["relationships"].as_array_mut().expect("relationships");
    let gone = rels
        .iter()
        .position(|r| r["metadata"]["patchbay"]["id"] == 1)
        .expect("link 1");
    rels.remove(gone);
    doc["flows"] = Value::Array(Vec::new());
    let back = calm::import(&doc.to_string()).expect("imports");
    let erp = back.design.system(SystemId(2)).expect("ERP");
    assert_eq!(erp.name, "ERP (renamed)");
    assert_eq!(erp.notes, "Now with notes");
    assert_eq!(back.design.waivers.len(), 1);
    assert!(
        back.report
            .iter()
            .any(|r| r.starts_with("metadata.patchbay.waivers[0]: the waiver of SEC-001 skipped")),
        "{:?}",
        back.report
    );
}

#[test]
fn a_broken_architecture_is_refused_with_the_json_path_of_each_problem() {
    let text = r#"{
      "nodes": [
        { "unique-id": "a", "node-type": "service", "name": "A", "description": "" },
        { "unique-id": "a", "node-type": "service", "name": "A again", "description": "" },
        { "node-type": "service", "name": "No id", "description": "" }
      ],
      "relationships": [
        { "unique-id": "r", "relationship-type": { "connects": {
            "source": { "node": "a" }, "destination": { "node": "missing" } } } },
        { "unique-id": "s", "relationship-type": { "connects": { "source": { "node": "a" } } } },
        { "unique-id": "t", "relationship-type": { "deployed-in": { "container": "nowhere", "nodes": ["a"] } } }
      ]
    }"#;
    let problems = calm::import(text).expect_err("refused");
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "nodes[1].unique-id: `a` is the id of an earlier node too",
            "nodes[2]: has no `unique-id`",
            "relationships[2].relationship-type.deployed-in.container: names `nowhere`, which is not a node",
            "relationships[0].relationship-type.connects.destination.node: names `missing`, which is not a node",
            "relationships[1].relationship-type.connects: needs a `source` and a `destination`, each with a `node`",
        ]
    );
    let syntax = calm::import("{\n  \"nodes\": [,]\n}").expect_err("not JSON");
    let at = syntax[0].location.expect("a place");
    assert_eq!((at.line, at.col), (2, 13));
    let pattern =
        std::fs::read_to_string(fixtures().join("pattern/api-gateway.json")).expect("pattern");
    let refused = calm::import(&pattern).expect_err("a pattern is not an architecture");
    assert!(refused[0].message.contains("not a CALM architecture"));
}

/// How each of the CALM repository's architectures imports: systems, zones, links and
/// flows, and every line of what was skipped, split or read as a zone (the kinds and
/// protocols guessed are checked apart).
#[test]
fn the_calm_repositorys_own_architectures_import_and_say_what_they_skip() {
    let actor = |name: &str, n: usize| {
        format!(
            "{name} (nodes[{n}]): an actor, skipped: Patchbay draws the systems and the links between them, not the people who use them"
        )
    };
    let zone = |name: &str, n: usize| {
        format!("{name} (nodes[{n}]): holds other nodes and connects to none, so it is a zone")
    };
    let interacts = |n: usize, id: &str| {
        format!(
            "relationships[{n}] ({id}): an `interacts` relationship, skipped: Patchbay draws systems, not the people who use them"
        )
    };
    let not_links = |n: usize, name: &str| {
        format!("flows[{n}] ({name}): 1 transition skipped, not links Patchbay drew")
    };
    let no_flow = |n: usize, name: &str| {
        format!("flows[{n}] ({name}): skipped, none of its transitions is a link Patchbay drew")
    };
    let answers = |n: usize, name: &str, k: usize| {
        format!(
            "flows[{n}] ({name}): {} back along an earlier step's link, read as that link's answer rather than a step",
            if k == 1 {
                "1 transition goes".to_owned()
            } else {
                format!("{k} transitions go")
            }
        )
    };
    let split = |n: usize, name: &str, k: usize| {
        format!(
            "flows[{n}] ({name}): a step does not start where the one before it ended, or at the same caller; a Patchbay flow is one chain, so it is split into {k} flows"
        )
    };
    let platform = || vec![zone("FluxNova Platform", 0)];
    let expected: Vec<(&str, [usize; 4], Vec<String>)> = vec![
        (
            "calm-1.json",
            [4, 1, 3, 0],
            vec![
                actor("CALM User", 0),
                zone("CALM Hub System", 5),
                interacts(0, "user-interacts-with-ui"),
                interacts(1, "user-interacts-with-cli"),
            ],
        ),
        (
            "calm-2.json",
            [5, 2, 3, 2],
            vec![
                actor("CALM User", 0),
                zone("CALM Hub System", 6),
                zone("Visual Studio Code", 7),
                interacts(0, "user-interacts-with-ui"),
                interacts(1, "user-interacts-with-cli"),
                interacts(2, "user-interacts-with-vscode"),
                not_links(0, "Publish Architecture"),
                not_links(1, "Browse Architectures"),
                no_flow(2, "Validate Architecture in IDE"),
            ],
        ),
        (
            "calm-3.json",
            [7, 2, 3, 2],
            vec![
                actor("CALM User", 0),
                zone("CALM Hub System", 8),
                zone("Visual Studio Code", 9),
                interacts(0, "user-interacts-with-ui"),
                interacts(1, "user-interacts-with-cli"),
                interacts(2, "user-interacts-with-vscode"),
                interacts(3, "user-interacts-with-studio"),
                interacts(4, "user-interacts-with-calm-server"),
                not_links(0, "Publish Architecture"),
                not_links(1, "Browse Architectures"),
                no_flow(2, "Validate Architecture in IDE"),
                no_flow(3, "Edit Architecture in CalmStudio"),
                no_flow(4, "Validate Architecture via CALM Server"),
            ],
        ),
        ("calm-hub-detail.architecture.json", [5, 0, 4, 0], vec![]),
        ("fluxnova-ai-agent.architecture.json", [10, 1, 9, 0], platform()),
        ("fluxnova-flash-risk.architecture.json", [10, 1, 11, 0], platform()),
        (
            "fluxnova-kyc-onboarding.architecture.json",
            [15, 1, 18, 0],
            vec![
                zone("FluxNova Platform", 0),
                actor("Customer", 7),
                actor("Compliance Officer", 8),
                actor("Senior Compliance Officer", 9),
                actor("Operations Manager", 10),
                interacts(5, "kyc-customer-to-tasklist"),
                interacts(6, "kyc-compliance-officer-to-tasklist"),
                interacts(7, "kyc-senior-compliance-to-tasklist"),
                interacts(8, "kyc-ops-manager-to-cockpit"),
            ],
        ),
        ("fluxnova-microservices.architecture.json", [11, 1, 11, 0], platform()),
        ("fluxnova-platform.architecture.json", [6, 1, 5, 0], platform()),
        ("fluxnova-settlement.architecture.json", [10, 1, 10, 0], platform()),
        (
            "trading-system.architecture.json",
            [11, 1, 16, 12],
            vec![
                zone("Trading System", 0),
                actor("Trader", 1),
                interacts(1, "trader-web-gui"),
                answers(0, "Load List of Accounts", 2),
                answers(1, "Bootstrap Trade and Position Blotter", 2),
                split(1, "Bootstrap Trade and Position Blotter", 2),
                not_links(2, "Submit Trade Ticket"),
                answers(2, "Submit Trade Ticket", 2),
                not_links(3, "Process Trade Event"),
                split(3, "Process Trade Event", 2),
                answers(4, "Add or Update Account", 1),
                answers(5, "Add or Update Users to Account", 5),
                split(5, "Add or Update Users to Account", 3),
                answers(6, "Security Master Bootstrap", 1),
                split(6, "Security Master Bootstrap", 2),
                "8 links had a flow show the answer coming back, so the caller waits for it (needs_response)".into(),
            ],
        ),
    ];
    let dir = fixtures().join("samples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let listed: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(files, listed, "every kept architecture is checked");
    for (file, [systems, zones, links, flows], lines) in &expected {
        let (file, systems, links) = (*file, *systems, *links);
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        let doc: Value = serde_json::from_str(&text).expect("json");
        let i = calm::import(&text).unwrap_or_else(|p| panic!("{file}: {p:#?}"));
        let d = &i.design;
        eprintln!(
            "ACTUAL {file} {} {} {} {} {:#?}",
            d.systems.len(),
            d.zones.len(),
            d.links.len(),
            d.flows.len(),
            i.report
                .iter()
                .filter(|l| !l.contains("no Patchbay kind")
                    && !l.contains("had no Patchbay")
                    && !l.contains("carries several")
                    && !l.contains("no protocol"))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            [d.systems.len(), d.zones.len(), d.links.len(), d.flows.len()],
            [systems, *zones, links, *flows],
            "{file}"
        );
        let said: Vec<&String> = i
            .report
            .iter()
            .filter(|l| !l.contains("no Patchbay kind") && !l.contains("had no Patchbay"))
            .filter(|l| !l.contains("carries several") && !l.contains("no protocol"))
            .collect();
        assert_eq!(said, lines.iter().collect::<Vec<_>>(), "{file}");
        // Each relationship another tool wrote says it took Patchbay's defaults.
        assert!(
            i.report
                .iter()
                .any(|l| l.starts_with(&format!("{links} connects relationship"))),
            "{file}: {:?}",
            i.report
        );
        // Every node is a system, a zone, or named among what was skipped; every
        // connection is a link or reported.
        for (n, node) in doc["nodes"].as_array().expect("nodes").iter().enumerate() {
            let name = node["name"].as_str().expect("name");
            let drawn =
                d.systems.iter().any(|s| s.name == name) || d.zones.iter().any(|z| z.name == name);
            let said = i
                .report
                .iter()
                .any(|l| l.contains(&format!("(nodes[{n}])")));
            assert!(drawn || said, "{file}: {name} vanished");
        }
        let rels = doc["relationships"].as_array().expect("relationships");
        let connects = rels
            .iter()
            .filter(|r| r["relationship-type"].get("connects").is_some())
            .count();
        let skipped = i
            .report
            .iter()
            .filter(|l| l.contains("is not drawn as a system"))
            .count();
        assert_eq!(connects, links + skipped, "{file}");
        // Every guessed kind is said.
        let guessed = i
            .report
            .iter()
            .filter(|l| l.contains("no Patchbay kind"))
            .count();
        assert_eq!(guessed, systems, "{file}");
        // And what came in is a design Patchbay can analyse and write back out.
        let again = calm::import(&export(d)).expect("round trip");
        assert_eq!(&again.design, d, "{file}");
    }
}

#[test]
fn the_cli_exports_and_imports_calm() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("retail.calm.json");
    let bin = env!("CARGO_BIN_EXE_patchbay");
    let status = Command::new(bin)
        .args([
            "export",
            "samples/retail.patchbay.ron",
            "--to",
            "calm",
            "-o",
        ])
        .arg(&out)
        .current_dir(root())
        .status()
        .expect("runs");
    assert!(status.success());
    let back = dir.path().join("back.patchbay.ron");
    let run = Command::new(bin)
        .arg("import")
        .arg(&out)
        .arg("-o")
        .arg(&back)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let original = patchbay::model::load(Path::new(&root().join("samples/retail.patchbay.ron")))
        .expect("sample");
    assert_eq!(patchbay::model::load(&back).expect("imported"), original);
}
