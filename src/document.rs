//! The open design as the window edits it: its file, its undo history, whether it has
//! unsaved changes, and its analysis and drawing, always current. No egui here: the
//! window drives it, and tests drive it without one.

use crate::analysis::incremental::Remaining;
use crate::analysis::{Analysis, analyze};
use crate::geometry::{DrawnAdvice, Geometry};
use crate::job::{Job, Polled, Waker};
use crate::model::edit::Edit;
use crate::model::history::History;
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
    /// The revision the design-level part of `analysis` (ESB, flows, findings) is of.
    assessed: u64,
    /// A large design's findings and drawing being worked out on another thread, for
    /// the revision that is its key.
    working: Option<Job<u64, Done>>,
    /// Told when that work has something (the window repaints).
    waker: Waker,
    /// What the last edits did besides what they said (a flow shortened, a waiver
    /// removed with its subject), until the window shows it.
    notes: Vec<String>,
}

/// What the other thread sends back for a revision of a large design (the job's key).
enum Done {
    /// The design-level part of its analysis, as soon as it is ready.
    Assessed(crate::analysis::DesignLevel),
    /// Its drawing, last.
    Drawn(Geometry),
}

/// Designs with more links than this have their findings and drawing worked out again
/// on another thread after an edit: together they take longer than a frame, while the
/// edited links' recommendations are ready at once.
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
            assessed: revision,
            working: None,
            waker: Waker::default(),
            notes: Vec::new(),
        }
    }

    /// Wakes `waker` when work done off this thread has a result for
    /// [`Document::poll_background`]: the window passes one that repaints it.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
    }

    /// A document opened from `path`.
    pub fn from_file(design: Design, path: PathBuf) -> Self {
        let title = file_title(&path);
        Self {
            path: Some(path),
            ..Self::unsaved(design, title)
        }
    }

    /// The same document, counted as unsaved work from the start (an import: closing
    /// it asks first, as for any unsaved change, until it is saved to a file).
    pub fn marked_unsaved(mut self) -> Self {
        // No history state is ever u64::MAX: dirty until a save sets it.
        self.saved_state = u64::MAX;
        self
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
    /// new drawing is being made, of an earlier one (see [`Document::drawn`]).
    pub fn geometry(&self) -> Arc<Geometry> {
        Arc::clone(&self.geometry)
    }

    /// The revision the drawing is of; views of the drawing rebuild when it moves.
    pub fn drawn(&self) -> u64 {
        self.drawn
    }

    /// True while a large design's findings or drawing are being worked out on another
    /// thread; the links' recommendations are current all the same.
    pub fn is_working(&self) -> bool {
        self.working.is_some()
    }

    /// True when the findings and ESB verdict are of the current revision.
    pub fn is_assessed(&self) -> bool {
        self.assessed == self.revision
    }

    /// Takes what the other thread has finished; true when anything changed. Call
    /// when woken (see [`Document::set_waker`]), or once a frame.
    pub fn poll_background(&mut self) -> bool {
        let mut changed = false;
        while let Some(job) = &self.working {
            let revision = *job.key();
            match job.poll() {
                Polled::Ready(Done::Assessed(level)) => {
                    self.analysis.set_design_level(level);
                    self.assessed = revision;
                    changed = true;
                }
                Polled::Ready(Done::Drawn(geometry)) => {
                    self.working = None;
                    self.geometry = Arc::new(geometry);
                    self.drawn = revision;
                    changed = true;
                    if revision != self.revision {
                        // Edited meanwhile: work out the newest state.
                        self.start_background(None);
                    }
                }
                Polled::Waiting => break,
                Polled::Ended => {
                    // The work stopped without finishing: finish here.
                    self.settle_here();
                    changed = true;
                }
            }
        }
        changed
    }

    /// Works out the current revision's findings and drawing on another thread, one
    /// revision at a time (an edit made meanwhile is worked out next). `remaining` is
    /// the current revision's design-level work when the caller has it already.
    fn start_background(&mut self, remaining: Option<Remaining>) {
        if self.working.is_some() {
            return;
        }
        let revision = self.revision;
        let design = self.design.clone();
        let remaining = remaining.unwrap_or_else(|| self.analysis.remaining());
        self.working = Some(Job::start(
            "assess and draw",
            revision,
            &self.waker,
            move |out| {
                let level = remaining.assess(&design);
                let advice = DrawnAdvice::from_parts(remaining.links(), &level.findings);
                // It shares the links' decisions: let go before drawing, so the next
                // edit can take them without a copy.
                drop(remaining);
                if out.send(Done::Assessed(level)) {
                    out.send(Done::Drawn(Geometry::with_advice(&design, &advice)));
                }
            },
        ));
    }

    /// Brings the analysis and the drawing up to the current revision on this thread,
    /// forgetting any work under way elsewhere (its older result must not land later).
    fn settle_here(&mut self) {
        self.working = None;
        // Only the links the edit touched are decided again.
        crate::analysis::reanalyze(&mut self.analysis, &self.design);
        self.geometry = Arc::new(Geometry::new(&self.design, &self.analysis));
        (self.assessed, self.drawn) = (self.revision, self.revision);
    }

    fn changed(&mut self) {
        self.revision = next_revision();
        if self.design.links.len() <= BACKGROUND_DRAWING_LINKS {
            self.settle_here();
            return;
        }
        // A large design: the edited links' recommendations now, the findings and the
        // drawing from another thread.
        let remaining = self.analysis.relink(&self.design);
        self.start_background(Some(remaining));
    }

    /// Applies one user gesture as one undo step.
    pub fn apply(&mut self, edit: Edit) {
        self.merging = None;
        if edit.is_empty() {
            return;
        }
        let notes = self.history.apply(&mut self.design, edit);
        self.notes.extend(notes);
        self.changed();
    }

    /// What the edits since the last call did to the design's flows and waivers
    /// besides what they said ("flow \"Checkout\" shortened from 3 steps to 2 steps"),
    /// once each.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Applies an edit made while typing in a field or dragging a number: consecutive
    /// edits of the same field of the same items are one undo step, and an edit of
    /// another field or item starts a new one.
    pub fn apply_merged(&mut self, edit: Edit) {
        let key = edit.merge_key();
        self.apply_merged_under(edit, key);
    }

    /// Applies an edit merged with the edits before it made under the same `key`, for
    /// a gesture whose edits differ in what they touch (the first move by the arrow
    /// keys also pins the systems the drawing placed).
    pub fn apply_merged_under(&mut self, edit: Edit, key: String) {
        if edit.is_empty() {
            return;
        }
        let notes = if self.merging.as_deref() == Some(key.as_str()) {
            self.history.apply_merged(&mut self.design, edit)
        } else {
            self.merging = Some(key);
            self.history.apply(&mut self.design, edit)
        };
        self.notes.extend(notes);
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
