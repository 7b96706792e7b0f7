//! The canvas from the keyboard: Tab and Shift+Tab go through the systems and links in
//! reading order, Alt+arrows to the nearest one in that direction, the arrow keys move
//! the selected systems (Shift for larger steps; one undo step while the keys are
//! held), F2 renames. The canvas takes these keys while it has keyboard focus (it gets
//! it by Tab like any widget, or by a click on it), or while nothing else has focus;
//! Escape hands focus back to the window.

use super::{Canvas, CanvasAction};
use crate::geometry::Geometry;
use crate::model::{LinkId, Pos, SystemId};
use crate::ui::actions::Action;
use egui::{Key, Pos2, Vec2};

/// A system or a link: what the keyboard moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    System(SystemId),
    Link(LinkId),
}

/// How far one arrow press moves a system, in design units; with Shift, the larger
/// step.
pub const STEP: f32 = 10.0;
pub const LARGE_STEP: f32 = 50.0;

/// Every system and link with the point it is found at (a box's centre, the middle of
/// a link's route), in reading order: rows from the top, each from the left. A row
/// is a band as high as the tallest box, so boxes laid out side by side read as one
/// row even when their centres differ a little.
pub fn reading_order(geometry: &Geometry) -> Vec<(Item, Pos2)> {
    let band = geometry
        .systems
        .iter()
        .map(|s| s.rect.height())
        .fold(40.0_f32, f32::max);
    let mut items: Vec<(Item, Pos2)> = geometry
        .systems
        .iter()
        .map(|s| {
            let c = s.rect.center();
            (Item::System(s.id), Pos2::new(c.x, c.y))
        })
        .chain(geometry.links.iter().filter_map(|l| {
            let mid = l.middle()?;
            Some((Item::Link(l.id), Pos2::new(mid.x, mid.y)))
        }))
        .collect();
    items.sort_by(|a, b| {
        let row = |p: Pos2| (p.y / band).floor();
        row(a.1)
            .total_cmp(&row(b.1))
            .then(a.1.x.total_cmp(&b.1.x))
            .then(a.1.y.total_cmp(&b.1.y))
    });
    items
}

