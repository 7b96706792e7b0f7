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
    let mut reader = Reader {
        design: Design {
            name: "Imported Mermaid flowchart".into(),
            ..Design::default()
        },
        ..Reader::default()
    };
    for (n, raw) in block(text) {
        let line = raw.trim();
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let col = raw.len() - raw.trim_start().len() + 1;
        if !reader.header {
            let first = line.split_whitespace().next().unwrap_or("");
            if first == "flowchart" || first == "graph" {
                reader.header = true;
                continue;
            }
            reader.problems.push(at(n, col, format!("\"{line}\" is not a flowchart; Patchbay reads Mermaid flowcharts (`flowchart LR`)")));
            break;
        }
        reader.line(n, col, line);
    }
    reader.finish()
}

/// The lines to read, numbered as in the file: in Markdown, those of the first
/// ```mermaid block; otherwise all of them.
fn block(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let Some(start) = lines
        .iter()
        .position(|(_, l)| l.trim_start().starts_with("```mermaid"))
    else {
        return lines;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|(_, l)| l.trim_start().starts_with("```"))
        .map_or(lines.len(), |e| start + 1 + e);
    lines[start + 1..end].to_vec()
}

/// What a flowchart has said so far: the design, and what each node id has become.
#[derive(Default)]
struct Reader {
    design: Design,
    /// Node id to its index in `design.systems`.
    ids: HashMap<String, usize>,
    /// Kinds from `class` lines, by node id.
    kinds: HashMap<String, SystemKind>,
    /// Node ids drawn as the database cylinder.
    cylinders: Vec<String>,
    /// The subgraph being read.
    zone: Option<ZoneId>,
    header: bool,
    problems: Vec<Problem>,
    report: Vec<String>,
}

impl Reader {
    /// One line after the header.
    fn line(&mut self, n: usize, col: usize, line: &str) {
        let first = line.split_whitespace().next().unwrap_or("");
        match first {
            "subgraph" => self.subgraph(n, col, line["subgraph".len()..].trim()),
            "end" => self.zone = None,
            "classDef" | "style" | "linkStyle" | "direction" => {}
            "class" => self.class(n, col, line),
            "click" => self.report.push(format!(
                "line {n}: click handlers are not part of a design; skipped"
            )),
            _ => match edges(line) {
                Some(_) if line.contains('&') => self.problems.push(at(n, col, "`&` (several nodes on one side of an edge) is not supported; write one edge per line".into())),
                Some((nodes, labels)) => self.edges(n, col, &nodes, labels),
                None => match node(line) {
                    Some((id, name, cylinder)) => {
                        self.ensure(&id, name, cylinder);
                    }
                    None => self.problems.push(at(
                        n,
                        col,
                        format!("\"{line}\" is not syntax Patchbay reads (nodes, edges, subgraphs)"),
                    )),
                },
            },
        }
    }

    /// `subgraph Title` or `subgraph id [Title]`: a zone, until `end`.
    fn subgraph(&mut self, n: usize, col: usize, rest: &str) {
        if self.zone.is_some() {
            self.problems.push(at(
                n,
                col,
                "a subgraph inside a subgraph: zones do not nest".into(),
            ));
            return;
        }
        let name = match node(rest) {
            Some((_, Some(label), _)) => label,
            _ => label(rest),
        };
        let id = ZoneId(self.design.zones.len() as u32 + 1);
        self.design.zones.push(Zone { id, name });
        self.zone = Some(id);
    }

    /// `class s1,s2 salesforce_org`: Patchbay's own export says each node's kind.
    fn class(&mut self, n: usize, col: usize, line: &str) {
        let mut parts = line.split_whitespace().skip(1);
        let (Some(nodes), Some(class)) = (parts.next(), parts.next()) else {
            self.problems
                .push(at(n, col, "a class line names nodes and a class".into()));
            return;
        };
        if let Ok(kind) = class.replace('_', "-").parse::<SystemKind>() {
            for id in nodes.split(',') {
                self.kinds.insert(id.to_owned(), kind);
            }
        }
    }

    /// A chain of edges: a link between each two nodes in turn.
    fn edges(&mut self, n: usize, col: usize, nodes: &[&str], labels: Vec<Option<String>>) {
        let mut ends = Vec::new();
        for part in nodes {
            let Some((id, name, cylinder)) = node(part) else {
                self.problems
                    .push(at(n, col, format!("\"{}\" is not a node", part.trim())));
                return;
            };
            ends.push(self.ensure(&id, name, cylinder));
        }
        for (w, purpose) in ends.windows(2).zip(labels) {
            if w[0] == w[1] {
                self.problems.push(at(
                    n,
                    col,
                    "an edge from a node to itself: a link joins two different systems".into(),
                ));
                continue;
            }
            let mut link = Link::new(LinkId(self.design.links.len() as u32 + 1), w[0], w[1]);
            link.purpose = purpose.unwrap_or_default();
            self.design.links.push(link);
        }
    }

    /// The system of node `id`, made on first sight in the current subgraph; a label
    /// given later names it.
    fn ensure(&mut self, id: &str, name: Option<String>, cylinder: bool) -> SystemId {
        let design = &mut self.design;
        let next = design.systems.len();
        let zone = self.zone;
        let i = *self.ids.entry(id.to_owned()).or_insert_with(|| {
            let mut s = System::new(SystemId(next as u32 + 1), id, SystemKind::Other);
            s.zone = zone;
            design.systems.push(s);
            next
        });
        if let Some(name) = name {
            design.systems[i].name = name;
        }
        if cylinder {
            self.cylinders.push(id.to_owned());
        }
        design.systems[i].id
    }

    /// The design, each system's kind from its class, its cylinder or its name.
    fn finish(mut self) -> Result<Imported, Vec<Problem>> {
        if !self.header && self.problems.is_empty() {
            self.problems.push(at(1, 1, "there is no flowchart here: a Mermaid flowchart starts with `flowchart LR` or `graph TD`".into()));
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let by_index: HashMap<usize, &String> = self.ids.iter().map(|(k, v)| (*v, k)).collect();
        for (i, s) in self.design.systems.iter_mut().enumerate() {
            let id = by_index[&i];
            if let Some(kind) = self.kinds.get(id) {
                s.kind = *kind;
            } else if self.cylinders.contains(id) {
                s.kind = SystemKind::Database;
                self.report
                    .push(format!("{}: drawn as a cylinder, so a database", s.name));
            } else {
                guess_into(s, &mut self.report, "");
            }
        }
        finish(self.design, self.report)
    }
}
