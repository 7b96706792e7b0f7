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

/// What the canvas knows about a system.
#[derive(Clone, Debug)]
pub struct NodeData {
    /// Its kind, for colour and tag.
    pub kind: SystemKind,
    /// The worst finding about it.
    pub severity: Option<Severity>,
}

/// What the canvas knows about a link.
#[derive(Clone, Debug)]
pub struct EdgeData {
    /// Colour of its recommended pattern.
    pub color: Color32,
    /// The worst finding about it.
    pub severity: Option<Severity>,
}

/// The canvas's graph type.
pub type ViewGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, SystemShape, LinkShape>;
type ViewNode = Node<NodeData, EdgeData, Directed, DefaultIx, SystemShape>;

/// A system drawn as a rounded box with its kind's colour and tag.
#[derive(Clone, Debug)]
pub struct SystemShape {
    center: Pos2,
    label: String,
    data: NodeData,
    selected: bool,
    hovered: bool,
}

impl From<NodeProps<NodeData>> for SystemShape {
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

fn rect_at(center: Pos2) -> Rect {
    Rect::from_center_size(center, theme::SYSTEM_SIZE)
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

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for SystemShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        box_exit(self.center, theme::SYSTEM_SIZE, dir.normalized())
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let meta = ctx.meta;
        let rect = Rect::from_min_max(
            meta.canvas_to_screen_pos(rect_at(self.center).min),
            meta.canvas_to_screen_pos(rect_at(self.center).max),
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
            let galley = fonts.layout(
                self.label.clone(),
                FontId::proportional(font_px),
                Color32::WHITE,
                rect.width() - 8.0 * zoom,
            );
            let pos = rect.center() - galley.size() / 2.0 + Vec2::new(0.0, 4.0 * zoom);
            shapes.push(Shape::Text(TextShape::new(pos, galley, Color32::WHITE)));
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
        rect_at(self.center).contains(pos)
    }
}

/// A link drawn as an arrow in its pattern's colour, labelled with pattern and flow.
#[derive(Clone, Debug)]
pub struct LinkShape {
    data: EdgeData,
    label: String,
    selected: bool,
    /// Index among links between the same two systems, to fan parallel links out.
    order: usize,
}

impl From<EdgeProps<EdgeData>> for LinkShape {
    fn from(p: EdgeProps<EdgeData>) -> Self {
        Self {
            label: p.label.clone(),
            selected: p.selected,
            order: p.order,
            data: p.payload,
        }
    }
}

/// The two ends of a link in canvas units, fanned out when there are parallel links.
fn ends(start: &ViewNode, end: &ViewNode, order: usize) -> (Pos2, Pos2) {
    let (a, b) = (start.location(), end.location());
    let dir = (b - a).normalized();
    let normal = Vec2::new(-dir.y, dir.x);
    let offset = normal * (order as f32 * 14.0);
    let from = start.display().closest_boundary_point(dir) + offset;
    let to = end.display().closest_boundary_point(-dir) + offset;
    (from, to)
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, SystemShape> for LinkShape {
    fn shapes(&mut self, start: &ViewNode, end: &ViewNode, ctx: &DrawContext) -> Vec<Shape> {
        let meta = ctx.meta;
        let (from, to) = ends(start, end, self.order);
        let (a, b) = (
            meta.canvas_to_screen_pos(from),
            meta.canvas_to_screen_pos(to),
        );
        if !ctx
            .painter
            .clip_rect()
            .intersects(Rect::from_two_pos(a, b).expand(20.0))
        {
            return Vec::new();
        }
        let zoom = meta.zoom;
        let color = if self.selected {
            theme::SELECTION
        } else {
            self.data.color
        };
        let width = if self.selected { 3.5 } else { 2.0 } * zoom.clamp(0.3, 2.0);
        let dir = (b - a).normalized();
        let head = 12.0 * zoom.min(2.0);
        let tip_base = b - dir * head;
        let normal = Vec2::new(-dir.y, dir.x);
        // An arrowhead smaller than a few pixels cannot be seen; the line alone is drawn.
        let mut shapes = if head < theme::ARROWHEAD_MIN_PX {
            vec![Shape::line_segment([a, b], Stroke::new(width, color))]
        } else {
            vec![
                Shape::line_segment([a, tip_base], Stroke::new(width, color)),
                Shape::convex_polygon(
                    vec![
                        b,
                        tip_base + normal * head * 0.45,
                        tip_base - normal * head * 0.45,
                    ],
                    color,
                    Stroke::NONE,
                ),
            ]
        };
        let font_px = (11.0 * zoom).min(theme::MAX_LABEL_PX);
        let mid = a + (b - a) * 0.5;
        // The label sits at the middle; a link that only crosses the view keeps its
        // line but its label is not laid out.
        let label_in_view = ctx.painter.clip_rect().expand(100.0).contains(mid);
        if font_px >= theme::MIN_LINK_LABEL_PX && (b - a).length() > 40.0 && label_in_view {
            let text_color = self
                .data
                .severity
                .filter(|s| *s != Severity::Info)
                .map_or(Color32::from_gray(235), theme::severity_color);
            let galley = ctx.painter.layout_no_wrap(
                self.label.clone(),
                FontId::proportional(font_px),
                text_color,
            );
            let rect = Rect::from_center_size(mid, galley.size() + Vec2::splat(4.0));
            shapes.push(Shape::rect_filled(
                rect,
                3.0,
                Color32::from_black_alpha(170),
            ));
            shapes.push(Shape::Text(TextShape::new(
                rect.min + Vec2::splat(2.0),
                galley,
                text_color,
            )));
        }
        shapes
    }

    fn update(&mut self, p: &EdgeProps<EdgeData>) {
        self.selected = p.selected;
        self.order = p.order;
        if self.label != p.label {
            self.label.clone_from(&p.label);
        }
        self.data.clone_from(&p.payload);
    }

    fn is_inside(&self, start: &ViewNode, end: &ViewNode, pos: Pos2) -> bool {
        let (a, b) = ends(start, end, self.order);
        let ab = b - a;
        let t = ((pos - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
        (a + ab * t - pos).length() < 8.0
    }
}
