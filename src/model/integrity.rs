//! Flows and waivers refer to links and systems. An edit that removes or rewires what
//! they refer to carries them along in the same undo step, so no edit leaves a design
//! that opening would refuse: a flow loses the steps that are gone (and is cut to the
//! longest part that still follows on, or removed when nothing is left), and a waiver
//! goes with the system or link it accepted a finding on. Undo puts both back, since
//! they ride in the step's design-level fields.

use super::design::{Design, Flow, Link};
use super::edit::{DesignMeta, Edit};
use super::ids::{LinkId, SystemId};
use super::waiver::Waiver;
use std::collections::HashMap;

/// The links and systems as they will be once an edit is applied, looked up without
/// applying it.
struct After<'a> {
    design: &'a Design,
    links: HashMap<LinkId, Option<&'a Link>>,
    systems: HashMap<SystemId, bool>,
}

impl<'a> After<'a> {
    fn new(design: &'a Design, edit: &'a Edit) -> Self {
        Self {
            design,
            links: edit.links.iter().map(|(id, l)| (*id, l.as_ref())).collect(),
            systems: edit
                .systems
                .iter()
                .map(|(id, s)| (*id, s.is_some()))
                .collect(),
        }
    }

    fn link(&self, id: LinkId) -> Option<&'a Link> {
        match self.links.get(&id) {
            Some(l) => *l,
            None => self.design.link(id),
        }
    }

    fn has_system(&self, id: SystemId) -> bool {
        self.systems
            .get(&id)
            .copied()
            .unwrap_or_else(|| self.design.system(id).is_some())
    }
}

/// The longest run of steps that exist and follow on (the earliest of equal runs).
fn longest_run(steps: &[LinkId], link: impl Fn(LinkId) -> Option<Link>) -> Vec<LinkId> {
    let mut best: &[LinkId] = &[];
    let mut start = 0;
    let mut previous: Option<Link> = None;
    let mut i = 0;
    while i <= steps.len() {
        let here = steps.get(i).and_then(|id| link(*id));
        let continues = match (&previous, &here) {
            (Some(p), Some(h)) => super::design::follows_on(p, h),
            (None, Some(_)) => i == start,
            _ => false,
        };
        if !continues {
            if i - start > best.len() && previous.is_some() {
                best = &steps[start..i];
            }
            start = if here.is_some() { i } else { i + 1 };
        }
        previous = here;
        i += 1;
    }
    best.to_vec()
}

/// A flow as the design will have it: unchanged, shortened or gone.
fn repaired(flow: &Flow, link: impl Fn(LinkId) -> Option<Link>) -> Option<Flow> {
    let steps = longest_run(&flow.steps, link);
    (!steps.is_empty()).then(|| Flow {
        steps,
        ..flow.clone()
    })
}

/// What happened to the flows and waivers, in words, for the status line.
fn said(flows_before: &[Flow], flows_after: &[Flow], dropped: &[Waiver]) -> Vec<String> {
    let mut notes = Vec::new();
    for before in flows_before {
        match flows_after.iter().find(|f| f.id == before.id) {
            None => notes.push(format!(
                "flow \"{}\" removed: none of its steps is left",
                before.name
            )),
            Some(after) if after.steps != before.steps => notes.push(format!(
                "flow \"{}\" shortened from {} to {}",
                before.name,
                crate::model::counted(before.steps.len(), "step"),
                crate::model::counted(after.steps.len(), "step"),
            )),
            Some(_) => {}
        }
    }
    if !dropped.is_empty() {
        let rules: Vec<&str> = dropped.iter().map(|w| w.rule.as_str()).collect();
        notes.push(format!(
            "{} removed with {} ({})",
            crate::model::counted(dropped.len(), "waiver"),
            if dropped.len() == 1 {
                "its subject"
            } else {
                "their subjects"
            },
            rules.join(", ")
        ));
    }
    notes
}

/// The edit with whatever it does to the design's flows and waivers added to it, and
/// what that was in words (empty when it touches neither).
pub fn keep_references(design: &Design, mut edit: Edit) -> (Edit, Vec<String>) {
    let (flows, waivers) = match &edit.meta {
        Some(m) => (&m.flows, &m.waivers),
        None => (&design.flows, &design.waivers),
    };
    if flows.is_empty() && waivers.is_empty() {
        return (edit, Vec::new());
    }
    let after = After::new(design, &edit);
    let new_flows: Vec<Flow> = flows
        .iter()
        .filter_map(|f| repaired(f, |id| after.link(id).cloned()))
        .collect();
    let subject_left = |w: &Waiver| {
        w.system.is_none_or(|id| after.has_system(id))
            && w.link.is_none_or(|id| after.link(id).is_some())
    };
    let (kept, dropped): (Vec<Waiver>, Vec<Waiver>) =
        waivers.iter().cloned().partition(|w| subject_left(w));
    let notes = said(flows, &new_flows, &dropped);
    if new_flows == *flows && dropped.is_empty() {
        return (edit, notes);
    }
    let meta = edit.meta.take().unwrap_or_else(|| DesignMeta::of(design));
    edit.meta = Some(DesignMeta {
        flows: new_flows,
        waivers: kept,
        ..meta
    });
    (edit, notes)
}

