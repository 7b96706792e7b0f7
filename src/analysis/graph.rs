//! The design as a petgraph graph, and the graph algorithms the findings use.

use crate::model::{Design, Latency, SystemId, SystemKind, Trigger};
use petgraph::Direction;
use petgraph::algo::articulation_points::articulation_points;
use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use std::sync::OnceLock;

/// The longest synchronous chain found so far that ends at a node.
#[derive(Clone, Copy)]
struct ChainEnd {
    /// Systems in the chain, the end included.
    systems: usize,
    /// Summed expected durations of its links.
    seconds: f64,
    /// The node before the end and the link from it.
    via: Option<(NodeIndex, usize)>,
}

/// The design's systems as nodes and its links as directed edges. Edge weights are
/// indexes into `design.links`.
pub struct DesignGraph {
    /// Nodes carry the system's index in `design.systems`.
    pub graph: DiGraph<usize, usize>,
    /// (id, node), sorted by id, for lookups without hashing.
    index: Vec<(SystemId, NodeIndex)>,
    /// The synchronous links of each trigger in [`CHAIN_TRIGGERS`] with their circles,
    /// worked out once for both the cycle and the chain rule.
    sync: OnceLock<[SyncGraph; 3]>,
}

/// The synchronous links started by one trigger (see [`DesignGraph::sync_graph`]) and
/// their strongly connected groups of more than one node.
struct SyncGraph {
    graph: DiGraph<usize, usize>,
    components: Vec<Vec<NodeIndex>>,
}

