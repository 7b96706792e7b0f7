//! Learn mode in the window: the Learn menu, the open exercise (task, hints, a
//! question's answers, Check my answer), concept cards, and the bus side by side.

use super::command::Command;
use super::explanation::concept_links;
use crate::analysis::esb::Esb;
use crate::document::Document;
use crate::learn::bus::SideBySide;
use crate::learn::concepts::{self, CONCEPTS};
use crate::learn::exercises::{self, Exercise, Feedback, Goal};
use crate::learn::progress::{Progress, Status};
use egui::{Color32, RichText};
use std::path::PathBuf;

/// Learn mode's state: the open exercise and how far the student got with it, the
/// progress kept between runs, the open concept card and the bus comparison.
#[derive(Default)]
pub struct Learn {
    /// The open exercise.
    pub(super) exercise: Option<&'static Exercise>,
    /// How many of its hints are shown.
    pub(super) hints: usize,
    /// The answer picked for a question.
    pub(super) answer: Option<&'static str>,
    /// What the last check said.
    pub(super) feedback: Option<Feedback>,
    /// The question was answered, so the recommendations may be shown.
    pub(super) answered: bool,
    /// Exercises tried and solved.
    pub(super) progress: Progress,
    /// Where the progress is kept; nowhere in tests.
    pub(super) progress_path: Option<PathBuf>,
    /// The open concept card.
    pub(super) concept: Option<&'static str>,
    /// The bus comparison is open.
    pub(super) bus_open: bool,
    /// The comparison for a document revision, computed when first shown after a change.
    bus: Option<(u64, SideBySide)>,
    /// The document revision the feedback is of: an edit, undo or redo checks again.
    checked: u64,
}

impl Learn {
    /// Learn mode with the progress in `path` (none when `None`).
    pub fn with_progress(path: Option<PathBuf>) -> (Self, Option<String>) {
        let (progress, problem) = match path.as_deref().map(Progress::load) {
            Some(Ok(p)) => (p, None),
            Some(Err(e)) => (Progress::default(), Some(e)),
            None => (Progress::default(), None),
        };
        (
            Self {
                progress,
                progress_path: path,
                ..Self::default()
            },
            problem,
        )
    }

    /// Why the recommendations are hidden: a question not answered yet.
    pub(super) fn hidden(&self) -> Option<&'static str> {
        let e = self.exercise?;
        (e.is_choice() && !self.answered).then_some(
            "Hidden until you answer the exercise's question: pick an answer and press \
             Check my answer.",
        )
    }

    /// Starts an exercise (its design is opened by the caller).
    pub(super) fn start(&mut self, e: &'static Exercise) {
        self.exercise = Some(e);
        self.hints = 0;
        self.answer = None;
        self.feedback = None;
        self.answered = false;
    }

    /// Closes the open exercise: it belongs to the design it opened with, and another
    /// design (New, Open, a sample, an import) takes its place.
    pub(super) fn close(&mut self) {
        self.exercise = None;
        self.feedback = None;
        self.answer = None;
        self.answered = false;
        self.hints = 0;
    }

    /// Checks the open exercise on `doc`, records the result and returns a problem
    /// saving the progress, if any. A wrong answer to a question brings the next hint
    /// instead of the right answer, until the hints are used up.
    pub(super) fn check(&mut self, doc: &Document) -> Option<String> {
        let e = self.exercise?;
        let feedback = e.check_with_hints(doc.design(), self.answer, self.hints);
        self.checked = doc.revision();
        if e.is_choice() && self.answer.is_none() {
            self.feedback = Some(feedback);
            return None;
        }
        if let Some(next) = feedback.next_hint {
            self.hints = self.hints.max(next + 1).min(e.hints.len());
        } else {
            self.answered = true;
        }
        self.record(e.id, feedback)
    }

    /// Keeps the feedback true of the design shown: after an edit, an undo or a redo
    /// the goal is checked again ("Solved" is never shown for a design that no longer
    /// meets it). Returns a problem saving the progress, if any.
    pub(super) fn refresh(&mut self, doc: &Document) -> Option<String> {
        let e = self.exercise?;
        if self.feedback.is_none() || self.checked == doc.revision() {
            return None;
        }
        self.checked = doc.revision();
        // A question's answer stays as given; only the design moved.
        let mut feedback = e.check_with_hints(doc.design(), self.answer, e.hints.len());
        if e.is_choice() && !self.answered {
            // "It would be ... and that is not so here" may no longer hold: ask again.
            self.feedback = None;
            return None;
        }
        feedback.next_hint = None;
        self.record(e.id, feedback)
    }

    fn record(&mut self, id: &str, feedback: Feedback) -> Option<String> {
        let changed = self.progress.record(id, feedback.solved);
        self.feedback = Some(feedback);
        match (&self.progress_path, changed) {
            (Some(path), true) => self
                .progress
                .save(path)
                .err()
                .map(|e| format!("Progress not saved: {e}")),
            _ => None,
        }
    }

    /// The bus comparison for the document, computed once per revision.
    fn side_by_side(&mut self, doc: &Document) -> &SideBySide {
        let revision = doc.revision();
        if self.bus.as_ref().is_some_and(|(r, _)| *r != revision) {
            self.bus = None;
        }
        &self
            .bus
            .get_or_insert_with(|| (revision, SideBySide::of(doc.design())))
            .1
    }
}

