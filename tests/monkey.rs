//! A monkey test: 10,000 random pointer and key events over the real window on the
//! samples. Nothing may panic, and afterwards the design still saves and loads back
//! equal. Seeded, so a failure replays exactly.
#![cfg(feature = "gui")]

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use patchbay::model;
use patchbay::ui::{Command, Document, FileDialogs, PatchbayApp, Picked};

/// Dialogs that never open: the monkey cancels every one.
struct Cancel;

impl FileDialogs for Cancel {
    fn open(&mut self) -> Picked {
        Picked::Cancelled
    }
    fn save(&mut self, _: &str) -> Picked {
        Picked::Cancelled
    }
}

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const KEYS: &[Key] = &[
    Key::A,
    Key::E,
    Key::Z,
    Key::Y,
    Key::D,
    Key::S,
    Key::N,
    Key::Delete,
    Key::Backspace,
    Key::Escape,
    Key::Enter,
    Key::Tab,
    Key::ArrowDown,
    Key::Num1,
];

fn random_event(h: &Harness<'_, PatchbayApp>, rng: &mut fastrand::Rng, at: &mut Pos2) {
    let pos = |rng: &mut fastrand::Rng| Pos2::new(rng.f32() * SIZE.x, rng.f32() * SIZE.y);
    match rng.u8(0..100) {
        0..=29 => {
            // A click somewhere: buttons, boxes, links, menus, empty canvas.
            *at = pos(rng);
            for pressed in [true, false] {
                h.event(Event::PointerButton {
                    pos: *at,
                    button: PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
            }
        }
        30..=39 => {
            // A drag: press, move, release.
            let from = pos(rng);
            let to = pos(rng);
            h.event(Event::PointerMoved(from));
            h.event(Event::PointerButton {
                pos: from,
                button: PointerButton::Primary,
                pressed: true,
                modifiers: Modifiers::NONE,
            });
            h.event(Event::PointerMoved(to));
            h.event(Event::PointerButton {
                pos: to,
                button: PointerButton::Primary,
                pressed: false,
                modifiers: Modifiers::NONE,
            });
            *at = to;
        }
        40..=54 => {
            *at = pos(rng);
            h.event(Event::PointerMoved(*at));
        }
        55..=62 => h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, rng.f32() * 6.0 - 3.0),
            modifiers: if rng.bool() {
                Modifiers::COMMAND
            } else {
                Modifiers::NONE
            },
            phase: egui::TouchPhase::Move,
        }),
        63..=79 => h.key_press(KEYS[rng.usize(..KEYS.len())]),
        80..=89 => {
            let key = KEYS[rng.usize(..KEYS.len())];
            h.key_press_modifiers(Modifiers::COMMAND, key);
        }
        _ => h.event(Event::Text(
            ["a", "Z", "é", "'", "\"", "\\", " ", "0"][rng.usize(..8)].to_owned(),
        )),
    }
}

#[test]
fn ten_thousand_random_events_never_panic_and_the_design_still_saves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = fastrand::Rng::with_seed(7);
    let events_per_sample = 10_000 / patchbay::samples::ALL.len() + 1;
    for (i, sample) in patchbay::samples::ALL.iter().enumerate() {
        let design = model::parse(sample.text).expect("sample");
        let app = PatchbayApp::new(Document::unsaved(design, sample.title), Box::new(Cancel));
        let mut h = Harness::builder()
            .with_size(SIZE)
            .build_ui_state(|ui, app: &mut PatchbayApp| app.show(ui), app);
        h.run_steps(2);
        let mut at = Pos2::ZERO;
        let mut changes = 0;
        let mut revision = h.state().doc.revision();
        let reopen = dir.path().join(format!("{i}-reopened.patchbay.ron"));
        for event in 0..events_per_sample {
            random_event(&h, &mut rng, &mut at);
            h.step();
            if h.state().doc.revision() != revision {
                revision = h.state().doc.revision();
                changes += 1;
            }
            if event % 250 == 249 && h.state().doc.is_dirty() {
                // Whatever the monkey did so far saves, and opens again as it was.
                let saved = h.state().doc.design().clone();
                h.state_mut()
                    .doc
                    .save_to(reopen.clone())
                    .unwrap_or_else(|e| panic!("{}, event {event}: {e}", sample.title));
                h.state_mut().command(Command::OpenPath(reopen.clone()));
                h.run_steps(2);
                let app = h.state();
                assert_eq!(app.doc.path.as_deref(), Some(reopen.as_path()));
                assert_eq!(app.doc.design(), &saved, "{}, event {event}", sample.title);
                revision = app.doc.revision();
            }
        }
        // The monkey must really have worked the window, not clicked into the void.
        assert!(changes >= 20, "{}: only {changes} changes", sample.title);
        // Whatever state the monkey left, the design saves and reads back equal.
        h.state_mut().command(Command::Fit);
        h.run_steps(2);
        let path = dir.path().join(format!("{i}.patchbay.ron"));
        let doc = &mut h.state_mut().doc;
        doc.save_to(path.clone()).expect("saves");
        let saved = doc.design().clone();
        assert_eq!(
            model::load(&path).expect("loads back"),
            saved,
            "{}",
            sample.title
        );
    }
}
