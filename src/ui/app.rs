//! The window's state and its frame: panels around the canvas, shortcuts, the
//! in-place rename, and the glue between the canvas and the document.

use super::canvas::Canvas;
use super::command::{Command, FindingKey, Purpose, Selection};
use super::dialogs::Dialog;
use super::files::{BuiltinDialog, FileDialogs};
use super::{inspector, panels};
use crate::document::Document;
use crate::model::{Pos, SystemId};
use crate::samples;
use std::path::PathBuf;

/// The Patchbay window.
pub struct PatchbayApp {
    /// The open design.
    pub doc: Document,
    /// What is selected.
    pub selection: Selection,
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// What the last file operation did, shown in the status line.
    pub status: String,
    /// The status as last seen, and the revision it was set at.
    pub(super) status_shown: (String, u64),
    /// The sizes the user dragged the panels to.
    pub(super) panels: super::panel_sizes::PanelSizes,
    /// Files: recent ones, dialogs, a background open.
    pub files: Files,
    /// The copy of unsaved changes.
    pub(super) autosave: Autosaving,
    pub(super) canvas: Canvas,
    /// What the canvas is in the middle of.
    pub(super) on_canvas: OnCanvas,
    pub(super) queue: Vec<Command>,
    pub(super) quitting: bool,
    pub(super) shown_title: String,
    pub(super) learn: super::learn::Learn,
    /// What the panels and the canvas show besides the design.
    pub shown: Shown,
    /// The design the open one is compared with (File > Compare with…).
    pub compare: Option<super::compare::Comparison>,
    /// Repaints the window when work done off its thread has a result; set on the
    /// first frame, when the window's context exists.
    pub(super) waker: crate::job::Waker,
    /// Light, dark, or the desktop's preference (View > Theme), remembered between
    /// sessions.
    pub(super) theme: egui::ThemePreference,
    /// Presentation mode (View > Present, F5), where it is.
    pub(super) presenting: Option<super::present::Presenting>,
    /// What the canvas's items are called aloud, for the revision (and hidden advice)
    /// they were named for.
    pub(super) spoken: Option<((u64, bool), super::canvas::access::Spoken)>,
}

/// The window's files: where dialogs start, the dialogs themselves, what waits for a
/// save, and a design being opened on another thread.
pub struct Files {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Where file dialogs start when the design has no file yet.
    pub dir: Option<PathBuf>,
    pub(super) dialogs: Box<dyn FileDialogs>,
    /// The window's own file dialog, where the desktop has none.
    pub(super) builtin: Option<BuiltinDialog>,
    /// What to do once the design is saved (open another, quit).
    pub(super) after_save: Option<Command>,
    /// A file being opened on another thread.
    pub(super) opening: Option<super::files::Opening>,
    /// A design that finished opening while the open one was being edited: it waits
    /// for the answer to "Unsaved changes" (see `Command::TakeOpened`).
    pub(super) opened_waiting: Option<(PathBuf, Document)>,
}

/// Where unsaved changes are copied, and when.
#[derive(Default)]
pub(super) struct Autosaving {
    /// Where unsaved changes are copied, if anywhere.
    pub(super) copy: Option<crate::recovery::Autosave>,
    /// When the last copy was written, and the design's revision it holds, if this
    /// window has one.
    pub(super) at: Option<(web_time::Instant, u64)>,
    /// The user chose to lose the changes: nothing is copied on the way out.
    pub(super) discarding: bool,
}

/// What the canvas is in the middle of: drawing a link, renaming a system in place.
#[derive(Default)]
pub(super) struct OnCanvas {
    pub(super) connect_mode: bool,
    /// The system being renamed and the name typed so far.
    pub(super) renaming: Option<(SystemId, String)>,
    /// Where the rename box was drawn.
    pub(super) rename_rect: Option<egui::Rect>,
    /// The middle of the view, in design units, where new systems go.
    pub(super) view_center: Pos,
}

/// What is shown besides the design: a finding's details, a flow, the Flows section.
#[derive(Default)]
pub struct Shown {
    /// The finding whose details the findings panel shows.
    pub finding: Option<FindingKey>,
    /// The flow shown on the canvas.
    pub flow: Option<u32>,
    /// The Flows section of the side panel is open.
    pub flows_open: bool,
    /// Help > Keyboard is open.
    pub keyboard_help: bool,
}

pub(super) const RECENT_KEY: &str = "patchbay.recent";
pub(super) const PALETTE: &str = "palette";
pub(super) const INSPECTOR: &str = "inspector";
pub(super) const FINDINGS: &str = "findings";
pub(super) const EXERCISE: &str = "exercise";
pub(super) const RECENT_MAX: usize = 8;

