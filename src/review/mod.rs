//! Design reviews: comparing two versions of a design.

pub mod diff;
pub mod render;

pub use diff::{Diff, diff};
