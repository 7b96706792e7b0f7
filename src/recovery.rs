//! Autosave and crash recovery: unsaved changes are copied, every 30 seconds (2 in the
//! browser), into the app's own data folder (never over the user's file); after a
//! crash or a kill, the next start finds the copy and offers it back. No egui here:
//! the window drives it, and tests kill a real process and recover without one.

use crate::model::{self, Design};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use web_time::{SystemTime, UNIX_EPOCH};

/// How often unsaved changes are copied. On the desktop the window also copies them
/// as it closes, so this bounds what a crash or a kill loses. A browser tab that is
/// closed or reloaded tells the page nothing, so there the copy is kept close behind
/// the edits: writing it to local storage takes milliseconds.
#[cfg(not(target_arch = "wasm32"))]
pub const INTERVAL: Duration = Duration::from_secs(30);
/// How often unsaved changes are copied (see the desktop's).
#[cfg(target_arch = "wasm32")]
pub const INTERVAL: Duration = Duration::from_secs(2);

/// What is known about a copy besides the design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct About {
    /// The process that wrote it; a copy of a running process is not offered.
    pub pid: u32,
    /// The file the design belongs to, if it had one.
    pub path: Option<PathBuf>,
    /// The title it had in the window.
    pub title: String,
    /// When it was written, in seconds since 1970.
    pub written: u64,
}

/// A copy found in the folder.
#[derive(Clone, Debug)]
pub struct Recovered {
    /// What is known about it.
    pub about: About,
    /// The unsaved design, ready to open: as it was written, or with the parts that
    /// kept it from opening set aside (see `set_aside`). `None` when it cannot be read
    /// at all; the copy is kept all the same.
    pub design: Option<Design>,
    /// What opening the copy as it was written would refuse, each as
    /// `file:line:column: message`; empty for a copy that opens as it is.
    pub problems: Vec<String>,
    /// The flows and waivers left out of `design` so that it opens, in words.
    pub set_aside: Vec<String>,
    /// The copy's design file, to discard it.
    pub file: PathBuf,
}

impl Recovered {
    /// "retail.patchbay.ron, 7 systems and 9 links, written 5 minutes ago".
    pub fn describe(&self, now: SystemTime) -> String {
        let age = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            .saturating_sub(self.about.written);
        let when = match age {
            0..=59 => "less than a minute ago".to_owned(),
            60..=3599 => counted(age / 60, "minute") + " ago",
            3600..=86_399 => counted(age / 3600, "hour") + " ago",
            _ => counted(age / 86_400, "day") + " ago",
        };
        let whose = match &self.about.path {
            Some(p) => format!("changes to {}", crate::fs::shown(p)),
            None => format!("\"{}\", never saved to a file", self.about.title),
        };
        match &self.design {
            Some(design) => format!(
                "{whose}: {} and {}, written {when}",
                crate::report::counted(design.systems.len(), "system"),
                crate::report::counted(design.links.len(), "link"),
            ),
            None => format!("{whose}, written {when}"),
        }
    }
}

/// Reads a copy for recovery: as it is when it opens; else with its broken flows and
/// waivers set aside; else not at all, with its problems.
fn read_copy(file: &Path) -> (Option<Design>, Vec<String>, Vec<String>) {
    let shown = file.display().to_string();
    let located = |problems: &[model::Problem]| -> Vec<String> {
        problems
            .iter()
            .map(|p| p.display_in(&shown).to_string())
            .collect()
    };
    let text = match crate::fs::read(file).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return (
                None,
                vec![format!("{shown}: the copy is not UTF-8 text")],
                Vec::new(),
            );
        }
        Err(e) => {
            return (
                None,
                vec![format!("{shown}: cannot read the copy: {e}")],
                Vec::new(),
            );
        }
    };
    match model::parse(&text) {
        Ok(design) => (Some(design), Vec::new(), Vec::new()),
        Err(problems) => {
            let problems = located(&problems);
            match model::file::parse_unchecked(&text) {
                Ok(mut design) => {
                    let set_aside = model::integrity::set_aside_broken(&mut design);
                    if model::validate::validate(&design).is_empty() {
                        design.sort_canonical();
                        (Some(design), problems, set_aside)
                    } else {
                        (None, problems, Vec::new())
                    }
                }
                Err(_) => (None, problems, Vec::new()),
            }
        }
    }
}

fn counted(n: u64, noun: &str) -> String {
    crate::report::counted(usize::try_from(n).unwrap_or(usize::MAX), noun)
}

