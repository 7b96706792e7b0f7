//! draw.io out: an uncompressed `.drawio` file (`mxfile` / `diagram` /
//! `mxGraphModel`) that draw.io opens as an editable diagram. Zones are containers
//! holding their systems, systems are shapes in their kind's colour labelled with the
//! kind tag and the name, links are orthogonal edges labelled `pattern · auth flow` in
//! their pattern's colour, all where Patchbay's own layout puts them. Every attribute
//! travels along as draw.io shape data (`<object>` properties).

use crate::analysis::Analysis;
use crate::geometry::Geometry;
use crate::model::Design;
use crate::report::escape;
use crate::report::palette;
use std::fmt::Write;

/// Text as an XML attribute value: markup escaped, and line breaks as character
/// references (a parser turns a literal line break in an attribute into a space).
fn xml(text: &str) -> String {
    escape::xml(text)
        .replace('\n', "&#xa;")
        .replace('\r', "&#xd;")
        .replace('\t', "&#x9;")
}

/// The file's attributes of an item, as draw.io properties: each key and its value as
/// written in a design file (strings plain, the rest as JSON). Ids and ends are the
/// shapes' own; empty values are left out.
fn properties<T: serde::Serialize>(item: &T, skip: &[&str]) -> String {
    let mut out = String::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(item) {
        for (k, v) in map {
            if skip.contains(&k.as_str()) {
                continue;
            }
            let text = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            // draw.io property names are XML attribute names: the file's keys are.
            let _ = write!(out, " {k}=\"{}\"", xml(&text));
        }
    }
    out
}

/// The design as a `.drawio` file.
pub fn export(design: &Design, analysis: &Analysis) -> String {
    export_drawn(design, analysis, &Geometry::new(design, analysis))
}

/// The design as a `.drawio` file, from a drawing of it made already.
pub fn export_drawn(design: &Design, analysis: &Analysis, g: &Geometry) -> String {
    let mut s = String::with_capacity(4096 + 600 * (design.systems.len() + design.links.len()));
    let _ = writeln!(
        s,
        "<mxfile host=\"Patchbay\" agent=\"Patchbay {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        s,
        "  <diagram id=\"patchbay\" name=\"{}\">",
        xml(&design.name)
    );
    s.push_str(
        "    <mxGraphModel grid=\"1\" gridSize=\"10\" page=\"0\" arrows=\"1\">\n      <root>\n",
    );
    s.push_str("        <mxCell id=\"0\"/>\n");
    // The layer carries the design's own fields.
    // Flows and waivers as JSON, the way the file writes them (ids are the shapes').
    let json = |v: serde_json::Result<String>| v.unwrap_or_else(|_| "[]".into());
    let _ = writeln!(
        s,
        "        <object id=\"1\" label=\"\" patchbay=\"design\" name=\"{}\" description=\"{}\" environment=\"{}\" central_governance=\"{}\" flows=\"{}\" waivers=\"{}\">\n          <mxCell parent=\"0\"/>\n        </object>",
        xml(&design.name),
        xml(&design.description),
        design.environment.id(),
        design.central_governance,
        xml(&json(serde_json::to_string(&design.flows))),
        xml(&json(serde_json::to_string(&design.waivers)))
    );
    // Zones: containers; their systems sit inside, at coordinates relative to them.
    for z in &g.zones {
        let r = z.rect;
        let _ = writeln!(
            s,
            "        <object id=\"z{}\" label=\"{}\" patchbay=\"zone\">\n          <mxCell style=\"swimlane;container=1;collapsible=0;startSize=24;fillColor=#eef2f6;swimlaneFillColor=#f5f7fa;strokeColor=#8a97a8;fontColor=#3a4556;rounded=1;arcSize=4;\" vertex=\"1\" parent=\"1\">\n            <mxGeometry x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" as=\"geometry\"/>\n          </mxCell>\n        </object>",
            z.id.0,
            xml(&z.name),
            r.x0,
            r.y0,
            r.width(),
            r.height()
        );
    }
    for (sys, shape) in design.systems.iter().zip(&g.systems) {
        let (fill, tag) = palette::kind_hex(sys.kind);
        let text = palette::hex(palette::text_on(palette::kind(sys.kind).0));
        let zone = sys.zone.and_then(|z| g.zones.iter().find(|zs| zs.id == z));
        let (parent, dx, dy) = match zone {
            Some(z) => (format!("z{}", z.id.0), z.rect.x0, z.rect.y0),
            None => ("1".to_owned(), 0.0, 0.0),
        };
        let r = shape.rect;
        let _ = writeln!(
            s,
            "        <object id=\"s{}\" label=\"{}&#xa;{}\" patchbay=\"system\"{}>\n          <mxCell style=\"rounded=1;whiteSpace=wrap;html=0;fillColor={fill};fontColor={text};strokeColor=#1e1e1e;arcSize=12;\" vertex=\"1\" parent=\"{parent}\">\n            <mxGeometry x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" as=\"geometry\"/>\n          </mxCell>\n        </object>",
            sys.id.0,
            xml(tag),
            xml(&sys.name),
            properties(sys, &["id", "zone", "position"]),
            r.x0 - dx,
            r.y0 - dy,
            r.width(),
            r.height()
        );
    }
    for l in design.links.iter() {
        let Some(a) = analysis.link(l.id) else {
            continue;
        };
        let color = palette::pattern_hex(a.pattern.choice);
        let label = format!("{} · {}", a.pattern.choice.id(), a.auth_flow.choice.id());
        let _ = writeln!(
            s,
            "        <object id=\"l{}\" label=\"{}\" patchbay=\"link\"{}>\n          <mxCell style=\"edgeStyle=orthogonalEdgeStyle;rounded=1;html=0;strokeColor={color};strokeWidth=2;fontSize=10;labelBackgroundColor=#ffffff;endArrow=block;endFill=1;\" edge=\"1\" parent=\"1\" source=\"s{}\" target=\"s{}\">\n            <mxGeometry relative=\"1\" as=\"geometry\"/>\n          </mxCell>\n        </object>",
            l.id.0,
            xml(&label),
            properties(l, &["id", "from", "to"]),
            l.from.0,
            l.to.0
        );
    }
    s.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    s
}

