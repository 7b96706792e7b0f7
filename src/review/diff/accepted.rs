//! The parts of a design that are neither systems nor links but change what the
//! analysis says: its flows (a flow that waits on too many steps is a finding) and its
//! waivers (an accepted finding is no longer open). A change to either changes the
//! review, so a diff that missed them would pass a change to what a board accepted.

use super::fields::{fields, items, link_label, to_json};
use super::pairing::pair_named;
use super::parts::{FieldChange, Items, Matched};
use crate::model::{Design, Flow, LinkId, SystemId, Waiver};
use std::collections::HashMap;

/// A flow's steps as a reviewer reads them: each link by its ends and purpose.
fn steps_text(d: &Design, steps: &[LinkId]) -> String {
    steps
        .iter()
        .map(|id| {
            d.link(*id)
                .map_or_else(|| format!("link {}", id.0), |l| link_label(d, l))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Flows added, removed, renamed or with other steps (steps compared by the links
/// they are, so renumbered links are no change).
pub(super) fn flows(
    (before, after): (&Design, &Design),
    links: &HashMap<LinkId, LinkId>,
) -> Items<u32> {
    let pairs = pair_named(
        &before.flows,
        &after.flows,
        |f: &Flow| f.id,
        |f| f.name.as_str(),
    );
    items(
        &before.flows,
        &after.flows,
        &pairs,
        |f| f.id,
        |f| f.name.clone(),
        |x, y| {
            let mut out = Vec::new();
            if x.name != y.name {
                out.push(FieldChange {
                    field: "name".into(),
                    before: x.name.clone(),
                    after: y.name.clone(),
                });
            }
            let mapped: Vec<LinkId> = x
                .steps
                .iter()
                .map(|s| links.get(s).copied().unwrap_or(LinkId(0)))
                .collect();
            if mapped != y.steps {
                out.push(FieldChange {
                    field: "steps".into(),
                    before: steps_text(before, &x.steps),
                    after: steps_text(after, &y.steps),
                });
            }
            out
        },
    )
}

/// What a waiver accepts, said by name: "GRAPH-002 on Web shop → Backend (Checkout)".
fn waiver_name(d: &Design, w: &Waiver) -> String {
    let subject = match (w.system, w.link) {
        (Some(s), _) => d
            .system(s)
            .map_or_else(|| format!("system {}", s.0), |s| s.name.clone()),
        (None, Some(l)) => d
            .link(l)
            .map_or_else(|| format!("link {}", l.0), |l| link_label(d, l)),
        (None, None) => "the design".to_owned(),
    };
    format!("{} on {subject}", w.rule)
}

/// Waivers added, removed, or with another reason, owner, end date or record of
/// what was accepted. A waiver in both designs accepts the same rule on the same
/// subject (systems and links matched as the rest of the diff matches them).
pub(super) fn waivers(
    (before, after): (&Design, &Design),
    (systems, links): (&HashMap<SystemId, SystemId>, &HashMap<LinkId, LinkId>),
) -> Items<usize> {
    let xs: Vec<(usize, Waiver)> = before.waivers.iter().cloned().enumerate().collect();
    let ys: Vec<(usize, Waiver)> = after.waivers.iter().cloned().enumerate().collect();
    let mut used = vec![false; ys.len()];
    let mut pairs = Vec::new();
    for (i, x) in &xs {
        let system = x.system.map(|s| systems.get(&s).copied());
        let link = x.link.map(|l| links.get(&l).copied());
        let found = ys.iter().position(|(j, y)| {
            !used[*j]
                && y.rule == x.rule
                && system.map_or(y.system.is_none(), |s| s.is_some() && s == y.system)
                && link.map_or(y.link.is_none(), |l| l.is_some() && l == y.link)
        });
        if let Some(j) = found {
            used[j] = true;
            pairs.push((*i, j, Matched::Id));
        }
    }
    let plain = |w: &Waiver| {
        to_json(&Waiver {
            system: None,
            link: None,
            ..w.clone()
        })
    };
    let mut out = items(
        &xs,
        &ys,
        &pairs,
        |(i, _)| *i,
        |(_, w)| waiver_name(after, w),
        |(_, x), (_, y)| fields(&plain(x), &plain(y)),
    );
    // A removed waiver is named in the design it was in.
    for r in &mut out.removed {
        if let Some(w) = before.waivers.get(r.id) {
            r.name = waiver_name(before, w);
        }
    }
    out
}
