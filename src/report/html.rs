//! One self-contained HTML page for a design review: inline CSS and SVG, no external
//! requests, printable.

use super::escape::{Xml, xml};
use super::{Change, options};
use crate::analysis::Analysis;
use crate::analysis::decision::Decision;
use crate::analysis::findings::link_name;
use crate::model::Design;
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1200px;color:#1d2330;line-height:1.45;padding:0 1rem}\
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #d5dbe5;padding-bottom:.2rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #d5dbe5;padding:.4rem;vertical-align:top;text-align:left}\
th{background:#f2f5f9}.choice{font-weight:600}.muted{color:#5b6576;font-size:.85em}\
.diagram{overflow:auto;border:1px solid #d5dbe5;border-radius:6px}.diagram svg{max-width:100%;height:auto}\
.sev-high{color:#b41e1e}.sev-warning{color:#9a6b00}.sev-info{color:#2d5fa6}\
.counts td{text-align:right}@media print{.diagram{overflow:visible}body{margin:0}}";

/// A decision's table cell: the choice, why, the runner-up and what would change it.
fn cell<T: Copy>(h: &mut String, d: &Decision<T>, show: impl Fn(T) -> String + Copy) {
    let _ = write!(
        h,
        "<td><span class=\"choice\">{}</span><br>{}",
        Xml(&show(d.choice)),
        Xml(&d.reason)
    );
    if let Some(r) = d.runner_up {
        let _ = write!(
            h,
            "<br><span class=\"muted\">runner-up: {}</span>",
            Xml(&show(r))
        );
    }
    let flip = match Change::of(d, show) {
        Change::Flips(flips) => flips,
        Change::OutOfReach(why) => format!("out of reach: {why}"),
    };
    let _ = write!(h, "<br><span class=\"muted\">{}</span></td>", Xml(&flip));
}

/// The review page. The diagram is drawn on another thread while the tables are
/// written: on a very large design each takes about a second.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let (svg, (head, tail)) = crate::job::beside(
        "draw the diagram",
        || super::svg::render(design, analysis),
        || page(design, analysis),
    );
    assemble(&head, &svg, &tail)
}

/// The review page, with a drawing of the design made already.
pub fn render_drawn(design: &Design, analysis: &Analysis, g: &crate::geometry::Geometry) -> String {
    let (svg, (head, tail)) = crate::job::beside(
        "draw the diagram",
        || super::svg::render_drawn(design, g, false),
        || page(design, analysis),
    );
    assemble(&head, &svg, &tail)
}

/// The review page of `design`, analysed here: the systems are placed and the links
/// routed while the design is analysed, then the diagram is drawn while the tables
/// are written (what `patchbay export --to html` does).
pub fn render_design(design: &Design) -> String {
    let drawn = |g: crate::geometry::Geometry| super::svg::render_drawn(design, &g, false);
    let (svg, (head, tail)) =
        crate::geometry::Geometry::analysed_with(design, drawn, |a| page(design, a));
    assemble(&head, &svg, &tail)
}

/// The page from its parts.
fn assemble(head: &str, svg: &str, tail: &str) -> String {
    let mut h = String::with_capacity(head.len() + svg.len() + tail.len() + 64);
    h.push_str(head);
    let _ = writeln!(h, "<h2>Diagram</h2>\n<div class=\"diagram\">\n{svg}</div>");
    h.push_str(tail);
    h
}

/// The page before the diagram, and after it.
fn page(design: &Design, analysis: &Analysis) -> (String, String) {
    let mut h = String::with_capacity(64 * 1024);
    top(&mut h, design, analysis);
    let head = std::mem::take(&mut h);
    esb(&mut h, &analysis.esb);
    links(&mut h, design, analysis);
    flows(&mut h, design, analysis);
    findings(&mut h, design, analysis);
    waivers(&mut h, design, analysis);
    inputs(&mut h, analysis);
    h.push_str("<p class=\"muted\">Made by Patchbay.</p>\n</body>\n</html>\n");
    (head, h)
}

/// The document head, the title, description and counts.
fn top(h: &mut String, design: &Design, analysis: &Analysis) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · Patchbay design review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        xml(&design.name)
    );
    let _ = writeln!(h, "<h1>{}</h1>", xml(&design.name));
    if !design.description.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", xml(&design.description));
    }
    let (high, warning, info) = analysis.counts();
    let _ = writeln!(
        h,
        "<p class=\"muted\">{} · findings: {high} high, {warning} warning, {info} info · facts checked {}</p>",
        xml(&super::summary(design)),
        crate::standards::checked()
    );
}

