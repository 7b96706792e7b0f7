//! How systems and links look on the canvas: egui_graphs display types drawing boxes
//! coloured by kind and arrows coloured by recommended pattern, with severity marks.

mod data;
mod in_view;
mod link;
mod system;

pub use data::{EdgeData, NodeData};
pub use in_view::InView;
pub use link::{LINK_LINES_BELOW_ZOOM, LinkEdge, link_width};
pub use system::SystemNode;

use petgraph::Directed;
use petgraph::graph::DefaultIx;

/// The canvas's graph type.
pub type ViewGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, SystemNode, LinkEdge>;
