//! What the rule files need.

#[cfg(test)]
pub use crate::analysis::findings::Fixture;
pub use crate::analysis::findings::{Context, Finding, Rule, Severity, Subject};
#[cfg(test)]
pub use crate::analysis::testkit::sketch;
pub use crate::model::{AuthFlow, Protocol, SystemKind};
