//! The designer window: eframe app, panels, canvas and commands. Panels never change
//! the document directly: they return [`Command`]s, applied in one place after the
//! frame, so every gesture is one undo step and tests can drive it all.
//!
//! The modules, along the window's seams: `app` (state and frame), `commands` (what
//! the user can ask for, and running it), `files` (dialogs, open, save, export,
//! recover), `dialogs` (prompts), `panels` and `inspector` (the panels), `panel_sizes` (the sizes the user gave them), `learn` (exercises,
//! concept cards, the bus side by side), `explanation`
//! (recommendations and the ESB verdict), `canvas` and `shapes` (the drawing), `theme`,
//! `window` (the native window and autosave). Nothing imports from this file.

mod app;
mod canvas;
mod commands;
mod compare;
mod dialogs;
mod explanation;
mod files;
mod findings;
mod flows;
mod inspector;
mod learn;
mod panel_sizes;
mod panels;
mod shapes;
mod theme;
mod window;

pub use crate::document::Document;
pub use app::PatchbayApp;
pub use commands::{Command, Selection};
pub use dialogs::Dialog;
pub use files::{BACKGROUND_OPEN_BYTES, FileDialogs, Picked, Purpose, RfdDialogs};
pub use window::{max_window_points, run};
