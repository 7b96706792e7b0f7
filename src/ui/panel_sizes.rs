//! The side and bottom panels keep the size the user gave them by dragging their
//! edge, and nothing else changes it for good: content wider than a panel (a grid
//! laid out with last frame's columns, a long word) does not widen it from then on,
//! and a window made smaller and then larger again gets the user's sizes back
//! instead of the ones it was squeezed to.

use std::collections::HashMap;

/// What the user chose for each panel, by the panel's id.
#[derive(Debug, Default)]
pub struct PanelSizes {
    chosen: HashMap<&'static str, f32>,
}

impl PanelSizes {
    /// The size to show panel `id` at this frame: the user's, else `default`, within
    /// `range`. egui keeps a panel's last size as its state; where that state is not
    /// the size wanted (content pushed it, or the window squeezed it) and the user is
    /// not dragging the edge, it is dropped so the panel opens at the wanted size.
    pub fn before(
        &self,
        ctx: &egui::Context,
        id: &'static str,
        default: f32,
        range: std::ops::RangeInclusive<f32>,
        vertical: bool,
    ) -> f32 {
        let wanted = self
            .chosen
            .get(id)
            .copied()
            .unwrap_or(default)
            .clamp(*range.start(), *range.end());
        let panel = egui::Id::new(id);
        let dragging = ctx
            .read_response(resize_id(id))
            .is_some_and(|r| r.dragged());
        let stored = egui::containers::panel::PanelState::load(ctx, panel).map(|s| {
            let size = s.size();
            if vertical { size.y } else { size.x }
        });
        if !dragging && stored.is_some_and(|s| (s - wanted).abs() > 0.5) {
            ctx.data_mut(|d| d.remove::<egui::containers::panel::PanelState>(panel));
        }
        wanted
    }

    /// After the panel is shown: a drag of its edge makes its size the user's choice.
    pub fn after(&mut self, ctx: &egui::Context, id: &'static str, vertical: bool) {
        let moved = ctx
            .read_response(resize_id(id))
            .is_some_and(|r| r.dragged() || r.drag_stopped());
        if !moved {
            return;
        }
        if let Some(s) = egui::containers::panel::PanelState::load(ctx, egui::Id::new(id)) {
            let size = s.size();
            self.chosen
                .insert(id, if vertical { size.y } else { size.x });
        }
    }

    /// Forgets every choice: the panels go back to their default sizes.
    pub fn reset(&mut self) {
        self.chosen.clear();
    }
}

/// The id egui gives a panel's draggable edge.
fn resize_id(id: &'static str) -> egui::Id {
    egui::Id::new(id).with("__resize")
}
