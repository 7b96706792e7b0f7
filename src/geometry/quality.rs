//! How readable a drawing is, counted from its geometry: links through boxes, link
//! crossings, overlapping labels and cut names. The same counts as the independent
//! diagram meter, so the test suite can hold every sample to them.

use super::index::Grid;
use super::rect::Rect;
use super::shapes::Geometry;
use super::text;
use crate::model::Pos;

/// The counts for one drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quality {
    /// (link, box) pairs where the link runs through a box that is not one of its ends.
    pub link_through_box: usize,
    /// Pairs of links whose routes cross (away from a system both end at).
    pub crossings: usize,
    /// Pairs of labels (link labels, zone titles, names) that overlap.
    pub label_label: usize,
    /// (label, box) pairs where a label covers a box it does not belong to.
    pub label_box: usize,
    /// System names not shown in full.
    pub truncated: usize,
}

/// Whether segment a-b has a piece strictly inside `r` (Liang-Barsky clipping).
fn enters(a: Pos, b: Pos, r: &Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-dx, a.x - r.x0),
        (dx, r.x1 - a.x),
        (-dy, a.y - r.y0),
        (dy, r.y1 - a.y),
    ] {
        if p.abs() < 1e-9 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-6 && (t1 - t0) * (dx * dx + dy * dy).sqrt() > 1e-3
}

/// Where two segments cross, if they do (parallel ones never count).
fn cross(a: Pos, b: Pos, c: Pos, d: Pos) -> Option<Pos> {
    let (rx, ry, sx, sy) = (b.x - a.x, b.y - a.y, d.x - c.x, d.y - c.y);
    let den = rx * sy - ry * sx;
    if den.abs() < 1e-9 {
        return None;
    }
    let (qx, qy) = (c.x - a.x, c.y - a.y);
    let t = (qx * sy - qy * sx) / den;
    let u = (qx * ry - qy * rx) / den;
    ((-1e-6..=1.0 + 1e-6).contains(&t) && (-1e-6..=1.0 + 1e-6).contains(&u)).then_some(Pos {
        x: a.x + t * rx,
        y: a.y + t * ry,
    })
}

fn dist(p: Pos, r: &Rect) -> f32 {
    let dx = (r.x0 - p.x).max(0.0).max(p.x - r.x1);
    let dy = (r.y0 - p.y).max(0.0).max(p.y - r.y1);
    (dx * dx + dy * dy).sqrt()
}

/// The text boxes of a system's name lines, as the SVG writes them.
pub fn name_line_rects(rect: &Rect, lines: &[String]) -> Vec<Rect> {
    let n = lines.len() as f32;
    let first_baseline = rect.center().y + 8.0 - (n - 1.0) * text::NAME_LINE_HEIGHT / 2.0;
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let w = text::width(l, text::NAME_FONT);
            let base = first_baseline + i as f32 * text::NAME_LINE_HEIGHT;
            Rect::new(
                rect.center().x - w / 2.0,
                base - 0.8 * text::NAME_FONT,
                rect.center().x + w / 2.0,
                base + 0.2 * text::NAME_FONT,
            )
        })
        .collect()
}

