//! The open design as the window edits it: its file, its undo history, whether it has
//! unsaved changes, and its analysis and drawing, always current. No egui here: the
//! window drives it, and tests drive it without one.

use crate::analysis::{Analysis, analyze};
use crate::geometry::Geometry;
use crate::model::edit::{Edit, History};
use crate::model::{self, Design};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Revisions are unique across documents, so a view built for one design is never
/// mistaken for current after another design is opened.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The design being edited and everything derived from it. Every change goes through
/// it: edit, then history (merging consecutive edits of the same field of the same
/// item), then a new revision, then the analysis and drawing of that revision.
pub struct Document {
    design: Design,
    /// Where it was loaded from or last saved to.
    pub path: Option<PathBuf>,
    /// What the title bar calls it: the file name, or the sample's title.
    pub title: String,
    /// The comment block the file started with, written back on save.
    pub header: String,
    revision: u64,
    /// The history state that is on disk (or that was opened).
    saved_state: u64,
    history: History,
    /// The field being typed in: edits under the same key merge into one step.
    merging: Option<String>,
    analysis: Analysis,
    geometry: Arc<Geometry>,
    /// The revision `geometry` was drawn for.
    drawn: u64,
    /// A large design's drawing being made on another thread: for which revision.
    drawing: Option<(u64, std::sync::mpsc::Receiver<Geometry>)>,
}

/// Designs with more links than this are drawn again on another thread after an
/// edit: their drawing takes longer than a frame, and the analysis (what the inspector
/// and findings show) must not wait for it.
pub const BACKGROUND_DRAWING_LINKS: usize = 3_000;

impl Document {
    /// A document for a design that has no file yet (a sample, or a new design).
    pub fn unsaved(design: Design, title: impl Into<String>) -> Self {
        let analysis = analyze(&design);
        let geometry = Arc::new(Geometry::new(&design, &analysis));
        let revision = next_revision();
        Self {
            design,
            path: None,
            title: title.into(),
            header: String::new(),
            revision,
            saved_state: 0,
            history: History::default(),
            merging: None,
            analysis,
            geometry,
            drawn: revision,
            drawing: None,
        }
    }

    /// A document opened from `path`.
    pub fn from_file(design: Design, path: PathBuf) -> Self {
        let title = file_title(&path);
        Self {
            path: Some(path),
            ..Self::unsaved(design, title)
        }
    }

    /// The same document, keeping `header` (the file's leading comments) on save.
    pub fn with_header(mut self, header: impl Into<String>) -> Self {
        self.header = header.into();
        self
    }

    /// The design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Grows on every change; views rebuild when it moves.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changed since it was last saved or opened. Undoing back to that state clears it.
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// The analysis of the current revision.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The latest drawing: of the current revision, or for a large design while its
    /// new drawing is being made, of the revision before (see [`Document::drawn`]).
    pub fn geometry(&self) -> Arc<Geometry> {
        Arc::clone(&self.geometry)
    }

    /// The revision the drawing is of; views of the drawing rebuild when it moves.
    pub fn drawn(&self) -> u64 {
        self.drawn
    }

    /// True while a newer drawing is being made on another thread.
    pub fn is_drawing(&self) -> bool {
        self.drawing.is_some()
    }

    /// Takes a drawing made on another thread once it is ready; true when the drawing
    /// changed. Call once a frame.
    pub fn poll_drawing(&mut self) -> bool {
        let Some((revision, rx)) = &self.drawing else {
            return false;
        };
        match rx.try_recv() {
            Ok(geometry) => {
                let revision = *revision;
                self.drawing = None;
                self.geometry = Arc::new(geometry);
                self.drawn = revision;
                if revision != self.revision {
                    // Edited meanwhile: draw the newest state.
                    self.draw();
                }
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                // The drawing thread stopped without a drawing: draw here.
                self.drawing = None;
                self.geometry = Arc::new(Geometry::new(&self.design, &self.analysis));
                self.drawn = self.revision;
                true
            }
        }
    }

    /// Draws the current revision: at once for a small design, on another thread for
    /// a large one, one drawing at a time (an edit made meanwhile is drawn next).
    fn draw(&mut self) {
        if self.design.links.len() <= BACKGROUND_DRAWING_LINKS {
            self.drawing = None;
            self.geometry = Arc::new(Geometry::new(&self.design, &self.analysis));
            self.drawn = self.revision;
            return;
        }
        if self.drawing.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let (design, analysis) = (self.design.clone(), self.analysis.clone());
        let spawned = std::thread::Builder::new()
            .name("drawing".into())
            .spawn(move || {
                let _ = tx.send(Geometry::new(&design, &analysis));
            });
        if spawned.is_ok() {
            self.drawing = Some((self.revision, rx));
        } else {
            self.geometry = Arc::new(Geometry::new(&self.design, &self.analysis));
            self.drawn = self.revision;
        }
    }

    fn changed(&mut self) {
        self.revision = next_revision();
        // Only the links the edit touched are decided again.
        crate::analysis::reanalyze(&mut self.analysis, &self.design);
        self.draw();
    }

    /// Applies one user gesture as one undo step.
    pub fn apply(&mut self, edit: Edit) {
        self.merging = None;
        if edit.is_empty() {
            return;
        }
        self.history.apply(&mut self.design, edit);
        self.changed();
    }

    /// Applies an edit made while typing in a field or dragging a number: consecutive
    /// edits of the same field of the same items are one undo step, and an edit of
    /// another field or item starts a new one.
    pub fn apply_merged(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let key = edit.merge_key();
        if self.merging.as_deref() == Some(key.as_str()) {
            self.history.apply_merged(&mut self.design, edit);
        } else {
            self.history.apply(&mut self.design, edit);
            self.merging = Some(key);
        }
        self.changed();
    }

    /// The field is no longer in use: the next edit starts a new step.
    pub fn end_gesture(&mut self) {
        self.merging = None;
    }

    /// Undoes the last step.
    pub fn undo(&mut self) -> bool {
        self.merging = None;
        let done = self.history.undo(&mut self.design);
        if done {
            self.changed();
        }
        done
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> bool {
        self.merging = None;
        let done = self.history.redo(&mut self.design);
        if done {
            self.changed();
        }
        done
    }

    /// What undo and redo would do, for menus: "Change expected duration".
    pub fn history_labels(&self) -> (Option<&str>, Option<&str>) {
        (self.history.undo_label(), self.history.redo_label())
    }

    /// Replaces the design with a recovered copy of it, as one undoable step: undo
    /// gives back the design as it was opened.
    pub fn recover(&mut self, copy: &Design) {
        let edit = Edit::replace_all("Recover unsaved changes", &self.design, copy);
        self.apply(edit);
    }

    /// Saves to `path` and makes it the document's file.
    pub fn save_to(&mut self, path: PathBuf) -> Result<(), model::SaveError> {
        model::save_with_header(&self.design, &path, &self.header)?;
        self.title = file_title(&path);
        self.path = Some(path);
        self.saved_state = self.history.state();
        // Typing on after a save is a new step, so undo can come back to the save.
        self.merging = None;
        Ok(())
    }
}

fn file_title(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