/// The item after (or before) `current` in `order`, wrapping round; the first (or
/// last) when nothing is current.
pub fn next_in(order: &[(Item, Pos2)], current: Option<Item>, forward: bool) -> Option<Item> {
    let n = order.len();
    if n == 0 {
        return None;
    }
    let at = current.and_then(|c| order.iter().position(|(i, _)| *i == c));
    let i = match (at, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    Some(order[i].0)
}

/// The item nearest `current` in direction `dir` (a unit vector): among those ahead
/// within 60° either side, the closest, with distance off the axis counting double.
pub fn nearest_in(order: &[(Item, Pos2)], current: Item, dir: Vec2) -> Option<Item> {
    let from = order.iter().find(|(i, _)| *i == current)?.1;
    order
        .iter()
        .filter(|(i, _)| *i != current)
        .filter_map(|(i, p)| {
            let d = *p - from;
            let along = d.dot(dir);
            let across = (d - dir * along).length();
            (along > 0.0 && across <= along * 1.8).then_some((*i, along + 2.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

impl Canvas {
    /// The id of the canvas's keyboard focus.
    pub fn keys_id(&self) -> egui::Id {
        egui::Id::new("patchbay canvas keys")
    }

    /// Whether the canvas takes the keyboard: it has focus, or nothing else does.
    pub fn has_keys(&self, ctx: &egui::Context) -> bool {
        ctx.memory(|m| m.focused().is_none_or(|f| f == self.keys_id()))
    }

    /// Whether an arrow key that moves systems is held.
    pub fn nudging(&self, ctx: &egui::Context) -> bool {
        ctx.input(|i| ARROWS.iter().any(|(k, _)| i.key_down(*k)))
    }

    /// The keyboard's part of the canvas: its focus (a widget over the whole canvas
    /// that takes Tab and the arrows while it has focus) and what the keys did.
    /// `current` is the item last selected.
    pub fn keyboard(
        &mut self,
        ui: &egui::Ui,
        current: Option<Item>,
        selected: &[SystemId],
    ) -> Vec<CanvasAction> {
        let focus = ui.interact(
            self.rect,
            self.keys_id(),
            egui::Sense::focusable_noninteractive(),
        );
        focus.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, "Canvas"));
        ui.ctx().accesskit_node_builder(self.keys_id(), |n| {
            n.set_role(egui::accesskit::Role::Group);
        });
        if ui.input(|i| {
            i.has_accesskit_action_request(self.keys_id(), egui::accesskit::Action::Focus)
        }) {
            focus.request_focus();
        }
        if focus.has_focus() {
            self.focus_ring(ui, current);
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    self.keys_id(),
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    },
                );
            });
        }
        if !self.has_keys(ui.ctx()) {
            return Vec::new();
        }
        let mut actions = Vec::new();
        // Worked out only when a key asks for it: sorting every item each frame would
        // cost a large design its frame rate.
        let order = std::cell::OnceCell::new();
        let order = || order.get_or_init(|| reading_order(&self.geometry));
        let select = |item: Item| match item {
            Item::System(id) => CanvasAction::SelectSystem { id, add: false },
            Item::Link(id) => CanvasAction::SelectLink { id, add: false },
        };
        let pressed = |a: Action| a.pressed(ui.ctx());
        // The key of `a` that points along `dir`, pressed.
        let pressed_to = |a: Action, dir: Vec2| {
            (a.entry().keys.iter())
                .filter(|k| arrow_dir(k.logical_key) == Some(dir))
                .any(|k| ui.input_mut(|i| i.consume_shortcut(k)))
        };
        let mut reveal = Vec::new();
        // A key with Shift is tried before the same key without: egui takes a key
        // without modifiers as pressed when Shift is held too.
        // Tab goes through the items only once the canvas has focus: before, it is
        // the window's own Tab, which brings focus to the canvas in its turn.
        for (forward, action) in [(false, Action::PreviousItem), (true, Action::NextItem)] {
            if focus.has_focus()
                && pressed(action)
                && let Some(item) = next_in(order(), current, forward)
            {
                actions.push(select(item));
                reveal.push(item);
            }
        }
        for (_, dir) in ARROWS {
            if let Some(from) = current
                && pressed_to(Action::SelectNearby, dir)
                && let Some(item) = nearest_in(order(), from, dir)
            {
                actions.push(select(item));
                reveal.push(item);
            }
            for (action, step) in [
                (Action::MoveSelectedFar, LARGE_STEP),
                (Action::MoveSelected, STEP),
            ] {
                if !selected.is_empty() && pressed_to(action, dir) {
                    let moves = self.nudged(selected, dir * step);
                    if !moves.is_empty() {
                        actions.push(CanvasAction::Nudged(moves));
                    }
                }
            }
        }
        if let Some(&id) = selected.first()
            && pressed(Action::Rename)
        {
            actions.push(CanvasAction::Rename(id));
        }
        for item in reveal {
            self.reveal_item(item);
        }
        actions
    }

    /// Focus is always seen: a frame round the canvas while it has the keyboard, and
    /// a ring round the item the keys act on.
    fn focus_ring(&self, ui: &egui::Ui, current: Option<Item>) {
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        let painter = ui.painter();
        painter.rect_stroke(self.rect.shrink(1.0), 0.0, stroke, egui::StrokeKind::Inside);
        match current {
            Some(Item::System(id)) => {
                if let Some(r) = self.last_screen_rect(id) {
                    painter.rect_stroke(r.expand(5.0), 8.0, stroke, egui::StrokeKind::Outside);
                }
            }
            Some(Item::Link(id)) => {
                let mid = (self.geometry.links.iter())
                    .find(|l| l.id == id)
                    .and_then(|l| l.middle());
                if let Some(m) = mid {
                    painter.circle_stroke(self.to_screen(m), 12.0, stroke);
                }
            }
            None => {}
        }
    }

    /// Where the systems would be moved by `by`.
    fn nudged(&self, systems: &[SystemId], by: Vec2) -> Vec<(SystemId, Pos)> {
        systems
            .iter()
            .filter_map(|id| {
                let c = self.system_rect(*id)?.center() + by;
                Some((*id, Pos { x: c.x, y: c.y }))
            })
            .collect()
    }

    /// Brings an item chosen from the keyboard into view when it is off screen.
    fn reveal_item(&mut self, item: Item) {
        let at = match item {
            Item::System(id) => self.geometry.system(id).map(|s| s.rect.center()),
            Item::Link(id) => (self.geometry.links.iter())
                .find(|l| l.id == id)
                .and_then(|l| l.middle()),
        };
        if let Some(at) = at.filter(|at| !self.rect.contains(self.to_screen(*at))) {
            self.reveal(at);
        }
    }
}

