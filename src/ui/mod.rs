//! The designer window: eframe app, panels, canvas and commands. Panels never change
//! the document directly: they queue [`Command`]s and edits, applied in one place after
//! the frame, so every gesture is one undo step and tests can drive it all.

mod canvas;
mod files;
mod inspector;
mod panels;
mod shapes;
mod theme;

pub use crate::document::Document;
pub use files::{FileDialogs, Picked, Purpose, RfdDialogs};

use crate::model::edit::Edit;
use crate::model::{LinkId, Pos, System, SystemId, SystemKind};
use crate::samples;
use canvas::{Canvas, CanvasAction};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Something the user asked for, applied after the frame.
#[derive(Clone, Debug)]
pub enum Command {
    /// Start an empty design.
    New,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a built-in sample.
    OpenSample(usize),
    /// Save to the current file, or ask where.
    Save,
    /// Ask where, then save.
    SaveAs,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Ask where, then export in this format.
    Export(crate::report::export::ExportFormat),
    /// Apply an edit as one undo step.
    Edit(Edit),
    /// Apply an edit, merged with the previous one while the same field of the same
    /// items is being edited.
    EditMerged(Edit),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Add a system of this kind where the user is looking.
    AddSystem(SystemKind),
    /// Add a system of this kind at a place on the canvas.
    AddSystemAt(SystemKind, Pos),
    /// Delete the selection.
    Delete,
    /// Copy the selected systems and the links between them.
    Duplicate,
    /// Link the two selected systems, first to second.
    Connect,
    /// Link one system to another.
    ConnectTo(SystemId, SystemId),
    /// Turn the selected link around.
    Reverse(LinkId),
    /// Arrange the design in layers, sources to targets.
    AutoLayout,
    /// Fit the design in view.
    Fit,
    /// Set the zoom (1.0 = actual size), keeping the centre of the view.
    Zoom(f32),
    /// Open the in-place name editor on a system (double-click).
    StartRename(SystemId),
    /// Select one system.
    SelectSystem(SystemId),
    /// Select one link.
    SelectLink(LinkId),
    /// Select a finding's subject and bring it into view.
    Reveal(crate::analysis::Subject),
    /// Put the side panels back to their default sizes.
    ResetLayout,
    /// Leave Patchbay.
    Quit,
}

/// What is selected, in the order it was picked (the first is a connection's source).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected systems.
    pub systems: Vec<SystemId>,
    /// Selected links.
    pub links: Vec<LinkId>,
}

impl Selection {
    fn clear(&mut self) {
        self.systems.clear();
        self.links.clear();
    }

    fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
        match list.iter().position(|x| *x == item) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(item),
        }
    }
}

/// A question or report shown over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The design has unsaved changes; `then` runs after Save or Discard.
    Unsaved { then: Box<Command> },
    /// A file could not be opened; the current design is untouched.
    Problems { file: String, problems: Vec<String> },
    /// Something else went wrong.
    Error(String),
    /// A window that crashed or was killed left unsaved changes.
    Recover(Box<crate::recovery::Recovered>),
}

/// The Patchbay window.
pub struct PatchbayApp {
    /// The open design.
    pub doc: Document,
    /// What is selected.
    pub selection: Selection,
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// What the last file operation did, shown in the status line.
    pub status: String,
    /// Where file dialogs start when the design has no file yet.
    pub files_dir: Option<PathBuf>,
    builtin: Option<files::BuiltinDialog>,
    after_save: Option<Command>,
    /// Where unsaved changes are copied, if anywhere.
    autosave: Option<crate::recovery::Autosave>,
    /// When the last copy was written, if this window has one.
    autosaved: Option<std::time::Instant>,
    /// The user chose to lose the changes: nothing is copied on the way out.
    discarding: bool,
    canvas: Canvas,
    connect_mode: bool,
    renaming: Option<(SystemId, String)>,
    queue: Vec<Command>,
    dialogs: Box<dyn FileDialogs>,
    quitting: bool,
    shown_title: String,
    rename_rect: Option<egui::Rect>,
    view_center: Pos,
}

