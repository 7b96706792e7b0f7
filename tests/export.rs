//! Every export format, for every sample (golden files), checked by real parsers, and
//! with a corpus of hostile names that must stay text in every format.

/// Analyzed as of a fixed day: the samples' waivers hold, whatever the clock says.
fn analyze(design: &patchbay::model::Design) -> patchbay::analysis::Analysis {
    patchbay::analysis::analyze_on(
        design,
        patchbay::model::Date::parse("2026-11-30").expect("a day"),
    )
}
use patchbay::export::{ExportFormat, export};
use patchbay::model::{
    self, Design, Link, LinkId, Pos, System, SystemId, SystemKind, Zone, ZoneId,
};
use std::path::{Path, PathBuf};
use std::process::Command;

fn text(design: &Design, format: ExportFormat) -> String {
    String::from_utf8(export(design, &analyze(design), format, 1.0).expect("export"))
        .expect("utf-8")
}

fn samples() -> Vec<(&'static str, Design)> {
    patchbay::samples::ALL
        .iter()
        .map(|s| {
            (
                s.file_name.trim_end_matches(".patchbay.ron"),
                model::parse(s.text).expect("valid"),
            )
        })
        .collect()
}

#[test]
fn golden_exports_of_every_sample() {
    for (stem, design) in samples() {
        for format in ExportFormat::ALL.iter().filter(|f| !f.is_binary()) {
            insta::assert_snapshot!(
                format!("{stem}.{}", format.extension()),
                text(&design, *format)
            );
        }
    }
}

/// Names that try to break out of every format's syntax.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"]; evil [label=\"x",
    "@enduml",
    "two\nlines",
    "back`tick`s ```",
    "pipe | and [brackets] and {braces}",
    "</svg><img src=x onerror=alert(2)>",
    "-->|\"x\"| s1",
    "end\nsubgraph x",
    "# heading *bold* _it_ <b>html</b>",
    "quote ' and \" and \\ backslash",
    "]]> <!-- comment",
    // Entities Graphviz, PlantUML and Markdown would decode.
    "&lt;b&gt; &amp; &copy; &#36; AT&T",
    // PlantUML's preprocessor functions and variables.
    "%dirpath() %date() %getenv(\"HOME\") $var !include x",
    // Creole and Markdown inline markup.
    "--strike-- __under__ //ital// ~~wave~~ ==mono== **bold** \"\"",
    // A name like an alias; Markdown autolinks and block starts.
    "s1",
    "www.example.com https://example.com user@example.com",
    "- not a list",
    "1. not a list either",
    // Emoji, and a carriage return inside a name.
    "Sales 🙂 Cloud",
];

fn hostile_design() -> Design {
    let mut d = Design {
        name: "<title>Hostile \"design\"</title>".into(),
        description: "<script>alert('d')</script> | ``` @enduml".into(),
        ..Design::default()
    };
    d.zones.push(Zone {
        id: ZoneId(1),
        name: "</g><script>z</script>".into(),
    });
    // A zone named like a system's alias, and two zones with the same name: they must
    // stay apart from the systems and from each other.
    for id in [2, 3] {
        d.zones.push(Zone {
            id: ZoneId(id),
            name: "s1".into(),
        });
    }
    for (i, name) in HOSTILE.iter().enumerate() {
        let mut s = System::new(
            SystemId(i as u32 + 1),
            *name,
            SystemKind::ALL[i % SystemKind::ALL.len()],
        );
        s.position = Some(Pos {
            // Far enough apart for the widest hostile name's box.
            x: (i % 4) as f32 * 340.0,
            y: (i / 4) as f32 * 150.0,
        });
        // Two rows of the grid per zone, so each zone is one region of the drawing.
        s.zone = Some(ZoneId([1, 2, 3][(i / 8) % 3]));
        d.systems.push(s);
    }
    for i in 1..HOSTILE.len() as u32 {
        let mut l = Link::new(LinkId(i), SystemId(i), SystemId(i + 1));
        l.purpose = HOSTILE[(i as usize + 3) % HOSTILE.len()].into();
        d.links.push(l);
    }
    // Two flows with hostile names over the chain: a waiting stretch, then a hand-off.
    for l in &mut d.links[..3] {
        l.needs_response = true;
    }
    d.flows.push(patchbay::model::Flow {
        id: 1,
        name: "@enduml <script>x</script> ; sequenceDiagram".into(),
        steps: (1..=5).map(LinkId).collect(),
    });
    d.flows.push(patchbay::model::Flow {
        id: 2,
        name: HOSTILE[4].into(),
        steps: vec![LinkId(6), LinkId(7)],
    });
    assert!(model::validate::validate(&d).is_empty());
    d
}

