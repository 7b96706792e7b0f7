//! The review pack, read back by the tools a reader's machine has: qpdf checks the
//! file's structure, poppler's pdftotext finds every name, decision and finding,
//! pdfinfo the title and pages, pdftoppm renders every page (Debian's `qpdf` and
//! `poppler-utils`, which `.ci/run` installs).

#[path = "support/designs.rs"]
mod designs;

use patchbay::analysis::{Analysis, analyze};
use patchbay::geometry::Geometry;
use patchbay::model::Design;
use patchbay::report::pdf::{A4, LETTER, PageSize};
use std::path::{Path, PathBuf};
use std::process::Command;

fn pdf(design: &Design, analysis: &Analysis, page: PageSize) -> Vec<u8> {
    let drawing = Geometry::new(design, analysis);
    patchbay::export::pdf(design, analysis, &drawing, page).expect("writes")
}

/// What a tool prints, failing the test when it fails.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (`.ci/run` installs qpdf and poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text without its spaces and line breaks: lines wrap and runs of another face
/// start where the text asks, so words are compared without the gaps between them.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every check on one design's pack, written to `dir`.
fn check(name: &str, design: &Design, dir: &Path) {
    let analysis = analyze(design);
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf(design, &analysis, A4)).expect("write");
    let path = file.to_str().expect("path");

    let qpdf = run("qpdf", &["--check", path]);
    assert!(
        qpdf.contains("No syntax or stream encoding errors"),
        "{name}: {qpdf}"
    );

    let info = run("pdfinfo", &[path]);
    assert!(
        info.contains(&format!(
            "Title:           {}: integration design review",
            design.name
        )),
        "{name}: {info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{name}: {info}");

    // Every page renders.
    let renders = dir.join(format!("{name}-pages"));
    std::fs::create_dir(&renders).expect("dir");
    let prefix = renders.join("page");
    run(
        "pdftoppm",
        &["-r", "20", "-png", path, prefix.to_str().expect("path")],
    );
    let rendered = std::fs::read_dir(&renders).expect("dir").count();
    assert_eq!(
        rendered, pages,
        "{name}: pdftoppm rendered {rendered} of {pages} pages"
    );

    // The text: names, decisions, findings, the facts' date.
    let text = squeeze(&run("pdftotext", &["-raw", path, "-"]));
    for s in &design.systems {
        assert!(
            text.contains(&squeeze(&s.name)),
            "{name}: system {}",
            s.name
        );
    }
    assert!(
        text.contains(&squeeze(&patchbay::standards::checked_line())),
        "{name}: the facts' date"
    );
    for a in analysis.links.iter() {
        let l = &design.links[a.index];
        // The link's own section: its heading, then its attributes.
        let heading = squeeze(&patchbay::analysis::findings::link_name(design, l));
        let at = text
            .find(&format!("{heading}Attributes"))
            .unwrap_or_else(|| panic!("{name}: no section for {heading}"));
        let section: String = text[at..].chars().take(4000).collect();
        let wanted = if a.facts.is_sign_in() {
            vec![format!("Sign-in{}", a.auth_flow.choice.label())]
        } else {
            vec![
                format!("Pattern{}", a.pattern.choice.label()),
                format!("Events{}", a.events.choice.label()),
                format!("Authflow{}", a.auth_flow.choice.label()),
                format!(
                    "MutualTLS{}",
                    if a.mtls.choice {
                        "recommended"
                    } else {
                        "notneeded"
                    }
                ),
            ]
        };
        for w in wanted {
            assert!(section.contains(&squeeze(&w)), "{name}: {heading}: {w}");
        }
    }
    for f in &analysis.findings {
        let line = squeeze(&format!(
            "{} {}: {}: {}",
            f.rule.id,
            f.rule.title,
            f.subject.name(design),
            f.message
        ));
        assert!(text.contains(&line), "{name}: finding {line}");
    }
    for w in &analysis.accepted {
        assert!(
            text.contains(&squeeze(&w.finding.message)),
            "{name}: accepted"
        );
    }

    // Bookmarks: a part per heading of the contents, sections under them.
    let outline = run("qpdf", &["--json=2", "--json-key=outlines", path]);
    for part in ["Diagram", "Links", "Findings"] {
        assert!(
            outline.contains(&format!("\"title\": \"{part}")),
            "{name}: bookmark {part}"
        );
    }
    // The contents' entries are links into the document.
    let plain = dir.join(format!("{name}.qdf.pdf"));
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path,
            plain.to_str().expect("path"),
        ],
    );
    let bytes = std::fs::read(&plain).expect("read");
    let links = bytes.windows(13).filter(|w| w == b"/Subtype /Lin").count();
    // One contents entry (and one link) per bookmark: every part, every link's
    // section, every flow.
    let entries = outline.matches("\"title\":").count();
    assert!(
        entries >= 3 + design.links.len() + design.flows.len(),
        "{name}: {entries} bookmarks"
    );
    assert_eq!(
        links, entries,
        "{name}: link annotations in the contents, one per entry"
    );
}

#[test]
fn every_sample_and_a_hostile_design_read_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, design, _) in designs::samples() {
        check(&name, &design, dir.path());
    }
    check("hostile", &designs::hostile(), dir.path());
}

#[test]
fn letter_pages_when_asked_and_a_large_diagram_split_at_a_readable_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let design = patchbay::generate::generate(patchbay::generate::Params {
        systems: 120,
        links_per_system: 3,
        seed: 7,
    });
    let analysis = analyze(&design);
    let file: PathBuf = dir.path().join("large.pdf");
    std::fs::write(&file, pdf(&design, &analysis, LETTER)).expect("write");
    let path = file.to_str().expect("path");
    let info = run("pdfinfo", &[path]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let text = run("pdftotext", &["-raw", path, "-"]);
    assert!(
        text.contains("Diagram, part 1 of"),
        "a 120-system diagram is split rather than shrunk"
    );
    assert!(text.contains("names at 7 pt"));
    run("qpdf", &["--check", path]);
}
