//! Help > Keyboard (F1): every key Patchbay answers to, made from the one command
//! table, so it cannot list a key that does something else or miss one.

use super::actions::{Scope, TABLE};
use super::command::Command;

/// The keys window, while `open`; what closing it asks for. It stays inside the
/// window at any zoom, its lines wrapping, and scrolls when they do not fit.
pub(super) fn window(ctx: &egui::Context, open: bool) -> Option<Command> {
    if !open {
        return None;
    }
    let screen = ctx.content_rect();
    let width = (screen.width() - 48.0).clamp(200.0, 640.0);
    let mut still_open = true;
    egui::Window::new("Keyboard")
        .open(&mut still_open)
        .default_width(width)
        .max_width(width)
        .max_height((screen.height() - 80.0).max(120.0))
        .constrain(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for scope in [
                    Scope::Window,
                    Scope::Canvas,
                    Scope::Presenting,
                    Scope::Renaming,
                ] {
                    ui.heading(scope.heading());
                    rows(ui, scope);
                    ui.add_space(8.0);
                }
            });
        });
    (!still_open).then_some(Command::KeyboardHelp(false))
}

/// One row per command of `scope` that has keys: the keys in a column of their own,
/// then what they do, wrapping beside them.
fn rows(ui: &mut egui::Ui, scope: Scope) {
    let keys_width = 11.0 * ui.text_style_height(&egui::TextStyle::Body);
    for e in TABLE
        .iter()
        .filter(|e| e.scope == scope && !e.keys.is_empty())
    {
        let what = if e.tooltip.is_empty() {
            e.label.to_owned()
        } else {
            format!("{}: {}", e.label, e.tooltip)
        };
        ui.horizontal_top(|ui| {
            let keys = keys_text(ui.ctx(), e.keys);
            ui.add_sized(
                [keys_width, 0.0],
                egui::Label::new(egui::RichText::new(keys).strong()).wrap(),
            );
            ui.add(egui::Label::new(what).wrap());
        });
    }
}

/// "Ctrl+Z, Ctrl+Y" in the platform's names.
pub fn keys_text(ctx: &egui::Context, keys: &[egui::KeyboardShortcut]) -> String {
    keys.iter()
        .map(|k| ctx.format_shortcut(k))
        .collect::<Vec<_>>()
        .join(", ")
}
