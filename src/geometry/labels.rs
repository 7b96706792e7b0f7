//! Link labels placed along their own routes where they cover no box and no other
//! label; a label with no room for its full text falls back to its short tag, and one
//! with no room even for that is left to the hover text.

use super::index::Grid;
use super::rect::Rect;
use super::text::width;
use crate::model::Pos;

/// Room around a label's text, so its halo does not touch its neighbours.
const PAD: f32 = 2.0;
/// Labels keep this far from the start of their route,
const START_CLEARANCE: f32 = 4.0;
/// and this far from its end, where the arrowhead is.
const END_CLEARANCE: f32 = 14.0;
/// What covering another link's line costs a candidate spot: more than falling back
/// to the short tag, so a full label never hides a line when a short one would not.
const COVER_COST: f32 = 60.0;
/// How many spots, free or not, are tried for one form of a label, best first.
const MAX_TRIES: usize = 24;
/// How many free spots are weighed for one form of a label before the best is taken,
const MAX_LOOKS: usize = 8;
/// and how many a whole drawing weighs for one form of every label, about: past
/// 20,000 links each label weighs fewer than eight (three at 50,000, never fewer than
/// two), so a very large design's labels take a second rather than two, placed a
/// little less carefully where they are crowded anyway.
const LOOK_BUDGET: usize = 160_000;
/// How many of a route's legs are looked at, longest first.
const MAX_LEGS: usize = 3;
/// Lines counted under a spot at most.
const MAX_COVERED: f32 = 3.0;
/// Route pieces looked at around one spot at most; a spot with more nearby is crowded.
const MAX_NEARBY_PIECES: usize = 48;
/// What the short tag costs over the full text.
const SHORT_COST: f32 = 30.0;

/// A label as placed: its text, the rectangle it covers, and whether it is the short
/// form.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// What it says.
    pub text: String,
    /// The rectangle the text covers, padding included.
    pub rect: Rect,
    /// True when the full text did not fit and this is the short tag.
    pub short: bool,
}

impl Placed {
    /// Where the text's baseline starts, for a left-aligned text of `font` size.
    pub fn baseline(&self, font: f32) -> Pos {
        Pos {
            x: self.rect.x0 + PAD,
            y: self.rect.y0 + PAD + 0.8 * font,
        }
    }
}

/// The rectangle a label of `text` takes when centred on `c`.
fn label_rect(text: &str, font: f32, c: Pos) -> Rect {
    let w = width(text, font) + 2.0 * PAD;
    let h = font + 2.0 * PAD;
    Rect::new(c.x - w / 2.0, c.y - h / 2.0, c.x + w / 2.0, c.y + h / 2.0)
}

/// Candidate centres along a route, best first: on the middle of each leg, longest
/// legs first, then further along them, then beside them.
fn candidates(route: &[Pos], w: f32, h: f32, thorough: bool) -> Vec<(Pos, f32)> {
    let mut legs: Vec<(f32, Pos, Pos, usize)> = route
        .windows(2)
        .enumerate()
        .map(|(k, s)| {
            let len = (s[1].x - s[0].x).abs() + (s[1].y - s[0].y).abs();
            (len, s[0], s[1], k)
        })
        .collect();
    let last = legs.len().saturating_sub(1);
    legs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.3.cmp(&y.3)));
    // A label belongs on one of the longest legs; a long route's short steps are no
    // place for it, and looking at them all costs more than it finds.
    // Looking thoroughly (a tag that found no room on the longest legs), every leg.
    if !thorough {
        legs.truncate(MAX_LEGS);
    }
    let mut out: Vec<(Pos, f32)> = Vec::new();
    for (rank, &(len, a, b, k)) in legs.iter().enumerate() {
        let horizontal = (a.y - b.y).abs() < 0.01;
        // Keep clear of the route's ends.
        let (start_cut, end_cut) = (
            if k == 0 { START_CLEARANCE } else { 0.0 },
            if k == last { END_CLEARANCE } else { 0.0 },
        );
        let extent = if horizontal { w } else { h };
        let usable = len - start_cut - end_cut - extent;
        if usable < 0.0 && horizontal && !thorough {
            continue;
        }
        let at = |t: f32| {
            let d = start_cut + extent / 2.0 + t * usable.max(0.0);
            let f = if len > 0.0 { d / len } else { 0.5 };
            Pos {
                x: a.x + (b.x - a.x) * f,
                y: a.y + (b.y - a.y) * f,
            }
        };
        let penalty = rank as f32 * 4.0;
        let spots: &[f32] = if thorough {
            &[0.5, 0.25, 0.75, 0.0, 1.0, 0.125, 0.375, 0.625, 0.875]
        } else {
            &[0.5, 0.25, 0.75, 0.0, 1.0]
        };
        for (i, t) in spots.iter().enumerate() {
            let c = at(*t);
            out.push((c, penalty + i as f32));
            // Beside the leg: above or below a horizontal one, left or right of a
            // vertical one.
            let (dx, dy) = if horizontal {
                (0.0, h / 2.0 + 2.0)
            } else {
                (w / 2.0 + 3.0, 0.0)
            };
            // Beside it, then a little further off for links squeezed between boxes.
            let offsets: &[(f32, f32)] = if thorough {
                &[(1.0, 2.0), (2.0, 12.0), (3.0, 20.0)]
            } else if i == 0 {
                &[(1.0, 2.0), (2.0, 12.0)]
            } else {
                &[(1.0, 2.0)]
            };
            for &(k, cost) in offsets {
                for sign in [1.0, -1.0] {
                    out.push((
                        Pos {
                            x: c.x + sign * k * dx,
                            y: c.y + sign * k * dy,
                        },
                        penalty + i as f32 + cost,
                    ));
                }
            }
        }
    }
    out.sort_by(|x, y| x.1.total_cmp(&y.1));
    out
}

