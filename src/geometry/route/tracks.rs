//! Between two ports a route is straight, an L, or a Z whose middle leg runs in a
//! free channel; Z legs that share a channel get their own tracks, ordered so they
//! cross as little as the ends allow.

use super::super::rect::Rect;
use super::space::{Obstacles, free};
use crate::model::Pos;
use std::collections::HashMap;

/// Distance between neighbouring tracks in a channel.
pub(super) const TRACK_GAP: f32 = 12.0;

/// The Z-shaped leg of a route whose middle runs in a channel, waiting for its track.
pub(super) struct Jog {
    /// Travel is left/right (middle leg vertical) or up/down (middle leg horizontal).
    pub(super) horizontal: bool,
    pub(super) a: Pos,
    pub(super) b: Pos,
    /// The free interval the middle leg may use, across the travel axis.
    pub(super) lo: f32,
    pub(super) hi: f32,
}

/// A route under construction: pieces between waypoints, each known or waiting for a
/// track.
pub(super) enum Piece {
    Points(Vec<Pos>),
    Jog(usize),
}

/// A straight or L-shaped connection from `a` (leaving along its axis) to `b` (arriving
/// along its axis), when it is free.
pub(super) fn connect(o: &Obstacles, a: Pos, a_h: bool, b: Pos, b_h: bool) -> Option<Piece> {
    let aligned = if a_h {
        (a.y - b.y).abs() < 0.5
    } else {
        (a.x - b.x).abs() < 0.5
    };
    if aligned && a_h == b_h && free(o, &[a, b]) {
        return Some(Piece::Points(vec![a, b]));
    }
    if a_h != b_h {
        let corner = if a_h {
            Pos { x: b.x, y: a.y }
        } else {
            Pos { x: a.x, y: b.y }
        };
        if free(o, &[a, corner, b]) {
            return Some(Piece::Points(vec![a, corner, b]));
        }
    }
    None
}

/// The free interval for the middle leg of a Z from `a` to `b` travelling along the
/// horizontal axis (`horizontal`) or the vertical one: the first and last legs must be
/// free up to it and the middle leg free across.
pub(super) fn channel(o: &Obstacles, a: Pos, b: Pos, horizontal: bool) -> Option<(f32, f32)> {
    // Work in (along, across) coordinates.
    let (along_a, across_a, along_b, across_b) = if horizontal {
        (a.x, a.y, b.x, b.y)
    } else {
        (a.y, a.x, b.y, b.x)
    };
    let (lo, hi) = (along_a.min(along_b), along_a.max(along_b));
    if hi - lo < 2.0 * TRACK_GAP {
        return None;
    }
    let area = if horizontal {
        Rect::new(lo, across_a.min(across_b), hi, across_a.max(across_b))
    } else {
        Rect::new(across_a.min(across_b), lo, across_a.max(across_b), hi)
    };
    let near = o.near(&area.grow(1.0));
    let (mut reach_a, mut reach_b) = (
        if along_b > along_a { hi } else { lo },
        if along_b > along_a { lo } else { hi },
    );
    let mut blocked: Vec<(f32, f32)> = Vec::new();
    let (c_lo, c_hi) = (across_a.min(across_b), across_a.max(across_b));
    for r in &near {
        let (r_lo, r_hi, r_across_lo, r_across_hi) = if horizontal {
            (r.x0, r.x1, r.y0, r.y1)
        } else {
            (r.y0, r.y1, r.x0, r.x1)
        };
        // The first leg runs along `across_a` from `along_a` towards `along_b`.
        if across_a > r_across_lo && across_a < r_across_hi && r_hi > lo && r_lo < hi {
            if along_b > along_a {
                reach_a = reach_a.min(r_lo);
            } else {
                reach_a = reach_a.max(r_hi);
            }
        }
        if across_b > r_across_lo && across_b < r_across_hi && r_hi > lo && r_lo < hi {
            if along_b > along_a {
                reach_b = reach_b.max(r_hi);
            } else {
                reach_b = reach_b.min(r_lo);
            }
        }
        if r_across_hi > c_lo && r_across_lo < c_hi {
            blocked.push((r_lo, r_hi));
        }
    }
    let (win_lo, win_hi) = if along_b > along_a {
        (reach_b.max(lo), reach_a.min(hi))
    } else {
        (reach_a.max(lo), reach_b.min(hi))
    };
    if win_hi - win_lo < TRACK_GAP {
        return None;
    }
    // Free intervals of the window, minus what the middle leg would run through.
    blocked.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut free: Vec<(f32, f32)> = Vec::new();
    let mut cursor = win_lo;
    for (b_lo, b_hi) in blocked {
        if b_lo > cursor {
            free.push((cursor, b_lo.min(win_hi)));
        }
        cursor = cursor.max(b_hi);
        if cursor >= win_hi {
            break;
        }
    }
    if cursor < win_hi {
        free.push((cursor, win_hi));
    }
    let mid = (along_a + along_b) / 2.0;
    free.into_iter()
        .filter(|(l, h)| h - l >= TRACK_GAP)
        .min_by(|x, y| {
            let d = |(l, h): (f32, f32)| {
                if mid < l {
                    l - mid
                } else if mid > h {
                    mid - h
                } else {
                    0.0
                }
            };
            d(*x)
                .total_cmp(&d(*y))
                .then((y.1 - y.0).total_cmp(&(x.1 - x.0)))
        })
}

