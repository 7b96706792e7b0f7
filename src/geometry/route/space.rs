//! The space a route is drawn in: the boxes it must keep clear of, with the
//! clearance around them, and the room other routes already use.

use super::super::index::Grid;
use super::super::rect::Rect;
use crate::model::Pos;

/// Clearance kept between a route and any box it does not end at.
pub const CLEARANCE: f32 = 12.0;

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
    pub(super) fn near(&self, area: &Rect) -> Vec<Rect> {
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
pub(super) fn segment_enters(a: Pos, b: Pos, r: &Rect, eps: f32) -> bool {
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
pub(super) struct Used {
    grid: Option<Grid>,
    segments: Vec<(Pos, Pos)>,
    /// How many of `segments` are in the grid: it is filled only when a search needs
    /// it, so drawings that need no search never build it.
    indexed: usize,
}

impl Used {
    pub(super) fn add(&mut self, pts: &[Pos]) {
        self.segments.extend(pts.windows(2).map(|w| (w[0], w[1])));
    }

    /// Brings the grid up to date with every segment added so far.
    pub(super) fn index(&mut self) {
        let grid = self.grid.get_or_insert_with(|| Grid::new(120.0));
        for &(a, b) in &self.segments[self.indexed..] {
            grid.insert(Rect::around_segment(a, b, 3.0));
        }
        self.indexed = self.segments.len();
    }

    /// How long the axis-parallel segment a-b runs along (within 3 units of) a segment
    /// already used.
    pub(super) fn shared_length(&self, a: Pos, b: Pos) -> f32 {
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

pub(super) fn free(o: &Obstacles, pts: &[Pos]) -> bool {
    pts.windows(2).all(|w| !o.segment_blocked(w[0], w[1]))
}

/// Drops repeated points and points in the middle of straight runs.
pub(super) fn simplify(pts: Vec<Pos>) -> Vec<Pos> {
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
