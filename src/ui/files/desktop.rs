//! The desktop's file dialogs: the system's own through rfd, and the window's own
//! (egui-file-dialog) where the desktop has no dialog service.

use super::super::command::Purpose;
use super::ask::{FileDialogs, Picked};
use crate::job::Waker;
use std::path::PathBuf;

/// The desktop's own file dialogs, through rfd (xdg portal on Linux, or zenity).
///
/// Where neither runs, rfd returns at once with nothing, exactly as if the user had
/// cancelled. Nobody cancels a dialog within a fraction of a second, so an empty answer
/// that quick means there was no dialog, and from then on the window uses its own.
/// `PATCHBAY_FILE_DIALOG=builtin` chooses the window's own dialog from the start.
pub struct RfdDialogs {
    unavailable: bool,
}

/// An empty answer quicker than this was no dialog at all.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(400);

impl RfdDialogs {
    /// The desktop's dialogs, or the built-in one when the environment asks for it.
    pub fn new() -> Self {
        Self {
            unavailable: std::env::var_os("PATCHBAY_FILE_DIALOG").is_some_and(|v| v == "builtin"),
        }
    }

    fn ask(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let started = web_time::Instant::now();
        match dialog() {
            Some(path) => Picked::Path(path),
            None if started.elapsed() < NO_DIALOG => {
                self.unavailable = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

impl Default for RfdDialogs {
    fn default() -> Self {
        Self::new()
    }
}

impl FileDialogs for RfdDialogs {
    fn open(&mut self) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .add_filter("Patchbay design", &["ron"])
                .pick_file()
        })
    }

    fn save(&mut self, suggested: &str) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .add_filter("Patchbay design", &["ron"])
                .set_file_name(suggested)
                .save_file()
        })
    }
}

/// The window's own file dialog, for desktops without a dialog service.
pub struct BuiltinDialog {
    dialog: egui_file_dialog::FileDialog,
    /// What the chosen file is for.
    pub purpose: Purpose,
}

impl BuiltinDialog {
    pub(crate) fn new(purpose: Purpose, dir: PathBuf, suggested: &str, _wake: Waker) -> Self {
        let title = match purpose {
            Purpose::Open => "Open a design".to_owned(),
            Purpose::Save => "Save the design as".to_owned(),
            Purpose::Export(f) => format!("Export as {}", f.label()),
            Purpose::Compare => "Compare with a design".to_owned(),
            Purpose::ExportComparison => "Save the comparison as".to_owned(),
            Purpose::Import => "Import from draw.io, a CSV catalogue or Mermaid".to_owned(),
        };
        let mut dialog = egui_file_dialog::FileDialog::new()
            .id("patchbay-file-dialog")
            .title(&title)
            .initial_directory(dir)
            .default_file_name(suggested)
            .default_size([720.0, 460.0]);
        match purpose {
            Purpose::Import => {
                dialog = dialog
                    .add_file_filter_extensions(
                        "draw.io, CSV catalogue or Mermaid",
                        crate::interop::EXTENSIONS.to_vec(),
                    )
                    .default_file_filter("draw.io, CSV catalogue or Mermaid");
                dialog.pick_file();
            }
            Purpose::Open | Purpose::Compare => {
                dialog = dialog
                    .add_file_filter_extensions("Patchbay design", vec!["ron"])
                    .default_file_filter("Patchbay design");
                dialog.pick_file();
            }
            Purpose::Save | Purpose::Export(_) | Purpose::ExportComparison => dialog.save_file(),
        }
        Self { dialog, purpose }
    }

    /// Shows the dialog; the chosen file once it is chosen, `Some(None)` when the user
    /// closed it without choosing.
    pub(crate) fn update(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        // The first Escape closes it, also while its file name field has the focus.
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            return Some(None);
        }
        self.dialog.update(ctx);
        match self.dialog.state() {
            egui_file_dialog::DialogState::Open => None,
            egui_file_dialog::DialogState::Picked(_) => Some(self.dialog.take_picked()),
            _ => Some(None),
        }
    }
}
