//! The commands of the one table (`key_table`) in the menus and on the keys: the
//! menus show each label and shortcut (in the platform's modifier names: Ctrl+S here,
//! ⌘S on a Mac); the key handling reads the same shortcuts, so a menu never shows a
//! key that does something else.

use super::command::Command;

pub use super::key_table::{Action, Entry, Scope, TABLE};

impl Action {
    /// Its row of the table.
    pub fn entry(self) -> &'static Entry {
        // Every action has a row: `tests` below holds it.
        TABLE.iter().find(|e| e.action == self).unwrap_or(&TABLE[0])
    }

    /// How many of its keys were pressed this frame, each taken so no one else sees it.
    pub fn times_pressed(self, ctx: &egui::Context) -> usize {
        (self.entry().keys.iter())
            .filter(|k| ctx.input_mut(|i| i.consume_shortcut(k)))
            .count()
    }

    /// Whether one of its keys was pressed this frame (taken, as above).
    pub fn pressed(self, ctx: &egui::Context) -> bool {
        self.times_pressed(ctx) > 0
    }

    /// The command it runs through the window's queue; `None` for the keys the canvas
    /// and the presentation handle where they are.
    pub fn command(self) -> Option<Command> {
        Some(match self {
            Action::New => Command::New,
            Action::Open => Command::Open,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs,
            Action::CopyLink => Command::CopyLink,
            Action::Import => Command::Import,
            Action::CompareWith => Command::CompareWith,
            Action::Quit => Command::Quit,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Connect => Command::Connect,
            Action::Duplicate => Command::Duplicate,
            Action::Delete => Command::Delete,
            Action::IntroduceBus => Command::IntroduceBus,
            Action::Fit => Command::Fit,
            Action::ActualSize => Command::Zoom(1.0),
            Action::AutoLayout => Command::AutoLayout,
            Action::ResetLayout => Command::ResetLayout,
            Action::Present => Command::TogglePresent,
            Action::ZoomIn => Command::UiZoom(Some(true)),
            Action::ZoomOut => Command::UiZoom(Some(false)),
            Action::ZoomReset => Command::UiZoom(None),
            Action::KeyboardHelp => Command::KeyboardHelp(true),
            Action::FocusCanvas => Command::FocusCanvas,
            Action::NextItem
            | Action::PreviousItem
            | Action::SelectNearby
            | Action::MoveSelected
            | Action::MoveSelectedFar
            | Action::Rename
            | Action::NextSlide
            | Action::PreviousSlide
            | Action::CloseOnTop
            | Action::KeepName
            | Action::DropName => return None,
        })
    }
}

/// A menu item for `action`: its label (or `label` in its place, for "Undo add
/// system"), its first shortcut in the platform's names, its tooltip; the command when
/// clicked.
pub(super) fn menu_item(
    ui: &mut egui::Ui,
    action: Action,
    label: Option<&str>,
    enabled: bool,
) -> Option<Command> {
    let entry = action.entry();
    let mut button = egui::Button::new(label.unwrap_or(entry.label));
    if let Some(shortcut) = entry.keys.first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    let mut response = ui.add_enabled(enabled, button);
    if !entry.tooltip.is_empty() {
        response = response.on_hover_text(entry.tooltip);
    }
    response.clicked().then(|| action.command()).flatten()
}

/// The commands whose keys were pressed this frame, each key taken once. While a text
/// field is being typed in, only the keys that mean nothing there count.
pub(super) fn pressed(ctx: &egui::Context, typing: bool) -> Vec<Command> {
    // Rows without a command (Escape) are handled where they apply; their keys are
    // left for them.
    TABLE
        .iter()
        .filter(|e| e.scope == Scope::Window && (e.while_typing || !typing))
        .filter_map(|e| Some((e, e.action.command()?)))
        .filter(|(e, _)| {
            e.keys
                .iter()
                .any(|k| ctx.input_mut(|i| i.consume_shortcut(k)))
        })
        .map(|(_, command)| command)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_no_key_runs_two_commands() {
        let actions = [
            Action::New,
            Action::Open,
            Action::Save,
            Action::SaveAs,
            Action::CopyLink,
            Action::Import,
            Action::CompareWith,
            Action::Quit,
            Action::Undo,
            Action::Redo,
            Action::Connect,
            Action::Duplicate,
            Action::Delete,
            Action::IntroduceBus,
            Action::Fit,
            Action::ActualSize,
            Action::AutoLayout,
            Action::ResetLayout,
            Action::Present,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomReset,
            Action::KeyboardHelp,
            Action::FocusCanvas,
            Action::NextItem,
            Action::PreviousItem,
            Action::SelectNearby,
            Action::MoveSelected,
            Action::MoveSelectedFar,
            Action::Rename,
            Action::NextSlide,
            Action::PreviousSlide,
            Action::CloseOnTop,
            Action::KeepName,
            Action::DropName,
        ];
        assert_eq!(TABLE.len(), actions.len());
        for a in actions {
            assert_eq!(TABLE.iter().filter(|e| e.action == a).count(), 1, "{a:?}");
            assert_eq!(a.entry().action, a);
        }
        // A key means one thing where it works: in the window, and on the canvas or
        // in a presentation (where the window's keys work too).
        for scope in [Scope::Canvas, Scope::Presenting, Scope::Renaming] {
            let keys: Vec<_> = (TABLE.iter())
                // Typing a name, only the window's keys that work while typing do.
                .filter(|e| {
                    e.scope == scope
                        || (e.scope == Scope::Window
                            && (scope != Scope::Renaming || e.while_typing))
                })
                .flat_map(|e| e.keys)
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} is bound twice");
            }
        }
    }

    #[test]
    fn shortcuts_read_in_the_platform_s_names() {
        let names = |os| {
            let ctx = egui::Context::default();
            ctx.set_os(os);
            let mut text = String::new();
            // Shortcuts are named with the fonts' symbols where they have them: a frame.
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                text = ui.ctx().format_shortcut(&Action::SaveAs.entry().keys[0]);
            });
            output.textures_delta.clear();
            text
        };
        assert_eq!(names(egui::os::OperatingSystem::Nix), "Ctrl+Shift+S");
        assert_ne!(names(egui::os::OperatingSystem::Mac), "Ctrl+Shift+S");
    }
}
