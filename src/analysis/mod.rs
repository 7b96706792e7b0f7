//! The analyzer: petgraph over the model, a reasoned recommendation per link, the ESB
//! verdict for the design, and findings raised by rules. No GUI dependency.

pub mod auth;
pub mod connection;
pub mod decision;
#[cfg(test)]
mod decisions_tests;
pub mod esb;
pub mod events;
pub mod facts;
pub mod findings;
pub mod flows;
pub mod graph;
pub mod incremental;
pub mod mtls;
pub mod options;
pub mod pattern;
pub mod reach;
pub mod rules;
pub mod speaks;
#[cfg(test)]
pub(crate) mod testkit;
pub mod waivers;

use crate::model::{AuthFlow, Design, LinkId, SystemKind};
use decision::{Decision, explain};
use facts::LinkFacts;
use findings::{Context, Finding};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

pub use esb::Esb;
pub use events::Events;
pub use findings::{Rule, Severity, Subject};
pub use pattern::Pattern;

/// Everything the analyzer says about one link.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkAnalysis {
    /// The link.
    pub link: LinkId,
    /// Its position in `design.links`.
    pub index: usize,
    /// The inputs the decisions looked at.
    pub facts: LinkFacts,
    /// The integration pattern.
    pub pattern: Decision<Pattern>,
    /// The event mechanism.
    pub events: Decision<Events>,
    /// The OAuth flow for the source.
    pub auth_flow: Decision<AuthFlow>,
    /// Whether mutual TLS is warranted.
    pub mtls: Decision<bool>,
}

/// The analysis of a whole design. Derived from the document, never saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// One entry per link, in the design's link order (id order for a loaded design).
    /// Shared, so another thread can work on them without a copy.
    pub links: Arc<Vec<LinkAnalysis>>,
    /// The design-level ESB verdict.
    pub esb: Esb,
    /// Open findings, most severe first, then by rule id and subject.
    pub findings: Vec<Finding>,
    /// The design's flows, end to end.
    pub flows: Vec<flows::FlowAnalysis>,
    /// Findings a reviewer accepted (they do not count for `--fail-on`).
    pub accepted: Vec<waivers::Waived>,
    /// Waivers that do not hold, and why (their findings are open again).
    pub lapsed: Vec<waivers::Lapsed>,
}

impl Analysis {
    /// The analysis of one link. Fast when the design's links are in id order (as
    /// loaded and saved); correct in any order.
    pub fn link(&self, id: LinkId) -> Option<&LinkAnalysis> {
        match self.links.binary_search_by_key(&id, |l| l.link) {
            Ok(i) => Some(&self.links[i]),
            Err(_) => self.links.iter().find(|l| l.link == id),
        }
    }

    /// How many findings have each severity: (high, warning, info).
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s| self.findings.iter().filter(|f| f.severity == s).count();
        (n(Severity::High), n(Severity::Warning), n(Severity::Info))
    }

    /// Findings grouped by severity, most severe first, empty groups left out (the
    /// findings are kept sorted, so each group is one run of the list).
    pub fn findings_by_severity(&self) -> impl Iterator<Item = (Severity, &[Finding])> {
        self.findings
            .chunk_by(|a, b| a.severity == b.severity)
            .map(|g| (g[0].severity, g))
    }

    /// The most severe finding's severity.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Analyzes a design. Links whose ends do not exist are skipped (load validates them).
pub fn analyze(design: &Design) -> Analysis {
    analyze_on(design, crate::model::Date::today())
}

/// Brings `analysis` up to date with `design` after an edit, deciding again only the
/// links the edit touched; see [`reanalyze_on`].
pub fn reanalyze(analysis: &mut Analysis, design: &Design) {
    let remaining = analysis.relink(design);
    analysis.set_design_level(remaining.assess(design));
}

/// The analysis's link decisions, moved out when nothing else shares them and copied
/// (cheaply: their flip lists are shared) when something does.
pub fn take_links(analysis: &mut Analysis) -> Vec<LinkAnalysis> {
    let links = std::mem::take(&mut analysis.links);
    Arc::try_unwrap(links).unwrap_or_else(|shared| (*shared).clone())
}

