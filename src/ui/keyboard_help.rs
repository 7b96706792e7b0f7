//! Help > Keyboard (F1): every key Patchbay answers to, made from the one command
//! table, so it cannot list a key that does something else or miss one.

use super::actions::{Scope, TABLE};
use super::command::Command;

/// The keys window, while `open`; what closing it asks for.
pub(super) fn window(ctx: &egui::Context, open: bool) -> Option<Command> {
    if !open {
        return None;
    }
    let mut still_open = true;
    egui::Window::new("Keyboard")
        .open(&mut still_open)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for scope in [Scope::Window, Scope::Canvas, Scope::Presenting] {
                    ui.heading(scope.heading());
                    egui::Grid::new(("keys", scope.heading()))
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| rows(ui, scope));
                    ui.add_space(8.0);
                }
            });
        });
    (!still_open).then_some(Command::KeyboardHelp(false))
}

/// One row per command of `scope` that has keys: the keys, then what they do.
fn rows(ui: &mut egui::Ui, scope: Scope) {
    for e in TABLE
        .iter()
        .filter(|e| e.scope == scope && !e.keys.is_empty())
    {
        ui.label(keys_text(ui.ctx(), e.keys));
        let what = if e.tooltip.is_empty() {
            e.label.to_owned()
        } else {
            format!("{}: {}", e.label, e.tooltip)
        };
        ui.label(what);
        ui.end_row();
    }
}

/// "Ctrl+Z, Ctrl+Y" in the platform's names.
pub fn keys_text(ctx: &egui::Context, keys: &[egui::KeyboardShortcut]) -> String {
    keys.iter()
        .map(|k| ctx.format_shortcut(k))
        .collect::<Vec<_>>()
        .join(", ")
}
