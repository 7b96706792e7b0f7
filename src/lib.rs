//! Patchbay: draw how systems talk, and get a reasoned recommendation for every link.
//!
//! Layers point down only (`tests/layers.rs` holds it):
//! - `cli` and the window (`ui`) at the top;
//! - `export`, which dispatches every export format to the writers below it;
//! - `interop` (CSV, draw.io and Mermaid, in and out), which borrows `report`'s escaping
//!   and palette;
//! - `learn`, `review` (diffs) and `recovery`, over `report` (text, Markdown, HTML, JSON,
//!   SVG and diagram-as-code);
//! - `document` (edit, history, analysis, geometry for the window), over `geometry`;
//! - `analysis` and `generate` (synthetic designs), over `model`;
//! - at the bottom, the dated platform and standards facts (`standards`), the
//!   built-in `samples`, and `job`, the one way work is done off the UI thread.
//!
//! Nothing here depends on the GUI.

/// A reference to a section of the article the domain comes from, named by its topic
/// (the readers of a reference never saw the word "seed").
macro_rules! article {
    ($section:literal) => {
        concat!(
            "Salesforce architecture series, part 104 (Authentication Flows, Integration Patterns, and ESBs): ",
            $section
        )
    };
}

pub mod analysis;
pub mod cli;
pub mod document;
pub mod export;
pub mod fs;
pub mod generate;
pub mod geometry;
pub mod interop;
pub mod job;
pub mod learn;
pub mod model;
pub mod recovery;
pub mod report;
pub mod review;
pub mod samples;
pub mod share;
pub mod standards;
#[cfg(feature = "gui")]
pub mod ui;