/// Analyzes the design as of `today`, the day waivers are checked against.
pub fn analyze_on(design: &Design, today: crate::model::Date) -> Analysis {
    reanalyze_on(Vec::new(), design, today)
}

/// The analysis of `design` after an edit, given the link analyses from before it: each
/// link whose inputs (its [`LinkFacts`]) did not change keeps its decisions, and only
/// the links the edit touched are decided again; the design-level parts (the ESB
/// verdict, flows and findings) are worked out afresh (see [`design_level`]; on a
/// 10,000-system design they take about 40 ms, which is why the window works them out
/// on another thread there). The result is exactly what [`analyze_on`] gives.
pub fn reanalyze_on(
    previous: Vec<LinkAnalysis>,
    design: &Design,
    today: crate::model::Date,
) -> Analysis {
    let graph = graph::DesignGraph::new(design);
    let links = Arc::new(decide_links(previous, design, &graph));
    let level = design_level(design, &graph, &links, today);
    Analysis::from_parts(links, level)
}

/// Each link's decisions, deciding again only the links whose inputs differ from
/// `previous` (the link analyses of an earlier state of the design).
fn decide_links(
    previous: Vec<LinkAnalysis>,
    design: &Design,
    graph: &graph::DesignGraph,
) -> Vec<LinkAnalysis> {
    // Which systems talk to an identity provider, by index in `design.systems`.
    let mut linked_to_idp = vec![false; design.systems.len()];
    for e in graph.graph.raw_edges() {
        let (a, b) = (
            graph.system_index(e.source()),
            graph.system_index(e.target()),
        );
        match (design.systems[a].kind, design.systems[b].kind) {
            (_, SystemKind::IdentityProvider) => linked_to_idp[a] = true,
            (SystemKind::IdentityProvider, _) => linked_to_idp[b] = true,
            _ => {}
        }
    }

    // What each system gives its links' facts, worked out once per system.
    let ends: Vec<facts::End> = design.systems.iter().map(facts::End::of).collect();
    let facts_of = |l: &crate::model::Link| {
        let (from, to) = (graph.node(l.from)?, graph.node(l.to)?);
        let (from, to) = (graph.system_index(from), graph.system_index(to));
        Some(LinkFacts::between(
            l,
            ends[from],
            ends[to],
            linked_to_idp[from],
        ))
    };
    let decide = |l: &crate::model::Link, index, facts| LinkAnalysis {
        link: l.id,
        index,
        facts,
        pattern: explain::<pattern::PatternDecision>(&facts),
        events: explain::<events::EventsDecision>(&facts),
        auth_flow: explain::<auth::AuthDecision>(&facts),
        mtls: explain::<mtls::MtlsDecision>(&facts),
    };

    // The usual edit changes attributes, not which links there are: then the previous
    // analyses are updated where they stand, without moving any.
    let same_links = previous.len() == design.links.len()
        && previous
            .iter()
            .zip(&design.links)
            .all(|(a, l)| a.link == l.id);
    let mut previous = previous;
    if same_links {
        let mut complete = true;
        for (a, l) in previous.iter_mut().zip(&design.links) {
            let Some(facts) = facts_of(l) else {
                complete = false;
                break;
            };
            if a.facts != facts {
                *a = decide(l, a.index, facts);
            }
        }
        if complete {
            return previous;
        }
    }

    let mut cache = Cache::new(previous);
    // Sized once: a link's analysis is large, and growing the list moves every one.
    let mut links: Vec<LinkAnalysis> = Vec::with_capacity(design.links.len());
    // Where the first link decided with each decision key is in `links`: a later link
    // with the same key takes its decisions, restated in its own values. In a large
    // estate most links repeat another's inputs (the generated 10,000-system design has
    // 15,500 keys for 50,000 links).
    let mut decided = HashMap::<facts::DecisionKey, usize, foldhash::fast::RandomState>::default();
    for (index, l) in design.links.iter().enumerate() {
        let Some(facts) = facts_of(l) else { continue };
        match cache.take(l.id, index).filter(|k| k.facts == facts) {
            Some(mut kept) => {
                kept.index = index;
                links.push(kept);
            }
            None => {
                let made = match decided.entry(facts.decision_key()) {
                    Entry::Occupied(first) => links[*first.get()].restated(l.id, index, facts),
                    Entry::Vacant(slot) => {
                        slot.insert(links.len());
                        decide(l, index, facts)
                    }
                };
                links.push(made);
            }
        }
    }
    links
}

