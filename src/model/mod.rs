//! The document: systems, links, zones, ids and the file format. Knows nothing of
//! analysis or the GUI.

pub mod bus;
mod design;
pub mod edit;
pub mod file;
pub mod history;
mod ids;
pub mod integrity;
pub mod locate;
pub mod validate;
pub mod vocab;
pub mod waiver;
pub mod words;

pub use design::{Capabilities, Design, Flow, Link, Pos, System, Zone, follows_on, limits};
pub use file::{
    LoadError, Problem, SaveError, leading_comments, load, load_with_header, parse, save,
    save_with_header, to_ron_string,
};
pub use ids::{LinkId, SystemId, ZoneId};
pub use vocab::{
    AuthFlow, Environment, Format, Latency, Protocol, Sensitivity, SystemKind, Trigger,
};
pub use waiver::{Date, Waiver};
pub use words::counted;