/// The three legs of a jog with its middle leg at `at`.
pub(super) fn jog_points(j: &Jog, at: f32) -> Vec<Pos> {
    if j.horizontal {
        vec![j.a, Pos { x: at, y: j.a.y }, Pos { x: at, y: j.b.y }, j.b]
    } else {
        vec![j.a, Pos { x: j.a.x, y: at }, Pos { x: j.b.x, y: at }, j.b]
    }
}

/// How badly two polylines of axis-parallel segments get in each other's way: one
/// for each crossing, two for each stretch where they run along the same line (there
/// they cannot be told apart).
pub(super) fn conflicts(p: &[Pos], q: &[Pos]) -> u32 {
    let mut n = 0;
    for s in p.windows(2) {
        for t in q.windows(2) {
            if proper_cross(s[0], s[1], t[0], t[1]) {
                n += 1;
            } else if collinear_overlap(s[0], s[1], t[0], t[1]) {
                n += 2;
            }
        }
    }
    n
}

/// Whether two axis-parallel segments lie on one line and share more than a unit of it.
pub(super) fn collinear_overlap(a: Pos, b: Pos, c: Pos, d: Pos) -> bool {
    let horizontal = |p: Pos, q: Pos| (p.y - q.y).abs() < 1e-3;
    let vertical = |p: Pos, q: Pos| (p.x - q.x).abs() < 1e-3;
    if horizontal(a, b) && horizontal(c, d) && (a.y - c.y).abs() < 1.0 {
        a.x.max(b.x).min(c.x.max(d.x)) - a.x.min(b.x).max(c.x.min(d.x)) > 1.0
    } else if vertical(a, b) && vertical(c, d) && (a.x - c.x).abs() < 1.0 {
        a.y.max(b.y).min(c.y.max(d.y)) - a.y.min(b.y).max(c.y.min(d.y)) > 1.0
    } else {
        false
    }
}

/// Whether a horizontal and a vertical segment cross inside both.
pub(super) fn proper_cross(a: Pos, b: Pos, c: Pos, d: Pos) -> bool {
    let a_h = (a.y - b.y).abs() < 1e-3;
    let c_h = (c.y - d.y).abs() < 1e-3;
    if a_h == c_h {
        return false;
    }
    let (h0, h1, v0, v1) = if a_h { (a, b, c, d) } else { (c, d, a, b) };
    let (x, y) = (v0.x, h0.y);
    x > h0.x.min(h1.x) + 1e-3
        && x < h0.x.max(h1.x) - 1e-3
        && y > v0.y.min(v1.y) + 1e-3
        && y < v0.y.max(v1.y) - 1e-3
}

