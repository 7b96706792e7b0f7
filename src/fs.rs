//! The files the app reads and writes, as paths, wherever it runs.
//!
//! On the desktop these are `std::fs`. In the browser there is no file system, so the
//! same paths are kept by the page, and the code above (open, save, export, import,
//! compare, autosave, progress) is the same on both:
//!
//! - the app's own data (autosave copies, exercise progress) lives under
//!   [`BROWSER_DATA`] in the browser's local storage, and so survives a reload;
//! - a file the user picks or drops onto the page is put under [`BROWSER_PICKED`] for
//!   the app to read, for as long as the page is open;
//! - anything written anywhere else is offered as a download, named by the path's
//!   file name: saving a design or an export is a download.

use std::io;
use std::path::{Path, PathBuf};

/// Where the browser build keeps the app's own data (local storage).
pub const BROWSER_DATA: &str = "/data";

/// Where the browser build puts the files the user picked or dropped.
pub const BROWSER_PICKED: &str = "/picked";

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::io;
    use std::path::{Path, PathBuf};

    pub fn read(path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    pub fn len(path: &Path) -> io::Result<u64> {
        std::fs::metadata(path).map(|m| m.len())
    }

    pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }

    pub fn create_dir_all(dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)
    }

    pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    pub fn remove_file(path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }

    pub fn files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            out.push(entry?.path());
        }
        Ok(out)
    }

    pub fn modified(path: &Path) -> io::Result<web_time::SystemTime> {
        // On the desktop web_time's clock is std's.
        std::fs::metadata(path)?.modified()
    }
}

#[cfg(target_arch = "wasm32")]
#[path = "fs_browser.rs"]
mod imp;

/// The whole file.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    imp::read(path)
}

/// The whole file as text; an error when it is not UTF-8.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// The file's size in bytes.
pub fn len(path: &Path) -> io::Result<u64> {
    imp::len(path)
}

/// Writes the whole file (in the browser, outside the app's data: a download).
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    imp::write(path, bytes.as_ref())
}

/// Makes the folder and its parents.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    imp::create_dir_all(dir)
}

/// Moves a file over another.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    imp::rename(from, to)
}

/// Deletes a file.
pub fn remove_file(path: &Path) -> io::Result<()> {
    imp::remove_file(path)
}

/// The files directly in `dir`.
pub fn files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    imp::files_in(dir)
}

/// When the file was last written.
pub fn modified(path: &Path) -> io::Result<web_time::SystemTime> {
    imp::modified(path)
}

/// A path as the person who chose it knows it, for messages: the path on the desktop;
/// in the browser, where the page's paths are its own, the file's name.
pub fn shown(path: &Path) -> String {
    if cfg!(target_arch = "wasm32") {
        if let Some(name) = path.file_name() {
            return name.to_string_lossy().into_owned();
        }
    }
    path.display().to_string()
}

/// In the browser: keeps a file the user picked or dropped, and gives the path the
/// app opens it by.
#[cfg(target_arch = "wasm32")]
pub fn put_picked(name: &str, bytes: Vec<u8>) -> PathBuf {
    imp::put_picked(name, bytes)
}
