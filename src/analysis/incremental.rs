//! The analysis of a design being edited. After an edit, the links the edit touched
//! are decided again at once ([`Analysis::relink`]); the design-level part (the ESB
//! verdict, flows and findings, about 40 ms on a 10,000-system design) is a
//! [`Remaining`] piece of work, done here or on another thread and put in with
//! [`Analysis::set_design_level`]. Together they give exactly what
//! [`analyze_on`](super::analyze_on) gives.

use super::graph::DesignGraph;
use super::{Analysis, DesignLevel, LinkAnalysis, decide_links, design_level, take_links};
use crate::model::{Date, Design};
use std::sync::Arc;

/// The design-level part of an analysis, still to be worked out for the design its
/// links were decided for.
pub struct Remaining {
    /// The design's graph, when the links' decision built it already.
    graph: Option<DesignGraph>,
    /// The links' decisions, shared with the analysis.
    links: Arc<Vec<LinkAnalysis>>,
    /// The day waivers are checked against.
    today: Date,
}

impl Remaining {
    /// Works out the design-level part for `design` (the design the links were
    /// decided for).
    pub fn assess(&self, design: &Design) -> DesignLevel {
        match &self.graph {
            Some(graph) => design_level(design, graph, &self.links, self.today),
            None => design_level(design, &DesignGraph::new(design), &self.links, self.today),
        }
    }

    /// The links' decisions it reads.
    pub fn links(&self) -> &[LinkAnalysis] {
        &self.links
    }
}

impl Analysis {
    /// Brings the links' decisions up to `design` after an edit, deciding again only
    /// the links whose inputs changed, and returns the design-level part left to do.
    /// Until it is put in, the ESB verdict, flows and findings are those of before.
    pub fn relink(&mut self, design: &Design) -> Remaining {
        let graph = DesignGraph::new(design);
        let previous = take_links(self);
        self.links = Arc::new(decide_links(previous, design, &graph));
        Remaining {
            graph: Some(graph),
            links: Arc::clone(&self.links),
            today: Date::today(),
        }
    }

    /// The design-level part of this analysis, to be worked out again for the design
    /// its links were decided for. Cheap: the graph is built by
    /// [`Remaining::assess`], wherever that runs.
    pub fn remaining(&self) -> Remaining {
        Remaining {
            graph: None,
            links: Arc::clone(&self.links),
            today: Date::today(),
        }
    }
}