#[test]
fn svg_is_valid_for_usvg_and_hostile_names_stay_text() {
    let opts = resvg::usvg::Options::default();
    for (stem, design) in samples().into_iter().chain([("hostile", hostile_design())]) {
        let svg = text(&design, ExportFormat::Svg);
        resvg::usvg::Tree::from_str(&svg, &opts)
            .unwrap_or_else(|e| panic!("{stem}: usvg rejects the SVG: {e}"));
        let doc =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{stem}: not XML: {e}"));
        let elements: Vec<&str> = doc
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        for tag in &elements {
            assert!(
                [
                    "svg", "title", "defs", "marker", "path", "rect", "g", "text", "line", "circle"
                ]
                .contains(tag),
                "{stem}: unexpected <{tag}>"
            );
        }
        for n in doc.descendants().filter(|n| n.is_element()) {
            assert!(
                n.attributes().all(|a| !a.name().starts_with("on")),
                "{stem}: event handler attribute"
            );
        }
    }
    let design = hostile_design();
    let svg = text(&design, ExportFormat::Svg);
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let texts: Vec<String> = doc
        .descendants()
        .filter_map(|n| n.text())
        .map(str::to_owned)
        .collect();
    for name in HOSTILE {
        assert!(
            texts.iter().any(|t| t == name),
            "{name:?} is not the text of any element"
        );
    }
}

#[test]
fn html_parses_and_the_hostile_corpus_adds_no_element_or_attribute() {
    let reference = scraper::Html::parse_document(&text(&samples()[0].1, ExportFormat::Html));
    let allowed: std::collections::BTreeSet<String> = reference
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_element().map(|e| e.name().to_owned()))
        .collect();
    let html = text(&hostile_design(), ExportFormat::Html);
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    for node in doc.root_element().descendants() {
        if let Some(e) = node.value().as_element() {
            assert!(
                allowed.contains(e.name()),
                "the hostile corpus created <{}>",
                e.name()
            );
            assert!(
                e.attrs().all(|(k, _)| !k.starts_with("on") && k != "src"),
                "attribute injected on <{}>",
                e.name()
            );
        }
    }
    assert_eq!(
        doc.select(&scraper::Selector::parse("script").expect("selector"))
            .count(),
        0
    );
    assert_eq!(
        doc.select(&scraper::Selector::parse("img").expect("selector"))
            .count(),
        0
    );
    let body: String = doc.root_element().text().collect();
    assert!(
        body.contains("<script>alert(1)</script>"),
        "names appear as text"
    );
    // No external requests: no attribute points anywhere but the SVG namespace (a
    // name may well contain a web address, as text).
    for node in doc.root_element().descendants() {
        if let Some(e) = node.value().as_element() {
            for (k, v) in e.attrs() {
                assert!(
                    !v.contains("://") || (k == "xmlns" && v == "http://www.w3.org/2000/svg"),
                    "<{} {k}={v:?}> reaches outside the page",
                    e.name()
                );
            }
        }
    }
}

