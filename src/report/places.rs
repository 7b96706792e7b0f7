//! Where each system and link starts in its design file, for reports that point at
//! lines (SARIF, JUnit).

use crate::analysis::Subject;
use crate::model::locate::{Location, locate};
use crate::model::{Design, LinkId, SystemId};
use std::collections::HashMap;

/// The line and column of every system and link in a design file's text.
pub struct Places {
    systems: HashMap<SystemId, Location>,
    links: HashMap<LinkId, Location>,
}

impl Places {
    /// Scans `text`, the file `design` was read from, once.
    pub fn new(design: &Design, text: &str) -> Self {
        let system_paths: Vec<String> = (0..design.systems.len())
            .map(|i| format!("systems[{i}]"))
            .collect();
        let link_paths: Vec<String> = (0..design.links.len())
            .map(|i| format!("links[{i}]"))
            .collect();
        let paths: Vec<&str> = system_paths
            .iter()
            .chain(&link_paths)
            .map(String::as_str)
            .collect();
        let found = locate(text, &paths);
        let at = |path: &String| found.get(path).copied();
        Self {
            systems: design
                .systems
                .iter()
                .zip(&system_paths)
                .filter_map(|(s, p)| Some((s.id, at(p)?)))
                .collect(),
            links: design
                .links
                .iter()
                .zip(&link_paths)
                .filter_map(|(l, p)| Some((l.id, at(p)?)))
                .collect(),
        }
    }

    /// Where `subject` starts: its record's opening bracket; the file's first line for
    /// the whole design (or a subject the text does not have).
    pub fn of(&self, subject: Subject) -> Location {
        match subject {
            Subject::Design => None,
            Subject::System(id) => self.systems.get(&id).copied(),
            Subject::Link(id) => self.links.get(&id).copied(),
        }
        .unwrap_or(Location { line: 1, col: 1 })
    }
}
