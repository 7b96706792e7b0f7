//! Patchbay: draw how systems talk, and get a reasoned recommendation for every link.
//!
//! Layers point down only: `cli` -> `analysis` -> `model`. Nothing here depends on the GUI.

pub mod analysis;
pub mod cli;
pub mod document;
pub mod generate;
pub mod geometry;
pub mod interop;
pub mod learn;
pub mod model;
pub mod recovery;
pub mod report;
pub mod review;
pub mod samples;
#[cfg(feature = "gui")]
pub mod ui;
