//! The automatic layout, in the Sugiyama style: break cycles, put systems in layers
//! from sources to targets, add a waypoint in every layer a link skips, order each
//! layer to cut crossings (median sweeps, then transposition), then give each system a
//! place: layers as columns wide enough for their labels, each zone a band of its own
//! so zones never overlap, and systems pulled level with their neighbours so links run
//! straight.

use super::Pos;

/// Horizontal room between two columns before tracks are added for their links.
const BASE_GAP: f32 = 220.0;
/// Room added to a column gap per link that crosses it, up to a limit.
const GAP_PER_LINK: f32 = 10.0;
/// Vertical room between two systems of a column.
const ROW_GAP: f32 = 44.0;
/// Room a waypoint of a layer-skipping link takes in its column.
const WAYPOINT_SIZE: f32 = 16.0;
/// Vertical room between two zones' bands: padding, the lower zone's title, and air.
pub const BAND_GAP: f32 = 110.0;
/// The least room between two columns however tight the spacing: clearance for the
/// routes on both sides and a short tag between them.
const MIN_COLUMN_GAP: f32 = 90.0;
/// The least room between two bands: both zones' padding and the lower one's title.
const MIN_BAND_GAP: f32 = 80.0;

/// What the layout needs to know of one system.
pub struct Node {
    /// Box width.
    pub width: f32,
    /// Box height.
    pub height: f32,
    /// Its band: systems of one zone share one; bands are stacked top to bottom.
    pub band: usize,
}

/// The result: each system's centre, and the waypoints of each edge (in the order the
/// edges were given) that skips layers.
pub struct Placement {
    /// Centre of each node.
    pub centers: Vec<Pos>,
    /// For each edge, the points its route should pass through, source to target.
    pub vias: Vec<Vec<Pos>>,
    /// For each edge, the free band between the two columns each of its legs crosses,
    /// as (left, right) with the routing clearance kept: no box stands there, so its
    /// legs need no search.
    pub channels: Vec<Vec<(f32, f32)>>,
}

struct Graph {
    /// Layer of every vertex (systems first, then waypoints).
    layer: Vec<usize>,
    band: Vec<usize>,
    height: Vec<f32>,
    width: Vec<f32>,
    /// Neighbours in the layer above (`up`) and below (`down`).
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    real: usize,
}

/// How zones' bands are stacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bands {
    /// One under the other: links between zones run between the bands.
    Stacked,
    /// As high as each can go: zones that share no column sit side by side, which is
    /// more compact but sends some links across other zones.
    Packed,
}

/// How a layout is asked for: how zones' bands are stacked, and how much air there is
/// between columns, rows and bands (1.0 as designed; less packs the drawing tighter,
/// down to the room routes and zone titles need).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// How bands are stacked.
    pub bands: Bands,
    /// The share of the designed gaps kept.
    pub spacing: f32,
    /// Break cycles where it leaves the fewest layers (see [`fewer_layers`]), rather
    /// than where the first order found breaks them.
    pub fewest_layers: bool,
}

impl From<Bands> for Style {
    fn from(bands: Bands) -> Self {
        Self {
            bands,
            spacing: 1.0,
            fewest_layers: false,
        }
    }
}

