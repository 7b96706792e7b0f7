//! Writing a `.drawio` file.

use crate::analysis::{Analysis, LinkAnalysis};
use crate::geometry::{Geometry, LinkShape, SystemShape, ZoneShape};
use crate::model::{Design, Link, Pos, System};
use crate::report::escape;
use crate::report::palette;
use xmlwriter::{Indent, Options, XmlWriter};

/// An attribute whose value is text: escaped here, with line breaks as character
/// references, since the writer escapes only quotes.
fn text(w: &mut XmlWriter, name: &str, value: &str) {
    w.write_attribute_raw(name, |buf| {
        buf.extend_from_slice(escape::xml_attribute(value).as_bytes());
    });
}

/// An element with attributes that are plain words or numbers, and no children.
fn empty(w: &mut XmlWriter, name: &str, attributes: &[(&str, &dyn std::fmt::Display)]) {
    w.start_element(name);
    for (k, v) in attributes {
        w.write_attribute(k, v);
    }
    w.end_element();
}

/// The file's attributes of an item, as draw.io properties: each key and its value as
/// written in a design file (strings plain, the rest as JSON). Ids and ends are the
/// shapes' own; empty values are left out.
fn properties<T: serde::Serialize>(w: &mut XmlWriter, item: &T, skip: &[&str]) {
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(item) {
        for (k, v) in map {
            if skip.contains(&k.as_str()) {
                continue;
            }
            let value = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            // draw.io property names are XML attribute names: the file's keys are.
            text(w, &k, &value);
        }
    }
}

/// The design as a `.drawio` file.
pub fn export(design: &Design, analysis: &Analysis) -> String {
    export_drawn(design, analysis, &Geometry::new(design, analysis))
}

/// One decimal, as every coordinate is written.
struct D1(f32);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

/// The design as a `.drawio` file, from a drawing of it made already.
pub fn export_drawn(design: &Design, analysis: &Analysis, g: &Geometry) -> String {
    let options = Options {
        indent: Indent::Spaces(2),
        ..Options::default()
    };
    let capacity = 4096 + 600 * (design.systems.len() + design.links.len());
    let mut w = XmlWriter::with_capacity(capacity, options);
    w.start_element("mxfile");
    w.write_attribute("host", "Patchbay");
    w.write_attribute_fmt(
        "agent",
        format_args!("Patchbay {}", env!("CARGO_PKG_VERSION")),
    );
    w.start_element("diagram");
    w.write_attribute("id", "patchbay");
    text(&mut w, "name", &design.name);
    let model: [(&str, &dyn std::fmt::Display); 4] = [
        ("grid", &1),
        ("gridSize", &10),
        ("page", &0),
        ("arrows", &1),
    ];
    w.start_element("mxGraphModel");
    for (k, v) in model {
        w.write_attribute(k, v);
    }
    w.start_element("root");
    empty(&mut w, "mxCell", &[("id", &0)]);
    layer(&mut w, design);
    // Zones: containers; their systems sit inside, at coordinates relative to them.
    for z in &g.zones {
        zone(&mut w, z);
    }
    for (sys, shape) in design.systems.iter().zip(&g.systems) {
        let zone = sys.zone.and_then(|z| g.zones.iter().find(|zs| zs.id == z));
        system(&mut w, sys, shape, zone);
    }
    for (l, shape) in design.links.iter().zip(&g.links) {
        if let Some(a) = analysis.link(l.id) {
            link(&mut w, l, a, (shape, g));
        }
    }
    w.end_document()
}

/// The layer, which carries the design's own fields; flows and waivers as JSON, the
/// way the file writes them (ids are the shapes').
fn layer(w: &mut XmlWriter, design: &Design) {
    let json = |v: serde_json::Result<String>| v.unwrap_or_else(|_| "[]".into());
    w.start_element("object");
    w.write_attribute("id", "1");
    w.write_attribute("label", "");
    w.write_attribute("patchbay", "design");
    text(w, "name", &design.name);
    text(w, "description", &design.description);
    w.write_attribute("environment", design.environment.id());
    w.write_attribute("central_governance", &design.central_governance);
    text(w, "flows", &json(serde_json::to_string(&design.flows)));
    text(w, "waivers", &json(serde_json::to_string(&design.waivers)));
    empty(w, "mxCell", &[("parent", &0)]);
    w.end_element();
}

/// A shape's cell: its style, what it is (`vertex`) and its parent, and its geometry.
fn cell(
    w: &mut XmlWriter,
    style: &str,
    cell: (&str, &str),
    geometry: &[(&str, &dyn std::fmt::Display)],
) {
    w.start_element("mxCell");
    w.write_attribute("style", style);
    w.write_attribute(cell.0, "1");
    w.write_attribute("parent", cell.1);
    w.start_element("mxGeometry");
    for (k, v) in geometry {
        w.write_attribute(k, v);
    }
    w.write_attribute("as", "geometry");
    w.end_element();
    w.end_element();
}

