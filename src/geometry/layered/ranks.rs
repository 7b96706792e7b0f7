//! Phase two: ranks. Every system in a layer, sources first, each link pointing
//! to a later layer; the fewest layers when a search can afford to look.

/// Each edge turned to point forward in `order` (its position in the order by node).
pub(super) fn forward_in(
    n: usize,
    edges: &[(usize, usize)],
    order: &[usize],
) -> Vec<Option<(usize, usize)>> {
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
pub(super) const SEARCH_ORDER_UP_TO: usize = 60;

/// An order with fewer layers than `order`, where turning one edge around (moving its
/// target just before its source in the order, or the other way) gives one: a long
/// chain that a cycle made, broken at another of its links, can lay out in half the
/// columns (the enterprise sample's nine shrink to six). Only strictly fewer layers
/// count, so a design whose cycles are already broken well keeps its order.
pub(super) fn fewer_layers(n: usize, edges: &[(usize, usize)], order: Vec<usize>) -> Vec<usize> {
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

/// Longest-path layers over the forward edges, then each system moved to shorten its
/// links.
pub(super) fn layers(n: usize, order: &[usize], forward: &[Option<(usize, usize)>]) -> Vec<usize> {
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