/// The XML of a `<diagram>`: its `mxGraphModel` child, or its text when draw.io saved
/// it compressed (base64 of raw deflate of the URI-encoded XML).
fn page_xml(diagram: roxmltree::Node<'_, '_>) -> Result<String, String> {
    if diagram.children().any(|c| c.has_tag_name("mxGraphModel")) {
        let range = diagram.range();
        let text = diagram.document().input_text();
        // The model element's own text, cut from the file.
        let model = diagram
            .children()
            .find(|c| c.has_tag_name("mxGraphModel"))
            .map(|m| text[m.range()].to_owned());
        return model.ok_or_else(|| format!("no model in {:?}", &text[range]));
    }
    use base64::Engine;
    let packed: String = diagram.text().unwrap_or("").split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed.as_bytes())
        .map_err(|e| format!("the compressed page is not valid base64 ({e})"))?;
    let raw = miniz_oxide::inflate::decompress_to_vec(&bytes)
        .map_err(|_| "the compressed page does not inflate (it is not deflate data)".to_owned())?;
    let encoded =
        String::from_utf8(raw).map_err(|_| "the compressed page is not text".to_owned())?;
    percent_encoding::percent_decode_str(&encoded)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "the compressed page is not URI-encoded UTF-8".to_owned())
}

/// The line and column of a byte offset.
fn place(text: &str, at: usize) -> crate::model::locate::Location {
    let before = &text[..at.min(text.len())];
    crate::model::locate::Location {
        line: before.matches('\n').count() + 1,
        col: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    }
}