/// Lays out `nodes` joined by directed `edges` (pairs of node indices).
pub fn layout(nodes: &[Node], edges: &[(usize, usize)], style: impl Into<Style>) -> Placement {
    let style = style.into();
    let n = nodes.len();
    if n == 0 {
        return Placement {
            centers: Vec::new(),
            vias: vec![Vec::new(); edges.len()],
            channels: vec![Vec::new(); edges.len()],
        };
    }
    let order = if style.fewest_layers {
        fewer_layers(n, edges, feedback_order(n, edges))
    } else {
        feedback_order(n, edges)
    };
    let mut rank = vec![0usize; n];
    for (k, &v) in order.iter().enumerate() {
        rank[v] = k;
    }
    // Edges pointing forward in the order; the others are turned around for layering.
    let forward: Vec<Option<(usize, usize)>> = edges
        .iter()
        .map(|&(a, b)| {
            if a == b || a >= n || b >= n {
                None
            } else if rank[a] < rank[b] {
                Some((a, b))
            } else {
                Some((b, a))
            }
        })
        .collect();
    let layer = layers(n, &order, &forward);
    let mut g = Graph {
        layer,
        band: nodes.iter().map(|v| v.band).collect(),
        height: nodes.iter().map(|v| v.height).collect(),
        width: nodes.iter().map(|v| v.width).collect(),
        up: vec![Vec::new(); n],
        down: vec![Vec::new(); n],
        real: n,
    };
    // Chains of waypoints for edges that skip layers, one per edge, so parallel links
    // get corridors of their own.
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    let mut edge_chain: Vec<Option<bool>> = Vec::with_capacity(edges.len());
    for (k, f) in forward.iter().enumerate() {
        let Some((a, b)) = *f else {
            edge_chain.push(None);
            chains.push(Vec::new());
            continue;
        };
        let reversed = edges[k].0 != a;
        {
            let mut chain = Vec::new();
            let mut prev = a;
            for l in g.layer[a] + 1..g.layer[b] {
                let v = g.layer.len();
                g.layer.push(l);
                g.band.push(g.band[a]);
                g.height.push(WAYPOINT_SIZE);
                g.width.push(0.0);
                g.up.push(vec![prev]);
                g.down.push(Vec::new());
                g.down[prev].push(v);
                chain.push(v);
                prev = v;
            }
            g.down[prev].push(b);
            g.up[b].push(prev);
            chains.push(chain);
        }
        edge_chain.push(Some(reversed));
    }
    let layer_count = g.layer.iter().copied().max().unwrap_or(0) + 1;
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    // Start from the feedback order, which keeps connected systems near each other.
    for &v in &order {
        rows[g.layer[v]].push(v);
    }
    for v in n..g.layer.len() {
        rows[g.layer[v]].push(v);
    }
    for row in &mut rows {
        let band = &g.band;
        row.sort_by_key(|&v| band[v]);
    }
    order_rows(&g, &mut rows);
    let (xs, ys, gaps) = coordinates(&g, &rows, style);
    let centers = (0..n)
        .map(|v| Pos {
            x: xs[g.layer[v]],
            y: ys[v],
        })
        .collect();
    let vias = edge_chain
        .iter()
        .zip(&chains)
        .map(|(c, chain)| match c {
            None => Vec::new(),
            Some(reversed) => {
                let mut pts: Vec<Pos> = chain
                    .iter()
                    .map(|&v| Pos {
                        x: xs[g.layer[v]],
                        y: ys[v],
                    })
                    .collect();
                if *reversed {
                    pts.reverse();
                }
                pts
            }
        })
        .collect();
    let channels = edges
        .iter()
        .zip(&forward)
        .map(|(&(a, _), f)| match f {
            None => Vec::new(),
            Some((lo, hi)) => {
                let (from, to) = (g.layer[*lo], g.layer[*hi]);
                let mut list: Vec<(f32, f32)> = gaps[from..to].to_vec();
                if a != *lo {
                    list.reverse();
                }
                list
            }
        })
        .collect();
    Placement {
        centers,
        vias,
        channels,
    }
}

/// An order of the nodes with few edges pointing backwards (Eades, Lin and Smyth's
/// greedy heuristic): sinks go last, sources first, then the node with the most
/// outgoing over incoming edges.
/// Each edge turned to point forward in `order` (its position in the order by node).
fn forward_in(n: usize, edges: &[(usize, usize)], order: &[usize]) -> Vec<Option<(usize, usize)>> {
    let mut rank = vec![0usize; n];
    for (k, &v) in order.iter().enumerate() {
        rank[v] = k;
    }
    edges
        .iter()
        .map(|&(a, b)| {
            if a == b || a >= n || b >= n {
                None
            } else if rank[a] < rank[b] {
                Some((a, b))
            } else {
                Some((b, a))
            }
        })
        .collect()
}

