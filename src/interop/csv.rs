//! The interface catalogue: one row per link, as architects keep it in a spreadsheet.
//!
//! Reading: `source`, `target` and `purpose` are required; a column named like a link
//! attribute is read with the file format's vocabulary and checks; `source_kind`,
//! `target_kind`, `source_zone` and `target_zone` place the systems. Every problem is
//! reported at once with its row and column, the bad value and what is allowed, and
//! nothing is half-imported. Writing: the same columns plus the four recommendations,
//! so a catalogue can be enriched and read back.

use super::{Imported, finish, guess_into};
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
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
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
    let mut problems = Vec::new();
    if header.len() == 1 && header[0].contains(';') {
        return Err(vec![problem(
            1,
            1,
            "the columns are separated by semicolons; save the sheet as comma-separated CSV".into(),
        )]);
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        if COLUMNS.contains(&name.as_str()) {
            if index.insert(name, i).is_some() {
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
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut design = Design {
        name: "Imported interface catalogue".into(),
        ..Design::default()
    };
    let mut report = Vec::new();
    let mut systems: HashMap<String, usize> = HashMap::new();
    // For each system, the kind it was given and where, to catch two different kinds.
    let mut kind_given: HashMap<usize, (SystemKind, u64)> = HashMap::new();
    let mut zones: HashMap<String, ZoneId> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, 1, format!("this row cannot be read: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            // A quote never closed swallows the rest of the file into one field.
            let message = match record.iter().position(|f| f.contains('\n')) {
                Some(i) => format!(
                    "the quoted field in column {} is never closed (a \" is missing), so the rest of the file is read as its text",
                    i + 1
                ),
                None => format!(
                    "this row has {} where the header has {}",
                    crate::report::counted(record.len(), "field"),
                    header.len()
                ),
            };
            problems.push(problem(line, record.len().min(header.len()) + 1, message));
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| index.get(name).map(|&i| (i, record[i].trim()));
        let mut bad = |name: &str, message: String| {
            let col = index.get(name).map_or(1, |i| i + 1);
            problems.push(problem(line, col, format!("{name}: {message}")));
        };
        let mut link = Link::new(LinkId(0), SystemId(0), SystemId(0));
        if let Some((_, v)) = cell("purpose") {
            link.purpose = v.to_owned();
        }
        macro_rules! read {
            ($name:literal, $parse:expr, $field:expr) => {
                if let Some((_, v)) = cell($name).filter(|(_, v)| !v.is_empty()) {
                    match $parse(v) {
                        Ok(x) => $field = x,
                        Err(e) => bad($name, e),
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
        if let Some((_, v)) = cell("notes") {
            link.notes = v.to_owned();
        }
        // The two ends, made on first sight.
        let mut ends = [None, None];
        for (k, (end, kind_col, zone_col)) in [
            ("source", "source_kind", "source_zone"),
            ("target", "target_kind", "target_zone"),
        ]
        .into_iter()
        .enumerate()
        {
            let Some((_, name)) = cell(end) else { continue };
            if name.is_empty() {
                bad(
                    end,
                    "is empty; every interface names the system at each end".into(),
                );
                continue;
            }
            let next = design.systems.len();
            let i = *systems.entry(name.to_owned()).or_insert_with(|| {
                let id = SystemId(next as u32 + 1);
                design
                    .systems
                    .push(System::new(id, name, SystemKind::Other));
                next
            });
            if let Some((_, v)) = cell(kind_col).filter(|(_, v)| !v.is_empty()) {
                match vocab::<SystemKind>(v) {
                    Ok(kind) => match kind_given.get(&i) {
                        Some((other, at)) if *other != kind => bad(
                            kind_col,
                            format!(
                                "{name} is {} here but {} on line {at}",
                                kind.id(),
                                other.id()
                            ),
                        ),
                        _ => {
                            kind_given.insert(i, (kind, line));
                            design.systems[i].kind = kind;
                        }
                    },
                    Err(e) => bad(kind_col, e),
                }
            }
            if let Some((_, v)) = cell(zone_col).filter(|(_, v)| !v.is_empty()) {
                let next = ZoneId(zones.len() as u32 + 1);
                let id = *zones.entry(v.to_owned()).or_insert_with(|| {
                    design.zones.push(Zone {
                        id: next,
                        name: v.to_owned(),
                    });
                    next
                });
                match design.systems[i].zone {
                    Some(z) if z != id => bad(zone_col, format!("{name} is in two zones")),
                    _ => design.systems[i].zone = Some(id),
                }
            }
            ends[k] = Some(design.systems[i].id);
        }
        match ends {
            [Some(a), Some(b)] if a == b => bad(
                "target",
                "is the source itself; a link joins two different systems".into(),
            ),
            [Some(a), Some(b)] => {
                link.id = LinkId(design.links.len() as u32 + 1);
                link.from = a;
                link.to = b;
                design.links.push(link);
            }
            _ => {}
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.location);
        return Err(problems);
    }
    // Kinds nobody gave: guessed from the name, and said so.
    for (i, s) in design.systems.iter_mut().enumerate() {
        if kind_given.contains_key(&i) {
            continue;
        }
        guess_into(
            s,
            &mut report,
            "; give source_kind or target_kind to choose",
        );
    }
    finish(design, report)
}
