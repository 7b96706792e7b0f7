//! Each declared flow as a sequence diagram: Mermaid for Markdown pages (GitHub and
//! GitLab draw it), PlantUML beside the component diagram. A call that waits is drawn
//! with a solid arrow, one that does not with the asynchronous arrow; step numbers and
//! purposes label the messages.

use super::escape;
use crate::model::{Design, Flow, Link, SystemId};

fn steps<'a>(design: &'a Design, flow: &'a Flow) -> Vec<&'a Link> {
    design.flow_links(flow).collect()
}

/// The systems in the order the flow first meets them.
fn participants(steps: &[&Link]) -> Vec<SystemId> {
    let mut out = Vec::new();
    for l in steps {
        for id in [l.from, l.to] {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn message(k: usize, l: &Link) -> String {
    if l.purpose.is_empty() {
        format!("{}.", k + 1)
    } else {
        format!("{}. {}", k + 1, l.purpose)
    }
}

/// A Mermaid `sequenceDiagram` of the flow.
pub fn mermaid(design: &Design, flow: &Flow) -> String {
    let steps = steps(design, flow);
    let mut s = String::from("sequenceDiagram\n");
    s.push_str(&format!("    title {}\n", escape::mermaid(&flow.name)));
    for id in participants(&steps) {
        let name = design.system(id).map_or("?", |s| s.name.as_str());
        s.push_str(&format!(
            "    participant s{} as {}\n",
            id.0,
            escape::mermaid(name)
        ));
    }
    for (k, l) in steps.iter().enumerate() {
        let arrow = if l.needs_response { "->>" } else { "-)" };
        s.push_str(&format!(
            "    s{}{arrow}s{}: {}\n",
            l.from.0,
            l.to.0,
            escape::mermaid(&message(k, l))
        ));
    }
    s
}

/// A PlantUML sequence diagram of the flow, as its own `@startuml` block.
pub fn plantuml(design: &Design, flow: &Flow) -> String {
    let steps = steps(design, flow);
    let mut s = String::from("@startuml\n");
    s.push_str(&format!("title {}\n", escape::plantuml(&flow.name)));
    for id in participants(&steps) {
        let name = design.system(id).map_or("?", |s| s.name.as_str());
        s.push_str(&format!(
            "participant \"{}\" as s{}\n",
            escape::plantuml(name),
            id.0
        ));
    }
    for (k, l) in steps.iter().enumerate() {
        let arrow = if l.needs_response { "->" } else { "->>" };
        s.push_str(&format!(
            "s{} {arrow} s{} : {}\n",
            l.from.0,
            l.to.0,
            escape::plantuml(&message(k, l))
        ));
    }
    s.push_str("@enduml\n");
    s
}

/// Width of a participant's column in the SVG drawing, at least.
const COLUMN: f32 = 130.0;
/// Distance between two steps.
const STEP: f32 = 46.0;
const HEAD_TOP: f32 = 12.0;
/// What the drawing says under its steps.
const LEGEND: &str = "Solid line, solid head: the caller waits for the answer. Dashed line, open head: a hand-off; the caller goes on.";
const MESSAGE_FONT: f32 = 11.0;

/// The flow as Patchbay's own sequence drawing, in SVG: a lifeline per system in the
/// order the flow meets them, each step an arrow numbered in order; a call that waits
/// for its answer has a solid head, a hand-off an open one.
pub fn svg(design: &Design, flow: &Flow) -> String {
    use crate::geometry::text;
    use std::fmt::Write;
    let steps = steps(design, flow);
    let people = participants(&steps);
    let name = |id: SystemId| design.system(id).map_or("?", |s| s.name.as_str());
    // A column fits its name on two lines; a message's text may run past the next
    // lifeline (each step has its own row), and the picture widens to hold it.
    let widths: Vec<f32> = people
        .iter()
        .map(|&id| COLUMN.max(text::width(name(id), 12.0) / 2.0 + 24.0))
        .collect();
    let mut centres = Vec::with_capacity(people.len());
    let mut x = 20.0;
    for w in &widths {
        centres.push(x + w / 2.0);
        x += w;
    }
    let at = |id: SystemId| centres[people.iter().position(|p| *p == id).unwrap_or(0)];
    let text_end = (steps.iter().enumerate())
        .map(|(k, l)| {
            let from = at(l.from);
            if at(l.to) >= from {
                from + 8.0 + text::width(&message(k, l), MESSAGE_FONT)
            } else {
                from
            }
        })
        .fold(0.0, f32::max);
    let width = (x.max(text_end) + 20.0).max(text::width(LEGEND, 10.0) + 40.0);
    // Each name whole, wrapped to its column; the heads as tall as the longest.
    let names: Vec<Vec<String>> = (people.iter().zip(&widths))
        .map(|(&id, w)| {
            let chars = ((w - 32.0) / (text::CHAR_WIDTH * 12.0)).max(4.0) as usize;
            text::wrap(name(id), chars)
        })
        .collect();
    let head_height = 16.0 + 14.0 * names.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let top = HEAD_TOP + head_height + 30.0;
    let bottom = top + STEP * steps.len() as f32;
    let height = bottom + 50.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FAMILY}"><title>{title}</title><rect width="100%" height="100%" fill="#ffffff"/><defs><marker id="solid" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1e1e1e"/></marker><marker id="open" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#1e1e1e" stroke-width="1.5"/></marker></defs>"##,
        w = super::svg::D1(width),
        h = super::svg::D1(height),
        FAMILY = super::svg::FONT_FAMILY_LIST,
        title = escape::xml(&flow.name),
    );
    for i in 0..people.len() {
        let (cx, w) = (centres[i], widths[i] - 20.0);
        let _ = write!(
            s,
            r##"<line x1="{cx}" y1="{y1}" x2="{cx}" y2="{bottom}" stroke="#8a97a8" stroke-dasharray="5 4"/><rect x="{x}" y="{HEAD_TOP}" width="{w}" height="{hh}" rx="6" fill="#eef2f6" stroke="#8a97a8"/>"##,
            cx = super::svg::D1(cx),
            y1 = super::svg::D1(HEAD_TOP + head_height),
            hh = super::svg::D1(head_height),
            bottom = super::svg::D1(bottom),
            x = super::svg::D1(cx - w / 2.0),
            w = super::svg::D1(w),
        );
        let lines = &names[i];
        let first = HEAD_TOP + head_height / 2.0 - 7.0 * (lines.len() as f32 - 1.0) + 4.0;
        for (j, line) in lines.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{cx}" y="{y}" font-size="12" text-anchor="middle" fill="#1e1e1e">{t}</text>"##,
                cx = super::svg::D1(cx),
                y = super::svg::D1(first + 14.0 * j as f32),
                t = escape::xml(line),
            );
        }
    }
    for (k, l) in steps.iter().enumerate() {
        arrow(&mut s, k, l, top, at(l.from), at(l.to));
    }
    let _ = write!(
        s,
        r##"<text x="20" y="{y}" font-size="10" fill="#3a4556">{LEGEND}</text></svg>"##,
        y = super::svg::D1(height - 18.0),
    );
    s
}