const RECENT_KEY: &str = "patchbay.recent";
const PALETTE: &str = "palette";
const INSPECTOR: &str = "inspector";
const FINDINGS: &str = "findings";
const RECENT_MAX: usize = 8;

impl PatchbayApp {
    /// An app showing `doc`, asking for files through `dialogs`.
    pub fn new(doc: Document, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut canvas = Canvas::default();
        canvas.fit();
        Self {
            doc,
            selection: Selection::default(),
            dialog: None,
            recent: Vec::new(),
            status: String::new(),
            files_dir: None,
            builtin: None,
            after_save: None,
            autosave: None,
            autosaved: None,
            discarding: false,
            canvas,
            connect_mode: false,
            renaming: None,
            queue: Vec::new(),
            dialogs,
            quitting: false,
            shown_title: String::new(),
            rename_rect: None,
            view_center: Pos::default(),
        }
    }

    /// The built-in retail design, as the app opens with no file.
    pub fn with_default_design(dialogs: Box<dyn FileDialogs>) -> Self {
        let design = crate::model::parse(samples::DEFAULT.text).unwrap_or_default();
        let doc = Document::unsaved(design, samples::DEFAULT.title)
            .with_header(crate::model::leading_comments(samples::DEFAULT.text));
        Self::new(doc, dialogs)
    }

    /// Copies unsaved changes into `autosave`'s folder every 30 seconds, and offers
    /// the copies that crashed windows left there.
    pub fn with_autosave(mut self, autosave: crate::recovery::Autosave) -> Self {
        let orphans = autosave.orphans();
        if let Some(newest) = orphans.into_iter().next() {
            self.dialog = Some(Dialog::Recover(Box::new(newest)));
        }
        self.autosave = Some(autosave);
        self
    }

