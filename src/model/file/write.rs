//! Writing a design file: the RON text with the file's leading comments kept, and
//! an atomic write (a temporary file renamed into place), so a failed save never
//! leaves half a file.

use super::super::design::Design;
use super::super::validate::validate;
use super::format::{DesignFile, EXTENSION, FORMAT_VERSION};
use ron::extensions::Extensions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a design could not be saved. The previous file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing failed.
    #[error(
        "could not save {}: {source} (the previous file is unchanged)",
        crate::fs::shown(path)
    )]
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
        crate::fs::shown(path),
        issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; "),
        if issues.len() == 1 { "it" } else { "them" },
        if issues.len() == 1 { "it" } else { "them" }
    )]
    Invalid {
        /// The file that was not written.
        path: PathBuf,
        /// What opening would refuse.
        issues: Vec<super::super::validate::Issue>,
    },
}

/// RON escapes a single quote inside a string (`customer\'s`); a person writes
/// `customer's`, and a save should not rewrite it. Drops exactly those escapes: every
/// other escape (`\\`, `\"`, `\n`, ...) is kept as it is.
pub(super) fn unescape_single_quotes(text: &str) -> String {
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
    // In the browser a file is written whole (to the page's storage, or as a
    // download): nothing can see half of it.
    if cfg!(target_arch = "wasm32") {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        return crate::fs::write(path, bytes);
    }
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
