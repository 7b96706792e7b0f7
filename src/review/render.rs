//! A comparison for a terminal, a pull request (Markdown), a program (JSON) and a
//! reviewer's inbox (one self-contained HTML page).

use super::diff::{Changed, Diff, EsbCounts, FieldChange, FindingRef, Items};
use crate::report::escape::xml;
use std::fmt::Write;

/// The JSON contract's version; bumped on any change a reader could notice.
pub const DIFF_VERSION: u32 = 3;

fn value(v: &str) -> &str {
    if v.is_empty() { "(not set)" } else { v }
}

/// "volume: 40000 → 1500", "(not set)" for a value left out.
pub fn field_text(f: &FieldChange) -> String {
    format!("{}: {} → {}", f.field, value(&f.before), value(&f.after))
}

fn matched_text<Id: std::fmt::Display>(c: &Changed<Id>) -> Option<String> {
    use super::diff::Matched;
    match c.matched {
        Matched::Id => None,
        Matched::Name => Some(format!("matched by name ({} → {})", c.before, c.after)),
        Matched::IdRenamed => Some(format!("same id ({})", c.after)),
    }
}

/// Added, removed and changed of each kind of item, in the reports' order.
fn tallies(d: &Diff) -> [(&'static str, [usize; 3]); 5] {
    fn tally<Id>(i: &Items<Id>) -> [usize; 3] {
        [i.added.len(), i.removed.len(), i.changed.len()]
    }
    [
        ("zones", tally(&d.zones)),
        ("systems", tally(&d.systems)),
        ("links", tally(&d.links)),
        ("flows", tally(&d.flows)),
        ("waivers", tally(&d.waivers)),
    ]
}

fn counts<Id>(i: &Items<Id>) -> String {
    format!(
        "{} added, {} removed, {} changed",
        i.added.len(),
        i.removed.len(),
        i.changed.len()
    )
}

fn esb_line(e: &EsbCounts) -> String {
    format!(
        "{}: n {}, p {}, full mesh {}, through a hub {}",
        e.verdict, e.systems, e.point_to_point, e.full_mesh, e.via_hub
    )
}

fn finding_line(f: &FindingRef) -> String {
    format!("{} {} {}: {}", f.severity, f.rule, f.subject, f.message)
}

/// For a terminal.
pub fn text(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Comparing \"{}\" with \"{}\"",
        d.names.before, d.names.after
    );
    if d.is_empty() {
        let _ = writeln!(out, "The designs are the same.");
        return out;
    }
    if !d.design.is_empty() {
        let _ = writeln!(out, "\nDesign");
        for f in &d.design {
            let _ = writeln!(out, "  ~ {}", field_text(f));
        }
    }
    fn items<Id: std::fmt::Display>(out: &mut String, title: &str, i: &Items<Id>) {
        if i.added.is_empty() && i.removed.is_empty() && i.changed.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title}: {}", counts(i));
        for a in &i.added {
            let _ = writeln!(out, "  + {}", a.name);
        }
        for r in &i.removed {
            let _ = writeln!(out, "  - {}", r.name);
        }
        for c in &i.changed {
            let mut parts: Vec<String> = matched_text(c).into_iter().collect();
            parts.extend(c.fields.iter().map(field_text));
            let _ = writeln!(out, "  ~ {}: {}", c.name, parts.join("; "));
        }
    }
    items(&mut out, "Zones", &d.zones);
    items(&mut out, "Systems", &d.systems);
    items(&mut out, "Links", &d.links);
    items(&mut out, "Flows", &d.flows);
    items(&mut out, "Waivers", &d.waivers);
    if !d.advice.is_empty() {
        let _ = writeln!(out, "\nRecommendations that changed");
        for a in &d.advice {
            let _ = writeln!(
                out,
                "  {}: {} {} → {}\n    why: {}",
                a.name, a.decision, a.before, a.after, a.why
            );
        }
    }
    for (title, list) in [
        ("Findings resolved", &d.resolved),
        ("Findings introduced", &d.introduced),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title} ({})", list.len());
            for f in list {
                let _ = writeln!(out, "  {}", finding_line(f));
            }
        }
    }
    let _ = writeln!(
        out,
        "\nESB\n  before: {}\n  after:  {}",
        esb_line(&d.esb.before),
        esb_line(&d.esb.after)
    );
    out
}

