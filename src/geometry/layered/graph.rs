//! What the layered layout works on: the systems as nodes, the layered graph with
//! its waypoints, the placement it gives back, and the style it is drawn in.

use crate::model::Pos;

/// What the layout needs to know of one system.
pub struct Node {
    /// Box width.
    pub width: f32,
    /// Box height.
    pub height: f32,
    /// Its band: systems of one zone share one; bands are stacked top to bottom.
    pub band: usize,
}

/// The result: each system's centre, and the waypoints of each edge (in the order the
/// edges were given) that skips layers.
pub struct Placement {
    /// Centre of each node.
    pub centers: Vec<Pos>,
    /// For each edge, the points its route should pass through, source to target.
    pub vias: Vec<Vec<Pos>>,
    /// For each edge, the free band between the two columns each of its legs crosses,
    /// as (left, right) with the routing clearance kept: no box stands there, so its
    /// legs need no search.
    pub channels: Vec<Vec<(f32, f32)>>,
}

pub(super) struct Graph {
    /// Layer of every vertex (systems first, then waypoints).
    pub(super) layer: Vec<usize>,
    pub(super) band: Vec<usize>,
    pub(super) height: Vec<f32>,
    pub(super) width: Vec<f32>,
    /// Neighbours in the layer above (`up`) and below (`down`).
    pub(super) up: Vec<Vec<usize>>,
    pub(super) down: Vec<Vec<usize>>,
    pub(super) real: usize,
}

/// How zones' bands are stacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bands {
    /// One under the other: links between zones run between the bands.
    Stacked,
    /// As high as each can go: zones that share no column sit side by side, which is
    /// more compact but sends some links across other zones.
    Packed,
}

/// How a layout is asked for: how zones' bands are stacked, and how much air there is
/// between columns, rows and bands (1.0 as designed; less packs the drawing tighter,
/// down to the room routes and zone titles need).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// How bands are stacked.
    pub bands: Bands,
    /// The share of the designed gaps kept.
    pub spacing: f32,
    /// Break cycles where it leaves the fewest layers (see [`fewer_layers`]), rather
    /// than where the first order found breaks them.
    pub fewest_layers: bool,
}

impl From<Bands> for Style {
    fn from(bands: Bands) -> Self {
        Self {
            bands,
            spacing: 1.0,
            fewest_layers: false,
        }
    }
}
