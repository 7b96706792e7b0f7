//! Grading a design: each condition of the goal, whether it holds and why.

use super::terms::{Condition, LinkRef, find, missing};
use crate::analysis::Analysis;
use crate::model::{Design, SystemKind};

/// Whether condition `c` holds on the design, and why, in the product's words.
pub(super) fn condition(design: &Design, analysis: &Analysis, c: Condition) -> (bool, String) {
    let name = |r: LinkRef| format!("{} → {}", r.from, r.to);
    match c {
        Condition::Pattern(r, p) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "pattern", &a.pattern, p, |p| p.id())
        }
        Condition::Events(r, e) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "event mechanism", &a.events, e, |e| e.id())
        }
        Condition::Mtls(r, want) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            let say = |b: bool| if b { "recommended" } else { "not needed" };
            recommended(&name(r), "mutual TLS", &a.mtls, want, say)
        }
        Condition::NoRule(rule) => {
            let hits: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.rule.id == rule)
                .collect();
            match hits.first() {
                None => (true, format!("No {rule} finding.")),
                Some(f) => (
                    false,
                    format!(
                        "{rule} still fires: {}: {}",
                        f.subject.name(design),
                        f.message
                    ),
                ),
            }
        }
        Condition::NoFindings(severity) => {
            let worse: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| f.severity >= severity)
                .collect();
            match worse.first() {
                None => (true, format!("No {} findings.", severity.id())),
                Some(f) => (
                    false,
                    format!(
                        "{} {} finding{} left, such as {} on {}: {}",
                        worse.len(),
                        severity.id(),
                        if worse.len() == 1 { "" } else { "s" },
                        f.rule.id,
                        f.subject.name(design),
                        f.message
                    ),
                ),
            }
        }
        Condition::Input(r, attr, want) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            let now = a.facts.get(attr);
            if now == want {
                (
                    true,
                    format!("{}: {} is {want}.", name(r), attr.in_sentence()),
                )
            } else {
                (
                    false,
                    format!(
                        "{}: {} is {now}; the goal is {want}.",
                        name(r),
                        attr.in_sentence()
                    ),
                )
            }
        }
        Condition::Linked(r, why) => {
            if find(design, analysis, r).is_some() {
                (
                    true,
                    format!("There is a link from {} to {}.", r.from, r.to),
                )
            } else {
                (
                    false,
                    format!(
                        "There is no link from {} to {} yet: draw it, {why}.",
                        r.from, r.to
                    ),
                )
            }
        }
        Condition::Unlinked(r, why) => {
            if find(design, analysis, r).is_some() {
                (
                    false,
                    format!(
                        "There is still a direct link from {} to {}: {why}.",
                        r.from, r.to
                    ),
                )
            } else {
                (
                    true,
                    format!("No direct link from {} to {} any more.", r.from, r.to),
                )
            }
        }
        Condition::Auth(r, flow) => {
            let Some(a) = find(design, analysis, r) else {
                return missing(r);
            };
            recommended(&name(r), "auth flow", &a.auth_flow, flow, |f| f.id())
        }
        Condition::AuthInUse(r, flows) => {
            let Some(link) = design.links.iter().find(|l| {
                design.system(l.from).is_some_and(|s| s.name == r.from)
                    && design.system(l.to).is_some_and(|s| s.name == r.to)
            }) else {
                return missing(r);
            };
            let wanted = flows
                .iter()
                .map(|f| f.id())
                .collect::<Vec<_>>()
                .join(" or ");
            match link.auth {
                Some(now) if flows.contains(&now) => {
                    (true, format!("{} uses {} today.", name(r), now.id()))
                }
                now => (
                    false,
                    format!(
                        "{} uses {} today; the goal is {wanted}.",
                        name(r),
                        now.map_or("no recorded flow", |f| f.id())
                    ),
                ),
            }
        }
        Condition::TakesAtLeast(r, seconds) => {
            let Some(link) = design.link(match find(design, analysis, r) {
                Some(a) => a.link,
                None => return missing(r),
            }) else {
                return missing(r);
            };
            if link.expected_duration_s >= seconds {
                (
                    true,
                    format!(
                        "{}: the work still takes {} s, as it really does.",
                        name(r),
                        link.expected_duration_s
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "{}: the work is written as {} s, but it really takes longer than {seconds} s; describe it as it is.",
                        name(r),
                        link.expected_duration_s
                    ),
                )
            }
        }
        Condition::EverythingThroughAHub => {
            let hubs: Vec<_> = design
                .systems
                .iter()
                .filter(|s| s.kind == SystemKind::Middleware)
                .map(|s| s.id)
                .collect();
            if hubs.is_empty() {
                return (
                    false,
                    "The design has no middleware system to act as the hub.".into(),
                );
            }
            let signs_in =
                |l: &crate::model::Link| match (design.system(l.from), design.system(l.to)) {
                    (Some(a), Some(b)) => a.kind.signs_in_at(b.kind),
                    _ => false,
                };
            let direct = design
                .links
                .iter()
                .filter(|l| !hubs.contains(&l.from) && !hubs.contains(&l.to) && !signs_in(l))
                .count();
            let esb = &analysis.esb;
            if direct == 0 {
                (
                    true,
                    format!(
                        "Every link goes through the hub: {} systems over {} connections, where a full mesh would need {}.",
                        esb.systems, esb.point_to_point, esb.full_mesh
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "{direct} link{} still go{} directly between two systems, past the hub.",
                        if direct == 1 { "" } else { "s" },
                        if direct == 1 { "es" } else { "" }
                    ),
                )
            }
        }
    }
}

/// Whether a recommendation is the one wanted, with the decision's reason either way.
fn recommended<T: PartialEq + Copy>(
    link: &str,
    what: &str,
    d: &crate::analysis::decision::Decision<T>,
    want: T,
    show: impl Fn(T) -> &'static str,
) -> (bool, String) {
    if d.choice == want {
        (
            true,
            format!("{link}: the {what} is {}. {}", show(want), d.reason),
        )
    } else {
        (
            false,
            format!(
                "{link}: the {what} is {}, not {}. {}",
                show(d.choice),
                show(want),
                d.reason
            ),
        )
    }
}
