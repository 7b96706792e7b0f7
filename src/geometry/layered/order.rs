//! Phase three: order. Each layer ordered to cut crossings, by median sweeps and
//! then transposition of neighbours.

use super::graph::Graph;

/// Crossings between two neighbouring rows, counted as inversions.
pub(super) fn crossings_between(g: &Graph, top: &[usize], pos: &[usize]) -> usize {
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for &u in top {
        for &w in &g.down[u] {
            ends.push((pos[u], pos[w]));
        }
    }
    ends.sort_unstable();
    // Inversions of the lower ends, with a Fenwick tree.
    let size = ends.iter().map(|e| e.1).max().map_or(0, |m| m + 1);
    let mut tree = vec![0usize; size + 1];
    let mut count = 0;
    for (k, &(_, b)) in ends.iter().enumerate() {
        let mut i = b + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        count += k - le;
        let mut i = b + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

pub(super) fn total_crossings(g: &Graph, rows: &[Vec<usize>], pos: &[usize]) -> usize {
    rows.windows(2)
        .map(|w| crossings_between(g, &w[0], pos))
        .sum()
}

pub(super) fn positions(g: &Graph, rows: &[Vec<usize>]) -> Vec<usize> {
    let mut pos = vec![0usize; g.layer.len()];
    for row in rows {
        for (i, &v) in row.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Median sweeps down and up, keeping each band's systems together, then adjacent
/// swaps that remove crossings; the best order seen wins.
pub(super) fn order_rows(g: &Graph, rows: &mut [Vec<usize>]) {
    let mut pos = positions(g, rows);
    let mut best = rows.to_vec();
    let mut best_count = total_crossings(g, rows, &pos);
    // Large graphs get fewer sweeps: each costs a pass over every edge.
    let sweeps = if g.layer.len() > 4_000 { 4 } else { 12 };
    let mut scratch: Vec<usize> = Vec::new();
    for iter in 0..sweeps {
        let downward = iter % 2 == 0;
        let layer_order: Vec<usize> = if downward {
            (1..rows.len()).collect()
        } else {
            (0..rows.len().saturating_sub(1)).rev().collect()
        };
        for l in layer_order {
            let neighbours = |v: usize| if downward { &g.up[v] } else { &g.down[v] };
            // Median position of each vertex's neighbours in the row just placed.
            let mut keys: Vec<(usize, f32)> = Vec::with_capacity(rows[l].len());
            for &v in &rows[l] {
                scratch.clear();
                scratch.extend(neighbours(v).iter().map(|&u| pos[u]));
                let key = match scratch.len() {
                    0 => pos[v] as f32,
                    1 => scratch[0] as f32,
                    len => {
                        scratch.sort_unstable();
                        let m = len / 2;
                        if len % 2 == 1 {
                            scratch[m] as f32
                        } else {
                            (scratch[m - 1] + scratch[m]) as f32 / 2.0
                        }
                    }
                };
                keys.push((v, key));
            }
            let mut sorted = keys;
            sorted.sort_by(|a, b| {
                g.band[a.0]
                    .cmp(&g.band[b.0])
                    .then(a.1.total_cmp(&b.1))
                    .then(pos[a.0].cmp(&pos[b.0]))
            });
            rows[l] = sorted.into_iter().map(|(v, _)| v).collect();
            for (i, &v) in rows[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        // Very large graphs skip the swaps and are counted after each pair of sweeps:
        // both cost a pass over every edge and win little there.
        let large = g.layer.len() > 20_000;
        if !large {
            transpose(g, rows, &mut pos);
        } else if iter % 2 == 0 {
            continue;
        }
        let count = total_crossings(g, rows, &pos);
        if count < best_count {
            best_count = count;
            best = rows.to_vec();
        }
        if best_count == 0 {
            break;
        }
    }
    rows.clone_from_slice(&best);
}

/// Crossings between the edges of `u` and of `v` (neighbours in one row, `u` first)
/// with the rows above and below.
pub(super) fn pair_crossings(g: &Graph, u: usize, v: usize, pos: &[usize]) -> usize {
    let mut c = 0;
    for list in [(&g.up[u], &g.up[v]), (&g.down[u], &g.down[v])] {
        for &a in list.0 {
            for &b in list.1 {
                if pos[a] > pos[b] {
                    c += 1;
                }
            }
        }
    }
    c
}

pub(super) fn transpose(g: &Graph, rows: &mut [Vec<usize>], pos: &mut [usize]) {
    let passes = if g.layer.len() > 4_000 { 1 } else { 4 };
    for _ in 0..passes {
        let mut improved = false;
        for row in rows.iter_mut() {
            for i in 0..row.len().saturating_sub(1) {
                let (u, v) = (row[i], row[i + 1]);
                if g.band[u] != g.band[v] {
                    continue;
                }
                if pair_crossings(g, v, u, pos) < pair_crossings(g, u, v, pos) {
                    row.swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}
