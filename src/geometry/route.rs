//! Orthogonal link routing around boxes.
//!
//! Each link leaves its source from a port on the side facing where it goes and enters
//! its target the same way; ports on one side are spread evenly and ordered by where
//! their links go, so links between the same two systems get distinct routes. Between
//! ports a route is straight, an L, or a Z whose middle leg runs in a free channel;
//! Z legs that share a channel get their own tracks, ordered so they cross as little
//! as the ends allow. Whatever the simple shapes cannot do is searched for on a sparse
//! grid of the obstacles' edges (A*), so no route ever passes through a box.

use super::index::Grid;
use super::{Pos, Rect};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// Clearance kept between a route and any box it does not end at.
pub const CLEARANCE: f32 = 12.0;
/// Distance between neighbouring tracks in a channel.
const TRACK_GAP: f32 = 12.0;
/// What a bend costs, in units of length: routes prefer fewer bends.
const BEND_COST: f32 = 40.0;
/// Distance of the extra lanes from a channel's middle.
const LANE_GAP: f32 = 14.0;
/// Extra cost per unit of length run along a route already drawn.
const SHARED_COST: f32 = 4.0;
/// A search gives up after this many expansions,
const MAX_EXPANSIONS: usize = 30_000;
/// and all searches of one drawing after this many together: past it (only a very
/// large hand-placed design gets there) a link that no simple shape serves takes a
/// plain three-leg route, so a change never stalls the window.
const SEARCH_BUDGET: usize = 400_000;

/// One link to route: its two boxes, and optional points it should pass through (the
/// automatic layout's reserved corridors for links that skip layers).
pub struct Request {
    /// Index of the source box.
    pub from: usize,
    /// Index of the target box.
    pub to: usize,
    /// Points to pass through, in order, travelling left or right.
    pub vias: Vec<Pos>,
    /// When the layout knows them, the free (left, right) band each leg between two
    /// waypoints crosses (one more than there are vias): those legs need no search.
    pub channels: Vec<(f32, f32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    fn normal(self) -> (f32, f32) {
        match self {
            Side::Left => (-1.0, 0.0),
            Side::Right => (1.0, 0.0),
            Side::Top => (0.0, -1.0),
            Side::Bottom => (0.0, 1.0),
        }
    }

    fn horizontal(self) -> bool {
        matches!(self, Side::Left | Side::Right)
    }
}

/// The side of `r` that faces the rectangle `o`: across the axis with the wider gap.
/// In a drawing laid out in columns, links leave and enter sideways whenever the two
/// are in different columns.
fn facing(r: &Rect, o: &Rect, columns: bool) -> Side {
    let gap_x = (o.x0 - r.x1).max(r.x0 - o.x1);
    let gap_y = (o.y0 - r.y1).max(r.y0 - o.y1);
    let (c, oc) = (r.center(), o.center());
    if gap_x >= gap_y || (columns && gap_x > 0.0) {
        if oc.x >= c.x { Side::Right } else { Side::Left }
    } else if oc.y >= c.y {
        Side::Bottom
    } else {
        Side::Top
    }
}

/// The obstacles: every box grown by the clearance, in a grid for quick look-ups.
pub struct Obstacles {
    grid: Grid,
}

impl Obstacles {
    /// Obstacles for these boxes.
    pub fn new(boxes: &[Rect]) -> Self {
        let mut grid = Grid::new(160.0);
        for b in boxes {
            grid.insert(b.grow(CLEARANCE));
        }
        Self { grid }
    }

    /// True when the axis-parallel segment a-b runs through the inside of a grown box.
    pub fn segment_blocked(&self, a: Pos, b: Pos) -> bool {
        let area = Rect::new(a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y));
        self.grid
            .any_near(&area, |_, r| segment_enters(a, b, r, 0.01))
    }

