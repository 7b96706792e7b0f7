//! The JSON report: a documented, stable contract (see the README). Field order is
//! fixed by these structs, so the same design always gives the same bytes.
//!
//! It is written as it goes, one record per line (a link, an explanation, a finding),
//! so a 50,000-link report never sits in memory whole and a change to one link is a
//! change to one line. What repeats across links is written once: each decision's
//! explanation (reason, inputs, runner-up, flips, options) goes to `explanations` and
//! links refer to it by index; each rule's texts go to `rules`, keyed by the rule id
//! the findings carry.

mod links;
mod schema;

use crate::analysis::Analysis;
use crate::model::Design;
use links::{Explanations, end, link};
use schema::{
    AcceptedReport, AtStep, Counts, DesignInfo, EsbReport, FlowReport, LapsedReport, RuleReport,
    SignalReport, Summary, finding_report,
};
use serde::Serialize;
use std::io::Write;

/// The version of this JSON contract; bumped only for changes that break readers.
pub const REPORT_VERSION: u32 = 4;

fn io(e: serde_json::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// Writes `"key": [` then each item compact on its own line, then `]`.
fn array<W: Write, T: Serialize>(
    out: &mut W,
    key: &str,
    items: impl IntoIterator<Item = T>,
    last: bool,
) -> std::io::Result<()> {
    write!(out, "  \"{key}\": [")?;
    let mut first = true;
    for item in items {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, &item).map_err(io)?;
        first = false;
    }
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    out.write_all(if last { b"\n" } else { b",\n" })
}

fn field<W: Write, T: Serialize>(out: &mut W, key: &str, value: &T) -> std::io::Result<()> {
    write!(out, "  \"{key}\": ")?;
    serde_json::to_writer(&mut *out, value).map_err(io)?;
    out.write_all(b",\n")
}

/// Writes the report to `out` as it goes: one top-level key per line, arrays one
/// record per line. The same design always gives the same bytes.
pub fn write<W: Write>(out: &mut W, design: &Design, analysis: &Analysis) -> std::io::Result<()> {
    out.write_all(b"{\n")?;
    head(out, design, analysis)?;
    links(out, design, analysis)?;
    rules(out, analysis)?;
    findings(out, design, analysis)?;
    out.write_all(b"}\n")
}

/// The report's version, the design, its counts and the bus verdict.
fn head<W: Write>(out: &mut W, design: &Design, analysis: &Analysis) -> std::io::Result<()> {
    let (high, warning, info) = analysis.counts();
    let esb = &analysis.esb;
    field(out, "report_version", &REPORT_VERSION)?;
    field(out, "facts_checked", &crate::standards::checked().iso())?;
    field(
        out,
        "design",
        &DesignInfo {
            name: &design.name,
            description: &design.description,
            environment: design.environment.id(),
            central_governance: design.central_governance,
        },
    )?;
    field(
        out,
        "summary",
        &Summary {
            systems: design.systems.len(),
            links: design.links.len(),
            zones: design.zones.len(),
            findings: Counts {
                high,
                warning,
                info,
            },
        },
    )?;
    field(
        out,
        "esb",
        &EsbReport {
            verdict: esb.verdict.id(),
            reason: &esb.reason,
            flip: esb.flip.as_deref(),
            systems: esb.systems,
            point_to_point: esb.point_to_point,
            full_mesh: esb.full_mesh,
            through_hub: esb.via_hub,
            signals: esb.signals.iter().map(SignalReport::of).collect(),
            assumed: esb.assumed.iter().map(SignalReport::of).collect(),
            middleware: esb.middleware.iter().map(|&id| end(design, id)).collect(),
            bus: esb.bus.map(|id| end(design, id)),
        },
    )?;
    Ok(())
}