/// Gives every jog a track in its channel: jogs that share a channel are ordered so
/// they cross as little as their ends allow, and spaced evenly about its middle.
pub(super) fn assign_tracks(jogs: &[Jog]) -> Vec<f32> {
    let mut out = vec![0.0; jogs.len()];
    let mut groups: HashMap<(bool, i32, i32), Vec<usize>> = HashMap::new();
    for (i, j) in jogs.iter().enumerate() {
        groups
            .entry((j.horizontal, j.lo.round() as i32, j.hi.round() as i32))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let Some(members) = groups.get(&key) else {
            continue;
        };
        let (lo, hi) = (jogs[members[0]].lo, jogs[members[0]].hi);
        let mid = (lo + hi) / 2.0;
        // Start from the order of the jogs' middles, then sift.
        let mut sorted = members.clone();
        sorted.sort_by(|&x, &y| {
            let k = |j: &Jog| (j.a.y + j.b.y, j.a.x + j.b.x);
            let (kx, ky) = (k(&jogs[x]), k(&jogs[y]));
            kx.0.total_cmp(&ky.0)
                .then(kx.1.total_cmp(&ky.1))
                .then(x.cmp(&y))
        });
        // Each jog drawn once just before and once just after the middle, with the
        // span it covers across the channel; cost(x, y) is what x before y costs.
        type Drawn = ([[Pos; 4]; 2], (f32, f32));
        let drawn: Vec<Drawn> = sorted
            .iter()
            .map(|&j| {
                let at = |t: f32| {
                    let p = jog_points(&jogs[j], t);
                    [p[0], p[1], p[2], p[3]]
                };
                let (a, b) = (jogs[j].a, jogs[j].b);
                let span = if jogs[j].horizontal {
                    (a.y.min(b.y) - 1.0, a.y.max(b.y) + 1.0)
                } else {
                    (a.x.min(b.x) - 1.0, a.x.max(b.x) + 1.0)
                };
                ([at(mid - 1.0), at(mid + 1.0)], span)
            })
            .collect();
        let cost = |x: usize, y: usize| {
            let ((p, (a0, a1)), (q, (b0, b1))) = (&drawn[x], &drawn[y]);
            // Jogs whose spans do not meet cannot get in each other's way.
            if a1 < b0 || b1 < a0 {
                return 0;
            }
            conflicts(&p[0], &q[1])
        };
        let local = if sorted.len() <= 200 {
            sift(sorted.len(), cost)
        } else {
            (0..sorted.len()).collect()
        };
        let order: Vec<usize> = local.iter().map(|&x| sorted[x]).collect();
        let k = order.len() as f32;
        let gap = TRACK_GAP.min((hi - lo) / (k + 1.0));
        let first = mid - gap * (k - 1.0) / 2.0;
        for (t, &j) in order.iter().enumerate() {
            out[j] = first + gap * t as f32;
        }
    }
    out
}

/// Improves an order by sifting: each item in turn is taken out and put back where
/// the pairs it forms cost least (`cost(a, b)`: what `a` before `b` costs), until no
/// move helps. Unlike swapping neighbours, an item can pass others it is indifferent
/// to on its way to where it helps.
pub(super) fn sift(k: usize, cost: impl Fn(usize, usize) -> u32) -> Vec<usize> {
    let mut c = vec![0u32; k * k];
    for x in 0..k {
        for y in 0..k {
            if x != y {
                c[x * k + y] = cost(x, y);
            }
        }
    }
    let at = |a: usize, b: usize| c[a * k + b];
    let mut order: Vec<usize> = (0..k).collect();
    for _ in 0..4 {
        let mut improved = false;
        for item in 0..k {
            let Some(from) = order.iter().position(|&x| x == item) else {
                continue;
            };
            order.remove(from);
            // Cost of putting `item` at each slot: everything before it, then after.
            let mut before = 0u32;
            let mut after: u32 = order.iter().map(|&x| at(item, x)).sum();
            let (mut best, mut best_cost) = (0usize, before + after);
            for (slot, &x) in order.iter().enumerate() {
                before += at(x, item);
                after -= at(item, x);
                if before + after < best_cost {
                    best = slot + 1;
                    best_cost = before + after;
                }
            }
            let stay_cost = {
                let b: u32 = order[..from].iter().map(|&x| at(x, item)).sum();
                let a: u32 = order[from..].iter().map(|&x| at(item, x)).sum();
                a + b
            };
            if best_cost < stay_cost {
                order.insert(best, item);
                improved = true;
            } else {
                order.insert(from, item);
            }
        }
        if !improved {
            break;
        }
    }
    order
}
