//! The menu bar, the palette with the lists of systems and links, the findings list
//! and the canvas legend.

use super::actions::{Action, menu_item};
use super::command::{Command, Selection};
use super::theme;
use crate::analysis::findings::link_name;
use crate::analysis::{Pattern, Severity};
use crate::document::Document;
use crate::model::SystemKind;
use crate::samples;
use egui::{Color32, RichText};
use std::path::PathBuf;

/// The menu bar; what was picked, as commands.
pub(super) fn menu_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    recent: &[PathBuf],
    connect_mode: bool,
    progress: &crate::learn::progress::Progress,
) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, recent, &mut commands));
        ui.menu_button("Edit", |ui| {
            let (undo, redo) = doc.history_labels();
            let (undo, redo) = (
                undo.map(|s| format!("Undo {}", lowercase_first(s))),
                redo.map(|s| format!("Redo {}", lowercase_first(s))),
            );
            commands.extend(menu_item(ui, Action::Undo, undo.as_deref(), undo.is_some()));
            commands.extend(menu_item(ui, Action::Redo, redo.as_deref(), redo.is_some()));
            ui.separator();
            let mut item =
                |ui: &mut egui::Ui, action| commands.extend(menu_item(ui, action, None, true));
            item(ui, Action::Connect);
            item(ui, Action::Duplicate);
            item(ui, Action::Delete);
            ui.separator();
            item(ui, Action::IntroduceBus);
        });
        ui.menu_button("View", |ui| {
            let mut item =
                |ui: &mut egui::Ui, action| commands.extend(menu_item(ui, action, None, true));
            item(ui, Action::Fit);
            item(ui, Action::ActualSize);
            item(ui, Action::AutoLayout);
            item(ui, Action::Present);
            ui.separator();
            item(ui, Action::ZoomIn);
            item(ui, Action::ZoomOut);
            item(ui, Action::ZoomReset);
            item(ui, Action::FocusCanvas);
            ui.separator();
            item(ui, Action::ResetLayout);
            ui.separator();
            ui.label("Theme");
            let current = ui.ctx().options(|o| o.theme_preference);
            for (preference, label) in [
                (egui::ThemePreference::System, "Follow the desktop"),
                (egui::ThemePreference::Light, "Light (for projectors)"),
                (egui::ThemePreference::Dark, "Dark"),
            ] {
                if ui.radio(current == preference, label).clicked() {
                    commands.push(Command::Theme(preference));
                    ui.close();
                }
            }
        });
        ui.menu_button("Samples", |ui| {
            for (i, s) in samples::ALL.iter().enumerate() {
                if ui.button(s.title).clicked() {
                    commands.push(Command::OpenSample(i));
                }
            }
        });
        commands.extend(super::learn::learn_menu(ui, progress));
        ui.menu_button("Help", |ui| {
            commands.extend(menu_item(ui, Action::KeyboardHelp, None, true));
        });
        ui.separator();
        let mut connect = connect_mode;
        if ui
            .toggle_value(&mut connect, "Connect by dragging")
            .on_hover_text("Drag from the system that starts the exchange to the one it calls")
            .changed()
        {
            commands.push(Command::ConnectMode(connect));
        }
        if ui.button("Fit").clicked() {
            commands.push(Command::Fit);
        }
        if ui.button("Auto-layout").clicked() {
            commands.push(Command::AutoLayout);
        }
    });
    commands
}

