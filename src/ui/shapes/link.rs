//! A link on the canvas: its route coloured by the recommended pattern, with its
//! arrowhead and label near, and a bare line far out.

use super::super::theme;
use super::data::{EdgeData, NodeData};
use super::system::SystemNode;
use crate::analysis::Severity;
use egui::epaint::TextShape;
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node};
use petgraph::Directed;
use petgraph::graph::DefaultIx;

pub(super) type ViewNode = Node<NodeData, EdgeData, Directed, DefaultIx, SystemNode>;

/// A link drawn along its route in its pattern's colour, with its label where the
/// geometry placed it.
#[derive(Clone, Debug)]
pub struct LinkEdge {
    data: EdgeData,
    selected: bool,
}

impl LinkEdge {
    /// The points to draw in design units: the route, or a straight line between the
    /// boxes while one of them is being dragged.
    fn points(&self, start: &ViewNode, end: &ViewNode) -> Vec<Pos2> {
        let (a, b) = (start.location(), end.location());
        if !self.data.ends_moved(a, b) && self.data.route.len() >= 2 {
            return self.data.route.to_vec();
        }
        let dir = (b - a).normalized();
        vec![
            start.display().closest_boundary_point(dir),
            end.display().closest_boundary_point(-dir),
        ]
    }

    /// The label (or, zoomed out, the short tag) on its dark backdrop, when it is
    /// large enough to read and in view.
    fn label(&self, ctx: &DrawContext) -> Option<[Shape; 2]> {
        // Labels at normal size when readable, else the short tags placed for overview.
        let zoom = ctx.meta.zoom;
        let normal = crate::geometry::text::LABEL_FONT * zoom;
        let overview = crate::geometry::OVERVIEW_FONT * zoom;
        // A link whose full label found no room shows its short tag instead.
        let chosen = if normal >= theme::MIN_LINK_LABEL_PX {
            self.data
                .label
                .as_ref()
                .map(|l| (l, normal))
                .or_else(|| self.data.overview.as_ref().map(|l| (l, overview)))
        } else if overview >= theme::MIN_LINK_LABEL_PX {
            self.data.overview.as_ref().map(|l| (l, overview))
        } else {
            None
        };
        let ((text, at), font_px) = chosen?;
        let rect = Rect::from_min_max(
            ctx.meta.canvas_to_screen_pos(at.min),
            ctx.meta.canvas_to_screen_pos(at.max),
        );
        if !ctx.painter.clip_rect().intersects(rect) {
            return None;
        }
        let text_color = self
            .data
            .severity
            .filter(|s| *s != Severity::Info)
            .map_or(Color32::from_gray(235), theme::severity_text);
        let galley = ctx.painter.layout_no_wrap(
            text.clone(),
            FontId::proportional(font_px.min(theme::MAX_LABEL_PX)),
            text_color,
        );
        Some([
            Shape::rect_filled(rect, 3.0, Color32::from_black_alpha(190)),
            Shape::Text(TextShape::new(
                rect.center() - galley.size() / 2.0,
                galley,
                text_color,
            )),
        ])
    }
}

/// Distance from `p` to the segment a-b.
pub(super) fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

/// Below this zoom a link is a bare line (no arrowhead, no label can be read), and the
/// canvas draws all of them at once as one mesh (see `Canvas::link_lines`) instead of a
/// shape each.
pub const LINK_LINES_BELOW_ZOOM: f32 = theme::ARROWHEAD_MIN_PX / 11.0;

/// A link's line width on screen at `zoom`.
pub fn link_width(zoom: f32, selected: bool) -> f32 {
    (if selected { 3.5 } else { 2.0 }) * zoom.clamp(0.3, 2.0)
}

