//! Comparing designs: a design against itself is empty; random edits made with the
//! model's own edit operations are listed exactly; the JSON contract is stable.

use patchbay::model::edit::Edit;
use patchbay::model::{self, Design, LinkId, System, SystemId, SystemKind};
use patchbay::review::{diff, render};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

fn sample(file: &str) -> Design {
    let s = patchbay::samples::ALL
        .iter()
        .find(|s| s.file_name == file)
        .expect("sample");
    model::parse(s.text).expect("valid")
}

#[test]
fn every_sample_compared_with_itself_is_empty() {
    for s in patchbay::samples::ALL {
        let d = model::parse(s.text).expect("valid");
        let diff = diff(&d, &d);
        assert!(diff.is_empty(), "{}: {diff:?}", s.title);
        assert!(diff.advice.is_empty() && diff.resolved.is_empty() && diff.introduced.is_empty());
        assert!(render::text(&diff).contains("The designs are the same."));
    }
}

/// One edit a person could make, as the model's edit operations make it.
#[derive(Clone, Debug)]
enum Mutation {
    /// Toggle "the caller waits" on the n-th link.
    ToggleWaits(usize),
    /// Rename the n-th system.
    Rename(usize),
    /// Delete the n-th link.
    DeleteLink(usize),
    /// Add a system.
    AddSystem,
}

/// What the comparison must list for the mutations: (kind, name-or-field, which).
#[derive(Default, Debug, PartialEq)]
struct Expected {
    links_changed: BTreeSet<(LinkId, String)>,
    systems_renamed: BTreeSet<SystemId>,
    links_removed: BTreeSet<LinkId>,
    systems_added: BTreeSet<SystemId>,
}

fn mutate(d: &Design, mutations: &[Mutation]) -> (Design, Expected) {
    let mut after = d.clone();
    let mut expected = Expected::default();
    let mut toggled: BTreeSet<LinkId> = BTreeSet::new();
    let mut renamed: BTreeSet<SystemId> = BTreeSet::new();
    for m in mutations {
        let edit = match *m {
            Mutation::ToggleWaits(i) => {
                let Some(l) = after.links.get(i % after.links.len().max(1)).cloned() else {
                    continue;
                };
                if expected.links_removed.contains(&l.id) || !toggled.insert(l.id) {
                    continue;
                }
                expected
                    .links_changed
                    .insert((l.id, "needs_response".into()));
                let mut l = l;
                l.needs_response = !l.needs_response;
                Edit::set_link("Change needs response", l)
            }
            Mutation::Rename(i) => {
                let mut s = after.systems[i % after.systems.len()].clone();
                if !renamed.insert(s.id) {
                    continue;
                }
                // A system added in the same batch is just added, under its last name.
                if !expected.systems_added.contains(&s.id) {
                    expected.systems_renamed.insert(s.id);
                }
                s.name = format!("{} (renamed)", s.name);
                Edit::set_system("Rename system", s)
            }
            Mutation::DeleteLink(i) => {
                let Some(l) = after.links.get(i % after.links.len().max(1)) else {
                    continue;
                };
                let id = l.id;
                if toggled.contains(&id) {
                    continue;
                }
                expected.links_removed.insert(id);
                Edit::delete(&after, &[], &[id])
            }
            Mutation::AddSystem => {
                let id = after.next_system_id();
                expected.systems_added.insert(id);
                Edit::add_system(System::new(
                    id,
                    format!("New system {}", id.0),
                    SystemKind::Erp,
                ))
            }
        };
        edit.apply(&mut after);
    }
    (after, expected)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..100usize).prop_map(Mutation::ToggleWaits),
        (0..100usize).prop_map(Mutation::Rename),
        (0..100usize).prop_map(Mutation::DeleteLink),
        Just(Mutation::AddSystem),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A sample and a copy changed by random edits: the comparison lists exactly the
    /// edits, nothing more.
    #[test]
    fn random_edits_are_listed_exactly(
        which in 0..patchbay::samples::ALL.len(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let before = model::parse(patchbay::samples::ALL[which].text).expect("valid");
        let (after, expected) = mutate(&before, &mutations);
        let d = diff(&before, &after);

        let links_changed: BTreeSet<(LinkId, String)> = d
            .links
            .changed
            .iter()
            .flat_map(|c| c.fields.iter().map(move |f| (c.after, f.field.clone())))
            .collect();
        prop_assert_eq!(links_changed, expected.links_changed);
        let renamed: BTreeSet<SystemId> = d.systems.changed.iter().map(|c| c.after).collect();
        prop_assert_eq!(renamed, expected.systems_renamed);
        for c in &d.systems.changed {
            prop_assert_eq!(c.fields.len(), 1);
            prop_assert_eq!(c.fields[0].field.as_str(), "name");
        }
        let removed: BTreeSet<LinkId> = d.links.removed.iter().map(|n| n.id).collect();
        prop_assert_eq!(removed, expected.links_removed);
        let added: BTreeSet<SystemId> = d.systems.added.iter().map(|n| n.id).collect();
        prop_assert_eq!(added, expected.systems_added);
        prop_assert!(d.links.added.is_empty() && d.systems.removed.is_empty());
        prop_assert!(!d.is_empty());
    }
}

