//! Whether the design warrants an Enterprise Service Bus (DOMAIN 3.1).

mod flip;
mod signals;
mod terms;

use super::graph::DesignGraph;
use crate::model::{Design, Link, SystemId, SystemKind};
use flip::flip;
use signals::{count_signals, signals};
use std::collections::BTreeSet;
use terms::{HashMap, HashSet, verdict};
pub use terms::{Signal, SignalKind, Verdict};

/// The design-level verdict and its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Esb {
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in one sentence.
    pub reason: String,
    /// What would change the verdict, found by deciding again with changed counts.
    pub flip: Option<String>,
    /// n: systems that take part in at least one link.
    pub systems: usize,
    /// p: distinct connected pairs today.
    pub point_to_point: usize,
    /// n(n-1)/2: every system connected to every other.
    pub full_mesh: usize,
    /// n: one connection per system through a bus.
    pub via_hub: usize,
    /// The signals raised, in a stable order.
    pub signals: Vec<Signal>,
    /// Signals guessed from the drawing alone, reported but not counted (a path that
    /// looks like orchestration where no flow is declared).
    pub assumed: Vec<Signal>,
    /// The design's middleware systems, if it has any.
    pub middleware: Vec<SystemId>,
    /// The bus in place, when the verdict is `bus-in-place`.
    pub bus: Option<SystemId>,
}

/// The data links, in the design's order: every link between two existing systems
/// except sign-in to an identity provider, which adds nothing to the ESB counts or
/// signals (DOMAIN 3.1). Read off the graph, whose nodes know their systems.
fn data_links<'a>(design: &'a Design, graph: &DesignGraph) -> Vec<&'a Link> {
    let kind = |n| design.systems[graph.system_index(n)].kind;
    graph
        .graph
        .raw_edges()
        .iter()
        .filter(|e| !super::connection::is_sign_in(kind(e.source()), kind(e.target())))
        .map(|e| &design.links[e.weight])
        .collect()
}