/// The File menu: files, links, imports, comparing and exports.
fn file_menu(ui: &mut egui::Ui, recent: &[PathBuf], commands: &mut Vec<Command>) {
    let mut item = |ui: &mut egui::Ui, action| commands.extend(menu_item(ui, action, None, true));
    item(ui, Action::New);
    item(ui, Action::Open);
    item(ui, Action::Save);
    item(ui, Action::SaveAs);
    // A page's address is what a link is made of; a page has no recent files
    // (a browser never says where a file came from) and cannot be quit.
    let in_browser = cfg!(target_arch = "wasm32");
    if in_browser {
        item(ui, Action::CopyLink);
    }
    if !in_browser {
        ui.menu_button("Open Recent", |ui| {
            if recent.is_empty() {
                ui.label("No recent files");
            }
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::OpenPath(path.clone()));
                }
            }
        });
    }
    let mut item = |ui: &mut egui::Ui, action| commands.extend(menu_item(ui, action, None, true));
    item(ui, Action::Import);
    item(ui, Action::CompareWith);
    ui.menu_button("Export", |ui| {
        for &format in crate::export::ExportFormat::ALL {
            if ui.button(format!("{}…", format.label())).clicked() {
                commands.push(Command::Export(format));
            }
        }
    });
    if !in_browser {
        ui.separator();
        commands.extend(menu_item(ui, Action::Quit, None, true));
    }
}

/// The palette and the lists of systems and links; what was picked, as commands.
pub(super) fn palette_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
    flows: (Option<u32>, bool),
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading("Add a system");
    ui.label(RichText::new("Click to add in view, or drag onto the canvas.").small());
    // The scroll bar stays visible: kinds below the fold must look reachable.
    egui::ScrollArea::vertical()
        .id_salt("palette")
        .max_height(ui.available_height() * 0.45)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            for &kind in SystemKind::ALL {
                let (color, tag) = theme::kind_style(kind);
                let text = RichText::new(kind.label()).color(Color32::WHITE);
                let button = egui::Button::new(text)
                    .fill(color)
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                // Click adds in view; dragging carries the kind to the canvas, which places it
                // where it is dropped.
                let response = ui
                    .add(button.sense(egui::Sense::click_and_drag()))
                    .on_hover_text(format!("{tag}: {} (`{}`)", kind.label(), kind.id()));
                if response.dragged() {
                    egui::DragAndDrop::set_payload(ui.ctx(), kind);
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
                if response.clicked() {
                    commands.push(Command::AddSystem(kind));
                }
            }
        });
    ui.separator();
    ui.heading("Systems");
    let design = doc.design();
    let mut picked = None;
    // Lists only lay out the rows in view, so a design of thousands stays fast.
    let row = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("systems")
        .max_height(ui.available_height() * 0.5)
        .show_rows(ui, row, design.systems.len(), |ui, range| {
            // One line per row, as show_rows counts them; the full name on hover.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for s in &design.systems[range] {
                let selected = selection.systems.contains(&s.id);
                if ui
                    .selectable_label(selected, &s.name)
                    .on_hover_text(&s.name)
                    .clicked()
                {
                    // Picked from the list: select it and bring it into view.
                    picked = Some(Command::Reveal(crate::analysis::Subject::System(s.id)));
                }
            }
        });
    ui.heading("Links");
    // The flows keep the space they need below.
    let (shown_flow, flows_open) = flows;
    let flows_height = if flows_open {
        84.0 + 24.0 * doc.design().flows.len().min(6) as f32
            + if shown_flow.is_some() { 52.0 } else { 0.0 }
    } else {
        30.0
    };
    egui::ScrollArea::vertical()
        .id_salt("links")
        .max_height((ui.available_height() - flows_height).max(60.0))
        .show_rows(ui, row, design.links.len(), |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for l in &design.links[range] {
                let selected = selection.links.contains(&l.id);
                let name = theme::plain(&link_name(design, l));
                if ui
                    .selectable_label(selected, &name)
                    .on_hover_text(&name)
                    .clicked()
                {
                    picked = Some(Command::Reveal(crate::analysis::Subject::Link(l.id)));
                }
            }
        });
    commands.extend(picked);
    ui.separator();
    commands.extend(super::flows::flows_ui(ui, doc, selection, flows));
    commands
}

