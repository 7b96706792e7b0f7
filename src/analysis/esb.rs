//! Whether the design warrants an Enterprise Service Bus (DOMAIN 3.1).

use super::graph::DesignGraph;
use crate::model::vocab::vocabulary;
use crate::model::{Design, Format, Protocol, SystemId, SystemKind, Trigger};
use std::collections::BTreeSet;

vocabulary! {
    /// The ESB verdict.
    pub enum Verdict ("ESB verdict") {
        PointToPoint = "point-to-point", "Point-to-point is enough";
        ConsiderHub = "consider-hub", "Consider a hub";
        EsbRecommended = "esb-recommended", "An ESB is recommended";
    }
}

vocabulary! {
    /// A sign that a bus would pay off.
    pub enum SignalKind ("ESB signal") {
        ManySystems = "many-systems", "More than four systems exchange data";
        MoreConnectionsThanSystems = "more-connections-than-systems", "More point-to-point connections than systems";
        ProtocolMediation = "protocol-mediation", "Several protocol families";
        Transformation = "transformation", "Formats differ across a system's links";
        Orchestration = "orchestration", "A flow spans several systems";
        CentralGovernance = "central-governance", "Central audit and monitoring required";
        FanOut = "fan-out", "One publisher feeds three or more targets";
    }
}

/// A signal with the evidence that raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    /// Which signal.
    pub kind: SignalKind,
    /// What in the design raised it.
    pub evidence: String,
}

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
    /// The design's middleware systems, if it has any.
    pub middleware: Vec<SystemId>,
}

/// A family of protocols a bus would mediate between.
fn family(p: Protocol) -> &'static str {
    match p {
        Protocol::Rest | Protocol::Graphql | Protocol::Http => "HTTP APIs",
        Protocol::Soap => "SOAP",
        Protocol::Grpc => "gRPC",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => "messaging",
        Protocol::Sftp | Protocol::Ftp | Protocol::File => "file transfer",
        Protocol::Jdbc => "database",
        Protocol::Email => "email",
    }
}

/// The verdict for given counts and signals: the combination rule of DOMAIN 3.1.
pub fn verdict(n: usize, p: usize, signals: &BTreeSet<SignalKind>) -> Verdict {
    let structural = [
        SignalKind::ProtocolMediation,
        SignalKind::Orchestration,
        SignalKind::CentralGovernance,
    ];
    let simple = (n <= 3 || p <= 2) && !structural.iter().any(|s| signals.contains(s));
    if simple {
        Verdict::PointToPoint
    } else if (n > 4 && p > n) || p >= 10 || signals.len() >= 3 {
        Verdict::EsbRecommended
    } else {
        Verdict::ConsiderHub
    }
}

/// Decides the ESB question for a design.
pub fn assess(design: &Design, graph: &DesignGraph) -> Esb {
    let n = graph
        .graph
        .node_indices()
        .filter(|&i| graph.degree(i) > 0)
        .count();
    let p = graph.connected_pairs();
    let signals = signals(design, graph, n, p);
    let kinds: BTreeSet<SignalKind> = signals.iter().map(|s| s.kind).collect();
    let verdict = verdict(n, p, &kinds);
    let mut reason = reason(verdict, n, p, kinds.len());
    reason.push_str(&through_middleware(design));
    Esb {
        verdict,
        reason,
        flip: flip(verdict, n, p, &kinds),
        systems: n,
        point_to_point: p,
        full_mesh: n * n.saturating_sub(1) / 2,
        via_hub: n,
        signals,
        middleware: design
            .systems
            .iter()
            .filter(|s| s.kind == SystemKind::Middleware)
            .map(|s| s.id)
            .collect(),
    }
}

fn reason(verdict: Verdict, n: usize, p: usize, signal_count: usize) -> String {
    match verdict {
        Verdict::PointToPoint => format!(
            "{n} systems over {p} connection{}: direct integrations stay simple to build and run, and a bus would add more than it saves.",
            if p == 1 { "" } else { "s" }
        ),
        Verdict::EsbRecommended if p > n => format!(
            "{n} systems keep {p} point-to-point connections where a bus would need {n}, and {signal_count} signal{} point the same way: routing, mediation and monitoring belong in one place.",
            if signal_count == 1 { "" } else { "s" }
        ),
        Verdict::EsbRecommended => format!(
            "{n} systems keep {p} point-to-point connection{}; a bus would need {n}, so it would not reduce the count, but {signal_count} signal{} point to one place for routing, mediation and monitoring.",
            if p == 1 { "" } else { "s" },
            if signal_count == 1 { "" } else { "s" }
        ),
        Verdict::ConsiderHub => format!(
            "{n} systems over {p} connections is past the simplest case, but not yet clearly worth a bus; watch the signals as the design grows."
        ),
    }
}

