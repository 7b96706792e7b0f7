//! The document without a window: edits, undo merging, the saved state, and the
//! property that undoing every edit gives back the original file byte for byte.

use patchbay::document::Document;
use patchbay::model::edit::{DesignMeta, Edit};
use patchbay::model::{self, Design, Link, LinkId, Pos, System, SystemId, SystemKind, Zone};
use proptest::prelude::*;

fn retail() -> Design {
    model::parse(patchbay::samples::DEFAULT.text).expect("the retail sample parses")
}

fn rename_zone(d: &Design, index: usize, name: &str) -> Edit {
    let z = &d.zones[index];
    let mut e = Edit::new("Rename zone");
    e.zones.push((
        z.id,
        Some(Zone {
            id: z.id,
            name: name.into(),
        }),
    ));
    e
}

#[test]
fn typing_in_two_zone_names_is_two_steps_and_both_undo() {
    let original = retail();
    let mut doc = Document::unsaved(original.clone(), "Retail");
    // Type "A", "AB" into the first zone's name, then tab to the second and type.
    doc.apply_merged(rename_zone(doc.design(), 0, "A"));
    doc.apply_merged(rename_zone(doc.design(), 0, "AB"));
    doc.apply_merged(rename_zone(doc.design(), 1, "C"));
    doc.apply_merged(rename_zone(doc.design(), 1, "CD"));
    assert_eq!(doc.design().zones[0].name, "AB");
    assert_eq!(doc.design().zones[1].name, "CD");
    assert!(doc.undo());
    assert_eq!(doc.design().zones[1].name, original.zones[1].name);
    assert_eq!(
        doc.design().zones[0].name,
        "AB",
        "the first rename is its own step"
    );
    assert!(doc.undo());
    assert_eq!(*doc.design(), original);
    assert!(!doc.undo(), "nothing more to undo");
}

#[test]
fn undoing_back_to_the_saved_state_clears_the_unsaved_marker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut doc = Document::unsaved(retail(), "Retail");
    assert!(!doc.is_dirty());
    let mut e = Edit::new("Rename design");
    e.meta = Some(DesignMeta {
        name: "Renamed".into(),
        ..DesignMeta::of(doc.design())
    });
    doc.apply(e);
    assert!(doc.is_dirty());
    doc.save_to(dir.path().join("d.patchbay.ron"))
        .expect("saved");
    assert!(!doc.is_dirty());
    assert!(doc.undo());
    assert!(doc.is_dirty(), "before the save is not what is on disk");
    assert!(doc.redo());
    assert!(!doc.is_dirty(), "redo comes back to the saved state");
    // Typing on after the save is a change again, and undo comes back to the save.
    let mut e = Edit::new("Change description");
    e.meta = Some(DesignMeta {
        description: "x".into(),
        ..DesignMeta::of(doc.design())
    });
    doc.apply_merged(e);
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert!(!doc.is_dirty());
}

#[test]
fn undo_labels_read_as_words() {
    let mut doc = Document::unsaved(retail(), "Retail");
    let mut l = doc.design().links[0].clone();
    l.expected_duration_s = 42.0;
    doc.apply_merged(Edit::set_link("Change expected duration", l));
    assert_eq!(doc.history_labels().0, Some("Change expected duration"));
}

/// One edit a user could make, by index into what exists when it is applied.
#[derive(Clone, Debug)]
enum Op {
    RenameSystem(usize, String),
    MoveSystem(usize, f32, f32),
    SetVolume(usize, i64),
    SetDuration(usize, f64),
    SetPurpose(usize, String),
    RenameZone(usize, String),
    AddSystem(SystemKind),
    DeleteSystem(usize),
    Connect(usize, usize),
    RenameDesign(String),
    EndGesture,
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-zA-Z '\"\\\\é]{1,8}";
    prop_oneof![
        (0..20usize, text).prop_map(|(i, s)| Op::RenameSystem(i, s)),
        (0..20usize, -500.0f32..500.0, -500.0f32..500.0)
            .prop_map(|(i, x, y)| Op::MoveSystem(i, x, y)),
        (0..30usize, 0..100_000i64).prop_map(|(i, v)| Op::SetVolume(i, v)),
        (0..30usize, 0.0..300.0f64).prop_map(|(i, v)| Op::SetDuration(i, v)),
        (0..30usize, text).prop_map(|(i, s)| Op::SetPurpose(i, s)),
        (0..5usize, text).prop_map(|(i, s)| Op::RenameZone(i, s)),
        proptest::sample::select(SystemKind::ALL).prop_map(Op::AddSystem),
        (0..20usize).prop_map(Op::DeleteSystem),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Op::Connect(a, b)),
        text.prop_map(Op::RenameDesign),
        Just(Op::EndGesture),
    ]
}