#[test]
fn a_design_numbered_differently_compares_equal_and_a_change_says_how_it_was_paired() {
    let before = sample("startup.patchbay.ron");
    // The same design written by someone else: ids counted the other way round.
    let mut after = before.clone();
    for s in &mut after.systems {
        s.id = SystemId(10 - s.id.0);
    }
    for l in &mut after.links {
        l.from = SystemId(10 - l.from.0);
        l.to = SystemId(10 - l.to.0);
    }
    after.sort_canonical();
    let d = diff(&before, &after);
    assert!(d.systems.added.is_empty() && d.systems.removed.is_empty());
    assert!(
        d.links.added.is_empty() && d.links.removed.is_empty(),
        "{d:?}"
    );
    assert!(d.advice.is_empty() && d.resolved.is_empty() && d.introduced.is_empty());
    assert!(d.is_empty(), "only the numbers differ: {d:?}");
    assert!(render::text(&d).contains("The designs are the same."));
    // Where something else changed too, the pairing is said with the change.
    after.systems[1].notes = "Moved to a new host".into();
    let d = diff(&before, &after);
    let text = render::text(&d);
    assert!(
        text.contains("~ Web shop: matched by name (system 1 → system 9)"),
        "{text}"
    );
}

#[test]
fn a_changed_link_reports_its_advice_before_and_after_with_why() {
    let before = sample("retail.patchbay.ron");
    let mut after = before.clone();
    let link = after
        .links
        .iter_mut()
        .find(|l| l.latency == model::Latency::Batch)
        .expect("a batch link");
    link.latency = model::Latency::RealTime;
    link.trigger = model::Trigger::RecordChange;
    let id = link.id;
    let d = diff(&before, &after);
    let advice: Vec<_> = d.advice.iter().filter(|a| a.link == id).collect();
    assert!(
        advice
            .iter()
            .any(|a| a.decision == "pattern" && a.before == "batch-data-sync" && !a.why.is_empty()),
        "{advice:?}"
    );
    let md = render::markdown(&d);
    assert!(md.contains("## Recommendations that changed"), "{md}");
    let html = render::html(&d);
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));
}

#[test]
fn the_enterprise_move_onto_a_bus_is_the_readme_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let before = model::load(&root.join("enterprise.patchbay.ron")).expect("as-is");
    let after = model::load(&root.join("enterprise-to-be.patchbay.ron")).expect("to-be");
    let d = diff(&before, &after);
    assert_eq!(d.systems.added.len(), 1);
    assert_eq!(d.systems.added[0].name, "Integration bus");
    assert_eq!(d.esb.before.point_to_point, 23);
    assert!(d.esb.after.point_to_point < d.esb.before.point_to_point);
    insta::assert_snapshot!("enterprise-diff.json", render::json(&d));
}

fn day(text: &str) -> model::Date {
    model::Date::parse(text).expect("a day")
}

#[test]
fn a_waiver_holds_until_its_last_day_and_lapses_after_it() {
    let retail = sample("retail.patchbay.ron");
    let a = patchbay::analysis::analyze_on(&retail, day("2027-06-30"));
    assert_eq!(a.accepted.len(), 1, "the checkout flow's chain");
    assert!(a.findings.iter().all(|f| f.rule.id != "GRAPH-002"));
    assert!(a.lapsed.is_empty());
    let a = patchbay::analysis::analyze_on(&retail, day("2027-07-01"));
    assert!(a.accepted.is_empty());
    assert_eq!(
        a.findings
            .iter()
            .filter(|f| f.rule.id == "GRAPH-002")
            .count(),
        1
    );
    assert_eq!(a.lapsed.len(), 1);
    assert_eq!(a.lapsed[0].why, "it expired after 2027-06-30");
}

