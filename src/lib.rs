//! Patchbay: draw how systems talk, and get a reasoned recommendation for every link.
//!
//! Layers point down only: `cli` -> `report`, `learn` -> `analysis` -> `model`, with the
//! dated platform and standards facts (`standards`) at the bottom, read by all of them.
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
pub mod generate;
pub mod geometry;
pub mod interop;
pub mod learn;
pub mod model;
pub mod recovery;
pub mod report;
pub mod review;
pub mod samples;
pub mod standards;
#[cfg(feature = "gui")]
pub mod ui;
