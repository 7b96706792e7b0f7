//! The one table of the commands the menus and the keys offer: each one's label,
//! tooltip, keyboard shortcuts and where its keys work. Data only; `actions` reads it
//! for the menus and the key handling, the canvas and the presentation for their
//! keys, and Help > Keyboard lists it whole.

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
    ZoomIn,
    ZoomOut,
    ZoomReset,
    KeyboardHelp,
    FocusCanvas,
    NextItem,
    PreviousItem,
    SelectNearby,
    MoveSelected,
    MoveSelectedFar,
    Rename,
    NextSlide,
    PreviousSlide,
    CloseOnTop,
    KeepName,
    DropName,
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
    /// Where its keys work.
    pub scope: Scope,
}

/// Where a row's keys work. Only the window's run through [`pressed`]; the canvas and
/// the presentation read their rows' keys from this table themselves, so Help >
/// Keyboard lists every key there is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window.
    Window,
    /// On the canvas, while it has the keyboard (Tab to it, or click it).
    Canvas,
    /// While presenting.
    Presenting,
    /// In the name box on a system's box (F2 or a double-click).
    Renaming,
}

impl Scope {
    /// What Help > Keyboard heads the rows of this scope with.
    pub const fn heading(self) -> &'static str {
        match self {
            Scope::Window => "Anywhere",
            Scope::Canvas => "On the canvas (F6 or a click gives it the keys; Escape leaves it)",
            Scope::Presenting => "While presenting",
            Scope::Renaming => "Renaming a system on the canvas",
        }
    }
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
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
        scope: Scope::Window,
    },
    Entry {
        action: Action::Open,
        label: "Open…",
        tooltip: "Open a Patchbay design file",
        keys: &[key(CMD, Key::O)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::SaveAs,
        label: "Save As…",
        tooltip: "Save the design to a file you choose",
        keys: &[key(CMD_SHIFT, Key::S)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::CopyLink,
        label: "Copy Link",
        tooltip: "Put the design in a link to send: whoever opens it gets it as an unsaved copy (nothing is sent to a server)",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Save,
        label: "Save",
        tooltip: "Save the design to its file (asking where if it has none)",
        keys: &[key(CMD, Key::S)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Import,
        label: "Import…",
        tooltip: "Read another tool's file as a new design: an interface catalogue (.csv), a draw.io diagram, a Mermaid flowchart or a CALM architecture",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::CompareWith,
        label: "Compare with…",
        tooltip: "Mark what the open design adds, changes and removes against another file",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Quit,
        label: "Quit",
        tooltip: "",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Redo,
        label: "Redo",
        tooltip: "",
        keys: &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Undo,
        label: "Undo",
        tooltip: "",
        keys: &[key(CMD, Key::Z)],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Connect,
        label: "Connect selected",
        tooltip: "Link the two selected systems, from the first picked to the second",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Duplicate,
        label: "Duplicate",
        tooltip: "Copy the selected systems and the links between them",
        keys: &[key(CMD, Key::D)],
        while_typing: false,
        scope: Scope::Window,
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
        scope: Scope::Window,
    },
    Entry {
        action: Action::IntroduceBus,
        label: "Introduce a bus",
        tooltip: "Route every direct link through one middleware system",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Fit,
        label: "Fit design in view",
        tooltip: "",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::ActualSize,
        label: "Actual size (100%)",
        tooltip: "",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::AutoLayout,
        label: "Auto-layout",
        tooltip: "Arrange the design in layers, from sources to targets",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::Present,
        label: "Present",
        tooltip: "The canvas alone, full screen: the arrow keys step through the flows, then the findings; Escape leaves",
        keys: &[key(Modifiers::NONE, Key::F5)],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::ResetLayout,
        label: "Reset layout",
        tooltip: "Put the side and bottom panels back to their default sizes",
        keys: &[],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::ZoomIn,
        label: "Zoom in",
        tooltip: "Make the whole window larger: text, panels and canvas",
        keys: &[key(CMD, Key::Plus), key(CMD, Key::Equals)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::ZoomOut,
        label: "Zoom out",
        tooltip: "Make the whole window smaller",
        keys: &[key(CMD, Key::Minus)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::ZoomReset,
        label: "Normal size",
        tooltip: "The window at the desktop's own scale",
        keys: &[key(CMD, Key::Num0)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::KeyboardHelp,
        label: "Keyboard",
        tooltip: "Every key Patchbay answers to",
        keys: &[key(NONE, Key::F1)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::FocusCanvas,
        label: "Go to the canvas",
        tooltip: "Give the canvas the keyboard, to select and move its systems and links",
        keys: &[key(NONE, Key::F6)],
        while_typing: true,
        scope: Scope::Window,
    },
    Entry {
        action: Action::NextItem,
        label: "Select the next system or link",
        tooltip: "In reading order: rows from the top, each from the left",
        keys: &[key(NONE, Key::Tab)],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::PreviousItem,
        label: "Select the one before",
        tooltip: "",
        keys: &[key(SHIFT, Key::Tab)],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::SelectNearby,
        label: "Select the nearest system or link that way",
        tooltip: "",
        keys: &[
            key(ALT, Key::ArrowLeft),
            key(ALT, Key::ArrowRight),
            key(ALT, Key::ArrowUp),
            key(ALT, Key::ArrowDown),
        ],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::MoveSelected,
        label: "Move the selected systems",
        tooltip: "One undo step while the keys are held",
        keys: &[
            key(NONE, Key::ArrowLeft),
            key(NONE, Key::ArrowRight),
            key(NONE, Key::ArrowUp),
            key(NONE, Key::ArrowDown),
        ],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::MoveSelectedFar,
        label: "Move them in larger steps",
        tooltip: "",
        keys: &[
            key(SHIFT, Key::ArrowLeft),
            key(SHIFT, Key::ArrowRight),
            key(SHIFT, Key::ArrowUp),
            key(SHIFT, Key::ArrowDown),
        ],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::Rename,
        label: "Rename the selected system",
        tooltip: "",
        keys: &[key(NONE, Key::F2)],
        while_typing: false,
        scope: Scope::Canvas,
    },
    Entry {
        action: Action::NextSlide,
        label: "Next step or finding",
        tooltip: "",
        keys: &[
            key(NONE, Key::ArrowRight),
            key(NONE, Key::ArrowDown),
            key(NONE, Key::PageDown),
            key(NONE, Key::Space),
        ],
        while_typing: false,
        scope: Scope::Presenting,
    },
    Entry {
        action: Action::PreviousSlide,
        label: "The one before",
        tooltip: "",
        keys: &[
            key(NONE, Key::ArrowLeft),
            key(NONE, Key::ArrowUp),
            key(NONE, Key::PageUp),
        ],
        while_typing: false,
        scope: Scope::Presenting,
    },
    Entry {
        action: Action::CloseOnTop,
        label: "Close or leave what is on top",
        tooltip: "a prompt (as Cancel), Help > Keyboard, a concept card, the bus comparison, the Changes window; on the canvas, give the keyboard back; presenting, stop",
        keys: &[key(NONE, Key::Escape)],
        while_typing: false,
        scope: Scope::Window,
    },
    Entry {
        action: Action::KeepName,
        label: "Keep the new name",
        tooltip: "Clicking elsewhere keeps it too",
        keys: &[key(NONE, Key::Enter)],
        while_typing: true,
        scope: Scope::Renaming,
    },
    Entry {
        action: Action::DropName,
        label: "Leave the name as it was",
        tooltip: "",
        keys: &[key(NONE, Key::Escape)],
        while_typing: true,
        scope: Scope::Renaming,
    },
];
