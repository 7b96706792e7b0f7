//! The JSON report: a documented, stable contract (see the README). Field order is
//! fixed by these structs, so the same design always gives the same bytes.

use super::options;
use crate::analysis::decision::Decision;
use crate::analysis::facts::{LinkFacts, Value};
use crate::analysis::findings::link_name;
use crate::analysis::{Analysis, LinkAnalysis};
use crate::model::{Design, SystemId};
use serde::Serialize;

/// The version of this JSON contract; bumped only for changes that break readers.
pub const REPORT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Report<'a> {
    report_version: u32,
    design: DesignInfo<'a>,
    summary: Summary,
    links: Vec<LinkReport<'a>>,
    esb: EsbReport<'a>,
    findings: Vec<FindingReport<'a>>,
    /// The design's flows end to end; left out when it declares none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flows: Vec<FlowReport<'a>>,
    /// Findings a reviewer accepted; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accepted: Vec<AcceptedReport<'a>>,
    /// Waivers that do not hold, and why; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lapsed_waivers: Vec<LapsedReport<'a>>,
}

#[derive(Serialize)]
struct AcceptedReport<'a> {
    #[serde(flatten)]
    finding: FindingReport<'a>,
    reason: &'a str,
    by: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<&'a str>,
}

#[derive(Serialize)]
struct FlowReport<'a> {
    id: u32,
    name: &'a str,
    /// Link ids, in order.
    steps: &'a [crate::model::LinkId],
    /// How many steps from the start wait for their answer.
    sync_steps: usize,
    /// Their expected durations added up, in seconds.
    sync_seconds: f64,
    /// The first step (1-based) that does not wait, if any.
    turns_async_at: Option<usize>,
    weakest_auth: Option<AtStep>,
    most_sensitive: Option<AtStep>,
}

#[derive(Serialize)]
struct AtStep {
    value: &'static str,
    /// 1-based.
    step: usize,
}

#[derive(Serialize)]
struct LapsedReport<'a> {
    /// 1-based, as the file lists them.
    waiver: usize,
    rule: &'a str,
    why: &'a str,
}

#[derive(Serialize)]
struct DesignInfo<'a> {
    name: &'a str,
    description: &'a str,
    environment: &'static str,
    central_governance: bool,
}

#[derive(Serialize)]
struct Summary {
    systems: usize,
    links: usize,
    zones: usize,
    findings: Counts,
}

#[derive(Serialize)]
struct Counts {
    high: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct End<'a> {
    id: u32,
    name: &'a str,
}

#[derive(Serialize)]
struct LinkReport<'a> {
    id: u32,
    name: String,
    from: End<'a>,
    to: End<'a>,
    purpose: &'a str,
    pattern: DecisionReport,
    events: DecisionReport,
    auth_flow: DecisionReport,
    mtls: MtlsReport,
}

#[derive(Serialize)]
struct Input {
    attribute: &'static str,
    value: serde_json::Value,
}

#[derive(Serialize)]
struct FlipReport {
    /// The inputs to change (one, or two together) and the value each would take.
    changes: Vec<Input>,
    result: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct DecisionReport {
    id: &'static str,
    reason: String,
    decided_by: Vec<Input>,
    runner_up: Option<&'static str>,
    flips: Vec<FlipReport>,
    options: &'static [&'static str],
}

#[derive(Serialize)]
struct MtlsReport {
    recommended: bool,
    reason: String,
    decided_by: Vec<Input>,
    runner_up: Option<bool>,
    flips: Vec<FlipReport>,
    options: &'static [&'static str],
}

#[derive(Serialize)]
struct SignalReport<'a> {
    id: &'static str,
    title: &'static str,
    evidence: &'a str,
}

#[derive(Serialize)]
struct EsbReport<'a> {
    verdict: &'static str,
    reason: &'a str,
    flip: Option<&'a str>,
    systems: usize,
    point_to_point: usize,
    full_mesh: usize,
    via_hub: usize,
    signals: Vec<SignalReport<'a>>,
    middleware: Vec<End<'a>>,
}

#[derive(Serialize)]
struct SubjectReport {
    kind: &'static str,
    id: Option<u32>,
    name: String,
}

#[derive(Serialize)]
struct FindingReport<'a> {
    rule: &'static str,
    title: &'static str,
    severity: &'static str,
    subject: SubjectReport,
    message: &'a str,
    rationale: &'static str,
    fix: &'static str,
    reference: String,
}

fn finding_report<'a>(
    design: &Design,
    f: &'a crate::analysis::findings::Finding,
) -> FindingReport<'a> {
    FindingReport {
        rule: f.rule.id,
        title: f.rule.title,
        severity: f.severity.id(),
        subject: SubjectReport {
            kind: f.subject.kind(),
            id: f.subject.id(),
            name: f.subject.name(design),
        },
        message: &f.message,
        rationale: f.rule.why,
        fix: f.rule.instead,
        reference: f.rule.references.join("; "),
    }
}

