//! Where each system and link starts in its design file, for reports that point at
//! lines (SARIF, JUnit).

use crate::analysis::Subject;
use crate::model::Design;
use crate::model::locate::{Location, locate};
use std::collections::HashMap;

/// The line and column of every system and link in a design file's text.
pub struct Places<'a> {
    design: &'a Design,
    found: HashMap<String, Location>,
}

impl<'a> Places<'a> {
    /// Scans `text`, the file `design` was read from, once.
    pub fn new(design: &'a Design, text: &str) -> Self {
        let paths: Vec<String> = (0..design.systems.len())
            .map(|i| format!("systems[{i}]"))
            .chain((0..design.links.len()).map(|i| format!("links[{i}]")))
            .collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        Self {
            design,
            found: locate(text, &paths),
        }
    }

    /// Where `subject` starts: its record's opening bracket; the file's first line for
    /// the whole design (or a subject the text does not have).
    pub fn of(&self, subject: Subject) -> Location {
        let path = match subject {
            Subject::Design => None,
            Subject::System(id) => self
                .design
                .systems
                .iter()
                .position(|s| s.id == id)
                .map(|i| format!("systems[{i}]")),
            Subject::Link(id) => self
                .design
                .links
                .iter()
                .position(|l| l.id == id)
                .map(|i| format!("links[{i}]")),
        };
        path.and_then(|p| self.found.get(&p).copied())
            .unwrap_or(Location { line: 1, col: 1 })
    }
}
