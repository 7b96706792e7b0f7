//! The questions and reports shown over the window: unsaved changes, a file that
//! cannot be opened, a recovery copy, an error. Each says what its buttons do next, and
//! Escape answers with the safe choice.

use super::command::Command;
use crate::document::Document;

/// A question or report shown over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The design has unsaved changes; `then` runs after Save or Discard.
    Unsaved { then: Box<Command> },
    /// A file could not be opened; the current design is untouched.
    Problems { file: String, problems: Vec<String> },
    /// Something else went wrong.
    Error(String),
    /// Copy Link: the design would need a link this many characters long, too long
    /// for one; the file is offered as a download instead.
    TooLargeForLink(usize),
    /// A window that crashed or was killed left unsaved changes.
    Recover(Box<crate::recovery::Recovered>),
    /// Accept a finding: why, who, until when.
    Accept(Box<AcceptForm>),
    /// An import read: what it guessed, before the design opens.
    Imported {
        /// The file read.
        file: String,
        /// The new document's title.
        title: String,
        /// The design and the report.
        imported: Box<crate::interop::Imported>,
    },
}

impl Dialog {
    /// The problems of `file`, each with its place in it (`file:line:col: message`).
    pub fn problems(file: String, problems: &[crate::model::Problem]) -> Self {
        Self::Problems {
            problems: problems
                .iter()
                .map(|p| p.display_in(&file).to_string())
                .collect(),
            file,
        }
    }
}

/// What the Accept dialog asks for.
#[derive(Clone, Debug)]
pub struct AcceptForm {
    /// The finding's rule.
    pub rule: &'static str,
    /// Its subject.
    pub subject: crate::analysis::Subject,
    /// Why it is accepted.
    pub reason: String,
    /// Who accepts it.
    pub by: String,
    /// The last day it holds, `YYYY-MM-DD`, or empty for good.
    pub until: String,
    /// What is wrong with the answers, once Accept was pressed.
    pub problem: Option<String>,
}

impl AcceptForm {
    /// The waiver these answers make, or what is missing.
    fn waiver(&self, doc: &Document) -> Result<crate::model::Waiver, String> {
        use crate::analysis::Subject;
        if self.reason.trim().is_empty() || self.by.trim().is_empty() {
            return Err("Say why it is accepted and who accepts it.".into());
        }
        let until = self.until.trim();
        if !until.is_empty() {
            let Some(day) = crate::model::Date::parse(until) else {
                return Err(format!(
                    "\"{until}\" is not a day: write it as YYYY-MM-DD, or leave it empty."
                ));
            };
            let today = crate::model::Date::today();
            if day < today {
                return Err(format!(
                    "{until} has passed (today is {today}): the waiver would lapse at once. \
                     Give a day from today on, or leave it empty."
                ));
            }
        }
        let analysis = doc.analysis();
        Ok(crate::model::Waiver {
            rule: self.rule.to_owned(),
            system: match self.subject {
                Subject::System(id) => Some(id),
                _ => None,
            },
            link: match self.subject {
                Subject::Link(id) => Some(id),
                _ => None,
            },
            reason: self.reason.trim().to_owned(),
            by: self.by.trim().to_owned(),
            until: (!until.is_empty()).then(|| until.to_owned()),
            seen: crate::analysis::waivers::fingerprint(
                doc.design(),
                &analysis.links,
                self.subject,
            ),
        })
    }
}

/// Shows the open dialog, if any, and returns what its buttons asked for; closes it
/// once answered. The dialog's fields are edited in place.
pub(super) fn dialog_ui(
    ctx: &egui::Context,
    open: &mut Option<Dialog>,
    doc: &Document,
) -> Vec<Command> {
    let Some(dialog) = open else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    // Escape answers every prompt as its safe choice: Cancel, or Close.
    let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    let mut close = escape;
    egui::Modal::new(egui::Id::new("dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        close |= match dialog {
            Dialog::Unsaved { then } => unsaved_ui(ui, doc, then, &mut commands),
            Dialog::Problems { file, problems } => problems_ui(ui, file, problems),
            Dialog::Recover(copy) => recover_ui(ui, copy, &mut commands),
            Dialog::Accept(form) => accept_ui(ui, doc, form, &mut commands),
            Dialog::Imported {
                file,
                title,
                imported,
            } => imported_ui(ui, file, title, imported, &mut commands),
            Dialog::Error(message) => error_ui(ui, message),
            Dialog::TooLargeForLink(chars) => too_large_ui(ui, *chars, &mut commands),
        };
    });
    if close {
        *open = None;
    }
    commands
}

