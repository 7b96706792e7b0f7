//! Invariant: no edit leaves a design that Patchbay refuses to open. Random sequences
//! of every kind of edit (and undo and redo) are applied through the document, as the
//! window applies them, to every sample and to generated designs with flows and
//! waivers; after every step the design is saved and opened again, and must open
//! without problems and save to the same bytes.

use patchbay::document::Document;
use patchbay::generate::{Params, generate};
use patchbay::model::edit::Edit;
use patchbay::model::history::History;
use patchbay::model::{
    self, Design, Flow, Link, LinkId, Pos, Protocol, System, SystemId, SystemKind, Waiver,
};

/// A design with flows along chains of its links, and waivers on some of its links and
/// systems, so edits have references to break.
fn with_flows_and_waivers(mut d: Design, seed: u64) -> Design {
    let mut rng = fastrand::Rng::with_seed(seed);
    for id in 1..=6u32 {
        if let Some(flow) = random_flow(&mut rng, &d, id) {
            d.flows.push(flow);
        }
    }
    for _ in 0..4 {
        if let Some(w) = random_waiver(&mut rng, &d) {
            d.waivers.push(w);
        }
    }
    d
}

/// A flow along a random chain (with the odd fan-out) of the design's links.
fn random_flow(rng: &mut fastrand::Rng, d: &Design, id: u32) -> Option<Flow> {
    let first = d.links.get(rng.usize(0..d.links.len().max(1)))?;
    let mut steps = vec![first.id];
    let mut last = first;
    for _ in 0..rng.usize(0..5) {
        let fan_out = rng.u8(0..4) == 0;
        let next: Vec<&Link> = d
            .links
            .iter()
            .filter(|l| {
                !steps.contains(&l.id) && (l.from == last.to || (fan_out && l.from == last.from))
            })
            .collect();
        let Some(&next) = next.get(rng.usize(0..next.len().max(1))) else {
            break;
        };
        steps.push(next.id);
        last = next;
    }
    Some(Flow {
        id,
        name: format!("Flow {id}"),
        steps,
    })
}

fn random_waiver(rng: &mut fastrand::Rng, d: &Design) -> Option<Waiver> {
    let on_link = rng.bool();
    let (system, link) = if on_link {
        (
            None,
            Some(d.links.get(rng.usize(0..d.links.len().max(1)))?.id),
        )
    } else {
        (
            Some(d.systems.get(rng.usize(0..d.systems.len().max(1)))?.id),
            None,
        )
    };
    Some(Waiver {
        rule: if on_link { "TLS-001" } else { "GRAPH-003" }.into(),
        system,
        link,
        reason: "Accepted in the review".into(),
        by: "Board".into(),
        until: rng.bool().then(|| "2099-12-31".into()),
        seen: String::new(),
    })
}

fn pick<T>(rng: &mut fastrand::Rng, items: &[T]) -> Option<usize> {
    (!items.is_empty()).then(|| rng.usize(0..items.len()))
}

/// One random edit of any kind the window makes, or `None` when the design has
/// nothing for it to act on.
fn random_edit(rng: &mut fastrand::Rng, d: &Design) -> Option<Edit> {
    let system = |rng: &mut fastrand::Rng| pick(rng, &d.systems).map(|i| d.systems[i].id);
    let link = |rng: &mut fastrand::Rng| pick(rng, &d.links).map(|i| d.links[i].id);
    Some(match rng.u8(0..12) {
        0 => Edit::delete(d, &[system(rng)?], &[]),
        1 => {
            let links: Vec<LinkId> = (0..rng.usize(1..4)).filter_map(|_| link(rng)).collect();
            Edit::delete(d, &[], &links)
        }
        2 => {
            let systems: Vec<SystemId> = (0..rng.usize(1..3)).filter_map(|_| system(rng)).collect();
            Edit::duplicate(d, &systems, |s| {
                let p = s.position.unwrap_or_default();
                Pos {
                    x: p.x + 40.0,
                    y: p.y + 40.0,
                }
            })
            .0
        }
        3 => Edit::reverse(d, link(rng)?)?,
        4 => model::bus::introduce(d)?,
        5 => {
            // Reconnect one end of a link to another system.
            let mut l = d.link(link(rng)?)?.clone();
            let other = system(rng)?;
            if rng.bool() {
                l.from = other;
            } else {
                l.to = other;
            }
            if l.from == l.to {
                return None;
            }
            Edit::set_link("Reconnect link", l)
        }
        6 => {
            let id = d.flows.iter().map(|f| f.id + 1).max().unwrap_or(1);
            let mut flows = d.flows.clone();
            flows.push(random_flow(rng, d, id)?);
            Edit::set_flows(d, "New flow", flows)
        }
        7 => {
            let mut waivers = d.waivers.clone();
            waivers.push(random_waiver(rng, d)?);
            Edit::set_waivers(d, "Accept", waivers)
        }
        8 => {
            let mut waivers = d.waivers.clone();
            let i = pick(rng, &waivers)?;
            waivers.remove(i);
            Edit::set_waivers(d, "Reopen", waivers)
        }
        9 => {
            let id = system(rng)?;
            Edit::move_systems(
                d,
                &[(
                    id,
                    Pos {
                        x: rng.f32() * 2000.0,
                        y: rng.f32() * 1000.0,
                    },
                )],
            )
        }
        10 => {
            let mut l = d.link(link(rng)?)?.clone();
            l.protocol = Protocol::ALL[rng.usize(0..Protocol::ALL.len())];
            Edit::set_link("Change protocol", l)
        }
        _ => {
            let id = d.next_system_id();
            let mut s = System::new(id, format!("New {}", id.0), SystemKind::Erp);
            s.position = Some(Pos { x: 10.0, y: 10.0 });
            let mut e = Edit::add_system(s);
            if let Some(to) = system(rng) {
                e.links
                    .push((d.next_link_id(), Some(Link::new(d.next_link_id(), id, to))));
            }
            e
        }
    })
}

