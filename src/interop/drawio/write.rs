//! Writing a `.drawio` file.

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