fn value(v: Value) -> serde_json::Value {
    match v {
        Value::Bool(b) => b.into(),
        Value::Count(n) => n.into(),
        Value::Seconds(s) => s.into(),
        other => other.to_string().into(),
    }
}

fn inputs<T>(d: &Decision<T>, facts: &LinkFacts) -> Vec<Input> {
    d.inputs(facts)
        .map(|(a, v)| Input {
            attribute: a.id(),
            value: value(v),
        })
        .collect()
}

fn flips<T: Copy>(
    d: &Decision<T>,
    show: impl Fn(T) -> serde_json::Value + Copy,
) -> Vec<FlipReport> {
    d.flips
        .iter()
        .map(|f| {
            let mut changes = vec![Input {
                attribute: f.attr.id(),
                value: value(f.to),
            }];
            if let Some((attr, _, to)) = f.also {
                changes.push(Input {
                    attribute: attr.id(),
                    value: value(to),
                });
            }
            FlipReport {
                changes,
                result: show(f.result),
                text: match show(f.result) {
                    serde_json::Value::String(s) => format!("{}: {s}", f.condition()),
                    other => format!("{}: {other}", f.condition()),
                },
            }
        })
        .collect()
}

fn decision<T: Copy>(
    d: &Decision<T>,
    facts: &LinkFacts,
    id: fn(T) -> &'static str,
    options: &'static [&'static str],
) -> DecisionReport {
    DecisionReport {
        id: id(d.choice),
        reason: d.reason.to_string(),
        decided_by: inputs(d, facts),
        runner_up: d.runner_up.map(id),
        flips: flips(d, |t| id(t).into()),
        options,
    }
}

fn end(design: &Design, id: SystemId) -> End<'_> {
    End {
        id: id.0,
        name: design.system(id).map_or("", |s| s.name.as_str()),
    }
}

fn link<'a>(design: &'a Design, a: &LinkAnalysis) -> LinkReport<'a> {
    let l = &design.links[a.index];
    let [pattern, events, auth, mtls] = options(a);
    LinkReport {
        id: l.id.0,
        name: link_name(design, l),
        from: end(design, l.from),
        to: end(design, l.to),
        purpose: &l.purpose,
        pattern: decision(&a.pattern, &a.facts, |p| p.id(), pattern),
        events: decision(&a.events, &a.facts, |e| e.id(), events),
        auth_flow: decision(&a.auth_flow, &a.facts, |f| f.id(), auth),
        mtls: MtlsReport {
            recommended: a.mtls.choice,
            reason: a.mtls.reason.to_string(),
            decided_by: inputs(&a.mtls, &a.facts),
            runner_up: a.mtls.runner_up,
            flips: flips(&a.mtls, serde_json::Value::Bool),
            options: mtls,
        },
    }
}

/// The analysis as pretty-printed JSON, ending in a newline.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let (high, warning, info) = analysis.counts();
    let esb = &analysis.esb;
    let report = Report {
        report_version: REPORT_VERSION,
        design: DesignInfo {
            name: &design.name,
            description: &design.description,
            environment: design.environment.id(),
            central_governance: design.central_governance,
        },
        summary: Summary {
            systems: design.systems.len(),
            links: design.links.len(),
            zones: design.zones.len(),
            findings: Counts {
                high,
                warning,
                info,
            },
        },
        links: analysis.links.iter().map(|a| link(design, a)).collect(),
        esb: EsbReport {
            verdict: esb.verdict.id(),
            reason: &esb.reason,
            flip: esb.flip.as_deref(),
            systems: esb.systems,
            point_to_point: esb.point_to_point,
            full_mesh: esb.full_mesh,
            via_hub: esb.via_hub,
            signals: esb
                .signals
                .iter()
                .map(|s| SignalReport {
                    id: s.kind.id(),
                    title: s.kind.label(),
                    evidence: &s.evidence,
                })
                .collect(),
            middleware: esb.middleware.iter().map(|&id| end(design, id)).collect(),
        },
        flows: analysis
            .flows
            .iter()
            .map(|fa| {
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
            })
            .collect(),
        accepted: analysis
            .accepted
            .iter()
            .filter_map(|a| {
                let w = design.waivers.get(a.waiver)?;
                Some(AcceptedReport {
                    finding: finding_report(design, &a.finding),
                    reason: &w.reason,
                    by: &w.by,
                    until: w.until.as_deref(),
                })
            })
            .collect(),
        lapsed_waivers: analysis
            .lapsed
            .iter()
            .filter_map(|l| {
                Some(LapsedReport {
                    waiver: l.waiver + 1,
                    rule: &design.waivers.get(l.waiver)?.rule,
                    why: &l.why,
                })
            })
            .collect(),
        findings: analysis
            .findings
            .iter()
            .map(|f| finding_report(design, f))
            .collect(),
    };
    // Serializing these plain structs cannot fail; should it ever, say so in JSON.
    let mut text = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    text.push('\n');
    text
}
