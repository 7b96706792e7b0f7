//! Files: the desktop's dialogs behind a trait (so tests never open a real one), the
//! window's own dialog where the desktop has none, and opening, saving, exporting and
//! recovering designs.

mod ask;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod desktop;

pub use ask::{FileDialogs, Picked};
#[cfg(target_arch = "wasm32")]
pub use browser::{BrowserDialogs, BuiltinDialog};
#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{dropped_and_read, read_dropped};
#[cfg(not(target_arch = "wasm32"))]
pub use desktop::{BuiltinDialog, RfdDialogs};

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
    started: web_time::Instant,
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
            started: web_time::Instant::now(),
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

/// The address of the page the app runs in, without its fragment: what a link to a
/// design is made of. None on the desktop.
pub(crate) fn page_address() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let location = web_sys::window()?.location();
        let href = location.href().ok()?;
        Some(href.split('#').next().unwrap_or(&href).to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
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
