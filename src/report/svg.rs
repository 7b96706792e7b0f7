//! The diagram as SVG, drawn from the shared geometry: zones, systems coloured by kind
//! with their names in full, links routed around boxes and coloured by pattern, labels
//! where they fit (every link's full text is in its `<title>`), and a legend below.

use super::escape::xml;
use super::palette::{kind_hex, pattern_hex, severity_hex};
use crate::analysis::{Analysis, Pattern, Severity};
use crate::geometry::{
    Geometry, LinkShape, Pos, SystemShape, ZoneShape, quality::name_line_rects, text,
};
use crate::model::Design;
use std::fmt::Write;

/// The font families the picture asks for, in order; the PNG export keeps their faces
/// in memory.
pub const FONT_FAMILIES: &[&str] = &["DejaVu Sans", "Verdana", "Arial"];
/// The same list as the SVG writes it, with the generic fallback.
pub(crate) const FONT_FAMILY_LIST: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

const MARGIN: f32 = 30.0;
const LEGEND_HEIGHT: f32 = 64.0;
const LEGEND_WIDTH: f32 = 2.0 * MARGIN + 6.0 * 135.0;
/// Radius of a route's rounded bends.
const BEND_RADIUS: f32 = 6.0;

/// A number written with one decimal exactly as `{:.1}` writes it (ties to even, `-0.0`
/// for small negatives), through integer formatting: a large drawing writes millions of
/// coordinates, and the general float formatter was most of the time it took.
pub struct D1(pub f32);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if !x.is_finite() || x.abs() >= 1.0e15 {
            return write!(f, "{x:.1}");
        }
        // Exact: an f32 times ten fits in an f64's significand.
        let tenths = (f64::from(x) * 10.0).round_ties_even().abs() as u64;
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

/// SVG path data for a route with rounded bends.
pub fn route_path(route: &[Pos], ox: f32, oy: f32) -> String {
    let mut d = String::with_capacity(24 * route.len());
    let Some(first) = route.first() else {
        return d;
    };
    let _ = write!(d, "M{},{}", D1(first.x + ox), D1(first.y + oy));
    for i in 1..route.len() {
        let p = route[i];
        if i + 1 < route.len() {
            let (a, n) = (route[i - 1], route[i + 1]);
            let len_in = ((p.x - a.x).abs() + (p.y - a.y).abs()).max(f32::EPSILON);
            let len_out = ((n.x - p.x).abs() + (n.y - p.y).abs()).max(f32::EPSILON);
            let r = BEND_RADIUS.min(len_in / 2.0).min(len_out / 2.0);
            let before = Pos {
                x: p.x - (p.x - a.x) / len_in * r,
                y: p.y - (p.y - a.y) / len_in * r,
            };
            let after = Pos {
                x: p.x + (n.x - p.x) / len_out * r,
                y: p.y + (n.y - p.y) / len_out * r,
            };
            let _ = write!(
                d,
                " L{},{} Q{},{} {},{}",
                D1(before.x + ox),
                D1(before.y + oy),
                D1(p.x + ox),
                D1(p.y + oy),
                D1(after.x + ox),
                D1(after.y + oy)
            );
        } else {
            let _ = write!(d, " L{},{}", D1(p.x + ox), D1(p.y + oy));
        }
    }
    d
}

/// The design as a standalone SVG document.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    render_drawn(design, &Geometry::new(design, analysis), false)
}

/// The SVG of a drawing of `design` made already. With `raster`, for the PNG: links
/// are drawn without anti-aliasing. They are orthogonal, so they look the same (their
/// rounded bends a little stepped), and rasterising anti-aliased strokes that span a
/// large picture was most of a large PNG's time (300 systems: 3.0 s -> 1.4 s).
pub fn render_drawn(design: &Design, g: &Geometry, raster: bool) -> String {
    let crisp = if raster {
        r#" shape-rendering="crispEdges""#
    } else {
        ""
    };
    let b = g.bounds;
    let at = (MARGIN - b.x0, MARGIN - b.y0);
    let width = (b.width() + 2.0 * MARGIN).max(LEGEND_WIDTH);
    let height = b.height() + 2.0 * MARGIN + LEGEND_HEIGHT;
    let mut s = String::with_capacity(1024 + 500 * (g.systems.len() + g.links.len()));
    head(&mut s, &design.name, width, height);
    for z in &g.zones {
        zone(&mut s, z, at);
    }
    let name_of = |id| g.system(id).map_or("", |s| s.name.as_str());
    for l in g.links.iter() {
        link(&mut s, l, (name_of(l.from), name_of(l.to)), at, crisp);
    }
    for sys in &g.systems {
        system(&mut s, sys, at);
    }
    legend(&mut s, height);
    s
}

/// The document's opening tag, title, arrow heads and white page.
fn head(s: &mut String, name: &str, width: f32, height: f32) {
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT_FAMILY_LIST}" role="img" aria-label="{}">"#,
        xml(name)
    );
    let _ = writeln!(s, "<title>{}</title>", xml(name));
    s.push_str("<defs>");
    for p in Pattern::ALL {
        let _ = write!(
            s,
            r##"<marker id="head-{}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"##,
            p.id(),
            pattern_hex(*p)
        );
    }
    s.push_str("</defs>\n");
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
}

