//! Property: re-analysing after any sequence of edits, reusing the decisions of the
//! links the edits did not touch, gives exactly the analysis a full run gives.

use patchbay::analysis::{analyze, analyze_on, reanalyze_on, take_links};
use patchbay::generate::{Params, generate};
use patchbay::model::{
    Date, Design, Latency, Link, LinkId, Protocol, Sensitivity, SystemKind, Trigger,
};
use proptest::prelude::*;
use proptest::sample::select;

/// One edit a person can make, on the item at `at` (taken modulo the list's length).
#[derive(Clone, Debug)]
enum Change {
    NeedsResponse(usize),
    Trigger(usize, Trigger),
    Latency(usize, Latency),
    Volume(usize, i64),
    Duration(usize, f64),
    Sensitivity(usize, Sensitivity),
    Protocol(usize, Protocol),
    Kind(usize, SystemKind),
    UserPresent(usize, Option<bool>),
    Zone(usize, usize),
    Rewire(usize, usize, usize),
    AddLink(usize, usize),
    RemoveLink(usize),
    RemoveSystem(usize),
    Reverse,
}

fn change() -> impl Strategy<Value = Change> {
    let at = 0usize..10_000;
    prop_oneof![
        at.clone().prop_map(Change::NeedsResponse),
        (at.clone(), select(Trigger::ALL)).prop_map(|(i, v)| Change::Trigger(i, v)),
        (at.clone(), select(Latency::ALL)).prop_map(|(i, v)| Change::Latency(i, v)),
        (at.clone(), 0i64..2_000_000).prop_map(|(i, v)| Change::Volume(i, v)),
        (at.clone(), 0.0f64..300.0).prop_map(|(i, v)| Change::Duration(i, v)),
        (at.clone(), select(Sensitivity::ALL)).prop_map(|(i, v)| Change::Sensitivity(i, v)),
        (at.clone(), select(Protocol::ALL)).prop_map(|(i, v)| Change::Protocol(i, v)),
        (at.clone(), select(SystemKind::ALL)).prop_map(|(i, v)| Change::Kind(i, v)),
        (at.clone(), prop::option::of(any::<bool>())).prop_map(|(i, v)| Change::UserPresent(i, v)),
        (at.clone(), 0usize..4).prop_map(|(i, z)| Change::Zone(i, z)),
        (at.clone(), at.clone(), at.clone()).prop_map(|(i, a, b)| Change::Rewire(i, a, b)),
        (at.clone(), at.clone()).prop_map(|(a, b)| Change::AddLink(a, b)),
        at.clone().prop_map(Change::RemoveLink),
        at.prop_map(Change::RemoveSystem),
        Just(Change::Reverse),
    ]
}