    /// Writes the copy of unsaved changes when it is due at `now` (or removes it once
    /// they are saved).
    pub fn autosave_tick(&mut self, now: std::time::Instant) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if !self.doc.is_dirty() {
            if self.autosaved.take().is_some() {
                autosave.clear();
            }
            return;
        }
        let due = self
            .autosaved
            .is_none_or(|at| now.duration_since(at) >= crate::recovery::INTERVAL);
        if due {
            let doc = &self.doc;
            match autosave.write(doc.design(), doc.path.as_deref(), &doc.title) {
                Ok(()) => {}
                Err(e) => self.status = format!("Could not keep a recovery copy: {e}"),
            }
            self.autosaved = Some(now);
        }
    }

    /// On the way out: unsaved changes the user did not discard are copied, so the
    /// next start can offer them; otherwise the copy goes.
    pub fn leave(&mut self) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if self.doc.is_dirty() && !self.discarding {
            let doc = &self.doc;
            let _ = autosave.write(doc.design(), doc.path.as_deref(), &doc.title);
        } else {
            autosave.clear();
        }
    }

    /// Queues a command, as a menu item or button would.
    pub fn command(&mut self, c: Command) {
        self.queue.push(c);
    }

    /// Where a system was drawn on the canvas in the last frame, in screen points.
    pub fn system_on_screen(&self, id: SystemId) -> Option<egui::Rect> {
        self.canvas.last_screen_rect(id)
    }

    /// Where a point of the design was drawn in the last frame, in screen points.
    pub fn design_on_screen(&self, at: Pos) -> egui::Pos2 {
        self.canvas.to_screen(at)
    }

    /// The canvas's rectangle on screen in the last frame.
    pub fn canvas_rect(&self) -> egui::Rect {
        self.canvas.rect
    }

    /// The window's own file dialog is open, for this purpose.
    pub fn builtin_dialog_open(&self) -> Option<Purpose> {
        self.builtin.as_ref().map(|d| d.purpose)
    }

    /// The canvas's zoom level in the last frame, 1.0 at actual size.
    pub fn zoom(&self) -> f32 {
        self.canvas.zoom()
    }

    /// The window title: file name, and a marker for unsaved changes.
    pub fn title(&self) -> String {
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        format!("{}{dirty} — Patchbay", self.doc.title)
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);

        let revision = self.doc.revision();
        self.selection
            .systems
            .retain(|id| self.doc.design().system(*id).is_some());
        self.selection
            .links
            .retain(|id| self.doc.design().link(*id).is_some());

        egui::Panel::top("menu").show(ui, |ui| panels::menu_ui(ui, self));
        egui::Panel::bottom("status").show(ui, |ui| panels::status_ui(ui, self));
        // Bounded panels: however they were dragged (or restored), the canvas keeps
        // at least half the window. View > Reset layout puts them back.
        let width = ui.available_width();
        let height = ui.available_height();
        egui::Panel::left(PALETTE)
            .default_size(210.0)
            .size_range(190.0..=(width * 0.25).max(190.0))
            .show(ui, |ui| panels::palette_ui(ui, self));
        egui::Panel::right(INSPECTOR)
            .default_size(360.0)
            .size_range(330.0..=(width * 0.35).max(330.0))
            .show(ui, |ui| inspector::inspector_ui(ui, self));
        egui::Panel::bottom(FINDINGS)
            .default_size(170.0)
            .size_range(60.0..=(height * 0.4).max(60.0))
            .show(ui, |ui| panels::findings_ui(ui, self));
        egui::CentralPanel::default().show(ui, |ui| self.canvas_ui(ui, revision));

        self.autosave_tick(std::time::Instant::now());
        if self.doc.is_dirty() && self.autosave.is_some() {
            // Wake up for the next copy even when nothing else happens.
            ctx.request_repaint_after(crate::recovery::INTERVAL);
        }
        self.rename_ui(&ctx);
        self.builtin_dialog_ui(&ctx);
        self.dialog_ui(&ctx);
        self.run_commands(&ctx);
        self.end_gesture(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn canvas_ui(&mut self, ui: &mut egui::Ui, revision: u64) {
        let geometry = self.doc.geometry();
        self.canvas.sync(
            revision,
            &geometry,
            (&self.selection.systems, &self.selection.links),
        );
        let actions = self.canvas.ui(ui, self.connect_mode);
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
        panels::zoom_ui(ui, self.canvas.rect, self.canvas.zoom(), &mut self.queue);
        for a in actions {
            self.canvas_action(a);
        }
        if let Some((id, _)) = &self.renaming {
            self.rename_rect = self.canvas.system_screen_rect(ui, *id);
        }
        self.view_center = self.canvas.visible_center(ui);
    }

    fn canvas_action(&mut self, action: CanvasAction) {
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
            CanvasAction::Moved(moves) => {
                let edit = Edit::move_systems(self.doc.design(), &moves);
                self.queue.push(Command::Edit(edit));
            }
            CanvasAction::Connect { from, to } => {
                self.selection.systems = vec![from, to];
                self.queue.push(Command::Connect);
            }
            CanvasAction::Place { kind, at } => self.queue.push(Command::AddSystemAt(kind, at)),
            CanvasAction::Rename(id) => self.queue.push(Command::StartRename(id)),
        }
    }

    /// Adds a system and selects it; called while commands run, after the frame.
    fn add_system(&mut self, kind: SystemKind, at: Pos) {
        // The nearest spot where the new box covers no box, link or label, so it never
        // looks connected to something it is not.
        let at = self.doc.geometry().free_spot(at);
        let design = self.doc.design();
        let id = design.next_system_id();
        let number = design.systems.iter().filter(|s| s.kind == kind).count() + 1;
        let mut system = System::new(id, format!("{} {number}", kind.label()), kind);
        system.position = Some(at);
        self.doc.apply(Edit::add_system(system));
        self.selection.clear();
        self.selection.systems.push(id);
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = |m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        if pressed(Modifiers::COMMAND, Key::N) {
            self.queue.push(Command::New);
        }
        if pressed(Modifiers::COMMAND, Key::O) {
            self.queue.push(Command::Open);
        }
        if pressed(cmd_shift, Key::S) {
            self.queue.push(Command::SaveAs);
        } else if pressed(Modifiers::COMMAND, Key::S) {
            self.queue.push(Command::Save);
        }
        if typing {
            return;
        }
        if pressed(cmd_shift, Key::Z) || pressed(Modifiers::COMMAND, Key::Y) {
            self.queue.push(Command::Redo);
        } else if pressed(Modifiers::COMMAND, Key::Z) {
            self.queue.push(Command::Undo);
        }
        if pressed(Modifiers::COMMAND, Key::D) {
            self.queue.push(Command::Duplicate);
        }
        if pressed(Modifiers::NONE, Key::Delete) || pressed(Modifiers::NONE, Key::Backspace) {
            self.queue.push(Command::Delete);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped
            .into_iter()
            .map(|f| f.path().to_path_buf())
            .find(|p| p.to_string_lossy().ends_with(crate::model::file::EXTENSION))
        {
            self.queue.push(Command::OpenPath(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved {
                then: Box::new(Command::Quit),
            });
        }
    }

    /// Ends a merged edit when the widget that made it is no longer in use.
    fn end_gesture(&mut self, ctx: &egui::Context) {
        let busy = ctx.memory(|m| m.focused().is_some()) || ctx.input(|i| i.pointer.any_down());
        if !busy {
            self.doc.end_gesture();
        }
    }

    fn rename_ui(&mut self, ctx: &egui::Context) {
        let (Some((id, mut name)), Some(rect)) = (self.renaming.take(), self.rename_rect) else {
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
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    keep = false;
                } else if edit.lost_focus() || ui.input(|i| i.key_pressed(Key::Enter)) {
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
            self.renaming = Some((id, name));
        }
    }
}

/// The largest 2D texture every wgpu device supports (its default limit).
const SAFE_TEXTURE_SIZE: u32 = 8192;

/// The largest window, in points, whose surface fits in a texture of `max_texture`
/// pixels at `pixels_per_point`.
pub fn max_window_points(max_texture: u32, pixels_per_point: f32) -> egui::Vec2 {
    let side = (max_texture as f32 / pixels_per_point.max(0.1)).floor();
    egui::vec2(side, side)
}

/// Opens the window on `file`, or on the built-in retail design when there is none.
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            // Until the device is known: the texture size every wgpu device supports.
            .with_max_inner_size(max_window_points(SAFE_TEXTURE_SIZE, 1.0))
            .with_title("Patchbay")
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Patchbay",
        options,
        Box::new(move |cc| {
            // A window larger than the largest texture the graphics device can draw
            // crashes wgpu (and loses the work): never let it grow past that.
            if let Some(render) = &cc.wgpu_render_state {
                let max = render.device.limits().max_texture_dimension_2d;
                let size = max_window_points(max, cc.egui_ctx.pixels_per_point());
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::MaxInnerSize(size));
            }
            let mut app = PatchbayApp::with_default_design(Box::new(RfdDialogs::new()));
            if let Some(dir) = crate::recovery::Autosave::default_dir() {
                app = app.with_autosave(crate::recovery::Autosave::new(dir));
            }
            if let Some(recent) = cc.storage.and_then(|s| s.get_string(RECENT_KEY)) {
                app.recent = recent
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect();
            }
            if let Some(path) = file {
                // A bad file leaves the built-in design open with its problems shown.
                app.open_path(&path);
            }
            Ok(Box::new(app))
        }),
    )
}

impl eframe::App for PatchbayApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self) {
        self.leave();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent: Vec<String> = self
            .recent
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        storage.set_string(RECENT_KEY, recent.join("\n"));
    }
}
