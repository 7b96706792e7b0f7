//! The canvas's view: pan and zoom, fitting the design, zooming with the wheel, and
//! where things are on screen.

use super::{Canvas, LEGEND_ROOM, MAX_ZOOM, MIN_ZOOM, VIEW_ID};
use crate::model::{Pos, SystemId};
use egui::{Pos2, Rect, Vec2};
use egui_graphs::MetadataFrame;

impl Canvas {
    /// Pan and zoom in screen terms: canvas point × zoom + pan = screen point.
    pub(super) fn screen_meta(&self, ui: &egui::Ui) -> MetadataFrame {
        let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
        meta.pan += self.rect.left_top().to_vec2();
        meta
    }
    /// Fits the whole drawing (zones, their titles, labels) in the canvas with a margin,
    /// above the legend; never past 100%, so a design of one system opens at a normal
    /// size.
    pub(super) fn fit_now(&self, ui: &mut egui::Ui, area: Option<crate::geometry::Rect>) {
        const MARGIN: f32 = 24.0;
        let b = area.unwrap_or(self.geometry.bounds);
        let size = self.rect.size() - Vec2::new(2.0 * MARGIN, 2.0 * MARGIN + LEGEND_ROOM);
        if size.x <= 0.0 || size.y <= 0.0 {
            return;
        }
        let zoom = (size.x / b.width().max(1.0))
            .min(size.y / b.height().max(1.0))
            .clamp(MIN_ZOOM, 1.0);
        let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
        let view_center = Vec2::new(
            self.rect.width() / 2.0,
            (self.rect.height() - LEGEND_ROOM) / 2.0,
        );
        let c = b.center();
        meta.zoom = zoom;
        meta.pan = view_center - Vec2::new(c.x, c.y) * zoom;
        meta.save(ui);
        ui.ctx().request_repaint();
    }
    /// The wheel zooms about the pointer (egui_graphs zooms only with Ctrl held).
    pub(super) fn wheel_zoom(&self, ui: &mut egui::Ui, response: &egui::Response) {
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let (scroll, ctrl) = ui.input(|i| {
            (
                i.smooth_scroll_delta.y,
                i.modifiers.ctrl || i.modifiers.command,
            )
        });
        if scroll == 0.0 || ctrl {
            return;
        }
        let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
        let local = (pointer - self.rect.left_top()).to_pos2();
        let at = (local.to_vec2() - meta.pan) / meta.zoom;
        let zoom = (meta.zoom * (scroll * 0.002).exp()).clamp(MIN_ZOOM, MAX_ZOOM);
        meta.pan = local.to_vec2() - at * zoom;
        meta.zoom = zoom;
        meta.save(ui);
    }
    /// Where a design point was on screen last frame.
    pub fn to_screen(&self, at: Pos) -> Pos2 {
        let (zoom, pan) = self.view;
        (Vec2::new(at.x, at.y) * zoom + pan).to_pos2()
    }
    /// The zoom level, 1.0 at actual size.
    pub fn zoom(&self) -> f32 {
        self.view.0
    }
    pub(super) fn apply_view_requests(&mut self, ui: &mut egui::Ui) {
        if let Some(zoom) = self.zoom_to.take() {
            let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
            let center = meta.screen_to_canvas_pos((self.rect.size() / 2.0).to_pos2());
            meta.zoom = zoom;
            meta.pan = (self.rect.size() / 2.0) - center.to_vec2() * zoom;
            meta.save(ui);
        }
        if let Some(at) = self.reveal.take() {
            let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
            // The widget's own offset is added at draw time, so aim at its local centre.
            meta.pan = (self.rect.size() / 2.0) - at.to_vec2() * meta.zoom;
            meta.save(ui);
        }
    }
    /// Where the centre of the visible canvas is, in design units.
    pub fn visible_center(&self, ui: &egui::Ui) -> Pos {
        let meta = self.screen_meta(ui);
        let c = meta.screen_to_canvas_pos(self.rect.center());
        if c.x.is_finite() && c.y.is_finite() {
            Pos { x: c.x, y: c.y }
        } else {
            Pos::default()
        }
    }
    /// A system's box in design units, where it is now (while dragged too).
    pub(super) fn system_rect(&self, id: SystemId) -> Option<Rect> {
        let n = self.graph.node(*self.nodes.get(&id)?)?;
        let size = self
            .geometry
            .system(id)
            .map(|s| Vec2::new(s.rect.width(), s.rect.height()))?;
        Some(Rect::from_center_size(n.location(), size))
    }
    /// Where a system's box was on screen last frame.
    pub fn last_screen_rect(&self, id: SystemId) -> Option<Rect> {
        let (zoom, pan) = self.view;
        let r = self.system_rect(id)?;
        Some(Rect::from_min_max(
            (r.min.to_vec2() * zoom + pan).to_pos2(),
            (r.max.to_vec2() * zoom + pan).to_pos2(),
        ))
    }
    /// The screen position of a system's box, for in-place editing.
    pub fn system_screen_rect(&self, ui: &egui::Ui, id: SystemId) -> Option<Rect> {
        let meta = self.screen_meta(ui);
        let r = self.system_rect(id)?;
        Some(Rect::from_min_max(
            meta.canvas_to_screen_pos(r.min),
            meta.canvas_to_screen_pos(r.max),
        ))
    }
}
