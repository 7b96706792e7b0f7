//! What the user can ask for: the vocabulary every panel, dialog and shortcut speaks.
//! Panels return [`Command`]s; the runner (`runner/`) carries them out after the frame,
//! and is the one place the document changes. This file imports nothing of the
//! window's.

use crate::analysis::Subject;
use crate::model::edit::Edit;
use crate::model::{Design, LinkId, Pos, SystemId, SystemKind};
use std::path::PathBuf;

/// Something the user asked for, applied after the frame.
#[derive(Clone, Debug)]
pub enum Command {
    /// Start an empty design.
    New,
    /// Show the window light, dark, or as the desktop prefers; remembered.
    Theme(egui::ThemePreference),
    /// Zoom the whole window in (`Some(true)`), out, or back to the desktop's scale.
    UiZoom(Option<bool>),
    /// Give the canvas the keyboard (F6).
    FocusCanvas,
    /// Show Help > Keyboard, or close it.
    KeyboardHelp(bool),
    /// Start presenting, or stop.
    Present(bool),
    /// Start presenting, or stop when presenting (F5).
    TogglePresent,
    /// The next slide of the presentation, or (`false`) the one before.
    Slide(bool),
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Put the design that finished opening in the background in place of the open
    /// one (asked about first when the open one was edited meanwhile).
    TakeOpened,
    /// Open a built-in sample.
    OpenSample(usize),
    /// Save to the current file, or ask where.
    Save,
    /// Ask where, then save.
    SaveAs,
    /// Put the design in a link (the browser build), copied to the clipboard.
    CopyLink,
    /// Save to this file.
    SaveTo(PathBuf),
    /// Ask where, then export in this format.
    Export(crate::export::ExportFormat),
    /// Apply an edit as one undo step.
    Edit(Edit),
    /// Apply an edit, merged with the previous one while the same field of the same
    /// items is being edited.
    EditMerged(Edit),
    /// Apply an edit, merged with the previous one made under the same key (moves
    /// with the arrow keys, one step while they are held).
    EditUnder(Edit, String),
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
    /// Turn dragging from one system to another into drawing a link (or back).
    ConnectMode(bool),
    /// Give one input of a link's decisions another value (a click on an answer of a
    /// decision's path or a cell of its what-if table), as one undo step.
    SetInput {
        /// The link.
        link: LinkId,
        /// The input.
        attr: crate::analysis::facts::Attr,
        /// Its new value.
        value: crate::analysis::facts::Value,
    },
    /// Route every direct link through one middleware system, as one undo step.
    IntroduceBus,
    /// Show or hide the bus comparison.
    ShowBus(bool),
    /// Open a concept card.
    ShowConcept(&'static str),
    /// Open an exercise on its starting design.
    OpenExercise(&'static str),
    /// Check the open exercise's goal on the design (or its question's answer).
    CheckExercise,
    /// Ask for another tool's file and import it as a new design.
    Import,
    /// Import this file as a new design.
    ImportPath(PathBuf),
    /// Ask for a design file and compare the open design with it.
    CompareWith,
    /// Compare the open design with this file (taken as "before").
    CompareWithPath(PathBuf),
    /// Stop comparing.
    CloseComparison,
    /// Ask where, then save the comparison as one HTML page.
    ExportComparison,
    /// Bring a point of the design into view.
    RevealAt(Pos),
    /// Open or close the Flows section of the side panel.
    FlowsOpen(bool),
    /// Show a flow on the canvas (or none).
    ShowFlow(Option<u32>),
    /// Make a flow through these links, in this order.
    NewFlow(Vec<LinkId>),
    /// Put this flow in place of the one with its id, if its steps follow on.
    CheckedFlow(crate::model::Flow, &'static str),
    /// Show a finding's details (or close them).
    ShowFinding(Option<FindingKey>),
    /// Ask for a reason, a name and a last day, then accept the finding.
    Accept(&'static str, crate::analysis::Subject),
    /// Remove the waiver with this index: its finding counts again.
    Reopen(usize),
    /// Put the side panels back to their default sizes.
    ResetLayout,
    /// Save (asking where if the design has no file), then run this.
    SaveThen(Box<Command>),
    /// Lose the unsaved changes (and their recovery copy), then run this.
    DiscardThen(Box<Command>),
    /// Open a recovered copy of unsaved changes as one undoable step.
    Recover(Box<crate::recovery::Recovered>),
    /// Delete a recovery copy for good.
    DiscardRecovery(PathBuf),
    /// Open an imported design as a new design that has no file yet.
    OpenImported {
        /// The file read.
        file: String,
        /// The new document's title.
        title: String,
        /// The design.
        design: Box<Design>,
    },
    /// The window's own file dialog was answered: the file chosen, or none.
    Chosen(Purpose, Option<PathBuf>),
    /// Stop waiting for the file being opened in the background.
    CancelOpen,
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
    /// Just this system.
    pub fn of_system(id: SystemId) -> Self {
        Self {
            systems: vec![id],
            links: vec![],
        }
    }

    /// Just this link.
    pub fn of_link(id: LinkId) -> Self {
        Self {
            systems: vec![],
            links: vec![id],
        }
    }

    pub(super) fn clear(&mut self) {
        self.systems.clear();
        self.links.clear();
    }

    pub(super) fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
        match list.iter().position(|x| *x == item) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(item),
        }
    }
}

/// A finding, named by its rule and subject: the one whose details are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingKey {
    /// The rule's id.
    pub rule: &'static str,
    /// What it is about.
    pub subject: Subject,
}

impl FindingKey {
    /// The key of `finding`.
    pub fn of(finding: &crate::analysis::findings::Finding) -> Self {
        Self {
            rule: finding.rule.id,
            subject: finding.subject,
        }
    }

    /// Whether `finding` is the one this names.
    pub fn names(&self, finding: &crate::analysis::findings::Finding) -> bool {
        *self == Self::of(finding)
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