/// Markdown for a pull request or a review page; names are escaped.
pub fn markdown(d: &Diff) -> String {
    use crate::report::markdown::escape as md;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Comparing {} with {}\n",
        md(&d.names.before),
        md(&d.names.after)
    );
    if d.is_empty() {
        let _ = writeln!(out, "The designs are the same.");
        return out;
    }
    let _ = writeln!(out, "| | added | removed | changed |\n|---|---:|---:|---:|");
    for (label, [added, removed, changed]) in tallies(d) {
        let _ = writeln!(out, "| {label} | {added} | {removed} | {changed} |");
    }
    out.push('\n');
    if !d.design.is_empty() {
        let _ = writeln!(out, "## Design\n");
        for f in &d.design {
            let _ = writeln!(out, "- {}", md(&field_text(f)));
        }
        out.push('\n');
    }
    md_items(&mut out, "Zones", &d.zones);
    md_items(&mut out, "Systems", &d.systems);
    md_items(&mut out, "Links", &d.links);
    md_items(&mut out, "Flows", &d.flows);
    md_items(&mut out, "Waivers", &d.waivers);
    if !d.advice.is_empty() {
        let _ = writeln!(
            out,
            "## Recommendations that changed\n\n| link | decision | before | after | why |\n|---|---|---|---|---|"
        );
        for a in &d.advice {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&a.name),
                a.decision,
                md(&a.before),
                md(&a.after),
                md(&a.why)
            );
        }
        out.push('\n');
    }
    for (title, list) in [
        ("Findings resolved", &d.resolved),
        ("Findings introduced", &d.introduced),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "## {title}\n");
            for f in list {
                let _ = writeln!(out, "- {}", md(&finding_line(f)));
            }
            out.push('\n');
        }
    }
    md_esb(&mut out, d);
    out
}

/// The ESB counts before and after, as a Markdown table.
fn md_esb(out: &mut String, d: &Diff) {
    let _ = writeln!(
        out,
        "## ESB\n\n| | verdict | n | p | full mesh | through a hub |\n|---|---|---:|---:|---:|---:|"
    );
    for (label, e) in [("before", &d.esb.before), ("after", &d.esb.after)] {
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} |",
            e.verdict, e.systems, e.point_to_point, e.full_mesh, e.via_hub
        );
    }
}

/// One kind of item as a Markdown section: added, removed and changed.
fn md_items<Id: std::fmt::Display>(out: &mut String, title: &str, i: &Items<Id>) {
    use crate::report::markdown::escape as md;
    if i.added.is_empty() && i.removed.is_empty() && i.changed.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {title}\n");
    for a in &i.added {
        let _ = writeln!(out, "- added: {}", md(&a.name));
    }
    for r in &i.removed {
        let _ = writeln!(out, "- removed: {}", md(&r.name));
    }
    for c in &i.changed {
        let mut parts: Vec<String> = matched_text(c).into_iter().collect();
        parts.extend(c.fields.iter().map(field_text));
        let _ = writeln!(out, "- changed: {}: {}", md(&c.name), md(&parts.join("; ")));
    }
    out.push('\n');
}

