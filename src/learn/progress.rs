//! Which exercises a student has tried and solved, kept between runs in a small file
//! in the app's data folder.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where an exercise stands for this student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Never checked.
    New,
    /// Checked, not solved yet.
    Tried,
    /// Solved at least once.
    Solved,
}

impl Status {
    /// How the Learn menu and `lesson list` show it.
    pub const fn label(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Tried => "tried",
            Status::Solved => "solved",
        }
    }
}

/// The exercises tried and solved, by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Checked at least once.
    #[serde(default)]
    pub tried: BTreeSet<String>,
    /// Solved at least once.
    #[serde(default)]
    pub solved: BTreeSet<String>,
}

impl Progress {
    /// The progress file: `PATCHBAY_PROGRESS` when set (tests, shared lab machines),
    /// else `progress.ron` in the app's data folder.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(path) = std::env::var_os("PATCHBAY_PROGRESS") {
            return Some(PathBuf::from(path));
        }
        if cfg!(target_arch = "wasm32") {
            return Some(Path::new(crate::fs::BROWSER_DATA).join("progress.ron"));
        }
        directories::ProjectDirs::from("", "", "Patchbay")
            .map(|d| d.data_dir().join("progress.ron"))
    }

    /// The progress in `path`; none yet when the file is missing. A damaged file is
    /// reported and left alone (the next save replaces it).
    pub fn load(path: &Path) -> Result<Self, String> {
        match crate::fs::read_to_string(path) {
            Ok(text) => ron::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the progress to `path`, creating its folder, through a temporary file so
    /// a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| fail(&e))?;
        let tmp = path.with_extension("ron.tmp");
        crate::fs::write(&tmp, text).map_err(|e| fail(&e))?;
        crate::fs::rename(&tmp, path).map_err(|e| fail(&e))
    }

    /// Where exercise `id` stands.
    pub fn status(&self, id: &str) -> Status {
        if self.solved.contains(id) {
            Status::Solved
        } else if self.tried.contains(id) {
            Status::Tried
        } else {
            Status::New
        }
    }

    /// Records a check of exercise `id`; true when that changed anything.
    pub fn record(&mut self, id: &str, solved: bool) -> bool {
        let tried = self.tried.insert(id.to_owned());
        let newly = solved && self.solved.insert(id.to_owned());
        tried || newly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_a_save_and_a_damaged_file_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("deep/progress.ron");
        assert_eq!(Progress::load(&path), Ok(Progress::default()));
        let mut p = Progress::default();
        assert!(p.record("smart-tv", false));
        assert!(p.record("smart-tv", true));
        assert!(!p.record("smart-tv", true));
        p.save(&path).expect("saved");
        let back = Progress::load(&path).expect("loads");
        assert_eq!(back.status("smart-tv"), Status::Solved);
        assert_eq!(back.status("mesh-count"), Status::New);
        std::fs::write(&path, "(tried: [").expect("write");
        let err = Progress::load(&path).expect_err("damaged");
        assert!(err.contains("progress.ron"), "{err}");
    }
}
