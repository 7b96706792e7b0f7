//! The `.patchbay.ron` file format: loading with located problems, deterministic and
//! atomic saving.

use super::design::{Design, Link, System, Zone};
use super::locate::{Location, locate, path_at};
use super::validate::validate;
use super::vocab::Environment;
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The format version this build writes; it reads this one and every older one.
pub const FORMAT_VERSION: u32 = 1;
/// The file extension of a design, without the leading dot.
pub const EXTENSION: &str = "patchbay.ron";
/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One problem with a design file, at a place in it when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the text; `None` when the problem is the whole file.
    pub location: Option<Location>,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl Problem {
    fn at(location: Option<Location>, message: impl Into<String>) -> Self {
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

struct DisplayIn<'a>(&'a str, &'a Problem);

impl fmt::Display for DisplayIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1.location {
            Some(l) => write!(f, "{}:{}:{}: {}", self.0, l.line, l.col, self.1.message),
            None => write!(f, "{}: {}", self.0, self.1.message),
        }
    }
}

/// Why a design could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read at all.
    #[error("cannot read {}: {source}", path.display())]
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

fn render_problems(file: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.display_in(file).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a design could not be saved. The previous file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing failed.
    #[error("could not save {}: {source} (the previous file is unchanged)", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The design would be refused by opening, so nothing was written.
    #[error(
        "did not save {}: Patchbay would refuse to open it again ({}). Fix {} in the \
         window (or undo the edit that caused {}), then save again; the previous file \
         is unchanged, and the recovery copy keeps your work meanwhile",
        path.display(),
        issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; "),
        if issues.len() == 1 { "it" } else { "them" },
        if issues.len() == 1 { "it" } else { "them" }
    )]
    Invalid {
        /// The file that was not written.
        path: PathBuf,
        /// What opening would refuse.
        issues: Vec<super::validate::Issue>,
    },
}

/// The file's top level: the design plus its format version.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Design")]
struct DesignFile {
    format_version: u32,
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default, skip_serializing_if = "is_default")]
    environment: Environment,
    #[serde(default, skip_serializing_if = "is_default")]
    central_governance: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    zones: Vec<Zone>,
    systems: Vec<System>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    flows: Vec<super::design::Flow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    waivers: Vec<super::waiver::Waiver>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Reads only the version, ignoring everything else, so that a newer file is named as
/// such instead of failing on fields this build does not know.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: Option<u32>,
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

/// The problem with a file's format version, if this build cannot read that version.
fn version_problem(text: &str, v: u32) -> Option<Problem> {
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
fn ron_problem(e: &ron::error::SpannedError, text: &str) -> Problem {
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
fn skip_spaces(text: &str, at: Location) -> Location {
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
fn start_of_string_before(text: &str, at: Location) -> Location {
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

/// Reads and validates a design file.
pub fn load(path: &Path) -> Result<Design, LoadError> {
    load_with_header(path).map(|(design, _)| design)
}

/// Reads and validates a design file, with its leading comment block (see
/// [`leading_comments`]) so saving can keep it.
pub fn load_with_header(path: &Path) -> Result<(Design, String), LoadError> {
    let unreadable = |source| LoadError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let file = path.display().to_string();
    let invalid = |problems| LoadError::Invalid {
        file: file.clone(),
        problems,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
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
    let bytes = std::fs::read(path).map_err(unreadable)?;
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
    Ok((design, leading_comments(&text).to_owned()))
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

/// RON escapes a single quote inside a string (`customer\'s`); a person writes
/// `customer's`, and a save should not rewrite it. Drops exactly those escapes: every
/// other escape (`\\`, `\"`, `\n`, ...) is kept as it is.
fn unescape_single_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The location just after `text`.
fn end_of(text: &str) -> Location {
    let line = 1 + text.matches('\n').count();
    let col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    Location { line, col }
}

/// The design as file text: the same design always gives the same bytes.
pub fn to_ron_string(design: &Design) -> Result<String, ron::Error> {
    let mut design = design.clone();
    design.sort_canonical();
    let file = DesignFile {
        format_version: FORMAT_VERSION,
        name: design.name,
        description: design.description,
        environment: design.environment,
        central_governance: design.central_governance,
        zones: design.zones,
        systems: design.systems,
        links: design.links,
        flows: design.flows,
        waivers: design.waivers,
    };
    // One line per zone, system and link: readable, and diffs in git stay small.
    let pretty = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ")
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::Options::default().to_string_pretty(&file, pretty)?;
    let mut text = unescape_single_quotes(&text);
    text.push('\n');
    Ok(text)
}

/// The design as file text under `header`, a comment block kept from the file it was
/// read from.
pub fn to_ron_string_with_header(design: &Design, header: &str) -> Result<String, ron::Error> {
    let body = to_ron_string(design)?;
    if header.is_empty() {
        return Ok(body);
    }
    let mut text = String::with_capacity(header.len() + 1 + body.len());
    text.push_str(header);
    if !header.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&body);
    Ok(text)
}

/// The path a design chosen in a save dialog is written to: a name typed without the
/// design extension gets it (`retail` and `retail.ron` become `retail.patchbay.ron`),
/// so the file shows up when it is opened again.
pub fn with_extension(path: PathBuf) -> PathBuf {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return path;
    };
    if name.ends_with(&format!(".{EXTENSION}")) {
        return path;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    path.with_file_name(format!("{stem}.{EXTENSION}"))
}

/// Saves a design atomically: the previous file survives any failure part-way.
pub fn save(design: &Design, path: &Path) -> Result<(), SaveError> {
    save_with_header(design, path, "")
}

/// Saves a design atomically under a comment block kept from the file it was read from.
/// A design that opening would refuse is not written: saving never makes a file
/// Patchbay cannot open again.
pub fn save_with_header(design: &Design, path: &Path, header: &str) -> Result<(), SaveError> {
    let issues = validate(design);
    if !issues.is_empty() {
        return Err(SaveError::Invalid {
            path: path.to_owned(),
            issues,
        });
    }
    save_unchecked(design, path, header)
}

/// Saves a design atomically as it is, valid or not: for the recovery copy, which must
/// keep whatever the window holds.
pub fn save_unchecked(design: &Design, path: &Path, header: &str) -> Result<(), SaveError> {
    let failed = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let text = to_ron_string_with_header(design, header)
        .map_err(|e| failed(io::Error::other(e.to_string())))?;
    write_atomic(path, |w| w.write_all(text.as_bytes())).map_err(failed)
}

/// Writes a file through a temporary file in the same folder that is flushed to disk
/// and then renamed over the target, so readers see the old file or the new one,
/// never half of one. On failure the temporary file is removed.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".patchbay-save-").suffix(".tmp");
    // tempfile makes private (0600) files; a new design gets the usual permissions,
    // as `File::create` would give it (the umask applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the permissions the user gave the file.
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