/// The way an arrow key points on the canvas.
fn arrow_dir(key: Key) -> Option<Vec2> {
    ARROWS.iter().find(|(k, _)| *k == key).map(|(_, d)| *d)
}

/// The arrow keys and the way each points on the canvas.
const ARROWS: [(Key, Vec2); 4] = [
    (Key::ArrowLeft, Vec2::new(-1.0, 0.0)),
    (Key::ArrowRight, Vec2::new(1.0, 0.0)),
    (Key::ArrowUp, Vec2::new(0.0, -1.0)),
    (Key::ArrowDown, Vec2::new(0.0, 1.0)),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Vec<(Item, Pos2)> {
        let s = |i, x, y| (Item::System(SystemId(i)), Pos2::new(x, y));
        vec![
            s(1, 0.0, 0.0),
            s(2, 200.0, 5.0),
            s(3, 0.0, 200.0),
            s(4, 200.0, 200.0),
        ]
    }

    #[test]
    fn tab_goes_round_in_order_and_arrows_find_the_neighbour_that_way() {
        let o = order();
        let sys = |i| Item::System(SystemId(i));
        assert_eq!(next_in(&o, None, true), Some(sys(1)));
        assert_eq!(next_in(&o, None, false), Some(sys(4)));
        assert_eq!(next_in(&o, Some(sys(4)), true), Some(sys(1)));
        assert_eq!(next_in(&o, Some(sys(1)), false), Some(sys(4)));
        assert_eq!(nearest_in(&o, sys(1), Vec2::new(1.0, 0.0)), Some(sys(2)));
        assert_eq!(nearest_in(&o, sys(1), Vec2::new(0.0, 1.0)), Some(sys(3)));
        assert_eq!(nearest_in(&o, sys(4), Vec2::new(-1.0, 0.0)), Some(sys(3)));
        assert_eq!(nearest_in(&o, sys(1), Vec2::new(-1.0, 0.0)), None);
        assert_eq!(next_in(&[], None, true), None);
    }

    #[test]
    fn the_samples_read_in_rows_from_the_top_left_with_every_item_once() {
        for sample in crate::samples::ALL {
            let design = crate::model::parse(sample.text).expect("sample");
            let analysis = crate::analysis::analyze(&design);
            let g = Geometry::new(&design, &analysis);
            let o = reading_order(&g);
            assert_eq!(o.len(), design.systems.len() + design.links.len());
            let first_system = o.iter().find(|(i, _)| matches!(i, Item::System(_)));
            let top = g.systems.iter().map(|s| s.rect.y0).fold(f32::MAX, f32::min);
            let first = first_system.expect("a system").1;
            assert!(
                first.y - top < 200.0,
                "{}: starts near the top",
                sample.title
            );
        }
    }
}
