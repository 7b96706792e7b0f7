//! The JSON report: a documented, stable contract (see the README). Field order is
//! fixed by these structs, so the same design always gives the same bytes.
//!
//! It is written as it goes, one record per line (a link, an explanation, a finding),
//! so a 50,000-link report never sits in memory whole and a change to one link is a
//! change to one line. What repeats across links is written once: each decision's
//! explanation (reason, inputs, runner-up, flips, options) goes to `explanations` and
//! links refer to it by index; each rule's texts go to `rules`, keyed by the rule id
//! the findings carry.

use super::options;
use crate::analysis::decision::Decision;
use crate::analysis::facts::{LinkFacts, Value};
use crate::analysis::findings::link_name;
use crate::analysis::{Analysis, LinkAnalysis};
use crate::model::{Design, SystemId};
use serde::Serialize;
use std::io::Write;

/// The version of this JSON contract; bumped only for changes that break readers.
pub const REPORT_VERSION: u32 = 4;

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
    /// `data`, or `sign-in` for federated sign-in at an identity provider.
    kind: &'static str,
    connects: Connects,
    pattern: Chosen,
    events: Chosen,
    auth_flow: Chosen,
    mtls: ChosenMtls,
}

/// Which side opens the link's connection, and how (DOMAIN 1.1).
#[derive(Serialize)]
struct Connects {
    /// `source` or `target`.
    side: &'static str,
    /// The system that opens it.
    system: u32,
    /// `call`, `subscribe`, `relay`, `bulk-extract`, `bulk-load`, `virtual` or `sign-in`.
    how: &'static str,
    text: String,
}

/// A decision on a link: what is recommended, and where its explanation is.
#[derive(Serialize)]
struct Chosen {
    id: &'static str,
    /// Index into `explanations`.
    why: usize,
}

