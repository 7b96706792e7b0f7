//! The open design, its file, its undo history and its cached analysis.

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

/// The design being edited and everything derived from it.
pub struct Document {
    design: Design,
    /// Where it was loaded from or last saved to.
    pub path: Option<PathBuf>,
    /// The sample it came from, when it is an unsaved built-in sample.
    pub title: String,
    revision: u64,
    saved_revision: u64,
    history: History,
    derived: Option<Derived>,
}

/// What is computed from one revision of the design: its analysis and its drawing.
struct Derived {
    revision: u64,
    analysis: Analysis,
    geometry: Arc<Geometry>,
}

impl Document {
    /// A document for a design that has no file yet (a sample, or a new design).
    pub fn unsaved(design: Design, title: impl Into<String>) -> Self {
        let revision = next_revision();
        Self {
            design,
            path: None,
            title: title.into(),
            revision,
            saved_revision: revision,
            history: History::default(),
            derived: None,
        }
    }

    /// A document opened from `path`.
    pub fn from_file(design: Design, path: PathBuf) -> Self {
        let title = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Self {
            path: Some(path),
            ..Self::unsaved(design, title)
        }
    }

    /// The design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Grows on every change; views rebuild when it moves.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changed since it was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Applies one user gesture as one undo step.
    pub fn apply(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        self.history.apply(&mut self.design, edit);
        self.revision = next_revision();
    }

    /// Applies a change that continues the last step (typing in a field, dragging a
    /// number): the step's undo already restores the state before the gesture.
    pub fn apply_merged(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let _ = edit.apply(&mut self.design);
        self.revision = next_revision();
    }

    /// Undoes the last step.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.design);
        if done {
            self.revision = next_revision();
        }
        done
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.design);
        if done {
            self.revision = next_revision();
        }
        done
    }

    /// What undo and redo would do, for menus.
    pub fn history_labels(&self) -> (Option<&str>, Option<&str>) {
        (self.history.undo_label(), self.history.redo_label())
    }

    /// Analysis and geometry of the current revision, computed once per revision.
    fn derived(&mut self) -> &Derived {
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.revision != self.revision)
        {
            self.derived = None;
        }
        let (revision, design) = (self.revision, &self.design);
        self.derived.get_or_insert_with(|| {
            let analysis = analyze(design);
            let geometry = Arc::new(Geometry::new(design, &analysis));
            Derived {
                revision,
                analysis,
                geometry,
            }
        })
    }

    /// The analysis of the current revision, computed once per revision.
    pub fn analysis(&mut self) -> &Analysis {
        &self.derived().analysis
    }

    /// The drawing of the current revision, computed with its analysis.
    pub fn geometry(&mut self) -> Arc<Geometry> {
        Arc::clone(&self.derived().geometry)
    }

    /// The analysis if it is current, without computing it.
    pub fn cached_analysis(&self) -> Option<&Analysis> {
        self.derived
            .as_ref()
            .filter(|d| d.revision == self.revision)
            .map(|d| &d.analysis)
    }

    /// Saves to `path` and makes it the document's file.
    pub fn save_to(&mut self, path: PathBuf) -> Result<(), model::SaveError> {
        model::save(&self.design, &path)?;
        self.title = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.path = Some(path);
        self.saved_revision = self.revision;
        Ok(())
    }
}
