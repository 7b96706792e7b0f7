//! Mermaid flowcharts in, as people write them in READMEs and wikis and as GitHub
//! renders them: nodes become systems, edges links (their labels purposes),
//! `subgraph` blocks zones. Patchbay's own export reads back to the same systems,
//! links and zones, with their kinds (from its `class` lines). What a design has no
//! place for (styles, click handlers, invisible edges) and syntax this reader does not
//! know are skipped and said in the report with their line and column; the file is
//! refused only when nothing is left to import.

mod syntax;
mod text;

use super::imported::{Imported, finish, guess_into, guess_kind, said};
use crate::model::file::Problem;
use crate::model::locate::Location;
use crate::model::{Design, Link, LinkId, System, SystemId, SystemKind, Zone, ZoneId};
use std::collections::HashMap;
use syntax::{Chain, NodeRef, Stroke};

/// A subgraph's title in a report line: quoted, or as it is when it says what it is.
fn said_title(title: &str) -> String {
    if title.starts_with("untitled subgraph at line") {
        format!("the {title}")
    } else {
        format!("{title:?}")
    }
}

fn at(line: usize, col: usize, message: String) -> Problem {
    Problem {
        location: Some(Location { line, col }),
        message,
    }
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
    let mut front_matter = false;
    let mut logical: Vec<(usize, usize, String)> = Vec::new();
    let mut pending: Option<(usize, usize, String)> = None;
    for (i, (n, raw)) in block(text).into_iter().enumerate() {
        let line = raw.trim();
        // A YAML front matter block (`---` … `---`) before the header: its title names
        // the design.
        if !reader.header && pending.is_none() && line == "---" && (i == 0 || front_matter) {
            front_matter = !front_matter;
            continue;
        }
        if front_matter {
            if let Some(title) = line.strip_prefix("title:") {
                reader.design.name = text::label(title);
            }
            continue;
        }
        // A label may run over several lines (a Markdown string): the statement goes
        // on until its quotes and brackets close.
        let joined = match pending.take() {
            Some((first, indent, text)) => (first, indent, format!("{text}\n{line}")),
            None => {
                // Patchbay's own export keeps a link's purpose in a comment.
                if line.starts_with(PURPOSE) {
                    logical.push((n, 0, line.to_owned()));
                    continue;
                }
                // Comments and `%%{init: …}%%` directives.
                if line.is_empty() || line.starts_with("%%") {
                    continue;
                }
                (n, raw.len() - raw.trim_start().len(), line.to_owned())
            }
        };
        // A bracket that never closes takes at most ten lines with it.
        if text::unclosed(&joined.2) && n < joined.0 + 10 {
            pending = Some(joined);
        } else {
            logical.push(joined);
        }
    }
    logical.extend(pending);
    for (n, indent, line) in &logical {
        let (n, indent) = (*n, *indent);
        if let Some(purpose) = line.strip_prefix(PURPOSE) {
            reader.purpose = Some(text::label(purpose));
            continue;
        }
        if !reader.header {
            // The header may share its line with statements: `graph TD; A-->B;`.
            let first = line.split(';').next().unwrap_or("").trim();
            let word = first.split_whitespace().next().unwrap_or("");
            if !matches!(word, "flowchart" | "graph" | "flowchart-elk") {
                return Err(vec![at(
                    n,
                    indent + 1,
                    format!(
                        "\"{first}\" is not a flowchart; Patchbay reads Mermaid flowcharts (`flowchart LR` or `graph TD`)"
                    ),
                )]);
            }
            reader.header = true;
            let Some((_, rest)) = line.split_once(';') else {
                continue;
            };
            let skipped = line.len() - rest.len();
            reader.statements(n, indent + skipped, rest);
            continue;
        }
        reader.statements(n, indent, line);
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

/// A subgraph being read: its zone (the outermost's, for a nested one) and its title.
struct Open {
    zone: ZoneId,
    title: String,
}

/// The comment Patchbay's export writes before an edge: the link's purpose, which
/// the edge's label (the advice) does not show.
const PURPOSE: &str = "%% purpose: ";

/// Whether an edge label is the advice Patchbay's export writes ("request-reply ·
/// jwt-bearer"), which is no purpose.
fn is_advice(label: &str) -> bool {
    label.split_once(" · ").is_some_and(|(pattern, auth)| {
        pattern.parse::<crate::analysis::Pattern>().is_ok()
            && auth.parse::<crate::model::AuthFlow>().is_ok()
    })
}

/// What a flowchart has said so far: the design, and what each node id has become.
#[derive(Default)]
struct Reader {
    design: Design,
    /// Node id to its index in `design.systems`.
    ids: HashMap<String, usize>,
    /// Kinds from `class` lines and `:::class`, by node id.
    kinds: HashMap<String, SystemKind>,
    /// Node ids drawn as the database cylinder.
    cylinders: std::collections::HashSet<String>,
    /// The subgraphs open, outermost first.
    open: Vec<Open>,
    /// Every subgraph's id.
    subgraphs: Vec<String>,
    header: bool,
    /// The purpose Patchbay's export gave the next edge in a comment.
    purpose: Option<String>,
    /// Lines whose only content is styling, for one line of the report.
    styles: Vec<usize>,
    report: Vec<String>,
}

impl Reader {
    /// The statements of one line, `;` apart; `indent` is where the line starts.
    fn statements(&mut self, n: usize, indent: usize, line: &str) {
        for (offset, statement) in text::statements(line) {
            let lead = statement.len() - statement.trim_start().len();
            let col = line[..offset + lead].chars().count() + indent + 1;
            self.statement(n, col, statement.trim());
        }
    }

    fn note(&mut self, n: usize, col: usize, what: &str) {
        self.report.push(format!("line {n}, column {col}: {what}"));
    }

    /// One statement after the header.
    fn statement(&mut self, n: usize, col: usize, s: &str) {
        let first = s.split_whitespace().next().unwrap_or("");
        let rest = s[first.len()..].trim();
        match first.trim_end_matches(':') {
            "subgraph" => self.subgraph(n, col, rest),
            "end" => {
                self.open.pop();
            }
            "direction" => {}
            "classDef" | "style" | "linkStyle" => self.styles.push(n),
            "class" => self.class(n, col, rest),
            "click" => self.note(n, col, "a click handler is not part of a design; skipped"),
            "accTitle" | "accDescr" => {
                self.note(n, col, "an accessible title or description; skipped")
            }
            _ => match syntax::chain(s) {
                Ok(chain) => self.chain(n, col, &chain),
                Err((offset, why)) => {
                    let col = col + s[..offset.min(s.len())].chars().count();
                    self.note(n, col, &format!("{why}; the statement is skipped"));
                }
            },
        }
    }

    /// `subgraph id [Title]`, `subgraph "Title"` or `subgraph Title`: a zone until
    /// `end`. Zones do not nest: a subgraph inside another adds its systems to the
    /// outermost one's zone, and says so.
    fn subgraph(&mut self, n: usize, col: usize, rest: &str) {
        // `id [Title]`, `id["Title"]`, `"Title"` or a bare title (which is its id too).
        let (id, title) = match rest.find('[').filter(|_| rest.ends_with(']')) {
            Some(open) if !rest.starts_with('"') => (
                rest[..open].trim().to_owned(),
                text::label(&rest[open + 1..rest.len() - 1]),
            ),
            _ => (rest.to_owned(), text::label(rest)),
        };
        let title = if title.trim().is_empty() {
            format!("untitled subgraph at line {n}")
        } else {
            title
        };
        self.subgraphs.push(id.clone());
        let zone = match self.open.first() {
            Some(outer) => {
                let outer_title = outer.title.clone();
                let zone = outer.zone;
                self.note(
                    n,
                    col,
                    &format!("subgraph {} is inside {}; zones do not nest, so its systems are in zone {}", said_title(&title), said_title(&outer_title), said_title(&outer_title)),
                );
                zone
            }
            None => {
                let id = ZoneId(self.design.zones.len() as u32 + 1);
                self.design.zones.push(Zone {
                    id,
                    name: title.clone(),
                });
                id
            }
        };
        self.open.push(Open { zone, title });
    }

    /// `class s1,s2 salesforce_org`: Patchbay's own export says each node's kind.
    fn class(&mut self, n: usize, col: usize, rest: &str) {
        let mut parts = rest.split_whitespace();
        let (Some(nodes), Some(class)) = (parts.next(), parts.next()) else {
            self.note(n, col, "a class line names nodes and a class; skipped");
            return;
        };
        for id in nodes.split(',') {
            self.class_of(id.trim(), class);
        }
    }

    fn class_of(&mut self, id: &str, class: &str) {
        if let Ok(kind) = class.replace('_', "-").parse::<SystemKind>() {
            self.kinds.insert(id.to_owned(), kind);
        }
    }

    /// Groups of nodes joined by edges: a link from each node of a group to each of
    /// the next, for every edge but an invisible one.
    fn chain(&mut self, n: usize, col: usize, c: &Chain) {
        let purpose = self.purpose.take();
        let mut groups = Vec::new();
        for g in &c.groups {
            let mut ids = Vec::new();
            for node in g {
                if self.subgraphs.contains(&node.id) && !self.ids.contains_key(&node.id) {
                    ids.push(Err(node.id.clone()));
                    continue;
                }
                ids.push(Ok(self.ensure(node)));
            }
            groups.push(ids);
        }
        for (i, e) in c.edges.iter().enumerate() {
            if e.stroke == Stroke::Invisible {
                self.note(
                    n,
                    col,
                    "an invisible edge (`~~~`) only spaces the drawing; skipped",
                );
                continue;
            }
            for from in &groups[i] {
                for to in &groups[i + 1] {
                    self.link(n, col, (from, to), e, purpose.as_deref());
                }
            }
        }
    }

    /// A link for one edge between two ends; an end that is a subgraph (a zone, not a
    /// system) is said and skipped.
    fn link(
        &mut self,
        n: usize,
        col: usize,
        ends: (&Result<SystemId, String>, &Result<SystemId, String>),
        e: &syntax::Edge,
        purpose: Option<&str>,
    ) {
        let name = |d: &Design, end: &Result<SystemId, String>| match end {
            Ok(id) => d.system(*id).map(|s| said(&s.name)).unwrap_or_default(),
            Err(subgraph) => format!("subgraph {subgraph}"),
        };
        let (Ok(from), Ok(to)) = ends else {
            let (a, b) = (name(&self.design, ends.0), name(&self.design, ends.1));
            self.note(n, col, &format!("an edge from {a} to {b}: a link joins two systems, and a subgraph is a zone; skipped"));
            return;
        };
        let (from, to) = (*from, *to);
        if from == to {
            self.note(
                n,
                col,
                "an edge from a node to itself; a link joins two different systems; skipped",
            );
            return;
        }
        let name =
            |d: &Design, id: SystemId| d.system(id).map(|s| s.name.clone()).unwrap_or_default();
        let mut add = |from: SystemId, to: SystemId| {
            let mut link = Link::new(LinkId(self.design.links.len() as u32 + 1), from, to);
            // Patchbay's own advice label is no purpose: the comment before it has it.
            link.purpose = match e.label.as_deref() {
                Some(label) if is_advice(label) => purpose.unwrap_or_default().to_owned(),
                Some(label) => label.to_owned(),
                None => purpose.unwrap_or_default().to_owned(),
            };
            self.design.links.push(link);
        };
        add(from, to);
        if e.both {
            add(to, from);
            let (a, b) = (name(&self.design, from), name(&self.design, to));
            self.note(
                n,
                col,
                &format!(
                    "an edge with arrowheads at both ends: a link each way between {a} and {b}"
                ),
            );
        } else if !e.head {
            let (a, b) = (name(&self.design, from), name(&self.design, to));
            self.note(
                n,
                col,
                &format!("an edge without an arrowhead: read as a link from {a} to {b}"),
            );
        }
    }

    /// The system of node `n`, made on first sight in the current subgraph; a label
    /// given later names it.
    fn ensure(&mut self, n: &NodeRef) -> SystemId {
        let design = &mut self.design;
        let next = design.systems.len();
        let zone = self.open.first().map(|o| o.zone);
        let i = *self.ids.entry(n.id.clone()).or_insert_with(|| {
            let mut s = System::new(SystemId(next as u32 + 1), &n.id, SystemKind::Other);
            s.zone = zone;
            design.systems.push(s);
            next
        });
        // A label that says nothing once its icon is drawn (`D(fa:fa-spinner)`)
        // leaves the node named by its id.
        if let Some(name) = n.label.as_ref().filter(|l| !l.trim().is_empty()) {
            design.systems[i].name = name.clone();
        }
        if n.cylinder {
            self.cylinders.insert(n.id.clone());
        }
        let id = design.systems[i].id;
        if let Some(class) = &n.class {
            self.class_of(&n.id, class);
        }
        id
    }

    /// The design, each system's kind from its class, its cylinder or its name.
    fn finish(mut self) -> Result<Imported, Vec<Problem>> {
        if !self.header {
            return Err(vec![at(1, 1, "there is no flowchart here: a Mermaid flowchart starts with `flowchart LR` or `graph TD`".into())]);
        }
        if self.design.systems.is_empty() {
            let mut why = vec![at(
                1,
                1,
                "the flowchart has no node Patchbay could read".into(),
            )];
            why.extend(self.report.iter().map(|r| Problem {
                location: None,
                message: r.clone(),
            }));
            return Err(why);
        }
        if !self.styles.is_empty() {
            let lines: Vec<String> = self.styles.iter().map(usize::to_string).collect();
            let s = if lines.len() == 1 { "" } else { "s" };
            self.report.push(format!(
                "line{s} {}: colours and styles (`classDef`, `style`, `linkStyle`) are not part of a design; skipped",
                lines.join(", ")
            ));
        }
        let by_index: HashMap<usize, &String> = self.ids.iter().map(|(k, v)| (*v, k)).collect();
        for (i, s) in self.design.systems.iter_mut().enumerate() {
            let id = by_index[&i];
            // A kind from a class; else what the name says, which beats the shape
            // (a cylinder named Salesforce is the org); else a cylinder's database.
            if let Some(kind) = self.kinds.get(id) {
                s.kind = *kind;
            } else if self.cylinders.contains(id) && guess_kind(&s.name).is_none() {
                s.kind = SystemKind::Database;
                self.report.push(format!(
                    "{}: drawn as a cylinder, so a database",
                    said(&s.name)
                ));
            } else {
                guess_into(s, &mut self.report, "");
            }
        }
        // Zones no system ended up in (a subgraph of subgraphs only) are left out.
        let used: Vec<ZoneId> = self.design.systems.iter().filter_map(|s| s.zone).collect();
        self.design.zones.retain(|z| used.contains(&z.id));
        finish(self.design, self.report)
    }
}
