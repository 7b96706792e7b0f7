//! The JSON report's shape: one struct per object it writes, in the order its
//! fields appear (report_version 4).

use crate::analysis::facts::Value;
use crate::model::Design;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct AcceptedReport<'a> {
    #[serde(flatten)]
    pub(super) finding: FindingReport<'a>,
    pub(super) reason: &'a str,
    pub(super) by: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) until: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct FlowReport<'a> {
    pub(super) id: u32,
    pub(super) name: &'a str,
    /// Link ids, in order.
    pub(super) steps: &'a [crate::model::LinkId],
    /// How many steps from the start wait for their answer.
    pub(super) sync_steps: usize,
    /// Their expected durations added up, in seconds.
    pub(super) sync_seconds: f64,
    /// The first step (1-based) that does not wait, if any.
    pub(super) turns_async_at: Option<usize>,
    pub(super) weakest_auth: Option<AtStep>,
    pub(super) most_sensitive: Option<AtStep>,
}

#[derive(Serialize)]
pub(super) struct AtStep {
    pub(super) value: &'static str,
    /// 1-based.
    pub(super) step: usize,
}

#[derive(Serialize)]
pub(super) struct LapsedReport<'a> {
    /// 1-based, as the file lists them.
    pub(super) waiver: usize,
    pub(super) rule: &'a str,
    pub(super) why: &'a str,
}

#[derive(Serialize)]
pub(super) struct DesignInfo<'a> {
    pub(super) name: &'a str,
    pub(super) description: &'a str,
    pub(super) environment: &'static str,
    pub(super) central_governance: bool,
}

#[derive(Serialize)]
pub(super) struct Summary {
    pub(super) systems: usize,
    pub(super) links: usize,
    pub(super) zones: usize,
    pub(super) findings: Counts,
}

#[derive(Serialize)]
pub(super) struct Counts {
    pub(super) high: usize,
    pub(super) warning: usize,
    pub(super) info: usize,
}

#[derive(Serialize)]
pub(super) struct End<'a> {
    pub(super) id: u32,
    pub(super) name: &'a str,
}

#[derive(Serialize)]
pub(super) struct LinkReport<'a> {
    pub(super) id: u32,
    pub(super) name: String,
    pub(super) from: End<'a>,
    pub(super) to: End<'a>,
    pub(super) purpose: &'a str,
    /// `data`, or `sign-in` for federated sign-in at an identity provider.
    pub(super) kind: &'static str,
    pub(super) connects: Connects,
    pub(super) pattern: Chosen,
    pub(super) events: Chosen,
    pub(super) auth_flow: Chosen,
    pub(super) mtls: ChosenMtls,
}

/// Which side opens the link's connection, and how (DOMAIN 1.1).
#[derive(Serialize)]
pub(super) struct Connects {
    /// `source` or `target`.
    pub(super) side: &'static str,
    /// The system that opens it.
    pub(super) system: u32,
    /// `call`, `subscribe`, `relay`, `bulk-extract`, `bulk-load`, `virtual` or `sign-in`.
    pub(super) how: &'static str,
    pub(super) text: String,
}

/// A decision on a link: what is recommended, and where its explanation is.
#[derive(Serialize)]
pub(super) struct Chosen {
    pub(super) id: &'static str,
    /// Index into `explanations`.
    pub(super) why: usize,
}

#[derive(Serialize)]
pub(super) struct ChosenMtls {
    pub(super) recommended: bool,
    pub(super) why: usize,
}

#[derive(Serialize)]
pub(super) struct Input {
    pub(super) attribute: &'static str,
    pub(super) value: serde_json::Value,
}

#[derive(Serialize)]
pub(super) struct FlipReport {
    /// The inputs to change (one, or two together) and the value each would take.
    pub(super) changes: Vec<Input>,
    pub(super) result: serde_json::Value,
    pub(super) text: String,
}

/// Why a decision came out as it did; shared by every link it explains.
#[derive(Serialize)]
pub(super) struct Explanation {
    pub(super) decision: &'static str,
    pub(super) choice: serde_json::Value,
    pub(super) reason: String,
    pub(super) decided_by: Vec<Input>,
    pub(super) runner_up: serde_json::Value,
    pub(super) flips: Vec<FlipReport>,
    /// Where `flips` is empty: what it would take for the runner-up to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) out_of_reach: Option<&'static str>,
    pub(super) options: Vec<&'static str>,
}

#[derive(Serialize)]
pub(super) struct SignalReport<'a> {
    pub(super) id: &'static str,
    pub(super) title: &'static str,
    pub(super) evidence: &'a str,
}

impl<'a> SignalReport<'a> {
    /// An ESB signal with its evidence, as the report writes it.
    pub(super) fn of(s: &'a crate::analysis::esb::Signal) -> Self {
        Self {
            id: s.kind.id(),
            title: s.kind.label(),
            evidence: &s.evidence,
        }
    }
}

#[derive(Serialize)]
pub(super) struct EsbReport<'a> {
    pub(super) verdict: &'static str,
    pub(super) reason: &'a str,
    pub(super) flip: Option<&'a str>,
    pub(super) systems: usize,
    pub(super) point_to_point: usize,
    pub(super) full_mesh: usize,
    pub(super) through_hub: usize,
    pub(super) signals: Vec<SignalReport<'a>>,
    /// Signals guessed from the drawing, reported but not counted.
    pub(super) assumed: Vec<SignalReport<'a>>,
    pub(super) middleware: Vec<End<'a>>,
    /// The bus in place, when the verdict is `bus-in-place`.
    pub(super) bus: Option<End<'a>>,
}

#[derive(Serialize)]
pub(super) struct SubjectReport {
    pub(super) kind: &'static str,
    pub(super) id: Option<u32>,
    pub(super) name: String,
}

#[derive(Serialize)]
pub(super) struct FindingReport<'a> {
    pub(super) rule: &'static str,
    pub(super) severity: &'static str,
    pub(super) subject: SubjectReport,
    pub(super) message: &'a str,
}

/// A rule's texts, written once however many findings it has.
#[derive(Serialize)]
pub(super) struct RuleReport {
    pub(super) id: &'static str,
    pub(super) title: &'static str,
    pub(super) severity: &'static str,
    pub(super) rationale: &'static str,
    pub(super) fix: &'static str,
    pub(super) reference: String,
}

pub(super) fn finding_report<'a>(
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

pub(super) fn value(v: Value) -> serde_json::Value {
    match v {
        Value::Bool(b) => b.into(),
        Value::Count(n) => n.into(),
        Value::Seconds(s) => s.into(),
        other => other.to_string().into(),
    }
}