impl PatchbayApp {
    /// An app showing `doc`, asking for files through `dialogs`.
    pub fn new(doc: Document, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut canvas = Canvas::default();
        canvas.fit();
        Self {
            doc,
            selection: Selection::default(),
            dialog: None,
            status: String::new(),
            status_shown: (String::new(), 0),
            panels: super::panel_sizes::PanelSizes::default(),
            files: Files {
                recent: Vec::new(),
                dir: None,
                dialogs,
                builtin: None,
                after_save: None,
                opening: None,
                opened_waiting: None,
            },
            autosave: Autosaving::default(),
            canvas,
            on_canvas: OnCanvas::default(),
            queue: Vec::new(),
            quitting: false,
            shown_title: String::new(),
            learn: super::learn::Learn::default(),
            shown: Shown::default(),
            compare: None,
            waker: crate::job::Waker::default(),
            theme: egui::ThemePreference::System,
            presenting: None,
            spoken: None,
        }
    }

    /// The built-in retail design, as the app opens with no file.
    pub fn with_default_design(dialogs: Box<dyn FileDialogs>) -> Self {
        let design = crate::model::parse(samples::DEFAULT.text).unwrap_or_default();
        let doc = Document::unsaved(design, samples::DEFAULT.title)
            .with_header(crate::model::leading_comments(samples::DEFAULT.text));
        Self::new(doc, dialogs)
    }

    /// Keeps exercise progress in `path` between runs (the window passes the data
    /// folder's file; tests pass a temporary one or none).
    pub fn with_progress(mut self, path: Option<PathBuf>) -> Self {
        let (learn, problem) = super::learn::Learn::with_progress(path);
        self.learn = learn;
        if let Some(problem) = problem {
            self.status = format!("Exercise progress could not be read: {problem}");
        }
        self
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
        self.files.builtin.as_ref().map(|d| d.purpose)
    }

