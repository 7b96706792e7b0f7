//! Phase one: break cycles. The systems in an order that leaves as few links as
//! possible pointing backwards; those are reversed for the layering.

/// An order of the nodes with few edges pointing backwards (Eades, Lin and Smyth's
/// greedy heuristic): sinks go last, sources first, then the node with the most
/// outgoing over incoming edges.
pub(super) fn feedback_order(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
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
