//! The interface catalogue: one row per link, as architects keep it in a spreadsheet.
//!
//! Reading: `source`, `target` and `purpose` are required; a column named like a link
//! attribute is read with the file format's vocabulary and checks; `source_kind`,
//! `target_kind`, `source_zone` and `target_zone` place the systems. Every problem is
//! reported at once with its row and column, the bad value and what is allowed, and
//! nothing is half-imported. Writing: the same columns plus the four recommendations,
//! so a catalogue can be enriched and read back; a cell a spreadsheet would run as a
//! formula is written with a leading `'`, taken off again when read.

use super::imported::{Imported, finish, guess_into};
use super::spreadsheet::{guarded, unguarded};
use crate::analysis::Analysis;
use crate::model::file::Problem;
use crate::model::locate::Location;
use crate::model::{
    AuthFlow, Design, Format, Latency, Link, LinkId, Protocol, Sensitivity, System, SystemId,
    SystemKind, Trigger, Zone, ZoneId, limits,
};
use std::collections::HashMap;
use std::str::FromStr;

/// The columns a catalogue may have, in the order Patchbay writes them.
pub const COLUMNS: &[&str] = &[
    "source",
    "target",
    "purpose",
    "needs_response",
    "trigger",
    "latency",
    "volume",
    "expected_duration_s",
    "guaranteed_delivery",
    "on_behalf_of_user",
    "virtual",
    "external_publish",
    "sensitivity",
    "protocol",
    "format",
    "auth",
    "notes",
    "source_kind",
    "target_kind",
    "source_zone",
    "target_zone",
    "source_id",
    "target_id",
];

/// Columns Patchbay writes with its recommendations; read back, they are ignored.
pub const ADVICE_COLUMNS: &[&str] = &["pattern", "events", "auth_flow", "mtls"];

/// The catalogue of a design, with each link's recommendations.
pub fn export(design: &Design, analysis: &Analysis) -> Result<String, String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(ADVICE_COLUMNS);
    w.write_record(&header).map_err(|e| e.to_string())?;
    let zone = |id: Option<ZoneId>| {
        id.and_then(|z| design.zone(z))
            .map_or_else(String::new, |z| z.name.clone())
    };
    for l in design.links.iter() {
        let (Some(from), Some(to)) = (design.system(l.from), design.system(l.to)) else {
            continue;
        };
        let a = analysis.link(l.id);
        let advice =
            |f: &dyn Fn(&crate::analysis::LinkAnalysis) -> String| a.map_or_else(String::new, f);
        let row: Vec<String> = vec![
            from.name.clone(),
            to.name.clone(),
            l.purpose.clone(),
            l.needs_response.to_string(),
            l.trigger.id().into(),
            l.latency.id().into(),
            l.volume.to_string(),
            l.expected_duration_s.to_string(),
            l.guaranteed_delivery.to_string(),
            l.on_behalf_of_user.to_string(),
            l.is_virtual.to_string(),
            l.external_publish.to_string(),
            l.sensitivity.id().into(),
            l.protocol.id().into(),
            l.format.id().into(),
            l.auth.map_or_else(String::new, |a| a.id().into()),
            l.notes.clone(),
            from.kind.id().into(),
            to.kind.id().into(),
            zone(from.zone),
            zone(to.zone),
            from.id.0.to_string(),
            to.id.0.to_string(),
            advice(&|a| a.pattern.choice.id().into()),
            advice(&|a| a.events.choice.id().into()),
            advice(&|a| a.auth_flow.choice.id().into()),
            advice(&|a| {
                if a.mtls.choice {
                    "recommended"
                } else {
                    "not needed"
                }
                .into()
            }),
        ];
        w.write_record(row.iter().map(|cell| guarded(cell).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A system's id as a problem names it.
fn key_said(id: Option<&str>) -> String {
    id.map_or_else(String::new, |id| format!("id {id}"))
}

fn problem(line: u64, col: usize, message: String) -> Problem {
    Problem {
        location: Some(Location {
            line: usize::try_from(line).unwrap_or(usize::MAX),
            col,
        }),
        message,
    }
}

fn boolean(v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!(
            "\"{v}\" is not yes or no; write true or false (yes/no and 1/0 also work)"
        )),
    }
}

fn vocab<T: FromStr>(v: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    T::from_str(v.trim()).map_err(|e| e.to_string())
}

/// Reads a catalogue. `Err` lists every problem, with its row (the line in the file)
/// and column (the field's number), and nothing is imported.
pub fn import(text: &str) -> Result<Imported, Vec<Problem>> {
    // A spreadsheet's UTF-8 byte order mark is no part of the first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let (width, index) = columns(&mut reader)?;
    let mut catalogue = Catalogue::new(index);
    for record in reader.records() {
        match record {
            Ok(record) => catalogue.row(&record, width),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                catalogue
                    .problems
                    .push(problem(line, 1, format!("this row cannot be read: {e}")));
            }
        }
    }
    catalogue.finish()
}