/// Applies `op` as the window would: typing merges, everything else is a step.
fn apply(doc: &mut Document, op: &Op) {
    let d = doc.design();
    let pick = |n: usize, i: usize| (n > 0).then(|| i % n);
    match op {
        Op::RenameSystem(i, name) => {
            if let Some(i) = pick(d.systems.len(), *i) {
                let mut s = d.systems[i].clone();
                s.name = name.clone();
                doc.apply_merged(Edit::set_system("Rename system", s));
            }
        }
        Op::MoveSystem(i, x, y) => {
            if let Some(i) = pick(d.systems.len(), *i) {
                let id = d.systems[i].id;
                let e = Edit::move_systems(d, &[(id, Pos { x: *x, y: *y })]);
                doc.apply(e);
            }
        }
        Op::SetVolume(i, v) => {
            if let Some(i) = pick(d.links.len(), *i) {
                let mut l = d.links[i].clone();
                l.volume = *v;
                doc.apply_merged(Edit::set_link("Change volume", l));
            }
        }
        Op::SetDuration(i, v) => {
            if let Some(i) = pick(d.links.len(), *i) {
                let mut l = d.links[i].clone();
                l.expected_duration_s = *v;
                doc.apply_merged(Edit::set_link("Change expected duration", l));
            }
        }
        Op::SetPurpose(i, s) => {
            if let Some(i) = pick(d.links.len(), *i) {
                let mut l = d.links[i].clone();
                l.purpose = s.clone();
                doc.apply_merged(Edit::set_link("Change purpose", l));
            }
        }
        Op::RenameZone(i, s) => {
            if let Some(i) = pick(d.zones.len(), *i) {
                let e = rename_zone(d, i, s);
                doc.apply_merged(e);
            }
        }
        Op::AddSystem(kind) => {
            let id = d.next_system_id();
            doc.apply(Edit::add_system(System::new(id, "New", *kind)));
        }
        Op::DeleteSystem(i) => {
            if let Some(i) = pick(d.systems.len(), *i) {
                let e = Edit::delete(d, &[d.systems[i].id], &[]);
                doc.apply(e);
            }
        }
        Op::Connect(a, b) => {
            let n = d.systems.len();
            if let (Some(a), Some(b)) = (pick(n, *a), pick(n, *b)) {
                if a != b {
                    let id: LinkId = d.next_link_id();
                    let (from, to): (SystemId, SystemId) = (d.systems[a].id, d.systems[b].id);
                    doc.apply(Edit::set_link("Connect", Link::new(id, from, to)));
                }
            }
        }
        Op::RenameDesign(name) => {
            let mut e = Edit::new("Rename design");
            e.meta = Some(DesignMeta {
                name: name.clone(),
                ..DesignMeta::of(d)
            });
            doc.apply_merged(e);
        }
        Op::EndGesture => doc.end_gesture(),
    }
}

fn file(doc: &Document) -> String {
    model::to_ron_string(doc.design()).expect("serialises")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn undoing_every_edit_gives_the_original_file_and_redoing_them_the_edited_one(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let mut doc = Document::unsaved(retail(), "Retail");
        let original = file(&doc);
        for op in &ops {
            apply(&mut doc, op);
        }
        let edited = file(&doc);
        while doc.undo() {}
        prop_assert_eq!(&file(&doc), &original);
        prop_assert!(!doc.is_dirty());
        while doc.redo() {}
        prop_assert_eq!(&file(&doc), &edited);
        prop_assert_eq!(doc.is_dirty(), edited != original || doc.history_labels().0.is_some());
    }
}

#[test]
fn a_large_design_s_edit_decides_its_links_at_once_and_the_rest_follows_from_another_thread() {
    use patchbay::analysis::analyze;
    use patchbay::geometry::Geometry;
    let design = patchbay::generate::generate(patchbay::generate::Params {
        systems: 800,
        links_per_system: 5,
        seed: 2,
    });
    assert!(design.links.len() > patchbay::document::BACKGROUND_DRAWING_LINKS);
    let mut doc = Document::unsaved(design, "Large");
    assert_eq!(doc.drawn(), doc.revision());
    assert!(doc.is_assessed());
    // Two edits in a row: the second waits for the first to be worked out, then is.
    for k in [3, 4] {
        let mut link = doc.design().links[k].clone();
        link.needs_response = !link.needs_response;
        doc.apply(Edit::set_link("Toggle", link));
        assert_eq!(
            doc.analysis().links,
            analyze(doc.design()).links,
            "every link's recommendation is of the edited design at once"
        );
    }
    assert!(doc.is_working());
    assert_ne!(
        doc.drawn(),
        doc.revision(),
        "the old drawing is shown meanwhile"
    );
    for _ in 0..3_000 {
        doc.poll_background();
        if !doc.is_working() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(doc.is_assessed());
    assert_eq!(doc.drawn(), doc.revision());
    assert_eq!(
        doc.analysis(),
        &analyze(doc.design()),
        "findings and verdict of the latest edit"
    );
    assert_eq!(
        format!("{:?}", doc.geometry()),
        format!("{:?}", Geometry::new(doc.design(), doc.analysis())),
        "the drawing is of the latest edit"
    );
    // Undo is an edit like any other.
    assert!(doc.undo());
    assert_eq!(doc.analysis().links, analyze(doc.design()).links);
}