/// Designs up to this many systems get their cycles broken where it leaves the fewest
/// layers; past it, the first order found is kept (the search costs a layering per
/// try).
const SEARCH_ORDER_UP_TO: usize = 60;

/// An order with fewer layers than `order`, where turning one edge around (moving its
/// target just before its source in the order, or the other way) gives one: a long
/// chain that a cycle made, broken at another of its links, can lay out in half the
/// columns (the enterprise sample's nine shrink to six). Only strictly fewer layers
/// count, so a design whose cycles are already broken well keeps its order.
fn fewer_layers(n: usize, edges: &[(usize, usize)], order: Vec<usize>) -> Vec<usize> {
    if n > SEARCH_ORDER_UP_TO {
        return order;
    }
    let count = |order: &[usize]| {
        let layer = layers(n, order, &forward_in(n, edges, order));
        layer.iter().max().map_or(0, |m| m + 1)
    };
    let mut best = order;
    let mut best_layers = count(&best);
    for _ in 0..(2 * n) {
        let mut rank = vec![0usize; n];
        for (k, &v) in best.iter().enumerate() {
            rank[v] = k;
        }
        let improved = edges
            .iter()
            .filter(|(a, b)| a != b && *a < n && *b < n)
            .find_map(|&(a, b)| {
                // Put the later of the two just before the earlier one.
                let (early, late) = if rank[a] < rank[b] { (a, b) } else { (b, a) };
                let mut candidate: Vec<usize> =
                    best.iter().copied().filter(|&v| v != late).collect();
                let at = candidate.iter().position(|&v| v == early).unwrap_or(0);
                candidate.insert(at, late);
                let layers = count(&candidate);
                (layers < best_layers).then_some((candidate, layers))
            });
        match improved {
            Some((order, layers)) => {
                best = order;
                best_layers = layers;
            }
            None => break,
        }
    }
    best
}

fn feedback_order(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut outs = vec![Vec::new(); n];
    let mut ins = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            outs[a].push(b);
            ins[b].push(a);
        }
    }
    let mut out_deg: Vec<i64> = outs.iter().map(|o| o.len() as i64).collect();
    let mut in_deg: Vec<i64> = ins.iter().map(|i| i.len() as i64).collect();
    let mut removed = vec![false; n];
    let (mut head, mut tail) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut sinks: Vec<usize> = (0..n).filter(|&v| out_deg[v] == 0).collect();
    let mut sources: Vec<usize> = (0..n)
        .filter(|&v| in_deg[v] == 0 && out_deg[v] > 0)
        .collect();
    let mut cursor = 0usize;
    for _ in 0..n {
        let live = |list: &mut Vec<usize>, removed: &[bool]| {
            while let Some(v) = list.pop() {
                if !removed[v] {
                    return Some(v);
                }
            }
            None
        };
        // Sinks go last, sources first; failing both, the node with the most outgoing
        // over incoming edges goes first (a scan, O(n) only when no sink or source).
        let (v, first) = if let Some(v) = live(&mut sinks, &removed) {
            (v, false)
        } else if let Some(v) = live(&mut sources, &removed) {
            (v, true)
        } else {
            let Some(v) = (0..n)
                .map(|k| (cursor + k) % n)
                .filter(|&v| !removed[v])
                .max_by_key(|&v| {
                    (
                        out_deg[v] - in_deg[v],
                        std::cmp::Reverse((v + n - cursor) % n),
                    )
                })
            else {
                break;
            };
            cursor = v;
            (v, true)
        };
        if first {
            head.push(v);
        } else {
            tail.push(v);
        }
        removed[v] = true;
        for &w in &outs[v] {
            if !removed[w] {
                in_deg[w] -= 1;
                if in_deg[w] == 0 && out_deg[w] > 0 {
                    sources.push(w);
                }
            }
        }
        for &u in &ins[v] {
            if !removed[u] {
                out_deg[u] -= 1;
                if out_deg[u] == 0 {
                    sinks.push(u);
                }
            }
        }
    }
    tail.reverse();
    head.extend(tail);
    head
}

