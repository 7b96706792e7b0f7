//! Files: the desktop's dialogs behind a trait (so tests never open a real one), the
//! window's own dialog where the desktop has none, and opening, saving, exporting and
//! recovering designs.

use super::command::Purpose;
use crate::document::Document;
use crate::job::{Job, Outbox, Polled, Waker};
use crate::model;
use std::path::{Path, PathBuf};

/// Files larger than this open on another thread, with progress and Cancel; about a
/// thousand systems, which take a few hundred milliseconds to analyse and draw.
pub const BACKGROUND_OPEN_BYTES: u64 = 512 * 1024;

/// What a background open is doing, for its progress window.
const STAGES: [&str; 2] = ["Reading and checking the file", "Analysing and drawing"];

/// A design being read, analysed and drawn on another thread: the window's
/// progress with Cancel until it is ready.
pub(super) struct Opening {
    started: std::time::Instant,
    /// The open design's revision when this began: an edit since is not thrown away
    /// unasked.
    pub(super) from_revision: u64,
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

/// What looking at a background open found.
pub(super) enum Opened {
    /// Still working.
    Waiting,
    /// Opened, or failed to.
    Done(Box<Result<Document, model::LoadError>>),
    /// The work stopped without a word (a bug): nothing opened.
    Stopped,
}

impl Opening {
    /// Starts opening `path` on another thread (here, where no thread can be had);
    /// `waker` hears when it is done.
    pub(super) fn start(path: &Path, from_revision: u64, waker: &Waker) -> Self {
        let worker_path = path.to_owned();
        let job = Job::start("open", path.to_owned(), waker, move |out| {
            // The window may have gone (cancelled, closed): then nobody listens.
            out.send(Loading::Done(Box::new(load_document(
                &worker_path,
                Some(out),
            ))));
        });
        Self {
            started: std::time::Instant::now(),
            from_revision,
            stage: 0,
            job,
        }
    }

    /// The file being opened.
    pub(super) fn path(&self) -> &Path {
        self.job.key()
    }

    /// Takes the result when it is ready, noting the progress until then.
    pub(super) fn poll(&mut self) -> Opened {
        loop {
            match self.job.poll() {
                Polled::Ready(Loading::Checked) => self.stage = 1,
                Polled::Ready(Loading::Done(opened)) => return Opened::Done(opened),
                Polled::Waiting => return Opened::Waiting,
                Polled::Ended => return Opened::Stopped,
            }
        }
    }

    /// The progress window; true when the user pressed Cancel. Its spinner keeps the
    /// window drawing; the work wakes it when done.
    pub(super) fn window_ui(&self, ctx: &egui::Context) -> bool {
        let mut cancel = false;
        let path = self.path();
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
                let stage = STAGES.get(self.stage).unwrap_or(&STAGES[1]);
                ui.label(format!(
                    "{stage}… {:.0} s",
                    self.started.elapsed().as_secs_f32().floor()
                ));
                ui.label("The open design stays as it is until this one is ready.");
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        cancel
    }
}

/// Reads, validates, analyses and draws a design file on this thread.
pub(super) fn open_document(path: &Path) -> Result<Document, model::LoadError> {
    load_document(path, None)
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
