//! The window's frame around the panels: the canvas and what it reports, the
//! in-place rename, the keys, dropped files, closing, and the status line's age.
//! Nothing here changes the document: what the user did is queued as commands.

use super::app::PatchbayApp;
use super::canvas::CanvasAction;
use super::canvas::keys::Item;
use super::command::{Command, Selection};
use super::dialogs::Dialog;
use super::panels;
use crate::model::edit::Edit;
use crate::model::{Pos, SystemId};

impl PatchbayApp {
    pub(super) fn canvas_ui(&mut self, ui: &mut egui::Ui, revision: u64) {
        let geometry = self.doc.geometry();
        self.canvas.sync(
            revision,
            &geometry,
            (&self.selection.systems, &self.selection.links),
            self.learn.hidden().is_some(),
        );
        let mut actions = self.canvas.ui(ui, self.on_canvas.connect_mode);
        let current = (self.selection.systems.last().copied().map(Item::System))
            .or_else(|| self.selection.links.last().copied().map(Item::Link));
        if self.presenting.is_none() {
            if actions.iter().any(|a| !matches!(a, CanvasAction::Moved(_))) {
                // A click on the canvas gives it the keyboard, as on any widget.
                ui.memory_mut(|m| m.request_focus(self.canvas.keys_id()));
            }
            actions.extend(self.canvas.keyboard(ui, current, &self.selection.systems));
        }
        let hidden = self.learn.hidden().is_some();
        if self
            .spoken
            .as_ref()
            .is_none_or(|(key, _)| *key != (revision, hidden))
        {
            let (design, analysis) = (self.doc.design(), self.doc.analysis());
            let spoken = super::canvas::access::spoken(design, analysis, hidden);
            self.spoken = Some(((revision, hidden), spoken));
        }
        if let Some((_, spoken)) = &self.spoken {
            let selected = (&self.selection.systems[..], &self.selection.links[..]);
            actions.extend(self.canvas.accessible_ui(ui, spoken, selected));
        }
        if self.doc.design().systems.is_empty() {
            let hint = "Add systems from the palette on the left.\nThen select one and pick \"Connect to…\" in the inspector,\nor turn on \"Connect by dragging\" and drag from caller to callee.\nSelect a link to see what Patchbay recommends, and why.";
            ui.painter().text(
                self.canvas.rect.center(),
                egui::Align2::CENTER_CENTER,
                hint,
                egui::FontId::proportional(16.0),
                ui.visuals().weak_text_color(),
            );
        }
        panels::legend_ui(ui, self.canvas.rect);
        let zoom = panels::zoom_ui(ui, self.canvas.rect, self.canvas.zoom());
        self.queue.extend(zoom);
        for a in actions {
            self.canvas_action(a);
        }
        if let Some((id, _)) = &self.on_canvas.renaming {
            self.on_canvas.rename_rect = self.canvas.system_screen_rect(ui, *id);
        }
        self.on_canvas.view_center = self.canvas.visible_center(ui);
    }

    /// Moves systems to new places as one step; `keyed`, moves made with the arrow
    /// keys, one step while the keys are held. Systems without a position are placed
    /// by the drawing around the others: moving one would move them too, so they stay
    /// where they are drawn, pinned in the same step.
    fn move_systems(&mut self, moves: &[(SystemId, Pos)], keyed: bool) {
        let design = self.doc.design();
        let mut edit = Edit::move_systems(design, moves);
        let geometry = self.doc.geometry();
        for s in design.systems.iter().filter(|s| s.position.is_none()) {
            if moves.iter().any(|(id, _)| *id == s.id) {
                continue;
            }
            if let Some(shape) = geometry.system(s.id) {
                let mut pinned = s.clone();
                pinned.position = Some(shape.rect.center());
                edit.systems.push((s.id, Some(pinned)));
            }
        }
        self.queue.push(if keyed {
            let ids: Vec<String> = moves.iter().map(|(id, _)| id.0.to_string()).collect();
            Command::EditUnder(edit, format!("move by keys {}", ids.join(" ")))
        } else {
            Command::Edit(edit)
        });
    }

