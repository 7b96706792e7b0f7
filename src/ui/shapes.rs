//! How systems and links look on the canvas: egui_graphs display types drawing boxes
//! coloured by kind and arrows coloured by recommended pattern, with severity marks.

use super::theme;
use crate::analysis::Severity;
use crate::model::SystemKind;
use egui::epaint::{CornerRadius, RectShape, TextShape};
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::graph::DefaultIx;
use std::sync::Arc;

/// What the canvas knows about a system: what the shared geometry computed for it.
#[derive(Clone, Debug)]
pub struct NodeData {
    /// Its kind, for colour and tag.
    pub kind: SystemKind,
    /// The worst finding about it.
    pub severity: Option<Severity>,
    /// The size of its box, in design units.
    pub size: Vec2,
    /// Its name's lines, each with the offset of its centre from the box's centre;
    /// shared, as egui_graphs copies a node's data every frame.
    pub lines: Arc<[(String, f32)]>,
}

/// What the canvas knows about a link: its route and labels from the shared geometry.
#[derive(Clone, Debug)]
pub struct EdgeData {
    /// Colour of its recommended pattern.
    pub color: Color32,
    /// The worst finding about it.
    pub severity: Option<Severity>,
    /// Its route in design units, from the source's border to the target's.
    pub route: Arc<[Pos2]>,
    /// Where its two systems' centres were when the route was computed: while one is
    /// dragged elsewhere, the link is drawn straight instead.
    pub ends_at: (Pos2, Pos2),
    /// Its label at normal size: text and rectangle in design units.
    pub label: Option<(String, Rect)>,
    /// Its short tag at overview size, for a view zoomed out too far to read labels.
    pub overview: Option<(String, Rect)>,
    /// What its route and labels cover, in design units.
    pub bounds: Rect,
    /// Which links have a piece of route or a label in view, shared by every link of
    /// the drawing; this link's place in the drawing's links.
    pub in_view: (Arc<InView>, usize),
}

/// Which links have a piece of route or a label in view, by their place in the
/// drawing's links: worked out once a frame from a spatial index of every link's
/// pieces, the first time a link asks, so no link looks through its own route. Until
/// the index is ready (it is built on another thread for a large design), every link
/// whose bounds meet the view is drawn.
#[derive(Default)]
pub struct InView(std::sync::Mutex<InViewState>);

#[derive(Default)]
struct InViewState {
    /// Route pieces and labels in design units; none until filled.
    pieces: Option<crate::geometry::index::Grid>,
    /// Which link each piece belongs to.
    owners: Vec<usize>,
    /// The view `shown` was worked out for.
    view: Option<Rect>,
    shown: Vec<bool>,
}

impl std::fmt::Debug for InView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InView")
    }
}

impl InViewState {
    /// An index of these pieces (rectangle, link's place) of `links` links.
    fn of(pieces: Vec<(crate::geometry::Rect, usize)>, links: usize) -> Self {
        let mut grid = crate::geometry::index::Grid::new(512.0);
        let mut owners = Vec::with_capacity(pieces.len());
        for (r, owner) in pieces {
            grid.insert(r);
            owners.push(owner);
        }
        Self {
            pieces: Some(grid),
            owners,
            view: None,
            shown: vec![false; links],
        }
    }
}

impl InView {
    /// Indexes the route pieces and labels of `geometry`'s links (a link's place is
    /// its place in `geometry.links`), on another thread for a large design: it has
    /// millions of route pieces, and until the index is ready each link looks through
    /// its own route.
    pub fn fill(
        self: &Arc<Self>,
        geometry: Arc<crate::geometry::Geometry>,
        waker: &crate::job::Waker,
    ) {
        let (this, waker) = (Arc::clone(self), waker.clone());
        let links = geometry.links.len();
        let build = move || {
            let mut pieces = Vec::new();
            for (slot, l) in geometry.links.iter().enumerate() {
                for w in l.route.windows(2) {
                    pieces.push((crate::geometry::Rect::around_segment(w[0], w[1], 1.0), slot));
                }
                for p in l.label.iter().chain(&l.overview) {
                    pieces.push((p.rect, slot));
                }
                if l.route.len() < 2 {
                    let ends = (geometry.system(l.from), geometry.system(l.to));
                    if let (Some(a), Some(b)) = ends {
                        let (a, b) = (a.rect.center(), b.rect.center());
                        pieces.push((crate::geometry::Rect::around_segment(a, b, 1.0), slot));
                    }
                }
            }
            if let Ok(mut state) = this.0.lock() {
                *state = InViewState::of(pieces, links);
            }
            // The next frame draws only what is in view.
            waker.wake();
        };
        if links <= crate::document::BACKGROUND_DRAWING_LINKS {
            build();
        } else {
            // Until it is filled, every link whose bounds meet the view is drawn.
            crate::job::detach("links in view", build);
        }
    }

