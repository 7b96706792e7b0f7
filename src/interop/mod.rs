//! Designs in and out of the tools architects already use: interface catalogues kept
//! as spreadsheets (CSV), Mermaid flowcharts from READMEs, draw.io diagrams, CALM
//! architectures. Every import says what it guessed, in a report the user reads
//! before the design opens.

pub mod calm;
pub mod csv;
pub mod drawio;
mod imported;
pub mod markup;
pub mod mermaid;
pub mod spreadsheet;

pub use imported::{Imported, guess_kind};

/// What Patchbay imports, in words, for messages about a file it cannot.
pub const READS: &str = "interface catalogues (.csv), draw.io diagrams (.drawio), Mermaid flowcharts (.mmd, or the first mermaid block of a .md) and CALM architectures (.json)";

/// The file extensions Patchbay imports.
pub const EXTENSIONS: &[&str] = &["csv", "drawio", "xml", "mmd", "md", "json"];

/// Reads another tool's file by its extension: `None` when Patchbay cannot read that
/// kind of file.
pub fn import(
    path: &std::path::Path,
    text: &str,
    page: Option<&str>,
) -> Option<Result<Imported, Vec<crate::model::Problem>>> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => Some(csv::import(text)),
        "drawio" | "xml" => Some(drawio::import(text, page)),
        "mmd" | "mermaid" | "md" | "markdown" => Some(mermaid::import(text)),
        "json" => Some(calm::import(text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SystemKind;

    #[test]
    fn names_suggest_kinds_by_whole_words_for_short_hints() {
        for (name, kind) in [
            ("Salesforce Sales & Service", SystemKind::SalesforceOrg),
            ("SAP S/4HANA", SystemKind::Erp),
            ("Order events (Kafka)", SystemKind::MessageBroker),
            ("Okta", SystemKind::IdentityProvider),
            ("Data warehouse", SystemKind::Database),
            ("Customer portal", SystemKind::WebApp),
            ("Adobe Analytics", SystemKind::Other),
            ("central server", SystemKind::Other),
        ] {
            assert_eq!(
                guess_kind(name).map_or(SystemKind::Other, |g| g.0),
                kind,
                "{name}"
            );
        }
    }
}
