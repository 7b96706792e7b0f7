//! Writers over an analysis: text for a terminal, Markdown for a review page, JSON as
//! a stable contract. Each takes the design and its analysis and returns a string; the
//! same input always gives the same bytes.

pub mod escape;
pub mod export;
pub mod graphs;
pub mod html;
pub mod json;
pub mod markdown;
pub mod palette;
pub mod svg;
pub mod text;

use crate::analysis::decision::Decision;
use crate::analysis::{LinkAnalysis, auth, mtls};

/// "7 systems, 9 links, environment: production" plus governance, as plain text for
/// every report's heading.
pub fn summary(design: &crate::model::Design) -> String {
    format!(
        "{} systems, {} links, environment: {}{}",
        design.systems.len(),
        design.links.len(),
        design.environment,
        if design.central_governance {
            ", central governance required"
        } else {
            ""
        }
    )
}

/// The implementation options of each decision of a link, for every writer.
pub fn options(a: &LinkAnalysis) -> [&'static [&'static str]; 4] {
    [
        a.pattern.choice.options(),
        a.events.choice.options(),
        auth::options(a.auth_flow.choice),
        if a.mtls.choice { mtls::OPTIONS } else { &[] },
    ]
}

/// "if needs_response were false: fire-and-forget".
pub fn flip_text<T: Copy>(d: &Decision<T>, show: impl Fn(T) -> String) -> Option<String> {
    d.flip
        .map(|f| format!("{}: {}", f.condition(), show(f.result)))
}