/// Everything a label may not cover, and the routes it should rather not cover.
pub struct Scene<'a> {
    /// Boxes and zone titles.
    pub solid: &'a Grid,
    /// Every route's segments as thin rectangles, horizontal ones in flat wide cells
    /// and the others in tall narrow ones, so a long line falls in few cells.
    pub routes: [&'a Grid; 2],
    /// Which link each rectangle in `routes` belongs to.
    pub route_owner: [&'a [usize]; 2],
}

/// Places each link's label at `font` size: `texts[i]` is (full, short) for link `i`,
/// `routes[i]` its route. Labels are placed one after the other, links with the
/// fewest good spots first, each at its best free candidate.
pub fn place(
    scene: &Scene,
    routes: &[Vec<Pos>],
    texts: &[(String, String)],
    font: f32,
    allow_full: bool,
) -> Vec<Option<Placed>> {
    let max_looks = (LOOK_BUDGET / routes.len().max(1)).clamp(2, MAX_LOOKS);
    let mut placed_grid = Grid::new(120.0);
    let mut out: Vec<Option<Placed>> = vec![None; routes.len()];
    // Shorter routes have fewer spots: place them first.
    let mut order: Vec<usize> = (0..routes.len()).collect();
    let length = |r: &Vec<Pos>| -> f32 {
        r.windows(2)
            .map(|s| (s[1].x - s[0].x).abs() + (s[1].y - s[0].y).abs())
            .sum()
    };
    let lengths: Vec<f32> = routes.iter().map(length).collect();
    order.sort_by(|&a, &b| lengths[a].total_cmp(&lengths[b]).then(a.cmp(&b)));
    for li in order {
        let (full, short) = &texts[li];
        let forms: &[(&String, bool)] = if allow_full {
            &[(full, false), (short, true)]
        } else {
            &[(short, true)]
        };
        let mut best: Option<(f32, Rect, &String, bool)> = None;
        // A short tag with no room on its route's longest legs looks along all of
        // them before it gives up: a drawing zoomed out shows a link by its tag alone.
        let passes: &[bool] = if allow_full { &[false] } else { &[false, true] };
        for (&thorough, &(text, is_short)) in passes
            .iter()
            .flat_map(|t| forms.iter().map(move |f| (t, f)))
        {
            if thorough && best.is_some() {
                break;
            }
            let tries = if thorough { MAX_TRIES * 6 } else { MAX_TRIES };
            let w = width(text, font) + 2.0 * PAD;
            let h = font + 2.0 * PAD;
            let extra = if is_short && allow_full {
                SHORT_COST
            } else {
                0.0
            };
            let mut looked = 0;
            for (c, base) in candidates(&routes[li], w, h, thorough)
                .into_iter()
                .take(tries)
            {
                // Candidates come best first: none after this one can win.
                if best.as_ref().is_some_and(|b| base + extra >= b.0) {
                    break;
                }
                let rect = label_rect(text, font, c);
                if scene.solid.any_near(&rect, |_, r| r.overlaps(&rect, 0.0)) {
                    continue;
                }
                if placed_grid.any_near(&rect, |_, r| r.overlaps(&rect, 0.0)) {
                    continue;
                }
                // Covering another link's line hides it: allowed, but costly.
                let covered = covered(scene, &rect, li);
                let score = base + extra + covered * COVER_COST;
                if best.as_ref().is_none_or(|b| score < b.0) {
                    best = Some((score, rect, text, is_short));
                }
                looked += 1;
                if looked >= max_looks {
                    break;
                }
            }
        }
        if let Some((_, rect, text, short)) = best {
            placed_grid.insert(rect);
            out[li] = Some(Placed {
                text: text.clone(),
                rect,
                short,
            });
        }
    }
    out
}

/// How many other links' line pieces `rect` covers, up to `MAX_COVERED`: past a few
/// lines a spot is bad enough, so counting stops there. Where more line pieces run past
/// a spot than a person could tell apart (hundreds of links sharing a channel in a very
/// large design), the spot counts as covering the most lines; when the grid's cells
/// alone show that many pieces near, without looking at any.
fn covered(scene: &Scene, rect: &Rect, link: usize) -> f32 {
    let near: usize = scene.routes.iter().map(|g| g.at_least_near(rect)).sum();
    if near >= MAX_NEARBY_PIECES {
        return MAX_COVERED;
    }
    let mut covered = 0.0;
    let mut looked_at = 0;
    for (grid, owner) in scene.routes.iter().zip(scene.route_owner) {
        if covered >= MAX_COVERED {
            break;
        }
        grid.any_near(rect, |i, r| {
            looked_at += 1;
            if owner[i] != link && r.overlaps(rect, 0.0) {
                covered += 1.0;
            }
            if looked_at >= MAX_NEARBY_PIECES {
                covered = MAX_COVERED;
            }
            covered >= MAX_COVERED
        });
    }
    covered
}
