//! Running the file commands: open (large files in the background), save, export,
//! import, compare and recover.

use crate::document::Document;
use crate::model::{self, Design};
use crate::samples;
use crate::ui::app::{PatchbayApp, RECENT_MAX};
use crate::ui::command::{Command, Purpose};
use crate::ui::compare::Comparison;
use crate::ui::dialogs::Dialog;
use crate::ui::files::{
    BACKGROUND_OPEN_BYTES, BuiltinDialog, Opened, Opening, Picked, file_stem, open_document,
};
use std::path::{Path, PathBuf};

impl PatchbayApp {
    /// Opens a file; a bad one is reported and the current design stays as it is. A
    /// large file is read, analysed and drawn on another thread (see
    /// [`PatchbayApp::open_in_background`]) so the window stays responsive.
    pub fn open_path(&mut self, path: &Path) {
        let large = crate::fs::len(path).is_ok_and(|n| n > BACKGROUND_OPEN_BYTES);
        if large {
            self.open_in_background(path);
        } else {
            let opened = open_document(path);
            self.opened(path, opened);
        }
    }

    /// Starts reading, analysing and drawing `path` on another thread. Until it is
    /// ready, the window shows its progress with a Cancel button and the open design
    /// stays usable; a file that fails to open changes nothing. Where no thread can be
    /// had, it is opened here and shown on the next frame.
    pub fn open_in_background(&mut self, path: &Path) {
        self.files.opening = Some(Opening::start(path, self.doc.revision(), &self.waker));
    }

    /// The file being opened in the background, if any.
    pub fn opening(&self) -> Option<&Path> {
        self.files.opening.as_ref().map(Opening::path)
    }

    /// Stops waiting for the file being opened; the open design stays as it is.
    pub fn cancel_open(&mut self) {
        if let Some(o) = self.files.opening.take() {
            self.status = format!("Did not open {}: cancelled", crate::fs::shown(o.path()));
        }
    }

