//! Reading a `.drawio` file into a design: the design's own fields from Patchbay's
//! layer, then zones, systems and links, each from its cells.

use super::cells::{Cell, Cells, Ids};
use super::frames::Frames;
use super::page::{Page, fail};
use crate::interop::imported::said;
use crate::model::{
    Design, Link, LinkId, Pos, Problem, System, SystemId, SystemKind, Zone, ZoneId,
};
use std::collections::HashMap;

/// What a shape is when it is no system: a text box, a picture, a line or an arrow
/// drawn as a shape.
fn decoration(style: &str) -> Option<&'static str> {
    let shape = style
        .split(';')
        .find_map(|p| p.strip_prefix("shape="))
        .unwrap_or("");
    if style.starts_with("text;") || style.split(';').any(|p| p == "text") {
        Some("a text box")
    } else if style.starts_with("image;") || shape == "image" {
        Some("a picture")
    } else if shape == "line" || style.starts_with("line;") {
        Some("a line")
    } else if ["flexArrow", "singleArrow", "doubleArrow"].contains(&shape) {
        Some("an arrow drawn as a shape")
    } else if style.split(';').any(|p| p == "edgeLabel") {
        Some("an edge's label")
    } else {
        None
    }
}

/// Reads a `.drawio` file: the first page, or the page named `page`. Patchbay's own
/// shape data is read back exactly; otherwise containers become zones, vertices
/// systems (kind guessed, and said), edges links. An edge with a missing end is a
/// problem, never invented.
pub fn import(
    text: &str,
    page: Option<&str>,
) -> Result<super::super::imported::Imported, Vec<Problem>> {
    let page = Page::open(text, page)?;
    let model = roxmltree::Document::parse(&page.xml).map_err(|e| {
        fail(
            page.place(text),
            format!("the page is not well-formed XML: {e}"),
        )
    })?;
    let cells = Cells::of(&model);
    let mut read = Reading {
        text,
        page: &page,
        ids: Ids::above(&cells),
        cells: &cells,
        design: Design {
            name: "Imported draw.io diagram".into(),
            ..Design::default()
        },
        report: Vec::new(),
        problems: Vec::new(),
    };
    read.design_fields();
    // What may hold or be held: not text boxes, pictures, lines or edge labels.
    let frames = Frames::of(&cells, |c| {
        c.attr("patchbay").is_some()
            || (decoration(c.style()).is_none() && cells.edge_of(c).is_none())
    });
    let zones = read.zones(&frames);
    let systems = read.systems(&frames, &zones);
    read.links(&systems);
    let Reading {
        mut design,
        report,
        problems,
        ..
    } = read;
    if !problems.is_empty() {
        return Err(problems);
    }
    design.sort_canonical();
    super::super::imported::finish(design, report)
}

/// An import under way: what has been read, guessed and found wrong so far.
struct Reading<'r, 'a, 'input> {
    text: &'r str,
    page: &'r Page,
    cells: &'r Cells<'a, 'input>,
    ids: Ids,
    design: Design,
    /// What was guessed, for the user to check.
    report: Vec<String>,
    problems: Vec<Problem>,
}