/// The bus verdict: the counts, the signals and what would change it.
fn esb(h: &mut String, esb: &crate::analysis::Esb) {
    let _ = writeln!(
        h,
        "<h2>Enterprise Service Bus: {}</h2>\n<p>{}</p>",
        xml(esb.verdict.label()),
        xml(&esb.reason)
    );
    let _ = writeln!(
        h,
        "<table class=\"counts\"><tr><th>systems (n)</th><th>point-to-point today (p)</th><th>full mesh n(n-1)/2</th><th>through a hub</th></tr><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>",
        esb.systems, esb.point_to_point, esb.full_mesh, esb.via_hub
    );
    if !esb.signals.is_empty() {
        h.push_str("<ul>\n");
        for s in &esb.signals {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong>: {}</li>",
                xml(s.kind.label()),
                xml(&s.evidence)
            );
        }
        h.push_str("</ul>\n");
    }
    if let Some(flip) = &esb.flip {
        let _ = writeln!(
            h,
            "<p class=\"muted\">The verdict would change {}.</p>",
            xml(flip)
        );
    }
}

/// The links' decisions, each with the options that build it.
fn links(h: &mut String, design: &Design, analysis: &Analysis) {
    h.push_str("<h2>Links</h2>\n<table>\n<tr><th>link</th><th>pattern</th><th>events</th><th>auth flow</th><th>mTLS</th><th>how to build it</th></tr>\n");
    for a in analysis.links.iter() {
        let l = &design.links[a.index];
        let _ = write!(h, "<tr><td>{} {}</td>", l.id.0, Xml(&link_name(design, l)));
        cell(h, &a.pattern, |p| p.id().to_owned());
        cell(h, &a.events, |e| e.id().to_owned());
        cell(h, &a.auth_flow, |f| f.id().to_owned());
        cell(h, &a.mtls, |b| if b { "yes".into() } else { "no".into() });
        h.push_str("<td><ul>");
        for o in options(a).iter().flat_map(|o| o.iter()) {
            let _ = write!(h, "<li>{}</li>", Xml(o));
        }
        h.push_str("</ul></td></tr>\n");
    }
    h.push_str("</table>\n");
}

/// Each flow's steps.
fn flows(h: &mut String, design: &Design, analysis: &Analysis) {
    if !analysis.flows.is_empty() {
        h.push_str("<h2>Flows</h2>\n");
        for fa in &analysis.flows {
            let (name, lines) = super::flow_lines(design, fa);
            let _ = writeln!(h, "<h3>{}</h3>\n<ul>", xml(&name));
            for line in lines {
                let _ = writeln!(h, "<li>{}</li>", xml(&line));
            }
            h.push_str("</ul>\n");
        }
    }
}

/// The findings, worst first, each with why, what instead and the reference.
fn findings(h: &mut String, design: &Design, analysis: &Analysis) {
    let (high, warning, info) = analysis.counts();
    let _ = writeln!(
        h,
        "<h2>Findings: {high} high, {warning} warning, {info} info</h2>"
    );
    for (severity, group) in analysis.findings_by_severity() {
        let _ = writeln!(
            h,
            "<h3 class=\"sev-{}\">{} ({})</h3>\n<ul>",
            severity.id(),
            severity.label(),
            group.len()
        );
        for f in group {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong> {}: {} {}<br><span class=\"muted\">Why: {}</span><br><span class=\"muted\">Instead: {}</span><br><span class=\"muted\">Reference: {}</span></li>",
                f.rule.id,
                xml(f.rule.title),
                xml(&f.subject.name(design)),
                xml(&f.message),
                xml(f.rule.why),
                xml(f.rule.instead),
                xml(&f.rule.references.join("; "))
            );
        }
        h.push_str("</ul>\n");
    }
}

/// The accepted findings and the waivers that no longer hold.
fn waivers(h: &mut String, design: &Design, analysis: &Analysis) {
    let accepted = super::accepted_lines(design, analysis);
    if !accepted.is_empty() {
        let _ = writeln!(h, "<h3>Accepted ({})</h3>\n<ul>", accepted.len());
        for line in accepted {
            let _ = writeln!(h, "<li>{}</li>", xml(&line));
        }
        h.push_str("</ul>\n");
    }
    let lapsed = super::lapsed_lines(design, analysis);
    if !lapsed.is_empty() {
        h.push_str("<h3>Waivers that no longer hold</h3>\n<ul>\n");
        for line in lapsed {
            let _ = writeln!(h, "<li>{}</li>", xml(&line));
        }
        h.push_str("</ul>\n");
    }
}

/// The inputs the advice names.
fn inputs(h: &mut String, analysis: &Analysis) {
    let inputs = super::inputs_named(analysis);
    if !inputs.is_empty() {
        h.push_str("<h2>Inputs named above</h2>\n<dl>\n");
        for attr in inputs {
            let _ = writeln!(
                h,
                "<dt><strong>{}</strong> <code>{}</code></dt><dd>{}</dd>",
                xml(attr.label()),
                attr.id(),
                xml(attr.help())
            );
        }
        h.push_str("</dl>\n");
    }
}