    /// The grown boxes near `area`.
    fn near(&self, area: &Rect) -> Vec<Rect> {
        let mut out = Vec::new();
        self.grid.any_near(area, |_, r| {
            if r.overlaps(area, 0.0) {
                out.push(*r);
            }
            false
        });
        out
    }
}

/// Whether the axis-parallel segment a-b has a piece of positive length strictly inside
/// `r` shrunk by `eps`.
fn segment_enters(a: Pos, b: Pos, r: &Rect, eps: f32) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let (rx0, ry0, rx1, ry1) = (r.x0 + eps, r.y0 + eps, r.x1 - eps, r.y1 - eps);
    if (y1 - y0).abs() < f32::EPSILON {
        // Horizontal.
        a.y > ry0 && a.y < ry1 && x1.min(rx1) - x0.max(rx0) > 0.0
    } else if (x1 - x0).abs() < f32::EPSILON {
        a.x > rx0 && a.x < rx1 && y1.min(ry1) - y0.max(ry0) > 0.0
    } else {
        // Not axis-parallel (only the direct fallback): test the bounding box.
        x1.min(rx1) - x0.max(rx0) > 0.0 && y1.min(ry1) - y0.max(ry0) > 0.0
    }
}

/// Segments of the routes found so far, so a search can avoid running along them.
#[derive(Default)]
struct Used {
    grid: Option<Grid>,
    segments: Vec<(Pos, Pos)>,
    /// How many of `segments` are in the grid: it is filled only when a search needs
    /// it, so drawings that need no search never build it.
    indexed: usize,
}

impl Used {
    fn add(&mut self, pts: &[Pos]) {
        self.segments.extend(pts.windows(2).map(|w| (w[0], w[1])));
    }

    /// Brings the grid up to date with every segment added so far.
    fn index(&mut self) {
        let grid = self.grid.get_or_insert_with(|| Grid::new(120.0));
        for &(a, b) in &self.segments[self.indexed..] {
            grid.insert(Rect::around_segment(a, b, 3.0));
        }
        self.indexed = self.segments.len();
    }

    /// How long the axis-parallel segment a-b runs along (within 3 units of) a segment
    /// already used.
    fn shared_length(&self, a: Pos, b: Pos) -> f32 {
        let Some(grid) = &self.grid else {
            return 0.0;
        };
        let horizontal = (a.y - b.y).abs() < 1e-3;
        let mut total = 0.0;
        grid.any_near(&Rect::around_segment(a, b, 0.0), |i, _| {
            let (c, d) = self.segments[i];
            let overlap = if horizontal {
                if (c.y - d.y).abs() < 1e-3 && (c.y - a.y).abs() < 3.0 {
                    a.x.max(b.x).min(c.x.max(d.x)) - a.x.min(b.x).max(c.x.min(d.x))
                } else {
                    0.0
                }
            } else if (c.x - d.x).abs() < 1e-3 && (c.x - a.x).abs() < 3.0 {
                a.y.max(b.y).min(c.y.max(d.y)) - a.y.min(b.y).max(c.y.min(d.y))
            } else {
                0.0
            };
            total += overlap.max(0.0);
            false
        });
        total
    }
}

/// Where a link end sits: the port on the border and the point just outside the
/// clearance where the route proper starts.
#[derive(Clone, Copy, Debug)]
struct End {
    side: Side,
    port: Pos,
    escape: Pos,
}

/// The Z-shaped leg of a route whose middle runs in a channel, waiting for its track.
struct Jog {
    /// Travel is left/right (middle leg vertical) or up/down (middle leg horizontal).
    horizontal: bool,
    a: Pos,
    b: Pos,
    /// The free interval the middle leg may use, across the travel axis.
    lo: f32,
    hi: f32,
}

/// A route under construction: pieces between waypoints, each known or waiting for a
/// track.
enum Piece {
    Points(Vec<Pos>),
    Jog(usize),
}