impl Reading<'_, '_, '_> {
    /// A problem at `c`.
    fn problem(&mut self, c: &Cell<'_, '_>, message: String) {
        let location = self.page.at(self.text, c.cell);
        self.problems.push(Problem { location, message });
    }

    /// The design's name, description, environment, governance, flows and waivers
    /// from Patchbay's layer; else the page's name.
    fn design_fields(&mut self) {
        let cells = self.cells;
        let Some(layer) = cells
            .all
            .iter()
            .find(|c| c.attr("patchbay") == Some("design"))
        else {
            if let Some(name) = &self.page.name {
                self.design.name = name.clone();
            }
            return;
        };
        let design = &mut self.design;
        if let Some(v) = layer.attr("name") {
            design.name = v.to_owned();
        }
        if let Some(v) = layer.attr("description") {
            design.description = v.to_owned();
        }
        if let Some(v) = layer.attr("environment").and_then(|v| v.parse().ok()) {
            design.environment = v;
        }
        design.central_governance = layer.attr("central_governance") == Some("true");
        for (key, what) in [("flows", "flows"), ("waivers", "waivers")] {
            let Some(v) = layer.attr(key).filter(|v| !v.is_empty()) else {
                continue;
            };
            let read = match key {
                "flows" => serde_json::from_str(v).map(|f| self.design.flows = f),
                _ => serde_json::from_str(v).map(|w| self.design.waivers = w),
            };
            if let Err(e) = read {
                self.problem(layer, format!("the design's {what} do not read: {e}"));
            }
        }
    }

    /// Zones: Patchbay's, or any container (holding shapes as children, or drawn
    /// around them), as the zone of every shape it holds; by cell id. Zones do not
    /// nest: a container inside another is said and its shapes go to the outermost
    /// one's zone; an outermost container without a title is no zone (and said).
    fn zones(&mut self, frames: &Frames) -> HashMap<String, ZoneId> {
        let cells = self.cells;
        let mut zone_at: HashMap<usize, Option<ZoneId>> = HashMap::new();
        let containers: Vec<usize> = (0..cells.all.len())
            .filter(|&i| frames.is_container(i))
            .collect();
        for &i in &containers {
            let c = &cells.all[i];
            if frames.outermost(i).is_some() {
                continue;
            }
            let name = c.label();
            if name.trim().is_empty() {
                let (x, y) = c.geometry().map_or((0.0, 0.0), |g| (g.0, g.1));
                self.report.push(format!(
                    "container {} at ({x}, {y}) has no title, so it is no zone; its shapes are read without one",
                    c.id
                ));
                zone_at.insert(i, None);
                continue;
            }
            let id = ZoneId(self.ids.of(c, 'z'));
            // Patchbay's own zone names come back exactly; others are trimmed already.
            self.design.zones.push(Zone { id, name });
            zone_at.insert(i, Some(id));
        }
        let named = |c: &Cell<'_, '_>| {
            let label = c.label();
            if label.trim().is_empty() {
                format!("container {}", c.id)
            } else {
                said(label.trim())
            }
        };
        for &i in &containers {
            let Some(o) = frames.outermost(i) else {
                continue;
            };
            let zone = zone_at.get(&o).copied().flatten();
            let (inner, outer) = (named(&cells.all[i]), named(&cells.all[o]));
            let place = if zone.is_some() {
                format!("zone {outer}")
            } else {
                "no zone".to_owned()
            };
            self.report.push(format!(
                "{inner} is inside {outer}; zones do not nest, so its shapes are in {place}"
            ));
        }
        // Every other shape: the zone of its outermost container, if it has one.
        (0..cells.all.len())
            .filter(|&i| cells.all[i].is_vertex() && !frames.is_container(i))
            .filter_map(|i| {
                let o = frames.outermost(i)?;
                let zone = zone_at.get(&o).copied().flatten()?;
                Some((cells.all[i].id.clone(), zone))
            })
            .collect()
    }

    /// Systems: every other shape but text boxes, images, lines, arrows drawn as
    /// shapes and edge labels, placed at its centre, in its container's zone; by
    /// cell id.
    fn systems(
        &mut self,
        frames: &Frames,
        zone_of: &HashMap<String, ZoneId>,
    ) -> HashMap<String, SystemId> {
        let cells = self.cells;
        let mut system_of = HashMap::new();
        for (i, c) in cells
            .all
            .iter()
            .enumerate()
            .filter(|(i, c)| c.is_vertex() && !frames.is_container(*i))
        {
            if c.attr("patchbay").is_some_and(|k| k != "system") {
                continue;
            }
            // A label dragged onto an edge is a child cell of the edge: the edge's.
            if cells.edge_of(c).is_some() {
                continue;
            }
            if c.attr("patchbay").is_none()
                && let Some(what) = decoration(c.style())
            {
                let label = c.label();
                let named = if label.trim().is_empty() {
                    format!("shape {}", c.id)
                } else {
                    said(&label)
                };
                self.report
                    .push(format!("{named}: {what}, not a system; skipped"));
                continue;
            }
            let id = SystemId(self.ids.of(c, 's'));
            let Some(mut s) = self.system(c, id) else {
                continue;
            };
            let (x, y) = cells.origin(i);
            let (w, h) = c.geometry().map_or((0.0, 0.0), |g| (g.2, g.3));
            s.zone = zone_of.get(&c.id).copied();
            s.position = Some(Pos {
                x: x + w / 2.0,
                y: y + h / 2.0,
            });
            system_of.insert(c.id.clone(), s.id);
            self.design.systems.push(s);
        }
        system_of
    }

    /// The system a shape is: Patchbay's shape data read back exactly, or a system
    /// named by its label with its kind guessed (and said). `None` (and a problem)
    /// when Patchbay's data does not read.
    fn system(&mut self, c: &Cell<'_, '_>, id: SystemId) -> Option<System> {
        if c.attr("patchbay") != Some("system") {
            let name = c.label().trim().to_owned();
            if name.is_empty() {
                // An icon without a label: a system all the same, named and said once.
                let name = format!("Shape {}", id.0);
                self.report.push(format!(
                    "shape {}: has no label, so it is called \"{name}\", of kind other",
                    c.id
                ));
                return Some(System::new(id, &name, SystemKind::Other));
            }
            let mut s = System::new(id, &name, SystemKind::Other);
            let style = c.style();
            let cylinder = style.contains("cylinder") || style.contains("datastore");
            // What the name says beats the shape: a cylinder named Salesforce is the org.
            if cylinder && crate::interop::imported::guess_kind(&s.name).is_none() {
                s.kind = SystemKind::Database;
                self.report.push(format!(
                    "{}: drawn as a cylinder, so a database",
                    said(&s.name)
                ));
            } else {
                super::super::imported::guess_into(&mut s, &mut self.report, "");
            }
            return Some(s);
        }
        // Patchbay's shape data: every field as the file has it.
        let mut map = serde_json::Map::new();
        for a in c.data.into_iter().flat_map(|d| d.attributes()) {
            if ["id", "label", "patchbay"].contains(&a.name()) {
                continue;
            }
            let v = serde_json::from_str(a.value())
                .unwrap_or_else(|_| serde_json::Value::String(a.value().to_owned()));
            let v = match (a.name(), v) {
                ("name" | "notes", serde_json::Value::String(s)) => serde_json::Value::String(s),
                ("name" | "notes", _) => serde_json::Value::String(a.value().to_owned()),
                (_, v) => v,
            };
            map.insert(a.name().to_owned(), v);
        }
        map.insert("id".into(), id.0.into());
        match serde_json::from_value::<System>(serde_json::Value::Object(map)) {
            Ok(s) => Some(s),
            Err(e) => {
                let message = format!("shape {} has Patchbay data that does not read: {e}", c.id);
                self.problem(c, message);
                None
            }
        }
    }

    /// Links: every edge attached at both ends to systems, never to itself. An edge
    /// that is not (real diagrams have a few) is skipped and said, never guessed.
    fn links(&mut self, system_of: &HashMap<String, SystemId>) {
        let cells = self.cells;
        // Labels dragged onto edges, by edge id, in file order.
        let mut labels: HashMap<&str, Vec<String>> = HashMap::new();
        for c in cells.all.iter().filter(|c| c.is_vertex()) {
            if let Some(edge) = cells.edge_of(c).map(|e| e.id.as_str()) {
                let text = c.label();
                if !text.trim().is_empty() {
                    labels.entry(edge).or_default().push(text.trim().to_owned());
                }
            }
        }
        for c in cells.all.iter().filter(|c| c.is_edge()) {
            let end = |k| {
                c.cell
                    .attribute(k)
                    .and_then(|id| system_of.get(id).copied())
            };
            let mut text = c.label().trim().to_owned();
            for extra in labels.get(c.id.as_str()).into_iter().flatten() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(extra);
            }
            let named = if text.is_empty() {
                format!("edge {}", c.id)
            } else {
                format!("edge {} ({})", c.id, said(&text))
            };
            let (Some(from), Some(to)) = (end("source"), end("target")) else {
                self.report.push(format!(
                    "{named} is not attached at both ends to a shape; skipped (attach it in draw.io to import it)"
                ));
                continue;
            };
            if from == to {
                self.report
                    .push(format!("{named} joins a shape to itself; skipped"));
                continue;
            }
            let id = LinkId(self.ids.of(c, 'l'));
            let Some(mut link) = self.link(c, id, from, to) else {
                continue;
            };
            if c.attr("patchbay") != Some("link") {
                link.purpose = text;
            }
            self.design.links.push(link);
        }
    }

    /// The link an edge is: Patchbay's shape data read back exactly, or a link whose
    /// purpose is the edge's label. `None` (and a problem) when the data does not
    /// read.
    fn link(&mut self, c: &Cell<'_, '_>, id: LinkId, from: SystemId, to: SystemId) -> Option<Link> {
        if c.attr("patchbay") != Some("link") {
            return Some(Link::new(id, from, to));
        }
        let mut map = serde_json::Map::new();
        for a in c.data.into_iter().flat_map(|d| d.attributes()) {
            if ["id", "label", "patchbay"].contains(&a.name()) {
                continue;
            }
            let v = if ["purpose", "notes"].contains(&a.name()) {
                serde_json::Value::String(a.value().to_owned())
            } else {
                serde_json::from_str(a.value())
                    .unwrap_or_else(|_| serde_json::Value::String(a.value().to_owned()))
            };
            map.insert(a.name().to_owned(), v);
        }
        map.insert("id".into(), id.0.into());
        map.insert("from".into(), from.0.into());
        map.insert("to".into(), to.0.into());
        match serde_json::from_value::<Link>(serde_json::Value::Object(map)) {
            Ok(l) => Some(l),
            Err(e) => {
                let message = format!("edge {} has Patchbay data that does not read: {e}", c.id);
                self.problem(c, message);
                None
            }
        }
    }
}
