//! Commands: files (through a dialog trait, so tests never open a real dialog),
//! edits, undo, and the questions asked before unsaved work is dropped.

use super::{Command, Dialog, Document, PatchbayApp, Selection};
use crate::model::edit::Edit;
use crate::model::{self, Design, Link, Pos};
use crate::samples;
use std::path::{Path, PathBuf};

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Picked {
    /// The user chose this file.
    Path(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown: the app shows its own, in the window.
    Unavailable,
}

/// Asks the user for files. The window uses [`RfdDialogs`]; tests script their own.
pub trait FileDialogs {
    /// A design file to open.
    fn open(&mut self) -> Picked;
    /// Where to save, starting from `suggested` as the file name.
    fn save(&mut self, suggested: &str) -> Picked;
}

/// The desktop's own file dialogs, through rfd (xdg portal on Linux, or zenity).
///
/// Where neither runs, rfd returns at once with nothing, exactly as if the user had
/// cancelled. Nobody cancels a dialog within a fraction of a second, so an empty answer
/// that quick means there was no dialog, and from then on the window uses its own.
/// `PATCHBAY_FILE_DIALOG=builtin` chooses the window's own dialog from the start.
pub struct RfdDialogs {
    unavailable: bool,
}

/// An empty answer quicker than this was no dialog at all.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(400);

impl RfdDialogs {
    /// The desktop's dialogs, or the built-in one when the environment asks for it.
    pub fn new() -> Self {
        Self {
            unavailable: std::env::var_os("PATCHBAY_FILE_DIALOG").is_some_and(|v| v == "builtin"),
        }
    }

    fn ask(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let started = std::time::Instant::now();
        match dialog() {
            Some(path) => Picked::Path(path),
            None if started.elapsed() < NO_DIALOG => {
                self.unavailable = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

impl Default for RfdDialogs {
    fn default() -> Self {
        Self::new()
    }
}

impl FileDialogs for RfdDialogs {
    fn open(&mut self) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .add_filter("Patchbay design", &["ron"])
                .pick_file()
        })
    }

    fn save(&mut self, suggested: &str) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .add_filter("Patchbay design", &["ron"])
                .set_file_name(suggested)
                .save_file()
        })
    }
}

/// What the window's own file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Purpose {
    /// Open a design.
    Open,
    /// Save the design.
    Save,
    /// Export the design in this format.
    Export(crate::report::export::ExportFormat),
}

/// The window's own file dialog, for desktops without a dialog service.
pub struct BuiltinDialog {
    dialog: egui_file_dialog::FileDialog,
    /// What the chosen file is for.
    pub purpose: Purpose,
}

impl BuiltinDialog {
    fn new(purpose: Purpose, dir: PathBuf, suggested: &str) -> Self {
        let title = match purpose {
            Purpose::Open => "Open a design".to_owned(),
            Purpose::Save => "Save the design as".to_owned(),
            Purpose::Export(f) => format!("Export as {}", f.label()),
        };
        let mut dialog = egui_file_dialog::FileDialog::new()
            .id("patchbay-file-dialog")
            .title(&title)
            .initial_directory(dir)
            .default_file_name(suggested)
            .default_size([720.0, 460.0]);
        match purpose {
            Purpose::Open => {
                dialog = dialog
                    .add_file_filter_extensions("Patchbay design", vec!["ron"])
                    .default_file_filter("Patchbay design");
                dialog.pick_file();
            }
            Purpose::Save | Purpose::Export(_) => dialog.save_file(),
        }
        Self { dialog, purpose }
    }

    /// Shows the dialog; the chosen file once it is chosen, `Some(None)` when the user
    /// closed it without choosing.
    fn update(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        self.dialog.update(ctx);
        match self.dialog.state() {
            egui_file_dialog::DialogState::Open => None,
            egui_file_dialog::DialogState::Picked(_) => Some(self.dialog.take_picked()),
            _ => Some(None),
        }
    }
}

/// Commands that throw the current design away, and so ask first when it has changes.
fn discards(c: &Command) -> bool {
    matches!(
        c,
        Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::OpenSample(_)
            | Command::Quit
    )
}

