//! A uniform grid over rectangles: which boxes or labels are near a point or a segment,
//! without looking at all of them.

use super::Rect;
use std::collections::HashMap;

/// Rectangles bucketed by the grid cells they touch.
pub struct Grid {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<usize>>,
    rects: Vec<Rect>,
}

impl Grid {
    /// An empty grid with square cells of `cell` units.
    pub fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1.0),
            cells: HashMap::new(),
            rects: Vec::new(),
        }
    }

    fn span(&self, r: &Rect) -> (i32, i32, i32, i32) {
        let c = self.cell;
        let clamp = |v: f32| (v / c).floor().clamp(-1.0e6, 1.0e6) as i32;
        (clamp(r.x0), clamp(r.y0), clamp(r.x1), clamp(r.y1))
    }

    /// Adds a rectangle; returns its index.
    pub fn insert(&mut self, r: Rect) -> usize {
        let i = self.rects.len();
        let (a, b, c, d) = self.span(&r);
        for x in a..=c {
            for y in b..=d {
                self.cells.entry((x, y)).or_default().push(i);
            }
        }
        self.rects.push(r);
        i
    }

    /// The rectangle with this index.
    pub fn get(&self, i: usize) -> Rect {
        self.rects[i]
    }

    /// Every rectangle, in insertion order.
    pub fn rects(&self) -> &[Rect] {
        &self.rects
    }

    /// Calls `f` once for each rectangle whose cells meet `area` (a superset of those
    /// that overlap it); stops early when `f` returns true, and returns whether it did.
    pub fn any_near(&self, area: &Rect, mut f: impl FnMut(usize, &Rect) -> bool) -> bool {
        let (a, b, c, d) = self.span(area);
        let single = a == c && b == d;
        let mut seen: Vec<usize> = Vec::new();
        for x in a..=c {
            for y in b..=d {
                let Some(items) = self.cells.get(&(x, y)) else {
                    continue;
                };
                for &i in items {
                    if !single {
                        if seen.contains(&i) {
                            continue;
                        }
                        seen.push(i);
                    }
                    if f(i, &self.rects[i]) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Indices of rectangles that overlap `area` by more than `depth` both ways.
    pub fn overlapping(&self, area: &Rect, depth: f32) -> Vec<usize> {
        let mut out = Vec::new();
        self.any_near(area, |i, r| {
            if r.overlaps(area, depth) {
                out.push(i);
            }
            false
        });
        out
    }
}