/// The Learn menu: every exercise with its status, the concept cards, the bus.
pub(super) fn learn_menu(ui: &mut egui::Ui, progress: &Progress) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.menu_button("Learn", |ui| {
        ui.label(RichText::new("Exercises").strong());
        for e in exercises::ALL {
            let status = progress.status(e.id);
            let text = format!("{}  ({})", e.title, status.label());
            let text = match status {
                Status::Solved => RichText::new(text).color(solved(ui)),
                _ => RichText::new(text),
            };
            if ui.button(text).on_hover_text(e.task).clicked() {
                commands.push(Command::OpenExercise(e.id));
            }
        }
        ui.separator();
        ui.menu_button("Concepts", |ui| {
            for c in CONCEPTS {
                if ui.button(c.title).clicked() {
                    commands.push(Command::ShowConcept(c.id));
                }
            }
        });
        if ui.button("The bus, side by side").clicked() {
            commands.push(Command::ShowBus(true));
        }
    });
    commands
}

/// Green: solved and met conditions, readable in the window's theme.
fn solved(ui: &egui::Ui) -> Color32 {
    super::theme::meaning(ui.visuals(), super::theme::Meaning::Good)
}

/// Amber: what is not met yet, readable in the window's theme.
fn not_yet(ui: &egui::Ui) -> Color32 {
    super::theme::meaning(ui.visuals(), super::theme::Meaning::Pending)
}