/// The links, streamed; then their explanations, each once.
fn links<W: Write>(out: &mut W, design: &Design, analysis: &Analysis) -> std::io::Result<()> {
    let mut explanations = Explanations::default();
    write!(out, "  \"links\": [")?;
    for (i, a) in analysis.links.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        let report = link(design, a, &mut explanations).map_err(io)?;
        serde_json::to_writer(&mut *out, &report).map_err(io)?;
    }
    out.write_all(if analysis.links.is_empty() {
        b"],\n"
    } else {
        b"\n  ],\n"
    })?;
    write!(out, "  \"explanations\": [")?;
    for (i, line) in explanations.lines.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        out.write_all(line)?;
    }
    out.write_all(if explanations.lines.is_empty() {
        b"],\n"
    } else {
        b"\n  ],\n"
    })?;
    Ok(())
}

/// Each rule the findings (open or accepted) name, once, by id.
fn rules<W: Write>(out: &mut W, analysis: &Analysis) -> std::io::Result<()> {
    let mut rules: Vec<&crate::analysis::findings::Rule> = analysis
        .findings
        .iter()
        .chain(analysis.accepted.iter().map(|a| &a.finding))
        .map(|f| f.rule)
        .collect();
    rules.sort_by_key(|r| r.id);
    rules.dedup_by_key(|r| r.id);
    array(
        out,
        "rules",
        rules.iter().map(|r| RuleReport {
            id: r.id,
            title: r.title,
            severity: r.severity.id(),
            rationale: r.why,
            fix: r.instead,
            reference: r.references.join("; "),
        }),
        false,
    )
}

/// The findings, then the flows, accepted findings and lapsed waivers, each left out
/// when there are none.
fn findings<W: Write>(out: &mut W, design: &Design, analysis: &Analysis) -> std::io::Result<()> {
    let flows = analysis.flows.iter().map(|fa| {
        let f = &design.flows[fa.flow];
        FlowReport {
            id: f.id,
            name: &f.name,
            steps: &f.steps,
            sync_steps: fa.sync_steps,
            sync_seconds: fa.sync_seconds,
            turns_async_at: fa.turns_async_at.map(|k| k + 1),
            weakest_auth: fa.weakest_auth.map(|(a, k)| AtStep {
                value: a.id(),
                step: k + 1,
            }),
            most_sensitive: fa.most_sensitive.map(|(s, k)| AtStep {
                value: s.id(),
                step: k + 1,
            }),
        }
    });
    let accepted = analysis.accepted.iter().filter_map(|a| {
        let w = design.waivers.get(a.waiver)?;
        Some(AcceptedReport {
            finding: finding_report(design, &a.finding),
            reason: &w.reason,
            by: &w.by,
            until: w.until.as_deref(),
        })
    });
    let lapsed = analysis.lapsed.iter().filter_map(|l| {
        Some(LapsedReport {
            waiver: l.waiver + 1,
            rule: &design.waivers.get(l.waiver)?.rule,
            why: &l.why,
        })
    });
    // Flows, accepted findings and lapsed waivers are left out when there are none.
    let has_flows = !analysis.flows.is_empty();
    let has_accepted = accepted.clone().next().is_some();
    let has_lapsed = lapsed.clone().next().is_some();
    array(
        out,
        "findings",
        analysis.findings.iter().map(|f| finding_report(design, f)),
        !(has_flows || has_accepted || has_lapsed),
    )?;
    if has_flows {
        array(out, "flows", flows, !(has_accepted || has_lapsed))?;
    }
    if has_accepted {
        array(out, "accepted", accepted, !has_lapsed)?;
    }
    if has_lapsed {
        array(out, "lapsed_waivers", lapsed, true)?;
    }
    Ok(())
}

/// The report as a string; see [`write`].
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let mut bytes = Vec::new();
    // Writing to memory fails only if serializing does, which these plain structs
    // cannot; should it ever, say so in JSON.
    match write(&mut bytes, design, analysis) {
        Ok(()) => String::from_utf8(bytes).unwrap_or_default(),
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}
