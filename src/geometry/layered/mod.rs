//! The automatic layout, in the Sugiyama style: break cycles, put systems in layers
//! from sources to targets, add a waypoint in every layer a link skips, order each
//! layer to cut crossings (median sweeps, then transposition), then give each system a
//! place: layers as columns wide enough for their labels, each zone a band of its own
//! so zones never overlap, and systems pulled level with their neighbours so links run
//! straight.

mod coordinates;
mod cycles;
mod graph;
mod order;
mod ranks;

use crate::model::Pos;
pub use coordinates::BAND_GAP;
use coordinates::coordinates;
use cycles::feedback_order;
use graph::Graph;
pub use graph::{Bands, Node, Placement, Style};
use order::order_rows;
use ranks::{fewer_layers, forward_in, layers};

/// Room a waypoint of a layer-skipping link takes in its column.
const WAYPOINT_SIZE: f32 = 16.0;

/// Lays out `nodes` joined by directed `edges` (pairs of node indices).
pub fn layout(nodes: &[Node], edges: &[(usize, usize)], style: impl Into<Style>) -> Placement {
    let style = style.into();
    let n = nodes.len();
    if n == 0 {
        return Placement {
            centers: Vec::new(),
            vias: vec![Vec::new(); edges.len()],
            channels: vec![Vec::new(); edges.len()],
        };
    }
    let order = if style.fewest_layers {
        fewer_layers(n, edges, feedback_order(n, edges))
    } else {
        feedback_order(n, edges)
    };
    // Edges pointing forward in the order; the others are turned around for layering.
    let forward = forward_in(n, edges, &order);
    let layer = layers(n, &order, &forward);
    let mut g = Graph {
        layer,
        band: nodes.iter().map(|v| v.band).collect(),
        height: nodes.iter().map(|v| v.height).collect(),
        width: nodes.iter().map(|v| v.width).collect(),
        up: vec![Vec::new(); n],
        down: vec![Vec::new(); n],
        real: n,
    };
    let (chains, edge_chain) = chain_long_edges(&mut g, edges, &forward);
    let mut rows = first_rows(&g, &order);
    order_rows(&g, &mut rows);
    let (xs, ys, gaps) = coordinates(&g, &rows, style);
    let centers = (0..n)
        .map(|v| Pos {
            x: xs[g.layer[v]],
            y: ys[v],
        })
        .collect();
    let vias = edge_chain
        .iter()
        .zip(&chains)
        .map(|(c, chain)| match c {
            None => Vec::new(),
            Some(reversed) => {
                let mut pts: Vec<Pos> = chain
                    .iter()
                    .map(|&v| Pos {
                        x: xs[g.layer[v]],
                        y: ys[v],
                    })
                    .collect();
                if *reversed {
                    pts.reverse();
                }
                pts
            }
        })
        .collect();
    let channels = edges
        .iter()
        .zip(&forward)
        .map(|(&(a, _), f)| match f {
            None => Vec::new(),
            Some((lo, hi)) => {
                let (from, to) = (g.layer[*lo], g.layer[*hi]);
                let mut list: Vec<(f32, f32)> = gaps[from..to].to_vec();
                if a != *lo {
                    list.reverse();
                }
                list
            }
        })
        .collect();
    Placement {
        centers,
        vias,
        channels,
    }
}

/// Chains of waypoints for edges that skip layers, one per edge, so parallel links get
/// corridors of their own. For each edge: its chain, and whether it was turned around
/// for layering (None for an edge left out of the layering).
fn chain_long_edges(
    g: &mut Graph,
    edges: &[(usize, usize)],
    forward: &[Option<(usize, usize)>],
) -> (Vec<Vec<usize>>, Vec<Option<bool>>) {
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    let mut edge_chain: Vec<Option<bool>> = Vec::with_capacity(edges.len());
    for (k, f) in forward.iter().enumerate() {
        let Some((a, b)) = *f else {
            edge_chain.push(None);
            chains.push(Vec::new());
            continue;
        };
        let mut chain = Vec::new();
        let mut prev = a;
        for l in g.layer[a] + 1..g.layer[b] {
            let v = g.layer.len();
            g.layer.push(l);
            g.band.push(g.band[a]);
            g.height.push(WAYPOINT_SIZE);
            g.width.push(0.0);
            g.up.push(vec![prev]);
            g.down.push(Vec::new());
            g.down[prev].push(v);
            chain.push(v);
            prev = v;
        }
        g.down[prev].push(b);
        g.up[b].push(prev);
        chains.push(chain);
        edge_chain.push(Some(edges[k].0 != a));
    }
    (chains, edge_chain)
}

/// Each layer's vertices before ordering: systems in the feedback order, which keeps
/// connected systems near each other, then waypoints; grouped by band.
fn first_rows(g: &Graph, order: &[usize]) -> Vec<Vec<usize>> {
    let layer_count = g.layer.iter().copied().max().unwrap_or(0) + 1;
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for &v in order {
        rows[g.layer[v]].push(v);
    }
    for v in g.real..g.layer.len() {
        rows[g.layer[v]].push(v);
    }
    for row in &mut rows {
        row.sort_by_key(|&v| g.band[v]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::coordinates::spaced_fit;
    use super::*;

    fn node(band: usize) -> Node {
        Node {
            width: 160.0,
            height: 56.0,
            band,
        }
    }

    #[test]
    fn sources_come_before_targets_and_cycles_do_not_hang() {
        let nodes: Vec<Node> = (0..3).map(|_| node(0)).collect();
        let p = layout(&nodes, &[(0, 1), (1, 2), (2, 0)], Bands::Stacked);
        let xs: Vec<f32> = p.centers.iter().map(|c| c.x).collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
    }

    #[test]
    fn bands_do_not_overlap() {
        let nodes = vec![node(0), node(1), node(0), node(1)];
        let p = layout(&nodes, &[(0, 1), (2, 3), (0, 3)], Bands::Stacked);
        let bottom0 = p.centers[0].y.max(p.centers[2].y) + 28.0;
        let top1 = p.centers[1].y.min(p.centers[3].y) - 28.0;
        assert!(top1 - bottom0 >= BAND_GAP - 0.01, "{:?}", p.centers);
    }

    #[test]
    fn spaced_fit_keeps_order_and_gaps() {
        let out = spaced_fit(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert!(out[1] - out[0] >= 10.0 - 1e-4 && out[2] - out[1] >= 10.0 - 1e-4);
    }

    #[test]
    fn a_link_that_skips_a_layer_gets_a_waypoint() {
        let nodes: Vec<Node> = (0..3).map(|_| node(0)).collect();
        let p = layout(&nodes, &[(0, 1), (1, 2), (0, 2)], Bands::Stacked);
        assert_eq!(p.vias[2].len(), 1);
        assert!(p.vias[0].is_empty());
    }
}