/// What the design's middleware already carries, as a sentence after the reason: the
/// verdict says whether a bus pays off, and a design that has one should hear whether
/// its links use it.
fn through_middleware(design: &Design) -> String {
    let hubs: Vec<&crate::model::System> = design
        .systems
        .iter()
        .filter(|s| s.kind == SystemKind::Middleware)
        .collect();
    let touches = |id: SystemId| hubs.iter().any(|h| h.id == id);
    let used: Vec<&&crate::model::System> = hubs
        .iter()
        .filter(|h| design.links.iter().any(|l| l.from == h.id || l.to == h.id))
        .collect();
    let [hub, ..] = used[..] else {
        return String::new();
    };
    let direct = design
        .links
        .iter()
        .filter(|l| !touches(l.from) && !touches(l.to))
        .count();
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

/// The signals as they would be with `n` systems over `p` connections: the two that
/// the counts raise are recomputed, the others stay as the design has them.
fn recounted(kinds: &BTreeSet<SignalKind>, n: usize, p: usize) -> BTreeSet<SignalKind> {
    let mut k = kinds.clone();
    k.remove(&SignalKind::ManySystems);
    k.remove(&SignalKind::MoreConnectionsThanSystems);
    if n > 4 {
        k.insert(SignalKind::ManySystems);
    }
    if p > n {
        k.insert(SignalKind::MoreConnectionsThanSystems);
    }
    k
}

impl SignalKind {
    /// The design changed so that this signal is gone (`present`) or appears, in words.
    const fn changed(self, present: bool) -> &'static str {
        match (self, present) {
            (SignalKind::ProtocolMediation, true) => "the links used one protocol family",
            (SignalKind::ProtocolMediation, false) => {
                "the links used more than one protocol family"
            }
            (SignalKind::Transformation, true) => "each system's links used one format",
            (SignalKind::Transformation, false) => "a system's links used different formats",
            (SignalKind::Orchestration, true) => "no system forwarded what it receives",
            (SignalKind::Orchestration, false) => {
                "a flow passed one system's data on through a third"
            }
            (SignalKind::CentralGovernance, true) => {
                "central audit and monitoring were not required"
            }
            (SignalKind::CentralGovernance, false) => "central audit and monitoring were required",
            (SignalKind::FanOut, true) => "no publisher fed three or more targets",
            (SignalKind::FanOut, false) => "one publisher fed three or more targets",
            (SignalKind::ManySystems, true) => "four or fewer systems exchanged data",
            (SignalKind::ManySystems, false) => "more than four systems exchanged data",
            (SignalKind::MoreConnectionsThanSystems, true) => {
                "there were no more connections than systems"
            }
            (SignalKind::MoreConnectionsThanSystems, false) => {
                "there were more connections than systems"
            }
        }
    }
}

/// Whether a design of `n` systems over `p` connections can show this signal at all:
/// two protocol families or formats need two links, a flow through three systems needs
/// three systems, fan-out needs a publisher and three targets.
fn possible(kind: SignalKind, n: usize, p: usize) -> bool {
    match kind {
        SignalKind::ProtocolMediation | SignalKind::Transformation => p >= 2,
        SignalKind::Orchestration => n >= 3 && p >= 2,
        SignalKind::FanOut => n >= 4 && p >= 3,
        SignalKind::CentralGovernance => true,
        // Raised by the counts, never changed on their own.
        SignalKind::ManySystems | SignalKind::MoreConnectionsThanSystems => false,
    }
}