    /// Whether link `slot` has anything in `view` (design units).
    fn shows(&self, slot: usize, view: Rect) -> bool {
        let Ok(mut state) = self.0.lock() else {
            return true;
        };
        if state.view != Some(view) {
            let state = &mut *state;
            let Some(pieces) = &state.pieces else {
                return true;
            };
            state.shown.iter_mut().for_each(|s| *s = false);
            let area = crate::geometry::Rect::new(view.min.x, view.min.y, view.max.x, view.max.y);
            let (owners, shown) = (&state.owners, &mut state.shown);
            pieces.any_near(&area, |i, r| {
                if r.overlaps(&area, 0.0) {
                    if let Some(s) = owners.get(i).and_then(|&o| shown.get_mut(o)) {
                        *s = true;
                    }
                }
                false
            });
            state.view = Some(view);
        }
        state.shown.get(slot).copied().unwrap_or(true)
    }
}

impl EdgeData {
    /// Whether either end's box is away from where the route was computed for (being
    /// dragged): the link is then drawn straight between the boxes.
    fn ends_moved(&self, start: Pos2, end: Pos2) -> bool {
        (start - self.ends_at.0).length() > 0.5 || (end - self.ends_at.1).length() > 0.5
    }
}

/// The canvas's graph type.
pub type ViewGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, SystemNode, LinkEdge>;
type ViewNode = Node<NodeData, EdgeData, Directed, DefaultIx, SystemNode>;

/// A system drawn as a rounded box with its kind's colour and tag.
#[derive(Clone, Debug)]
pub struct SystemNode {
    center: Pos2,
    label: String,
    data: NodeData,
    selected: bool,
    hovered: bool,
}

impl From<NodeProps<NodeData>> for SystemNode {
    fn from(p: NodeProps<NodeData>) -> Self {
        Self {
            center: p.location(),
            label: p.label.clone(),
            selected: p.selected,
            hovered: p.hovered,
            data: p.payload,
        }
    }
}

