//! What the analysis says differently: each link's recommendations, the findings
//! only one side has, the ESB verdict's counts.

use super::fields::link_label;
use super::parts::{AdviceChange, EsbCounts, FindingRef, Matched};
use crate::analysis::{Analysis, Subject};
use crate::model::{Design, LinkId, SystemId};
use std::collections::HashMap;

pub(super) fn advice(
    after: &Design,
    a: &Analysis,
    b: &Analysis,
    links: &[(LinkId, LinkId, Matched)],
) -> Vec<AdviceChange> {
    let mut out = Vec::new();
    for &(x, y, _) in links {
        let (Some(p), Some(q)) = (a.link(x), b.link(y)) else {
            continue;
        };
        let name = after
            .link(y)
            .map_or_else(String::new, |l| link_label(after, l));
        let mut add = |decision, before: String, now: String, why: &str| {
            if before != now {
                out.push(AdviceChange {
                    link: y,
                    name: name.clone(),
                    decision,
                    before,
                    after: now,
                    why: why.to_owned(),
                });
            }
        };
        add(
            "pattern",
            p.pattern.choice.id().into(),
            q.pattern.choice.id().into(),
            &q.pattern.reason,
        );
        add(
            "events",
            p.events.choice.id().into(),
            q.events.choice.id().into(),
            &q.events.reason,
        );
        add(
            "auth_flow",
            p.auth_flow.choice.id().into(),
            q.auth_flow.choice.id().into(),
            &q.auth_flow.reason,
        );
        let mtls = |b: bool| if b { "recommended" } else { "not needed" }.to_owned();
        add(
            "mtls",
            mtls(p.mtls.choice),
            mtls(q.mtls.choice),
            &q.mtls.reason,
        );
    }
    out
}

/// A finding's subject by name, for reports.
pub(super) fn subject_name(d: &Design, s: Subject) -> String {
    match s {
        Subject::Link(id) => d.link(id).map_or_else(String::new, |l| link_label(d, l)),
        other => other.name(d),
    }
}

/// Subjects of one design in the other's ids, through the pairing.
pub(super) struct SubjectMap {
    pub(super) systems: HashMap<SystemId, SystemId>,
    pub(super) links: HashMap<LinkId, LinkId>,
}

impl SubjectMap {
    fn map(&self, s: Subject) -> Option<Subject> {
        match s {
            Subject::Design => Some(Subject::Design),
            Subject::System(id) => self.systems.get(&id).copied().map(Subject::System),
            Subject::Link(id) => self.links.get(&id).copied().map(Subject::Link),
        }
    }
}

/// The findings of `x` with no finding of the same rule on the same subject (paired
/// across the designs, so a renamed system keeps its findings) in `y`.
pub(super) fn findings_only_in(
    dx: &Design,
    x: &Analysis,
    map: &SubjectMap,
    y: &Analysis,
) -> Vec<FindingRef> {
    let mut in_y: HashMap<(&str, Subject), usize> = HashMap::new();
    for f in &y.findings {
        *in_y.entry((f.rule.id, f.subject)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in &x.findings {
        let there = map
            .map(f.subject)
            .and_then(|s| in_y.get_mut(&(f.rule.id, s)))
            .filter(|n| **n > 0);
        match there {
            Some(n) => *n -= 1,
            None => out.push(FindingRef {
                rule: f.rule.id,
                severity: f.severity.id(),
                subject: subject_name(dx, f.subject),
                message: f.message.to_string(),
            }),
        }
    }
    out
}

pub(super) fn esb_counts(a: &Analysis) -> EsbCounts {
    EsbCounts {
        verdict: a.esb.verdict.id(),
        systems: a.esb.systems,
        point_to_point: a.esb.point_to_point,
        full_mesh: a.esb.full_mesh,
        via_hub: a.esb.via_hub,
    }
}