/// The stable JSON contract: `diff_version`, then the comparison.
pub fn json(d: &Diff) -> String {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        diff_version: u32,
        equal: bool,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let report = Report {
        diff_version: DIFF_VERSION,
        equal: d.is_empty(),
        diff: d,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| {
        // Only maps with non-string keys fail, and the diff has none.
        format!("{{\"error\": \"{e}\"}}")
    });
    text.push('\n');
    text
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2330;line-height:1.45;padding:0 1rem}\
h2{border-bottom:1px solid #d5dbe5;padding-bottom:.2rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #d5dbe5;padding:.4rem;vertical-align:top;text-align:left}\
th{background:#f2f5f9}.added{color:#1d6b2f}.removed{color:#a11d1d}.changed{color:#8a5a00}.muted{color:#5b6576;font-size:.85em}\
.counts td{text-align:right}";

/// One self-contained page (inline CSS, no scripts, no external requests).
pub fn html(d: &Diff) -> String {
    let mut h = String::new();
    let title = format!("{} → {}", d.names.before, d.names.after);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · Patchbay comparison</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        xml(&title),
        xml(&title)
    );
    if d.is_empty() {
        h.push_str("<p>The designs are the same.</p>\n</body>\n</html>\n");
        return h;
    }
    h.push_str("<table class=\"counts\"><tr><th></th><th>added</th><th>removed</th><th>changed</th></tr>\n");
    for (label, [added, removed, changed]) in tallies(d) {
        let _ = writeln!(
            h,
            "<tr><th>{label}</th><td>{added}</td><td>{removed}</td><td>{changed}</td></tr>"
        );
    }
    h.push_str("</table>\n");
    if !d.design.is_empty() {
        h.push_str("<h2>Design</h2>\n<ul>\n");
        for f in &d.design {
            let _ = writeln!(h, "<li class=\"changed\">{}</li>", xml(&field_text(f)));
        }
        h.push_str("</ul>\n");
    }
    html_items(&mut h, "Zones", &d.zones);
    html_items(&mut h, "Systems", &d.systems);
    html_items(&mut h, "Links", &d.links);
    html_items(&mut h, "Flows", &d.flows);
    html_items(&mut h, "Waivers", &d.waivers);
    if !d.advice.is_empty() {
        h.push_str("<h2>Recommendations that changed</h2>\n<table><tr><th>link</th><th>decision</th><th>before</th><th>after</th><th>why</th></tr>\n");
        for a in &d.advice {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"removed\">{}</td><td class=\"added\">{}</td><td>{}</td></tr>",
                xml(&a.name),
                a.decision,
                xml(&a.before),
                xml(&a.after),
                xml(&a.why)
            );
        }
        h.push_str("</table>\n");
    }
    for (title, list, class) in [
        ("Findings resolved", &d.resolved, "added"),
        ("Findings introduced", &d.introduced, "removed"),
    ] {
        if !list.is_empty() {
            let _ = writeln!(h, "<h2>{title} ({})</h2>\n<ul>", list.len());
            for f in list {
                let _ = writeln!(h, "<li class=\"{class}\">{}</li>", xml(&finding_line(f)));
            }
            h.push_str("</ul>\n");
        }
    }
    h.push_str("<h2>ESB</h2>\n<table class=\"counts\"><tr><th></th><th>verdict</th><th>n</th><th>p</th><th>full mesh</th><th>through a hub</th></tr>\n");
    for (label, e) in [("before", &d.esb.before), ("after", &d.esb.after)] {
        let _ = writeln!(
            h,
            "<tr><th>{label}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.verdict, e.systems, e.point_to_point, e.full_mesh, e.via_hub
        );
    }
    h.push_str("</table>\n</body>\n</html>\n");
    h
}

/// One kind of item in the page: added, removed and changed.
fn html_items<Id: std::fmt::Display>(h: &mut String, title: &str, i: &Items<Id>) {
    if i.added.is_empty() && i.removed.is_empty() && i.changed.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h2>{title}</h2>\n<ul>");
    for a in &i.added {
        let _ = writeln!(h, "<li class=\"added\">added: {}</li>", xml(&a.name));
    }
    for r in &i.removed {
        let _ = writeln!(h, "<li class=\"removed\">removed: {}</li>", xml(&r.name));
    }
    for c in &i.changed {
        let mut parts: Vec<String> = matched_text(c).into_iter().collect();
        parts.extend(c.fields.iter().map(field_text));
        let _ = writeln!(
            h,
            "<li class=\"changed\">changed: {}<br><span class=\"muted\">{}</span></li>",
            xml(&c.name),
            xml(&parts.join("; "))
        );
    }
    h.push_str("</ul>\n");
}