    /// Takes the background open's result when it is ready, and shows its progress
    /// until then.
    pub(in crate::ui) fn poll_opening(&mut self, ctx: &egui::Context) {
        self.forget_unwanted_open();
        let Some(o) = &mut self.files.opening else {
            return;
        };
        let edited = self.doc.revision() != o.from_revision && self.doc.is_dirty();
        match o.poll() {
            Opened::Waiting => {
                if o.window_ui(ctx) {
                    self.cancel_open();
                }
            }
            Opened::Done(opened) => {
                let path = o.path().to_owned();
                self.files.opening = None;
                match *opened {
                    // The open design was edited while this one loaded: ask first.
                    Ok(doc) if edited => {
                        self.files.opened_waiting = Some((path, doc));
                        self.queue.push(Command::TakeOpened);
                    }
                    opened => self.opened(&path, opened),
                }
            }
            Opened::Stopped => {
                self.files.opening = None;
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
            || self.files.builtin.is_some()
            || self.files.after_save.is_some()
            || !self.queue.is_empty();
        if !asking {
            if let Some((path, _)) = self.files.opened_waiting.take() {
                self.status = format!(
                    "Did not open {}: kept the design you were editing",
                    crate::fs::shown(&path)
                );
            }
        }
    }

    pub(in crate::ui) fn opened(
        &mut self,
        path: &Path,
        opened: Result<Document, model::LoadError>,
    ) {
        match opened {
            Ok(doc) => {
                self.replace(doc);
                self.status = format!("Opened {}", crate::fs::shown(path));
                self.remember(path);
            }
            Err(model::LoadError::Invalid { file, problems }) => {
                self.dialog = Some(Dialog::problems(file, &problems));
            }
            Err(e) => self.dialog = Some(Dialog::Error(e.to_string())),
        }
    }

    /// Writes the comparison with the other design as one HTML page.
    pub fn export_comparison(&mut self, path: &Path) {
        let Some(c) = &self.compare else { return };
        let page = crate::review::render::html(c.diff());
        match model::file::write_atomic(path, |w| w.write_all(page.as_bytes())) {
            Ok(()) => self.status = format!("Saved the comparison to {}", shown(path)),
            Err(e) => {
                self.status = format!(
                    "Comparison not saved: could not write {}: {e}",
                    crate::fs::shown(path)
                );
            }
        }
    }

    /// Reads another tool's file (an interface catalogue) and shows what the import
    /// guessed before the design opens; problems are listed and nothing opens.
    pub fn import_path(&mut self, path: &Path) {
        let file = crate::fs::shown(path);
        let text = match crate::fs::read(path).map(String::from_utf8) {
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
                    "{file} is not a file Patchbay imports; it reads {}",
                    crate::interop::READS
                )));
            }
            Some(Err(problems)) => {
                self.dialog = Some(Dialog::problems(file, &problems));
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
        // The drawing on screen, when it is of this revision (a large design's may
        // still be being made after an edit).
        let drawn = self.doc.drawn() == self.doc.revision();
        let result = if drawn {
            crate::export::export_drawn(
                self.doc.design(),
                analysis,
                &self.doc.geometry(),
                format,
                2.0,
            )
        } else {
            crate::export::export(self.doc.design(), analysis, format, 2.0)
        };
        let result = result.map_err(|e| e.to_string()).and_then(|bytes| {
            if format == ExportFormat::Mermaid {
                warning = crate::report::graphs::mermaid_too_big(
                    &String::from_utf8_lossy(&bytes),
                    self.doc.design().links.len(),
                );
            }
            model::file::write_atomic(path, |w| w.write_all(&bytes))
                .map_err(|e| format!("could not write {}: {e}", crate::fs::shown(path)))
        });
        match result {
            Ok(()) => {
                self.status = format!("Exported {} to {}", format.label(), shown(path));
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

    pub(in crate::ui) fn save_to(&mut self, path: PathBuf) {
        match self.doc.save_to(path.clone()) {
            Ok(()) => {
                self.status = format!("Saved to {}", shown(&path));
                self.remember(&path);
                if let Some(next) = self.files.after_save.take() {
                    self.queue.push(next);
                }
            }
            Err(e) => {
                self.files.after_save = None;
                self.status = format!("Not saved: {e}");
                self.dialog = Some(Dialog::Error(format!("The design was not saved: {e}")));
            }
        }
    }

    /// Where file dialogs start: the folder of the open file, else the one set for the
    /// app, else the working directory.
    pub(in crate::ui) fn dialog_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| self.files.dir.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    pub(in crate::ui) fn builtin_dialog(&mut self, purpose: Purpose, suggested: &str) {
        let wake = self.waker.clone();
        self.files.builtin = Some(BuiltinDialog::new(
            purpose,
            self.dialog_dir(),
            suggested,
            wake,
        ));
    }

    /// Acts on the answer of the window's own file dialog: the file chosen for
    /// `purpose`, or none.
    pub(in crate::ui) fn chosen(&mut self, purpose: Purpose, answer: Option<PathBuf>) {
        match (answer, purpose) {
            // Unsaved changes were asked about before the dialog opened.
            (Some(path), Purpose::Open) => self.open_path(&path),
            (Some(path), Purpose::Save) => self.save_to(model::file::with_extension(path)),
            (Some(path), Purpose::Export(format)) => self.export_to(format, &path),
            (Some(path), Purpose::Compare) => self.compare_with(path),
            (Some(path), Purpose::Import) => self.import_path(&path),
            (Some(path), Purpose::ExportComparison) => self.export_comparison(&path),
            (None, Purpose::Save) => {
                self.files.after_save = None;
                self.status = "Not saved: no file was chosen".into();
            }
            (None, _) => {}
        }
    }

    /// Compares the open design with the design in `path`.
    pub(in crate::ui) fn compare_with(&mut self, path: PathBuf) {
        match crate::model::load(&path) {
            Ok(before) => {
                self.status = format!("Comparing with {}", crate::fs::shown(&path));
                self.compare = Some(Comparison::new(path, before, &self.doc));
            }
            Err(crate::model::LoadError::Invalid { file, problems }) => {
                self.dialog = Some(Dialog::problems(file, &problems));
            }
            Err(e) => self.dialog = Some(Dialog::Error(e.to_string())),
        }
    }

    /// Opens a recovered copy: the file it belongs to as it is on disk (or an empty
    /// design), then the copy as one undoable step. The copy's own file goes once this
    /// window keeps a copy of its own.
    pub(in crate::ui) fn recover(&mut self, copy: &crate::recovery::Recovered) {
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
        self.autosave.at = None;
        self.autosave_tick(web_time::Instant::now());
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

    pub(in crate::ui) fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.files.recent.retain(|p| *p != path);
        self.files.recent.insert(0, path);
        self.files.recent.truncate(RECENT_MAX);
    }

    /// Starts an empty design.
    pub(in crate::ui) fn new_design(&mut self) {
        self.replace(Document::unsaved(
            Design {
                name: "Untitled design".into(),
                ..Design::default()
            },
            "Untitled",
        ));
    }

    /// Puts the design in a link to this page and copies it; a design too large for a
    /// link says so (and to send the file instead).
    pub(in crate::ui) fn copy_link(&mut self, ctx: &egui::Context) {
        let Some(page) = super::super::files::page_address() else {
            self.status =
                "Links to a design are made by Patchbay in the browser, from its page's address."
                    .into();
            return;
        };
        match crate::share::encode(self.doc.design()) {
            Ok(payload) => {
                let link = format!("{page}#design={payload}");
                self.status = format!(
                    "Link copied ({} characters): whoever opens it gets this design as an unsaved copy.",
                    link.len()
                );
                ctx.copy_text(link);
            }
            Err(crate::share::ShareError::TooLarge(chars)) => {
                self.dialog = Some(Dialog::TooLargeForLink(chars));
            }
            Err(e) => self.status = format!("No link made: {e}."),
        }
    }

    /// Asks for a file to open for `purpose`, in the desktop's dialog or the window's.
    pub(in crate::ui) fn ask_open(&mut self, purpose: Purpose) {
        match self.files.dialogs.open() {
            Picked::Path(path) => self.chosen(purpose, Some(path)),
            Picked::Cancelled => {}
            Picked::Unavailable => self.builtin_dialog(purpose, ""),
        }
    }

    /// Asks where to write for `purpose`, suggesting a file name.
    fn ask_save(&mut self, purpose: Purpose, suggested: &str) {
        match self.files.dialogs.save(suggested) {
            Picked::Path(path) => self.chosen(purpose, Some(path)),
            // Nothing is said: the user closed the dialog.
            Picked::Cancelled if purpose == Purpose::Save => self.files.after_save = None,
            Picked::Cancelled => {}
            Picked::Unavailable => self.builtin_dialog(purpose, suggested),
        }
    }

    /// Saves to the design's file, or asks where.
    pub(in crate::ui) fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) => self.save_to(path),
            None => self.save_as(),
        }
    }