    /// The concept card open, if any.
    pub fn learn_concept(&self) -> Option<&'static str> {
        self.learn.concept
    }

    /// The canvas's zoom level in the last frame, 1.0 at actual size.
    pub fn zoom(&self) -> f32 {
        self.canvas.zoom()
    }

    /// The flow step the presentation shows, if it shows one.
    fn presented_step(&self) -> Option<usize> {
        match self.presenting.as_ref()?.current() {
            Some(super::present::Slide::Step { step, .. }) => Some(step),
            _ => None,
        }
    }

    /// Presenting: the slide shown (`Some(None)` before the first arrow key);
    /// `None` when not presenting.
    pub fn presenting(&self) -> Option<Option<usize>> {
        self.presenting.as_ref().map(|p| p.at)
    }

    /// The window title: file name, and a marker for unsaved changes.
    pub fn title(&self) -> String {
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        format!("{}{dirty} — Patchbay", self.doc.title)
    }

    /// The menu, the status line and the side panels; what the user did in them is
    /// queued.
    fn panels_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let doc = &self.doc;
        let mut commands = egui::Panel::top("menu")
            .show(ui, |ui| {
                panels::menu_ui(
                    ui,
                    doc,
                    &self.files.recent,
                    self.on_canvas.connect_mode,
                    &self.learn.progress,
                )
            })
            .inner;
        egui::Panel::bottom("status").show(ui, |ui| panels::status_ui(ui, doc, &self.status));
        commands.extend(self.side_panels(ui, ctx));
        commands.extend(super::keyboard_help::window(ctx, self.shown.keyboard_help));
        self.queue.extend(commands);
    }

    /// Draws one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.waker.is_none() {
            let repaint = ctx.clone();
            self.waker = crate::job::Waker::new(move || repaint.request_repaint());
            self.doc.set_waker(self.waker.clone());
            self.canvas.set_waker(self.waker.clone());
            // The key table's zoom keys replace egui's own, so Help > Keyboard lists
            // them and they are handled once.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.handle_escape(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.poll_opening(&ctx);
        // The drawing thread wakes the window when it has something.
        self.doc.poll_background();

        if let Some(problem) = self.learn.refresh(&self.doc) {
            self.status = problem;
        }
        self.age_status();
        self.selection
            .systems
            .retain(|id| self.doc.design().system(*id).is_some());
        self.selection
            .links
            .retain(|id| self.doc.design().link(*id).is_some());

        // Panels see the document and the selection, never the app; what the user
        // did comes back as commands, run after the frame.
        // Presenting, the canvas is all there is.
        match &mut self.presenting {
            None => self.panels_ui(ui, &ctx),
            Some(p) => p.refresh(self.doc.revision(), self.doc.design(), self.doc.analysis()),
        }
        if let Some(c) = &mut self.compare {
            c.refresh(&self.doc);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.canvas_ui(ui, self.doc.drawn());
            let geometry = self.doc.geometry();
            if let Some(c) = &self.compare {
                super::compare::overlay(ui, c, &self.canvas, &geometry);
            }
            let current = self.presented_step();
            super::flows::overlay(ui, &self.doc, &self.canvas, self.shown.flow, current);
            if let Some(p) = &self.presenting {
                self.caption_ui(ui, p);
            }
        });

        self.autosave_tick(web_time::Instant::now());
        let copied = self.autosave.at.map(|(_, revision)| revision);
        if self.doc.is_dirty()
            && self.autosave.copy.is_some()
            && copied != Some(self.doc.revision())
        {
            // Wake up for the next copy even when nothing else happens.
            ctx.request_repaint_after(crate::recovery::INTERVAL);
        }
        self.rename_ui(&ctx);
        let learned = [
            super::learn::concept_window(&ctx, &mut self.learn),
            super::learn::bus_window(&ctx, &mut self.learn, &self.doc),
        ];
        self.queue.extend(learned.into_iter().flatten());
        if let Some(c) = &self.compare {
            let changes = super::compare::changes_window(&ctx, c);
            self.queue.extend(changes);
        }
        if let Some(dialog) = &mut self.files.builtin {
            if let Some(answer) = dialog.update(&ctx) {
                self.queue.push(Command::Chosen(dialog.purpose, answer));
                self.files.builtin = None;
            }
        }
        let answered = super::dialogs::dialog_ui(&ctx, &mut self.dialog, &self.doc);
        self.queue.extend(answered);
        self.run_commands(&ctx);
        self.end_gesture(&ctx);
        let title = self.title();
        if title != self.shown_title {
            // A page's title is its tab's: eframe's web backend does not set it.
            #[cfg(target_arch = "wasm32")]
            if let Some(page) = web_sys::window().and_then(|w| w.document()) {
                page.set_title(&title);
            }
            #[cfg(not(target_arch = "wasm32"))]
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// The palette, the exercise, the inspector and the findings around the canvas:
    /// bounded, so that however they were dragged (or restored) the canvas keeps at
    /// least half the window. View > Reset layout puts them back.
    fn side_panels(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) -> Vec<Command> {
        let (doc, selection) = (&self.doc, &self.selection);
        let mut commands = Vec::new();
        let width = ui.available_width();
        let height = ui.available_height();
        let range = 190.0..=(width * 0.25).max(190.0);
        let size = self
            .panels
            .before(ctx, PALETTE, 200.0, range.clone(), false);
        commands.extend(
            egui::Panel::left(PALETTE)
                .default_size(size)
                .size_range(range)
                .show(ui, |ui| {
                    panels::palette_ui(ui, doc, selection, (self.shown.flow, self.shown.flows_open))
                })
                .inner,
        );
        self.panels.after(ctx, PALETTE, false);
        if self.learn.exercise.is_some() {
            let range = 260.0..=(width * 0.3).max(260.0);
            let size = self
                .panels
                .before(ctx, EXERCISE, 300.0, range.clone(), false);
            commands.extend(
                egui::Panel::left(EXERCISE)
                    .default_size(size)
                    .size_range(range)
                    .show(ui, |ui| super::learn::exercise_ui(ui, &mut self.learn))
                    .inner,
            );
            self.panels.after(ctx, EXERCISE, false);
        }
        let range = 330.0..=(width * 0.35).max(330.0);
        let size = self
            .panels
            .before(ctx, INSPECTOR, 340.0, range.clone(), false);
        commands.extend(
            egui::Panel::right(INSPECTOR)
                .default_size(size)
                .size_range(range)
                .show(ui, |ui| {
                    inspector::inspector_ui(ui, doc, selection, self.learn.hidden())
                })
                .inner,
        );
        self.panels.after(ctx, INSPECTOR, false);
        let range = 60.0..=(height * 0.4).max(60.0);
        let size = self
            .panels
            .before(ctx, FINDINGS, 150.0, range.clone(), true);
        commands.extend(
            egui::Panel::bottom(FINDINGS)
                .default_size(size)
                .size_range(range)
                .show(ui, |ui| {
                    super::findings::findings_ui(ui, doc, self.learn.hidden(), self.shown.finding)
                })
                .inner,
        );
        self.panels.after(ctx, FINDINGS, true);
        commands
    }
}
