//! What the simple shapes cannot do is searched for (A*) on a sparse grid of the
//! obstacles' edges, each bend and each stretch shared with another route costing
//! extra, so no route passes through a box.

use super::super::index::Grid;
use super::super::rect::Rect;
use super::space::{Obstacles, Used, simplify};
use crate::model::Pos;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What a bend costs, in units of length: routes prefer fewer bends.
pub(super) const BEND_COST: f32 = 40.0;

/// Distance of the extra lanes from a channel's middle.
pub(super) const LANE_GAP: f32 = 14.0;

/// Extra cost per unit of length run along a route already drawn.
pub(super) const SHARED_COST: f32 = 4.0;

/// A search gives up after this many expansions,
pub(super) const MAX_EXPANSIONS: usize = 30_000;

#[derive(Clone, Copy, PartialEq)]
pub(super) struct Open {
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
pub(super) struct Leg {
    pub(super) a: Pos,
    pub(super) a_h: bool,
    pub(super) b: Pos,
    pub(super) b_h: bool,
}

/// Searches a route for `leg` on the grid of the nearby obstacles' edges and the
/// channel middles between them, widening the search area until one is found; three
/// plain legs when there is none (or the drawing's search budget is spent).
pub(super) fn search(o: &Obstacles, used: &Used, budget: &mut usize, leg: Leg) -> Vec<Pos> {
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

/// The search on one area: a lattice of the area's edges, the nearby boxes' edges
/// and the channel middles between them, and the cheapest path across it that runs
/// through no box.
pub(super) fn search_in(
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
    let lattice = Lattice {
        xs: axis(xs, area.x0, area.x1),
        ys: axis(ys, area.y0, area.y1),
    };
    let from = (
        lattice.find_x(a.x)?,
        lattice.find_y(a.y)?,
        if a_h { 0 } else { 1 },
    );
    let to = (
        lattice.find_x(b.x)?,
        lattice.find_y(b.y)?,
        if b_h { 0 } else { 1 },
    );
    let mut local = Grid::new(80.0);
    for r in near {
        local.insert(r);
    }
    let blocked = |p: Pos| {
        local.any_near(&Rect::new(p.x, p.y, p.x, p.y), |_, r| {
            r.contains_strictly(p)
        })
    };
    let path = lattice.cheapest(from, (to, b), &blocked, used, budget)?;
    Some(simplify(path))
}

/// The coordinates along one axis: the given ones inside `lo..=hi`, once each, and the
/// channel middles between neighbours. Routes between two boxes keep away from both;
/// wide channels get lanes either side of the middle, so routes need not share one.
fn axis(mut v: Vec<f32>, lo: f32, hi: f32) -> Vec<f32> {
    v.retain(|c| *c >= lo && *c <= hi);
    v.sort_by(f32::total_cmp);
    v.dedup_by(|x, y| (*x - *y).abs() < 0.5);
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
}

/// The points a route may turn at.
struct Lattice {
    xs: Vec<f32>,
    ys: Vec<f32>,
}

impl Lattice {
    fn find_x(&self, c: f32) -> Option<usize> {
        self.xs.iter().position(|x| (x - c).abs() < 0.5)
    }

    fn find_y(&self, c: f32) -> Option<usize> {
        self.ys.iter().position(|y| (y - c).abs() < 0.5)
    }

    /// A search state: a point and the axis arrived on (0 horizontal, 1 vertical).
    fn id(&self, i: usize, j: usize, d: usize) -> usize {
        (j * self.xs.len() + i) * 2 + d
    }

    fn pos(&self, node: usize) -> (usize, usize, Pos) {
        let cell = node / 2;
        let (i, j) = (cell % self.xs.len(), cell / self.xs.len());
        (
            i,
            j,
            Pos {
                x: self.xs[i],
                y: self.ys[j],
            },
        )
    }

    /// A*: the cheapest path from `from` to `to` (point indices and the axis left or
    /// arrived on; `goal` is where `to` stands, for the estimate), each bend and each length shared with a drawn route costing extra,
    /// never through a point `blocked` says is in a box. None when there is none or
    /// the search spends its budget.
    fn cheapest(
        &self,
        from: (usize, usize, usize),
        (to, goal): ((usize, usize, usize), Pos),
        blocked: &dyn Fn(Pos) -> bool,
        used: &Used,
        budget: &mut usize,
    ) -> Option<Vec<Pos>> {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let (bi, bj, goal_axis) = to;
        let total = nx * ny * 2;
        let mut g_cost = vec![f32::INFINITY; total];
        let mut came: Vec<u32> = vec![u32::MAX; total];
        let h = |i: usize, j: usize| (self.xs[i] - goal.x).abs() + (self.ys[j] - goal.y).abs();
        let start = self.id(from.0, from.1, from.2);
        g_cost[start] = 0.0;
        let mut open = BinaryHeap::new();
        open.push(Open {
            f: h(from.0, from.1),
            g: 0.0,
            node: start,
        });
        let mut expansions = 0;
        let mut reached = None;
        while let Some(Open { g, node, .. }) = open.pop() {
            if g > g_cost[node] {
                continue;
            }
            let d = node % 2;
            let (i, j, p) = self.pos(node);
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
                let q = Pos {
                    x: self.xs[ni],
                    y: self.ys[nj],
                };
                let mid = Pos {
                    x: (p.x + q.x) / 2.0,
                    y: (p.y + q.y) / 2.0,
                };
                if blocked(mid) {
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
                let next = self.id(ni, nj, nd);
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
        Some(self.walk_back(&came, start, reached?))
    }

    /// The points from `start` to `end`, read back along `came`.
    fn walk_back(&self, came: &[u32], start: usize, end: usize) -> Vec<Pos> {
        let mut node = end;
        let mut pts = Vec::new();
        loop {
            pts.push(self.pos(node).2);
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
        pts
    }
}
