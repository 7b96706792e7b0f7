//! Corridors for designs whose systems are placed (by hand, or by an earlier
//! Auto-layout): systems that overlap across form columns, and a link that skips
//! columns is given a waypoint in a free gap of each column it crosses, like the
//! automatic layout's, so it needs no search. Passing heights lie on one lattice
//! shared by every column, and a link keeps one height across as many columns as it
//! can: it runs straight along a row of gaps and changes height only in the channels
//! at its ends, so a long link has a handful of bends instead of a step per column.

use super::rect::Rect;
use super::route::CLEARANCE;
use crate::model::Pos;

/// For each link, its waypoints and the free (left, right) band of each of its legs.
pub type Corridors = (Vec<Vec<Pos>>, Vec<Vec<(f32, f32)>>);

/// Room kept between two links passing through the same gap of a column, and the
/// lattice every column's passing heights lie on.
const SLOT: f32 = 14.0;

/// How many free heights nearest the one a link wants are tried for the longest
/// straight run, before it settles for the best of them.
const TRIES: usize = 24;

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
    let mut in_column: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (i, r) in boxes.iter().enumerate() {
        members[column[i]].push(r.grow(CLEARANCE));
        in_column[column[i]].push(i);
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
            if let Some(band) = beside(boxes, &in_column[ca], a, b, ca, &spans) {
                channels[k] = vec![band];
            }
            continue;
        }
        let (pa, pb) = (boxes[a].center(), boxes[b].center());
        // The columns crossed, in the order of travel.
        let crossed: Vec<usize> = if cb > ca {
            (ca + 1..cb).collect()
        } else {
            (cb + 1..ca).rev().collect()
        };
        let mut legs = Vec::with_capacity(crossed.len() + 1);
        let mut from = ca;
        for &c in crossed.iter().chain([&cb]) {
            let (left, right) = (from.min(c), from.max(c));
            legs.push((spans[left].1 + CLEARANCE, spans[right].0 - CLEARANCE));
            from = c;
        }
        // Straight runs at the height halfway between the ends where there is room, so
        // the link changes height in the channels next to its ends.
        let mut want = lattice((pa.y + pb.y) / 2.0);
        let mut points = Vec::with_capacity(crossed.len());
        let mut i = 0;
        while i < crossed.len() {
            let (at, run) = straightest(&mut slots, &crossed[i..], want);
            for &c in &crossed[i..i + run] {
                slots[c].take(at);
                points.push(Pos {
                    x: (spans[c].0 + spans[c].1) / 2.0,
                    y: at as f32 * SLOT,
                });
            }
            want = at;
            i += run;
        }
        vias[k] = points;
        channels[k] = legs;
    }
    (vias, channels)
}

/// For a link between boxes `a` and `b` of column `c` (the boxes `members`), when
/// another box of the column stands between them, the free band beside the column
/// it can run down instead: to the right of the column, or to the left of the first
/// one; outside the outermost columns the band is six clearances wide. None when
/// they see each other, or a neighbour in the column is in the way out.
fn beside(
    boxes: &[Rect],
    members: &[usize],
    a: usize,
    b: usize,
    c: usize,
    spans: &[(f32, f32)],
) -> Option<(f32, f32)> {
    let (ra, rb) = (boxes[a], boxes[b]);
    let (upper, lower) = if ra.y0 <= rb.y0 { (ra, rb) } else { (rb, ra) };
    let (x0, x1) = (ra.x0.max(rb.x0), ra.x1.min(rb.x1));
    let between = members.iter().any(|&m| {
        let r = boxes[m];
        m != a && m != b && r.y1 > upper.y1 && r.y0 < lower.y0 && r.x1 > x0 && r.x0 < x1
    });
    if x0 >= x1 || !between {
        return None;
    }
    let width = 6.0 * CLEARANCE;
    let (band, right) = if c == 0 && spans.len() > 1 {
        let hi = spans[0].0 - CLEARANCE;
        ((hi - width, hi), false)
    } else {
        let lo = spans[c].1 + CLEARANCE;
        let hi = spans
            .get(c + 1)
            .map_or(lo + width, |next| next.0 - CLEARANCE);
        ((lo, hi), true)
    };
    // The way out to the band, level with each end, must be clear of the column's
    // other boxes.
    let blocked = |r: Rect| {
        let way = if right {
            Rect::new(r.x1, r.y0, band.0, r.y1)
        } else {
            Rect::new(band.1, r.y0, r.x0, r.y1)
        };
        members.iter().any(|&m| {
            let o = boxes[m].grow(CLEARANCE);
            m != a && m != b && o.x1 > way.x0 && o.x0 < way.x1 && o.y1 > way.y0 && o.y0 < way.y1
        })
    };
    (band.1 > band.0 && !blocked(ra) && !blocked(rb)).then_some(band)
}

/// The lattice index nearest height `y`.
fn lattice(y: f32) -> i32 {
    (y / SLOT).round() as i32
}

