//! Files: the desktop's dialogs behind a trait (so tests never open a real one), the
//! window's own dialog where the desktop has none, and opening, saving, exporting and
//! recovering designs.

use super::app::PatchbayApp;
use super::commands::Command;
use super::dialogs::Dialog;
use crate::document::Document;
use crate::job::{Job, Outbox, Polled};
use crate::model::{self, Design};
use std::path::{Path, PathBuf};

/// Files larger than this open on another thread, with progress and Cancel; about a
/// thousand systems, which take a few hundred milliseconds to analyse and draw.
pub const BACKGROUND_OPEN_BYTES: u64 = 512 * 1024;

/// What a background open is doing, for its progress window.
const STAGES: [&str; 2] = ["Reading and checking the file", "Analysing and drawing"];

/// A design being read, analysed and drawn on another thread.
pub(super) struct Opening {
    started: std::time::Instant,
    /// The open design's revision when this began: an edit since is not thrown away
    /// unasked.
    from_revision: u64,
    /// Index into [`STAGES`], moved on as the work reports.
    stage: usize,
    /// The work, keyed by the file.
    job: Job<PathBuf, Loading>,
}

/// What a background open reports.
enum Loading {
    /// The file was read and checked; analysing and drawing it comes next.
    Checked,
    /// Everything opening it takes is done, or it failed.
    Done(Box<Result<Document, model::LoadError>>),
}

/// Reads, validates, analyses and draws a design file: everything opening it takes.
/// `progress` hears when the file has been read and checked.
fn load_document(
    path: &Path,
    progress: Option<&Outbox<Loading>>,
) -> Result<Document, model::LoadError> {
    let (design, header) = model::load_with_header(path)?;
    if let Some(out) = progress {
        out.send(Loading::Checked);
    }
    Ok(Document::from_file(design, path.to_owned()).with_header(header))
}

/// The progress of a background open; true when the user pressed Cancel.
fn opening_window(ctx: &egui::Context, o: &Opening) -> bool {
    let mut cancel = false;
    let path = o.job.key();
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    egui::Window::new("Opening")
        .id(egui::Id::new("opening"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(egui::RichText::new(&name).strong());
            });
            let stage = STAGES.get(o.stage).unwrap_or(&STAGES[1]);
            ui.label(format!(
                "{stage}… {:.0} s",
                o.started.elapsed().as_secs_f32().floor()
            ));
            ui.label("The open design stays as it is until this one is ready.");
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    cancel
}

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

    pub(super) fn ask(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
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
    Export(crate::export::ExportFormat),
    /// Pick a design to compare the open one with.
    Compare,
    /// Save the comparison as one HTML page.
    ExportComparison,
    /// Import another tool's file.
    Import,
}

/// The window's own file dialog, for desktops without a dialog service.
pub struct BuiltinDialog {
    dialog: egui_file_dialog::FileDialog,
    /// What the chosen file is for.
    pub purpose: Purpose,
}

impl BuiltinDialog {
    pub(super) fn new(purpose: Purpose, dir: PathBuf, suggested: &str) -> Self {
        let title = match purpose {
            Purpose::Open => "Open a design".to_owned(),
            Purpose::Save => "Save the design as".to_owned(),
            Purpose::Export(f) => format!("Export as {}", f.label()),
            Purpose::Compare => "Compare with a design".to_owned(),
            Purpose::ExportComparison => "Save the comparison as".to_owned(),
            Purpose::Import => "Import from draw.io, a CSV catalogue or Mermaid".to_owned(),
        };
        let mut dialog = egui_file_dialog::FileDialog::new()
            .id("patchbay-file-dialog")
            .title(&title)
            .initial_directory(dir)
            .default_file_name(suggested)
            .default_size([720.0, 460.0]);
        match purpose {
            Purpose::Import => {
                dialog = dialog
                    .add_file_filter_extensions(
                        "draw.io, CSV catalogue or Mermaid",
                        crate::interop::EXTENSIONS.to_vec(),
                    )
                    .default_file_filter("draw.io, CSV catalogue or Mermaid");
                dialog.pick_file();
            }
            Purpose::Open | Purpose::Compare => {
                dialog = dialog
                    .add_file_filter_extensions("Patchbay design", vec!["ron"])
                    .default_file_filter("Patchbay design");
                dialog.pick_file();
            }
            Purpose::Save | Purpose::Export(_) | Purpose::ExportComparison => dialog.save_file(),
        }
        Self { dialog, purpose }
    }