    /// Asks where, then saves.
    pub(in crate::ui) fn save_as(&mut self) {
        let suggested = format!(
            "{}.{}",
            file_stem(&self.doc.design().name),
            model::file::EXTENSION
        );
        self.ask_save(Purpose::Save, &suggested);
    }

    /// Asks where, then exports in `format`.
    pub(in crate::ui) fn ask_export(&mut self, format: crate::export::ExportFormat) {
        let suggested = format!(
            "{}.{}",
            file_stem(&self.doc.design().name),
            format.extension()
        );
        self.ask_save(Purpose::Export(format), &suggested);
    }

    /// Asks where, then saves the comparison as one HTML page.
    pub(in crate::ui) fn ask_export_comparison(&mut self) {
        if self.compare.is_some() {
            let suggested = format!("{}-changes.html", file_stem(&self.doc.design().name));
            self.ask_save(Purpose::ExportComparison, &suggested);
        }
    }

    /// Puts the design that finished opening in place of the open one.
    pub(in crate::ui) fn take_opened(&mut self) {
        if let Some((path, doc)) = self.files.opened_waiting.take() {
            self.opened(&path, Ok(doc));
        }
    }

    /// Opens a built-in sample.
    pub(in crate::ui) fn open_sample(&mut self, i: usize) {
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

    /// Saves, then runs `next` once the save has succeeded.
    pub(in crate::ui) fn save_then(&mut self, next: Command) {
        self.files.after_save = Some(next);
        self.save();
    }

    /// Loses the unsaved changes (and their recovery copy), then runs `next`.
    pub(in crate::ui) fn discard_then(&mut self, ctx: &egui::Context, next: Command) {
        if let Some(autosave) = &self.autosave.copy {
            autosave.clear();
        }
        self.autosave.at = None;
        self.autosave.discarding = matches!(next, Command::Quit);
        self.run(ctx, next);
    }

    /// Deletes a recovery copy for good.
    pub(in crate::ui) fn discard_recovery(&mut self, file: &Path) {
        crate::recovery::discard(file);
        self.status = "Discarded the recovery copy".into();
    }

    /// Opens an imported design as a new design with no file yet.
    pub(in crate::ui) fn open_imported(&mut self, file: &str, title: String, design: Design) {
        self.replace(Document::unsaved(design, title).marked_unsaved());
        self.status = format!("Imported {file}");
    }
}

/// Where a file went, as the status line says it: its path on the desktop; in the
/// browser, where writing a file downloads it, the download's name.
fn shown(path: &std::path::Path) -> String {
    if cfg!(target_arch = "wasm32") {
        return format!("a download, {}", crate::fs::shown(path));
    }
    path.display().to_string()
}