/// In the browser: which pages are open (see the module).
#[cfg(target_arch = "wasm32")]
#[path = "recovery_browser.rs"]
pub mod pages;

/// What tells this window's copies from others': the process on the desktop; in the
/// browser, where a page has no process of its own, a number drawn when the page
/// loads.
fn this_window() -> u32 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::process::id()
    }
    #[cfg(target_arch = "wasm32")]
    {
        pages::this_page()
    }
}

/// The copies of one window, in a folder of the app's own.
#[derive(Clone, Debug)]
pub struct Autosave {
    dir: PathBuf,
    pid: u32,
}

impl Autosave {
    /// Copies for this process, in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            pid: this_window(),
        }
    }

    /// Copies as if written by process `pid`: for tools and tests that leave a copy
    /// behind as a crashed window would.
    pub fn for_pid(dir: PathBuf, pid: u32) -> Self {
        Self { dir, pid }
    }

    /// The app's own folder: `recovery` in the data folder eframe uses (in the
    /// browser, in the page's storage).
    pub fn default_dir() -> Option<PathBuf> {
        if cfg!(target_arch = "wasm32") {
            return Some(Path::new(crate::fs::BROWSER_DATA).join("recovery"));
        }
        directories::ProjectDirs::from("", "", "Patchbay").map(|d| d.data_dir().join("recovery"))
    }

    fn design_file(&self) -> PathBuf {
        self.dir.join(format!("{}.patchbay.ron", self.pid))
    }

    fn about_file(design_file: &Path) -> PathBuf {
        design_file.with_extension("about.json")
    }

    /// Writes this window's copy, replacing the last one.
    pub fn write(&self, design: &Design, path: Option<&Path>, title: &str) -> std::io::Result<()> {
        crate::fs::create_dir_all(&self.dir)?;
        let file = self.design_file();
        model::file::save_unchecked(design, &file, "")
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let about = About {
            pid: self.pid,
            path: path.map(Path::to_path_buf),
            title: title.to_owned(),
            written: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let json = serde_json::to_vec_pretty(&about).map_err(std::io::Error::other)?;
        model::file::write_atomic(&Self::about_file(&file), |w| w.write_all(&json))
    }

    /// Removes this window's copy (the design was saved, or its changes discarded).
    pub fn clear(&self) {
        discard(&self.design_file());
    }

    /// Copies left by windows that are no longer running, newest first. Every copy is
    /// offered, also one that does not open as it is (its problems listed) or whose
    /// note of what it is was lost; none is ever deleted here: it may be someone's only
    /// copy.
    pub fn orphans(&self) -> Vec<Recovered> {
        let Ok(entries) = crate::fs::files_in(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".patchbay.ron"))
            .filter_map(|file| {
                let about = crate::fs::read(&Self::about_file(&file))
                    .ok()
                    .and_then(|bytes| serde_json::from_slice::<About>(&bytes).ok())
                    .or_else(|| lost_about(&file))?;
                if about.pid == self.pid || running(about.pid) {
                    return None;
                }
                let (design, problems, set_aside) = read_copy(&file);
                Some(Recovered {
                    about,
                    design,
                    problems,
                    set_aside,
                    file,
                })
            })
            .collect();
        found.sort_by_key(|c| std::cmp::Reverse(c.about.written));
        found
    }
}

/// What can be told of a copy whose note was lost: the process from its name, the
/// time from the file. `None` for a file that is not a copy's (no process number).
fn lost_about(file: &Path) -> Option<About> {
    let name = file.file_name()?.to_string_lossy();
    let pid: u32 = name.strip_suffix(".patchbay.ron")?.parse().ok()?;
    let written = crate::fs::modified(file)
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    Some(About {
        pid,
        path: None,
        title: "a design".into(),
        written,
    })
}

/// Removes a copy and what is known about it.
pub fn discard(design_file: &Path) {
    let _ = crate::fs::remove_file(&Autosave::about_file(design_file));
    let _ = crate::fs::remove_file(design_file);
}

/// Whether the page that wrote a copy is open in another tab.
#[cfg(target_arch = "wasm32")]
fn running(page: u32) -> bool {
    pages::is_open(page)
}

/// Whether a process is running. Linux only knows for sure; elsewhere every other
/// process is taken as gone, so its copy is offered (offering too much loses nothing).
#[cfg(not(target_arch = "wasm32"))]
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists() && !zombie(pid)
}

/// A killed child stays a zombie until its parent reaps it: not running.
#[cfg(not(target_arch = "wasm32"))]
fn zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit(')')
                .next()
                .map(|rest| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}