/// A zone: a container its systems sit inside.
fn zone(w: &mut XmlWriter, z: &ZoneShape) {
    let r = z.rect;
    w.start_element("object");
    w.write_attribute_fmt("id", format_args!("z{}", z.id.0));
    text(w, "label", &z.name);
    w.write_attribute("patchbay", "zone");
    cell(
        w,
        "swimlane;container=1;collapsible=0;startSize=24;fillColor=#eef2f6;swimlaneFillColor=#f5f7fa;strokeColor=#8a97a8;fontColor=#3a4556;rounded=1;arcSize=4;",
        ("vertex", "1"),
        &[
            ("x", &D1(r.x0)),
            ("y", &D1(r.y0)),
            ("width", &D1(r.width())),
            ("height", &D1(r.height())),
        ],
    );
    w.end_element();
}

/// A system: its kind's tag and its name, its fields as properties, in its zone.
fn system(w: &mut XmlWriter, sys: &System, shape: &SystemShape, zone: Option<&ZoneShape>) {
    let (fill, tag) = palette::kind_hex(sys.kind);
    let font = palette::hex(palette::text_on(palette::kind(sys.kind).0));
    let (parent, dx, dy) = match zone {
        Some(z) => (format!("z{}", z.id.0), z.rect.x0, z.rect.y0),
        None => ("1".to_owned(), 0.0, 0.0),
    };
    let r = shape.rect;
    w.start_element("object");
    w.write_attribute_fmt("id", format_args!("s{}", sys.id.0));
    text(w, "label", &format!("{tag}\n{}", sys.name));
    w.write_attribute("patchbay", "system");
    properties(w, sys, &["id", "zone", "position"]);
    let style = format!(
        "rounded=1;whiteSpace=wrap;html=0;fillColor={fill};fontColor={font};strokeColor=#1e1e1e;arcSize=12;"
    );
    cell(
        w,
        &style,
        ("vertex", &parent),
        &[
            ("x", &D1(r.x0 - dx)),
            ("y", &D1(r.y0 - dy)),
            ("width", &D1(r.width())),
            ("height", &D1(r.height())),
        ],
    );
    w.end_element();
}

/// A link: its pattern and auth flow as the label, its fields as properties, drawn
/// in its pattern's colour.
fn link(w: &mut XmlWriter, l: &Link, a: &LinkAnalysis, (shape, g): (&LinkShape, &Geometry)) {
    let color = palette::pattern_hex(a.pattern.choice);
    w.start_element("object");
    w.write_attribute_fmt("id", format_args!("l{}", l.id.0));
    text(
        w,
        "label",
        &format!("{} · {}", a.pattern.choice.id(), a.auth_flow.choice.id()),
    );
    w.write_attribute("patchbay", "link");
    properties(w, l, &["id", "from", "to"]);
    w.start_element("mxCell");
    // Drawn as Patchbay routed it: leaving and entering where its route does, through
    // its bend points, straight between them; so links between the same two systems
    // lie apart, each with its own label.
    let ports = route_ports(shape, g);
    let style = format!(
        "edgeStyle=none;rounded=1;html=0;strokeColor={color};strokeWidth=2;fontSize=10;labelBackgroundColor=#ffffff;endArrow=block;endFill=1;{ports}"
    );
    w.write_attribute("style", &style);
    w.write_attribute("edge", "1");
    w.write_attribute("parent", "1");
    w.write_attribute_fmt("source", format_args!("s{}", l.from.0));
    w.write_attribute_fmt("target", format_args!("s{}", l.to.0));
    w.start_element("mxGeometry");
    w.write_attribute("relative", &1);
    w.write_attribute("as", "geometry");
    let bends = shape.route.len().saturating_sub(2);
    if bends > 0 {
        w.start_element("Array");
        w.write_attribute("as", "points");
        for p in &shape.route[1..shape.route.len() - 1] {
            empty(w, "mxPoint", &[("x", &p.x), ("y", &p.y)]);
        }
        w.end_element();
    }
    // The label where Patchbay placed it: an offset from the middle of the route.
    if let (Some(label), Some(mid)) = (&shape.label, shape.middle()) {
        let c = label.rect.center();
        empty(
            w,
            "mxPoint",
            &[
                ("x", &(c.x - mid.x)),
                ("y", &(c.y - mid.y)),
                ("as", &"offset"),
            ],
        );
    }
    w.end_element();
    w.end_element();
    w.end_element();
}

/// Where a route leaves its source and enters its target, as draw.io's exit and entry
/// points (0 to 1 across each box).
fn route_ports(shape: &LinkShape, g: &Geometry) -> String {
    let at = |id, p: Option<&Pos>| {
        let (r, p) = (g.system(id)?.rect, p?);
        let fraction = |v: f32, lo: f32, size: f32| {
            if size > 0.0 {
                ((v - lo) / size).clamp(0.0, 1.0)
            } else {
                0.5
            }
        };
        Some((
            fraction(p.x, r.x0, r.width()),
            fraction(p.y, r.y0, r.height()),
        ))
    };
    let mut style = String::new();
    if let Some((x, y)) = at(shape.from, shape.route.first()) {
        style.push_str(&format!(
            "exitX={x:.4};exitY={y:.4};exitDx=0;exitDy=0;exitPerimeter=0;"
        ));
    }
    if let Some((x, y)) = at(shape.to, shape.route.last()) {
        style.push_str(&format!(
            "entryX={x:.4};entryY={y:.4};entryDx=0;entryDy=0;entryPerimeter=0;"
        ));
    }
    style
}
