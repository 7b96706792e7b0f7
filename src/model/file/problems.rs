//! What is wrong with a design file, and where: a problem with its line and column,
//! shown as `file:line:col: message`, and the RON parser's errors put in words a
//! designer can act on.

use super::super::locate::{Location, locate, path_at};
use super::format::FORMAT_VERSION;
use std::fmt;

/// One problem with a design file, at a place in it when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the text; `None` when the problem is the whole file.
    pub location: Option<Location>,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl Problem {
    pub(super) fn at(location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
        }
    }

    /// `file:line:col: message`, the form editors and CI logs link to.
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayIn(file, self)
    }
}

pub(super) struct DisplayIn<'a>(&'a str, &'a Problem);

impl fmt::Display for DisplayIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1.location {
            Some(l) => write!(f, "{}:{}:{}: {}", self.0, l.line, l.col, self.1.message),
            None => write!(f, "{}: {}", self.0, self.1.message),
        }
    }
}

pub(super) fn render_problems(file: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.display_in(file).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The problem with a file's format version, if this build cannot read that version.
pub(super) fn version_problem(text: &str, v: u32) -> Option<Problem> {
    if v <= FORMAT_VERSION && v != 0 {
        return None;
    }
    let at = locate(text, &["format_version"])
        .get("format_version")
        .copied();
    let message = if v == 0 {
        "format_version 0 does not exist; the first version is 1".to_owned()
    } else {
        format!(
            "this file was made by a newer Patchbay (format version {v}); this build reads up to version {FORMAT_VERSION}, so update Patchbay to open it"
        )
    };
    Some(Problem::at(at, message))
}

/// Turns ron's error into a sentence in the file's own terms.
pub(super) fn ron_problem(e: &ron::error::SpannedError, text: &str) -> Problem {
    use ron::Error as E;
    let what = |outer: &Option<String>| match outer.as_deref() {
        Some("Design") => "the design".to_owned(),
        Some("System") => "a system".to_owned(),
        Some("Link") => "a link".to_owned(),
        Some("Zone") => "a zone".to_owned(),
        Some("Pos") => "a position".to_owned(),
        Some(other) => format!("`{other}`"),
        None => "this item".to_owned(),
    };
    let message = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown attribute `{found}` in {}; expected one of: {}",
            what(outer),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => {
            format!("{} is missing its `{field}`", what(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("`{field}` is given twice in {}", what(outer))
        }
        E::Eof => {
            "the file ends too early: a closing bracket or a value is missing (was it cut short?)"
                .to_owned()
        }
        E::Message(m) => m.clone(),
        E::ExpectedBoolean => "expected true or false".to_owned(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    };
    let at = Location {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    if at >= end_of(text.trim_end()) && !matches!(e.code, E::Eof) {
        return Problem::at(
            Some(at),
            format!("the file ends too early (was it cut short?): {message}"),
        );
    }
    let at = skip_spaces(text, start_of_string_before(text, at));
    // ron's type errors do not say which attribute; the locator knows.
    // Our own messages (E::Message) already name what they are about.
    let field = match e.code {
        E::Message(_) => None,
        _ => path_at(text, at)
            .and_then(|p| p.rsplit('.').next().map(str::to_owned))
            .filter(|f| f.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
    };
    let message = match field {
        Some(f) => format!("`{f}`: {message}"),
        None => message,
    };
    Problem::at(Some(at), message)
}

/// ron may report a place just before the value, on the white space that precedes it.
pub(super) fn skip_spaces(text: &str, at: Location) -> Location {
    let Some(line) = text.lines().nth(at.line.saturating_sub(1)) else {
        return at;
    };
    let spaces = line
        .chars()
        .skip(at.col.saturating_sub(1))
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    Location {
        line: at.line,
        col: at.col + spaces,
    }
}

/// ron reports a bad string value just inside its opening quote; point at the quote.
pub(super) fn start_of_string_before(text: &str, at: Location) -> Location {
    let Some(line) = text.lines().nth(at.line.saturating_sub(1)) else {
        return at;
    };
    let before: Vec<char> = line.chars().take(at.col.saturating_sub(1)).collect();
    // An odd number of quotes before the position means it is inside a string.
    let quotes = before.iter().filter(|&&c| c == '"').count();
    if before.last() == Some(&'"') && quotes % 2 == 1 {
        Location {
            line: at.line,
            col: at.col - 1,
        }
    } else {
        at
    }
}

/// The location just after `text`.
pub(super) fn end_of(text: &str) -> Location {
    let line = 1 + text.matches('\n').count();
    let col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    Location { line, col }
}
