//! Phase four: coordinates. Layers as columns wide enough for their labels, each
//! zone a band of its own, systems pulled level with their neighbours.

use super::graph::{Bands, Graph, Style};

/// Horizontal room between two columns before tracks are added for their links.
pub(super) const BASE_GAP: f32 = 220.0;

/// Room added to a column gap per link that crosses it, up to a limit.
pub(super) const GAP_PER_LINK: f32 = 10.0;

/// Vertical room between two systems of a column.
pub(super) const ROW_GAP: f32 = 44.0;

/// Vertical room between two zones' bands: padding, the lower zone's title, and air.
pub const BAND_GAP: f32 = 110.0;

/// The least room between two columns however tight the spacing: clearance for the
/// routes on both sides and a short tag between them.
pub(super) const MIN_COLUMN_GAP: f32 = 90.0;

/// The least room between two bands: both zones' padding and the lower one's title.
pub(super) const MIN_BAND_GAP: f32 = 80.0;

/// Column x positions, every vertex's y, and the free band between each column and
/// the next.
pub(super) fn coordinates(
    g: &Graph,
    rows: &[Vec<usize>],
    style: Style,
) -> (Vec<f32>, Vec<f32>, Vec<(f32, f32)>) {
    let row_gap = ROW_GAP * style.spacing.max(0.6);
    let band_gap = (BAND_GAP * style.spacing).max(MIN_BAND_GAP);
    let (xs, gaps) = columns(g, rows, style);
    // Rows, each band on its own.
    let bands = g.band.iter().copied().max().map_or(0, |b| b + 1);
    let mut ys = vec![0.0f32; g.layer.len()];
    let band_rows: Vec<Vec<Vec<usize>>> = (0..bands)
        .map(|b| {
            rows.iter()
                .map(|r| r.iter().copied().filter(|&v| g.band[v] == b).collect())
                .collect()
        })
        .collect();
    for rows_b in &band_rows {
        level(g, rows_b, row_gap, &mut ys);
    }
    stack(g, &band_rows, style.bands, band_gap, &mut ys);
    (xs, ys, gaps)
}

/// Columns as wide as their widest box, apart by room for labels and tracks: each
/// column's x, and the free band between each column and the next.
fn columns(g: &Graph, rows: &[Vec<usize>], style: Style) -> (Vec<f32>, Vec<(f32, f32)>) {
    let widths: Vec<f32> = rows
        .iter()
        .map(|r| r.iter().map(|&v| g.width[v]).fold(0.0, f32::max))
        .collect();
    let mut xs = vec![0.0f32; rows.len()];
    for l in 1..rows.len() {
        let links: usize = rows[l - 1].iter().map(|&v| g.down[v].len()).sum();
        let gap =
            ((BASE_GAP + GAP_PER_LINK * links.min(24) as f32) * style.spacing).max(MIN_COLUMN_GAP);
        xs[l] = xs[l - 1] + widths[l - 1] / 2.0 + gap + widths[l] / 2.0;
    }
    let clear = super::super::route::CLEARANCE;
    let gaps = (1..rows.len())
        .map(|l| {
            (
                xs[l - 1] + widths[l - 1] / 2.0 + clear,
                xs[l] - widths[l] / 2.0 - clear,
            )
        })
        .collect();
    (xs, gaps)
}

/// The least distance between the centres of two neighbours in a column.
fn separation(g: &Graph, row_gap: f32, a: usize, b: usize) -> f32 {
    let both_real = a < g.real && b < g.real;
    (g.height[a] + g.height[b]) / 2.0 + if both_real { row_gap } else { row_gap / 2.0 }
}

