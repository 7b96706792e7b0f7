//! The one table of the commands the menus offer: each one's label, tooltip and
//! keyboard shortcuts. The menus show the label and the shortcut (in the platform's
//! modifier names: Ctrl+S here, ⌘S on a Mac); the key handling reads the same
//! shortcuts, so a menu never shows a key that does something else.

use super::command::Command;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the menus and the keyboard offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    Save,
    SaveAs,
    CopyLink,
    Import,
    CompareWith,
    Quit,
    Undo,
    Redo,
    Connect,
    Duplicate,
    Delete,
    IntroduceBus,
    Fit,
    ActualSize,
    AutoLayout,
    ResetLayout,
    Present,
}

/// One row of the table.
pub struct Entry {
    /// The command.
    pub action: Action,
    /// What the menu says.
    pub label: &'static str,
    /// What hovering over it says; empty when the label says it all.
    pub tooltip: &'static str,
    /// The keys that run it, the first shown in the menu.
    pub keys: &'static [KeyboardShortcut],
    /// Its keys work while a text field is being typed in (they mean nothing there).
    pub while_typing: bool,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Every command with a label, tooltip or key. The key handling goes down the table in
/// order and a key is taken by the first row it matches, so a shortcut with Shift comes
/// before the same key without it.
pub const TABLE: &[Entry] = &[
    Entry {
        action: Action::New,
        label: "New",
        tooltip: "Start an empty design",
        keys: &[key(CMD, Key::N)],
        while_typing: true,
    },
    Entry {
        action: Action::Open,
        label: "Open…",
        tooltip: "Open a Patchbay design file",
        keys: &[key(CMD, Key::O)],
        while_typing: true,
    },
    Entry {
        action: Action::SaveAs,
        label: "Save As…",
        tooltip: "Save the design to a file you choose",
        keys: &[key(CMD_SHIFT, Key::S)],
        while_typing: true,
    },
    Entry {
        action: Action::CopyLink,
        label: "Copy Link",
        tooltip: "Put the design in a link to send: whoever opens it gets it as an unsaved copy (nothing is sent to a server)",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Save,
        label: "Save",
        tooltip: "Save the design to its file (asking where if it has none)",
        keys: &[key(CMD, Key::S)],
        while_typing: true,
    },
    Entry {
        action: Action::Import,
        label: "Import…",
        tooltip: "Read an interface catalogue (.csv) or a Mermaid flowchart as a new design",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::CompareWith,
        label: "Compare with…",
        tooltip: "Mark what the open design adds, changes and removes against another file",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Quit,
        label: "Quit",
        tooltip: "",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Redo,
        label: "Redo",
        tooltip: "",
        keys: &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
        while_typing: false,
    },
    Entry {
        action: Action::Undo,
        label: "Undo",
        tooltip: "",
        keys: &[key(CMD, Key::Z)],
        while_typing: false,
    },
    Entry {
        action: Action::Connect,
        label: "Connect selected",
        tooltip: "Link the two selected systems, from the first picked to the second",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Duplicate,
        label: "Duplicate",
        tooltip: "Copy the selected systems and the links between them",
        keys: &[key(CMD, Key::D)],
        while_typing: false,
    },
    Entry {
        action: Action::Delete,
        label: "Delete",
        tooltip: "Delete the selected systems and links",
        keys: &[
            key(Modifiers::NONE, Key::Delete),
            key(Modifiers::NONE, Key::Backspace),
        ],
        while_typing: false,
    },
    Entry {
        action: Action::IntroduceBus,
        label: "Introduce a bus",
        tooltip: "Route every direct link through one middleware system",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Fit,
        label: "Fit design in view",
        tooltip: "",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::ActualSize,
        label: "Actual size (100%)",
        tooltip: "",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::AutoLayout,
        label: "Auto-layout",
        tooltip: "Arrange the design in layers, from sources to targets",
        keys: &[],
        while_typing: false,
    },
    Entry {
        action: Action::Present,
        label: "Present",
        tooltip: "The canvas alone, full screen: the arrow keys step through the flows, then the findings; Escape leaves",
        keys: &[key(Modifiers::NONE, Key::F5)],
        while_typing: false,
    },
    Entry {
        action: Action::ResetLayout,
        label: "Reset layout",
        tooltip: "Put the side and bottom panels back to their default sizes",
        keys: &[],
        while_typing: false,
    },
];

impl Action {
    /// Its row of the table.
    pub fn entry(self) -> &'static Entry {
        // Every action has a row: `tests` below holds it.
        TABLE.iter().find(|e| e.action == self).unwrap_or(&TABLE[0])
    }

    /// The command it runs.
    pub fn command(self) -> Command {
        match self {
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
        }
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
    response.clicked().then(|| action.command())
}

/// The commands whose keys were pressed this frame, each key taken once. While a text
/// field is being typed in, only the keys that mean nothing there count.
pub(super) fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    TABLE
        .iter()
        .filter(|e| e.while_typing || !typing)
        .filter(|e| {
            e.keys
                .iter()
                .any(|k| ctx.input_mut(|i| i.consume_shortcut(k)))
        })
        .map(|e| e.action.command())
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
        ];
        assert_eq!(TABLE.len(), actions.len());
        for a in actions {
            assert_eq!(TABLE.iter().filter(|e| e.action == a).count(), 1, "{a:?}");
            assert_eq!(a.entry().action, a);
        }
        let keys: Vec<_> = TABLE.iter().flat_map(|e| e.keys).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} is bound twice");
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