/// Routes every request; returns each link's polyline from the source's border to the
/// target's border. `columns` says the boxes stand in the automatic layout's columns.
pub fn route_all(boxes: &[Rect], requests: &[Request], columns: bool) -> Vec<Vec<Pos>> {
    let obstacles = Obstacles::new(boxes);
    let ends = assign_ports(boxes, requests, columns);
    let mut used = Used::default();
    let mut budget = SEARCH_BUDGET;
    let mut jogs: Vec<Jog> = Vec::new();
    let mut pieces: Vec<Vec<Piece>> = Vec::with_capacity(requests.len());
    for (li, req) in requests.iter().enumerate() {
        let (start, end) = ends[li];
        if req.from == req.to {
            pieces.push(vec![Piece::Points(self_loop(&boxes[req.from]))]);
            continue;
        }
        let mut waypoints = vec![(start.escape, start.side.horizontal())];
        waypoints.extend(req.vias.iter().map(|&v| (v, true)));
        waypoints.push((end.escape, end.side.horizontal()));
        let mut list = vec![Piece::Points(vec![start.port])];
        let known = req.channels.len() + 1 == waypoints.len();
        for (k, pair) in waypoints.windows(2).enumerate() {
            let ((a, a_h), (b, b_h)) = (pair[0], pair[1]);
            if known && a_h && b_h {
                let (lo, hi) = req.channels[k];
                if (a.y - b.y).abs() < 0.5 {
                    list.push(Piece::Points(vec![a, b]));
                } else {
                    jogs.push(Jog {
                        horizontal: true,
                        a,
                        b,
                        lo,
                        hi,
                    });
                    list.push(Piece::Jog(jogs.len() - 1));
                }
                continue;
            }
            let piece = connect(&obstacles, a, a_h, b, b_h).unwrap_or_else(|| {
                match channel(&obstacles, a, b, a_h) {
                    Some((lo, hi)) => {
                        jogs.push(Jog {
                            horizontal: a_h,
                            a,
                            b,
                            lo,
                            hi,
                        });
                        Piece::Jog(jogs.len() - 1)
                    }
                    None => {
                        used.index();
                        Piece::Points(search(
                            &obstacles,
                            &used,
                            &mut budget,
                            Leg { a, a_h, b, b_h },
                        ))
                    }
                }
            });
            if let Piece::Points(pts) = &piece {
                used.add(pts);
            }
            list.push(piece);
        }
        list.push(Piece::Points(vec![end.port]));
        pieces.push(list);
    }
    let tracks = assign_tracks(&jogs);
    pieces
        .into_iter()
        .map(|list| {
            let mut pts: Vec<Pos> = Vec::new();
            for piece in list {
                match piece {
                    Piece::Points(p) => pts.extend(p),
                    Piece::Jog(j) => pts.extend(jog_points(&jogs[j], tracks[j])),
                }
            }
            smooth(simplify(pts), &obstacles)
        })
        .collect()
}

/// Longest step a route may take to reach a neighbouring waypoint before it is worth
/// straightening out.
const KINK: f32 = 40.0;