/// The free height (as a lattice index) nearest `want` in the first of `columns`
/// that runs straight through the most of them in a row, and how many that is (at
/// least one). A column with no free height left lets the link pass where it wants.
fn straightest(slots: &mut [Slots], columns: &[usize], want: i32) -> (i32, usize) {
    let run = |slots: &[Slots], at: i32| {
        columns
            .iter()
            .take_while(|&&c| slots[c].is_free(at))
            .count()
    };
    let first = columns[0];
    let mut best: Option<(i32, usize)> = None;
    let tries: Vec<i32> = slots[first].nearest(want).take(TRIES).collect();
    for at in tries {
        // A height blocked in the column where the best run so far ends runs no
        // further: skip it without counting.
        if let Some((_, b)) = best
            && !slots[columns[b]].is_free(at)
        {
            continue;
        }
        let r = run(slots, at);
        if best.is_none_or(|(_, b)| r > b) {
            best = Some((at, r));
        }
        if r == columns.len() {
            break;
        }
    }
    best.map_or((want, 1), |(at, r)| (at, r.max(1)))
}

/// How far above and below a column's boxes links may pass it, at least;
const REACH: f32 = 3_000.0;
/// past it, when the gaps are full, a column makes room for every passing link up to
/// this many times its own height above and below; links beyond that share heights
/// (a very dense landscape then stays about as tall as its boxes, with its busiest
/// gaps drawn as bands, rather than a hundred times taller with every line apart).
const REACH_PER_HEIGHT: f32 = 0.5;

/// The heights (lattice indices) at which links may pass through one column, how
/// many links each carries, and which are full; finding the nearest free one is near
/// constant time however many links pass (each side keeps a "next free" pointer,
/// shortened as it is followed).
struct Slots {
    at: Vec<i32>,
    load: Vec<u32>,
    /// Links one height may carry: one, unless more links pass than there are heights.
    capacity: u32,
    next_down: Vec<usize>,
    next_up: Vec<usize>,
}

impl Slots {
    /// Slots for `passing` links through a column of these boxes: the lattice heights
    /// half a slot or more clear of its boxes, in the gaps between them and above and
    /// below.
    fn new(boxes: &mut [Rect], passing: usize) -> Self {
        boxes.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let top = boxes.first().map_or(0.0, |r| r.y0);
        let bottom = boxes.iter().map(|r| r.y1).fold(top, f32::max);
        let needed = passing as f32 * SLOT / 2.0 + SLOT;
        let reach = REACH.max(needed.min((bottom - top) * REACH_PER_HEIGHT));
        let mut at = Vec::new();
        // A gap taller than twice the reach is used only within reach of its ends, so
        // a box placed very far away costs no more than a near one.
        let fill = |from: f32, to: f32, at: &mut Vec<i32>| {
            let first = ((from + SLOT / 2.0) / SLOT).ceil() as i32;
            let last = ((to - SLOT / 2.0) / SLOT).floor() as i32;
            let within = (reach / SLOT) as i32;
            if i64::from(last) - i64::from(first) > 2 * i64::from(within) {
                at.extend(first..=first.saturating_add(within));
                at.extend(last.saturating_sub(within)..=last);
            } else {
                at.extend(first..=last);
            }
        };
        let mut cursor = top - reach;
        for r in boxes.iter() {
            if r.y0 > cursor {
                fill(cursor, r.y0, &mut at);
            }
            cursor = cursor.max(r.y1);
        }
        fill(cursor, cursor + reach, &mut at);
        let n = at.len();
        let capacity = passing.div_ceil(n.max(1)).max(1) as u32;
        // Pointers are index + 1, so 0 means "none" on the way up.
        Self {
            load: vec![0; n],
            capacity,
            next_down: (0..=n).collect(),
            next_up: (0..=n).collect(),
            at,
        }
    }

    /// Whether a link may pass at lattice height `y`.
    fn is_free(&self, y: i32) -> bool {
        self.at
            .binary_search(&y)
            .is_ok_and(|i| self.load[i] < self.capacity)
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

    /// The free heights in order of their distance from `want`, nearest first.
    fn nearest(&mut self, want: i32) -> Nearest<'_> {
        let i = self.at.partition_point(|y| *y < want);
        let down = self.free_down(i);
        let up = self.free_up(i);
        Nearest {
            slots: self,
            want,
            down,
            up,
        }
    }

    /// Passes one more link at lattice height `y` (a height the column has no slot
    /// at is passed without being kept).
    fn take(&mut self, y: i32) {
        let Ok(i) = self.at.binary_search(&y) else {
            return;
        };
        self.load[i] += 1;
        if self.load[i] >= self.capacity {
            self.next_down[i] = i + 1;
            self.next_up[i + 1] = i;
        }
    }
}

/// The free heights of a column outward from a wanted one.
struct Nearest<'a> {
    slots: &'a mut Slots,
    want: i32,
    /// The next free slot at or below the wanted height, `len` if none.
    down: usize,
    /// The next free slot above it, as index + 1; 0 if none.
    up: usize,
}

