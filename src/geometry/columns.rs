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
    // Each column's free slots for links passing through, in the gaps between its
    // boxes and above and below them.
    let mut members: Vec<Vec<Rect>> = vec![Vec::new(); spans.len()];
    for (i, r) in boxes.iter().enumerate() {
        members[column[i]].push(r.grow(CLEARANCE));
    }
    // How many links pass through each column, so none runs out of room.
    let mut passing = vec![0usize; spans.len()];
    for &(a, b) in pairs.iter().flatten() {
        let (lo, hi) = (column[a].min(column[b]), column[a].max(column[b]));
        for p in &mut passing[(lo + 1).min(hi)..hi] {
            *p += 1;
        }
    }
    let mut slots: Vec<Slots> = members
        .iter_mut()
        .zip(&passing)
        .map(|(m, &n)| Slots::new(m, n))
        .collect();
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
            let y = slots[next].take(want);
            points.push(Pos { x, y });
            c = next as isize;
        }
        vias[k] = points;
        channels[k] = legs;
    }
    (vias, channels)
}

/// How far above and below a column's boxes links may pass it, at least.
const REACH: f32 = 3_000.0;

/// The heights at which links may pass through one column, a slot apart, and which
/// are taken; finding the nearest free one is near constant time however many links
/// pass (each side keeps a "next free" pointer, shortened as it is followed).
struct Slots {
    at: Vec<f32>,
    next_down: Vec<usize>,
    next_up: Vec<usize>,
}

impl Slots {
    /// Slots for `passing` links through a column of these boxes: the gaps between
    /// them, and above and below enough room for all of them should the gaps be full.
    fn new(boxes: &mut [Rect], passing: usize) -> Self {
        boxes.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let reach = REACH.max(passing as f32 * SLOT / 2.0 + SLOT);
        let mut at = Vec::new();
        let top = boxes.first().map_or(0.0, |r| r.y0);
        let mut cursor = top - reach;
        let fill = |from: f32, to: f32, at: &mut Vec<f32>| {
            let mut y = from + SLOT / 2.0;
            while y <= to - SLOT / 2.0 {
                at.push(y);
                y += SLOT;
            }
        };
        for r in boxes.iter() {
            if r.y0 > cursor {
                fill(cursor, r.y0, &mut at);
            }
            cursor = cursor.max(r.y1);
        }
        fill(cursor, cursor + reach, &mut at);
        let n = at.len();
        // Pointers are index + 1, so 0 means "none" on the way up.
        Self {
            next_down: (0..=n).collect(),
            next_up: (0..=n).collect(),
            at,
        }
    }

    /// The first free slot at index `i` or below it (towards larger y); `len` if none.
    fn free_down(&mut self, mut i: usize) -> usize {
        while self.next_down[i] != i {
            let j = self.next_down[i];
            self.next_down[i] = self.next_down[j];
            i = j;
        }
        i
    }

    /// The first free slot at index `i - 1` or above it, as index + 1; 0 if none.
    fn free_up(&mut self, mut i: usize) -> usize {
        while self.next_up[i] != i {
            let j = self.next_up[i];
            self.next_up[i] = self.next_up[j];
            i = j;
        }
        i
    }

    /// Takes the free slot nearest `want` and returns its height (`want` itself when
    /// the column has none left).
    fn take(&mut self, want: f32) -> f32 {
        let n = self.at.len();
        let i = self.at.partition_point(|y| *y < want);
        let down = self.free_down(i);
        let up = self.free_up(i);
        let pick = match (down < n, up > 0) {
            (true, true) => {
                if (self.at[down] - want).abs() <= (want - self.at[up - 1]).abs() {
                    down
                } else {
                    up - 1
                }
            }
            (true, false) => down,
            (false, true) => up - 1,
            (false, false) => return want,
        };
        self.next_down[pick] = pick + 1;
        self.next_up[pick + 1] = pick;
        self.at[pick]
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
