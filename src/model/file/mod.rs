//! The `.patchbay.ron` file format: loading with located problems, deterministic and
//! atomic saving.

mod format;
mod problems;
mod write;

use format::{DesignFile, VersionProbe};
pub use format::{EXTENSION, FORMAT_VERSION, MAX_FILE_BYTES};

use super::design::Design;
use super::locate::{Location, locate};
use super::validate::validate;
pub use problems::Problem;
use problems::{end_of, render_problems, ron_problem, version_problem};
use ron::extensions::Extensions;
use std::io;
use std::path::{Path, PathBuf};
pub use write::{
    SaveError, save, save_unchecked, save_with_header, to_ron_string, to_ron_string_with_header,
    with_extension, write_atomic,
};

/// Why a design could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read at all.
    #[error("cannot read {}: {source}", crate::fs::shown(path))]
    Unreadable {
        /// The file asked for.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file was read but is not a valid design.
    #[error("{}", render_problems(file, problems))]
    Invalid {
        /// The file's name as the user gave it.
        file: String,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

fn read_options() -> ron::Options {
    // Optional values may be written bare (`zone: 2`), as a person would write them.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and validates design text. On failure, returns every problem found.
///
/// ```
/// let design = patchbay::model::parse(r#"(
///     format_version: 1,
///     name: "Tiny",
///     systems: [(id: 1, name: "Shop", kind: "web-app"), (id: 2, name: "Org", kind: "salesforce-org")],
///     links: [(id: 1, from: 1, to: 2, needs_response: true)],
/// )"#).expect("a valid design");
/// assert_eq!(design.links[0].protocol.id(), "rest");
///
/// let problems = patchbay::model::parse("(format_version: 1, name: \"x\", systems: [], links: [(id: 1, from: 1, to: 2)])")
///     .expect_err("the link's ends do not exist");
/// assert_eq!(problems.len(), 2);
/// ```
pub fn parse(text: &str) -> Result<Design, Vec<Problem>> {
    let mut design = parse_unchecked(text)?;
    let issues = validate(&design);
    if !issues.is_empty() {
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        let places = locate(text, &paths);
        let mut problems: Vec<Problem> = issues
            .iter()
            .map(|i| Problem::at(places.get(&i.path).copied(), i.message.clone()))
            .collect();
        problems.sort_by_key(|p| p.location);
        return Err(problems);
    }
    design.sort_canonical();
    Ok(design)
}

/// Parses design text without validating it: for reading back a recovery copy whose
/// flows or waivers may need setting aside before it opens.
pub fn parse_unchecked(text: &str) -> Result<Design, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![Problem::at(
            Some(Location { line: 1, col: 1 }),
            "the file is empty; a design is written as `(format_version: 1, name: \"...\", systems: [...])`",
        )]);
    }
    let options = read_options();
    // One pass over the text when it reads (the common case); the version is looked at
    // on its own only to explain a failure, so that a file from a newer Patchbay is
    // named as such instead of failing on a field this build does not know.
    let file: DesignFile = match options.from_str(text) {
        Ok(file) => file,
        Err(e) => {
            if let Ok(VersionProbe {
                format_version: Some(v),
            }) = options.from_str::<VersionProbe>(text)
            {
                if let Some(problem) = version_problem(text, v) {
                    return Err(vec![problem]);
                }
            }
            return Err(vec![ron_problem(&e, text)]);
        }
    };
    if let Some(problem) = version_problem(text, file.format_version) {
        return Err(vec![problem]);
    }
    Ok(Design {
        name: file.name,
        description: file.description,
        environment: file.environment,
        central_governance: file.central_governance,
        zones: file.zones,
        systems: file.systems,
        links: file.links,
        flows: file.flows,
        waivers: file.waivers,
    })
}

/// Reads and validates a design file.
pub fn load(path: &Path) -> Result<Design, LoadError> {
    load_with_header(path).map(|(design, _)| design)
}

/// Reads and validates a design file, with its leading comment block (see
/// [`leading_comments`]) so saving can keep it.
pub fn load_with_header(path: &Path) -> Result<(Design, String), LoadError> {
    let (design, text) = load_with_text(path)?;
    Ok((design, leading_comments(&text).to_owned()))
}

/// Reads and validates a design file, with the file's whole text, for reports that
/// point at its lines.
pub fn load_with_text(path: &Path) -> Result<(Design, String), LoadError> {
    let unreadable = |source| LoadError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let file = crate::fs::shown(path);
    let invalid = |problems| LoadError::Invalid {
        file: file.clone(),
        problems,
    };
    let size = crate::fs::len(path).map_err(unreadable)?;
    if size > MAX_FILE_BYTES {
        return Err(invalid(vec![Problem::at(
            None,
            format!(
                "the file is {:.1} MB; Patchbay reads design files of up to {} MB",
                size as f64 / 1_000_000.0,
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )]));
    }
    let bytes = crate::fs::read(path).map_err(unreadable)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            return Err(invalid(vec![Problem::at(
                Some(end_of(&good)),
                "the file is not UTF-8 text here; is it a Patchbay design?",
            )]));
        }
    };
    let design = parse(&text).map_err(invalid)?;
    Ok((design, text))
}

/// The comment block a file starts with: its leading `//` lines (and the blank lines
/// among them), empty when the file starts with anything else. Saving keeps it;
/// comments further down are not kept.
pub fn leading_comments(text: &str) -> &str {
    let mut end = 0;
    let mut last_comment = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            end += line.len();
            last_comment = end;
        } else if trimmed.is_empty() {
            end += line.len();
        } else {
            break;
        }
    }
    &text[..last_comment]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_typed_name_gets_the_design_extension() {
        use std::path::PathBuf;
        for (typed, saved) in [
            ("retail", "retail.patchbay.ron"),
            ("retail.ron", "retail.patchbay.ron"),
            ("dir/retail.patchbay.ron", "dir/retail.patchbay.ron"),
            ("v1.2", "v1.2.patchbay.ron"),
        ] {
            assert_eq!(
                super::with_extension(PathBuf::from(typed)),
                PathBuf::from(saved)
            );
        }
    }
}
