//! What would change the verdict: the smallest change of the signals or counts
//! that gives another one.

use super::terms::{SignalKind, Verdict, verdict};
use std::collections::BTreeSet;

/// The signals as they would be with `n` systems over `p` connections: the two that
/// the counts raise are recomputed, the others stay as the design has them.
pub(super) fn recounted(kinds: &BTreeSet<SignalKind>, n: usize, p: usize) -> BTreeSet<SignalKind> {
    let mut k = kinds.clone();
    k.remove(&SignalKind::ManySystems);
    k.remove(&SignalKind::MoreConnectionsThanSystems);
    if n > 4 {
        k.insert(SignalKind::ManySystems);
    }
    if p > n {
        k.insert(SignalKind::MoreConnectionsThanSystems);
    }
    k
}

/// Whether a design of `n` systems over `p` connections can show this signal at all:
/// two protocol families or formats need two links, a flow through three systems needs
/// three systems, fan-out needs a publisher and three targets.
pub(super) fn possible(kind: SignalKind, n: usize, p: usize) -> bool {
    match kind {
        SignalKind::ProtocolMediation | SignalKind::Transformation => p >= 2,
        SignalKind::Orchestration => n >= 3 && p >= 2,
        SignalKind::FanOut => n >= 4 && p >= 3,
        SignalKind::CentralGovernance => true,
        // Raised by the counts, never changed on their own.
        SignalKind::ManySystems | SignalKind::MoreConnectionsThanSystems => false,
    }
}

/// The smallest change that changes the verdict, found by deciding again on a changed
/// design with every signal recomputed: a connection added (never past the full mesh)
/// or removed (never below one link per two systems), or a signal's cause added or
/// removed where the design could have it.
pub(super) fn flip(
    now: Verdict,
    n: usize,
    p: usize,
    kinds: &BTreeSet<SignalKind>,
) -> Option<String> {
    let mesh = n * n.saturating_sub(1) / 2;
    for extra in 1..=mesh.saturating_sub(p).min(50) {
        let v = verdict(n, p + extra, &recounted(kinds, n, p + extra));
        if v != now {
            return Some(format!(
                "with {extra} more point-to-point connection{} ({} of at most {mesh}): {v}",
                if extra == 1 { "" } else { "s" },
                p + extra
            ));
        }
    }
    let floor = n.div_ceil(2).max(1);
    for less in 1..=p.saturating_sub(floor).min(50) {
        let v = verdict(n, p - less, &recounted(kinds, n, p - less));
        if v != now {
            return Some(format!(
                "with {less} fewer point-to-point connection{} ({}): {v}",
                if less == 1 { "" } else { "s" },
                p - less
            ));
        }
    }
    for kind in SignalKind::ALL {
        let mut changed = kinds.clone();
        let present = changed.remove(kind);
        if !present {
            if !possible(*kind, n, p) {
                continue;
            }
            changed.insert(*kind);
        }
        let v = verdict(n, p, &recounted(&changed, n, p));
        if v != now {
            return Some(format!("if {}: {v}", kind.changed(present)));
        }
    }
    None
}