impl DesignGraph {
    /// Builds the graph; links whose ends do not exist (a design not validated) are left out.
    pub fn new(design: &Design) -> Self {
        let mut graph = DiGraph::with_capacity(design.systems.len(), design.links.len());
        let mut index: Vec<(SystemId, NodeIndex)> = design
            .systems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, graph.add_node(i)))
            .collect();
        index.sort_unstable_by_key(|(id, _)| *id);
        let mut this = Self {
            graph,
            index,
            sync: OnceLock::new(),
        };
        for (i, l) in design.links.iter().enumerate() {
            if let (Some(a), Some(b)) = (this.node(l.from), this.node(l.to)) {
                this.graph.add_edge(a, b, i);
            }
        }
        this
    }

    /// The node of a system.
    pub fn node(&self, id: SystemId) -> Option<NodeIndex> {
        let i = self.index.binary_search_by_key(&id, |(id, _)| *id).ok()?;
        Some(self.index[i].1)
    }

    /// The index in `design.systems` of a node.
    pub fn system_index(&self, n: NodeIndex) -> usize {
        self.graph[n]
    }

    /// How many links touch the node, either way.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.edges_directed(n, Direction::Outgoing).count()
            + self.graph.edges_directed(n, Direction::Incoming).count()
    }

    /// The synchronous links started by `trigger` as a graph in which waits can chain.
    /// A middleware system passes on each exchange separately, so it is one node per
    /// link purpose: a call into the hub waits only on the hub's onward call for the
    /// same purpose, not on every other exchange the hub carries. The first nodes are
    /// the design's (same indexes as `self.graph`); node weights are system indexes.
    /// Links a declared flow covers (`in_flow`) have exact chains of their own (DOMAIN
    /// 3.2): the guess applies only to links in no flow.
    fn sync_graph(
        &self,
        design: &Design,
        trigger: Trigger,
        in_flow: &std::collections::HashSet<crate::model::LinkId>,
    ) -> DiGraph<usize, usize> {
        let mut g: DiGraph<usize, usize> = self.graph.filter_map(|_, &s| Some(s), |_, _| None);
        let mut hub_nodes: std::collections::HashMap<(NodeIndex, &str), NodeIndex> =
            Default::default();
        for e in self.graph.raw_edges() {
            let l = e.weight;
            let link = &design.links[l];
            if !chains_on(link, trigger) || in_flow.contains(&link.id) {
                continue;
            }
            let mut end = |n: NodeIndex| {
                let system = self.graph[n];
                if design.systems[system].kind == SystemKind::Middleware {
                    *hub_nodes
                        .entry((n, link.purpose.as_str()))
                        .or_insert_with(|| g.add_node(system))
                } else {
                    n
                }
            };
            let (a, b) = (end(e.source()), end(e.target()));
            g.add_edge(a, b, l);
        }
        g
    }

    /// The synchronous links of each trigger in [`CHAIN_TRIGGERS`], with their circles
    /// of waiting calls (strongly connected groups of more than one node). `design` is
    /// the design the graph was built from.
    fn sync(&self, design: &Design) -> &[SyncGraph; 3] {
        self.sync.get_or_init(|| {
            let in_flow = design
                .flows
                .iter()
                .flat_map(|f| f.steps.iter().copied())
                .collect();
            CHAIN_TRIGGERS.map(|t| {
                let graph = self.sync_graph(design, t, &in_flow);
                let components = tarjan_scc(&graph)
                    .into_iter()
                    .filter(|c| c.len() > 1)
                    .collect();
                SyncGraph { graph, components }
            })
        })
    }

    /// Groups of systems that call each other synchronously in a circle, each group
    /// sorted by system index, groups in order of their first system.
    pub fn sync_cycles(&self, design: &Design) -> Vec<Vec<usize>> {
        let mut cycles: Vec<Vec<usize>> = self
            .sync(design)
            .iter()
            .flat_map(|sync| {
                sync.components
                    .iter()
                    .map(|c| {
                        let mut systems: Vec<usize> = c.iter().map(|&n| sync.graph[n]).collect();
                        systems.sort_unstable();
                        systems.dedup();
                        systems
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|systems| systems.len() > 1)
            .collect();
        cycles.sort();
        cycles.dedup();
        cycles
    }

    /// The longest chain of synchronous calls ending at each system where a chain ends,
    /// for chains through 3 or more systems: the links in order and their summed
    /// expected durations. Calls inside a synchronous cycle are left to the cycle rule.
    /// Without declared flows a chain is a guess (DOMAIN 3.2): it is assumed only along
    /// links that wait in real time, are not scheduled, and share one trigger.
    pub fn sync_chains(&self, design: &Design) -> Vec<(Vec<usize>, f64)> {
        self.sync(design)
            .iter()
            .flat_map(|sync| Self::sync_chains_on(design, sync))
            .collect()
    }

    /// The chains of [`Self::sync_chains`] whose links are all started by one trigger.
    fn sync_chains_on(design: &Design, sync: &SyncGraph) -> Vec<(Vec<usize>, f64)> {
        const NONE: usize = usize::MAX;
        let SyncGraph {
            graph: sync,
            components,
        } = sync;
        let mut cycle_of = vec![NONE; sync.node_count()];
        for (i, c) in components.iter().enumerate() {
            for n in c {
                cycle_of[n.index()] = i;
            }
        }
        let dag = sync.filter_map(
            |_, &s| Some(s),
            |e, &l| {
                let (a, b) = sync.edge_endpoints(e)?;
                let inside_cycle =
                    cycle_of[a.index()] != NONE && cycle_of[a.index()] == cycle_of[b.index()];
                (!inside_cycle).then_some(l)
            },
        );
        let Ok(order) = toposort(&dag, None) else {
            return Vec::new();
        };
        let mut best = vec![
            ChainEnd {
                systems: 1,
                seconds: 0.0,
                via: None,
            };
            dag.node_count()
        ];
        for &n in &order {
            let here = best[n.index()];
            for e in dag.edges_directed(n, Direction::Outgoing) {
                let l = *e.weight();
                let longer = ChainEnd {
                    systems: here.systems + 1,
                    seconds: here.seconds + design.links[l].expected_duration_s,
                    via: Some((n, l)),
                };
                let t = e.target().index();
                if (longer.systems, longer.seconds) > (best[t].systems, best[t].seconds) {
                    best[t] = longer;
                }
            }
        }
        let mut chains = Vec::new();
        for n in dag.node_indices() {
            let ChainEnd {
                systems: count,
                seconds: secs,
                ..
            } = best[n.index()];
            let is_end = dag.edges_directed(n, Direction::Outgoing).next().is_none();
            if count < 3 || !is_end {
                continue;
            }
            let mut links = Vec::with_capacity(count - 1);
            let mut at = n;
            while let Some((prev, l)) = best[at.index()].via {
                links.push(l);
                at = prev;
            }
            links.reverse();
            chains.push((links, secs));
        }
        chains
    }

    /// Systems whose failure would cut the other systems into separate groups, as
    /// indexes into `design.systems`, sorted.
    pub fn articulation_points(&self) -> Vec<usize> {
        // petgraph's algorithm wants an undirected `Graph` (it panics on a StableGraph).
        let mut undirected =
            UnGraph::<usize, ()>::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for n in self.graph.node_indices() {
            undirected.add_node(self.graph[n]);
        }
        for (a, b) in self.pairs() {
            undirected.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        let mut points: Vec<usize> = articulation_points(&undirected)
            .into_iter()
            .map(|n| undirected[n])
            .collect();
        points.sort_unstable();
        points
    }

    /// Point-to-point connections: distinct unordered pairs of linked systems.
    pub fn connected_pairs(&self) -> usize {
        self.pairs().len()
    }

    /// The distinct unordered pairs of linked nodes, sorted.
    fn pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = self
            .graph
            .edge_references()
            .map(|e| {
                let (a, b) = (e.source().index(), e.target().index());
                (a.min(b), a.max(b))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// The triggers whose links can continue a chain: a scheduled run is never part of
/// someone's waiting call.
const CHAIN_TRIGGERS: [Trigger; 3] = [
    Trigger::UserAction,
    Trigger::RecordChange,
    Trigger::BusinessEvent,
];

/// Whether `link` can be part of an assumed chain of waiting calls started by `trigger`.
fn chains_on(link: &crate::model::Link, trigger: Trigger) -> bool {
    link.needs_response && link.latency == Latency::RealTime && link.trigger == trigger
}
