//! Mermaid flowcharts in: nodes become systems, edges links (their labels purposes),
//! `subgraph` blocks zones. Patchbay's own export reads back to the same systems,
//! links and zones, with their kinds (from its `class` lines). Syntax this reader does
//! not understand is a problem at its line, never skipped silently; presentation
//! (`classDef`, `style`, `linkStyle`) is read and left, and interactivity (`click`) is
//! skipped and said so.

use super::imported::{Imported, finish, guess_into};
use crate::model::file::Problem;
use crate::model::locate::Location;
use crate::model::{Design, Link, LinkId, System, SystemId, SystemKind, Zone, ZoneId};
use std::collections::HashMap;

fn at(line: usize, col: usize, message: String) -> Problem {
    Problem {
        location: Some(Location { line, col }),
        message,
    }
}

/// Mermaid's entity codes (`#38;`, `#quot;`) back to characters.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail.find(';').filter(|&e| e > 0 && e <= 8);
        let decoded = end.and_then(|e| {
            let code = &tail[..e];
            match code {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => code.parse::<u32>().ok().and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('#');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a label, its quotes and brackets taken off.
fn label(raw: &str) -> String {
    let t = raw.trim();
    let t = t
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(t);
    decode(t.trim())
}

/// A node reference, `id` or `id[Label]` (any of Mermaid's shapes): its id, its label
/// if given, and whether its shape is the database cylinder.
fn node(text: &str) -> Option<(String, Option<String>, bool)> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let id = &text[..end];
    if id.is_empty() {
        return None;
    }
    let shape = text[end..].trim();
    if shape.is_empty() {
        return Some((id.to_owned(), None, false));
    }
    for (open, close, cylinder) in [
        ("[(", ")]", true),
        ("([", "])", false),
        ("((", "))", false),
        ("[[", "]]", false),
        ("{{", "}}", false),
        ("[", "]", false),
        ("(", ")", false),
        ("{", "}", false),
        (">", "]", false),
    ] {
        if let Some(inner) = shape.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            return Some((id.to_owned(), Some(label(inner)), cylinder));
        }
    }
    None
}

/// The arrows this reader understands, longest first.
const ARROWS: &[&str] = &["-.->", "==>", "-->", "---"];

/// Splits `A -->|label| B --> C` into nodes and the labels between them.
fn edges(line: &str) -> Option<(Vec<&str>, Vec<Option<String>>)> {
    let mut nodes = Vec::new();
    let mut labels = Vec::new();
    let mut rest = line;
    loop {
        // The next arrow, or `-- text -->`.
        let found = ARROWS
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, *a)))
            .min_by_key(|(i, a)| (*i, std::cmp::Reverse(a.len())));
        let text_arrow = rest
            .find("-- ")
            .filter(|i| found.is_none_or(|(f, _)| *i < f));
        match (text_arrow, found) {
            (Some(i), _) => {
                let after = &rest[i + 3..];
                let close = after.find("-->")?;
                nodes.push(&rest[..i]);
                labels.push(Some(label(&after[..close])));
                rest = &after[close + 3..];
            }
            (None, Some((i, arrow))) => {
                nodes.push(&rest[..i]);
                let mut after = &rest[i + arrow.len()..];
                let mut text = None;
                if let Some(l) = after.strip_prefix('|') {
                    let close = l.find('|')?;
                    text = Some(label(&l[..close]));
                    after = &l[close + 1..];
                }
                labels.push(text);
                rest = after;
            }
            (None, None) => {
                nodes.push(rest);
                break;
            }
        }
    }
    (nodes.len() >= 2).then_some((nodes, labels))
}