/// One band's rows: stacked from 0, then pulled level with their neighbours' median
/// in alternating sweeps, keeping each column's order.
fn level(g: &Graph, rows_b: &[Vec<usize>], row_gap: f32, ys: &mut [f32]) {
    for row in rows_b {
        let mut y = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                y += separation(g, row_gap, row[i - 1], v);
            }
            ys[v] = y;
        }
    }
    let passes = if g.layer.len() > 20_000 { 4 } else { 8 };
    let mut scratch: Vec<f32> = Vec::new();
    for pass in 0..passes {
        let from_up = pass % 2 == 0;
        let both = pass + 2 >= passes;
        for row in rows_b {
            if row.is_empty() {
                continue;
            }
            let mut desired: Vec<f32> = Vec::with_capacity(row.len());
            for &v in row {
                let up = (both || from_up).then_some(&g.up[v]);
                let down = (both || !from_up).then_some(&g.down[v]);
                scratch.clear();
                scratch.extend(
                    up.into_iter()
                        .chain(down)
                        .flatten()
                        .filter(|&&u| g.band[u] == g.band[v])
                        .map(|&u| ys[u]),
                );
                desired.push(median(&mut scratch).unwrap_or(ys[v]));
            }
            let weights: Vec<f32> = row
                .iter()
                .map(|&v| if v >= g.real { 2.0 } else { 1.0 })
                .collect();
            let gaps: Vec<f32> = row
                .windows(2)
                .map(|w| separation(g, row_gap, w[0], w[1]))
                .collect();
            let placed = spaced_fit(&desired, &weights, &gaps);
            for (i, &v) in row.iter().enumerate() {
                ys[v] = placed[i];
            }
        }
    }
}

/// The median of the values (the mean of the middle two for an even count).
fn median(values: &mut [f32]) -> Option<f32> {
    match values.len() {
        0 => None,
        1 => Some(values[0]),
        len => {
            values.sort_by(f32::total_cmp);
            let m = len / 2;
            Some(if len % 2 == 1 {
                values[m]
            } else {
                (values[m - 1] + values[m]) / 2.0
            })
        }
    }
}

/// Stacks the bands: each goes as high as it can without sharing a column's rows with
/// a band already placed, so zones that never share a column sit side by side.
fn stack(g: &Graph, band_rows: &[Vec<Vec<usize>>], packing: Bands, band_gap: f32, ys: &mut [f32]) {
    struct Placed {
        first: usize,
        last: usize,
        top: f32,
        bottom: f32,
    }
    let mut placed: Vec<Placed> = Vec::new();
    let mut order: Vec<usize> = (0..band_rows.len()).collect();
    let size = |b: usize| band_rows[b].iter().map(Vec::len).sum::<usize>();
    if packing == Bands::Packed {
        order.sort_by_key(|&b| (std::cmp::Reverse(size(b)), b));
    }
    for b in order {
        let members: Vec<usize> = band_rows[b].iter().flatten().copied().collect();
        if members.is_empty() {
            continue;
        }
        let first = members.iter().map(|&v| g.layer[v]).min().unwrap_or(0);
        let last = members.iter().map(|&v| g.layer[v]).max().unwrap_or(0);
        let top = members
            .iter()
            .map(|&v| ys[v] - g.height[v] / 2.0)
            .fold(f32::INFINITY, f32::min);
        let bottom = members
            .iter()
            .map(|&v| ys[v] + g.height[v] / 2.0)
            .fold(f32::NEG_INFINITY, f32::max);
        let height = bottom - top;
        let mut offset = 0.0f32;
        while let Some(p) = placed.iter().find(|p| {
            (packing == Bands::Stacked || (p.first <= last + 1 && first <= p.last + 1))
                && offset < p.bottom + band_gap
                && p.top < offset + height + band_gap
        }) {
            offset = p.bottom + band_gap;
        }
        for &v in &members {
            ys[v] += offset - top;
        }
        placed.push(Placed {
            first,
            last,
            top: offset,
            bottom: offset + height,
        });
    }
}

/// Positions as close as possible (weighted least squares) to `desired`, in order,
/// with at least `gaps[i]` between the i-th and the next: isotonic regression by
/// pooling adjacent violators, on positions shifted by the running sum of gaps.
pub(super) fn spaced_fit(desired: &[f32], weights: &[f32], gaps: &[f32]) -> Vec<f32> {
    let n = desired.len();
    let mut offset = vec![0.0f32; n];
    for i in 1..n {
        offset[i] = offset[i - 1] + gaps[i - 1];
    }
    // Blocks of (weighted mean, weight, count).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        let mut b = (desired[i] - offset[i], weights[i], 1usize);
        while let Some(&last) = blocks.last() {
            if last.0 > b.0 {
                blocks.pop();
                let w = last.1 + b.1;
                b = ((last.0 * last.1 + b.0 * b.1) / w, w, last.2 + b.2);
            } else {
                break;
            }
        }
        blocks.push(b);
    }
    let mut out = Vec::with_capacity(n);
    for (mean, _, count) in blocks {
        for _ in 0..count {
            let i = out.len();
            out.push(mean + offset[i]);
        }
    }
    out
}
