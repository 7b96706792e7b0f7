//! The view model the canvas shows: a node per system and an edge per link of the
//! drawing, with the selection marked, built from the Document's geometry (on
//! another thread for a large design, see `Canvas::sync`).

use super::super::shapes::{EdgeData, InView, NodeData, ViewGraph};
use super::super::theme;
use crate::geometry::{self, Geometry, quality::name_line_rects};
use crate::job::Waker;
use crate::model::{LinkId, Pos, SystemId};
use egui::{Pos2, Rect, Vec2};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::HashMap;
use std::sync::Arc;

/// A view model and what it was built from, ready to be shown.
pub(super) struct Built {
    pub(super) key: (u64, bool),
    pub(super) graph: ViewGraph,
    pub(super) edges: HashMap<LinkId, EdgeIndex>,
    pub(super) nodes: HashMap<SystemId, NodeIndex>,
    pub(super) systems: HashMap<NodeIndex, SystemId>,
    pub(super) links: HashMap<EdgeIndex, LinkId>,
    pub(super) geometry: Arc<Geometry>,
    pub(super) selection: (Vec<SystemId>, Vec<LinkId>),
}

/// The view model of a drawing: a node per system and an edge per link, with the
/// selection marked. With `hide_advice`, links are drawn without their
/// recommendations (see [`Canvas::sync`]).
pub(super) fn build(
    key: (u64, bool),
    geometry: &Arc<Geometry>,
    selected: (&[SystemId], &[LinkId]),
    hide_advice: bool,
    waker: &Waker,
) -> Built {
    let mut g = ViewGraph::new();

    // Which links are in view is looked up in one index of every link's pieces,
    // built from the drawing on another thread for a large design.
    let in_view = Arc::new(InView::default());
    let mut nodes: HashMap<SystemId, NodeIndex> = HashMap::new();
    let mut systems: HashMap<NodeIndex, SystemId> = HashMap::new();
    let mut links: HashMap<EdgeIndex, LinkId> = HashMap::new();
    let mut edges: HashMap<LinkId, EdgeIndex> = HashMap::new();
    let p2 = |p: Pos| Pos2::new(p.x, p.y);
    let r2 = |r: &geometry::Rect| Rect::from_min_max(Pos2::new(r.x0, r.y0), Pos2::new(r.x1, r.y1));
    for s in &geometry.systems {
        let center = s.rect.center();
        let lines = s
            .lines
            .iter()
            .zip(name_line_rects(&s.rect, &s.lines))
            .map(|(l, r)| (l.clone(), r.center().y - center.y))
            .collect();
        let idx = g.add_node_with_label_and_location(
            NodeData {
                kind: s.kind,
                severity: s.severity,
                size: Vec2::new(s.rect.width(), s.rect.height()),
                lines,
            },
            s.name.clone(),
            p2(center),
        );
        if let Some(n) = g.node_mut(idx) {
            n.set_selected(selected.0.contains(&s.id));
        }
        nodes.insert(s.id, idx);
        systems.insert(idx, s.id);
    }
    for (slot, l) in geometry.links.iter().enumerate() {
        let (Some(&a), Some(&b)) = (nodes.get(&l.from), nodes.get(&l.to)) else {
            continue;
        };
        let (Some(from), Some(to)) = (geometry.system(l.from), geometry.system(l.to)) else {
            continue;
        };
        let (color, _) = theme::pattern_style(l.pattern);
        let route: Arc<[Pos2]> = l.route.iter().map(|p| p2(*p)).collect();
        let label = l.label.as_ref().map(|p| (p.text.clone(), r2(&p.rect)));
        let overview = l.overview.as_ref().map(|p| (p.text.clone(), r2(&p.rect)));
        let mut bounds = Rect::from_points(&route);
        for (_, r) in label.iter().chain(&overview) {
            bounds = bounds.union(*r);
        }
        let data = EdgeData {
            color,
            severity: l.severity,
            route,
            ends_at: (p2(from.rect.center()), p2(to.rect.center())),
            label,
            overview,
            bounds,
            in_view: (Arc::clone(&in_view), slot),
        };
        let (data, full_label) = if hide_advice {
            (
                EdgeData {
                    color: theme::HIDDEN_ADVICE,
                    label: None,
                    overview: None,
                    ..data
                },
                "Answer the exercise's question to see the recommendation".to_owned(),
            )
        } else {
            (data, l.full_label.clone())
        };
        let idx = g.add_edge_with_label(a, b, data, full_label);
        if let Some(e) = g.edge_mut(idx) {
            e.set_selected(selected.1.contains(&l.id));
        }
        links.insert(idx, l.id);
        edges.insert(l.id, idx);
    }
    in_view.fill(Arc::clone(geometry), waker);
    Built {
        key,
        graph: g,
        edges,
        nodes,
        systems,
        links,
        geometry: Arc::clone(geometry),
        selection: (selected.0.to_vec(), selected.1.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Canvas;
    use crate::analysis::Pattern;
    use crate::document::BACKGROUND_DRAWING_LINKS;
    use crate::geometry::{Geometry, LinkShape, Rect, SystemShape};
    use crate::model::{LinkId, Pos, SystemId, SystemKind};
    use std::sync::Arc;

    /// A row of a hundred systems and `links` links between neighbours.
    fn drawing(links: usize) -> Arc<Geometry> {
        let system = |id: u32, x: f32| SystemShape {
            id: SystemId(id),
            name: format!("S{id}"),
            lines: vec![format!("S{id}")],
            kind: SystemKind::BackendService,
            rect: Rect::new(x, 0.0, x + 160.0, 56.0),
            severity: None,
        };
        let links = (0..links)
            .map(|k| LinkShape {
                id: LinkId(k as u32 + 1),
                from: SystemId(k as u32 % 99 + 1),
                to: SystemId(k as u32 % 99 + 2),
                route: vec![
                    Pos {
                        x: (k % 99) as f32 * 400.0 + 160.0,
                        y: 28.0,
                    },
                    Pos {
                        x: (k % 99) as f32 * 400.0 + 400.0,
                        y: 28.0,
                    },
                ],
                pattern: Pattern::RequestReply,
                severity: None,
                full_label: String::new(),
                short_label: String::new(),
                label: None,
                overview: None,
            })
            .collect();
        Arc::new(Geometry {
            systems: (0..100).map(|i| system(i + 1, i as f32 * 400.0)).collect(),
            links,
            zones: Vec::new(),
            bounds: Rect::new(0.0, 0.0, 40_000.0, 56.0),
        })
    }

    #[test]
    fn a_large_drawing_is_built_on_another_thread_while_the_last_one_stays_on_screen() {
        let mut c = Canvas::default();
        let first = drawing(BACKGROUND_DRAWING_LINKS + 10);
        c.sync(1, &first, (&[], &[]), false);
        assert_eq!(
            c.built,
            Some((1, false)),
            "nothing shown yet: built at once"
        );

        let second = drawing(BACKGROUND_DRAWING_LINKS + 20);
        let picked = [LinkId(BACKGROUND_DRAWING_LINKS as u32 + 20)];
        c.sync(2, &second, (&[], &picked), false);
        assert_eq!(
            c.built,
            Some((1, false)),
            "the last view model stays meanwhile"
        );
        assert_eq!(c.edges.len(), first.links.len());
        for _ in 0..1_000 {
            if c.built == Some((2, false)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            c.sync(2, &second, (&[], &picked), false);
        }
        assert_eq!(c.built, Some((2, false)), "the new one arrives");
        assert_eq!(c.edges.len(), second.links.len());
        let edge = c.edges[&picked[0]];
        assert!(
            c.graph.edge(edge).is_some_and(|e| e.selected()),
            "with the selection made meanwhile"
        );
        assert!(Arc::ptr_eq(&c.geometry, &second));
    }
}
