//! Reading a `.drawio` file into a design: the design's own fields from Patchbay's
//! layer, then zones, systems and links, each from its cells.

use super::cells::{Cell, Cells, Ids};
use super::page::{Page, fail};
use crate::model::{
    Design, Link, LinkId, Pos, Problem, System, SystemId, SystemKind, Zone, ZoneId,
};
use std::collections::HashMap;

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
    let zones = read.zones();
    let systems = read.systems(&zones);
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

    /// Zones: Patchbay's, or any container holding shapes; by cell id.
    fn zones(&mut self) -> HashMap<String, ZoneId> {
        let cells = self.cells;
        let mut zone_of = HashMap::new();
        for c in cells.all.iter().filter(|c| c.is_vertex()) {
            let is_zone = match c.attr("patchbay") {
                Some(kind) => kind == "zone",
                None => cells.has_children(c),
            };
            if is_zone {
                let id = ZoneId(self.ids.of(c, 'z'));
                self.design.zones.push(Zone {
                    id,
                    name: c.label(),
                });
                zone_of.insert(c.id.clone(), id);
            }
        }
        zone_of
    }

    /// Systems: every other shape but text boxes, placed at its centre, in its
    /// container's zone; by cell id.
    fn systems(&mut self, zone_of: &HashMap<String, ZoneId>) -> HashMap<String, SystemId> {
        let cells = self.cells;
        let mut system_of = HashMap::new();
        for (i, c) in cells
            .all
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_vertex() && !zone_of.contains_key(&c.id))
        {
            if c.attr("patchbay").is_some_and(|k| k != "system") {
                continue;
            }
            let style = c.cell.attribute("style").unwrap_or("");
            if style.starts_with("text;") || style.contains(";text;") {
                self.report.push(format!(
                    "\"{}\": a text box, not a system; skipped",
                    c.label().replace('\n', " ")
                ));
                continue;
            }
            let id = SystemId(self.ids.of(c, 's'));
            let Some(mut s) = self.system(c, id) else {
                continue;
            };
            if s.name.trim().is_empty() {
                self.report.push(format!(
                    "shape {}: has no label, so it is called \"Shape {}\"",
                    c.id, id.0
                ));
                s.name = format!("Shape {}", id.0);
            }
            let (x, y) = cells.origin(i);
            let (w, h) = c.geometry().map_or((0.0, 0.0), |g| (g.2, g.3));
            s.zone = c
                .cell
                .attribute("parent")
                .and_then(|p| zone_of.get(p).copied());
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
            let name = c.label().replace('\n', " ");
            let mut s = System::new(id, name.trim(), SystemKind::Other);
            let style = c.cell.attribute("style").unwrap_or("");
            if style.contains("cylinder") || style.contains("datastore") {
                s.kind = SystemKind::Database;
                self.report
                    .push(format!("{}: drawn as a cylinder, so a database", s.name));
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

    /// Links: every edge attached at both ends to systems, never to itself.
    fn links(&mut self, system_of: &HashMap<String, SystemId>) {
        let cells = self.cells;
        for c in cells
            .all
            .iter()
            .filter(|c| c.cell.attribute("edge") == Some("1"))
        {
            let end = |k| {
                c.cell
                    .attribute(k)
                    .and_then(|id| system_of.get(id).copied())
            };
            let (Some(from), Some(to)) = (end("source"), end("target")) else {
                let message = format!(
                    "edge {} (\"{}\") is not attached at both ends to a shape; attach it or delete it, Patchbay does not guess where it goes",
                    c.id,
                    c.label()
                );
                self.problem(c, message);
                continue;
            };
            let id = LinkId(self.ids.of(c, 'l'));
            let Some(link) = self.link(c, id, from, to) else {
                continue;
            };
            if from == to {
                self.problem(c, format!("edge {} joins a shape to itself", c.id));
                continue;
            }
            self.design.links.push(link);
        }
    }

    /// The link an edge is: Patchbay's shape data read back exactly, or a link whose
    /// purpose is the edge's label. `None` (and a problem) when the data does not
    /// read.
    fn link(&mut self, c: &Cell<'_, '_>, id: LinkId, from: SystemId, to: SystemId) -> Option<Link> {
        if c.attr("patchbay") != Some("link") {
            let mut l = Link::new(id, from, to);
            l.purpose = c.label().replace('\n', " ");
            return Some(l);
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