/// Reads a Mermaid flowchart, or the first `mermaid` block of a Markdown file.
pub fn import(text: &str) -> Result<Imported, Vec<Problem>> {
    // In Markdown: the first ```mermaid block, with its line numbers kept.
    let mut lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    if let Some(start) = lines
        .iter()
        .position(|(_, l)| l.trim_start().starts_with("```mermaid"))
    {
        let end = lines[start + 1..]
            .iter()
            .position(|(_, l)| l.trim_start().starts_with("```"))
            .map_or(lines.len(), |e| start + 1 + e);
        lines = lines[start + 1..end].to_vec();
    }
    let mut problems = Vec::new();
    let mut report = Vec::new();
    let mut design = Design {
        name: "Imported Mermaid flowchart".into(),
        ..Design::default()
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut kinds: HashMap<String, SystemKind> = HashMap::new();
    let mut cylinders: Vec<String> = Vec::new();
    let mut zone: Option<ZoneId> = None;
    let mut header = false;
    let mut ensure = |design: &mut Design,
                      id: &str,
                      name: Option<String>,
                      cylinder: bool,
                      zone: Option<ZoneId>| {
        let next = design.systems.len();
        let i = *ids.entry(id.to_owned()).or_insert_with(|| {
            let mut s = System::new(SystemId(next as u32 + 1), id, SystemKind::Other);
            s.zone = zone;
            design.systems.push(s);
            next
        });
        if let Some(name) = name {
            design.systems[i].name = name;
        }
        if cylinder {
            cylinders.push(id.to_owned());
        }
        design.systems[i].id
    };
    for &(n, raw) in &lines {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let col = raw.len() - raw.trim_start().len() + 1;
        if !header {
            let first = line.split_whitespace().next().unwrap_or("");
            if first == "flowchart" || first == "graph" {
                header = true;
                continue;
            }
            problems.push(at(n, col, format!("\"{line}\" is not a flowchart; Patchbay reads Mermaid flowcharts (`flowchart LR`)")));
            break;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        match first {
            "subgraph" => {
                if zone.is_some() {
                    problems.push(at(
                        n,
                        col,
                        "a subgraph inside a subgraph: zones do not nest".into(),
                    ));
                    continue;
                }
                let rest = line["subgraph".len()..].trim();
                let name = match node(rest) {
                    Some((_, Some(label), _)) => label,
                    _ => label(rest),
                };
                let id = ZoneId(design.zones.len() as u32 + 1);
                design.zones.push(Zone { id, name });
                zone = Some(id);
            }
            "end" => zone = None,
            "classDef" | "style" | "linkStyle" | "direction" => {}
            "class" => {
                // Patchbay's own export says each node's kind: `class s1 salesforce_org`.
                let mut parts = line.split_whitespace().skip(1);
                let (Some(nodes), Some(class)) = (parts.next(), parts.next()) else {
                    problems.push(at(n, col, "a class line names nodes and a class".into()));
                    continue;
                };
                if let Ok(kind) = class.replace('_', "-").parse::<SystemKind>() {
                    for id in nodes.split(',') {
                        kinds.insert(id.to_owned(), kind);
                    }
                }
            }
            "click" => report.push(format!(
                "line {n}: click handlers are not part of a design; skipped"
            )),
            _ => {
                if line.contains('&') && edges(line).is_some() {
                    problems.push(at(n, col, "`&` (several nodes on one side of an edge) is not supported; write one edge per line".into()));
                    continue;
                }
                match edges(line) {
                    Some((nodes, labels)) => {
                        let mut ends = Vec::new();
                        for part in &nodes {
                            match node(part) {
                                Some((id, name, cylinder)) => {
                                    ends.push(ensure(&mut design, &id, name, cylinder, zone))
                                }
                                None => {
                                    problems.push(at(
                                        n,
                                        col,
                                        format!("\"{}\" is not a node", part.trim()),
                                    ));
                                    ends.clear();
                                    break;
                                }
                            }
                        }
                        for (w, purpose) in ends.windows(2).zip(labels) {
                            let mut link =
                                Link::new(LinkId(design.links.len() as u32 + 1), w[0], w[1]);
                            link.purpose = purpose.unwrap_or_default();
                            if w[0] == w[1] {
                                problems.push(at(n, col, "an edge from a node to itself: a link joins two different systems".into()));
                            } else {
                                design.links.push(link);
                            }
                        }
                    }
                    None => match node(line) {
                        Some((id, name, cylinder)) => {
                            ensure(&mut design, &id, name, cylinder, zone);
                        }
                        None => problems.push(at(
                            n,
                            col,
                            format!(
                                "\"{line}\" is not syntax Patchbay reads (nodes, edges, subgraphs)"
                            ),
                        )),
                    },
                }
            }
        }
    }
    if !header && problems.is_empty() {
        problems.push(at(1, 1, "there is no flowchart here: a Mermaid flowchart starts with `flowchart LR` or `graph TD`".into()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let by_index: HashMap<usize, String> = ids.iter().map(|(k, v)| (*v, k.clone())).collect();
    for (i, s) in design.systems.iter_mut().enumerate() {
        let id = &by_index[&i];
        if let Some(kind) = kinds.get(id) {
            s.kind = *kind;
        } else if cylinders.contains(id) {
            s.kind = SystemKind::Database;
            report.push(format!("{}: drawn as a cylinder, so a database", s.name));
        } else {
            guess_into(s, &mut report, "");
        }
    }
    finish(design, report)
}
