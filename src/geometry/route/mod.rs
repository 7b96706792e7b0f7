//! Orthogonal link routing around boxes.
//!
//! Each link leaves its source from a port on the side facing where it goes and enters
//! its target the same way; ports on one side are spread evenly and ordered by where
//! their links go, so links between the same two systems get distinct routes. Between
//! ports a route is straight, an L, or a Z whose middle leg runs in a free channel;
//! Z legs that share a channel get their own tracks, ordered so they cross as little
//! as the ends allow. Whatever the simple shapes cannot do is searched for on a sparse
//! grid of the obstacles' edges (A*), so no route ever passes through a box.

mod ports;
mod search;
mod space;
mod tracks;

use super::rect::Rect;
use crate::model::Pos;
pub use ports::Request;
use ports::{assign_ports, self_loop};
use search::{Leg, search};
pub use space::{CLEARANCE, Obstacles};
use space::{Used, free, simplify};
use tracks::{Jog, Piece, assign_tracks, channel, connect, jog_points};

/// and all searches of one drawing after this many together: past it (only a very
/// large hand-placed design gets there) a link that no simple shape serves takes a
/// plain three-leg route, so a change never stalls the window.
const SEARCH_BUDGET: usize = 400_000;

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

#[cfg(test)]
mod tests {
    use super::space::segment_enters;
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
