//! Automatic layout: systems in layers from sources to targets, so most arrows point
//! right, ordered within each layer to keep crossings down.

use super::design::{Design, Pos};
use super::ids::SystemId;
use std::collections::HashMap;

/// Width of a system's box on the canvas and in diagrams, in design units.
pub const SYSTEM_WIDTH: f32 = 160.0;
/// Height of a system's box.
pub const SYSTEM_HEIGHT: f32 = 56.0;
/// Space between a zone's outline and the systems in it.
pub const ZONE_PADDING: f32 = 28.0;

/// The rectangle around system boxes centred at `centers`, as (min x, min y, max x,
/// max y); `None` when there are none.
pub fn boxes_bounds(centers: impl IntoIterator<Item = Pos>) -> Option<[f32; 4]> {
    let (hw, hh) = (SYSTEM_WIDTH / 2.0, SYSTEM_HEIGHT / 2.0);
    centers.into_iter().fold(None, |b, c| {
        let r = [c.x - hw, c.y - hh, c.x + hw, c.y + hh];
        Some(match b {
            None => r,
            Some(o) => [
                o[0].min(r[0]),
                o[1].min(r[1]),
                o[2].max(r[2]),
                o[3].max(r[3]),
            ],
        })
    })
}

/// The rectangle a zone is drawn as: the boxes of its placed systems plus padding, as
/// (min x, min y, max x, max y); `None` for a zone with no placed system.
pub fn zone_bounds(design: &Design, zone: super::ids::ZoneId) -> Option<[f32; 4]> {
    let centers = design
        .systems
        .iter()
        .filter(|s| s.zone == Some(zone))
        .filter_map(|s| s.position);
    boxes_bounds(centers).map(|[a, b, c, d]| {
        [
            a - ZONE_PADDING,
            b - ZONE_PADDING,
            c + ZONE_PADDING,
            d + ZONE_PADDING,
        ]
    })
}

/// Horizontal distance between layers, in design units.
pub const LAYER_GAP: f32 = 300.0;
/// Vertical distance between systems in a layer.
pub const ROW_GAP: f32 = 130.0;

/// New positions for every system: layered by longest path from the sources (links
/// that close a cycle are ignored), then ordered by the mean position of their
/// neighbours in the layer before.
pub fn layered(design: &Design) -> Vec<(SystemId, Pos)> {
    let n = design.systems.len();
    let index: HashMap<SystemId, usize> = design
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut out_edges = vec![Vec::new(); n];
    let mut in_edges = vec![Vec::new(); n];
    for l in &design.links {
        if let (Some(&a), Some(&b)) = (index.get(&l.from), index.get(&l.to)) {
            if a != b {
                out_edges[a].push(b);
                in_edges[b].push(a);
            }
        }
    }
    // Depth-first order that marks back edges (which close cycles) so layering ignores them.
    let order = topological_ignoring_cycles(&out_edges);
    let mut layer = vec![0usize; n];
    let mut position_in_order = vec![0usize; n];
    for (k, &v) in order.iter().enumerate() {
        position_in_order[v] = k;
    }
    for &v in &order {
        for &w in &out_edges[v] {
            if position_in_order[w] > position_in_order[v] {
                layer[w] = layer[w].max(layer[v] + 1);
            }
        }
    }
    let layers = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for v in 0..n {
        rows[layer[v]].push(v);
    }
    // Barycentre ordering, one sweep from left to right.
    let mut rank = vec![0f32; n];
    for row in &mut rows {
        row.sort_by(|&a, &b| {
            let bary = |v: usize| {
                let ns: Vec<f32> = in_edges[v].iter().map(|&u| rank[u]).collect();
                if ns.is_empty() {
                    v as f32
                } else {
                    ns.iter().sum::<f32>() / ns.len() as f32
                }
            };
            bary(a).total_cmp(&bary(b)).then(a.cmp(&b))
        });
        for (i, &v) in row.iter().enumerate() {
            rank[v] = i as f32;
        }
    }
    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0) as f32;
    let mut out = Vec::with_capacity(n);
    for (l, row) in rows.iter().enumerate() {
        // Centre each layer against the tallest one.
        let offset = (tallest - row.len() as f32) * ROW_GAP / 2.0;
        for (i, &v) in row.iter().enumerate() {
            out.push((
                design.systems[v].id,
                Pos {
                    x: l as f32 * LAYER_GAP,
                    y: offset + i as f32 * ROW_GAP,
                },
            ));
        }
    }
    out.sort_by_key(|(id, _)| *id);
    out
}

/// A DFS post-order reversed: for a DAG a topological order; with cycles, the edges that
/// go against it are the back edges.
fn topological_ignoring_cycles(out_edges: &[Vec<usize>]) -> Vec<usize> {
    let n = out_edges.len();
    let mut seen = vec![false; n];
    let mut post = Vec::with_capacity(n);
    for start in 0..n {
        if seen[start] {
            continue;
        }
        // Iterative DFS: (node, next edge to follow).
        let mut stack = vec![(start, 0usize)];
        seen[start] = true;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = out_edges[v].get(*next) {
                *next += 1;
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                post.push(v);
                stack.pop();
            }
        }
    }
    post.reverse();
    post
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    #[test]
    fn sources_come_first_and_every_system_is_placed_once() {
        let d = parse(crate::samples::DEFAULT.text).expect("valid");
        let placed = layered(&d);
        assert_eq!(placed.len(), d.systems.len());
        let x = |id: u32| {
            placed
                .iter()
                .find(|(s, _)| s.0 == id)
                .map(|(_, p)| p.x)
                .expect("placed")
        };
        // Storefront (3) → backend (4) → Salesforce (1): left to right.
        assert!(x(3) < x(4) && x(4) < x(1), "{placed:?}");
        let mut spots: Vec<(i64, i64)> = placed
            .iter()
            .map(|(_, p)| (p.x as i64, p.y as i64))
            .collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), d.systems.len(), "no two systems on one spot");
    }

    #[test]
    fn cycles_do_not_hang_or_stack() {
        let text = r#"(format_version: 1, name: "c", systems: [(id: 1, name: "a", kind: "erp"), (id: 2, name: "b", kind: "erp"), (id: 3, name: "c", kind: "erp")],
            links: [(id: 1, from: 1, to: 2), (id: 2, from: 2, to: 3), (id: 3, from: 3, to: 1)])"#;
        let placed = layered(&parse(text).expect("valid"));
        let xs: Vec<f32> = placed.iter().map(|(_, p)| p.x).collect();
        assert_eq!(xs, vec![0.0, LAYER_GAP, 2.0 * LAYER_GAP]);
    }
}