/// Longest-path layers over the forward edges, then each system moved to shorten its
/// links.
fn layers(n: usize, order: &[usize], forward: &[Option<(usize, usize)>]) -> Vec<usize> {
    let mut outs = vec![Vec::new(); n];
    for &(a, b) in forward.iter().flatten() {
        outs[a].push(b);
    }
    let mut layer = vec![0usize; n];
    for &v in order {
        for &w in &outs[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    // Shorten links: a system with more links in than out moves as far left as its
    // callers allow, one with more out than in as far right as its targets allow (the
    // total length of links changes by the difference for every layer it moves).
    let mut ins = vec![Vec::new(); n];
    for &(a, b) in forward.iter().flatten() {
        ins[b].push(a);
    }
    for _ in 0..8 {
        let mut moved = false;
        for &v in order {
            let lo = ins[v].iter().map(|&u| layer[u] + 1).max().unwrap_or(0);
            let hi = outs[v].iter().map(|&w| layer[w].saturating_sub(1)).min();
            let target = match (ins[v].len().cmp(&outs[v].len()), hi) {
                (std::cmp::Ordering::Greater, _) | (_, None) => lo,
                (std::cmp::Ordering::Less, Some(hi)) => hi.max(lo),
                (std::cmp::Ordering::Equal, Some(hi)) => layer[v].clamp(lo, hi.max(lo)),
            };
            if target != layer[v] {
                layer[v] = target;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    // Drop layers left empty.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut layer {
        *l = used.binary_search(l).unwrap_or(0);
    }
    layer
}

/// Crossings between two neighbouring rows, counted as inversions.
fn crossings_between(g: &Graph, top: &[usize], pos: &[usize]) -> usize {
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

fn total_crossings(g: &Graph, rows: &[Vec<usize>], pos: &[usize]) -> usize {
    rows.windows(2)
        .map(|w| crossings_between(g, &w[0], pos))
        .sum()
}

fn positions(g: &Graph, rows: &[Vec<usize>]) -> Vec<usize> {
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
fn order_rows(g: &Graph, rows: &mut [Vec<usize>]) {
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
fn pair_crossings(g: &Graph, u: usize, v: usize, pos: &[usize]) -> usize {
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

fn transpose(g: &Graph, rows: &mut [Vec<usize>], pos: &mut [usize]) {
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

/// Column x positions and every vertex's y.
/// Column x positions, every vertex's y, and the free band between each column and
/// the next.
fn coordinates(
    g: &Graph,
    rows: &[Vec<usize>],
    style: Style,
) -> (Vec<f32>, Vec<f32>, Vec<(f32, f32)>) {
    let packing = style.bands;
    let row_gap = ROW_GAP * style.spacing.max(0.6);
    let band_gap = (BAND_GAP * style.spacing).max(MIN_BAND_GAP);
    // Columns: as wide as their widest box, apart by room for labels and tracks.
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
    let clear = super::route::CLEARANCE;
    let gaps = (1..rows.len())
        .map(|l| {
            (
                xs[l - 1] + widths[l - 1] / 2.0 + clear,
                xs[l] - widths[l] / 2.0 - clear,
            )
        })
        .collect();
    // Rows, each band on its own.
    let bands = g.band.iter().copied().max().map_or(0, |b| b + 1);
    let mut ys = vec![0.0f32; g.layer.len()];
    let sep = |a: usize, b: usize| {
        let both_real = a < g.real && b < g.real;
        (g.height[a] + g.height[b]) / 2.0 + if both_real { row_gap } else { row_gap / 2.0 }
    };
    let band_rows: Vec<Vec<Vec<usize>>> = (0..bands)
        .map(|b| {
            rows.iter()
                .map(|r| r.iter().copied().filter(|&v| g.band[v] == b).collect())
                .collect()
        })
        .collect();
    for rows_b in &band_rows {
        for row in rows_b {
            let mut y = 0.0;
            for (i, &v) in row.iter().enumerate() {
                if i > 0 {
                    y += sep(row[i - 1], v);
                }
                ys[v] = y;
            }
        }
        // Pull vertices level with their neighbours' median, keeping the order.
        let passes = if g.layer.len() > 20_000 { 4 } else { 8 };
        let mut scratch: Vec<f32> = Vec::new();
        for pass in 0..passes {
            let from_up = pass % 2 == 0;
            for row in rows_b {
                if row.is_empty() {
                    continue;
                }
                let mut desired: Vec<f32> = Vec::with_capacity(row.len());
                for &v in row {
                    let both = pass + 2 >= passes;
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
                    desired.push(match scratch.len() {
                        0 => ys[v],
                        1 => scratch[0],
                        len => {
                            scratch.sort_by(f32::total_cmp);
                            let m = len / 2;
                            if len % 2 == 1 {
                                scratch[m]
                            } else {
                                (scratch[m - 1] + scratch[m]) / 2.0
                            }
                        }
                    });
                }
                let weights: Vec<f32> = row
                    .iter()
                    .map(|&v| if v >= g.real { 2.0 } else { 1.0 })
                    .collect();
                let gaps: Vec<f32> = row.windows(2).map(|w| sep(w[0], w[1])).collect();
                let placed = spaced_fit(&desired, &weights, &gaps);
                for (i, &v) in row.iter().enumerate() {
                    ys[v] = placed[i];
                }
            }
        }
    }
    // Stack the bands: each goes as high as it can without sharing a column's rows
    // with a band already placed, so zones that never share a column sit side by side.
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
        let rows_b = &band_rows[b];
        let members: Vec<usize> = rows_b.iter().flatten().copied().collect();
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
        loop {
            let clash = placed.iter().find(|p| {
                (packing == Bands::Stacked || (p.first <= last + 1 && first <= p.last + 1))
                    && offset < p.bottom + band_gap
                    && p.top < offset + height + band_gap
            });
            match clash {
                Some(p) => offset = p.bottom + band_gap,
                None => break,
            }
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
    (xs, ys, gaps)
}

/// Positions as close as possible (weighted least squares) to `desired`, in order,
/// with at least `gaps[i]` between the i-th and the next: isotonic regression by
/// pooling adjacent violators, on positions shifted by the running sum of gaps.
fn spaced_fit(desired: &[f32], weights: &[f32], gaps: &[f32]) -> Vec<f32> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(band: usize) -> Node {
        Node {
            width: 160.0,
            height: 56.0,
            band,
        }
    }

    #[test]
    fn sources_come_before_targets_and_cycles_do_not_hang() {
        let nodes: Vec<Node> = (0..3).map(|_| node(0)).collect();
        let p = layout(&nodes, &[(0, 1), (1, 2), (2, 0)], Bands::Stacked);
        let xs: Vec<f32> = p.centers.iter().map(|c| c.x).collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
    }

    #[test]
    fn bands_do_not_overlap() {
        let nodes = vec![node(0), node(1), node(0), node(1)];
        let p = layout(&nodes, &[(0, 1), (2, 3), (0, 3)], Bands::Stacked);
        let bottom0 = p.centers[0].y.max(p.centers[2].y) + 28.0;
        let top1 = p.centers[1].y.min(p.centers[3].y) - 28.0;
        assert!(top1 - bottom0 >= BAND_GAP - 0.01, "{:?}", p.centers);
    }

    #[test]
    fn spaced_fit_keeps_order_and_gaps() {
        let out = spaced_fit(&[10.0, 0.0, 5.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert!(out[1] - out[0] >= 10.0 - 1e-4 && out[2] - out[1] >= 10.0 - 1e-4);
    }

    #[test]
    fn a_link_that_skips_a_layer_gets_a_waypoint() {
        let nodes: Vec<Node> = (0..3).map(|_| node(0)).collect();
        let p = layout(&nodes, &[(0, 1), (1, 2), (0, 2)], Bands::Stacked);
        assert_eq!(p.vias[2].len(), 1);
        assert!(p.vias[0].is_empty());
    }
}