/// The smallest change that changes the verdict, found by deciding again on a changed
/// design with every signal recomputed: a connection added (never past the full mesh)
/// or removed (never below one link per two systems), or a signal's cause added or
/// removed where the design could have it.
fn flip(now: Verdict, n: usize, p: usize, kinds: &BTreeSet<SignalKind>) -> Option<String> {
    let mesh = n * n.saturating_sub(1) / 2;
    for extra in 1..=mesh.saturating_sub(p).min(50) {
        let v = verdict(n, p + extra, &recounted(kinds, n, p + extra));
        if v != now {
            return Some(format!(
                "with {extra} more point-to-point connection{} ({} of at most {mesh}): {v}",
                if extra == 1 { "" } else { "s" },
                p + extra
            ));
        }
    }
    let floor = n.div_ceil(2).max(1);
    for less in 1..=p.saturating_sub(floor).min(50) {
        let v = verdict(n, p - less, &recounted(kinds, n, p - less));
        if v != now {
            return Some(format!(
                "with {less} fewer point-to-point connection{} ({}): {v}",
                if less == 1 { "" } else { "s" },
                p - less
            ));
        }
    }
    for kind in SignalKind::ALL {
        let mut changed = kinds.clone();
        let present = changed.remove(kind);
        if !present {
            if !possible(*kind, n, p) {
                continue;
            }
            changed.insert(*kind);
        }
        let v = verdict(n, p, &recounted(&changed, n, p));
        if v != now {
            return Some(format!("if {}: {v}", kind.changed(present)));
        }
    }
    None
}

fn names(design: &Design, systems: impl IntoIterator<Item = usize>) -> Vec<&str> {
    systems
        .into_iter()
        .map(|i| design.systems[i].name.as_str())
        .collect()
}

fn signals(design: &Design, graph: &DesignGraph, n: usize, p: usize) -> Vec<Signal> {
    let mut out = Vec::new();
    let mut raise = |kind, evidence: String| out.push(Signal { kind, evidence });
    if n > 4 {
        raise(
            SignalKind::ManySystems,
            format!("{n} systems exchange data"),
        );
    }
    if p > n {
        raise(
            SignalKind::MoreConnectionsThanSystems,
            format!("{p} point-to-point connections against {n} through a hub"),
        );
    }

    let protocols: BTreeSet<Protocol> = design.links.iter().map(|l| l.protocol).collect();
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

    // Formats seen at each system, as bit sets over `Format::ALL`.
    let mut formats = vec![0u16; design.systems.len()];
    let bit = |f: Format| 1u16 << Format::ALL.iter().position(|x| *x == f).unwrap_or(0);
    for e in graph.graph.raw_edges() {
        let b = bit(design.links[e.weight].format);
        formats[e.source().index()] |= b;
        formats[e.target().index()] |= b;
    }
    let mixed: Vec<String> = formats
        .iter()
        .enumerate()
        .filter(|(_, f)| f.count_ones() > 1)
        .take(3)
        .map(|(i, f)| {
            let list: Vec<&str> = Format::ALL
                .iter()
                .filter(|x| f & bit(**x) != 0)
                .map(|x| x.id())
                .collect();
            format!("{} ({})", design.systems[i].name, list.join(", "))
        })
        .collect();
    if !mixed.is_empty() {
        let more = formats.iter().filter(|f| f.count_ones() > 1).count() - mixed.len();
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        raise(
            SignalKind::Transformation,
            format!("{}{tail}", mixed.join("; ")),
        );
    }

    if let Some(path) = forwarding_path(design, graph) {
        raise(
            SignalKind::Orchestration,
            format!(
                "{} forwards what it receives: {}",
                path[1],
                path.join(" → ")
            ),
        );
    }
    if design.central_governance {
        raise(
            SignalKind::CentralGovernance,
            "the design requires central audit and monitoring of every exchange".into(),
        );
    }
    if let Some((publisher, targets)) = fan_out(design, graph) {
        raise(
            SignalKind::FanOut,
            format!(
                "{publisher} feeds {} asynchronously: {}",
                targets.len(),
                targets.join(", ")
            ),
        );
    }
    out
}

/// A path A → B → C where B passes on, as an event, something it received.
fn forwarding_path<'a>(design: &'a Design, graph: &DesignGraph) -> Option<Vec<&'a str>> {
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

/// The first system, in design order, that sends asynchronously to three or more others.
fn fan_out<'a>(design: &'a Design, graph: &DesignGraph) -> Option<(&'a str, Vec<&'a str>)> {
    use petgraph::Direction::Outgoing;
    use petgraph::visit::EdgeRef;
    for a in graph.graph.node_indices() {
        let mut targets: Vec<usize> = graph
            .graph
            .edges_directed(a, Outgoing)
            .filter(|e| !design.links[*e.weight()].needs_response)
            .map(|e| graph.system_index(e.target()))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        if targets.len() >= 3 {
            return Some((
                design.systems[graph.system_index(a)].name.as_str(),
                names(design, targets),
            ));
        }
    }
    None
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
        assert_eq!(verdict(4, 3, &three), Verdict::EsbRecommended);
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
