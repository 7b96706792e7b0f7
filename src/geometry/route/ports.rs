//! Where a link leaves its source and enters its target: a port on the side facing
//! where it goes, ports on one side spread evenly and ordered by where their links
//! go; and a link from a system to itself.

use super::super::rect::Rect;
use super::space::CLEARANCE;
use crate::model::Pos;
use std::collections::HashMap;

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
pub(super) enum Side {
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

    pub(super) fn horizontal(self) -> bool {
        matches!(self, Side::Left | Side::Right)
    }
}

/// The side of `r` that faces the rectangle `o`: across the axis with the wider gap.
/// In a drawing laid out in columns, links leave and enter sideways whenever the two
/// are in different columns.
pub(super) fn facing(r: &Rect, o: &Rect, columns: bool) -> Side {
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

/// Where a link end sits: the port on the border and the point just outside the
/// clearance where the route proper starts.
#[derive(Clone, Copy, Debug)]
pub(super) struct End {
    pub(super) side: Side,
    pub(super) port: Pos,
    pub(super) escape: Pos,
}

/// A small loop on a box's side for a link from a system to itself.
pub(super) fn self_loop(r: &Rect) -> Vec<Pos> {
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
pub(super) fn assign_ports(boxes: &[Rect], requests: &[Request], columns: bool) -> Vec<(End, End)> {
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