/// The status line: where the design lives and what the last file operation did.
pub(super) fn status_ui(ui: &mut egui::Ui, doc: &Document, status: &str) {
    ui.horizontal(|ui| {
        let file = match &doc.path {
            Some(p) => crate::fs::shown(p),
            None => "not saved to a file yet".to_owned(),
        };
        ui.label(egui::RichText::new(file).small().weak());
        if !status.is_empty() {
            ui.separator();
            ui.label(egui::RichText::new(status).small());
        }
    });
}

/// A one-line key to the colours along the bottom of the canvas.
pub(super) fn legend_ui(ui: &mut egui::Ui, canvas: egui::Rect) {
    // Anchored at its bottom left, beside the zoom controls: on a narrow canvas it
    // wraps upwards rather than running under them.
    const ZOOM_CONTROLS: f32 = 190.0;
    // Where the canvas is too narrow for it beside the zoom controls (a small window,
    // or a large interface zoom), the legend is left out rather than drawn over the
    // panels: each colour's meaning is also in the hover text and the inspector.
    if canvas.width() < ZOOM_CONTROLS + 200.0 {
        return;
    }
    egui::Area::new(egui::Id::new("legend"))
        .constrain_to(canvas)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(canvas.left_bottom() + egui::vec2(6.0, -4.0))
        .order(egui::Order::Middle)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(4.0)
                .show(ui, |ui| {
                    ui.set_max_width((canvas.width() - ZOOM_CONTROLS).max(120.0));
                    ui.horizontal_wrapped(|ui| {
                        let swatch = |ui: &mut egui::Ui, color: Color32, round: bool| {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
                            if round {
                                ui.painter().circle_filled(rect.center(), 4.5, color);
                            } else {
                                let bar = egui::Rect::from_center_size(
                                    rect.center(),
                                    egui::vec2(14.0, 3.0),
                                );
                                ui.painter().rect_filled(bar, 1.0, color);
                            }
                        };
                        // Each swatch and its label as one piece, so wrapping never
                        // leaves a dot at the end of a line and its name on the next.
                        for p in Pattern::ALL {
                            let (color, short) = theme::pattern_style(*p);
                            ui.horizontal(|ui| {
                                ui.spacing_mut().item_spacing.x = 2.0;
                                swatch(ui, color, false);
                                ui.label(RichText::new(short).small());
                            });
                        }
                        ui.separator();
                        for s in [Severity::High, Severity::Warning, Severity::Info] {
                            ui.horizontal(|ui| {
                                ui.spacing_mut().item_spacing.x = 2.0;
                                swatch(ui, theme::severity_color(s), true);
                                ui.label(RichText::new(s.label()).small());
                            });
                        }
                    });
                });
        });
}

/// Zoom out, the zoom level (click for 100%), zoom in and fit, at the canvas's bottom
/// right corner, on the legend's row that fitting keeps clear of the drawing.
pub(super) fn zoom_ui(ui: &mut egui::Ui, canvas: egui::Rect, zoom: f32) -> Vec<Command> {
    let mut queue = Vec::new();
    egui::Area::new(egui::Id::new("zoom"))
        .constrain_to(canvas)
        .pivot(egui::Align2::RIGHT_BOTTOM)
        .fixed_pos(canvas.right_bottom() + egui::vec2(-6.0, -4.0))
        .order(egui::Order::Middle)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(2.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("−").on_hover_text("Zoom out").clicked() {
                            queue.push(Command::Zoom(zoom / 1.25));
                        }
                        let level = format!("{:.0}%", zoom * 100.0);
                        if ui
                            .button(level)
                            .on_hover_text("Zoom level; click for actual size (100%)")
                            .clicked()
                        {
                            queue.push(Command::Zoom(1.0));
                        }
                        if ui.button("+").on_hover_text("Zoom in").clicked() {
                            queue.push(Command::Zoom(zoom * 1.25));
                        }
                        if ui
                            .button("Fit")
                            .on_hover_text("Show the whole design")
                            .clicked()
                        {
                            queue.push(Command::Fit);
                        }
                    });
                });
        });
    queue
}

/// "Change expected duration" as it reads after "Undo": "change expected duration".
fn lowercase_first(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