/// The open exercise, in a panel of its own beside the canvas so it never covers the
/// design: the task, a question's answers, hints, Check my answer and its feedback.
pub(super) fn exercise_ui(ui: &mut egui::Ui, learn: &mut Learn) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(e) = learn.exercise else {
        return commands;
    };
    let mut close = false;
    egui::ScrollArea::vertical()
        .id_salt("exercise")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Exercise").small().weak());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    close = ui
                        .small_button("Close")
                        .on_hover_text("Close the exercise; the design stays open")
                        .clicked();
                });
            });
            ui.heading(e.title);
            ui.label(e.task);
            if let Goal::Choose { options, .. } = e.goal {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    for &option in options {
                        if ui
                            .selectable_label(learn.answer == Some(option), option)
                            .clicked()
                        {
                            learn.answer = Some(option);
                        }
                    }
                });
            }
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Check my answer").clicked() {
                    commands.push(Command::CheckExercise);
                }
                let left = e.hints.len() - learn.hints;
                if ui
                    .add_enabled(left > 0, egui::Button::new(format!("Hint ({left} left)")))
                    .clicked()
                {
                    learn.hints += 1;
                }
                if ui
                    .button("Start over")
                    .on_hover_text("Open the exercise's starting design again")
                    .clicked()
                {
                    commands.push(Command::OpenExercise(e.id));
                }
            });
            for (i, hint) in e.hints.iter().take(learn.hints).enumerate() {
                ui.label(RichText::new(format!("Hint {}: {hint}", i + 1)).italics());
            }
            if let Some(fb) = &learn.feedback {
                ui.separator();
                if fb.solved {
                    ui.label(RichText::new("Solved").strong().color(solved(ui)));
                } else {
                    ui.label(RichText::new("Not solved yet").strong().color(not_yet(ui)));
                }
                for (ok, line) in &fb.lines {
                    // A question's one line says "Right" or "Not ..." itself.
                    let mark = match (e.is_choice(), ok) {
                        (true, _) => "",
                        (false, true) => "Done: ",
                        (false, false) => "To do: ",
                    };
                    let color = if *ok { solved(ui) } else { not_yet(ui) };
                    ui.label(
                        RichText::new(super::theme::plain(&format!("{mark}{line}"))).color(color),
                    );
                }
            }
            ui.separator();
            concept_links(ui, e.concepts, &mut commands);
            ui.label(
                RichText::new(format!(
                    "Your progress is kept between runs: {}",
                    learn.progress.status(e.id).label()
                ))
                .small()
                .weak(),
            );
        });
    if close {
        learn.exercise = None;
        learn.feedback = None;
    }
    commands
}

/// The open concept card, with the exercises that practise it.
pub(super) fn concept_window(ctx: &egui::Context, learn: &mut Learn) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(card) = learn.concept.and_then(concepts::get) else {
        return commands;
    };
    let mut open = true;
    egui::Window::new(card.title)
        .id(egui::Id::new("concept"))
        .open(&mut open)
        .default_pos(egui::pos2(640.0, 80.0))
        .default_width(340.0)
        .show(ctx, |ui| {
            ui.label(card.body);
            ui.add_space(4.0);
            ui.label(RichText::new("Read more").strong());
            super::explanation::references_ui(ui, card.references, false);
            let mut practise = exercises::practising(card.id).peekable();
            if practise.peek().is_some() {
                ui.label(RichText::new("Practise it").strong());
                for e in practise {
                    if ui.link(e.title).clicked() {
                        commands.push(Command::OpenExercise(e.id));
                    }
                }
            }
            ui.label(
                RichText::new(format!("Facts checked {}", crate::standards::checked()))
                    .small()
                    .weak(),
            );
        });
    if !open {
        learn.concept = None;
    }
    commands
}