fn graphviz(dot: &str) -> serde_json::Value {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tjson0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` must be installed (`.ci/run` installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("dot");
    assert!(
        out.status.success(),
        "dot rejected it: {}\n{dot}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("dot's JSON")
}

#[test]
fn dot_is_parsed_by_graphviz_with_exactly_the_designs_nodes_and_edges() {
    for (stem, design) in samples().into_iter().chain([("hostile", hostile_design())]) {
        let g = graphviz(&text(&design, ExportFormat::Dot));
        // Clusters have member lists; the legend is the one node of Patchbay's own.
        let nodes: Vec<&serde_json::Value> = g["objects"]
            .as_array()
            .map(|o| {
                o.iter()
                    .filter(|n| n.get("nodes").is_none() && n["name"] != "legend")
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(nodes.len(), design.systems.len(), "{stem}: nodes");
        assert_eq!(
            g["edges"].as_array().map_or(0, Vec::len),
            design.links.len(),
            "{stem}: edges"
        );
        for s in &design.systems {
            // Graphviz keeps labels as escape strings: backslashes and `\n` stay written out,
            // and `&` as the entity that keeps it from being read as one.
            let label = s
                .name
                .replace('\\', "\\\\")
                .replace('\n', "\\n")
                .replace('\r', "")
                .replace('&', "&amp;");
            assert!(
                nodes
                    .iter()
                    .any(|n| n["label"].as_str() == Some(label.as_str())),
                "{stem}: {:?} is not a label",
                s.name
            );
        }
    }
}

#[test]
fn mermaid_and_plantuml_lines_keep_their_shape_with_hostile_names() {
    let design = hostile_design();
    let mermaid = text(&design, ExportFormat::Mermaid);
    for line in mermaid.lines() {
        let l = line.trim();
        let ok = l == "flowchart LR"
            || l == "end"
            || (l.starts_with("subgraph z") && l.ends_with("\"]") && l.matches('"').count() == 2)
            || (l.starts_with('s')
                && l.ends_with("\"]")
                && l.matches('"').count() == 2
                && !l.contains("-->"))
            || (l.starts_with('s')
                && l.contains(" -->|\"")
                && l.matches('"').count() == 2
                && l.matches('|').count() == 2)
            // A purpose in a comment, on one line, its text in entity codes.
            || (l.starts_with("%% purpose: ") && !l.contains('"') && !l.contains('\n'))
            || (l.starts_with("linkStyle ") && !l.contains('"'))
            || (l.starts_with("classDef ") && !l.contains('"'))
            || (l.starts_with("class s") && !l.contains('"'));
        assert!(ok, "unexpected Mermaid line: {line}");
    }
    assert_eq!(
        mermaid.lines().filter(|l| l.trim() == "end").count(),
        design.zones.len(),
        "one subgraph per zone, the two called the same kept apart"
    );

    let puml = text(&design, ExportFormat::Plantuml);
    let lines: Vec<&str> = puml.lines().collect();
    assert_eq!(lines.first(), Some(&"@startuml"));
    assert_eq!(lines.last(), Some(&"@enduml"));
    // One @startuml/@enduml pair for the landscape and one per flow's sequence diagram.
    assert_eq!(
        puml.matches('@').count(),
        2 * (1 + design.flows.len()),
        "no other @ reaches PlantUML"
    );
    assert_eq!(puml.matches("@startuml").count(), 1 + design.flows.len());
    let legend = lines
        .iter()
        .position(|l| *l == "legend right")
        .expect("a legend");
    for l in &lines[1..legend] {
        let l = l.trim();
        let ok = l.starts_with("title ")
            || l.starts_with("skinparam ")
            || l == "left to right direction"
            || l == "}"
            || (l.starts_with("package \"")
                && l.contains("\" as zone_")
                && l.ends_with(" {")
                && l.matches('"').count() == 2)
            || (l.starts_with("component \"")
                && l.contains("\" as sys_")
                && l.matches('"').count() == 2)
            || (l.starts_with("sys_") && l.contains("]-> sys_") && !l.contains('"'));
        assert!(ok, "unexpected PlantUML line: {l}");
    }
}

#[test]
fn markdown_renders_no_html_and_one_mermaid_block() {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut design = hostile_design();
    // A description that would start a list, with a strike and an entity in it.
    design.description = "- ~~not~~ a list &copy; www.example.com".into();
    let md = text(&design, ExportFormat::Markdown);
    let mut mermaid_blocks = 0;
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_GFM;
    let mut body = String::new();
    for event in Parser::new_ext(&md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert!(h.as_ref() == "<br>", "user text became HTML: {h:?}");
            }
            Event::Start(Tag::Strikethrough | Tag::Link { .. }) => {
                panic!("user text became markup: {event:?}");
            }
            Event::Text(t) => body.push_str(&t),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                assert_eq!(lang.as_ref(), "mermaid");
                mermaid_blocks += 1;
            }
            _ => {}
        }
    }
    // The landscape, then each flow as a sequence diagram.
    assert_eq!(mermaid_blocks, 1 + hostile_design().flows.len());
    // Every name and the description read as typed (entities included).
    assert!(
        body.contains("- ~~not~~ a list &copy; www.example.com"),
        "the description is not plain text"
    );
    for name in HOSTILE.iter().filter(|n| !n.contains('\n')) {
        assert!(
            body.contains(name),
            "{name:?} is not plain text in the Markdown"
        );
    }
}

#[test]
fn json_round_trips_hostile_names() {
    let design = hostile_design();
    let v: serde_json::Value =
        serde_json::from_str(&text(&design, ExportFormat::Json)).expect("JSON");
    assert_eq!(v["design"]["name"], design.name.as_str());
    assert_eq!(v["links"][0]["from"]["name"], HOSTILE[0]);
}

#[test]
fn png_is_the_svg_rendered_at_a_chosen_scale() {
    let design = &samples()[0].1;
    let analysis = analyze(design);
    let one = export(design, &analysis, ExportFormat::Png, 1.0).expect("png");
    let two = export(design, &analysis, ExportFormat::Png, 2.0).expect("png");
    let size = |png: &[u8]| {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        (w, h)
    };
    let (w1, h1) = size(&one);
    assert_eq!(size(&two), (w1 * 2, h1 * 2));
    assert!(w1 > 600 && h1 > 300, "{w1}×{h1}");
    assert!(export(design, &analysis, ExportFormat::Png, 0.0).is_err());
}

#[test]
fn a_design_without_positions_is_laid_out_for_the_svg() {
    let text_design = r#"(format_version: 1, name: "No positions",
        systems: [(id: 1, name: "Shop", kind: "web-app"), (id: 2, name: "Org", kind: "salesforce-org"), (id: 3, name: "ERP", kind: "erp")],
        links: [(id: 1, from: 1, to: 2), (id: 2, from: 2, to: 3)])"#;
    let design = model::parse(text_design).expect("valid");
    let svg = text(&design, ExportFormat::Svg);
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let mut xs: Vec<f64> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("system"))
        .filter_map(|g| g.children().find(|c| c.has_tag_name("rect")))
        .filter_map(|r| r.attribute("x")?.parse().ok())
        .collect();
    assert_eq!(xs.len(), 3);
    xs.dedup();
    assert_eq!(
        xs.len(),
        3,
        "three systems in three layers, left to right: {xs:?}"
    );
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
}

#[test]
fn hostile_names_are_drawn_whole_and_clear_of_each_other() {
    let d = hostile_design();
    let a = analyze(&d);
    let g = patchbay::geometry::Geometry::new(&d, &a);
    let q = patchbay::geometry::quality::measure(&g);
    assert_eq!(q.truncated, 0, "{q:?}");
    assert_eq!(q.link_through_box, 0, "{q:?}");
    assert_eq!(q.label_box, 0, "{q:?}");
    // Each name line fits its box: every character of every name is drawn.
    for s in &g.systems {
        for line in &s.lines {
            assert!(
                patchbay::geometry::text::width(line, patchbay::geometry::text::NAME_FONT)
                    <= s.rect.width(),
                "{line:?} overflows {}",
                s.rect.width()
            );
        }
    }
}

/// Renders PlantUML files to SVG with the real PlantUML, in one run.
fn plantuml_svgs(sources: &[(String, String)]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for (stem, text) in sources {
        let path = dir.path().join(format!("{stem}.puml"));
        std::fs::write(&path, text).expect("written");
        files.push(path);
    }
    let out = Command::new("plantuml")
        .arg("-tsvg")
        .args(&files)
        .output()
        .expect("PlantUML must be installed (`.ci/run` installs Debian's plantuml)");
    assert!(
        out.status.success(),
        "plantuml failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    sources
        .iter()
        .map(|(stem, _)| {
            let svg = std::fs::read_to_string(dir.path().join(format!("{stem}.svg")))
                .unwrap_or_else(|e| panic!("{stem}: no SVG from PlantUML: {e}"));
            (stem.clone(), svg)
        })
        .collect()
}

#[test]
fn plantuml_renders_every_name_as_plain_text() {
    let designs: Vec<(String, Design)> = samples()
        .into_iter()
        .map(|(stem, d)| (stem.to_owned(), d))
        .chain([("hostile".to_owned(), hostile_design())])
        .collect();
    let sources: Vec<(String, String)> = designs
        .iter()
        .map(|(stem, d)| (stem.clone(), text(d, ExportFormat::Plantuml)))
        .collect();
    for ((stem, svg), (_, design)) in plantuml_svgs(&sources).iter().zip(&designs) {
        // PlantUML draws its errors as a picture and still exits 0.
        for error in ["error has occured", "Syntax Error", "java.lang"] {
            assert!(
                !svg.contains(error),
                "{stem}: PlantUML drew an error:\n{svg}"
            );
        }
        let doc = roxmltree::Document::parse(svg).expect("PlantUML's SVG parses");
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect();
        let names = design
            .systems
            .iter()
            .map(|s| &s.name)
            .chain(design.zones.iter().map(|z| &z.name));
        for name in names {
            // Line breaks are written as spaces; nothing else changes, no function is
            // expanded and no markup applied.
            let shown = name.replace('\n', " ");
            assert!(
                texts.contains(&shown),
                "{stem}: {name:?} is not the text of any element: {texts:?}"
            );
        }
        if stem == "hostile" {
            // The system called s1 and the two zones called s1: three, none merged.
            assert_eq!(texts.iter().filter(|t| *t == "s1").count(), 3, "{texts:?}");
        }
    }
}

/// Generated designs of the sizes where Graphviz used to fail (8, 30 and 50 systems,
/// three seeds each); 100 and 300 systems are in `scripts/real-readers.sh`, too slow for
/// every test run.
fn generated() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    for systems in [8, 30, 50] {
        for seed in 1..=3 {
            let d = patchbay::generate::generate(patchbay::generate::Params {
                systems,
                links_per_system: 5,
                seed,
            });
            out.push((format!("generated-{systems}-{seed}"), d));
        }
    }
    out
}

#[test]
fn graphviz_keeps_every_edge_of_generated_designs() {
    for (stem, design) in generated() {
        let g = graphviz(&text(&design, ExportFormat::Dot));
        assert_eq!(
            g["edges"].as_array().map_or(0, Vec::len),
            design.links.len(),
            "{stem}: Graphviz dropped edges"
        );
    }
}

#[test]
fn plantuml_renders_generated_designs_without_an_error_picture() {
    let designs = generated();
    let sources: Vec<(String, String)> = designs
        .iter()
        .map(|(stem, d)| (stem.clone(), text(d, ExportFormat::Plantuml)))
        .collect();
    for ((stem, svg), (_, design)) in plantuml_svgs(&sources).iter().zip(&designs) {
        for error in ["error has occured", "Syntax Error", "java.lang"] {
            assert!(!svg.contains(error), "{stem}: PlantUML drew an error");
        }
        for s in &design.systems {
            assert!(
                svg.contains(&format!(">{}</text>", s.name)),
                "{stem}: {}",
                s.name
            );
        }
    }
}

#[test]
fn mermaid_stays_within_its_limits_or_says_so() {
    use patchbay::report::graphs::{MERMAID_MAX_TEXT, mermaid_too_big};
    let design = |systems| {
        patchbay::generate::generate(patchbay::generate::Params {
            systems,
            links_per_system: 5,
            seed: 1,
        })
    };
    // 100 systems: compact enough to render (it was over the limit with a style line
    // per system and per link).
    let d = design(100);
    let m = text(&d, ExportFormat::Mermaid);
    assert!(m.len() < MERMAID_MAX_TEXT, "{}", m.len());
    assert_eq!(mermaid_too_big(&m, d.links.len()), None);
    assert!(text(&d, ExportFormat::Markdown).contains("```mermaid"));
    // 300 systems: too big, and the Markdown report says so instead of a broken block.
    let d = design(300);
    let m = text(&d, ExportFormat::Mermaid);
    let why = mermaid_too_big(&m, d.links.len()).expect("over the limit");
    assert!(why.contains("50,000"), "{why}");
    let md = text(&d, ExportFormat::Markdown);
    assert!(
        !md.contains("```mermaid") && md.contains("Not drawn here"),
        "{md:.300}"
    );
}

