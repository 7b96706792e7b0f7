//! Files written the way people write them (flowcharts from READMEs, wikis and the
//! Mermaid documentation, draw.io diagrams drawn by hand), each imported with the exact
//! report and design it must give: `tests/fixtures/{mermaid,drawio}/NAME.expected`.
//! `tests/fixtures/CORPUS.md` says where each file comes from and under what licence.
//!
//! To write the expected files anew after a deliberate change, run with
//! `BLESS=1` and read every difference before committing it.

use patchbay::interop;
use patchbay::model::Design;
use std::fmt::Write;
use std::path::Path;

/// What an import gave, as a reviewer reads it: names quoted, so a line break or a
/// space at either end shows.
fn summary(d: &Design, report: &[String]) -> String {
    let mut s = format!("design: {:?}\nzones:\n", d.name);
    let zone = |id| {
        d.zones
            .iter()
            .find(|z| Some(z.id) == id)
            .map(|z| z.name.clone())
    };
    for z in &d.zones {
        let _ = writeln!(s, "  {:?}", z.name);
    }
    s.push_str("systems:\n");
    for x in &d.systems {
        let _ = write!(s, "  {:?} {}", x.name, x.kind.id());
        if let Some(z) = zone(x.zone) {
            let _ = write!(s, " in {z:?}");
        }
        s.push('\n');
    }
    s.push_str("links:\n");
    let name = |id| {
        d.system(id)
            .map_or(String::new(), |x| format!("{:?}", x.name))
    };
    for l in &d.links {
        let _ = writeln!(s, "  {} -> {}: {:?}", name(l.from), name(l.to), l.purpose);
    }
    s.push_str("report:\n");
    for r in report {
        let _ = writeln!(s, "  {r}");
    }
    s
}

fn check_folder(folder: &str, extensions: &[&str], at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| extensions.contains(&e.to_string_lossy().as_ref()))
        })
        .collect();
    files.sort();
    assert!(files.len() >= at_least, "{folder}: {} files", files.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut wrong = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        let got = match interop::import(path, &text, None).expect("a format Patchbay reads") {
            Ok(i) => summary(&i.design, &i.report),
            Err(problems) => {
                let mut s = String::from("refused:\n");
                for p in problems {
                    match p.location {
                        Some(l) => writeln!(s, "  {}:{}: {}", l.line, l.col, p.message),
                        None => writeln!(s, "  {}", p.message),
                    }
                    .expect("write");
                }
                s
            }
        };
        let expected = path.with_extension("expected");
        if bless {
            std::fs::write(&expected, &got).expect("write");
            continue;
        }
        let want = std::fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        if got != want {
            wrong.push(format!("{}:\n{got}", path.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports differ from their .expected:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_mermaid_flowchart_of_the_corpus_imports_as_expected() {
    check_folder("mermaid", &["mmd", "md"], 8);
}

#[test]
fn every_drawio_diagram_of_the_corpus_imports_as_expected() {
    check_folder("drawio", &["drawio"], 5);
}
