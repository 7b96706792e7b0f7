//! The signals that a bus would pay off, each with its evidence: protocol
//! families, transformations across a hop, orchestration, fan-out, governance.

use super::super::graph::DesignGraph;
use super::terms::{HashMap, Signal, SignalKind, family};
use crate::model::{Design, Link, Protocol, SystemId, Trigger};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The two signals the counts raise, in front of the others.
pub(super) fn count_signals(signals: &mut Vec<Signal>, n: usize, p: usize) {
    let mut counted = Vec::new();
    if n > 4 {
        counted.push(Signal {
            kind: SignalKind::ManySystems,
            evidence: format!("{} exchange data", crate::model::counted(n, "system")),
        });
    }
    if p > n {
        counted.push(Signal {
            kind: SignalKind::MoreConnectionsThanSystems,
            evidence: format!(
                "{} against {} through a hub",
                crate::model::counted(p, "point-to-point connection"),
                crate::model::words::grouped(i64::try_from(n).unwrap_or(i64::MAX))
            ),
        });
    }
    counted.append(signals);
    *signals = counted;
}

pub(super) fn names(design: &Design, systems: impl IntoIterator<Item = usize>) -> Vec<&str> {
    systems
        .into_iter()
        .map(|i| design.systems[i].name.as_str())
        .collect()
}

/// The signals raised by evidence in the design (the count signals are added by
/// [`count_signals`]), and the ones only guessed from the drawing, which are reported
/// as assumed and not counted. Sign-in links take no part.
pub(super) fn signals(
    design: &Design,
    graph: &DesignGraph,
    data: &[&Link],
) -> (Vec<Signal>, Vec<Signal>) {
    let mut out = Vec::new();
    let mut assumed = Vec::new();
    let mut raise = |kind, evidence: String| out.push(Signal { kind, evidence });

    let protocols: BTreeSet<Protocol> = data.iter().map(|l| l.protocol).collect();
    let mut families: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for &p in &protocols {
        families.entry(family(p)).or_default().push(p.label());
    }
    if families.len() > 1 {
        // "HTTP APIs (REST, GraphQL)", but "SOAP", not "SOAP (SOAP)".
        let list: Vec<String> = families
            .iter()
            .map(|(f, ps)| match ps.as_slice() {
                [only] if only == f => (*f).to_owned(),
                _ => format!("{f} ({})", ps.join(", ")),
            })
            .collect();
        raise(
            SignalKind::ProtocolMediation,
            // The title says "several protocol families"; the evidence names them.
            match list.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("the links use {} and {last}", rest.join(", "))
                }
                _ => list.join(""),
            },
        );
    }
    // Each data link's purpose as an exchange, worked out once for both signals that
    // group by it.
    let purposes: Vec<Cow<str>> = data.iter().map(|l| purpose_key(l)).collect();
    if let Some(evidence) = transformation(design, data, &purposes) {
        raise(SignalKind::Transformation, evidence);
    }
    match orchestration(design) {
        Some(evidence) => raise(SignalKind::Orchestration, evidence),
        None => {
            if let Some(path) = forwarding_path(design, graph) {
                assumed.push(Signal {
                    kind: SignalKind::Orchestration,
                    evidence: format!(
                        "{} looks like it forwards what it receives ({}), but no flow declares it",
                        path[1],
                        path.join(" → ")
                    ),
                });
            }
        }
    }
    if design.central_governance {
        raise(
            SignalKind::CentralGovernance,
            "the design requires central audit and monitoring of every exchange".into(),
        );
    }
    if let Some(evidence) = fan_out(design, data, &purposes) {
        raise(SignalKind::FanOut, evidence);
    }
    (out, assumed)
}

/// The steps of each declared flow as links, in order; a step whose link is gone is
/// left out.
pub(super) fn flow_steps(design: &Design) -> impl Iterator<Item = (&str, Vec<&Link>)> {
    design
        .flows
        .iter()
        .map(|f| (f.name.as_str(), design.flow_links(f).collect()))
}

/// A declared flow that passes through three or more systems with a middle one
/// forwarding what it received: "Checkout: Web shop backend forwards it (Web shop
/// storefront → Web shop backend → Salesforce)".
pub(super) fn orchestration(design: &Design) -> Option<String> {
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    for (flow, steps) in flow_steps(design) {
        for w in steps.windows(2) {
            let (inn, out) = (w[0], w[1]);
            if out.from == inn.to && out.to != inn.from {
                return Some(format!(
                    "flow \"{flow}\": {} forwards what it receives ({} → {} → {})",
                    name(inn.to),
                    name(inn.from),
                    name(inn.to),
                    name(out.to)
                ));
            }
        }
    }
    None
}