/// The design must save, open again without problems, and save to the same bytes.
fn reopens(d: &Design, what: &str) {
    let text = model::to_ron_string(d).expect("serialises");
    let back = model::parse(&text)
        .unwrap_or_else(|problems| panic!("{what}: the saved design does not open: {problems:#?}"));
    let again = model::to_ron_string(&back).expect("serialises");
    assert_eq!(text, again, "{what}: not byte-identical after a round trip");
    // No waiver outlives what it accepted a finding on.
    assert_eq!(model::validate::stale_waivers(&back), vec![], "{what}");
}

/// Random edits, undos and redos through the undo history, the one place the window's
/// document applies edits (the document adds only analysis and drawing, which this
/// test does not need and which would make it slow).
fn walk(name: &str, mut design: Design, seed: u64, steps: usize) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut history = History::default();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("walk.patchbay.ron");
    for step in 0..steps {
        let what = format!("{name}, seed {seed}, step {step}");
        match rng.u8(0..10) {
            0 => {
                history.undo(&mut design);
            }
            1 => {
                history.redo(&mut design);
            }
            _ => {
                if let Some(edit) = random_edit(&mut rng, &design) {
                    history.apply(&mut design, edit);
                }
            }
        }
        reopens(&design, &what);
        if step % 10 == 0 {
            // Saving checks as opening does, and must succeed.
            model::save(&design, &file).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(model::load(&file).expect("opens"), design, "{what}");
        }
    }
}

#[test]
fn random_edits_of_every_sample_never_leave_a_design_that_does_not_open() {
    for (i, sample) in patchbay::samples::ALL.iter().enumerate() {
        let design = model::parse(sample.text).expect("sample");
        for seed in 0..4u64 {
            walk(sample.title, design.clone(), seed * 100 + i as u64, 120);
        }
    }
}

#[test]
fn random_edits_of_generated_designs_with_flows_and_waivers_never_break_them() {
    for (systems, seed) in [(30, 1u64), (60, 2), (120, 3)] {
        let design = with_flows_and_waivers(
            generate(Params {
                systems,
                links_per_system: 3,
                seed,
            }),
            seed,
        );
        reopens(&design, "the generated design");
        assert!(!design.flows.is_empty() && !design.waivers.is_empty());
        walk(&format!("generated {systems}"), design, seed, 150);
    }
}

#[test]
fn deleting_a_flow_s_link_says_what_happened_to_the_flow_and_undo_restores_it() {
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    let checkout = design.flows[0].clone();
    let mut doc = Document::unsaved(design.clone(), "retail");
    let last = *checkout.steps.last().expect("steps");
    doc.apply(Edit::delete(doc.design(), &[], &[last]));
    let notes = doc.take_notes();
    assert_eq!(
        notes,
        vec![format!(
            "flow \"{}\" shortened from {} steps to {} steps",
            checkout.name,
            checkout.steps.len(),
            checkout.steps.len() - 1
        )]
    );
    reopens(doc.design(), "after the delete");
    assert!(doc.undo());
    assert_eq!(doc.design(), &design);
}

#[test]
fn introducing_a_bus_keeps_every_flow_whole_and_following_on() {
    let design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    let mut doc = Document::unsaved(design.clone(), "retail");
    doc.apply(model::bus::introduce(doc.design()).expect("links to route"));
    assert!(doc.take_notes().is_empty(), "no flow was cut");
    assert_eq!(doc.design().flows.len(), design.flows.len());
    reopens(doc.design(), "after Introduce a bus");
}

#[test]
fn saving_refuses_what_opening_would_refuse_and_leaves_the_file() {
    let mut design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("retail.patchbay.ron");
    model::save(&design, &file).expect("valid design saves");
    let before = std::fs::read(&file).expect("read");
    design.flows[0].steps.push(LinkId(999));
    let err = model::save(&design, &file).expect_err("a broken flow is not written");
    let text = err.to_string();
    assert!(
        text.contains("would refuse to open it") && text.contains("link 999"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "file untouched"
    );
}