fn apply(design: &mut Design, change: &Change) {
    let links = design.links.len();
    let systems = design.systems.len();
    if systems == 0 {
        return;
    }
    let link = |i: usize| i % links.max(1);
    let system = |i: usize| i % systems;
    match *change {
        _ if links == 0 && !matches!(change, Change::AddLink(..) | Change::Kind(..)) => {}
        Change::NeedsResponse(i) => {
            let l = &mut design.links[link(i)];
            l.needs_response = !l.needs_response;
        }
        Change::Trigger(i, v) => design.links[link(i)].trigger = v,
        Change::Latency(i, v) => design.links[link(i)].latency = v,
        Change::Volume(i, v) => design.links[link(i)].volume = v,
        Change::Duration(i, v) => design.links[link(i)].expected_duration_s = v,
        Change::Sensitivity(i, v) => design.links[link(i)].sensitivity = v,
        Change::Protocol(i, v) => design.links[link(i)].protocol = v,
        Change::Kind(i, v) => design.systems[system(i)].kind = v,
        Change::UserPresent(i, v) => design.systems[system(i)].user_present = v,
        Change::Zone(i, z) => {
            let zone = design.zones.get(z).map(|z| z.id);
            design.systems[system(i)].zone = zone;
        }
        Change::Rewire(i, a, b) => {
            let (from, to) = (design.systems[system(a)].id, design.systems[system(b)].id);
            if from != to {
                let l = &mut design.links[link(i)];
                l.from = from;
                l.to = to;
            }
        }
        Change::AddLink(a, b) => {
            let (from, to) = (design.systems[system(a)].id, design.systems[system(b)].id);
            if from != to {
                let id = LinkId(design.links.iter().map(|l| l.id.0).max().unwrap_or(0) + 1);
                let mut l = Link::new(id, from, to);
                l.needs_response = a % 2 == 0;
                design.links.push(l);
            }
        }
        Change::RemoveLink(i) => {
            design.links.remove(link(i));
        }
        Change::RemoveSystem(i) => {
            let id = design.systems.remove(system(i)).id;
            design.links.retain(|l| l.from != id && l.to != id);
            for f in &mut design.flows {
                f.steps.clear();
            }
        }
        // Links out of id order: the cache must still find each one.
        Change::Reverse => design.links.reverse(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_equals_a_full_one(
        seed in 0u64..1_000,
        systems in 2usize..40,
        changes in prop::collection::vec(change(), 1..12),
    ) {
        let today = Date::parse("2026-11-30").expect("a date");
        let mut design = generate(Params { systems, links_per_system: 3, seed });
        let mut analysis = analyze_on(&design, today);
        for change in &changes {
            apply(&mut design, change);
            analysis = reanalyze_on(take_links(&mut analysis), &design, today);
            prop_assert_eq!(&analysis, &analyze_on(&design, today), "after {:?}", change);
        }
    }

    /// What the window does on a large design: the links at once after each edit,
    /// the design-level part later, from the work the last edit left (or, when edits
    /// came meanwhile, from the analysis as it stands).
    #[test]
    fn links_now_and_the_design_later_equal_a_full_analysis(
        seed in 0u64..1_000,
        systems in 2usize..40,
        changes in prop::collection::vec(change(), 1..8),
        assess_every in 1usize..4,
    ) {
        let mut design = generate(Params { systems, links_per_system: 3, seed });
        let mut analysis = analyze(&design);
        let mut left = None;
        for (i, change) in changes.iter().enumerate() {
            apply(&mut design, change);
            left = Some(analysis.relink(&design));
            if i % assess_every == 0 {
                let work = left.take().unwrap_or_else(|| analysis.remaining());
                analysis.set_design_level(work.assess(&design));
                prop_assert_eq!(&analysis, &analyze(&design), "after {:?}", change);
            }
        }
        let work = left.take().unwrap_or_else(|| analysis.remaining());
        analysis.set_design_level(work.assess(&design));
        prop_assert_eq!(&analysis, &analyze(&design));
    }
}

#[test]
fn an_edit_of_one_link_decides_only_that_link_again() {
    // Reused decisions are moved, not recomputed: the untouched links' flip lists keep
    // their heap buffers, so their addresses show which links were decided again.
    let today = Date::parse("2026-11-30").expect("a date");
    let mut design = generate(Params {
        systems: 200,
        links_per_system: 3,
        seed: 3,
    });
    let mut before = analyze_on(&design, today);
    let buffers: Vec<*const ()> = before
        .links
        .iter()
        .map(|a| a.pattern.flips.as_ptr().cast())
        .collect();
    let edited = 17;
    design.links[edited].needs_response = !design.links[edited].needs_response;
    let after = reanalyze_on(take_links(&mut before), &design, today);
    let redecided: Vec<usize> = after
        .links
        .iter()
        .zip(&buffers)
        .enumerate()
        .filter(|(_, (a, p))| a.pattern.flips.as_ptr().cast::<()>() != **p)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(redecided, vec![edited]);
    assert_eq!(after, analyze_on(&design, today));
}