/// Where a ray from the centre of a box of `size` in direction `dir` leaves it.
fn box_exit(center: Pos2, size: Vec2, dir: Vec2) -> Pos2 {
    let half = size / 2.0;
    let dir = if dir == Vec2::ZERO { Vec2::X } else { dir };
    let tx = if dir.x.abs() > f32::EPSILON {
        half.x / dir.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dir.y.abs() > f32::EPSILON {
        half.y / dir.y.abs()
    } else {
        f32::INFINITY
    };
    center + dir * tx.min(ty)
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for SystemNode {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        box_exit(self.center, self.data.size, dir.normalized())
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let meta = ctx.meta;
        let own = Rect::from_center_size(self.center, self.data.size);
        let rect = Rect::from_min_max(
            meta.canvas_to_screen_pos(own.min),
            meta.canvas_to_screen_pos(own.max),
        );
        // Systems outside the visible area cost nothing.
        if !ctx.painter.clip_rect().intersects(rect.expand(4.0)) {
            return Vec::new();
        }
        let zoom = meta.zoom;
        let (fill, tag) = theme::kind_style(self.data.kind);
        let fill = if self.hovered {
            fill.gamma_multiply(1.15)
        } else {
            fill
        };
        let stroke = if self.selected {
            Stroke::new(3.0, theme::SELECTION)
        } else if let Some(s) = self.data.severity.filter(|s| *s != Severity::Info) {
            Stroke::new(2.0, theme::severity_color(s))
        } else {
            Stroke::new(1.0, Color32::from_gray(30))
        };
        // Zoomed far out, corners and outlines are too small to see but cost the most to
        // tessellate: draw plain boxes, outlined only when selected or flagged.
        let tiny = rect.width() < theme::DETAIL_MIN_PX;
        let radius = if tiny {
            CornerRadius::ZERO
        } else {
            CornerRadius::same((8.0 * zoom).clamp(0.0, 255.0) as u8)
        };
        let stroke =
            if tiny && !self.selected && self.data.severity.is_none_or(|s| s == Severity::Info) {
                Stroke::NONE
            } else {
                stroke
            };
        let mut shapes = vec![Shape::Rect(RectShape::new(
            rect,
            radius,
            fill,
            stroke,
            StrokeKind::Outside,
        ))];

        let font_px = (14.0 * zoom).min(theme::MAX_LABEL_PX);
        if font_px >= theme::MIN_LABEL_PX {
            let fonts = ctx.painter;
            let tag_galley = fonts.layout_no_wrap(
                tag.to_owned(),
                FontId::monospace((10.0 * zoom).min(theme::MAX_LABEL_PX)),
                Color32::from_white_alpha(200),
            );
            shapes.push(Shape::Text(TextShape::new(
                rect.min + Vec2::splat(4.0 * zoom),
                tag_galley,
                Color32::WHITE,
            )));
            // The geometry sized the box for these lines; each is drawn centred on its
            // own line, never wrapped again or cut.
            for (line, dy) in self.data.lines.iter() {
                let galley = fonts.layout_no_wrap(
                    line.clone(),
                    FontId::proportional(font_px),
                    Color32::WHITE,
                );
                let pos = rect.center() + Vec2::new(0.0, dy * zoom) - galley.size() / 2.0;
                shapes.push(Shape::Text(TextShape::new(pos, galley, Color32::WHITE)));
            }
        }
        if let Some(severity) = self.data.severity {
            let r = 7.0 * zoom;
            let c = rect.right_top() + Vec2::new(-r * 0.2, r * 0.2);
            shapes.push(Shape::circle_filled(c, r, theme::severity_color(severity)));
            if font_px >= theme::MIN_LABEL_PX {
                let mark = ctx.painter.layout_no_wrap(
                    "!".into(),
                    FontId::proportional((11.0 * zoom).min(theme::MAX_LABEL_PX)),
                    Color32::WHITE,
                );
                shapes.push(Shape::Text(TextShape::new(
                    c - mark.size() / 2.0,
                    mark,
                    Color32::WHITE,
                )));
            }
        }
        shapes
    }

    fn update(&mut self, p: &NodeProps<NodeData>) {
        self.center = p.location();
        self.selected = p.selected;
        self.hovered = p.hovered;
        if self.label != p.label {
            self.label.clone_from(&p.label);
        }
        self.data.clone_from(&p.payload);
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        Rect::from_center_size(self.center, self.data.size).contains(pos)
    }
}

/// A link drawn along its route in its pattern's colour, with its label where the
/// geometry placed it.
#[derive(Clone, Debug)]
pub struct LinkEdge {
    data: EdgeData,
    selected: bool,
}

impl From<EdgeProps<EdgeData>> for LinkEdge {
    fn from(p: EdgeProps<EdgeData>) -> Self {
        Self {
            selected: p.selected,
            data: p.payload,
        }
    }
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
}

/// Distance from `p` to the segment a-b.
fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
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
fn visible_runs(pts: &[Pos2], clip: Rect) -> Vec<&[Pos2]> {
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
        // Labels at normal size when readable, else the short tags placed for overview.
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
        if let Some(((text, at), font_px)) = chosen {
            let rect = Rect::from_min_max(
                meta.canvas_to_screen_pos(at.min),
                meta.canvas_to_screen_pos(at.max),
            );
            if ctx.painter.clip_rect().intersects(rect) {
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
                shapes.push(Shape::rect_filled(
                    rect,
                    3.0,
                    Color32::from_black_alpha(190),
                ));
                shapes.push(Shape::Text(TextShape::new(
                    rect.center() - galley.size() / 2.0,
                    galley,
                    text_color,
                )));
            }
        }
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

    #[test]
    fn a_link_is_in_view_only_where_a_piece_of_it_is() {
        use crate::geometry::Rect as R;
        let in_view = InView::default();
        // Not indexed yet: every link draws itself.
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        assert!(in_view.shows(0, view));
        // Link 0 runs around the view (an L whose bounds cover it), link 1 crosses it.
        let in_view = InView(std::sync::Mutex::new(InViewState::of(
            vec![
                (R::new(-500.0, -10.0, 500.0, -8.0), 0),
                (R::new(498.0, -10.0, 500.0, 500.0), 0),
                (R::new(50.0, -500.0, 52.0, 500.0), 1),
            ],
            2,
        )));
        assert!(!in_view.shows(0, view));
        assert!(in_view.shows(1, view));
        let elsewhere = Rect::from_min_max(Pos2::new(450.0, 100.0), Pos2::new(550.0, 200.0));
        assert!(in_view.shows(0, elsewhere));
        assert!(!in_view.shows(1, elsewhere));
    }
}
