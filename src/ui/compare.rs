//! File > Compare with…: the open design against another file (taken as "before").
//! The canvas marks what the open design added in green and what it changed in amber,
//! and shows what it removed as red ghosts where they stood; a Changes window lists
//! every difference and selects what it names.

use super::canvas::Canvas;
use super::command::Command;
use super::theme::Meaning;
use crate::analysis::{Analysis, Subject};
use crate::document::Document;
use crate::geometry::Geometry;
use crate::model::{Design, Pos};
use crate::review::diff::{Diff, diff_analysed};
use egui::{Color32, Stroke};
use std::path::PathBuf;
use std::sync::Arc;

/// Green: in the open design only.
const ADDED: Color32 = Meaning::Good.hue();
/// Red: in the other design only.
const REMOVED: Color32 = Meaning::Bad.hue();
/// Amber: in both, changed.
const CHANGED: Color32 = Meaning::Pending.hue();

/// A comparison of the open design with another one.
pub struct Comparison {
    /// The other file.
    pub path: PathBuf,
    /// The other design ("before").
    pub before: Design,
    /// Its analysis, made once: only the open design changes.
    before_analysis: Analysis,
    /// Where the other design's items stood, for the ghosts.
    before_geometry: Arc<Geometry>,
    /// The comparison, for the open design's state it was made at.
    diff: Diff,
    /// That state: the revision, and whether its findings were current.
    of: (u64, bool),
}

impl Comparison {
    /// Compares `doc` with `before`, read from `path`.
    pub(super) fn new(path: PathBuf, before: Design, doc: &Document) -> Self {
        let before_analysis = crate::analysis::analyze(&before);
        let before_geometry = Arc::new(Geometry::new(&before, &before_analysis));
        let diff = diff_analysed(&before, &before_analysis, doc.design(), doc.analysis());
        Self {
            path,
            before,
            before_analysis,
            before_geometry,
            diff,
            of: (doc.revision(), doc.is_assessed()),
        }
    }

    /// The comparison (kept current with the open design).
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    /// Brings the comparison up to `doc` after an edit, from the analysis the
    /// document keeps (again once a large design's findings are current).
    pub(super) fn refresh(&mut self, doc: &Document) {
        let of = (doc.revision(), doc.is_assessed());
        if self.of != of {
            self.diff = diff_analysed(
                &self.before,
                &self.before_analysis,
                doc.design(),
                doc.analysis(),
            );
            self.of = of;
        }
    }
}

/// Marks the canvas: added and changed systems and links outlined, removed ones as
/// ghosts at the places they had.
pub(super) fn overlay(ui: &egui::Ui, c: &Comparison, canvas: &Canvas, geometry: &Geometry) {
    let painter = ui.painter().with_clip_rect(canvas.rect);
    let zoom = canvas.zoom();
    let outline = |id, color: Color32| {
        if let Some(r) = canvas.last_screen_rect(id) {
            painter.rect_stroke(
                r.expand(4.0),
                6.0,
                Stroke::new(3.0, color),
                egui::StrokeKind::Outside,
            );
        }
    };
    let route = |points: &[Pos], color: Color32, width: f32| {
        let screen: Vec<egui::Pos2> = points.iter().map(|p| canvas.to_screen(*p)).collect();
        painter.add(egui::Shape::line(
            screen,
            Stroke::new(width, color.gamma_multiply(0.55)),
        ));
    };
    let d = &c.diff;
    for a in &d.systems.added {
        outline(a.id, ADDED);
    }
    for ch in &d.systems.changed {
        outline(ch.after, CHANGED);
    }
    for a in &d.links.added {
        if let Some(l) = geometry.link(a.id) {
            route(&l.route, ADDED, 7.0);
        }
    }
    for ch in &d.links.changed {
        if let Some(l) = geometry.link(ch.after) {
            route(&l.route, CHANGED, 7.0);
        }
    }
    // Ghosts of what the open design no longer has, where it stood.
    for r in &d.links.removed {
        if let Some(l) = c.before_geometry.link(r.id) {
            let screen: Vec<egui::Pos2> = l.route.iter().map(|p| canvas.to_screen(*p)).collect();
            painter.extend(egui::Shape::dashed_line(
                &screen,
                Stroke::new(2.0, REMOVED),
                8.0,
                5.0,
            ));
        }
    }
    for r in &d.systems.removed {
        if let Some(s) = c.before_geometry.system(r.id) {
            let (a, b) = (
                canvas.to_screen(Pos {
                    x: s.rect.x0,
                    y: s.rect.y0,
                }),
                canvas.to_screen(Pos {
                    x: s.rect.x1,
                    y: s.rect.y1,
                }),
            );
            let rect = egui::Rect::from_two_pos(a, b);
            painter.rect_filled(rect, 6.0, REMOVED.gamma_multiply(0.18));
            let corners = [
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ];
            painter.extend(egui::Shape::dashed_line(
                &corners,
                Stroke::new(2.0, REMOVED),
                8.0,
                5.0,
            ));
            if zoom * 12.0 >= 7.0 {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("{} (removed)", super::theme::plain(&s.name)),
                    egui::FontId::proportional((12.0 * zoom).clamp(9.0, 16.0)),
                    super::theme::meaning(&painter.ctx().global_style().visuals, Meaning::Bad),
                );
            }
        }
    }
}