#[test]
fn a_waiver_lapses_when_its_link_changes_in_a_way_the_analysis_reads() {
    let retail = sample("retail.patchbay.ron");
    let today = day("2026-11-30");
    let link = retail.waivers[0].link.expect("a link waiver");
    // A new purpose or notes: nothing the analysis reads, the waiver holds.
    let mut renamed = retail.clone();
    let l = renamed
        .links
        .iter_mut()
        .find(|l| l.id == link)
        .expect("link");
    l.purpose = "Checkout".into();
    l.notes = "Reviewed".into();
    assert_eq!(
        patchbay::analysis::analyze_on(&renamed, today)
            .accepted
            .len(),
        1
    );
    // More sensitive data: an input of its decisions, so the finding comes back.
    let mut changed = retail.clone();
    let l = changed
        .links
        .iter_mut()
        .find(|l| l.id == link)
        .expect("link");
    l.sensitivity = model::Sensitivity::Regulated;
    let a = patchbay::analysis::analyze_on(&changed, today);
    assert!(a.accepted.is_empty());
    assert_eq!(a.lapsed[0].why, "its link changed since it was accepted");
    assert!(patchbay::report::text::render(&changed, &a).contains("waiver 1 (GRAPH-002 on Web shop storefront → Web shop backend (Browse, basket and checkout), accepted by Retail architecture board) no longer holds: its link changed since it was accepted"));
    // Fixed for real: the finding is gone and the waiver says it accepts nothing.
    let mut fixed = retail.clone();
    fixed.waivers[0].seen.clear();
    let l = fixed.links.iter_mut().find(|l| l.id == link).expect("link");
    l.needs_response = false;
    let a = patchbay::analysis::analyze_on(&fixed, today);
    assert_eq!(a.lapsed[0].why, "the finding it accepts is gone");
}

/// One edit of one kind the model has, on the n-th item it applies to: the design
/// after it, and a word the comparison must say (the field or the item's name).
/// `None` when the design has nothing this edit applies to.
fn single_edit(d: &Design, kind: usize, n: usize) -> Option<(Design, String)> {
    let mut a = d.clone();
    let pick = |len: usize| (len > 0).then(|| n % len);
    let said = match kind {
        0 => {
            a.name.push_str(" v2");
            "name".to_owned()
        }
        1 => {
            a.description.push_str(" More.");
            "description".to_owned()
        }
        2 => {
            a.environment = match a.environment {
                model::Environment::Production => model::Environment::Prototype,
                _ => model::Environment::Production,
            };
            "environment".to_owned()
        }
        3 => {
            a.central_governance = !a.central_governance;
            "central_governance".to_owned()
        }
        4 => {
            let z = pick(a.zones.len())?;
            a.zones[z].name.push_str(" (moved)");
            a.zones[z].name.clone()
        }
        5 => {
            let s = pick(a.systems.len())?;
            a.systems[s].notes.push_str("a note");
            "notes".to_owned()
        }
        6 => {
            let s = pick(a.systems.len())?;
            a.systems[s].requires_mtls = Some(!a.systems[s].requires_mtls.unwrap_or(false));
            "requires_mtls".to_owned()
        }
        7 => {
            let s = pick(a.systems.len())?;
            a.systems[s].zone = None;
            d.systems[s].zone?;
            "zone".to_owned()
        }
        8 => {
            let l = pick(a.links.len())?;
            a.links[l].volume += 1;
            "volume".to_owned()
        }
        9 => {
            let l = pick(a.links.len())?;
            a.links[l].purpose.push_str(" (again)");
            "purpose".to_owned()
        }
        10 => {
            let f = pick(a.flows.len())?;
            a.flows[f].name.push_str(" (renamed)");
            a.flows[f].name.clone()
        }
        11 => {
            let f = pick(a.flows.len())?;
            a.flows[f].steps.pop()?;
            "steps".to_owned()
        }
        12 => {
            let f = pick(a.flows.len())?;
            a.flows.remove(f).name
        }
        13 => {
            let w = pick(a.waivers.len())?;
            a.waivers.remove(w).rule
        }
        14 => {
            let w = pick(a.waivers.len())?;
            a.waivers[w].reason.push_str(" Reviewed again.");
            "reason".to_owned()
        }
        15 => {
            let w = pick(a.waivers.len())?;
            a.waivers[w].until = Some("2030-12-31".into());
            "until".to_owned()
        }
        16 => {
            let w = pick(a.waivers.len())?;
            a.waivers[w].by.push_str(" and Bo");
            "by".to_owned()
        }
        _ => {
            let s = pick(a.systems.len())?;
            let id = a.systems[s].id;
            a.waivers.push(model::waiver::Waiver {
                rule: "KIND-001".into(),
                system: Some(id),
                link: None,
                reason: "Known".into(),
                by: "Ana".into(),
                until: None,
                seen: String::new(),
            });
            "KIND-001".to_owned()
        }
    };
    Some((a, said))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any single edit of any kind the file holds makes the designs differ (exit 1)
    /// and the comparison name it.
    #[test]
    fn any_single_edit_is_seen_and_named(
        which in 0..patchbay::samples::ALL.len(),
        kind in 0usize..18,
        n in 0usize..100,
    ) {
        let before = model::parse(patchbay::samples::ALL[which].text).expect("valid");
        let Some((after, said)) = single_edit(&before, kind, n) else {
            return Ok(());
        };
        prop_assume!(model::validate::validate(&after).is_empty());
        let d = diff(&before, &after);
        prop_assert!(!d.is_empty(), "edit {kind} not seen");
        let text = render::text(&d);
        prop_assert!(text.contains(&said), "edit {kind}: {said:?} not in\n{text}");
    }
}