#[derive(Serialize)]
struct ChosenMtls {
    recommended: bool,
    why: usize,
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

/// Why a decision came out as it did; shared by every link it explains.
#[derive(Serialize)]
struct Explanation {
    decision: &'static str,
    choice: serde_json::Value,
    reason: String,
    decided_by: Vec<Input>,
    runner_up: serde_json::Value,
    flips: Vec<FlipReport>,
    /// Where `flips` is empty: what it would take for the runner-up to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    out_of_reach: Option<&'static str>,
    options: Vec<&'static str>,
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
    through_hub: usize,
    signals: Vec<SignalReport<'a>>,
    /// Signals guessed from the drawing, reported but not counted.
    assumed: Vec<SignalReport<'a>>,
    middleware: Vec<End<'a>>,
    /// The bus in place, when the verdict is `bus-in-place`.
    bus: Option<End<'a>>,
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
    severity: &'static str,
    subject: SubjectReport,
    message: &'a str,
}

/// A rule's texts, written once however many findings it has.
#[derive(Serialize)]
struct RuleReport {
    id: &'static str,
    title: &'static str,
    severity: &'static str,
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
        severity: f.severity.id(),
        subject: SubjectReport {
            kind: f.subject.kind(),
            id: f.subject.id(),
            name: f.subject.name(design),
        },
        message: &f.message,
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

/// A value as a key: its kind, its number (bits for seconds) and its id.
#[derive(Clone, Copy, Hash, PartialEq, Eq)]
struct ValueKey(u8, u64, &'static str);

fn value_key(v: Value) -> ValueKey {
    match v {
        Value::Bool(b) => ValueKey(0, u64::from(b), ""),
        Value::Trigger(t) => ValueKey(1, 0, t.id()),
        Value::Latency(l) => ValueKey(2, 0, l.id()),
        Value::Count(n) => ValueKey(3, n as u64, ""),
        Value::Seconds(x) => ValueKey(4, x.to_bits(), ""),
        Value::Sensitivity(x) => ValueKey(5, 0, x.id()),
        Value::Protocol(x) => ValueKey(6, 0, x.id()),
        Value::Kind(x) => ValueKey(7, 0, x.id()),
    }
}

/// A flip as a key: input, from, to, the second input if any, and the result.
type FlipKey = (
    &'static str,
    ValueKey,
    ValueKey,
    Option<(&'static str, ValueKey, ValueKey)>,
    &'static str,
);

/// Everything an explanation is written from, borrowed: two decisions with equal keys
/// have the same explanation, so most links find theirs without building or writing
/// anything.
#[derive(Hash, PartialEq, Eq)]
struct Key<'a> {
    decision: &'static str,
    choice: &'static str,
    reason: Text<'a>,
    inputs: Vec<(&'static str, ValueKey)>,
    runner_up: Option<&'static str>,
    flips: Vec<FlipKey>,
    /// Static, so its address tells it apart.
    out_of_reach: Option<(usize, usize)>,
    /// Where each option's text is: the texts are static, and the same text is the same
    /// pointer. (Two equal texts elsewhere give two keys and one written line.)
    options: Vec<(usize, usize)>,
}

/// A reason as a key: a static text by where it is, a made one by its words.
#[derive(Hash, PartialEq, Eq)]
enum Text<'a> {
    Static(usize, usize),
    Made(&'a str),
}

#[expect(
    clippy::ptr_arg,
    reason = "whether the text is static or made is the point"
)]
fn text_key<'a>(t: &'a std::borrow::Cow<'static, str>) -> Text<'a> {
    match t {
        std::borrow::Cow::Borrowed(s) => Text::Static(s.as_ptr() as usize, s.len()),
        std::borrow::Cow::Owned(s) => Text::Made(s),
    }
}

/// Explanations written so far, each once, in the order links first use them.
#[derive(Default)]
struct Explanations<'a> {
    keys: std::collections::HashMap<Key<'a>, usize>,
    index: std::collections::HashMap<Vec<u8>, usize>,
    lines: Vec<Vec<u8>>,
}

impl<'a> Explanations<'a> {
    /// The index of `d`'s explanation, written to `lines` the first time it is met.
    fn add<T: Copy>(
        &mut self,
        decision: &'static str,
        d: &'a Decision<T>,
        facts: &LinkFacts,
        id: fn(T) -> &'static str,
        show: impl Fn(T) -> serde_json::Value + Copy,
        options: &[&'static str],
    ) -> serde_json::Result<usize> {
        let key = Key {
            decision,
            choice: id(d.choice),
            reason: text_key(d.reason.text()),
            inputs: d
                .inputs(facts)
                .map(|(a, v)| (a.id(), value_key(v)))
                .collect(),
            runner_up: d.runner_up.map(id),
            flips: d
                .flips
                .iter()
                .map(|f| {
                    (
                        f.attr.id(),
                        value_key(f.from),
                        value_key(f.to),
                        f.also
                            .map(|(a, from, to)| (a.id(), value_key(from), value_key(to))),
                        id(f.result),
                    )
                })
                .collect(),
            out_of_reach: d.out_of_reach.map(|t| (t.as_ptr() as usize, t.len())),
            options: options
                .iter()
                .map(|o| (o.as_ptr() as usize, o.len()))
                .collect(),
        };
        if let Some(&i) = self.keys.get(&key) {
            return Ok(i);
        }
        let line = serde_json::to_vec(&explanation(decision, d, facts, show, options))?;
        let next = self.lines.len();
        let i = *self.index.entry(line).or_insert_with_key(|line| {
            self.lines.push(line.clone());
            next
        });
        self.keys.insert(key, i);
        Ok(i)
    }
}

fn explanation<T: Copy>(
    decision: &'static str,
    d: &Decision<T>,
    facts: &LinkFacts,
    show: impl Fn(T) -> serde_json::Value + Copy,
    options: &[&'static str],
) -> Explanation {
    Explanation {
        decision,
        choice: show(d.choice),
        reason: d.reason.to_string(),
        decided_by: inputs(d, facts),
        runner_up: d.runner_up.map_or(serde_json::Value::Null, show),
        flips: flips(d, show),
        out_of_reach: d.out_of_reach,
        options: options.to_vec(),
    }
}

fn chosen<'a, T: Copy>(
    explanations: &mut Explanations<'a>,
    decision: &'static str,
    d: &'a Decision<T>,
    facts: &LinkFacts,
    id: fn(T) -> &'static str,
    options: &[&'static str],
) -> serde_json::Result<Chosen> {
    let why = explanations.add(decision, d, facts, id, |t| id(t).into(), options)?;
    Ok(Chosen {
        id: id(d.choice),
        why,
    })
}

fn end(design: &Design, id: SystemId) -> End<'_> {
    End {
        id: id.0,
        name: design.system(id).map_or("", |s| s.name.as_str()),
    }
}

fn link<'a, 'b>(
    design: &'a Design,
    a: &'b LinkAnalysis,
    explanations: &mut Explanations<'b>,
) -> serde_json::Result<LinkReport<'a>> {
    let l = &design.links[a.index];
    let [pattern, events, auth, mtls] = options(a);
    let (pattern, events, auth, mtls) = (&pattern[..], &events[..], &auth[..], &mtls[..]);
    let pattern = chosen(
        explanations,
        "pattern",
        &a.pattern,
        &a.facts,
        |p| p.id(),
        pattern,
    )?;
    let events = chosen(
        explanations,
        "events",
        &a.events,
        &a.facts,
        |e| e.id(),
        events,
    )?;
    let auth_flow = chosen(
        explanations,
        "auth_flow",
        &a.auth_flow,
        &a.facts,
        |f| f.id(),
        auth,
    )?;
    let mtls = ChosenMtls {
        recommended: a.mtls.choice,
        why: explanations.add(
            "mtls",
            &a.mtls,
            &a.facts,
            |b| if b { "true" } else { "false" },
            serde_json::Value::Bool,
            mtls,
        )?,
    };
    let c = crate::analysis::connection::of(&a.facts);
    let opener = match c.opener {
        crate::analysis::connection::Opener::Source => l.from,
        crate::analysis::connection::Opener::Target => l.to,
    };
    Ok(LinkReport {
        id: l.id.0,
        name: link_name(design, l),
        from: end(design, l.from),
        to: end(design, l.to),
        purpose: &l.purpose,
        kind: if a.facts.is_sign_in() {
            "sign-in"
        } else {
            "data"
        },
        connects: Connects {
            side: c.opener.id(),
            system: opener.0,
            how: c.how.id(),
            text: super::connects(design, a),
        },
        pattern,
        events,
        auth_flow,
        mtls,
    })
}

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
    let (high, warning, info) = analysis.counts();
    let esb = &analysis.esb;
    out.write_all(b"{\n")?;
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
            signals: esb
                .signals
                .iter()
                .map(|s| SignalReport {
                    id: s.kind.id(),
                    title: s.kind.label(),
                    evidence: &s.evidence,
                })
                .collect(),
            assumed: esb
                .assumed
                .iter()
                .map(|s| SignalReport {
                    id: s.kind.id(),
                    title: s.kind.label(),
                    evidence: &s.evidence,
                })
                .collect(),
            middleware: esb.middleware.iter().map(|&id| end(design, id)).collect(),
            bus: esb.bus.map(|id| end(design, id)),
        },
    )?;

    // Links stream out; their explanations are gathered (each once) and follow.
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

    // Each rule the findings (open or accepted) name, once, by id.
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
    )?;

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
    out.write_all(b"}\n")
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