/// How many distinct systems there are among these (sorted, not put in a tree: a large
/// design names 100,000 ends).
fn distinct(ids: impl Iterator<Item = SystemId>) -> usize {
    let mut all: Vec<SystemId> = ids.collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// How many distinct unordered pairs these links join.
fn pairs<'a>(links: impl Iterator<Item = &'a Link>) -> usize {
    let mut all: Vec<(SystemId, SystemId)> = links
        .map(|l| (l.from.min(l.to), l.from.max(l.to)))
        .collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// The design's bus, if one is in place: the middleware system that exchanges data
/// with the most others, when that is two or more; with those others.
fn bus_in_place(
    data: &[&Link],
    middleware: &HashSet<SystemId>,
) -> Option<(SystemId, BTreeSet<SystemId>)> {
    // One pass over the links: what each middleware system exchanges data with.
    if middleware.is_empty() {
        return None;
    }
    let mut attached: HashMap<SystemId, BTreeSet<SystemId>> = HashMap::default();
    for l in data {
        for (hub, other) in [(l.from, l.to), (l.to, l.from)] {
            if middleware.contains(&hub) {
                attached.entry(hub).or_default().insert(other);
            }
        }
    }
    attached
        .into_iter()
        .filter(|(_, a)| a.len() >= 2)
        .max_by_key(|(id, a)| (a.len(), std::cmp::Reverse(*id)))
}

/// Decides the ESB question for a design.
pub fn assess(design: &Design, graph: &DesignGraph) -> Esb {
    let data = data_links(design, graph);
    let middleware: Vec<SystemId> = design
        .systems
        .iter()
        .filter(|s| s.kind == SystemKind::Middleware)
        .map(|s| s.id)
        .collect();
    let hubs: HashSet<SystemId> = middleware.iter().copied().collect();
    let (signals, assumed) = signals(design, graph, &data);
    if let Some((bus, attached)) = bus_in_place(&data, &hubs) {
        return in_place(design, &data, bus, &attached, signals, assumed, middleware);
    }
    let n = distinct(data.iter().flat_map(|l| [l.from, l.to]));
    let p = pairs(data.iter().copied());
    let mut signals = signals;
    count_signals(&mut signals, n, p);
    let kinds: BTreeSet<SignalKind> = signals.iter().map(|s| s.kind).collect();
    let verdict = verdict(n, p, &kinds);
    let mut reason = reason(verdict, n, p, kinds.len(), data.len());
    reason.push_str(&through_middleware(design, &hubs));
    Esb {
        verdict,
        reason,
        flip: flip(verdict, n, p, &kinds),
        systems: n,
        point_to_point: p,
        full_mesh: n * n.saturating_sub(1) / 2,
        via_hub: n,
        signals,
        assumed,
        middleware,
        bus: None,
    }
}

/// The verdict where a bus is already in place: it is not one of the n systems, the
/// mesh is counted over the others, "through the bus" counts what is attached to it,
/// and p counts the direct connections left between other systems.
fn in_place(
    design: &Design,
    data: &[&Link],
    bus: SystemId,
    attached: &BTreeSet<SystemId>,
    mut signals: Vec<Signal>,
    assumed: Vec<Signal>,
    middleware: Vec<SystemId>,
) -> Esb {
    let n = distinct(
        data.iter()
            .flat_map(|l| [l.from, l.to])
            .filter(|s| *s != bus),
    );
    let direct: Vec<&Link> = data
        .iter()
        .copied()
        .filter(|l| l.from != bus && l.to != bus)
        .collect();
    let p = pairs(direct.iter().copied());
    let bypassing = pairs(
        direct
            .iter()
            .copied()
            .filter(|l| attached.contains(&l.from) && attached.contains(&l.to)),
    );
    count_signals(&mut signals, n, p);
    let name = design.system(bus).map_or("the bus", |s| s.name.as_str());
    let on = attached.len();
    // The count rule applied to what remains direct.
    let rest_n = distinct(direct.iter().flat_map(|l| [l.from, l.to]));
    let should_move = rest_n > 4 && (p > rest_n || p >= 10);
    let mut reason = format!(
        "{name} is the bus: {} {} on it, and {} {} between the other systems",
        crate::model::counted(on, "system"),
        if on == 1 { "is" } else { "are" },
        crate::model::counted(p, "direct connection"),
        if p == 1 { "remains" } else { "remain" },
    );
    reason.push_str(&match (p, bypassing) {
        (0, _) => String::from(": every exchange goes through it."),
        (_, 0) => String::from(", none of them between two systems already on the bus."),
        (1, 1) => String::from(", and it joins two systems already on the bus (ESB-001)."),
        (_, b) => format!(", {b} of them between two systems already on the bus (ESB-001)."),
    });
    if p > 0 {
        reason.push_str(if should_move {
            " By the count rule, the direct connections left are worth moving onto the bus too."
        } else {
            " By the count rule, the direct connections left are few enough to stay as they are."
        });
    }
    Esb {
        verdict: Verdict::BusInPlace,
        reason,
        flip: None,
        systems: n,
        point_to_point: p,
        full_mesh: n * n.saturating_sub(1) / 2,
        via_hub: on,
        signals,
        assumed,
        middleware,
        bus: Some(bus),
    }
}

fn reason(verdict: Verdict, n: usize, p: usize, signal_count: usize, links: usize) -> String {
    let g = |x: usize| crate::model::words::grouped(i64::try_from(x).unwrap_or(i64::MAX));
    let (ns, ps) = (g(n), g(p));
    let no_fewer = if p <= n {
        format!(" A hub would not reduce the connection count: {ps} today, {ns} through a hub.")
    } else {
        String::new()
    };
    let signals = |k: usize| {
        if k == 1 {
            "1 signal points".to_owned()
        } else {
            format!("{k} signals point")
        }
    };
    match verdict {
        Verdict::PointToPoint => format!(
            "{ns} systems, {} ({}): direct integrations stay simple to build and run, and a bus would add more than it saves.",
            crate::model::counted(p, "connected pair"),
            crate::model::counted(links, "link")
        ),
        Verdict::EsbRecommended if p > n => format!(
            "{ns} systems keep {ps} point-to-point connections where a bus would need {ns}, and {} the same way: routing, mediation and monitoring belong in one place.",
            signals(signal_count)
        ),
        Verdict::EsbRecommended => format!(
            "{ns} systems keep {} and {} to one place for routing, mediation and monitoring.{no_fewer}",
            crate::model::counted(p, "point-to-point connection"),
            signals(signal_count)
        ),
        Verdict::ConsiderHub => format!(
            "{ns} systems over {} is past the simplest case, but not yet clearly worth a bus; watch the signals as the design grows.{no_fewer}",
            crate::model::counted(p, "connection")
        ),
        Verdict::BusInPlace => String::new(),
    }
}

/// What the design's middleware already carries, as a sentence after the reason: the
/// verdict says whether a bus pays off, and a design that has one should hear whether
/// its links use it.
fn through_middleware(design: &Design, hubs: &HashSet<SystemId>) -> String {
    if hubs.is_empty() {
        return String::new();
    }
    // One pass over the links: which hubs are in use, and how many links touch none.
    let mut in_use = HashSet::default();
    let mut direct = 0;
    for l in &design.links {
        let (a, b) = (hubs.contains(&l.from), hubs.contains(&l.to));
        if a {
            in_use.insert(l.from);
        }
        if b {
            in_use.insert(l.to);
        }
        if !a && !b {
            direct += 1;
        }
    }
    // In the design's order, so the same design always names the same hub.
    let used: Vec<&crate::model::System> = design
        .systems
        .iter()
        .filter(|s| in_use.contains(&s.id))
        .collect();
    let [hub, ..] = used[..] else {
        return String::new();
    };
    let name = if used.len() == 1 {
        hub.name.clone()
    } else {
        format!("{} middleware systems", used.len())
    };
    match direct {
        0 => format!(" Every link already goes through {name}."),
        1 => format!(" All links but one go through {name}."),
        d => format!(" {d} links still go directly, not through {name}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mesh_counts_match_the_seed() {
        // Five systems all talking to each other need ten connections; ten need 45.
        for (n, mesh) in [(5usize, 10usize), (10, 45), (2, 1), (1, 0)] {
            assert_eq!(n * n.saturating_sub(1) / 2, mesh);
        }
    }

    #[test]
    fn verdict_follows_the_combination_rule() {
        let none = BTreeSet::new();
        assert_eq!(verdict(2, 1, &none), Verdict::PointToPoint);
        assert_eq!(verdict(3, 3, &none), Verdict::PointToPoint);
        assert_eq!(verdict(4, 4, &none), Verdict::ConsiderHub);
        assert_eq!(verdict(6, 7, &none), Verdict::EsbRecommended);
        assert_eq!(verdict(20, 10, &none), Verdict::EsbRecommended);
        let governed: BTreeSet<_> = [SignalKind::CentralGovernance].into();
        assert_eq!(
            verdict(2, 1, &governed),
            Verdict::ConsiderHub,
            "governance alone rules out point-to-point"
        );
        let three: BTreeSet<_> = [
            SignalKind::CentralGovernance,
            SignalKind::Transformation,
            SignalKind::ProtocolMediation,
        ]
        .into();
        // Never a bus for four systems or fewer, whatever the signals.
        assert_eq!(verdict(4, 3, &three), Verdict::ConsiderHub);
        assert_eq!(verdict(5, 4, &three), Verdict::EsbRecommended);
    }

    #[test]
    fn flip_is_found_by_deciding_again() {
        let none = BTreeSet::new();
        // Four systems can have at most six connections: the flip stays inside that.
        let text = flip(Verdict::ConsiderHub, 4, 4, &none).expect("a flip");
        assert!(!text.contains("(10"), "{text}");
        // One link between two systems: no mediation signal can be proposed, only a
        // design decision that any design can make.
        let one = flip(Verdict::PointToPoint, 2, 1, &none);
        assert_eq!(
            one.as_deref(),
            Some("if central audit and monitoring were required: consider-hub")
        );
    }
}