    /// Shows the dialog; the chosen file once it is chosen, `Some(None)` when the user
    /// closed it without choosing.
    pub(super) fn update(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        // The first Escape closes it, also while its file name field has the focus.
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            return Some(None);
        }
        self.dialog.update(ctx);
        match self.dialog.state() {
            egui_file_dialog::DialogState::Open => None,
            egui_file_dialog::DialogState::Picked(_) => Some(self.dialog.take_picked()),
            _ => Some(None),
        }
    }
}

impl PatchbayApp {
    /// Opens a file; a bad one is reported and the current design stays as it is. A
    /// large file is read, analysed and drawn on another thread (see
    /// [`PatchbayApp::open_in_background`]) so the window stays responsive.
    pub fn open_path(&mut self, path: &Path) {
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() > BACKGROUND_OPEN_BYTES);
        if large {
            self.open_in_background(path);
        } else {
            let opened = load_document(path, None);
            self.opened(path, opened);
        }
    }

    /// Starts reading, analysing and drawing `path` on another thread. Until it is
    /// ready, the window shows its progress with a Cancel button and the open design
    /// stays usable; a file that fails to open changes nothing. Where no thread can be
    /// had, it is opened here and shown on the next frame.
    pub fn open_in_background(&mut self, path: &Path) {
        let worker_path = path.to_owned();
        let job = Job::start("open", path.to_owned(), &self.waker, move |out| {
            // The window may have gone (cancelled, closed): then nobody listens.
            out.send(Loading::Done(Box::new(load_document(
                &worker_path,
                Some(out),
            ))));
        });
        self.opening = Some(Opening {
            started: std::time::Instant::now(),
            from_revision: self.doc.revision(),
            stage: 0,
            job,
        });
    }

    /// The file being opened in the background, if any.
    pub fn opening(&self) -> Option<&Path> {
        self.opening.as_ref().map(|o| o.job.key().as_path())
    }

    /// Stops waiting for the file being opened; the open design stays as it is.
    pub fn cancel_open(&mut self) {
        if let Some(o) = self.opening.take() {
            self.status = format!("Did not open {}: cancelled", o.job.key().display());
        }
    }

    /// Takes the background open's result when it is ready, and shows its progress
    /// until then.
    pub(super) fn poll_opening(&mut self, ctx: &egui::Context) {
        self.forget_unwanted_open();
        let Some(o) = &mut self.opening else { return };
        let mut polled = o.job.poll();
        while let Polled::Ready(Loading::Checked) = polled {
            o.stage = 1;
            polled = o.job.poll();
        }
        match polled {
            Polled::Ready(Loading::Done(opened))
                if opened.is_ok()
                    && self.doc.revision() != o.from_revision
                    && self.doc.is_dirty() =>
            {
                let Ok(doc) = *opened else { return };
                // The open design was edited while this one loaded: ask before it goes.
                let path = o.job.key().clone();
                self.opening = None;
                self.opened_waiting = Some((path, doc));
                self.queue.push(Command::TakeOpened);
            }
            Polled::Ready(Loading::Done(opened)) => {
                let path = o.job.key().clone();
                self.opening = None;
                self.opened(&path, *opened);
            }
            Polled::Ready(Loading::Checked) | Polled::Waiting => {
                // The spinner keeps the window drawing; the work wakes it when done.
                if opening_window(ctx, o) {
                    self.cancel_open();
                }
            }
            Polled::Ended => {
                self.opening = None;
                self.dialog = Some(Dialog::Error(
                    "the file could not be opened: reading it stopped unexpectedly".into(),
                ));
            }
        }
    }

    /// A design that waited for "Unsaved changes" is let go once that was answered
    /// with Cancel: nothing will take it any more.
    fn forget_unwanted_open(&mut self) {
        let asking = self.dialog.is_some()
            || self.builtin.is_some()
            || self.after_save.is_some()
            || !self.queue.is_empty();
        if !asking {
            if let Some((path, _)) = self.opened_waiting.take() {
                self.status = format!(
                    "Did not open {}: kept the design you were editing",
                    path.display()
                );
            }
        }
    }

    pub(super) fn opened(&mut self, path: &Path, opened: Result<Document, model::LoadError>) {
        match opened {
            Ok(doc) => {
                self.replace(doc);
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

    /// Writes the comparison with the other design as one HTML page.
    pub fn export_comparison(&mut self, path: &Path) {
        let Some(c) = &self.compare else { return };
        let page = crate::review::render::html(c.diff());
        match model::file::write_atomic(path, |w| w.write_all(page.as_bytes())) {
            Ok(()) => self.status = format!("Saved the comparison to {}", path.display()),
            Err(e) => {
                self.status = format!(
                    "Comparison not saved: could not write {}: {e}",
                    path.display()
                );
            }
        }
    }

    /// Reads another tool's file (an interface catalogue) and shows what the import
    /// guessed before the design opens; problems are listed and nothing opens.
    pub fn import_path(&mut self, path: &Path) {
        let file = path.display().to_string();
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                self.dialog = Some(Dialog::Problems {
                    file: file.clone(),
                    problems: vec![format!(
                        "{file}:1:1: the file is not UTF-8 text; save it as UTF-8 CSV"
                    )],
                });
                return;
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error(format!("cannot read {file}: {e}")));
                return;
            }
        };
        match crate::interop::import(path, &text, None) {
            None => {
                self.dialog = Some(Dialog::Error(format!(
                    "{file} is not a file Patchbay imports; it reads interface catalogues (.csv), draw.io diagrams (.drawio) and Mermaid flowcharts (.mmd, or a .md file's first mermaid block)"
                )));
            }
            Some(Err(problems)) => {
                self.dialog = Some(Dialog::Problems {
                    problems: problems
                        .iter()
                        .map(|p| p.display_in(&file).to_string())
                        .collect(),
                    file,
                });
            }
            Some(Ok(imported)) => {
                self.dialog = Some(Dialog::Imported {
                    title: path
                        .file_name()
                        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
                    file,
                    imported: Box::new(imported),
                });
            }
        }
    }

    /// Exports the design through the same path as `patchbay export`.
    pub fn export_to(&mut self, format: crate::export::ExportFormat, path: &Path) {
        use crate::export::ExportFormat;
        let analysis = self.doc.analysis();
        let mut warning = None;
        let result = crate::export::export(self.doc.design(), analysis, format, 2.0)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if format == ExportFormat::Mermaid {
                    warning = crate::report::graphs::mermaid_too_big(
                        &String::from_utf8_lossy(&bytes),
                        self.doc.design().links.len(),
                    );
                }
                model::file::write_atomic(path, |w| w.write_all(&bytes))
                    .map_err(|e| format!("could not write {}: {e}", path.display()))
            });
        match result {
            Ok(()) => {
                self.status = format!("Exported {} to {}", format.label(), path.display());
                // Written as asked, but said plainly: it will not render where pasted.
                if let Some(why) = warning {
                    self.status
                        .push_str(&format!(". Warning: {why}; export SVG or PNG instead"));
                }
            }
            Err(message) => {
                self.status = format!("Nothing exported: {message}");
                self.dialog = Some(Dialog::Error(message));
            }
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) {
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
    pub(super) fn dialog_dir(&self) -> PathBuf {
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

    pub(super) fn builtin_dialog(&mut self, purpose: Purpose, suggested: &str) {
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
            (Some(path), Purpose::Save) => self.save_to(model::file::with_extension(path)),
            (Some(path), Purpose::Export(format)) => self.export_to(format, &path),
            (Some(path), Purpose::Compare) => self.compare_with(path),
            (Some(path), Purpose::Import) => self.import_path(&path),
            (Some(path), Purpose::ExportComparison) => self.export_comparison(&path),
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
    pub(super) fn recover(&mut self, copy: &crate::recovery::Recovered) {
        let Some(recovered) = &copy.design else {
            return;
        };
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
                    name: recovered.name.clone(),
                    ..Design::default()
                },
                copy.about.title.clone(),
            ),
        };
        doc.recover(recovered);
        self.replace(doc);
        // Keep a copy of this window's own at once, then drop the old one.
        self.autosaved = None;
        self.autosave_tick(std::time::Instant::now());
        crate::recovery::discard(&copy.file);
        self.status = if copy.set_aside.is_empty() {
            "Recovered unsaved changes: Edit > Undo goes back to the file".into()
        } else {
            format!(
                "Recovered unsaved changes with {} set aside; Edit > Undo goes back to the file",
                copy.set_aside.join("; ")
            )
        };
    }

    pub(super) fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(super::app::RECENT_MAX);
    }
}

/// A file name from a design name: letters, digits and dashes.
pub(super) fn file_stem(name: &str) -> String {
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