/// Unsaved changes: Save, Discard or Cancel before `next`.
fn unsaved_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    next: &Command,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    ui.heading("Unsaved changes");
    ui.label(format!(
        "\"{}\" has changes that are not saved. {}",
        doc.title,
        match next {
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
            commands.push(Command::SaveThen(Box::new(next.clone())));
            close = true;
        }
        if ui.button("Discard changes").clicked() {
            // Losing them is what was asked: no recovery copy either.
            commands.push(Command::DiscardThen(Box::new(next.clone())));
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}

/// A file that cannot be opened, and where.
fn problems_ui(ui: &mut egui::Ui, file: &str, problems: &[String]) -> bool {
    let mut close = false;
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
    close
}

/// A recovery copy: Recover, Discard or Later.
fn recover_ui(
    ui: &mut egui::Ui,
    copy: &crate::recovery::Recovered,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    ui.heading("Recover unsaved changes?");
    ui.label(format!(
        "Patchbay closed without saving {}.",
        copy.describe(web_time::SystemTime::now())
    ));
    if !copy.problems.is_empty() {
        ui.label(if copy.design.is_some() {
            "The copy does not open as it was written:"
        } else {
            "This build cannot open the copy:"
        });
        egui::ScrollArea::vertical()
            .max_height(160.0)
            .show(ui, |ui| {
                for p in &copy.problems {
                    ui.monospace(p);
                }
            });
    }
    let explain = match (&copy.design, copy.set_aside.is_empty()) {
        (Some(_), true) => "Recover opens them as one step you can undo; nothing is \
                 written to your file until you save. Discard deletes the copy \
                 for good. Later (or Escape) keeps it for the next start."
            .to_owned(),
        (Some(_), false) => format!(
            "Recover opens it with {} set aside, as one step you can undo; \
                 nothing is written to your file until you save. Later (or \
                 Escape) keeps the copy as it is for the next start; Discard \
                 deletes it for good.",
            copy.set_aside.join("; ")
        ),
        (None, _) => format!(
            "Later (or Escape) keeps the copy at {} for the next start; a text \
                 editor can take what you need from it. Discard deletes it for good.",
            copy.file.display()
        ),
    };
    ui.label(egui::RichText::new(explain).small());
    ui.horizontal(|ui| {
        if copy.design.is_some() {
            let recover = if copy.set_aside.is_empty() {
                "Recover"
            } else {
                "Recover with those set aside"
            };
            if ui.button(recover).clicked() {
                commands.push(Command::Recover(Box::new(copy.clone())));
                close = true;
            }
        }
        if ui.button("Discard").clicked() {
            commands.push(Command::DiscardRecovery(copy.file.clone()));
            close = true;
        }
        if ui.button("Later").clicked() {
            close = true;
        }
    });
    close
}

/// The Accept form: why, who, until when.
fn accept_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    form: &mut AcceptForm,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    ui.heading(format!("Accept {}", form.rule));
    ui.label(format!(
        "The finding on {} will be listed apart, will not fail a --fail-on \
             gate, and comes back when its last day has passed or its subject \
             changes in a way the analysis reads.",
        super::theme::plain(&form.subject.name(doc.design()))
    ));
    egui::Grid::new("accept").num_columns(2).show(ui, |ui| {
        let caption = ui.label("Why");
        ui.text_edit_multiline(&mut form.reason)
            .labelled_by(caption.id);
        ui.end_row();
        let caption = ui.label("Accepted by");
        ui.text_edit_singleline(&mut form.by)
            .labelled_by(caption.id);
        ui.end_row();
        let caption = ui.label("Last day");
        ui.add(
            egui::TextEdit::singleline(&mut form.until).hint_text("YYYY-MM-DD, or empty for good"),
        )
        .labelled_by(caption.id);
        ui.end_row();
    });
    if let Some(problem) = &form.problem {
        ui.label(egui::RichText::new(problem).color(super::theme::meaning(
            ui.visuals(),
            super::theme::Meaning::Bad,
        )));
    }
    ui.horizontal(|ui| {
        if ui.button("Accept").clicked() {
            match form.waiver(doc) {
                Ok(w) => {
                    let edit = crate::model::edit::Edit::accept(doc.design(), w);
                    commands.push(Command::Edit(edit));
                    close = true;
                }
                Err(problem) => form.problem = Some(problem),
            }
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}

/// What an import guessed, before the design opens.
fn imported_ui(
    ui: &mut egui::Ui,
    file: &str,
    title: &str,
    imported: &crate::interop::Imported,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    ui.heading("Import");
    ui.label(format!(
        "{file}: {} and {}.",
        crate::report::counted(imported.design.systems.len(), "system"),
        crate::report::counted(imported.design.links.len(), "link")
    ));
    if imported.report.is_empty() {
        ui.label("Nothing had to be guessed.");
    } else {
        ui.label("What the import guessed (correct it in the inspector, or in the file):");
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .show(ui, |ui| {
                for line in &imported.report {
                    ui.label(super::theme::plain(line));
                }
            });
    }
    ui.label(
        egui::RichText::new(
            "Open makes it a new design that is not saved to a file yet; \
                 Cancel (or Escape) keeps the current one.",
        )
        .small(),
    );
    ui.horizontal(|ui| {
        if ui.button("Open").clicked() {
            commands.push(Command::OpenImported {
                file: file.to_owned(),
                title: title.to_owned(),
                design: Box::new(imported.design.clone()),
            });
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}

fn grouped(n: usize) -> String {
    crate::analysis::facts::grouped(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Copy Link on a design too large for a link: download the file instead, or not.
fn too_large_ui(ui: &mut egui::Ui, chars: usize, commands: &mut Vec<Command>) -> bool {
    let mut close = false;
    ui.heading("Too large for a link");
    ui.label(format!(
        "This design would need a link of {} characters, more than the {} a link \
         carries safely. Send the design file instead: it opens in Patchbay, in the \
         browser or on the desktop.",
        grouped(chars),
        grouped(crate::share::MAX_PAYLOAD_CHARS),
    ));
    ui.horizontal(|ui| {
        if ui.button("Download the file").clicked() {
            commands.push(Command::SaveAs);
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}

/// Something else went wrong.
fn error_ui(ui: &mut egui::Ui, message: &str) -> bool {
    let mut close = false;
    ui.heading("Something went wrong");
    ui.label(message);
    ui.label(
        egui::RichText::new("Your design is unchanged. Close (or Escape) goes back to it.").small(),
    );
    if ui.button("Close").clicked() {
        close = true;
    }
    close
}
