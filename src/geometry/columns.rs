//! Corridors for designs whose systems are placed (by hand, or by an earlier
//! Auto-layout): systems that overlap across form columns, and a link that skips
//! columns is given a waypoint in a free gap of each column it crosses, like the
//! automatic layout's, so it needs no search and runs straight where it can.

use super::route::CLEARANCE;
use super::{Pos, Rect};

/// For each link, its waypoints and the free (left, right) band of each of its legs.
pub type Corridors = (Vec<Vec<Pos>>, Vec<Vec<(f32, f32)>>);

/// Room kept between two links passing through the same gap of a column.
const SLOT: f32 = 14.0;

/// Waypoints and channels for links between placed boxes, as the layered layout gives
/// them: for each link (`None` pairs get none) the points it passes through and the
/// free band of each leg between two columns. Links within one column get neither.
pub fn corridors(boxes: &[Rect], pairs: &[Option<(usize, usize)>]) -> Corridors {
    // Columns: boxes whose x ranges overlap (with the clearance) merge.
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0));
    let mut spans: Vec<(f32, f32)> = Vec::new();
    let mut column = vec![0usize; boxes.len()];
    for &i in &order {
        let r = boxes[i];
        match spans.last_mut() {
            Some(last) if r.x0 - 2.0 * CLEARANCE < last.1 => last.1 = last.1.max(r.x1),
            _ => spans.push((r.x0, r.x1)),
        }
        column[i] = spans.len() - 1;
    }
    // Each column's boxes top to bottom, for its gaps.
    let mut members: Vec<Vec<Rect>> = vec![Vec::new(); spans.len()];
    for (i, r) in boxes.iter().enumerate() {
        members[column[i]].push(r.grow(CLEARANCE));
    }
    for m in &mut members {
        m.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    }
    // Where links already pass through each column.
    let mut taken: Vec<Vec<f32>> = vec![Vec::new(); spans.len()];
    let mut vias = vec![Vec::new(); pairs.len()];
    let mut channels = vec![Vec::new(); pairs.len()];
    for (k, p) in pairs.iter().enumerate() {
        let Some((a, b)) = *p else { continue };
        let (ca, cb) = (column[a], column[b]);
        if ca == cb {
            continue;
        }
        let step: isize = if cb > ca { 1 } else { -1 };
        let (pa, pb) = (boxes[a].center(), boxes[b].center());
        let mut c = ca as isize;
        let mut legs = Vec::new();
        let mut points = Vec::new();
        loop {
            let next = (c + step) as usize;
            let (left, right) = if step > 0 {
                (c as usize, next)
            } else {
                (next, c as usize)
            };
            legs.push((spans[left].1 + CLEARANCE, spans[right].0 - CLEARANCE));
            if next == cb {
                break;
            }
            let x = (spans[next].0 + spans[next].1) / 2.0;
            let t = (x - pa.x) / (pb.x - pa.x);
            let want = pa.y + (pb.y - pa.y) * t.clamp(0.0, 1.0);
            let y = free_y(&members[next], &taken[next], want);
            let at = taken[next].partition_point(|t| *t < y);
            taken[next].insert(at, y);
            points.push(Pos { x, y });
            c = next as isize;
        }
        vias[k] = points;
        channels[k] = legs;
    }
    (vias, channels)
}

/// The y nearest `want` that lies in a gap between a column's boxes (sorted by top)
/// and keeps a slot away from the links already passing there (kept sorted).
fn free_y(boxes: &[Rect], taken: &[f32], want: f32) -> f32 {
    // What blocks `y`, if anything: the far edge to jump to, going down or up.
    let blocker = |y: f32, down: bool| -> Option<f32> {
        // Boxes whose top is above y + slot: only the last few can reach down to y.
        let end = boxes.partition_point(|r| r.y0 - SLOT / 2.0 < y);
        for r in boxes[..end].iter().rev().take(8) {
            if y < r.y1 + SLOT / 2.0 {
                return Some(if down {
                    r.y1 + SLOT / 2.0
                } else {
                    r.y0 - SLOT / 2.0
                });
            }
        }
        let i = taken.partition_point(|t| *t < y);
        for t in taken[i.saturating_sub(1)..(i + 1).min(taken.len())].iter() {
            if (t - y).abs() < SLOT {
                return Some(if down { t + SLOT } else { t - SLOT });
            }
        }
        None
    };
    let walk = |down: bool| {
        let mut y = want;
        for _ in 0..10_000 {
            match blocker(y, down) {
                Some(next) => y = next,
                None => return y,
            }
        }
        y
    };
    let (below, above) = (walk(true), walk(false));
    if (below - want).abs() <= (want - above).abs() {
        below
    } else {
        above
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_skipping_a_column_passes_it_in_a_gap() {
        let b = |x: f32, y: f32| Rect::centered(Pos { x, y }, 160.0, 56.0);
        let boxes = vec![b(0.0, 0.0), b(400.0, 0.0), b(800.0, 0.0), b(400.0, 200.0)];
        let (vias, channels) = corridors(&boxes, &[Some((0, 2)), Some((0, 1))]);
        assert_eq!(vias[0].len(), 1);
        let y = vias[0][0].y;
        for r in &boxes[1..=1] {
            assert!(y < r.y0 - CLEARANCE || y > r.y1 + CLEARANCE, "{y}");
        }
        assert_eq!(channels[0].len(), 2);
        assert!(vias[1].is_empty());
        assert_eq!(channels[1], vec![(80.0 + CLEARANCE, 320.0 - CLEARANCE)]);
    }
}
