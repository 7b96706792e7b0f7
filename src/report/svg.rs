//! The diagram as SVG: zones, systems coloured by kind, links coloured by pattern and
//! labelled with pattern and auth flow, severity marks and a legend.

use super::diagram::{Diagram, kind_color, pattern_color, severity_color};
use super::escape::xml;
use crate::analysis::{Analysis, Pattern, Severity};
use crate::model::Design;
use crate::model::layout::{SYSTEM_HEIGHT, SYSTEM_WIDTH};
use std::fmt::Write;

const MARGIN: f32 = 40.0;
const LEGEND_HEIGHT: f32 = 60.0;

/// Shortens a name to fit a box, by characters.
fn fit(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The design as a standalone SVG document.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let d = Diagram::new(design, analysis);
    let [x0, y0, x1, y1] = d.bounds;
    let (ox, oy) = (MARGIN - x0, MARGIN - y0);
    let width = (x1 - x0) + 2.0 * MARGIN;
    let width = width.max(760.0);
    let height = (y1 - y0) + 2.0 * MARGIN + LEGEND_HEIGHT;
    let mut s = String::with_capacity(512 + 400 * (d.systems.len() + d.arrows.len()));
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="DejaVu Sans, Verdana, Arial, sans-serif" role="img" aria-label="{}">"#,
        xml(&design.name)
    );
    let _ = writeln!(s, "<title>{}</title>", xml(&design.name));
    s.push_str(r##"<defs>"##);
    for p in Pattern::ALL {
        let _ = write!(
            s,
            r##"<marker id="head-{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"##,
            p.id(),
            pattern_color(*p)
        );
    }
    s.push_str("</defs>\n");
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);

    for z in &d.zones {
        let [a, b, c, e] = z.rect;
        let _ = writeln!(
            s,
            r##"<g class="zone"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="#eef2f7" stroke="#8aa0bc"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#4a607c">{}</text></g>"##,
            a + ox,
            b + oy,
            c - a,
            e - b,
            a + ox + 6.0,
            b + oy - 6.0,
            xml(z.name)
        );
    }
    for arrow in &d.arrows {
        let color = pattern_color(arrow.pattern);
        let (ax, ay, bx, by) = (
            arrow.from.x + ox,
            arrow.from.y + oy,
            arrow.to.x + ox,
            arrow.to.y + oy,
        );
        let label_color = arrow
            .severity
            .filter(|s| *s != Severity::Info)
            .map_or_else(|| "#333333".to_owned(), severity_color);
        let (mx, my) = ((ax + bx) / 2.0, (ay + by) / 2.0);
        let _ = writeln!(
            s,
            r##"<g class="link" id="link-{}"><line x1="{ax:.1}" y1="{ay:.1}" x2="{bx:.1}" y2="{by:.1}" stroke="{color}" stroke-width="2" marker-end="url(#head-{})"/><text x="{mx:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{label_color}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text></g>"##,
            arrow.id,
            arrow.pattern.id(),
            my - 4.0,
            xml(&arrow.label)
        );
    }
    for sys in &d.systems {
        let (fill, tag) = kind_color(sys.kind);
        let (x, y) = (
            sys.center.x - SYSTEM_WIDTH / 2.0 + ox,
            sys.center.y - SYSTEM_HEIGHT / 2.0 + oy,
        );
        let stroke = sys
            .severity
            .filter(|s| *s != Severity::Info)
            .map_or_else(|| "#1e1e1e".to_owned(), severity_color);
        let _ = write!(
            s,
            r##"<g class="system" id="system-{}"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{SYSTEM_WIDTH}" height="{SYSTEM_HEIGHT}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="2"/><text x="{:.1}" y="{:.1}" font-size="9" fill="#ffffff" fill-opacity="0.8">{tag}</text><text x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="#ffffff">{}</text>"##,
            sys.id,
            xml(sys.name),
            x + 5.0,
            y + 12.0,
            x + SYSTEM_WIDTH / 2.0,
            y + SYSTEM_HEIGHT / 2.0 + 8.0,
            xml(&fit(sys.name, 22))
        );
        if let Some(sev) = sys.severity {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="{}"><title>{}</title></circle>"##,
                x + SYSTEM_WIDTH - 2.0,
                y + 2.0,
                severity_color(sev),
                sev.id()
            );
        }
        s.push_str("</g>\n");
    }

    // Legend along the bottom.
    let ly = height - LEGEND_HEIGHT + 20.0;
    let _ = write!(
        s,
        r##"<g class="legend" font-size="11"><text x="{MARGIN}" y="{ly:.1}" font-weight="bold" fill="#333333">Links by pattern</text>"##
    );
    for (i, p) in Pattern::ALL.iter().enumerate() {
        let x = MARGIN + i as f32 * 135.0;
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}" fill="#333333">{}</text>"##,
            ly + 14.0,
            x + 18.0,
            ly + 14.0,
            pattern_color(*p),
            x + 22.0,
            ly + 18.0,
            p.id()
        );
    }
    for (i, sev) in [Severity::High, Severity::Warning, Severity::Info]
        .iter()
        .enumerate()
    {
        let x = MARGIN + i as f32 * 80.0;
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{}"/><text x="{:.1}" y="{:.1}" fill="#333333">{}</text>"##,
            x + 5.0,
            ly + 32.0,
            severity_color(*sev),
            x + 14.0,
            ly + 36.0,
            sev.id()
        );
    }
    s.push_str("</g>\n</svg>\n");
    s
}
