//! The question for a file, and its answers: what the window asks, whoever answers.

use std::path::PathBuf;

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Picked {
    /// The user chose this file.
    Path(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown: the app shows its own, in the window.
    Unavailable,
}

/// Asks the user for files. The window uses the desktop's (`RfdDialogs`) or, in the
/// browser, the page's (`BrowserDialogs`); tests script their own.
pub trait FileDialogs {
    /// A design file to open.
    fn open(&mut self) -> Picked;
    /// Where to save, starting from `suggested` as the file name.
    fn save(&mut self, suggested: &str) -> Picked;
}