impl LinkAnalysis {
    /// This link's decisions for another link with the same decision key, restated in
    /// that link's values (see [`Decision::restated`]).
    fn restated(&self, link: LinkId, index: usize, facts: LinkFacts) -> Self {
        debug_assert_eq!(self.facts.decision_key(), facts.decision_key());
        Self {
            link,
            index,
            facts,
            pattern: self.pattern.restated(&facts),
            events: self.events.restated(&facts),
            auth_flow: self.auth_flow.restated(&facts),
            mtls: self.mtls.restated(&facts),
        }
    }
}

/// What the analyzer says about the design as a whole, given its links' decisions:
/// the ESB verdict, the flows and the findings. Kept apart from the links' decisions so
/// a large design can have it worked out on another thread after an edit.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignLevel {
    /// The design-level ESB verdict.
    pub esb: Esb,
    /// Open findings, most severe first, then by rule id and subject.
    pub findings: Vec<Finding>,
    /// The design's flows, end to end.
    pub flows: Vec<flows::FlowAnalysis>,
    /// Findings a reviewer accepted.
    pub accepted: Vec<waivers::Waived>,
    /// Waivers that do not hold, and why.
    pub lapsed: Vec<waivers::Lapsed>,
}

/// The design-level part of the analysis (see [`DesignLevel`]).
fn design_level(
    design: &Design,
    graph: &graph::DesignGraph,
    links: &[LinkAnalysis],
    today: crate::model::Date,
) -> DesignLevel {
    let esb = esb::assess(design, graph);
    let flows = flows::analyze(design, links);
    let mut findings = Vec::new();
    let cx = Context {
        design,
        graph,
        links,
        esb: &esb,
        flows: &flows,
    };
    for rule in rules::ALL {
        (rule.check)(&cx, &mut findings);
    }
    for f in &mut findings {
        f.severity = findings::adjust(f.severity, design.environment);
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.id.cmp(b.rule.id))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.message.cmp(&b.message))
    });
    let (findings, accepted, lapsed) = waivers::apply(design, links, findings, today);
    DesignLevel {
        esb,
        findings,
        flows,
        accepted,
        lapsed,
    }
}

impl Analysis {
    /// An analysis from its links' decisions and its design-level part.
    pub fn from_parts(links: Arc<Vec<LinkAnalysis>>, level: DesignLevel) -> Self {
        Self {
            links,
            esb: level.esb,
            findings: level.findings,
            flows: level.flows,
            accepted: level.accepted,
            lapsed: level.lapsed,
        }
    }

    /// Puts in a design-level part worked out elsewhere (see [`DesignLevel`]).
    pub fn set_design_level(&mut self, level: DesignLevel) {
        self.esb = level.esb;
        self.findings = level.findings;
        self.flows = level.flows;
        self.accepted = level.accepted;
        self.lapsed = level.lapsed;
    }
}

/// The link decisions of a previous analysis, each taken at most once, by link id.
struct Cache {
    /// The previous links' ids, in their order.
    ids: Vec<LinkId>,
    links: Vec<Option<LinkAnalysis>>,
    /// Where each link id is, when the previous links were not in id order.
    by_id: Option<std::collections::HashMap<LinkId, usize>>,
}

impl Cache {
    fn new(links: Vec<LinkAnalysis>) -> Self {
        let ids: Vec<LinkId> = links.iter().map(|l| l.link).collect();
        let sorted = ids.windows(2).all(|w| w[0] < w[1]);
        let by_id = (!sorted).then(|| ids.iter().enumerate().map(|(i, &id)| (id, i)).collect());
        Self {
            ids,
            links: links.into_iter().map(Some).collect(),
            by_id,
        }
    }

    /// The previous decisions of link `id`, looked for at `hint` first.
    fn take(&mut self, id: LinkId, hint: usize) -> Option<LinkAnalysis> {
        let at = if self.ids.get(hint) == Some(&id) {
            hint
        } else {
            match &self.by_id {
                Some(map) => *map.get(&id)?,
                None => self.ids.binary_search(&id).ok()?,
            }
        };
        self.links.get_mut(at)?.take()
    }
}