/// Sets aside the flows and waivers that keep a design from opening: a flow is cut to
/// the longest part of it that exists and follows on (or removed), a waiver whose
/// subject is gone is removed. Returns what was set aside, in words; the design's
/// systems, links and zones are not touched.
pub fn set_aside_broken(design: &mut Design) -> Vec<String> {
    let flows: Vec<Flow> = design
        .flows
        .iter()
        .filter_map(|f| repaired(f, |id| design.link(id).cloned()))
        .filter(|f| !f.name.trim().is_empty())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let flows: Vec<Flow> = flows.into_iter().filter(|f| seen.insert(f.id)).collect();
    let (kept, dropped): (Vec<Waiver>, Vec<Waiver>) =
        design.waivers.iter().cloned().partition(|w| {
            w.system.is_none_or(|id| design.system(id).is_some())
                && w.link.is_none_or(|id| design.link(id).is_some())
                && !(w.system.is_some() && w.link.is_some())
                && ![&w.rule, &w.reason, &w.by]
                    .iter()
                    .any(|v| v.trim().is_empty())
                && w.until
                    .as_deref()
                    .is_none_or(|u| super::waiver::Date::parse(u).is_some())
        });
    let notes = said(&design.flows, &flows, &dropped);
    design.flows = flows;
    design.waivers = kept;
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{System, SystemKind, parse};

    fn chain() -> Design {
        let mut d = Design {
            name: "Chain".into(),
            ..Design::default()
        };
        for i in 1..=4 {
            d.systems
                .push(System::new(SystemId(i), format!("S{i}"), SystemKind::Erp));
        }
        for i in 1..=3 {
            d.links
                .push(Link::new(LinkId(i), SystemId(i), SystemId(i + 1)));
        }
        d.flows.push(Flow {
            id: 1,
            name: "Order".into(),
            steps: vec![LinkId(1), LinkId(2), LinkId(3)],
        });
        d.waivers.push(Waiver {
            rule: "GRAPH-003".into(),
            system: Some(SystemId(2)),
            link: None,
            reason: "known".into(),
            by: "me".into(),
            until: None,
            seen: String::new(),
        });
        d
    }

    #[test]
    fn deleting_a_middle_step_keeps_the_longest_part_that_follows_on() {
        let d = chain();
        let (edit, notes) = keep_references(&d, Edit::delete(&d, &[], &[LinkId(3)]));
        let flows = &edit.meta.as_ref().expect("flows change").flows;
        assert_eq!(flows[0].steps, vec![LinkId(1), LinkId(2)]);
        assert_eq!(
            notes,
            vec!["flow \"Order\" shortened from 3 steps to 2 steps"]
        );
        let (edit, _) = keep_references(&d, Edit::delete(&d, &[], &[LinkId(1)]));
        assert_eq!(
            edit.meta.expect("meta").flows[0].steps,
            vec![LinkId(2), LinkId(3)]
        );
    }

    #[test]
    fn a_deleted_system_takes_its_waivers_and_empty_flows_go() {
        let d = chain();
        let (edit, notes) = keep_references(&d, Edit::delete(&d, &[SystemId(2), SystemId(3)], &[]));
        let meta = edit.meta.clone().expect("meta");
        assert!(meta.waivers.is_empty());
        // Only S3 -> S4 would be left of 1-2-3 once S2 and S3 are gone: nothing.
        assert!(meta.flows.is_empty());
        assert_eq!(notes.len(), 2, "{notes:?}");
        let mut applied = d.clone();
        let undo = edit.apply(&mut applied);
        assert!(crate::model::validate::validate(&applied).is_empty());
        undo.apply(&mut applied);
        assert_eq!(applied, d);
    }

    #[test]
    fn reversing_a_step_cuts_the_flow_where_it_stops_following_on() {
        let d = chain();
        let mut l = d.link(LinkId(2)).expect("link").clone();
        std::mem::swap(&mut l.from, &mut l.to);
        let (edit, _) = keep_references(&d, Edit::set_link("Reverse link", l));
        let mut applied = d.clone();
        edit.apply(&mut applied);
        assert!(crate::model::validate::validate(&applied).is_empty());
        // S3 -> S2 no longer follows S1 -> S2; S3 -> S4 fans out from S3 after it.
        assert_eq!(applied.flows[0].steps, vec![LinkId(2), LinkId(3)]);
    }

    #[test]
    fn an_edit_that_touches_neither_is_left_alone() {
        let d = parse(crate::samples::DEFAULT.text).expect("sample");
        let mut s = d.systems[0].clone();
        s.name = "Renamed".into();
        let edit = Edit::set_system("Rename", s);
        let (kept, notes) = keep_references(&d, edit.clone());
        assert_eq!(kept, edit);
        assert!(notes.is_empty());
    }

    #[test]
    fn broken_parts_are_set_aside_and_named() {
        let mut d = chain();
        d.links.retain(|l| l.id != LinkId(2));
        d.waivers[0].system = None;
        d.waivers[0].link = Some(LinkId(2));
        let notes = set_aside_broken(&mut d);
        assert!(crate::model::validate::validate(&d).is_empty(), "{notes:?}");
        assert_eq!(d.flows[0].steps, vec![LinkId(1)]);
        assert!(d.waivers.is_empty());
        assert_eq!(notes.len(), 2);
    }
}
