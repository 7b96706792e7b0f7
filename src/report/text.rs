//! The report for a terminal: the verdict first, then each link, then the findings.

use super::{Change, options};
use crate::analysis::decision::Decision;
use crate::analysis::findings::link_name;
use crate::analysis::{Analysis, LinkAnalysis, Severity};
use crate::model::Design;
use std::fmt::Write;

fn decision_lines<T: Copy>(
    out: &mut String,
    label: &str,
    d: &Decision<T>,
    show: impl Fn(T) -> String + Copy,
    opts: &[&str],
) {
    let _ = writeln!(out, "    {label:<10} {}", show(d.choice));
    let _ = writeln!(out, "               why: {}", d.reason);
    if let Some(r) = d.runner_up {
        let _ = writeln!(out, "               runner-up: {}", show(r));
    }
    let _ = match Change::of(d, show) {
        Change::Flips(flips) => writeln!(out, "               would change {flips}"),
        Change::OutOfReach(why) => writeln!(out, "               out of reach: {why}"),
    };
    if !opts.is_empty() {
        let _ = writeln!(out, "               options: {}", opts.join("; "));
    }
}

/// The report's heading and the ESB verdict.
fn heading(out: &mut String, design: &Design, analysis: &Analysis) {
    let _ = writeln!(
        out,
        "{} ({}, {}, {})",
        design.name,
        super::counted(design.systems.len(), "system"),
        super::counted(design.links.len(), "link"),
        design.environment
    );
    let esb = &analysis.esb;
    let _ = writeln!(out, "\nESB: {}", esb.verdict);
    let _ = writeln!(out, "  {}", esb.reason);
    let _ = writeln!(
        out,
        "  systems {} | point-to-point {} | full mesh {} | through a hub {}",
        esb.systems, esb.point_to_point, esb.full_mesh, esb.via_hub
    );
    for s in &esb.signals {
        let _ = writeln!(out, "  signal: {}: {}", s.kind.label(), s.evidence);
    }
    for s in &esb.assumed {
        let _ = writeln!(
            out,
            "  assumed, not counted: {}: {}",
            s.kind.label(),
            s.evidence
        );
    }
    if let Some(flip) = &esb.flip {
        let _ = writeln!(out, "  would change {flip}");
    }
    let _ = writeln!(out, "\nLinks");
}

/// One link and its four decisions.
fn link(out: &mut String, design: &Design, a: &LinkAnalysis) {
    let l = &design.links[a.index];
    let _ = writeln!(out, "  [{}] {}", l.id.0, link_name(design, l));
    if a.facts.is_sign_in() {
        // Federation, not a data integration: no pattern, events, gateway or mTLS.
        let _ = writeln!(out, "    sign-in    {}", a.auth_flow.choice.label());
        let _ = writeln!(out, "               why: {}", a.pattern.reason);
        let _ = writeln!(out, "               auth: {}", a.auth_flow.reason);
        return;
    }
    let _ = writeln!(out, "    connects   {}", super::connects(design, a));
    let [pattern, events, auth, mtls] = options(a);
    let (pattern, events, auth, mtls) = (&pattern[..], &events[..], &auth[..], &mtls[..]);
    decision_lines(out, "pattern", &a.pattern, |p| p.id().to_owned(), pattern);
    decision_lines(out, "events", &a.events, |e| e.id().to_owned(), events);
    decision_lines(out, "auth flow", &a.auth_flow, |f| f.id().to_owned(), auth);
    decision_lines(
        out,
        "mtls",
        &a.mtls,
        |b| if b { "yes".into() } else { "no".into() },
        mtls,
    );
}

/// Flows, findings, accepted findings and lapsed waivers.
fn ending(out: &mut String, design: &Design, analysis: &Analysis) {
    if !analysis.flows.is_empty() {
        let _ = writeln!(out, "\nFlows");
        for fa in &analysis.flows {
            let (name, lines) = super::flow_lines(design, fa);
            let _ = writeln!(out, "  {name}");
            for line in lines {
                let _ = writeln!(out, "    {line}");
            }
        }
    }

    let (high, warning, info) = analysis.counts();
    let _ = writeln!(
        out,
        "\nFindings: {high} high, {warning} warning, {info} info"
    );
    for f in &analysis.findings {
        let tag = match f.severity {
            Severity::High => "HIGH",
            Severity::Warning => "WARN",
            Severity::Info => "INFO",
        };
        let _ = writeln!(
            out,
            "  {tag} {:<9} {}: {}",
            f.rule.id,
            f.subject.name(design),
            f.message
        );
    }
    let accepted = super::accepted_lines(design, analysis);
    if !accepted.is_empty() {
        let _ = writeln!(out, "\nAccepted findings: {}", accepted.len());
        for line in accepted {
            let _ = writeln!(out, "  {line}");
        }
    }
    for line in super::lapsed_lines(design, analysis) {
        let _ = writeln!(out, "  NOTE {line}");
    }
    let _ = writeln!(out, "\n{}", crate::standards::checked_line());
}

/// The analysis as plain text.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let mut out = String::new();
    heading(&mut out, design, analysis);
    for a in analysis.links.iter() {
        link(&mut out, design, a);
    }
    ending(&mut out, design, analysis);
    out
}

/// Writes the same text as [`render`] to `out` as it goes, a link at a time, so a
/// large design's report is never held whole.
pub fn write<W: std::io::Write>(
    out: &mut W,
    design: &Design,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let mut buf = String::new();
    heading(&mut buf, design, analysis);
    for a in analysis.links.iter() {
        link(&mut buf, design, a);
        if buf.len() > 1 << 15 {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    ending(&mut buf, design, analysis);
    out.write_all(buf.as_bytes())
}