impl Iterator for Nearest<'_> {
    type Item = i32;

    fn next(&mut self) -> Option<i32> {
        let s = &mut *self.slots;
        let n = s.at.len();
        let pick_down = match (self.down < n, self.up > 0) {
            (true, true) => {
                let (want, down, up) = (
                    i64::from(self.want),
                    i64::from(s.at[self.down]),
                    i64::from(s.at[self.up - 1]),
                );
                down - want <= want - up
            }
            (true, false) => true,
            (false, true) => false,
            (false, false) => return None,
        };
        if pick_down {
            let y = s.at[self.down];
            self.down = s.free_down(self.down + 1);
            Some(y)
        } else {
            let y = s.at[self.up - 1];
            self.up = s.free_up(self.up - 1);
            Some(y)
        }
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

    fn grid(columns: usize, rows: usize) -> Vec<Rect> {
        let mut boxes = Vec::new();
        for c in 0..columns {
            for r in 0..rows {
                let centre = Pos {
                    x: c as f32 * 240.0,
                    y: r as f32 * 140.0,
                };
                boxes.push(Rect::centered(centre, 160.0, 56.0));
            }
        }
        boxes
    }

    #[test]
    fn a_long_link_runs_level_through_every_column_it_skips() {
        // Eight columns of five; from the top of the first to the bottom of the last.
        let boxes = grid(8, 5);
        let (vias, channels) = corridors(&boxes, &[Some((0, 7 * 5 + 4))]);
        assert_eq!(vias[0].len(), 6);
        assert_eq!(channels[0].len(), 7);
        let y = vias[0][0].y;
        assert!(vias[0].iter().all(|v| v.y == y), "{:?}", vias[0]);
        // In a gap, not through a box, and between the ends' heights.
        assert!(
            boxes
                .iter()
                .all(|b| y < b.y0 - CLEARANCE || y > b.y1 + CLEARANCE)
        );
        assert!((0.0..=4.0 * 140.0).contains(&y), "{y}");
    }

    #[test]
    fn links_through_a_full_column_share_heights_rather_than_leave_the_drawing() {
        // 3,000 links from the first column to the third all pass the middle one,
        // whose gaps and margins hold far fewer one slot apart.
        let boxes = grid(3, 40);
        let pairs: Vec<Option<(usize, usize)>> = (0..3_000)
            .map(|k| Some((k % 40, 80 + (k * 7) % 40)))
            .collect();
        let (vias, _) = corridors(&boxes, &pairs);
        let height = 39.0 * 140.0;
        let mut load: std::collections::HashMap<i32, usize> = Default::default();
        for v in vias.iter().flatten() {
            assert!(
                v.y > -REACH - height && v.y < height + REACH + height,
                "{v:?}"
            );
            *load.entry(lattice(v.y)).or_default() += 1;
        }
        let most = load.values().max().copied().unwrap_or(0);
        assert!(most > 1, "the column is over full, so heights are shared");
        assert!(most <= 3_000 / load.len() + 1, "and shared evenly: {most}");
    }

    #[test]
    fn a_link_within_a_column_goes_beside_it_when_a_box_is_between() {
        let boxes = grid(3, 4);
        // Column 1 holds boxes 4 to 7; 4 to 6 has 5 between them, 4 to 5 nothing.
        let pairs = [Some((4, 6)), Some((4, 5)), Some((8, 11))];
        let (vias, channels) = corridors(&boxes, &pairs);
        assert!(vias.iter().all(Vec::is_empty));
        assert_eq!(channels[0], vec![(320.0 + CLEARANCE, 400.0 - CLEARANCE)]);
        assert!(channels[1].is_empty(), "neighbours see each other");
        // The last column's band is outside it.
        assert_eq!(channels[2].len(), 1);
        assert!(channels[2][0].0 > 560.0);
    }

    #[test]
    fn a_box_placed_very_far_away_costs_no_more_slots_than_a_near_one() {
        let near = Slots::new(&mut grid(1, 2), 0);
        let mut far = grid(1, 2);
        far[1] = Rect::centered(Pos { x: 0.0, y: 1.0e9 }, 160.0, 56.0);
        let far = Slots::new(&mut far, 0);
        assert!(far.at.len() <= 2 * near.at.len(), "{} slots", far.at.len());
        // As far apart as a file can put them: the gap's lattice heights do not fit
        // the difference of two i32s.
        let mut farthest = grid(1, 2);
        farthest[0] = Rect::centered(Pos { x: 0.0, y: -3.0e38 }, 160.0, 56.0);
        farthest[1] = Rect::centered(Pos { x: 0.0, y: 3.0e38 }, 160.0, 56.0);
        let farthest = Slots::new(&mut farthest, 0);
        assert!(
            farthest.at.len() <= 2 * near.at.len(),
            "{} slots",
            farthest.at.len()
        );
    }
}