/// Step `k`, link `l`, as an arrow from `x1` to `x2` in its row below `top`, with its
/// number and purpose above it.
fn arrow(s: &mut String, k: usize, l: &Link, top: f32, x1: f32, x2: f32) {
    use std::fmt::Write;
    let y = top + STEP * k as f32 + STEP / 2.0;
    let (head, dash) = if l.needs_response {
        ("solid", "")
    } else {
        ("open", r#" stroke-dasharray="7 4""#)
    };
    let path = if l.from == l.to {
        format!(
            "M{a},{y0} h36 v18 h-36",
            a = super::svg::D1(x1),
            y0 = super::svg::D1(y - 9.0)
        )
    } else {
        format!(
            "M{a},{y} H{b}",
            a = super::svg::D1(x1),
            b = super::svg::D1(x2),
            y = super::svg::D1(y)
        )
    };
    let label_x = if x2 >= x1 { x1 + 8.0 } else { x1 - 8.0 };
    let anchor = if x2 >= x1 { "start" } else { "end" };
    let _ = write!(
        s,
        r##"<path d="{path}" fill="none" stroke="#1e1e1e" stroke-width="1.5"{dash} marker-end="url(#{head})"/><text x="{lx}" y="{ly}" font-size="{MESSAGE_FONT}" text-anchor="{anchor}" fill="#1e1e1e">{t}</text>"##,
        lx = super::svg::D1(label_x),
        ly = super::svg::D1(y - 6.0),
        t = escape::xml(&message(k, l)),
    );
}