/// The runs of consecutive segments of `pts` that come near `clip`: a long route
/// through a view zoomed in is drawn only where it can be seen.
pub(super) fn visible_runs(pts: &[Pos2], clip: Rect) -> Vec<&[Pos2]> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, w) in pts.windows(2).enumerate() {
        let near = clip.intersects(Rect::from_two_pos(w[0], w[1]));
        match (near, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(&pts[s..=i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(&pts[s..]);
    }
    runs
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, SystemNode> for LinkEdge {
    fn visible(
        &self,
        props: &EdgeProps<EdgeData>,
        start: Pos2,
        end: Pos2,
        ctx: &DrawContext,
    ) -> bool {
        let meta = ctx.meta;
        if meta.zoom < LINK_LINES_BELOW_ZOOM && !props.selected {
            return false;
        }
        let data = &props.payload;
        // The view in design units, with room for arrowheads and line widths.
        let clip = ctx.painter.clip_rect().expand(20.0);
        let view = Rect::from_min_max(
            meta.screen_to_canvas_pos(clip.min),
            meta.screen_to_canvas_pos(clip.max),
        );
        if data.ends_moved(start, end) {
            // Drawn straight between its boxes while one is dragged.
            return view.intersects(data.bounds.union(Rect::from_two_pos(start, end)));
        }
        // A long route can span the view without a piece of it in sight.
        view.intersects(data.bounds) && data.in_view.0.shows(data.in_view.1, view)
    }

    fn shapes(&mut self, start: &ViewNode, end: &ViewNode, ctx: &DrawContext) -> Vec<Shape> {
        let meta = ctx.meta;
        let pts: Vec<Pos2> = self
            .points(start, end)
            .into_iter()
            .map(|p| meta.canvas_to_screen_pos(p))
            .collect();
        let bounds = Rect::from_points(&pts);
        let clip = ctx.painter.clip_rect().expand(20.0);
        if !clip.intersects(bounds) {
            return Vec::new();
        }
        let zoom = meta.zoom;
        let color = if self.selected {
            theme::SELECTION
        } else {
            self.data.color
        };
        let width = link_width(zoom, self.selected);
        let (Some(&tip), Some(&before)) = (pts.last(), pts.get(pts.len().wrapping_sub(2))) else {
            return Vec::new();
        };
        let dir = (tip - before).normalized();
        let head = 11.0 * zoom.min(2.0);
        let mut shapes = Vec::with_capacity(4);
        // A route that runs far outside the view is drawn only where it is seen.
        let mut runs = if clip.contains_rect(bounds) {
            vec![pts.clone()]
        } else {
            visible_runs(&pts, clip)
                .into_iter()
                .map(<[Pos2]>::to_vec)
                .collect()
        };
        let ends_here = clip.contains(tip);
        for run in runs.iter().rev().skip(1) {
            shapes.push(Shape::line(run.clone(), Stroke::new(width, color)));
        }
        let mut line = runs.pop().unwrap_or_default();
        // An arrowhead smaller than a few pixels cannot be seen; the line alone is drawn.
        if head >= theme::ARROWHEAD_MIN_PX && ends_here {
            let base = tip - dir * head;
            if let Some(last) = line.last_mut() {
                *last = base;
            }
            let normal = Vec2::new(-dir.y, dir.x);
            shapes.push(Shape::convex_polygon(
                vec![
                    tip,
                    base + normal * head * 0.45,
                    base - normal * head * 0.45,
                ],
                color,
                Stroke::NONE,
            ));
        }
        if line.len() >= 2 {
            shapes.insert(0, Shape::line(line, Stroke::new(width, color)));
        }
        shapes.extend(self.label(ctx).into_iter().flatten());
        shapes
    }

    fn update(&mut self, p: &EdgeProps<EdgeData>) {
        self.selected = p.selected;
        self.data.clone_from(&p.payload);
    }

    fn is_inside(&self, start: &ViewNode, end: &ViewNode, pos: Pos2) -> bool {
        if self
            .data
            .label
            .as_ref()
            .is_some_and(|(_, r)| r.contains(pos))
        {
            return true;
        }
        self.points(start, end)
            .windows(2)
            .any(|w| distance_to_segment(pos, w[0], w[1]) < 6.0)
    }
}

impl From<EdgeProps<EdgeData>> for LinkEdge {
    fn from(p: EdgeProps<EdgeData>) -> Self {
        Self {
            selected: p.selected,
            data: p.payload,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_route_is_cut_to_the_runs_in_view() {
        let p = |x: f32, y: f32| Pos2::new(x, y);
        let clip = Rect::from_min_max(p(0.0, 0.0), p(100.0, 100.0));
        // In, out far to the right, back in, out below.
        let route = [
            p(10.0, 10.0),
            p(50.0, 10.0),
            p(5000.0, 10.0),
            p(5000.0, 50.0),
            p(50.0, 50.0),
            p(50.0, 5000.0),
        ];
        let runs = visible_runs(&route, clip);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0], &route[0..3]);
        assert_eq!(runs[1], &route[3..6]);
        assert!(visible_runs(&[p(500.0, 500.0), p(900.0, 500.0)], clip).is_empty());
    }
}
