//! Grading a design: each condition of the goal, whether it holds and why.

use super::terms::{Condition, LinkRef, find, missing};
use crate::analysis::facts::{Attr, Value};
use crate::analysis::{Analysis, Severity};
use crate::model::{AuthFlow, Design, SystemKind};

/// Whether condition `c` holds on the design, and why, in the product's words.
pub(super) fn condition(design: &Design, analysis: &Analysis, c: Condition) -> (bool, String) {
    let name = |r: LinkRef| format!("{} → {}", r.from, r.to);
    let found = |r: LinkRef| find(design, analysis, r);
    match c {
        Condition::Pattern(r, p) => found(r).map_or_else(
            || missing(r),
            |a| recommended(&name(r), "pattern", &a.pattern, p, |p| p.id()),
        ),
        Condition::Events(r, e) => found(r).map_or_else(
            || missing(r),
            |a| recommended(&name(r), "event mechanism", &a.events, e, |e| e.id()),
        ),
        Condition::Mtls(r, want) => found(r).map_or_else(
            || missing(r),
            |a| {
                let say = |b: bool| if b { "recommended" } else { "not needed" };
                recommended(&name(r), "mutual TLS", &a.mtls, want, say)
            },
        ),
        Condition::Auth(r, flow) => found(r).map_or_else(
            || missing(r),
            |a| recommended(&name(r), "auth flow", &a.auth_flow, flow, |f| f.id()),
        ),
        Condition::NoRule(rule) => no_rule(design, analysis, rule),
        Condition::NoFindings(severity) => no_findings(design, analysis, severity),
        Condition::Input(r, attr, want) => found(r).map_or_else(
            || missing(r),
            |a| input(&name(r), attr, a.facts.get(attr), want),
        ),
        Condition::Linked(r, why) => linked(r, found(r).is_some(), why),
        Condition::Unlinked(r, why) => unlinked(r, found(r).is_some(), why),
        Condition::AuthInUse(r, flows) => auth_in_use(design, r, &name(r), flows),
        Condition::TakesAtLeast(r, seconds) => match found(r).and_then(|a| design.link(a.link)) {
            Some(link) => takes_at_least(&name(r), link.expected_duration_s, seconds),
            None => missing(r),
        },
        Condition::EverythingThroughAHub => through_a_hub(design, analysis),
    }
}

/// No finding of `rule` is left.
fn no_rule(design: &Design, analysis: &Analysis, rule: &str) -> (bool, String) {
    match analysis.findings.iter().find(|f| f.rule.id == rule) {
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

/// No finding at `severity` or worse is left.
fn no_findings(design: &Design, analysis: &Analysis, severity: Severity) -> (bool, String) {
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

/// An input of the link has the wanted value.
fn input(link: &str, attr: Attr, now: Value, want: Value) -> (bool, String) {
    if now == want {
        (true, format!("{link}: {} is {want}.", attr.in_sentence()))
    } else {
        (
            false,
            format!(
                "{link}: {} is {now}; the goal is {want}.",
                attr.in_sentence()
            ),
        )
    }
}

/// The link has been drawn.
fn linked(r: LinkRef, there: bool, why: &str) -> (bool, String) {
    if there {
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

/// The direct link is gone.
fn unlinked(r: LinkRef, there: bool, why: &str) -> (bool, String) {
    if there {
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

/// The link records one of the wanted auth flows as the one in use today.
fn auth_in_use(design: &Design, r: LinkRef, name: &str, flows: &[AuthFlow]) -> (bool, String) {
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
        Some(now) if flows.contains(&now) => (true, format!("{name} uses {} today.", now.id())),
        now => (
            false,
            format!(
                "{name} uses {} today; the goal is {wanted}.",
                now.map_or("no recorded flow", |f| f.id())
            ),
        ),
    }
}

/// The link's duration is still written as what the work really takes.
fn takes_at_least(name: &str, written: f64, seconds: f64) -> (bool, String) {
    if written >= seconds {
        (
            true,
            format!("{name}: the work still takes {written} s, as it really does."),
        )
    } else {
        (
            false,
            format!(
                "{name}: the work is written as {written} s, but it really takes longer than {seconds} s; describe it as it is."
            ),
        )
    }
}

/// Every link that is not a sign-in goes through a middleware system.
fn through_a_hub(design: &Design, analysis: &Analysis) -> (bool, String) {
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
    let signs_in = |l: &crate::model::Link| match (design.system(l.from), design.system(l.to)) {
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