/// Today's links next to the same systems through one hub, with the counts and the
/// signals a hub would leave.
pub(super) fn bus_window(ctx: &egui::Context, learn: &mut Learn, doc: &Document) -> Vec<Command> {
    let mut commands = Vec::new();
    if !learn.bus_open {
        return commands;
    }
    let mut open = true;
    // Borrowed, not copied: the window is drawn every frame it is open.
    let side = learn.side_by_side(doc);
    egui::Window::new("The bus, side by side")
        .id(egui::Id::new("bus"))
        .open(&mut open)
        .default_pos(egui::pos2(240.0, 90.0))
        .default_width(560.0)
        .show(ctx, |ui| {
            let today = &side.today;
            ui.columns(2, |cols| {
                cols[0].label(RichText::new("Point-to-point today").strong());
                draw(&mut cols[0], doc, today, false);
                cols[0].label(format!(
                    "n = {} systems, p = {} connections",
                    today.systems, today.point_to_point
                ));
                cols[0].label(format!(
                    "A full mesh would need n(n-1)/2 = {}",
                    today.full_mesh
                ));
                cols[1].label(RichText::new("Through one hub").strong());
                draw(&mut cols[1], doc, today, true);
                match &side.with_hub {
                    Some(hub) => {
                        cols[1].label(format!("{} connections: one per system", hub.via_hub));
                        cols[1].label(format!("Verdict with the hub: {}", hub.verdict.label()));
                    }
                    None => {
                        cols[1].label("Every link already goes through a hub.");
                    }
                }
            });
            let (remain, gone) = side.signals();
            if !remain.is_empty() {
                ui.label(
                    RichText::new(
                        "Signals that remain with a hub (the hub is where they are handled)",
                    )
                    .strong(),
                );
                for k in remain {
                    ui.label(format!("• {}", k.label()));
                }
            }
            if !gone.is_empty() {
                ui.label(RichText::new("Signals a hub removes").strong());
                for k in gone {
                    ui.label(format!("• {}", k.label()));
                }
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        side.with_hub.is_some(),
                        egui::Button::new("Introduce a bus"),
                    )
                    .on_hover_text(
                        "Route every direct link through one middleware system (one undo step)",
                    )
                    .clicked()
                {
                    commands.push(Command::IntroduceBus);
                }
                concept_links(ui, &["esb", "point-to-point"], &mut commands);
            });
        });
    if !open {
        learn.bus_open = false;
    }
    commands
}

/// The systems that exchange data on a circle, with today's pairs as lines, or with
/// one spoke each to a hub in the middle.
fn draw(ui: &mut egui::Ui, doc: &Document, esb: &Esb, hub: bool) {
    let size = egui::vec2(ui.available_width().min(260.0), 200.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let design = doc.design();
    // The systems that take part, in design order.
    let mut taking_part: Vec<crate::model::SystemId> =
        design.links.iter().flat_map(|l| [l.from, l.to]).collect();
    taking_part.sort_unstable();
    taking_part.dedup();
    let n = taking_part.len().max(1);
    debug_assert!(esb.systems <= n);
    let center = rect.center();
    let radius = rect.height().min(rect.width()) * 0.4;
    let at = |i: usize| {
        let angle = std::f32::consts::TAU * i as f32 / n as f32 - std::f32::consts::FRAC_PI_2;
        center + radius * egui::vec2(angle.cos(), angle.sin())
    };
    let index = |id| taking_part.binary_search(&id).ok();
    let stroke = egui::Stroke::new(1.2, ui.visuals().text_color().gamma_multiply(0.6));
    if hub {
        for i in 0..taking_part.len() {
            painter.line_segment([center, at(i)], stroke);
        }
        painter.circle_filled(
            center,
            9.0,
            super::theme::kind_style(crate::model::SystemKind::Middleware).0,
        );
    } else {
        for l in design.links.iter() {
            if let (Some(a), Some(b)) = (index(l.from), index(l.to)) {
                painter.line_segment([at(a), at(b)], stroke);
            }
        }
    }
    let dot = if taking_part.len() > 60 { 2.5 } else { 6.0 };
    for (i, id) in taking_part.iter().enumerate() {
        let color = design
            .system(*id)
            .map_or(Color32::GRAY, |s| super::theme::kind_style(s.kind).0);
        painter.circle_filled(at(i), dot, color);
    }
    // Each dot's name on hover: the nearest dot within reach of the pointer.
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let reach = (dot + 6.0) * (dot + 6.0);
    let nearest = taking_part
        .iter()
        .enumerate()
        .map(|(i, id)| (at(i).distance_sq(pointer), *id))
        .filter(|(d, _)| *d <= reach)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let name = match nearest {
        Some((_, id)) => design.system(id).map(|s| super::theme::plain(&s.name)),
        None if hub && center.distance_sq(pointer) <= 15.0 * 15.0 => {
            Some("The hub: one middleware system every exchange passes through".to_owned())
        }
        None => None,
    };
    if let Some(name) = name {
        response.on_hover_text_at_pointer(name);
    }
}
