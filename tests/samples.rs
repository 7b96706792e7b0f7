//! Every shipped sample loads, validates and survives a save/load round trip.

use patchbay::model::{self, Design};
use patchbay::samples;
use std::path::Path;

fn sample_paths() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
            .expect("samples folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".patchbay.ron"))
            .collect();
    paths.sort();
    paths
}

#[test]
fn every_sample_file_is_built_in_and_every_built_in_sample_is_a_file() {
    let on_disk: Vec<String> = sample_paths()
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let mut built_in: Vec<String> = samples::ALL
        .iter()
        .map(|s| s.file_name.to_owned())
        .collect();
    built_in.sort();
    assert_eq!(on_disk, built_in);
    assert_eq!(on_disk.len(), 7);
}

#[test]
fn every_sample_loads_and_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in sample_paths() {
        let design = model::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !design.description.is_empty(),
            "{}: has no description",
            path.display()
        );
        assert!(
            design.systems.iter().all(|s| s.position.is_some()),
            "{}: unplaced system",
            path.display()
        );

        let copy = dir.path().join("copy.patchbay.ron");
        model::save(&design, &copy).expect("save");
        let first = std::fs::read(&copy).expect("read");
        let again: Design = model::load(&copy).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, design, "{}: changed on a round trip", path.display());
        model::save(&again, &copy).expect("save again");
        assert_eq!(
            std::fs::read(&copy).expect("read"),
            first,
            "{}: saving is not deterministic",
            path.display()
        );
    }
}

#[test]
fn the_default_design_is_the_retail_sample() {
    let design = model::parse(samples::DEFAULT.text).expect("valid");
    assert_eq!(design.name, "Retail company");
    let kinds: Vec<&str> = design.systems.iter().map(|s| s.kind.id()).collect();
    for kind in [
        "salesforce-org",
        "erp",
        "web-app",
        "backend-service",
        "marketing-platform",
        "payment-service",
        "database",
    ] {
        assert!(kinds.contains(&kind), "retail lacks a {kind}");
    }
}

#[test]
fn the_samples_cover_what_their_descriptions_promise() {
    let load = |name: &str| {
        let s = samples::ALL
            .iter()
            .find(|s| s.file_name == name)
            .expect("sample");
        model::parse(s.text).expect("valid")
    };
    let enterprise = load("enterprise.patchbay.ron");
    assert!(enterprise.systems.len() >= 12);
    let protocols: std::collections::BTreeSet<&str> =
        enterprise.links.iter().map(|l| l.protocol.id()).collect();
    for p in ["rest", "soap", "sftp", "jms"] {
        assert!(protocols.contains(p), "enterprise lacks {p}");
    }

    let legacy = load("legacy.patchbay.ron");
    let auths: Vec<&str> = legacy
        .links
        .iter()
        .filter_map(|l| l.auth.map(|a| a.id()))
        .collect();
    assert!(auths.contains(&"username-password") && auths.contains(&"user-agent"));
    assert!(
        legacy
            .links
            .iter()
            .any(|l| l.needs_response && l.expected_duration_s >= 300.0)
    );
    assert!(legacy.links.iter().any(|l| l.protocol.id() == "ftp"));
    assert_eq!(legacy.environment.id(), "production");

    let startup = load("startup.patchbay.ron");
    assert_eq!(startup.systems.len(), 2);
}

#[test]
fn a_hand_written_two_system_design_is_a_few_lines() {
    let text = r#"(
        format_version: 1,
        name: "Tiny",
        systems: [(id: 1, name: "Shop", kind: "web-app"), (id: 2, name: "Org", kind: "salesforce-org", zone: 1)],
        zones: [(id: 1, name: "Salesforce")],
        links: [(id: 1, from: 1, to: 2, needs_response: true)],
    )"#;
    let design = model::parse(text).expect("valid");
    let link = &design.links[0];
    assert!(link.needs_response);
    assert_eq!(
        link.protocol.id(),
        "rest",
        "unset attributes take their defaults"
    );
    assert_eq!(
        design.systems[1].zone,
        Some(model::ZoneId(1)),
        "a bare optional value is accepted"
    );
}

#[test]
fn the_readme_documents_every_id_of_the_file_format() {
    use patchbay::model::{
        AuthFlow, Environment, Format, Latency, Protocol, Sensitivity, SystemKind, Trigger,
    };
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let ids = SystemKind::ALL
        .iter()
        .map(|v| v.id())
        .chain(Trigger::ALL.iter().map(|v| v.id()))
        .chain(Latency::ALL.iter().map(|v| v.id()))
        .chain(Sensitivity::ALL.iter().map(|v| v.id()))
        .chain(Protocol::ALL.iter().map(|v| v.id()))
        .chain(Format::ALL.iter().map(|v| v.id()))
        .chain(AuthFlow::ALL.iter().map(|v| v.id()))
        .chain(Environment::ALL.iter().map(|v| v.id()));
    for id in ids {
        assert!(
            readme.contains(&format!("`{id}`")),
            "README does not document `{id}`"
        );
    }
}