/// Removes small steps: where a horizontal run steps up or down a little to the next
/// one, moves one of the two runs level with the other when nothing is in the way.
/// The first and last runs stay on their ports.
fn smooth(mut p: Vec<Pos>, o: &Obstacles) -> Vec<Pos> {
    let is_h = |a: Pos, b: Pos| (a.y - b.y).abs() < 1e-3;
    // A run that starts at a port starts inside its own box's clearance: check it from
    // where it leaves the clearance.
    let step_out = |from: Pos, to: Pos| {
        let len = ((to.x - from.x).abs() + (to.y - from.y).abs()).max(f32::EPSILON);
        let t = (CLEARANCE / len).min(1.0);
        Pos {
            x: from.x + (to.x - from.x) * t,
            y: from.y + (to.y - from.y) * t,
        }
    };
    let mut changed = true;
    while changed {
        changed = false;
        for i in 1..p.len().saturating_sub(2) {
            let (a, b, c, d) = (p[i - 1], p[i], p[i + 1], p[i + 2]);
            if !(is_h(a, b) && !is_h(b, c) && is_h(c, d)) || (c.y - b.y).abs() > KINK {
                continue;
            }
            // Move the following run up to this one: its far end must turn into a
            // vertical leg that can stretch.
            if i + 3 < p.len() && !is_h(d, p[i + 3]) {
                let d2 = Pos { x: d.x, y: b.y };
                let start = if i == 1 { step_out(a, d2) } else { a };
                let end = if i + 3 == p.len() - 1 {
                    step_out(p[i + 3], d2)
                } else {
                    p[i + 3]
                };
                if free(o, &[start, d2, end]) {
                    p[i + 2] = d2;
                    p.drain(i..i + 2);
                    changed = true;
                    break;
                }
            }
            // Or this run down to the following one.
            if i >= 2 && !is_h(p[i - 2], a) {
                let a2 = Pos { x: a.x, y: c.y };
                let start = if i == 2 { step_out(p[0], a2) } else { p[i - 2] };
                let end = if i + 2 == p.len() - 1 {
                    step_out(d, a2)
                } else {
                    d
                };
                if free(o, &[start, a2, end]) {
                    p[i - 1] = a2;
                    p.drain(i..i + 2);
                    changed = true;
                    break;
                }
            }
        }
    }
    simplify(p)
}

/// A small loop on a box's side for a link from a system to itself.
fn self_loop(r: &Rect) -> Vec<Pos> {
    let (x, y) = (r.x1, r.center().y);
    vec![
        Pos { x, y: y - 10.0 },
        Pos {
            x: x + CLEARANCE + 8.0,
            y: y - 10.0,
        },
        Pos {
            x: x + CLEARANCE + 8.0,
            y: y + 10.0,
        },
        Pos { x, y: y + 10.0 },
    ]
}

/// Picks each end's side and spreads the ports on every side, ordered by where their
/// links head so neighbouring links do not cross at the box.
fn assign_ports(boxes: &[Rect], requests: &[Request], columns: bool) -> Vec<(End, End)> {
    let point_rect = |p: Pos| Rect::new(p.x, p.y, p.x, p.y);
    // (box, side) -> [(sort key, link, is_source)]
    // (box, side) -> (sort key, link, is the source) of every end on it.
    type Ends = Vec<(f32, usize, bool)>;
    let mut on_side: HashMap<(usize, Side), Ends> = HashMap::new();
    let mut sides = Vec::with_capacity(requests.len());
    for (li, req) in requests.iter().enumerate() {
        let (a, b) = (&boxes[req.from], &boxes[req.to]);
        let (sa, sb, toward_a, toward_b) = if req.from == req.to {
            (Side::Right, Side::Right, a.center(), a.center())
        } else if let ([], &[(lo, hi)]) = (req.vias.as_slice(), req.channels.as_slice()) {
            // One known band between the ends: both face it (a link to the next
            // column, or between two boxes of one column, beside it).
            let x = (lo + hi) / 2.0;
            let side = |r: &Rect| {
                if x >= r.center().x {
                    Side::Right
                } else {
                    Side::Left
                }
            };
            (side(a), side(b), b.center(), a.center())
        } else {
            let first = req.vias.first().map_or(*b, |&v| point_rect(v));
            let last = req.vias.last().map_or(*a, |&v| point_rect(v));
            (
                facing(a, &first, columns),
                facing(b, &last, columns),
                first.center(),
                last.center(),
            )
        };
        let key = |side: Side, p: Pos| if side.horizontal() { p.y } else { p.x };
        on_side
            .entry((req.from, sa))
            .or_default()
            .push((key(sa, toward_a), li, true));
        on_side
            .entry((req.to, sb))
            .or_default()
            .push((key(sb, toward_b), li, false));
        sides.push((sa, sb));
    }
    let dummy = End {
        side: Side::Right,
        port: Pos::default(),
        escape: Pos::default(),
    };
    let mut ends = vec![(dummy, dummy); requests.len()];
    let mut groups: Vec<_> = on_side.into_iter().collect();
    groups.sort_by_key(|((b, s), _)| (*b, *s as u8));
    for ((bi, side), mut list) in groups {
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let r = &boxes[bi];
        let k = list.len() as f32;
        let (nx, ny) = side.normal();
        for (i, &(_, li, source)) in list.iter().enumerate() {
            let t = (i as f32 + 1.0) / (k + 1.0);
            let port = match side {
                Side::Left => Pos {
                    x: r.x0,
                    y: r.y0 + t * r.height(),
                },
                Side::Right => Pos {
                    x: r.x1,
                    y: r.y0 + t * r.height(),
                },
                Side::Top => Pos {
                    x: r.x0 + t * r.width(),
                    y: r.y0,
                },
                Side::Bottom => Pos {
                    x: r.x0 + t * r.width(),
                    y: r.y1,
                },
            };
            let escape = Pos {
                x: port.x + nx * CLEARANCE,
                y: port.y + ny * CLEARANCE,
            };
            let end = End { side, port, escape };
            if source {
                ends[li].0 = end;
            } else {
                ends[li].1 = end;
            }
        }
    }
    ends
}