impl PatchbayApp {
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        for c in std::mem::take(&mut self.queue) {
            if discards(&c) && self.doc.is_dirty() {
                self.dialog = Some(Dialog::Unsaved { then: Box::new(c) });
                continue;
            }
            self.run(ctx, c);
        }
    }

    /// Runs a command now, without asking about unsaved changes.
    fn run(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::New => self.replace(Document::unsaved(
                Design {
                    name: "Untitled design".into(),
                    ..Design::default()
                },
                "Untitled",
            )),
            Command::Open => match self.dialogs.open() {
                Picked::Path(path) => self.open_path(&path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.builtin_dialog(Purpose::Open, ""),
            },
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenSample(i) => {
                if let Some(sample) = samples::ALL.get(i) {
                    match model::parse(sample.text) {
                        Ok(design) => self.replace(
                            Document::unsaved(design, sample.title)
                                .with_header(model::leading_comments(sample.text)),
                        ),
                        Err(p) => {
                            self.dialog = Some(Dialog::Error(format!(
                                "the sample {} is broken: {p:?}",
                                sample.file_name
                            )))
                        }
                    }
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(path),
                None => self.run(ctx, Command::SaveAs),
            },
            Command::SaveAs => {
                let suggested = format!(
                    "{}.{}",
                    file_stem(&self.doc.design().name),
                    model::file::EXTENSION
                );
                match self.dialogs.save(&suggested) {
                    Picked::Path(path) => self.save_to(path),
                    Picked::Cancelled => self.after_save = None,
                    Picked::Unavailable => self.builtin_dialog(Purpose::Save, &suggested),
                }
            }
            Command::SaveTo(path) => self.save_to(path),
            Command::Export(format) => {
                let suggested = format!(
                    "{}.{}",
                    file_stem(&self.doc.design().name),
                    format.extension()
                );
                match self.dialogs.save(&suggested) {
                    Picked::Path(path) => self.export_to(format, &path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.builtin_dialog(Purpose::Export(format), &suggested),
                }
            }
            Command::Edit(edit) => self.doc.apply(edit),
            Command::EditMerged(edit) => self.doc.apply_merged(edit),
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::AddSystem(kind) => self.add_system(kind, self.view_center),
            Command::AddSystemAt(kind, at) => self.add_system(kind, at),
            Command::Delete => {
                if !self.selection.systems.is_empty() || !self.selection.links.is_empty() {
                    let edit = Edit::delete(
                        self.doc.design(),
                        &self.selection.systems,
                        &self.selection.links,
                    );
                    self.doc.apply(edit);
                    self.selection.clear();
                }
            }
            Command::Duplicate => self.duplicate(),
            Command::Connect => self.connect(),
            Command::ConnectTo(from, to) => {
                self.selection = Selection {
                    systems: vec![from, to],
                    links: vec![],
                };
                self.connect();
            }
            Command::Reverse(id) => {
                if let Some(l) = self.doc.design().link(id) {
                    let mut l = l.clone();
                    std::mem::swap(&mut l.from, &mut l.to);
                    self.doc.apply(Edit::set_link("Reverse link", l));
                }
            }
            Command::AutoLayout => {
                let moves = crate::geometry::auto_layout(self.doc.design());
                let mut edit = Edit::move_systems(self.doc.design(), &moves);
                edit.label = "Auto-layout".into();
                self.doc.apply(edit);
                self.canvas.fit();
            }
            Command::Fit => self.canvas.fit(),
            Command::Zoom(z) => self.canvas.zoom_to(z),
            Command::StartRename(id) => {
                if let Some(s) = self.doc.design().system(id) {
                    self.renaming = Some((id, s.name.clone()));
                    self.selection = Selection {
                        systems: vec![id],
                        links: vec![],
                    };
                }
            }
            Command::SelectSystem(id) => {
                self.selection = Selection {
                    systems: vec![id],
                    links: vec![],
                };
            }
            Command::SelectLink(id) => {
                self.selection = Selection {
                    systems: vec![],
                    links: vec![id],
                };
            }
            Command::Reveal(subject) => self.reveal(subject),
            Command::ResetLayout => {
                ctx.data_mut(|d| {
                    for id in [super::PALETTE, super::INSPECTOR, super::FINDINGS] {
                        d.remove::<egui::containers::panel::PanelState>(egui::Id::new(id));
                    }
                });
                self.canvas.fit();
            }
            Command::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.selection.clear();
        self.renaming = None;
        self.canvas.fit();
    }

    /// Opens a file; a bad one is reported and the current design stays as it is.
    pub fn open_path(&mut self, path: &Path) {
        match model::load_with_header(path) {
            Ok((design, header)) => {
                self.replace(Document::from_file(design, path.to_owned()).with_header(header));
                self.status = format!("Opened {}", path.display());
                self.remember(path);
            }
            Err(model::LoadError::Invalid { file, problems }) => {
                self.dialog = Some(Dialog::Problems {
                    file: file.clone(),
                    problems: problems
                        .iter()
                        .map(|p| p.display_in(&file).to_string())
                        .collect(),
                });
            }
            Err(e) => self.dialog = Some(Dialog::Error(e.to_string())),
        }
    }

    /// Exports the design through the same path as `patchbay export`.
    pub fn export_to(&mut self, format: crate::report::export::ExportFormat, path: &Path) {
        let analysis = self.doc.analysis();
        let result = crate::report::export::export(self.doc.design(), analysis, format, 2.0)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                model::file::write_atomic(path, |w| w.write_all(&bytes))
                    .map_err(|e| format!("could not write {}: {e}", path.display()))
            });
        match result {
            Ok(()) => self.status = format!("Exported {} to {}", format.label(), path.display()),
            Err(message) => {
                self.status = format!("Nothing exported: {message}");
                self.dialog = Some(Dialog::Error(message));
            }
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        match self.doc.save_to(path.clone()) {
            Ok(()) => {
                self.status = format!("Saved to {}", path.display());
                self.remember(&path);
                if let Some(next) = self.after_save.take() {
                    self.queue.push(next);
                }
            }
            Err(e) => {
                self.after_save = None;
                self.status = format!("Not saved: {e}");
                self.dialog = Some(Dialog::Error(format!("The design was not saved: {e}")));
            }
        }
    }

    /// Where file dialogs start: the folder of the open file, else the one set for the
    /// app, else the working directory.
    fn dialog_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| self.files_dir.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn builtin_dialog(&mut self, purpose: Purpose, suggested: &str) {
        self.builtin = Some(BuiltinDialog::new(purpose, self.dialog_dir(), suggested));
    }

    /// Shows the window's own file dialog while one is open, and acts on its answer.
    pub(super) fn builtin_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.builtin else {
            return;
        };
        let Some(answer) = dialog.update(ctx) else {
            return;
        };
        let purpose = dialog.purpose;
        self.builtin = None;
        match (answer, purpose) {
            // Unsaved changes were asked about before the dialog opened.
            (Some(path), Purpose::Open) => self.open_path(&path),
            (Some(path), Purpose::Save) => self.save_to(path),
            (Some(path), Purpose::Export(format)) => self.export_to(format, &path),
            (None, Purpose::Save) => {
                self.after_save = None;
                self.status = "Not saved: no file was chosen".into();
            }
            (None, _) => {}
        }
    }

    /// Opens a recovered copy: the file it belongs to as it is on disk (or an empty
    /// design), then the copy as one undoable step. The copy's own file goes once this
    /// window keeps a copy of its own.
    fn recover(&mut self, copy: &crate::recovery::Recovered) {
        let base = copy
            .about
            .path
            .as_deref()
            .and_then(|p| Some((p, model::load_with_header(p).ok()?)));
        let mut doc = match base {
            Some((path, (design, header))) => {
                Document::from_file(design, path.to_owned()).with_header(header)
            }
            None => Document::unsaved(
                Design {
                    name: copy.design.name.clone(),
                    ..Design::default()
                },
                copy.about.title.clone(),
            ),
        };
        doc.recover(&copy.design);
        self.replace(doc);
        // Keep a copy of this window's own at once, then drop the old one.
        self.autosaved = None;
        self.autosave_tick(std::time::Instant::now());
        crate::recovery::discard(&copy.file);
        self.status = "Recovered unsaved changes: Edit > Undo goes back to the file".into();
    }

    fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(super::RECENT_MAX);
    }

    fn duplicate(&mut self) {
        let design = self.doc.design();
        let mut next_system = design.next_system_id();
        let mut next_link = design.next_link_id();
        let mut edit = Edit::new("Duplicate");
        let mut copies = Vec::new();
        for &id in &self.selection.systems {
            let Some(s) = design.system(id) else { continue };
            let mut copy = s.clone();
            copy.id = next_system;
            next_system.0 += 1;
            copy.name = format!("{} copy", s.name);
            let p = s.position.unwrap_or_default();
            copy.position = Some(Pos {
                x: p.x + 40.0,
                y: p.y + 40.0,
            });
            copies.push((id, copy.id));
            edit.systems.push((copy.id, Some(copy)));
        }
        let new_of = |id| {
            copies
                .iter()
                .find(|(old, _)| *old == id)
                .map(|(_, new)| *new)
        };
        for l in &design.links {
            if let (Some(from), Some(to)) = (new_of(l.from), new_of(l.to)) {
                let copy = Link {
                    id: next_link,
                    from,
                    to,
                    ..l.clone()
                };
                next_link.0 += 1;
                edit.links.push((copy.id, Some(copy)));
            }
        }
        self.selection = Selection {
            systems: copies.iter().map(|(_, n)| *n).collect(),
            links: vec![],
        };
        self.doc.apply(edit);
    }

    fn connect(&mut self) {
        let [from, to] = self.selection.systems[..] else {
            self.dialog = Some(Dialog::Error(
                "Select exactly two systems to connect: the one that starts the exchange first."
                    .into(),
            ));
            return;
        };
        let id = self.doc.design().next_link_id();
        self.doc
            .apply(Edit::set_link("Connect", Link::new(id, from, to)));
        self.selection = Selection {
            systems: vec![],
            links: vec![id],
        };
    }

    fn reveal(&mut self, subject: crate::analysis::Subject) {
        use crate::analysis::Subject;
        let design = self.doc.design();
        let at = match subject {
            Subject::System(id) => {
                self.selection = Selection {
                    systems: vec![id],
                    links: vec![],
                };
                design.system(id).and_then(|s| s.position)
            }
            Subject::Link(id) => {
                self.selection = Selection {
                    systems: vec![],
                    links: vec![id],
                };
                design.link(id).and_then(|l| {
                    let (a, b) = (
                        design.system(l.from)?.position?,
                        design.system(l.to)?.position?,
                    );
                    Some(Pos {
                        x: (a.x + b.x) / 2.0,
                        y: (a.y + b.y) / 2.0,
                    })
                })
            }
            Subject::Design => {
                self.selection.clear();
                None
            }
        };
        match at {
            Some(p) => self.canvas.reveal(p),
            None => self.canvas.fit(),
        }
    }

    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let mut close = false;
        let mut then: Option<Command> = None;
        // Escape answers every prompt as its safe choice: Cancel, or Close.
        let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if escape {
            close = true;
        }
        egui::Modal::new(egui::Id::new("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Unsaved { then: next } => {
                    ui.heading("Unsaved changes");
                    ui.label(format!(
                        "\"{}\" has changes that are not saved. {}",
                        self.doc.title,
                        match &**next {
                            Command::Quit => "Patchbay is about to close.",
                            Command::New => "A new design is about to replace it.",
                            _ => "Another design is about to replace it.",
                        }
                    ));
                    ui.label(
                        egui::RichText::new(
                            "Save writes it to its file first (asking where if it has none), \
                             then goes on. Discard goes on and loses the changes. Cancel \
                             (or Escape) goes back to the design as it is.",
                        )
                        .small(),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            // What was asked for runs once the save has succeeded,
                            // also when the file is chosen in the window's own dialog.
                            self.after_save = Some((**next).clone());
                            self.run(ctx, Command::Save);
                            close = true;
                        }
                        if ui.button("Discard changes").clicked() {
                            // Losing them is what was asked: no recovery copy either.
                            if let Some(autosave) = &self.autosave {
                                autosave.clear();
                            }
                            self.autosaved = None;
                            self.discarding = matches!(**next, Command::Quit);
                            then = Some((**next).clone());
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Problems { file, problems } => {
                    ui.heading("This file cannot be opened");
                    ui.label(format!(
                        "{file} has {} problem{}. Your current design is unchanged; fix \
                         the file at the places below and open it again.",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ));
                    egui::ScrollArea::vertical()
                        .max_height(300.0)
                        .show(ui, |ui| {
                            for p in problems {
                                ui.monospace(p);
                            }
                        });
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
                Dialog::Recover(copy) => {
                    ui.heading("Recover unsaved changes?");
                    ui.label(format!(
                        "Patchbay closed without saving {}.",
                        copy.describe(std::time::SystemTime::now())
                    ));
                    ui.label(
                        egui::RichText::new(
                            "Recover opens them as one step you can undo; nothing is \
                             written to your file until you save. Discard deletes the copy \
                             for good. Later (or Escape) keeps it for the next start.",
                        )
                        .small(),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Recover").clicked() {
                            self.recover(copy);
                            close = true;
                        }
                        if ui.button("Discard").clicked() {
                            crate::recovery::discard(&copy.file);
                            self.status = "Discarded the recovery copy".into();
                            close = true;
                        }
                        if ui.button("Later").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Error(message) => {
                    ui.heading("Something went wrong");
                    ui.label(message);
                    ui.label(
                        egui::RichText::new(
                            "Your design is unchanged. Close (or Escape) goes back to it.",
                        )
                        .small(),
                    );
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
            }
        });
        if close {
            self.dialog = None;
        }
        if let Some(c) = then {
            self.run(ctx, c);
        }
    }
}

/// A file name from a design name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "design".into()
    } else {
        stem
    }
}