/// The header row: how many columns it has and where each known one is; problems
/// with it (unknown, doubled or missing columns, semicolons) stop the import.
fn columns(
    reader: &mut ::csv::Reader<&[u8]>,
) -> Result<(usize, HashMap<String, usize>), Vec<Problem>> {
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            return Err(vec![problem(
                1,
                1,
                format!("the header row cannot be read: {e}"),
            )]);
        }
    };
    if header.len() == 1 && header[0].contains(';') {
        return Err(vec![problem(
            1,
            1,
            "the columns are separated by semicolons; save the sheet as comma-separated CSV".into(),
        )]);
    }
    let mut problems = Vec::new();
    let mut index = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        if COLUMNS.contains(&name.as_str()) {
            if index.insert(name.clone(), i).is_some() {
                problems.push(problem(1, i + 1, format!("column {name} appears twice")));
            }
        } else if !ADVICE_COLUMNS.contains(&name.as_str()) {
            problems.push(problem(
                1,
                i + 1,
                format!(
                    "unknown column \"{name}\"; the columns are: {}",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    for required in ["source", "target", "purpose"] {
        if !index.contains_key(required) {
            problems.push(problem(
                1,
                1,
                format!("there is no {required} column; source, target and purpose are required"),
            ));
        }
    }
    if problems.is_empty() {
        Ok((header.len(), index))
    } else {
        Err(problems)
    }
}

/// A catalogue being read, row by row.
struct Catalogue {
    /// Where each known column is.
    index: HashMap<String, usize>,
    design: Design,
    /// Each system by its key (its id where the catalogue has `source_id` and
    /// `target_id`, else its name), as its place in `design.systems`.
    systems: HashMap<String, usize>,
    /// The catalogue keeps ids (Patchbay's own export): systems are told apart by
    /// them, and names and zones are taken exactly as written, spaces included.
    exact: bool,
    /// For each system, the kind it was given and where, to catch two different kinds.
    kind_given: HashMap<usize, (SystemKind, u64)>,
    zones: HashMap<String, ZoneId>,
    problems: Vec<Problem>,
}

impl Catalogue {
    fn new(index: HashMap<String, usize>) -> Self {
        let exact = index.contains_key("source_id") && index.contains_key("target_id");
        Self {
            exact,
            index,
            design: Design {
                name: "Imported interface catalogue".into(),
                ..Design::default()
            },
            systems: HashMap::new(),
            kind_given: HashMap::new(),
            zones: HashMap::new(),
            problems: Vec::new(),
        }
    }

    /// The trimmed value of column `name` in `record`, when the catalogue has it.
    fn cell<'r>(&self, record: &'r ::csv::StringRecord, name: &str) -> Option<&'r str> {
        self.index.get(name).map(|&i| unguarded(record[i].trim()))
    }

    /// A name in column `name`: as written in a catalogue with ids (Patchbay's own,
    /// where a space at either end is part of the name), else trimmed (a sheet's
    /// stray spaces are not).
    fn name<'r>(&self, record: &'r ::csv::StringRecord, name: &str) -> Option<&'r str> {
        if self.exact {
            self.index.get(name).map(|&i| unguarded(&record[i]))
        } else {
            self.cell(record, name)
        }
    }

    /// A problem with column `name` on `line`.
    fn bad(&mut self, line: u64, name: &str, message: String) {
        let col = self.index.get(name).map_or(1, |i| i + 1);
        self.problems
            .push(problem(line, col, format!("{name}: {message}")));
    }

    /// One interface: a link between its two systems, each made on first sight.
    fn row(&mut self, record: &::csv::StringRecord, width: usize) {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != width {
            // A quote never closed swallows the rest of the file into one field.
            let message = match record.iter().position(|f| f.contains('\n')) {
                Some(i) => format!(
                    "the quoted field in column {} is never closed (a \" is missing), so the rest of the file is read as its text",
                    i + 1
                ),
                None => format!(
                    "this row has {} where the header has {}",
                    crate::report::counted(record.len(), "field"),
                    width
                ),
            };
            self.problems
                .push(problem(line, record.len().min(width) + 1, message));
            return;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        let mut link = self.link(record, line);
        let ends = [
            ("source", "source_kind", "source_zone", "source_id"),
            ("target", "target_kind", "target_zone", "target_id"),
        ]
        .map(|columns| self.end(record, line, columns));
        match ends {
            [Some(a), Some(b)] if a == b => self.bad(
                line,
                "target",
                "is the source itself; a link joins two different systems".into(),
            ),
            [Some(a), Some(b)] => {
                link.id = LinkId(self.design.links.len() as u32 + 1);
                link.from = a;
                link.to = b;
                self.design.links.push(link);
            }
            _ => {}
        }
    }

    /// The link's own columns; its ends are set by [`Catalogue::row`].
    fn link(&mut self, record: &::csv::StringRecord, line: u64) -> Link {
        let mut link = Link::new(LinkId(0), SystemId(0), SystemId(0));
        if let Some(v) = self.name(record, "purpose") {
            link.purpose = v.to_owned();
        }
        macro_rules! read {
            ($name:literal, $parse:expr, $field:expr) => {
                if let Some(v) = self.cell(record, $name).filter(|v| !v.is_empty()) {
                    match $parse(v) {
                        Ok(x) => $field = x,
                        Err(e) => self.bad(line, $name, e),
                    }
                }
            };
        }
        read!("needs_response", boolean, link.needs_response);
        read!("guaranteed_delivery", boolean, link.guaranteed_delivery);
        read!("on_behalf_of_user", boolean, link.on_behalf_of_user);
        read!("virtual", boolean, link.is_virtual);
        read!("external_publish", boolean, link.external_publish);
        read!("trigger", vocab::<Trigger>, link.trigger);
        read!("latency", vocab::<Latency>, link.latency);
        read!("sensitivity", vocab::<Sensitivity>, link.sensitivity);
        read!("protocol", vocab::<Protocol>, link.protocol);
        read!("format", vocab::<Format>, link.format);
        read!("auth", |v| vocab::<AuthFlow>(v).map(Some), link.auth);
        read!(
            "volume",
            |v: &str| v
                .replace([',', '_'], "")
                .parse::<i64>()
                .ok()
                .filter(|n| limits::volume_ok(*n))
                .ok_or_else(|| format!("\"{v}\" is not a number of records (0 or more)")),
            link.volume
        );
        read!(
            "expected_duration_s",
            |v: &str| v
                .parse::<f64>()
                .ok()
                .filter(|s| limits::duration_ok(*s))
                .ok_or_else(|| format!("\"{v}\" is not a number of seconds (0 or more)")),
            link.expected_duration_s
        );
        if let Some(v) = self.name(record, "notes") {
            link.notes = v.to_owned();
        }
        link
    }

    /// One end of the row's link: the system named in column `end`, made on first
    /// sight, with the kind and zone the row gives it.
    fn end(
        &mut self,
        record: &::csv::StringRecord,
        line: u64,
        (end, kind_col, zone_col, id_col): (&str, &str, &str, &str),
    ) -> Option<SystemId> {
        let name = self.name(record, end)?;
        if name.trim().is_empty() {
            self.bad(
                line,
                end,
                "is empty; every interface names the system at each end".into(),
            );
            return None;
        }
        // Told apart by id where the catalogue has ids (two systems may share a name).
        let key = match self.cell(record, id_col) {
            Some(id) if self.exact => match id.parse::<u32>() {
                Ok(n) if n > 0 => format!("#{n}"),
                _ => {
                    self.bad(
                        line,
                        id_col,
                        format!("\"{id}\" is not a system id (1 or more)"),
                    );
                    return None;
                }
            },
            _ => name.to_owned(),
        };
        let next = self.design.systems.len();
        let design = &mut self.design;
        let i = *self.systems.entry(key).or_insert_with(|| {
            let id = SystemId(next as u32 + 1);
            design
                .systems
                .push(System::new(id, name, SystemKind::Other));
            next
        });
        if self.design.systems[i].name != name {
            let first = self.design.systems[i].name.clone();
            self.bad(
                line,
                end,
                format!(
                    "system {} is named \"{name}\" here but \"{first}\" before",
                    key_said(self.cell(record, id_col))
                ),
            );
        }
        if let Some(v) = self.cell(record, kind_col).filter(|v| !v.is_empty()) {
            match vocab::<SystemKind>(v) {
                Ok(kind) => match self.kind_given.get(&i) {
                    Some((other, at)) if *other != kind => {
                        let message = format!(
                            "{name} is {} here but {} on line {at}",
                            kind.id(),
                            other.id()
                        );
                        self.bad(line, kind_col, message);
                    }
                    _ => {
                        self.kind_given.insert(i, (kind, line));
                        self.design.systems[i].kind = kind;
                    }
                },
                Err(e) => self.bad(line, kind_col, e),
            }
        }
        if let Some(v) = self.name(record, zone_col).filter(|v| !v.trim().is_empty()) {
            let next = ZoneId(self.zones.len() as u32 + 1);
            let design = &mut self.design;
            let id = *self.zones.entry(v.to_owned()).or_insert_with(|| {
                design.zones.push(Zone {
                    id: next,
                    name: v.to_owned(),
                });
                next
            });
            match self.design.systems[i].zone {
                Some(z) if z != id => self.bad(line, zone_col, format!("{name} is in two zones")),
                _ => self.design.systems[i].zone = Some(id),
            }
        }
        Some(self.design.systems[i].id)
    }

    /// The design, once every row reads; else every problem, in file order. Kinds
    /// nobody gave are guessed from the name, and said so.
    fn finish(mut self) -> Result<Imported, Vec<Problem>> {
        if !self.problems.is_empty() {
            self.problems.sort_by_key(|p| p.location);
            return Err(self.problems);
        }
        let mut report = Vec::new();
        for (i, s) in self.design.systems.iter_mut().enumerate() {
            if self.kind_given.contains_key(&i) {
                continue;
            }
            guess_into(
                s,
                &mut report,
                "; give source_kind or target_kind to choose",
            );
        }
        finish(self.design, report)
    }
}
