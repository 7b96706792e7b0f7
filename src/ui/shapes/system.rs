//! A system on the canvas: its box coloured by kind, its name, its severity mark.

use super::super::theme;
use super::data::{EdgeData, NodeData};
use crate::analysis::Severity;
use egui::epaint::{CornerRadius, RectShape, TextShape};
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{DisplayNode, DrawContext, NodeProps};
use petgraph::Directed;
use petgraph::graph::DefaultIx;

/// A system drawn as a rounded box with its kind's colour and tag.
#[derive(Clone, Debug)]
pub struct SystemNode {
    center: Pos2,
    label: String,
    data: NodeData,
    selected: bool,
    hovered: bool,
}

/// Where a ray from the centre of a box of `size` in direction `dir` leaves it.
pub(super) fn box_exit(center: Pos2, size: Vec2, dir: Vec2) -> Pos2 {
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
