//! The command runner: every panel, dialog and shortcut queues a [`Command`]; they
//! run here, in one place after the frame, so every gesture is one undo step, tests
//! can drive it all, and this is the only code that changes the document. The
//! commands on files are in `files`, the edits that need more than one line in
//! `edits`.

mod edits;
mod files;

use super::app::PatchbayApp;
use super::command::{Command, Purpose, Selection};
use super::dialogs::Dialog;
use super::files::{Picked, file_stem};
use crate::document::Document;
use crate::model::edit::Edit;
use crate::model::{self, Design};
use crate::samples;

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
    pub(in crate::ui) fn run_commands(&mut self, ctx: &egui::Context) {
        // A command may queue another (what a save was for): that runs in this frame
        // too, a few rounds at most.
        for _ in 0..4 {
            let queued = std::mem::take(&mut self.queue);
            if queued.is_empty() {
                break;
            }
            for c in queued {
                if discards(&c) && self.doc.is_dirty() {
                    self.dialog = Some(Dialog::Unsaved { then: Box::new(c) });
                    continue;
                }
                self.run(ctx, c);
            }
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
    pub(in crate::ui) fn run(&mut self, ctx: &egui::Context, c: Command) {
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
            Command::SaveThen(next) => {
                self.after_save = Some(*next);
                self.run(ctx, Command::Save);
            }
            Command::DiscardThen(next) => {
                if let Some(autosave) = &self.autosave {
                    autosave.clear();
                }
                self.autosaved = None;
                self.discarding = matches!(*next, Command::Quit);
                self.run(ctx, *next);
            }
            Command::Recover(copy) => self.recover(&copy),
            Command::DiscardRecovery(file) => {
                crate::recovery::discard(&file);
                self.status = "Discarded the recovery copy".into();
            }
            Command::OpenImported {
                file,
                title,
                design,
            } => {
                self.replace(Document::unsaved(*design, title).marked_unsaved());
                self.status = format!("Imported {file}");
            }
            Command::Chosen(purpose, answer) => self.chosen(purpose, answer),
            Command::CancelOpen => self.cancel_open(),
            Command::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(in crate::ui) fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.doc.set_waker(self.waker.clone());
        // An exercise belongs to the design it opened with.
        self.learn.close();
        self.selection.clear();
        self.renaming = None;
        self.canvas.fit();
    }
}
