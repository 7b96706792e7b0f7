//! The questions and reports shown over the window: unsaved changes, a file that
//! cannot be opened, a recovery copy, an error. Each says what its buttons do next, and
//! Escape answers with the safe choice.

use super::app::PatchbayApp;
use super::commands::Command;

/// A question or report shown over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The design has unsaved changes; `then` runs after Save or Discard.
    Unsaved { then: Box<Command> },
    /// A file could not be opened; the current design is untouched.
    Problems { file: String, problems: Vec<String> },
    /// Something else went wrong.
    Error(String),
    /// A window that crashed or was killed left unsaved changes.
    Recover(Box<crate::recovery::Recovered>),
}

impl PatchbayApp {
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let mut close = false;
        let mut then: Option<Command> = None;
        // Escape answers every prompt as its safe choice: Cancel, or Close.
        let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if escape {
            close = true;
        }
        egui::Modal::new(egui::Id::new("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Unsaved { then: next } => {
                    ui.heading("Unsaved changes");
                    ui.label(format!(
                        "\"{}\" has changes that are not saved. {}",
                        self.doc.title,
                        match &**next {
                            Command::Quit => "Patchbay is about to close.",
                            Command::New => "A new design is about to replace it.",
                            _ => "Another design is about to replace it.",
                        }
                    ));
                    ui.label(
                        egui::RichText::new(
                            "Save writes it to its file first (asking where if it has none), \
                             then goes on. Discard goes on and loses the changes. Cancel \
                             (or Escape) goes back to the design as it is.",
                        )
                        .small(),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            // What was asked for runs once the save has succeeded,
                            // also when the file is chosen in the window's own dialog.
                            self.after_save = Some((**next).clone());
                            self.run(ctx, Command::Save);
                            close = true;
                        }
                        if ui.button("Discard changes").clicked() {
                            // Losing them is what was asked: no recovery copy either.
                            if let Some(autosave) = &self.autosave {
                                autosave.clear();
                            }
                            self.autosaved = None;
                            self.discarding = matches!(**next, Command::Quit);
                            then = Some((**next).clone());
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Problems { file, problems } => {
                    ui.heading("This file cannot be opened");
                    ui.label(format!(
                        "{file} has {} problem{}. Your current design is unchanged; fix \
                         the file at the places below and open it again.",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ));
                    egui::ScrollArea::vertical()
                        .max_height(300.0)
                        .show(ui, |ui| {
                            for p in problems {
                                ui.monospace(p);
                            }
                        });
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
                Dialog::Recover(copy) => {
                    ui.heading("Recover unsaved changes?");
                    ui.label(format!(
                        "Patchbay closed without saving {}.",
                        copy.describe(std::time::SystemTime::now())
                    ));
                    ui.label(
                        egui::RichText::new(
                            "Recover opens them as one step you can undo; nothing is \
                             written to your file until you save. Discard deletes the copy \
                             for good. Later (or Escape) keeps it for the next start.",
                        )
                        .small(),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Recover").clicked() {
                            self.recover(copy);
                            close = true;
                        }
                        if ui.button("Discard").clicked() {
                            crate::recovery::discard(&copy.file);
                            self.status = "Discarded the recovery copy".into();
                            close = true;
                        }
                        if ui.button("Later").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Error(message) => {
                    ui.heading("Something went wrong");
                    ui.label(message);
                    ui.label(
                        egui::RichText::new(
                            "Your design is unchanged. Close (or Escape) goes back to it.",
                        )
                        .small(),
                    );
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
            }
        });
        if close {
            self.dialog = None;
        }
        if let Some(c) = then {
            self.run(ctx, c);
        }
    }
}
