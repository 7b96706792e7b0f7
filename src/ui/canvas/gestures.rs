//! What the pointer does on the canvas beyond egui_graphs' clicks and drags: drawing
//! a link by dragging from one system to another, and a link's full label on hover.

use super::super::theme;
use super::{Canvas, CanvasAction};
use crate::model::Pos;
use egui::{Pos2, Rect, Stroke};
use egui_graphs::{DisplayNode, GraphChange, MetadataFrame};

impl Canvas {
    /// In connect mode, a drag from one system to another draws a link: a line
    /// follows the pointer, and letting go over another system asks to connect them.
    pub(super) fn connect_gesture(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        meta: &MetadataFrame,
        actions: &mut Vec<CanvasAction>,
    ) {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let node_at = |p: Pos2| {
            let c = meta.screen_to_canvas_pos(p);
            self.graph
                .nodes_iter()
                .find(|(_, n)| n.display().is_inside(c))
                .and_then(|(i, _)| self.systems.get(&i).copied())
        };
        if response.drag_started() {
            // Where the button went down, not where the drag was recognised.
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            self.connect_from = origin.and_then(node_at);
        }
        if let (Some(from), Some(p)) = (self.connect_from, pointer) {
            if let Some(n) = self.nodes.get(&from).and_then(|&i| self.graph.node(i)) {
                let a = meta.canvas_to_screen_pos(n.location());
                ui.painter()
                    .line_segment([a, p], Stroke::new(2.5, theme::SELECTION));
            }
        }
        if response.drag_stopped() {
            if let (Some(from), Some(to)) = (self.connect_from.take(), pointer.and_then(node_at)) {
                if from != to {
                    actions.push(CanvasAction::Connect { from, to });
                }
            }
        }
    }

    /// A link's full label as a tooltip when its label on screen is short or hidden.
    pub(super) fn hover_text(&self, response: &egui::Response, meta: &MetadataFrame) {
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let at = meta.screen_to_canvas_pos(pointer);
        let near = 6.0 / meta.zoom.max(0.01);
        let hit = self.geometry.links.iter().find(|l| {
            let on_label = l.label.as_ref().is_some_and(|p| {
                Rect::from_min_max(
                    Pos2::new(p.rect.x0, p.rect.y0),
                    Pos2::new(p.rect.x1, p.rect.y1),
                )
                .contains(at)
            });
            on_label
                || l.route.windows(2).any(|w| {
                    let r =
                        Rect::from_two_pos(Pos2::new(w[0].x, w[0].y), Pos2::new(w[1].x, w[1].y));
                    r.expand(near).contains(at)
                })
        });
        let Some(l) = hit else {
            return;
        };
        let name = |id| self.geometry.system(id).map_or("", |s| s.name.as_str());
        let text = format!(
            "{} -> {}: {}",
            theme::plain(name(l.from)),
            theme::plain(name(l.to)),
            l.full_label
        );
        response.clone().on_hover_text_at_pointer(text);
    }

    /// What the clicks, double-clicks and drags egui_graphs reported mean; true when
    /// one of them hit a system or link (a click elsewhere clears the selection).
    /// `add`: Shift or the command key was held, so a click adds to the selection.
    pub(super) fn graph_actions(
        &mut self,
        changes: &[GraphChange],
        add: bool,
        actions: &mut Vec<CanvasAction>,
    ) -> bool {
        let mut hit = false;
        for change in changes {
            match *change {
                GraphChange::NodeClicked { node } => {
                    hit = true;
                    if let Some(&id) = self.systems.get(&node) {
                        actions.push(CanvasAction::SelectSystem { id, add });
                    }
                }
                GraphChange::NodeDoubleClicked { node } => {
                    hit = true;
                    if let Some(&id) = self.systems.get(&node) {
                        actions.push(CanvasAction::Rename(id));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    hit = true;
                    if let Some(&id) = self.links.get(&edge) {
                        actions.push(CanvasAction::SelectLink { id, add });
                    }
                }
                GraphChange::NodeDragStarted { node } => {
                    if let (Some(&id), Some(n)) = (self.systems.get(&node), self.graph.node(node)) {
                        self.drag = Some((id, n.location()));
                    }
                }
                GraphChange::NodeDragEnded { node } => {
                    if let (Some((id, start)), Some(n)) = (self.drag.take(), self.graph.node(node))
                    {
                        let end = n.location();
                        if end != start {
                            actions
                                .push(CanvasAction::Moved(vec![(id, Pos { x: end.x, y: end.y })]));
                        }
                    }
                }
                _ => {}
            }
        }
        hit
    }
}
