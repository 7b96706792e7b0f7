//! The command runner: every panel, dialog and shortcut queues a [`Command`]; they
//! run here, in one place after the frame, so every gesture is one undo step, tests
//! can drive it all, and this is the only code that changes the document. The
//! commands on files are in `files`, the edits that need more than one line in
//! `edits`.

mod edits;
mod files;
mod view;

use super::app::PatchbayApp;
use super::command::{Command, Purpose, Selection};
use super::dialogs::Dialog;
use crate::document::Document;

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

    /// Runs a command now, without asking about unsaved changes: one line each, the
    /// work in `files`, `edits` and `view`.
    pub(in crate::ui) fn run(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::New => self.new_design(),
            Command::Present(on) => self.present(ctx, on),
            Command::TogglePresent => self.present(ctx, self.presenting.is_none()),
            Command::UiZoom(Some(true)) => egui::gui_zoom::zoom_in(ctx),
            Command::UiZoom(Some(false)) => egui::gui_zoom::zoom_out(ctx),
            Command::UiZoom(None) => ctx.set_zoom_factor(1.0),
            Command::KeyboardHelp(open) => self.shown.keyboard_help = open,
            Command::FocusCanvas => {
                let canvas = self.canvas.keys_id();
                ctx.memory_mut(|m| m.request_focus(canvas));
            }
            Command::Slide(forward) => self.slide(forward),
            Command::Theme(preference) => {
                self.theme = preference;
                crate::ui::theme::apply(ctx, preference);
            }
            Command::Open => self.ask_open(Purpose::Open),
            Command::OpenPath(path) => self.open_path(&path),
            Command::TakeOpened => self.take_opened(),
            Command::OpenSample(i) => self.open_sample(i),
            Command::Save => self.save(),
            Command::SaveAs => self.save_as(),
            Command::CopyLink => self.copy_link(ctx),
            Command::SaveTo(path) => self.save_to(path),
            Command::Export(format) => self.ask_export(format),
            Command::Edit(edit) => self.doc.apply(edit),
            Command::EditMerged(edit) => self.doc.apply_merged(edit),
            Command::EditUnder(edit, key) => self.doc.apply_merged_under(edit, key),
            Command::Undo => _ = self.doc.undo(),
            Command::Redo => _ = self.doc.redo(),
            Command::AddSystem(kind) => self.add_system(kind, self.on_canvas.view_center),
            Command::AddSystemAt(kind, at) => self.add_system(kind, at),
            Command::Delete => self.delete_selection(),
            Command::Duplicate => self.duplicate(),
            Command::Connect => self.connect(),
            Command::ConnectTo(from, to) => self.connect_to(from, to),
            Command::Reverse(id) => self.reverse(id),
            Command::AutoLayout => self.auto_layout(),
            Command::Fit => self.canvas.fit(),
            Command::Zoom(z) => self.canvas.zoom_to(z),
            Command::StartRename(id) => self.start_rename(id),
            Command::SelectSystem(id) => self.selection = Selection::of_system(id),
            Command::SelectLink(id) => self.selection = Selection::of_link(id),
            Command::Reveal(subject) => self.reveal(subject),
            Command::ConnectMode(on) => self.on_canvas.connect_mode = on,
            Command::SetInput { link, attr, value } => self.set_input(link, attr, value),
            Command::IntroduceBus => self.introduce_bus(),
            Command::ShowBus(open) => self.learn.bus_open = open,
            Command::ShowConcept(id) => self.learn.concept = Some(id),
            Command::OpenExercise(id) => self.open_exercise(id),
            Command::CheckExercise => self.check_exercise(),
            Command::ShowFinding(shown) => self.shown.finding = shown,
            Command::ShowFlow(id) => self.show_flow(id),
            Command::FlowsOpen(open) => self.shown.flows_open = open,
            Command::NewFlow(steps) => self.new_flow(steps),
            Command::CheckedFlow(flow, label) => _ = self.checked_flow(flow, label),
            Command::Import => self.ask_open(Purpose::Import),
            Command::ImportPath(path) => self.import_path(&path),
            Command::CompareWith => self.ask_open(Purpose::Compare),
            Command::CompareWithPath(path) => self.compare_with(path),
            Command::CloseComparison => self.close_comparison(),
            Command::ExportComparison => self.ask_export_comparison(),
            Command::RevealAt(at) => self.canvas.reveal(at),
            Command::Accept(rule, subject) => self.ask_accept(rule, subject),
            Command::Reopen(i) => self.reopen(i),
            Command::ResetLayout => self.reset_layout(ctx),
            Command::SaveThen(next) => self.save_then(*next),
            Command::DiscardThen(next) => self.discard_then(ctx, *next),
            Command::Recover(copy) => self.recover(&copy),
            Command::DiscardRecovery(file) => self.discard_recovery(&file),
            Command::OpenImported {
                file,
                title,
                design,
            } => self.open_imported(&file, title, *design),
            Command::Chosen(purpose, answer) => self.chosen(purpose, answer),
            Command::CancelOpen => self.cancel_open(),
            Command::Quit => self.quit(ctx),
        }
    }

    pub(in crate::ui) fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.doc.set_waker(self.waker.clone());
        // An exercise belongs to the design it opened with.
        self.learn.close();
        self.selection.clear();
        self.on_canvas.renaming = None;
        self.canvas.fit();
    }
}