/// The Changes window: every difference, each naming what it is about; clicking one
/// selects it (a removed item: shows where it stood).
pub(super) fn changes_window(ctx: &egui::Context, c: &Comparison) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut open = true;
    egui::Window::new("Changes")
        .id(egui::Id::new("changes"))
        .open(&mut open)
        // Over the inspector, leaving the canvas and its marks in view.
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-390.0, 40.0))
        .default_width(370.0)
        .default_height(420.0)
        .show(ctx, |ui| {
            header(ui, c, &mut commands);
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| changes(ui, c, &mut commands));
        });
    if !open {
        commands.push(Command::CloseComparison);
    }
    commands
}

/// What is compared with what, the colours' key, and the window's buttons.
fn header(ui: &mut egui::Ui, c: &Comparison, commands: &mut Vec<Command>) {
    ui.label(
        egui::RichText::new(format!(
            "Compared with {} (before)",
            crate::fs::shown(&c.path)
        ))
        .small()
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        swatch(ui, ADDED, "added");
        swatch(ui, CHANGED, "changed");
        swatch(ui, REMOVED, "removed");
    });
    if c.diff.is_empty() {
        ui.label("The designs are the same.");
    }
    ui.horizontal(|ui| {
        if ui
            .button("Save as HTML…")
            .on_hover_text("One self-contained page to send a reviewer")
            .clicked()
        {
            commands.push(Command::ExportComparison);
        }
        if ui.button("Stop comparing").clicked() {
            commands.push(Command::CloseComparison);
        }
    });
}

/// One difference in its colour; clicking it runs `then`.
fn item(
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
    color: Color32,
    text: &str,
    then: Option<Command>,
) {
    let r = ui.add(
        egui::Label::new(egui::RichText::new(super::theme::plain(text)).color(color))
            .sense(egui::Sense::click()),
    );
    if r.clicked() {
        commands.extend(then);
    }
}

/// Zones, systems, links, flows or waivers: added, changed, removed, after a heading
/// naming them when there are any. A click on what is in the open design runs what
/// `show` gives (select it, show the flow); on a removed one, what `removed_at` gives
/// (for a system, show where it stood).
fn rows<Id: Copy>(
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
    (title, items): (&str, &crate::review::diff::Items<Id>),
    show: impl Fn(Id) -> Option<Command>,
    removed_at: impl Fn(Id) -> Option<Command>,
) {
    if items.added.is_empty() && items.changed.is_empty() && items.removed.is_empty() {
        return;
    }
    ui.strong(title);
    for a in &items.added {
        let then = show(a.id);
        item(ui, commands, ADDED, &format!("+ {}", a.name), then);
    }
    for ch in &items.changed {
        let what: Vec<String> = ch
            .fields
            .iter()
            .map(crate::review::render::field_text)
            .collect();
        let text = format!("~ {}: {}", ch.name, what.join("; "));
        item(ui, commands, CHANGED, &text, show(ch.after));
    }
    for r in &items.removed {
        item(
            ui,
            commands,
            REMOVED,
            &format!("- {}", r.name),
            removed_at(r.id),
        );
    }
}

/// Every difference: the design's fields, systems, links, recommendations, findings
/// and the bus counts.
fn changes(ui: &mut egui::Ui, c: &Comparison, commands: &mut Vec<Command>) {
    let d = &c.diff;
    let plain = super::theme::plain;
    for f in &d.design {
        // A long description would fill the list: its start, the rest on hover.
        let full = plain(&format!("Design {}: {} → {}", f.field, f.before, f.after));
        let short = format!(
            "Design {}: {} → {}",
            f.field,
            clip(&f.before),
            clip(&f.after)
        );
        ui.colored_label(CHANGED, plain(&short)).on_hover_text(full);
    }
    let stood = |id| {
        c.before_geometry
            .system(id)
            .map(|s| Command::RevealAt(s.rect.center()))
    };
    let none = |_| None;
    rows(ui, commands, ("Zones", &d.zones), none, none);
    let system = |id| Some(Command::Reveal(Subject::System(id)));
    rows(ui, commands, ("Systems", &d.systems), system, stood);
    let link = |id| Some(Command::Reveal(Subject::Link(id)));
    rows(ui, commands, ("Links", &d.links), link, |_| None);
    let flow = |id| Some(Command::ShowFlow(Some(id)));
    rows(ui, commands, ("Flows", &d.flows), flow, |_| None);
    rows(ui, commands, ("Waivers", &d.waivers), |_| None, |_| None);
    if !d.advice.is_empty() {
        ui.separator();
        ui.strong("Recommendations that changed");
        for a in &d.advice {
            let text = format!("{}: {} {} → {}", a.name, a.decision, a.before, a.after);
            let then = Some(Command::Reveal(Subject::Link(a.link)));
            item(ui, commands, CHANGED, &text, then);
        }
    }
    for (title, list, color) in [
        ("Findings resolved", &d.resolved, ADDED),
        ("Findings introduced", &d.introduced, REMOVED),
    ] {
        if !list.is_empty() {
            ui.separator();
            ui.strong(format!("{title} ({})", list.len()));
            for f in list {
                let text = format!("{} {}: {}", f.rule, f.subject, f.message);
                item(ui, commands, color, &text, None);
            }
        }
    }
    ui.separator();
    let (b, a) = (&d.esb.before, &d.esb.after);
    ui.label(plain(&format!(
        "ESB: {} → {}; p {} → {}; through a hub {} → {}",
        b.verdict, a.verdict, b.point_to_point, a.point_to_point, b.via_hub, a.via_hub
    )));
}

/// The first 60 characters of a value, with an ellipsis when there is more.
fn clip(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn swatch(ui: &mut egui::Ui, color: Color32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
    ui.label(egui::RichText::new(text).small());
}