#[test]
fn retail_with_its_waiver_removed_differs_and_names_the_waiver_and_the_finding_back() {
    let before = sample("retail.patchbay.ron");
    let mut after = before.clone();
    let w = after.waivers.remove(0);
    let d = diff(&before, &after);
    assert!(!d.is_empty());
    assert_eq!(d.waivers.removed.len(), 1);
    assert!(
        d.waivers.removed[0]
            .name
            .starts_with(&format!("{} on ", w.rule))
    );
    assert!(
        d.introduced.iter().any(|f| f.rule == w.rule),
        "the accepted finding is open again: {:?}",
        d.introduced
    );
    let text = render::text(&d);
    assert!(text.contains("Waivers: 0 added, 1 removed"), "{text}");
    // The command says so with its exit code.
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (
        dir.path().join("a.patchbay.ron"),
        dir.path().join("b.patchbay.ron"),
    );
    std::fs::write(&a, model::file::to_ron_string(&before).expect("ron")).expect("write");
    std::fs::write(&b, model::file::to_ron_string(&after).expect("ron")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patchbay"))
        .args(["diff", a.to_str().expect("path"), b.to_str().expect("path")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&w.rule));
}

#[test]
fn a_value_set_back_to_its_default_reads_as_that_value() {
    let before = sample("legacy.patchbay.ron");
    let mut after = before.clone();
    let l = after
        .links
        .iter_mut()
        .find(|l| l.trigger != model::Link::new(LinkId(0), SystemId(0), SystemId(0)).trigger)
        .expect("a link with a trigger other than the default");
    let default = model::Link::new(LinkId(0), SystemId(0), SystemId(0)).trigger;
    l.trigger = default;
    let d = diff(&before, &after);
    let f = d.links.changed[0]
        .fields
        .iter()
        .find(|f| f.field == "trigger")
        .expect("trigger changed");
    assert_eq!(f.after, default.id());
    assert!(!render::html(&d).contains("(not set)"));
}

/// Every kind of single edit is made at least once across the samples, and each is
/// seen and named (the property test above picks them at random).
#[test]
fn every_kind_of_single_edit_is_made_and_seen_somewhere() {
    for kind in 0usize..18 {
        let mut made = 0;
        for s in patchbay::samples::ALL {
            let before = model::parse(s.text).expect("valid");
            for n in 0..3 {
                let Some((after, said)) = single_edit(&before, kind, n) else {
                    continue;
                };
                if !model::validate::validate(&after).is_empty() {
                    continue;
                }
                made += 1;
                let d = diff(&before, &after);
                assert!(!d.is_empty(), "edit {kind} on {} not seen", s.title);
                let text = render::text(&d);
                assert!(text.contains(&said), "edit {kind}: {said:?} not in\n{text}");
            }
        }
        assert!(made > 0, "edit {kind} was never made");
    }
}