/// Reads a `.drawio` file: the first page, or the page named `page`. Patchbay's own
/// shape data is read back exactly; otherwise containers become zones, vertices
/// systems (kind guessed, and said), edges links. An edge with a missing end is a
/// problem, never invented.
pub fn import(
    text: &str,
    page: Option<&str>,
) -> Result<super::Imported, Vec<crate::model::Problem>> {
    use crate::model::{Link, LinkId, Pos, Problem, System, SystemId, SystemKind, Zone, ZoneId};
    use std::collections::HashMap;
    let fail = |at: Option<crate::model::locate::Location>, message: String| {
        vec![Problem {
            location: at,
            message,
        }]
    };
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let p = e.pos();
        fail(
            Some(crate::model::locate::Location {
                line: p.row as usize,
                col: p.col as usize,
            }),
            format!("this is not well-formed XML: {e}"),
        )
    })?;
    let diagrams: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("diagram"))
        .collect();
    let root_model = doc.root_element().has_tag_name("mxGraphModel");
    let (xml, base) = match (page, diagrams.as_slice()) {
        _ if root_model => (text.to_owned(), None),
        (Some(name), ds) => {
            let d = ds
                .iter()
                .find(|d| d.attribute("name") == Some(name))
                .ok_or_else(|| {
                    let names: Vec<&str> = ds.iter().filter_map(|d| d.attribute("name")).collect();
                    fail(
                        None,
                        format!(
                            "there is no page \"{name}\"; the pages are: {}",
                            names.join(", ")
                        ),
                    )
                })?;
            (
                page_xml(*d).map_err(|e| fail(Some(place(text, d.range().start)), e))?,
                Some(*d),
            )
        }
        (None, [d, ..]) => (
            page_xml(*d).map_err(|e| fail(Some(place(text, d.range().start)), e))?,
            Some(*d),
        ),
        (None, []) => {
            return Err(fail(
                Some(place(text, 0)),
                "there is no diagram in this file (no <diagram> or <mxGraphModel>)".into(),
            ));
        }
    };
    let compressed = base.is_some_and(|d| !d.children().any(|c| c.has_tag_name("mxGraphModel")));
    let model = roxmltree::Document::parse(&xml).map_err(|e| {
        fail(
            base.map(|d| place(text, d.range().start)),
            format!("the page is not well-formed XML: {e}"),
        )
    })?;
    // Positions in the original text, for problems on a page stored plainly.
    let at = |n: roxmltree::Node<'_, '_>| {
        if compressed || base.is_none() && !root_model {
            base.map(|d| place(text, d.range().start))
        } else {
            let offset = base.map_or(0, |d| {
                d.children()
                    .find(|c| c.has_tag_name("mxGraphModel"))
                    .map_or(0, |m| m.range().start)
            });
            Some(place(text, offset + n.range().start))
        }
    };
    // Each cell: its id, its mxCell, and the <object> around it (the shape data), if any.
    struct Cell<'a, 'input> {
        id: String,
        cell: roxmltree::Node<'a, 'input>,
        data: Option<roxmltree::Node<'a, 'input>>,
    }
    let cells: Vec<Cell<'_, '_>> = model
        .descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .filter_map(|cell| {
            let parent = cell
                .parent()
                .filter(|p| p.is_element() && !p.has_tag_name("root"));
            let id = cell
                .attribute("id")
                .or_else(|| parent.and_then(|p| p.attribute("id")))?;
            Some(Cell {
                id: id.to_owned(),
                cell,
                data: parent,
            })
        })
        .collect();
    fn attr<'a>(c: &Cell<'a, '_>, name: &str) -> Option<&'a str> {
        c.data
            .and_then(|d| d.attribute(name))
            .or_else(|| c.cell.attribute(name))
    }
    let label = |c: &Cell<'_, '_>| {
        attr(c, "label")
            .or_else(|| c.cell.attribute("value"))
            .unwrap_or("")
            .to_owned()
    };
    let by_id: HashMap<&str, usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let geometry = |c: &Cell<'_, '_>| {
        c.cell
            .children()
            .find(|g| g.has_tag_name("mxGeometry"))
            .map(|g| {
                let num = |k| {
                    g.attribute(k)
                        .and_then(|v| v.parse::<f32>().ok())
                        .unwrap_or(0.0)
                };
                (num("x"), num("y"), num("width"), num("height"))
            })
    };
    // Absolute top-left of a cell: its offset plus its parents'.
    let origin = |i: usize| {
        let mut x = 0.0;
        let mut y = 0.0;
        let mut at = Some(i);
        let mut guard = 0;
        while let Some(k) = at {
            let c = &cells[k];
            if c.cell.attribute("vertex") == Some("1") {
                if let Some((gx, gy, _, _)) = geometry(c) {
                    x += gx;
                    y += gy;
                }
            }
            at = c
                .cell
                .attribute("parent")
                .and_then(|p| by_id.get(p).copied());
            guard += 1;
            if guard > 64 {
                break;
            }
        }
        (x, y)
    };
    let mut design = crate::model::Design {
        name: "Imported draw.io diagram".into(),
        ..crate::model::Design::default()
    };
    let mut report = Vec::new();
    let mut problems = Vec::new();
    // The design's own fields, from Patchbay's layer.
    if let Some(layer) = cells.iter().find(|c| attr(c, "patchbay") == Some("design")) {
        if let Some(v) = attr(layer, "name") {
            design.name = v.to_owned();
        }
        if let Some(v) = attr(layer, "description") {
            design.description = v.to_owned();
        }
        if let Some(v) = attr(layer, "environment").and_then(|v| v.parse().ok()) {
            design.environment = v;
        }
        design.central_governance = attr(layer, "central_governance") == Some("true");
        for (key, what) in [("flows", "flows"), ("waivers", "waivers")] {
            let Some(v) = attr(layer, key).filter(|v| !v.is_empty()) else {
                continue;
            };
            let read = match key {
                "flows" => serde_json::from_str(v).map(|f| design.flows = f),
                _ => serde_json::from_str(v).map(|w| design.waivers = w),
            };
            if let Err(e) = read {
                problems.push(Problem {
                    location: at(layer.cell),
                    message: format!("the design's {what} do not read: {e}"),
                });
            }
        }
    } else if let Some(name) = base.and_then(|d| d.attribute("name")) {
        design.name = name.to_owned();
    }
    let vertex = |c: &Cell<'_, '_>| c.cell.attribute("vertex") == Some("1");
    // Patchbay's own shapes keep their ids ("s12" is system 12), so flows and waivers
    // still name them; other shapes are numbered above the highest.
    let own_id = |c: &Cell<'_, '_>, prefix: char| -> Option<u32> {
        attr(c, "patchbay")?;
        c.id.strip_prefix(prefix)?.parse().ok()
    };
    let mut next: HashMap<char, u32> = HashMap::new();
    for c in &cells {
        for prefix in ['s', 'l', 'z'] {
            if let Some(n) = own_id(c, prefix) {
                let e = next.entry(prefix).or_insert(1);
                *e = (*e).max(n + 1);
            }
        }
    }
    let mut id_for = |c: &Cell<'_, '_>, prefix: char| -> u32 {
        own_id(c, prefix).unwrap_or_else(|| {
            let e = next.entry(prefix).or_insert(1);
            *e += 1;
            *e - 1
        })
    };
    let has_children = |c: &Cell<'_, '_>| {
        cells
            .iter()
            .any(|d| d.cell.attribute("parent") == Some(c.id.as_str()) && vertex(d))
    };
    // Zones: Patchbay's, or any container holding shapes.
    let mut zone_of: HashMap<String, ZoneId> = HashMap::new();
    for c in cells.iter().filter(|c| vertex(c)) {
        let is_zone = match attr(c, "patchbay") {
            Some(kind) => kind == "zone",
            None => has_children(c),
        };
        if is_zone {
            let id = ZoneId(id_for(c, 'z'));
            design.zones.push(Zone { id, name: label(c) });
            zone_of.insert(c.id.clone(), id);
        }
    }
    let mut system_of: HashMap<String, SystemId> = HashMap::new();
    for (i, c) in cells
        .iter()
        .enumerate()
        .filter(|(_, c)| vertex(c) && !zone_of.contains_key(&c.id))
    {
        if attr(c, "patchbay").is_some_and(|k| k != "system") {
            continue;
        }
        let style = c.cell.attribute("style").unwrap_or("");
        if style.starts_with("text;") || style.contains(";text;") {
            report.push(format!(
                "\"{}\": a text box, not a system; skipped",
                label(c).replace('\n', " ")
            ));
            continue;
        }
        let id = SystemId(id_for(c, 's'));
        let (x, y) = origin(i);
        let (w, h) = geometry(c).map_or((0.0, 0.0), |g| (g.2, g.3));
        let zone = c
            .cell
            .attribute("parent")
            .and_then(|p| zone_of.get(p).copied());
        let own = attr(c, "patchbay") == Some("system");
        let mut s = if own {
            // Patchbay's shape data: every field as the file has it.
            let mut map = serde_json::Map::new();
            for a in c.data.into_iter().flat_map(|d| d.attributes()) {
                if ["id", "label", "patchbay"].contains(&a.name()) {
                    continue;
                }
                let v = serde_json::from_str(a.value())
                    .unwrap_or_else(|_| serde_json::Value::String(a.value().to_owned()));
                let v = match (a.name(), v) {
                    ("name" | "notes", serde_json::Value::String(s)) => {
                        serde_json::Value::String(s)
                    }
                    ("name" | "notes", _) => serde_json::Value::String(a.value().to_owned()),
                    (_, v) => v,
                };
                map.insert(a.name().to_owned(), v);
            }
            map.insert("id".into(), id.0.into());
            match serde_json::from_value::<System>(serde_json::Value::Object(map)) {
                Ok(s) => s,
                Err(e) => {
                    problems.push(Problem {
                        location: at(c.cell),
                        message: format!(
                            "shape {} has Patchbay data that does not read: {e}",
                            c.id
                        ),
                    });
                    continue;
                }
            }
        } else {
            let name = label(c).replace('\n', " ");
            let mut s = System::new(id, name.trim(), SystemKind::Other);
            let style = c.cell.attribute("style").unwrap_or("");
            if style.contains("cylinder") || style.contains("datastore") {
                s.kind = SystemKind::Database;
                report.push(format!("{}: drawn as a cylinder, so a database", s.name));
            } else {
                super::guess_into(&mut s, &mut report, "");
            }
            s
        };
        if s.name.trim().is_empty() {
            report.push(format!(
                "shape {}: has no label, so it is called \"Shape {}\"",
                c.id, id.0
            ));
            s.name = format!("Shape {}", id.0);
        }
        s.zone = zone;
        s.position = Some(Pos {
            x: x + w / 2.0,
            y: y + h / 2.0,
        });
        system_of.insert(c.id.clone(), s.id);
        design.systems.push(s);
    }
    for c in cells
        .iter()
        .filter(|c| c.cell.attribute("edge") == Some("1"))
    {
        let end = |k| {
            c.cell
                .attribute(k)
                .and_then(|id| system_of.get(id).copied())
        };
        let (Some(from), Some(to)) = (end("source"), end("target")) else {
            problems.push(Problem {
                location: at(c.cell),
                message: format!(
                    "edge {} (\"{}\") is not attached at both ends to a shape; attach it or delete it, Patchbay does not guess where it goes",
                    c.id,
                    label(c)
                ),
            });
            continue;
        };
        let id = LinkId(id_for(c, 'l'));
        let link = if attr(c, "patchbay") == Some("link") {
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
                Ok(l) => l,
                Err(e) => {
                    problems.push(Problem {
                        location: at(c.cell),
                        message: format!("edge {} has Patchbay data that does not read: {e}", c.id),
                    });
                    continue;
                }
            }
        } else {
            let mut l = Link::new(id, from, to);
            l.purpose = label(c).replace('\n', " ");
            l
        };
        if from == to {
            problems.push(Problem {
                location: at(c.cell),
                message: format!("edge {} joins a shape to itself", c.id),
            });
            continue;
        }
        design.links.push(link);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    design.sort_canonical();
    super::finish(design, report)
}
