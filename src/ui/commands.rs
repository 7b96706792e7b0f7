//! What the user can ask for, and running it: every panel and shortcut queues a
//! [`Command`]; they run in one place after the frame, so every gesture is one undo
//! step and tests can drive it all.

use super::app::PatchbayApp;
use super::dialogs::Dialog;
use super::files::{Picked, Purpose, file_stem};
use crate::document::Document;
use crate::model::edit::Edit;
use crate::model::{self, Design, Link, LinkId, Pos, SystemId, SystemKind};
use crate::samples;
use std::path::PathBuf;

/// Something the user asked for, applied after the frame.
#[derive(Clone, Debug)]
pub enum Command {
    /// Start an empty design.
    New,
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
    /// Save to this file.
    SaveTo(PathBuf),
    /// Ask where, then export in this format.
    Export(crate::export::ExportFormat),
    /// Apply an edit as one undo step.
    Edit(Edit),
    /// Apply an edit, merged with the previous one while the same field of the same
    /// items is being edited.
    EditMerged(Edit),
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
    ShowFinding(Option<super::findings::Shown>),
    /// Ask for a reason, a name and a last day, then accept the finding.
    Accept(&'static str, crate::analysis::Subject),
    /// Remove the waiver with this index: its finding counts again.
    Reopen(usize),
    /// Put the side panels back to their default sizes.
    ResetLayout,
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

/// Commands that throw the current design away, and so ask first when it has changes.
fn discards(c: &Command) -> bool {
    matches!(
        c,
        Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::TakeOpened
            | Command::OpenSample(_)
            | Command::OpenExercise(_)
            | Command::Import
            | Command::ImportPath(_)
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
        // What an edit did to flows and waivers besides what it said.
        let notes = self.doc.take_notes();
        if !notes.is_empty() {
            let step = self.doc.history_labels().0.unwrap_or("The edit").to_owned();
            self.status = format!(
                "{step}: {}. Undo puts {} back.",
                notes.join("; "),
                if notes.len() == 1 { "it" } else { "them" }
            );
        }
    }

    /// Runs a command now, without asking about unsaved changes.
    pub(super) fn run(&mut self, ctx: &egui::Context, c: Command) {
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
            Command::TakeOpened => {
                if let Some((path, doc)) = self.opened_waiting.take() {
                    self.opened(&path, Ok(doc));
                }
            }
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
                    Picked::Path(path) => self.save_to(model::file::with_extension(path)),
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
                if let Some(edit) = Edit::reverse(self.doc.design(), id) {
                    self.doc.apply(edit);
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
            Command::ConnectMode(on) => self.connect_mode = on,
            Command::SetInput { link, attr, value } => {
                match crate::learn::set_input(self.doc.design(), link, attr, value) {
                    Ok(edit) => self.doc.apply(edit),
                    Err(why) => self.status = format!("Cannot change {}: {why}", attr.field()),
                }
            }
            Command::IntroduceBus => match crate::model::bus::introduce(self.doc.design()) {
                Some(edit) => {
                    self.status = format!("{}. Undo puts the direct links back.", edit.label);
                    self.doc.apply(edit);
                    self.selection.clear();
                    self.canvas.fit();
                }
                None => self.status = "Every link already goes through a middleware system.".into(),
            },
            Command::ShowBus(open) => self.learn.bus_open = open,
            Command::ShowConcept(id) => self.learn.concept = Some(id),
            Command::OpenExercise(id) => {
                if let Some(e) = crate::learn::exercises::get(id) {
                    self.replace(
                        Document::unsaved(e.start(), format!("Exercise: {}", e.title))
                            .with_header(model::leading_comments(e.design)),
                    );
                    self.learn.start(e);
                    // A question is about one link: show it, recommendations hidden.
                    if let crate::learn::exercises::Goal::Choose { .. } = e.goal {
                        if let [only] = &self.doc.design().links[..] {
                            self.selection.links.push(only.id);
                        }
                    }
                }
            }
            Command::CheckExercise => {
                if let Some(problem) = self.learn.check(&self.doc) {
                    self.status = problem;
                }
            }
            Command::ShowFinding(shown) => self.shown_finding = shown,
            Command::ShowFlow(id) => {
                self.shown_flow = id;
                if id.is_some() {
                    self.flows_open = true;
                }
                // The whole flow in view: every step's route and both its ends.
                let design = self.doc.design();
                let geometry = self.doc.geometry();
                let area = id
                    .and_then(|id| design.flows.iter().find(|f| f.id == id))
                    .into_iter()
                    .flat_map(|f| f.steps.iter())
                    .filter_map(|l| geometry.link(*l))
                    .flat_map(|l| {
                        let ends = [l.from, l.to]
                            .into_iter()
                            .filter_map(|s| geometry.system(s).map(|s| s.rect));
                        let route = l
                            .route
                            .iter()
                            .map(|p| crate::geometry::Rect::centered(*p, 0.0, 0.0));
                        ends.chain(route).collect::<Vec<_>>()
                    })
                    .reduce(|a, b| a.union(&b));
                if let Some(area) = area {
                    self.canvas.fit_area(area.grow(20.0));
                }
            }
            Command::FlowsOpen(open) => self.flows_open = open,
            Command::NewFlow(steps) => self.new_flow(steps),
            Command::CheckedFlow(flow, label) => {
                self.checked_flow(flow, label);
            }
            Command::Import => match self.dialogs.open() {
                Picked::Path(path) => self.import_path(&path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.builtin_dialog(Purpose::Import, ""),
            },
            Command::ImportPath(path) => self.import_path(&path),
            Command::CompareWith => match self.dialogs.open() {
                Picked::Path(path) => self.compare_with(path),
                Picked::Cancelled => {}
                Picked::Unavailable => self.builtin_dialog(Purpose::Compare, ""),
            },
            Command::CompareWithPath(path) => self.compare_with(path),
            Command::CloseComparison => {
                self.compare = None;
                self.status = "Stopped comparing".into();
            }
            Command::ExportComparison => {
                if self.compare.is_some() {
                    let suggested = format!("{}-changes.html", file_stem(&self.doc.design().name));
                    match self.dialogs.save(&suggested) {
                        Picked::Path(path) => self.export_comparison(&path),
                        Picked::Cancelled => {}
                        Picked::Unavailable => {
                            self.builtin_dialog(Purpose::ExportComparison, &suggested)
                        }
                    }
                }
            }
            Command::RevealAt(at) => self.canvas.reveal(at),
            Command::Accept(rule, subject) => {
                self.dialog = Some(Dialog::Accept(Box::new(super::dialogs::AcceptForm {
                    rule,
                    subject,
                    reason: String::new(),
                    by: String::new(),
                    until: String::new(),
                    problem: None,
                })));
            }
            Command::Reopen(i) => {
                if let Some(edit) = Edit::reopen(self.doc.design(), i) {
                    self.doc.apply(edit);
                }
            }
            Command::ResetLayout => {
                self.panels.reset();
                ctx.data_mut(|d| {
                    for id in [
                        super::app::PALETTE,
                        super::app::INSPECTOR,
                        super::app::FINDINGS,
                        super::app::EXERCISE,
                    ] {
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

    pub(super) fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.doc.set_waker(self.waker.clone());
        // An exercise belongs to the design it opened with.
        self.learn.close();
        self.selection.clear();
        self.renaming = None;
        self.canvas.fit();
    }

    /// Copies the selection (and the links between its systems): the first copy goes
    /// on the nearest free spot below and right of its original, as a palette add
    /// would, and the others keep their places relative to it.
    pub(super) fn duplicate(&mut self) {
        let geometry = self.doc.geometry();
        let drawn = |s: &crate::model::System| {
            geometry
                .system(s.id)
                .map(|shape| shape.rect.center())
                .or(s.position)
                .unwrap_or_default()
        };
        let design = self.doc.design();
        let Some(first) = self
            .selection
            .systems
            .iter()
            .find_map(|id| design.system(*id))
        else {
            return;
        };
        let from = drawn(first);
        let to = geometry.free_spot(Pos {
            x: from.x + 40.0,
            y: from.y + 40.0,
        });
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        let (edit, copies) = Edit::duplicate(design, &self.selection.systems, |s| {
            let p = drawn(s);
            Pos {
                x: p.x + dx,
                y: p.y + dy,
            }
        });
        self.selection = Selection {
            systems: copies,
            links: vec![],
        };
        self.doc.apply(edit);
    }

    pub(super) fn connect(&mut self) {
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

    pub(super) fn reveal(&mut self, subject: crate::analysis::Subject) {
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
}