/// mermaid-cli's `mmdc`: `$MMDC`, or where `.ci/run` installs it.
fn mmdc() -> PathBuf {
    std::env::var_os("MMDC").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mermaid-cli/node_modules/.bin/mmdc"),
        PathBuf::from,
    )
}

#[test]
fn mermaid_cli_renders_every_diagram_with_every_link() {
    let mmdc = mmdc();
    assert!(
        mmdc.exists(),
        "mermaid-cli is not at {} (`.ci/run` installs it; or set MMDC)",
        mmdc.display()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let puppeteer = dir.path().join("puppeteer.json");
    let chromium = std::env::var("MMDC_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    std::fs::write(
        &puppeteer,
        format!(r#"{{"executablePath": "{chromium}", "args": ["--no-sandbox"]}}"#),
    )
    .expect("config");
    // Every diagram in one Markdown file: mermaid-cli renders each block, in one browser.
    let mut designs: Vec<(String, Design)> = samples()
        .into_iter()
        .map(|(stem, d)| (stem.to_owned(), d))
        .chain([("hostile".to_owned(), hostile_design())])
        .collect();
    designs.extend(generated());
    let mut md = String::new();
    for (_, d) in &designs {
        md.push_str(&format!(
            "```mermaid\n{}```\n\n",
            text(d, ExportFormat::Mermaid)
        ));
    }
    // And the block of a Markdown report, as a wiki would get it.
    md.push_str(&text(&hostile_design(), ExportFormat::Markdown));
    let input = dir.path().join("all.md");
    std::fs::write(&input, md).expect("written");
    let out = Command::new(&mmdc)
        .arg("-p")
        .arg(&puppeteer)
        .arg("-i")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out.md"))
        .output()
        .expect("mmdc runs");
    assert!(
        out.status.success(),
        "mmdc failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let links = designs
        .iter()
        .map(|(stem, d)| (stem.clone(), d.links.len()))
        .chain([("hostile report".to_owned(), hostile_design().links.len())]);
    for (n, (stem, links)) in links.enumerate() {
        let svg = std::fs::read_to_string(dir.path().join(format!("out-{}.svg", n + 1)))
            .unwrap_or_else(|e| panic!("{stem}: no picture: {e}"));
        for error in ["Syntax error", "Maximum text size", "Parse error"] {
            assert!(!svg.contains(error), "{stem}: {error}");
        }
        assert_eq!(
            // Each drawn link's path carries the class; the style sheet names it once more.
            svg.matches("flowchart-link\"").count(),
            links,
            "{stem}: every link drawn"
        );
    }
    // After the hostile report's flowchart come its flows as sequence diagrams, every
    // step a message.
    let first = designs.len() + 2;
    for (k, flow) in hostile_design().flows.iter().enumerate() {
        let svg = std::fs::read_to_string(dir.path().join(format!("out-{}.svg", first + k)))
            .unwrap_or_else(|e| panic!("flow {}: no picture: {e}", flow.id));
        for error in ["Syntax error", "Parse error"] {
            assert!(!svg.contains(error), "flow {}: {error}", flow.id);
        }
        assert_eq!(
            // One line per message (its text may run over several lines, `<br>`).
            svg.matches("class=\"messageLine").count(),
            flow.steps.len(),
            "flow {}: every step drawn",
            flow.id
        );
    }
}

#[test]
fn the_png_draws_emoji_in_colour_where_a_system_font_has_them() {
    // Noto Color Emoji is installed by `.ci/run`. The same Salesforce box (blue, white
    // text) named with a yellow emoji and with a plain letter: the emoji's yellow
    // pixels appear only if it is drawn (the box's warning mark is amber in both).
    let yellow_pixels = |name: &str| {
        let mut design = Design {
            name: "Emoji".into(),
            ..Design::default()
        };
        let mut s = System::new(SystemId(1), name, SystemKind::SalesforceOrg);
        s.position = Some(Pos { x: 0.0, y: 0.0 });
        design.systems.push(s);
        let analysis = analyze(&design);
        let png = export(&design, &analysis, ExportFormat::Png, 2.0).expect("png");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
        pixmap
            .pixels()
            .iter()
            .filter(|p| {
                let c = p.demultiply();
                c.red() > 200 && c.green() > 150 && c.blue() < 90
            })
            .count()
    };
    let (emoji, letter) = (yellow_pixels("🙂"), yellow_pixels("o"));
    assert!(
        emoji > letter + 20,
        "the emoji is not drawn ({emoji} yellow pixels against {letter}); is \
         fonts-noto-color-emoji installed?"
    );
}

#[test]
fn the_command_line_export_which_lays_out_while_it_analyses_writes_the_same_bytes() {
    use patchbay::export::export_design;
    let mut designs = samples();
    designs.push((
        "generated 300",
        patchbay::generate::generate(patchbay::generate::Params {
            systems: 300,
            links_per_system: 5,
            seed: 7,
        }),
    ));
    for (name, design) in designs {
        let analysis = patchbay::analysis::analyze(&design);
        for format in [
            ExportFormat::Svg,
            ExportFormat::Html,
            ExportFormat::Markdown,
        ] {
            let alone = export(&design, &analysis, format, 1.0).expect("export");
            let overlapped = export_design(&design, format, 1.0).expect("export");
            assert!(
                alone == overlapped,
                "{name}: {} differs when laid out during the analysis",
                format.label()
            );
        }
    }
}

#[test]
fn a_png_too_large_for_image_libraries_is_refused_with_the_scale_that_fits() {
    // Laid out by Patchbay (no positions in the file), as the issue measured it: a
    // 100-system picture is about 17,500 × 10,400 units.
    let mut design = patchbay::generate::generate(patchbay::generate::Params {
        systems: 100,
        links_per_system: 5,
        seed: 1,
    });
    for s in &mut design.systems {
        s.position = None;
    }
    let analysis = patchbay::analysis::analyze(&design);
    let Err(err) = patchbay::export::export(&design, &analysis, ExportFormat::Png, 1.0) else {
        panic!("a PNG over 50 megapixels was written");
    };
    let said = err.to_string();
    assert!(
        said.contains("megapixels") && said.contains("SVG"),
        "{said}"
    );
    // The scale it names fits.
    let scale: f32 = said
        .rsplit("--scale ")
        .next()
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .expect("a scale");
    let png = patchbay::export::export(&design, &analysis, ExportFormat::Png, scale)
        .unwrap_or_else(|e| panic!("at --scale {scale}: {e}"));
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().expect("width")),
        u32::from_be_bytes(png[20..24].try_into().expect("height")),
    );
    assert!(
        u64::from(w) * u64::from(h) <= patchbay::export::PNG_MAX_PIXELS,
        "{w}x{h}"
    );
}

#[test]
fn graphviz_finishes_the_dot_of_generated_designs_up_to_300_systems() {
    // Laid out by Graphviz alone (no positions), as `compare.sh` measures them. The
    // times are the bench's (`cargo bench --bench export -- graphviz`); here, that dot
    // finishes and draws every node and edge.
    for systems in [30, 100, 300] {
        let mut design = patchbay::generate::generate(patchbay::generate::Params {
            systems,
            links_per_system: 5,
            seed: 1,
        });
        for s in &mut design.systems {
            s.position = None;
        }
        let dot = text(&design, ExportFormat::Dot);
        assert_eq!(
            dot.starts_with("// "),
            design.links.len() > patchbay::report::graphs::DOT_FULL_LINKS,
            "{systems} systems: the lighter graph says so at the top"
        );
        let g = graphviz(&dot);
        assert_eq!(
            g["edges"].as_array().map_or(0, Vec::len),
            design.links.len(),
            "{systems} systems: edges"
        );
    }
}
