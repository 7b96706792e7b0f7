//! A uniform grid over rectangles: which boxes or labels are near a point or a segment,
//! without looking at all of them.

use super::rect::Rect;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for small integer keys (grid cells): one multiply per word instead of
/// SipHash, which the profile showed dominating look-ups.
#[derive(Default)]
pub struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// A hash map keyed by small integers.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<CellHasher>>;

/// Rectangles bucketed by the grid cells they touch.
pub struct Grid {
    cell_w: f32,
    cell_h: f32,
    cells: FastMap<(i32, i32), Vec<usize>>,
    rects: Vec<Rect>,
    /// Rectangles spanning more than `BIG` cells (only a drawing placed absurdly far
    /// apart has them): kept in no cell, looked at by every query.
    big: Vec<usize>,
    /// The query each rectangle was last reported to, so a rectangle spanning several
    /// cells is reported once per query.
    seen: RefCell<Vec<u32>>,
    query: Cell<u32>,
}

impl Grid {
    /// An empty grid with square cells of `cell` units.
    pub fn new(cell: f32) -> Self {
        Self::with_cells(cell, cell)
    }

    /// An empty grid with `w` by `h` cells: wide flat cells suit horizontal lines, which
    /// then fall in few cells each.
    pub fn with_cells(w: f32, h: f32) -> Self {
        Self {
            cell_w: w.max(1.0),
            cell_h: h.max(1.0),
            cells: FastMap::default(),
            rects: Vec::new(),
            big: Vec::new(),
            seen: RefCell::new(Vec::new()),
            query: Cell::new(0),
        }
    }

    fn span(&self, r: &Rect) -> (i32, i32, i32, i32) {
        let clamp = |v: f32, c: f32| (v / c).floor().clamp(-1.0e6, 1.0e6) as i32;
        (
            clamp(r.x0, self.cell_w),
            clamp(r.y0, self.cell_h),
            clamp(r.x1, self.cell_w),
            clamp(r.y1, self.cell_h),
        )
    }

    /// Calls `visit` with the cells of a span, in the order queries visit them
    /// (column by column, top to bottom), until it returns true: every cell of the
    /// span, or, when it has more cells than the grid holds, the grid's own cells in
    /// it, so a query over a vast area costs what the grid holds, not what it spans.
    fn each_cell(
        &self,
        (a, b, c, d): (i32, i32, i32, i32),
        mut visit: impl FnMut((i32, i32)) -> bool,
    ) -> bool {
        if cell_count((a, b, c, d)) > self.cells.len() as i64 {
            let mut keys: Vec<(i32, i32)> = self
                .cells
                .keys()
                .filter(|(x, y)| (a..=c).contains(x) && (b..=d).contains(y))
                .copied()
                .collect();
            keys.sort_unstable();
            return keys.into_iter().any(visit);
        }
        for x in a..=c {
            for y in b..=d {
                if visit((x, y)) {
                    return true;
                }
            }
        }
        false
    }

    /// The rectangles kept apart for their size whose span meets `(a, b, c, d)`.
    fn big_near(&self, (a, b, c, d): (i32, i32, i32, i32)) -> impl Iterator<Item = usize> {
        self.big.iter().copied().filter(move |&i| {
            let (ra, rb, rc, rd) = self.span(&self.rects[i]);
            ra <= c && rc >= a && rb <= d && rd >= b
        })
    }

    /// Adds a rectangle; returns its index.
    pub fn insert(&mut self, r: Rect) -> usize {
        let i = self.rects.len();
        let span = self.span(&r);
        if cell_count(span) > BIG {
            self.big.push(i);
        } else {
            let (a, b, c, d) = span;
            for x in a..=c {
                for y in b..=d {
                    self.cells.entry((x, y)).or_default().push(i);
                }
            }
        }
        self.rects.push(r);
        self.seen.get_mut().push(0);
        i
    }

    /// At least how many different rectangles [`Grid::any_near`] would report for
    /// `area`, found without looking at any: what its cells hold, divided by how many
    /// cells it meets (a rectangle in several of them is in the count of each).
    pub fn at_least_near(&self, area: &Rect) -> usize {
        let span = self.span(area);
        let mut held = 0;
        self.each_cell(span, |key| {
            held += self.cells.get(&key).map_or(0, Vec::len);
            false
        });
        held / usize::try_from(cell_count(span))
            .unwrap_or(usize::MAX)
            .max(1)
    }

