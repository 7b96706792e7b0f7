//! Whether the design warrants an Enterprise Service Bus (DOMAIN 3.1).

use super::graph::DesignGraph;
use crate::model::vocab::vocabulary;
use crate::model::{Design, Link, Protocol, SystemId, SystemKind, Trigger};
use std::borrow::Cow;
use std::collections::BTreeSet;
// Hashed with foldhash (already in the tree through petgraph's hashbrown): these maps
// key 50,000 links of a large design by system and purpose, and SipHash, which guards
// against keys chosen to collide, was a fifth of the ESB assessment's time.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

vocabulary! {
    /// The ESB verdict.
    pub enum Verdict ("ESB verdict") {
        PointToPoint = "point-to-point", "Point-to-point is enough";
        ConsiderHub = "consider-hub", "Consider a hub";
        EsbRecommended = "esb-recommended", "An ESB is recommended";
        BusInPlace = "bus-in-place", "A bus is in place";
    }
}

vocabulary! {
    /// A sign that a bus would pay off.
    pub enum SignalKind ("ESB signal") {
        ManySystems = "many-systems", "More than four systems exchange data";
        MoreConnectionsThanSystems = "more-connections-than-systems", "More point-to-point connections than systems";
        ProtocolMediation = "protocol-mediation", "Several protocol families";
        Transformation = "transformation", "An exchange changes format across a hop";
        Orchestration = "orchestration", "A declared flow passes through a system that forwards it";
        CentralGovernance = "central-governance", "Central audit and monitoring required";
        FanOut = "fan-out", "One exchange fans out to three or more targets";
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
    /// Signals guessed from the drawing alone, reported but not counted (a path that
    /// looks like orchestration where no flow is declared).
    pub assumed: Vec<Signal>,
    /// The design's middleware systems, if it has any.
    pub middleware: Vec<SystemId>,
    /// The bus in place, when the verdict is `bus-in-place`.
    pub bus: Option<SystemId>,
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
    } else if n > 4 && ((p > n) || p >= 10 || signals.len() >= 3) {
        // A bus for four systems or fewer is overkill, whatever the signals.
        Verdict::EsbRecommended
    } else {
        Verdict::ConsiderHub
    }
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

/// The two signals the counts raise, in front of the others.
fn count_signals(signals: &mut Vec<Signal>, n: usize, p: usize) {
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
            (SignalKind::Transformation, true) => "no exchange changed format on its way",
            (SignalKind::Transformation, false) => "an exchange changed format across a hop",
            (SignalKind::Orchestration, true) => {
                "no declared flow passed through a forwarding system"
            }
            (SignalKind::Orchestration, false) => {
                "a declared flow passed one system's data on through a third"
            }
            (SignalKind::CentralGovernance, true) => {
                "central audit and monitoring were not required"
            }
            (SignalKind::CentralGovernance, false) => "central audit and monitoring were required",
            (SignalKind::FanOut, true) => "no exchange fanned out to three or more targets",
            (SignalKind::FanOut, false) => "one exchange fanned out to three or more targets",
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

/// The signals raised by evidence in the design (the count signals are added by
/// [`count_signals`]), and the ones only guessed from the drawing, which are reported
/// as assumed and not counted. Sign-in links take no part.
fn signals(design: &Design, graph: &DesignGraph, data: &[&Link]) -> (Vec<Signal>, Vec<Signal>) {
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
fn flow_steps(design: &Design) -> impl Iterator<Item = (&str, Vec<&Link>)> {
    design
        .flows
        .iter()
        .map(|f| (f.name.as_str(), design.flow_links(f).collect()))
}

/// A declared flow that passes through three or more systems with a middle one
/// forwarding what it received: "Checkout: Web shop backend forwards it (Web shop
/// storefront → Web shop backend → Salesforce)".
fn orchestration(design: &Design) -> Option<String> {
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
fn transformation(design: &Design, data: &[&Link], purposes: &[Cow<str>]) -> Option<String> {
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
fn purpose_key(l: &Link) -> Cow<'_, str> {
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
fn fan_out(design: &Design, data: &[&Link], purposes: &[Cow<str>]) -> Option<String> {
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