    pub(super) fn canvas_action(&mut self, action: CanvasAction) {
        match action {
            CanvasAction::SelectSystem { id, add } => {
                if add {
                    Selection::toggle(&mut self.selection.systems, id);
                } else {
                    self.selection.clear();
                    self.selection.systems.push(id);
                }
            }
            CanvasAction::SelectLink { id, add } => {
                if add {
                    Selection::toggle(&mut self.selection.links, id);
                } else {
                    self.selection.clear();
                    self.selection.links.push(id);
                }
            }
            CanvasAction::ClearSelection => self.selection.clear(),
            CanvasAction::Moved(moves) => self.move_systems(&moves, false),
            CanvasAction::Nudged(moves) => self.move_systems(&moves, true),
            CanvasAction::Connect { from, to } => {
                self.selection.systems = vec![from, to];
                self.queue.push(Command::Connect);
            }
            CanvasAction::Place { kind, at } => self.queue.push(Command::AddSystemAt(kind, at)),
            CanvasAction::Rename(id) => self.queue.push(Command::StartRename(id)),
        }
    }

    /// The keys of the command table (see `actions`); presenting, its next and back
    /// keys step through the slides.
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Text being typed takes the keys that mean something there (Ctrl+Z, Delete);
        // a focused button or the canvas does not.
        let typing = ctx.text_edit_focused();
        self.queue.extend(super::actions::pressed(ctx, typing));
        if self.presenting.is_some() && !typing {
            use super::actions::Action;
            for _ in 0..Action::NextSlide.times_pressed(ctx) {
                self.queue.push(Command::Slide(true));
            }
            for _ in 0..Action::PreviousSlide.times_pressed(ctx) {
                self.queue.push(Command::Slide(false));
            }
        }
    }

    /// The presentation's caption: the slide's title and why, and where it is.
    pub(super) fn caption_ui(&self, ui: &egui::Ui, p: &super::present::Presenting) {
        let (design, analysis) = (self.doc.design(), self.doc.analysis());
        let slides = p.slides();
        let (title, body) = match p.current() {
            Some(slide) => super::present::caption(design, analysis, slide),
            None => (
                design.name.clone(),
                if slides.is_empty() {
                    "This design has no flows and no findings to step through.".to_owned()
                } else {
                    design.description.clone()
                },
            ),
        };
        let position = match p.at {
            Some(i) => format!(
                "{} of {} · arrow keys: next and back · Escape: leave",
                i + 1,
                slides.len()
            ),
            None => format!(
                "{} slides: the flows step by step, then the findings · arrow keys: next · Escape: leave",
                slides.len()
            ),
        };
        super::present::caption_ui(ui, self.canvas.rect, &title, &body, &position);
    }

    /// Escape closes the floating window on top: a concept card, then the bus
    /// comparison, then the Changes window. Prompts and the file dialog answer Escape
    /// themselves; a text field being typed in takes it first.
    pub(super) fn handle_escape(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some()
            || self.files.builtin.is_some()
            || self.on_canvas.renaming.is_some()
            || ctx.text_edit_focused()
        {
            return;
        }
        let open = self.presenting.is_some()
            || self.shown.keyboard_help
            || self.learn.concept.is_some()
            || self.learn.bus_open
            || self.compare.is_some();
        // Taken only when there is something to close, so the canvas and egui's own
        // focus still get Escape otherwise.
        if !open || !super::actions::Action::CloseOnTop.pressed(ctx) {
            return;
        }
        if self.presenting.is_some() {
            self.queue.push(Command::Present(false));
        } else if self.shown.keyboard_help {
            self.shown.keyboard_help = false;
        } else if self.learn.concept.is_some() {
            self.learn.concept = None;
        } else if self.learn.bus_open {
            self.learn.bus_open = false;
        } else {
            self.queue.push(Command::CloseComparison);
        }
    }

    /// The status line says what the last action did; once the design changes after
    /// it, it no longer applies and is cleared.
    pub(super) fn age_status(&mut self) {
        if self.status != self.status_shown.0 {
            self.status_shown = (self.status.clone(), self.doc.revision());
        } else if self.status_shown.1 != self.doc.revision() {
            self.status.clear();
            self.status_shown = (String::new(), self.doc.revision());
        }
    }

    /// A design dropped onto the window opens; a draw.io file, CSV catalogue or
    /// Mermaid flowchart is imported. In the browser a dropped file's bytes come later:
    /// they are read into the page, and the file is opened once they are there.
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        #[cfg(not(target_arch = "wasm32"))]
        let paths: Vec<std::path::PathBuf> =
            dropped.iter().map(|f| f.path().to_path_buf()).collect();
        #[cfg(target_arch = "wasm32")]
        let paths = {
            for f in dropped {
                super::files::read_dropped(f, self.waker.clone());
            }
            super::files::dropped_and_read()
        };
        if let Some(command) = paths.into_iter().find_map(dropped_command) {
            self.queue.push(command);
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved {
                then: Box::new(Command::Quit),
            });
        }
    }

    /// Ends a merged edit when the widget that made it is no longer in use.
    pub(super) fn end_gesture(&mut self, ctx: &egui::Context) {
        let canvas = self.canvas.keys_id();
        let busy = ctx.memory(|m| m.focused().is_some_and(|f| f != canvas))
            || ctx.input(|i| i.pointer.any_down())
            || self.canvas.nudging(ctx);
        if !busy {
            self.doc.end_gesture();
        }
    }

    pub(super) fn rename_ui(&mut self, ctx: &egui::Context) {
        let (Some((id, mut name)), Some(rect)) =
            (self.on_canvas.renaming.take(), self.on_canvas.rename_rect)
        else {
            return;
        };
        let mut done = false;
        let mut keep = true;
        egui::Area::new(egui::Id::new("rename"))
            .fixed_pos(rect.left_top())
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut name)
                        .desired_width(rect.width())
                        .hint_text("System name"),
                );
                edit.request_focus();
                let pressed = |a: super::actions::Action| {
                    let keys = a.entry().keys;
                    ui.input(|i| keys.iter().any(|k| i.key_pressed(k.logical_key)))
                };
                if pressed(super::actions::Action::DropName) {
                    keep = false;
                } else if edit.lost_focus() || pressed(super::actions::Action::KeepName) {
                    done = true;
                }
            });
        if done {
            if let Some(s) = self.doc.design().system(id) {
                if !name.trim().is_empty() && s.name != name.trim() {
                    let mut s = s.clone();
                    s.name = name.trim().to_owned();
                    self.queue
                        .push(Command::Edit(Edit::set_system("Rename system", s)));
                }
            }
        } else if keep {
            self.on_canvas.renaming = Some((id, name));
        }
    }
}

/// What a dropped file asks for: a design opens, a file Patchbay imports is imported.
fn dropped_command(path: std::path::PathBuf) -> Option<Command> {
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(crate::model::file::EXTENSION) {
        return Some(Command::OpenPath(path));
    }
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    crate::interop::EXTENSIONS
        .contains(&extension.as_str())
        .then_some(Command::ImportPath(path))
}

#[cfg(test)]
mod tests {
    use super::{Command, dropped_command};
    use std::path::PathBuf;

    #[test]
    fn a_dropped_design_opens_and_a_dropped_diagram_is_imported() {
        let path = |p: &str| PathBuf::from(p);
        assert!(matches!(
            dropped_command(path("/x/retail.patchbay.ron")),
            Some(Command::OpenPath(_))
        ));
        for name in ["a.drawio", "b.CSV", "c.mmd", "d.md", "e.xml"] {
            assert!(
                matches!(dropped_command(path(name)), Some(Command::ImportPath(_))),
                "{name}"
            );
        }
        assert!(dropped_command(path("notes.txt")).is_none());
        assert!(dropped_command(path("no-extension")).is_none());
    }
}