/// Pairs of routes that cross, away from a box both end at (within 3 units of one, two
/// links fanning out of it are not counted). Horizontal segments go in a grid; each
/// other segment is tested against those near it, so this is fast enough to compare
/// candidate layouts.
pub fn crossings(routes: &[&[Pos]], ends: &[[Option<usize>; 2]], boxes: &[Rect]) -> usize {
    let mut flat = Grid::new(96.0);
    let mut flat_segments: Vec<(usize, Pos, Pos)> = Vec::new();
    let mut others: Vec<(usize, Pos, Pos)> = Vec::new();
    for (li, r) in routes.iter().enumerate() {
        for w in r.windows(2) {
            if (w[0].y - w[1].y).abs() < 1e-3 {
                flat.insert(Rect::around_segment(w[0], w[1], 0.5));
                flat_segments.push((li, w[0], w[1]));
            } else {
                others.push((li, w[0], w[1]));
            }
        }
    }
    let mut pairs: Vec<u64> = Vec::new();
    let mut test = |li: usize, a: Pos, b: Pos, lj: usize, c: Pos, d: Pos| {
        if li == lj {
            return;
        }
        let Some(p) = cross(a, b, c, d) else {
            return;
        };
        let near_shared = ends[li]
            .iter()
            .flatten()
            .filter(|e| ends[lj].contains(&Some(**e)))
            .any(|&e| dist(p, &boxes[e]) <= 3.0);
        if !near_shared {
            pairs.push(((li.min(lj) as u64) << 32) | li.max(lj) as u64);
        }
    };
    for (k, &(li, a, b)) in others.iter().enumerate() {
        let area = Rect::around_segment(a, b, 0.5);
        flat.any_near(&area, |i, _| {
            let (lj, c, d) = flat_segments[i];
            test(li, a, b, lj, c, d);
            false
        });
        // Two vertical segments never cross; a slanted one (a fallback route) is also
        // tested against the other non-horizontal ones.
        if (a.x - b.x).abs() >= 1e-3 {
            for (j, &(lj, c, d)) in others.iter().enumerate() {
                if j != k && area.overlaps(&Rect::around_segment(c, d, 0.5), -0.5) {
                    test(li, a, b, lj, c, d);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.len()
}

/// Counts what makes `g` hard to read.
pub fn measure(g: &Geometry) -> Quality {
    let mut q = Quality::default();
    let index: std::collections::HashMap<_, _> = g
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let ends: Vec<[Option<usize>; 2]> = g
        .links
        .iter()
        .map(|l| [index.get(&l.from).copied(), index.get(&l.to).copied()])
        .collect();
    for (li, l) in g.links.iter().enumerate() {
        for (si, s) in g.systems.iter().enumerate() {
            if ends[li].contains(&Some(si)) {
                continue;
            }
            let shrunk = s.rect.grow(-2.0);
            if l.route.windows(2).any(|w| enters(w[0], w[1], &shrunk)) {
                q.link_through_box += 1;
            }
        }
    }
    q.crossings = crossings(
        &g.links
            .iter()
            .map(|l| l.route.as_slice())
            .collect::<Vec<_>>(),
        &ends,
        &g.systems.iter().map(|s| s.rect).collect::<Vec<_>>(),
    );
    // Labels: link labels, zone titles, name lines; each with the box it belongs to.
    let mut texts: Vec<(Rect, Option<usize>)> = Vec::new();
    for l in &g.links {
        if let Some(p) = &l.label {
            let base = p.baseline(text::LABEL_FONT);
            let w = text::width(&p.text, text::LABEL_FONT);
            texts.push((
                Rect::new(
                    base.x,
                    base.y - 0.8 * text::LABEL_FONT,
                    base.x + w,
                    base.y + 0.2 * text::LABEL_FONT,
                ),
                None,
            ));
        }
    }
    for z in &g.zones {
        texts.push((z.title, None));
    }
    for (si, s) in g.systems.iter().enumerate() {
        for r in name_line_rects(&s.rect, &s.lines) {
            texts.push((r, Some(si)));
        }
        let joined: String = s.lines.concat().split_whitespace().collect();
        let name: String = s.name.split_whitespace().collect();
        if joined != name && !s.name.trim().is_empty() {
            q.truncated += 1;
        }
    }
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            if texts[i].0.overlaps(&texts[j].0, 1.0) {
                q.label_label += 1;
            }
        }
        for (si, s) in g.systems.iter().enumerate() {
            if texts[i].1 != Some(si) && texts[i].0.overlaps(&s.rect, 1.0) {
                q.label_box += 1;
            }
        }
    }
    q
}
