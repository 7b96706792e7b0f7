//! draw.io, both ways.
//!
//! Out: an uncompressed `.drawio` file (`mxfile` / `diagram` / `mxGraphModel`) that
//! draw.io opens as an editable diagram. Zones are containers holding their systems,
//! systems are shapes in their kind's colour labelled with the kind tag and the name,
//! links are edges labelled `pattern · auth flow` in their pattern's colour along
//! Patchbay's own routes (exit and entry points, bend points, the label's place),
//! all where Patchbay's own layout puts them. Every attribute travels along as draw.io
//! shape data (`<object>` properties).
//!
//! In: the first page, or a named one, compressed or not (`page`); its cells with
//! their shape data and absolute places (`cells`); then the design's own fields,
//! zones, systems and links, in that order (`read`).

mod cells;
mod frames;
mod page;
mod read;
mod write;

pub use read::import;
pub use write::{export, export_drawn};