/// One exchange that changes format across a hop: received in one format and
/// forwarded in another, along a declared flow or under the same purpose (`purposes`
/// holds each data link's [`purpose_key`]).
pub(super) fn transformation(
    design: &Design,
    data: &[&Link],
    purposes: &[Cow<str>],
) -> Option<String> {
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    let say = |inn: &Link, out: &Link, along: String| {
        format!(
            "{} receives {} from {} and passes it on as {} to {} ({along})",
            name(inn.to),
            inn.format.id(),
            name(inn.from),
            out.format.id(),
            name(out.to)
        )
    };
    for (flow, steps) in flow_steps(design) {
        for w in steps.windows(2) {
            let (inn, out) = (w[0], w[1]);
            if out.from == inn.to && out.format != inn.format {
                return Some(say(inn, out, format!("flow \"{flow}\"")));
            }
        }
    }
    // The same purpose (in any case) into and out of one system.
    let with_purpose = || {
        data.iter()
            .zip(purposes)
            .filter(|(_, p)| !p.is_empty())
            .map(|(l, p)| (*l, p.as_ref()))
    };
    let mut by_purpose: HashMap<(&str, SystemId), Vec<&Link>> =
        HashMap::with_capacity_and_hasher(data.len(), Default::default());
    for (l, p) in with_purpose() {
        by_purpose.entry((p, l.to)).or_default().push(l);
    }
    // In link order, so the same design always names the same exchange.
    with_purpose().find_map(|(l, p)| {
        let inn = by_purpose
            .get(&(p, l.from))?
            .iter()
            .find(|i| i.format != l.format && i.from != l.to)?;
        Some(say(
            inn,
            l,
            format!("the same exchange, \"{}\"", l.purpose.trim()),
        ))
    })
}

/// A link's purpose as the exchange it names: trimmed, and the same whatever its case
/// ("Order sync" and "order sync" are one exchange). Borrowed unless it has capitals,
/// so a design of 50,000 links costs no copy of most purposes.
pub(super) fn purpose_key(l: &Link) -> Cow<'_, str> {
    let p = l.purpose.trim();
    if p.chars().any(char::is_uppercase) {
        Cow::Owned(p.to_lowercase())
    } else {
        Cow::Borrowed(p)
    }
}

/// One system sending one exchange (the same purpose, or one declared flow) without
/// waiting to three or more targets (`purposes` holds each data link's
/// [`purpose_key`]).
pub(super) fn fan_out(design: &Design, data: &[&Link], purposes: &[Cow<str>]) -> Option<String> {
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    let mut groups: HashMap<(SystemId, &str), Vec<SystemId>> = HashMap::default();
    for (l, p) in data.iter().zip(purposes) {
        if !l.needs_response && !p.is_empty() {
            groups.entry((l.from, p.as_ref())).or_default().push(l.to);
        }
    }
    // The first such exchange by its sender's id and its purpose.
    let found = groups
        .into_iter()
        .filter_map(|(key, mut targets)| {
            targets.sort_unstable();
            targets.dedup();
            (targets.len() >= 3).then_some((key, targets))
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|((from, purpose), targets)| {
            (
                from,
                targets.into_iter().collect::<BTreeSet<SystemId>>(),
                format!("\"{purpose}\""),
            )
        });
    let found = found.or_else(|| {
        flow_steps(design).find_map(|(flow, steps)| {
            let mut by_caller: std::collections::BTreeMap<SystemId, BTreeSet<SystemId>> =
                Default::default();
            for l in steps.iter().filter(|l| !l.needs_response) {
                by_caller.entry(l.from).or_default().insert(l.to);
            }
            by_caller
                .into_iter()
                .find(|(_, t)| t.len() >= 3)
                .map(|(from, t)| (from, t, format!("flow \"{flow}\"")))
        })
    });
    let (from, targets, what) = found?;
    let names: Vec<&str> = targets.iter().map(|t| name(*t)).collect();
    Some(format!(
        "{} sends {what} to {} without waiting: {}",
        name(from),
        names.len(),
        names.join(", ")
    ))
}

/// A path A → B → C where B passes on, as an event, something it received.
pub(super) fn forwarding_path<'a>(design: &'a Design, graph: &DesignGraph) -> Option<Vec<&'a str>> {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::visit::EdgeRef;
    for b in graph.graph.node_indices() {
        let onward = graph.graph.edges_directed(b, Outgoing).filter(|e| {
            matches!(
                design.links[*e.weight()].trigger,
                Trigger::RecordChange | Trigger::BusinessEvent
            )
        });
        for out in onward {
            if let Some(inn) = graph
                .graph
                .edges_directed(b, Incoming)
                .find(|i| i.source() != out.target())
            {
                let path = [inn.source(), b, out.target()].map(|n| graph.system_index(n));
                return Some(names(design, path));
            }
        }
    }
    None
}
