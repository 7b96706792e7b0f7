//! The designer window: eframe app, panels, canvas and commands. Panels never change
//! the document directly: they return [`Command`]s, applied in one place after the
//! frame, so every gesture is one undo step and tests can drive it all.
//!
//! The modules, in layers that import downwards only (`tests/layers.rs` holds it):
//! - `command`, the vocabulary (what the user can ask for, the selection), and `theme`,
//!   which import nothing of the window's; `actions`, the one table of the menus'
//!   commands with their labels, tooltips and keys;
//! - the components, each owning its state and returning commands: `canvas` and
//!   `shapes` (the drawing), `panels` and `inspector` (the panels), `findings`,
//!   `explanation` (recommendations and the ESB verdict), `flows`, `learn`
//!   (exercises, concept cards, the bus side by side), `compare`, `dialogs`
//!   (prompts), `files` (file dialogs, the background open), `panel_sizes`;
//! - `app`, the window's state and its frame, which lays the components out, with
//!   `frame` (the canvas glue, the rename, keys, dropped files, closing);
//! - `runner`, which carries out the commands: the one place the document changes;
//! - `window`, the native window and autosave.
//!
//! Nothing imports from this file.

mod actions;
mod app;
mod canvas;
mod command;
mod compare;
mod dialogs;
mod explanation;
mod files;
mod findings;
mod flows;
mod frame;
mod inspector;
mod key_table;
mod keyboard_help;
mod learn;
mod panel_sizes;
mod panels;
mod present;
mod runner;
mod shapes;
mod theme;
mod window;

pub use crate::document::Document;
pub use app::PatchbayApp;
pub use command::{Command, FindingKey, Purpose, Selection};
pub use dialogs::Dialog;
#[cfg(target_arch = "wasm32")]
pub use files::BrowserDialogs;
#[cfg(not(target_arch = "wasm32"))]
pub use files::RfdDialogs;
pub use files::{BACKGROUND_OPEN_BYTES, FileDialogs, Picked};
pub use window::max_window_points;
#[cfg(not(target_arch = "wasm32"))]
pub use window::run;
#[cfg(target_arch = "wasm32")]
pub use window::start_in_page;