/// A zone: its box and its title.
fn zone(s: &mut String, z: &ZoneShape, (ox, oy): (f32, f32)) {
    let r = z.rect;
    let _ = writeln!(
        s,
        r##"<g class="zone" id="zone-{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="#eef2f7" stroke="#8aa0bc"/><text x="{:.1}" y="{:.1}" font-size="{}" fill="#4a607c">{}</text></g>"##,
        z.id.0,
        r.x0 + ox,
        r.y0 + oy,
        r.width(),
        r.height(),
        z.title.x0 + ox,
        z.title.y0 + 0.8 * text::ZONE_FONT + oy,
        text::ZONE_FONT,
        xml(&z.name)
    );
}

/// A link: its route in its pattern's colour, and its label on a backdrop.
fn link(
    s: &mut String,
    l: &LinkShape,
    (from, to): (&str, &str),
    (ox, oy): (f32, f32),
    crisp: &str,
) {
    let color = pattern_hex(l.pattern);
    // A finding's colour marks the label, dark enough to read on the white page.
    let label_color = l.severity.filter(|s| *s != Severity::Info).map_or_else(
        || "#333333".to_owned(),
        |s| {
            super::palette::hex(super::palette::readable_on_white(super::palette::severity(
                s,
            )))
        },
    );
    let _ = write!(
        s,
        r##"<g class="link" id="link-{}"><title>{} -> {}: {}</title><path d="{}" fill="none" stroke="{color}" stroke-width="2"{crisp} marker-end="url(#head-{})"/>"##,
        l.id.0,
        xml(from),
        xml(to),
        xml(&l.full_label),
        route_path(&l.route, ox, oy),
        l.pattern.id(),
    );
    if let Some(p) = &l.label {
        let c = p.rect.center();
        let baseline = p.baseline(text::LABEL_FONT).y;
        // A backdrop as wide as the text is drawn (DejaVu Sans is narrower than the
        // room reserved), so a line under the label does not run through its words.
        let drawn = 0.56 * text::LABEL_FONT * p.text.chars().count() as f32 + 6.0;
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#ffffff" fill-opacity="0.92"/>"##,
            D1(c.x - drawn / 2.0 + ox),
            D1(p.rect.y0 + oy),
            D1(drawn),
            D1(p.rect.height())
        );
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{label_color}">{}</text>"##,
            D1(c.x + ox),
            D1(baseline + oy),
            text::LABEL_FONT,
            xml(&p.text)
        );
    }
    s.push_str("</g>\n");
}

/// A system: its box, kind tag, name lines and worst finding's dot.
fn system(s: &mut String, sys: &SystemShape, (ox, oy): (f32, f32)) {
    let (fill, tag) = kind_hex(sys.kind);
    let r = sys.rect;
    let stroke = sys
        .severity
        .filter(|s| *s != Severity::Info)
        .map_or_else(|| "#1e1e1e".to_owned(), severity_hex);
    let _ = write!(
        s,
        r##"<g class="system" id="system-{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="2"/><text x="{}" y="{}" font-size="{}" fill="#ffffff">{tag}</text>"##,
        sys.id.0,
        xml(&sys.name),
        D1(r.x0 + ox),
        D1(r.y0 + oy),
        D1(r.width()),
        D1(r.height()),
        D1(r.x0 + 5.0 + ox),
        D1(r.y0 + 12.0 + oy),
        text::TAG_FONT,
    );
    for (line, t) in sys.lines.iter().zip(name_line_rects(&r, &sys.lines)) {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#ffffff">{}</text>"##,
            D1(r.center().x + ox),
            D1(t.y0 + 0.8 * text::NAME_FONT + oy),
            text::NAME_FONT,
            xml(line)
        );
    }
    if let Some(sev) = sys.severity {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="{}"><title>{}</title></circle>"##,
            r.x1 - 2.0 + ox,
            r.y0 + 2.0 + oy,
            severity_hex(sev),
            sev.id()
        );
    }
    s.push_str("</g>\n");
}

/// The legend along the bottom, below everything drawn, and the closing tag.
fn legend(s: &mut String, height: f32) {
    let ly = height - LEGEND_HEIGHT + 16.0;
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
            pattern_hex(*p),
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
            severity_hex(*sev),
            x + 14.0,
            ly + 36.0,
            sev.id()
        );
    }
    s.push_str("</g>\n</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::D1;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn one_decimal_is_written_as_the_standard_formatter_writes_it(x in -1.0e7f32..1.0e7) {
            prop_assert_eq!(D1(x).to_string(), format!("{x:.1}"));
        }
    }

    #[test]
    fn one_decimal_ties_and_signs_match_the_standard_formatter() {
        for x in [
            0.25f32,
            0.75,
            1.25,
            -0.25,
            -0.04,
            -0.0,
            0.0,
            0.05,
            2.5e6,
            -3.45,
            12.35,
            f32::NAN,
            f32::INFINITY,
        ] {
            assert_eq!(D1(x).to_string(), format!("{x:.1}"), "{x}");
        }
    }

    #[test]
    fn the_font_list_names_the_families_the_png_keeps_in_memory() {
        assert_eq!(
            super::FONT_FAMILY_LIST,
            format!("{}, sans-serif", super::FONT_FAMILIES.join(", "))
        );
    }
}