fn free(o: &Obstacles, pts: &[Pos]) -> bool {
    pts.windows(2).all(|w| !o.segment_blocked(w[0], w[1]))
}

/// A straight or L-shaped connection from `a` (leaving along its axis) to `b` (arriving
/// along its axis), when it is free.
fn connect(o: &Obstacles, a: Pos, a_h: bool, b: Pos, b_h: bool) -> Option<Piece> {
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
fn channel(o: &Obstacles, a: Pos, b: Pos, horizontal: bool) -> Option<(f32, f32)> {
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
fn jog_points(j: &Jog, at: f32) -> Vec<Pos> {
    if j.horizontal {
        vec![j.a, Pos { x: at, y: j.a.y }, Pos { x: at, y: j.b.y }, j.b]
    } else {
        vec![j.a, Pos { x: j.a.x, y: at }, Pos { x: j.b.x, y: at }, j.b]
    }
}

/// How badly two polylines of axis-parallel segments get in each other's way: one
/// for each crossing, two for each stretch where they run along the same line (there
/// they cannot be told apart).
fn conflicts(p: &[Pos], q: &[Pos]) -> u32 {
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
fn collinear_overlap(a: Pos, b: Pos, c: Pos, d: Pos) -> bool {
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
fn proper_cross(a: Pos, b: Pos, c: Pos, d: Pos) -> bool {
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
fn assign_tracks(jogs: &[Jog]) -> Vec<f32> {
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
fn sift(k: usize, cost: impl Fn(usize, usize) -> u32) -> Vec<usize> {
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

/// Drops repeated points and points in the middle of straight runs.
fn simplify(pts: Vec<Pos>) -> Vec<Pos> {
    let mut out: Vec<Pos> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (q.x - p.x).abs() < 0.01 && (q.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
struct Open {
    f: f32,
    g: f32,
    node: usize,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .f
            .total_cmp(&self.f)
            .then(other.g.total_cmp(&self.g).reverse())
            .then(self.node.cmp(&other.node))
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A piece of route to find: from `a`, leaving horizontally when `a_h`, to `b`,
/// arriving horizontally when `b_h`.
#[derive(Clone, Copy)]
struct Leg {
    a: Pos,
    a_h: bool,
    b: Pos,
    b_h: bool,
}

/// Searches a route for `leg` on the grid of the nearby obstacles' edges and the
/// channel middles between them, widening the search area until one is found; three
/// plain legs when there is none (or the drawing's search budget is spent).
fn search(o: &Obstacles, used: &Used, budget: &mut usize, leg: Leg) -> Vec<Pos> {
    let Leg { a, a_h, b, .. } = leg;
    let mut margin = 240.0;
    for _ in 0..4 {
        if *budget == 0 {
            break;
        }
        let area = Rect::new(
            a.x.min(b.x) - margin,
            a.y.min(b.y) - margin,
            a.x.max(b.x) + margin,
            a.y.max(b.y) + margin,
        );
        if let Some(p) = search_in(o, used, budget, leg, &area) {
            return p;
        }
        margin *= 3.0;
    }
    // Three legs meeting halfway, along the axes the ends leave and arrive on.
    if a_h {
        let x = (a.x + b.x) / 2.0;
        vec![a, Pos { x, y: a.y }, Pos { x, y: b.y }, b]
    } else {
        let y = (a.y + b.y) / 2.0;
        vec![a, Pos { x: a.x, y }, Pos { x: b.x, y }, b]
    }
}

fn search_in(
    o: &Obstacles,
    used: &Used,
    budget: &mut usize,
    leg: Leg,
    area: &Rect,
) -> Option<Vec<Pos>> {
    let Leg { a, a_h, b, b_h } = leg;
    let near = o.near(area);
    let mut xs = vec![a.x, b.x, area.x0, area.x1];
    let mut ys = vec![a.y, b.y, area.y0, area.y1];
    for r in &near {
        xs.extend([r.x0, r.x1]);
        ys.extend([r.y0, r.y1]);
    }
    let coords = |mut v: Vec<f32>, lo: f32, hi: f32| {
        v.retain(|c| *c >= lo && *c <= hi);
        v.sort_by(f32::total_cmp);
        v.dedup_by(|x, y| (*x - *y).abs() < 0.5);
        // Channel middles: routes between two boxes keep away from both; wide
        // channels get lanes either side of the middle, so routes need not share one.
        let mut mids: Vec<f32> = Vec::new();
        for w in v.windows(2) {
            let m = (w[0] + w[1]) / 2.0;
            mids.push(m);
            if w[1] - w[0] > 4.0 * LANE_GAP {
                mids.extend([m - LANE_GAP, m + LANE_GAP]);
            }
        }
        v.extend(mids);
        v.sort_by(f32::total_cmp);
        v
    };
    let xs = coords(xs, area.x0, area.x1);
    let ys = coords(ys, area.y0, area.y1);
    let (nx, ny) = (xs.len(), ys.len());
    let find = |v: &[f32], c: f32| v.iter().position(|x| (x - c).abs() < 0.5);
    let (ai, aj, bi, bj) = (
        find(&xs, a.x)?,
        find(&ys, a.y)?,
        find(&xs, b.x)?,
        find(&ys, b.y)?,
    );
    let mut local = Grid::new(80.0);
    for r in near {
        local.insert(r);
    }
    let blocked_mid = |p: Pos| {
        local.any_near(&Rect::new(p.x, p.y, p.x, p.y), |_, r| {
            r.contains_strictly(p)
        })
    };
    // State: grid point and the axis we arrived on (0 horizontal, 1 vertical).
    let id = |i: usize, j: usize, d: usize| (j * nx + i) * 2 + d;
    let total = nx * ny * 2;
    let mut g_cost = vec![f32::INFINITY; total];
    let mut came: Vec<u32> = vec![u32::MAX; total];
    let h = |i: usize, j: usize| (xs[i] - b.x).abs() + (ys[j] - b.y).abs();
    let start = id(ai, aj, if a_h { 0 } else { 1 });
    g_cost[start] = 0.0;
    let mut open = BinaryHeap::new();
    open.push(Open {
        f: h(ai, aj),
        g: 0.0,
        node: start,
    });
    let mut expansions = 0;
    let goal_axis = if b_h { 0 } else { 1 };
    let mut reached = None;
    while let Some(Open { g, node, .. }) = open.pop() {
        if g > g_cost[node] {
            continue;
        }
        let d = node % 2;
        let cell = node / 2;
        let (i, j) = (cell % nx, cell / nx);
        if i == bi && j == bj {
            reached = Some(node);
            break;
        }
        expansions += 1;
        *budget = budget.saturating_sub(1);
        if expansions > MAX_EXPANSIONS || *budget == 0 {
            return None;
        }
        let moves: [(isize, isize, usize); 4] = [(1, 0, 0), (-1, 0, 0), (0, 1, 1), (0, -1, 1)];
        for (di, dj, nd) in moves {
            let (ni, nj) = (i as isize + di, j as isize + dj);
            if ni < 0 || nj < 0 || ni >= nx as isize || nj >= ny as isize {
                continue;
            }
            let (ni, nj) = (ni as usize, nj as usize);
            let p = Pos { x: xs[i], y: ys[j] };
            let q = Pos {
                x: xs[ni],
                y: ys[nj],
            };
            let mid = Pos {
                x: (p.x + q.x) / 2.0,
                y: (p.y + q.y) / 2.0,
            };
            if blocked_mid(mid) {
                continue;
            }
            let mut step = (q.x - p.x).abs() + (q.y - p.y).abs();
            // Running along another route makes both unreadable.
            step += SHARED_COST * used.shared_length(p, q);
            if nd != d {
                step += BEND_COST;
            }
            if ni == bi && nj == bj && nd != goal_axis {
                step += BEND_COST;
            }
            let next = id(ni, nj, nd);
            let ng = g + step;
            if ng < g_cost[next] {
                g_cost[next] = ng;
                came[next] = node as u32;
                open.push(Open {
                    f: ng + h(ni, nj),
                    g: ng,
                    node: next,
                });
            }
        }
    }
    let mut node = reached?;
    let mut pts = Vec::new();
    loop {
        let cell = node / 2;
        pts.push(Pos {
            x: xs[cell % nx],
            y: ys[cell / nx],
        });
        if node == start {
            break;
        }
        let prev = came[node];
        if prev == u32::MAX {
            break;
        }
        node = prev as usize;
    }
    pts.reverse();
    Some(simplify(pts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f32, y: f32) -> Rect {
        Rect::new(x - 80.0, y - 28.0, x + 80.0, y + 28.0)
    }

    fn through_other_box(route: &[Pos], boxes: &[Rect], ends: [usize; 2]) -> bool {
        route.windows(2).any(|w| {
            boxes
                .iter()
                .enumerate()
                .any(|(i, b)| !ends.contains(&i) && segment_enters(w[0], w[1], b, 2.0))
        })
    }

    #[test]
    fn a_route_goes_around_a_box_in_the_way() {
        let boxes = vec![r(0.0, 0.0), r(300.0, 0.0), r(600.0, 0.0)];
        let routes = route_all(
            &boxes,
            &[Request {
                from: 0,
                to: 2,
                vias: vec![],
                channels: vec![],
            }],
            false,
        );
        assert!(
            !through_other_box(&routes[0], &boxes, [0, 2]),
            "{:?}",
            routes[0]
        );
        let first = routes[0][0];
        let last = routes[0][routes[0].len() - 1];
        assert!((first.x - 80.0).abs() < 0.01 || (first.y.abs() - 28.0).abs() < 0.01);
        assert!(boxes[2].grow(0.01).contains(last));
    }

    #[test]
    fn parallel_links_get_distinct_routes() {
        let boxes = vec![r(0.0, 0.0), r(400.0, 200.0)];
        let reqs: Vec<Request> = (0..3)
            .map(|k| Request {
                from: if k == 1 { 1 } else { 0 },
                to: if k == 1 { 0 } else { 1 },
                vias: vec![],
                channels: vec![],
            })
            .collect();
        let routes = route_all(&boxes, &reqs, false);
        for i in 0..3 {
            for j in i + 1..3 {
                assert_ne!(routes[i], routes[j]);
                let shared = routes[i].iter().filter(|p| routes[j].contains(p)).count();
                assert_eq!(shared, 0, "{:?} / {:?}", routes[i], routes[j]);
            }
        }
    }
}