    /// Calls `f` once for each rectangle whose cells meet `area` (a superset of those
    /// that overlap it); stops early when `f` returns true, and returns whether it did.
    pub fn any_near(&self, area: &Rect, mut f: impl FnMut(usize, &Rect) -> bool) -> bool {
        let (a, b, c, d) = self.span(area);
        let single = a == c && b == d;
        let q = self.query.get().wrapping_add(1);
        self.query.set(q);
        let mut seen = self.seen.borrow_mut();
        if q == 0 {
            seen.iter_mut().for_each(|s| *s = u32::MAX);
        }
        for i in self.big_near((a, b, c, d)) {
            if f(i, &self.rects[i]) {
                return true;
            }
        }
        self.each_cell((a, b, c, d), |key| {
            let Some(items) = self.cells.get(&key) else {
                return false;
            };
            for &i in items {
                if !single {
                    if seen[i] == q {
                        continue;
                    }
                    seen[i] = q;
                }
                if f(i, &self.rects[i]) {
                    return true;
                }
            }
            false
        })
    }
}

/// Cells a rectangle may be listed in; a larger one is kept apart (see `Grid::big`).
const BIG: i64 = 1 << 16;

/// How many cells a span covers.
fn cell_count((a, b, c, d): (i32, i32, i32, i32)) -> i64 {
    (i64::from(c) - i64::from(a) + 1) * (i64::from(d) - i64::from(b) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_near_never_counts_more_than_are_near() {
        let mut rng = fastrand::Rng::with_seed(11);
        let mut rect = |size: f32| {
            let (x, y) = (rng.f32() * 3_000.0, rng.f32() * 3_000.0);
            Rect::new(x, y, x + rng.f32() * size, y + rng.f32() * size)
        };
        // Long lines, as a route's pieces are, in wide flat cells.
        let mut grid = Grid::with_cells(512.0, 32.0);
        for _ in 0..2_000 {
            grid.insert(rect(1_500.0));
        }
        let mut reached = 0;
        for _ in 0..2_000 {
            let area = rect(200.0);
            let mut near = 0;
            grid.any_near(&area, |_, _| {
                near += 1;
                false
            });
            let bound = grid.at_least_near(&area);
            assert!(bound <= near, "{bound} > {near} near {area:?}");
            reached += usize::from(bound > 0 && bound * 2 >= near);
        }
        assert!(reached > 100, "the bound says something: {reached}");
    }

    #[test]
    fn rectangles_and_queries_as_vast_as_a_file_can_make_them_cost_what_the_grid_holds() {
        let mut rng = fastrand::Rng::with_seed(5);
        let mut grid = Grid::new(160.0);
        let mut all = Vec::new();
        for k in 0..300 {
            let r = if k % 50 == 0 {
                // A route from one end of the f32 range to the other.
                Rect::new(
                    rng.f32() * 1_000.0,
                    -3.0e38,
                    rng.f32() * 1_000.0 + 2.0,
                    3.0e38,
                )
            } else {
                let (x, y) = (rng.f32() * 5_000.0, rng.f32() * 5_000.0);
                Rect::new(x, y, x + rng.f32() * 300.0, y + rng.f32() * 300.0)
            };
            grid.insert(r);
            all.push(r);
        }
        let areas = [
            Rect::new(-3.0e38, -3.0e38, 3.0e38, 3.0e38),
            Rect::new(0.0, -1.0e30, 10.0, 1.0e30),
            Rect::new(100.0, 100.0, 900.0, 700.0),
            Rect::new(4_000.0, 10.0, 4_010.0, 20.0),
        ];
        for area in areas {
            let mut reported = Vec::new();
            grid.any_near(&area, |i, _| {
                reported.push(i);
                false
            });
            let mut once = reported.clone();
            once.sort_unstable();
            once.dedup();
            assert_eq!(once.len(), reported.len(), "each reported once: {area:?}");
            for (i, r) in all.iter().enumerate() {
                if r.overlaps(&area, 0.0) {
                    assert!(reported.contains(&i), "{r:?} overlaps {area:?}");
                }
            }
            assert!(grid.at_least_near(&area) <= reported.len());
        }
    }
}
