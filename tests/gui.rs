//! The window driven as a user would, through egui_kittest: by role and label, with
//! assertions on what is shown and on the document.
#![cfg(feature = "gui")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use patchbay::model::{self, Design};
use patchbay::ui::{Command, Document, FileDialogs, PatchbayApp, Picked, Purpose};
use std::path::{Path, PathBuf};

/// File dialogs that answer from a script instead of asking anyone.
#[derive(Default)]
struct Scripted {
    open: Vec<PathBuf>,
    save: Vec<PathBuf>,
    /// Like a desktop with no xdg portal and no zenity: no dialog can be shown.
    unavailable: bool,
}

impl Scripted {
    fn answer(&self, path: Option<PathBuf>) -> Picked {
        match path {
            Some(p) => Picked::Path(p),
            None if self.unavailable => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}

impl FileDialogs for Scripted {
    fn open(&mut self) -> Picked {
        let p = self.open.pop();
        self.answer(p)
    }
    fn save(&mut self, _: &str) -> Picked {
        let p = self.save.pop();
        self.answer(p)
    }
}

fn harness(app: PatchbayApp) -> Harness<'static, PatchbayApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut PatchbayApp| app.show(ui), app);
    // The canvas's first frames fit the view; a few steps settle it.
    h.run_steps(3);
    h
}

/// The window on its built-in sample design, with dialogs that answer nothing.
fn default_design() -> Harness<'static, PatchbayApp> {
    harness(PatchbayApp::with_default_design(Box::new(
        Scripted::default(),
    )))
}

fn empty_app() -> PatchbayApp {
    empty_app_with(Box::new(Scripted::default()))
}

fn empty_app_with(dialogs: Box<dyn FileDialogs>) -> PatchbayApp {
    let design = Design {
        name: "Test".into(),
        ..Design::default()
    };
    PatchbayApp::new(Document::unsaved(design, "Test"), dialogs)
}

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

#[test]
fn draw_connect_and_watch_the_recommendation_follow_needs_response() {
    let mut h = harness(empty_app());
    h.get_by_label("Backend service").click();
    h.run_steps(2);
    h.get_by_label("ERP").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.design().systems.len(), 2);

    // Connect from the first system to the second through the inspector.
    h.get_by_label("Backend service 1").click();
    h.run_steps(2);
    h.get_by_value("Connect to…").click();
    h.run_steps(2);
    h.get_by_label("-> ERP 1").click();
    h.run_steps(3);
    let design = h.state().doc.design();
    assert_eq!(design.links.len(), 1);
    assert_eq!((design.links[0].from.0, design.links[0].to.0), (1, 2));

    // The new link is selected and shown in the inspector with its recommendation.
    h.get_by_label("Pattern: fire-and-forget");
    // No Salesforce end: the event channel's runner-up says what it would take.
    h.get_by_label_contains("Out of reach: Platform events and change data capture");
    h.get_by_label("needs response").click();
    h.run_steps(3);
    h.get_by_label("Pattern: request-reply");
    assert!(h.state().doc.design().links[0].needs_response);
    assert!(
        h.state().title().contains('•'),
        "unsaved marker in the title"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    h.get_by_label("Pattern: fire-and-forget");
    assert!(!h.state().doc.design().links[0].needs_response);

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    h.get_by_label("Pattern: request-reply");
}

#[test]
fn deleting_a_system_takes_its_links_with_it() {
    let mut app = empty_app();
    app.command(Command::OpenSample(3)); // the two-system startup
    let mut h = harness(app);
    assert_eq!(h.state().doc.design().links.len(), 2);
    h.get_by_label("Web shop").click();
    h.run_steps(2);
    h.key_press(Key::Delete);
    h.run_steps(3);
    let design = h.state().doc.design();
    assert_eq!(design.systems.len(), 1);
    assert!(design.links.is_empty());
    assert!(
        h.query_by_label("Web shop -> Salesforce (Sign-up form creates a lead)")
            .is_none(),
        "its link is gone from the list"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.design().links.len(),
        2,
        "one undo brings both links back"
    );
}

#[test]
fn a_malformed_file_shows_its_problems_and_leaves_the_design_alone() {
    let mut h = default_design();
    let before = h.state().doc.design().clone();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/dangling-link.patchbay.ron");
    h.state_mut().command(Command::OpenPath(bad));
    h.run_steps(3);
    h.get_by_label("This file cannot be opened");
    h.get_by_label_contains("dangling-link.patchbay.ron:10:30: link 2 goes to system 9");
    assert_eq!(*h.state().doc.design(), before);
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
}

#[test]
fn save_and_reopen_gives_the_same_design() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("saved.patchbay.ron");
    let dialogs = Scripted {
        save: vec![path.clone()],
        ..Scripted::default()
    };
    let mut h = harness(PatchbayApp::with_default_design(Box::new(dialogs)));
    h.get_by_label("Backend service").click();
    h.run_steps(2);
    let drawn = h.state().doc.design().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S); // no file yet: asks where (scripted)
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.state().title().starts_with("saved.patchbay.ron — "),
        "{}",
        h.state().title()
    );
    assert_eq!(model::load(&path).expect("saved file loads"), drawn);

    h.state_mut()
        .command(Command::OpenPath(sample_path("startup.patchbay.ron")));
    h.run_steps(2);
    h.state_mut().command(Command::OpenPath(path.clone()));
    h.run_steps(2);
    assert_eq!(*h.state().doc.design(), drawn);
    assert_eq!(
        h.state().files.recent.first().map(|p| p.file_name()),
        Some(path.canonicalize().expect("path").file_name())
    );
}

#[test]
fn unsaved_changes_are_asked_about_before_they_are_dropped() {
    let mut h = default_design();
    h.get_by_label("ERP").click();
    h.run_steps(2);
    let edited = h.state().doc.design().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(*h.state().doc.design(), edited, "cancel keeps the work");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(
        h.state().doc.design().systems.is_empty(),
        "a new, empty design"
    );
}

#[test]
fn nothing_selected_shows_the_esb_verdict_and_findings_reveal_their_subject() {
    let mut app = empty_app();
    app.command(Command::OpenSample(4)); // enterprise
    let mut h = harness(app);
    h.get_by_label("An ESB is recommended");
    h.get_by_label("Full mesh n(n-1)/2");
    h.get_by_label("120"); // 16 systems: 16 × 15 / 2
    h.get_by_label_contains("GRAPH-002").click();
    h.run_steps(2);
    assert_eq!(
        h.state().selection.links.len(),
        1,
        "the finding's link is selected"
    );
}

#[test]
fn a_thousand_systems_run_frames_and_the_window_then_goes_idle() {
    let design = patchbay::generate::generate(patchbay::generate::Params {
        systems: 1000,
        links_per_system: 3,
        seed: 7,
    });
    let app = PatchbayApp::new(
        Document::unsaved(design, "big"),
        Box::new(Scripted::default()),
    );
    let mut h = harness(app);
    h.run_steps(5);
    // With nothing changing, no frame asks for another: `run` returns instead of
    // hitting its step limit (egui_graphs unpatched asks on every frame).
    h.run();
    assert_eq!(h.state().doc.design().systems.len(), 1000);
}

#[test]
fn file_export_writes_what_the_cli_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("retail.svg");
    let dialogs = Scripted {
        save: vec![path.clone()],
        ..Scripted::default()
    };
    let mut h = harness(PatchbayApp::with_default_design(Box::new(dialogs)));
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export ⏵").click();
    h.run_steps(2);
    h.get_by_label("SVG image…").click();
    h.run_steps(2);
    let design = h.state().doc.design().clone();
    let expected = patchbay::report::svg::render(&design, &patchbay::analysis::analyze(&design));
    assert_eq!(std::fs::read_to_string(&path).expect("exported"), expected);
}

/// Presses the primary button at `from`, drags to `to` in steps, and releases there.
fn drag(h: &mut Harness<'static, PatchbayApp>, from: egui::Pos2, to: egui::Pos2) {
    use egui::{Event, PointerButton};
    h.event(Event::PointerMoved(from));
    h.run_steps(1);
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    for i in 1..=5 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 5.0)));
        h.run_steps(1);
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
}

fn on_screen(h: &Harness<'static, PatchbayApp>, id: u32) -> egui::Rect {
    h.state()
        .system_on_screen(patchbay::model::SystemId(id))
        .expect("drawn")
}

fn startup() -> Harness<'static, PatchbayApp> {
    let mut app = empty_app();
    app.command(Command::OpenSample(3)); // Web shop (1) and Salesforce (2)
    harness(app)
}

#[test]
fn dragging_a_system_moves_it_in_one_undo_step() {
    let mut h = startup();
    let before = h
        .state()
        .doc
        .design()
        .system(patchbay::model::SystemId(1))
        .and_then(|s| s.position)
        .expect("placed");
    let start = on_screen(&h, 1).center();
    drag(&mut h, start, start + egui::vec2(0.0, 120.0));
    let after = h
        .state()
        .doc
        .design()
        .system(patchbay::model::SystemId(1))
        .and_then(|s| s.position)
        .expect("placed");
    assert!(
        after.y > before.y + 20.0,
        "moved down: {before:?} -> {after:?}"
    );
    assert!((after.x - before.x).abs() < 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let undone = h
        .state()
        .doc
        .design()
        .system(patchbay::model::SystemId(1))
        .and_then(|s| s.position)
        .expect("placed");
    assert_eq!(undone, before, "the whole drag is one step");
}

#[test]
fn connect_by_dragging_from_caller_to_callee() {
    let mut h = startup();
    h.get_by_label("Connect by dragging").click();
    h.run_steps(2);
    let (a, b) = (on_screen(&h, 2).center(), on_screen(&h, 1).center());
    drag(&mut h, a, b);
    let design = h.state().doc.design();
    assert_eq!(design.links.len(), 3);
    let new = design.links.last().expect("link");
    assert_eq!(
        (new.from.0, new.to.0),
        (2, 1),
        "from where the drag started"
    );
    assert_eq!(
        h.state().selection.links,
        vec![new.id],
        "the new link is selected"
    );
}

#[test]
fn a_system_is_renamed_in_place_on_its_box() {
    // A double-click on the canvas opens this editor (checked by hand under Xvfb:
    // kittest's synthetic clicks do not add up to an egui double-click).
    let mut h = startup();
    h.state_mut()
        .command(Command::StartRename(patchbay::model::SystemId(1)));
    h.run_steps(3);
    let spot = on_screen(&h, 1);
    let fields: Vec<_> = h
        .query_all_by_value("Web shop")
        .filter(|f| f.rect().height() > 16.0)
        .collect();
    let field = fields
        .into_iter()
        .find(|f| spot.contains(f.rect().center()))
        .expect("an editor on the box");
    field.type_text(" EU");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state()
            .doc
            .design()
            .system(patchbay::model::SystemId(1))
            .map(|s| s.name.as_str()),
        Some("Web shop EU")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state()
            .doc
            .design()
            .system(patchbay::model::SystemId(1))
            .map(|s| s.name.as_str()),
        Some("Web shop")
    );
}

#[test]
fn a_palette_kind_dropped_on_the_canvas_lands_there() {
    let mut h = startup();
    let target = on_screen(&h, 1).center() + egui::vec2(0.0, 200.0);
    let button = h.get_by_label("ERP").rect().center();
    drag(&mut h, button, target);
    let design = h.state().doc.design();
    assert_eq!(design.systems.len(), 3, "dropped a new system");
    let placed = on_screen(&h, 3);
    assert!(
        placed.contains(target) || placed.center().distance(target) < 80.0,
        "{placed:?} near {target:?}"
    );
}

/// The least on-screen size the window draws a name or a zone title at (the theme's
/// `MIN_LABEL_PX`), and the least it draws a link's label or tag at (`MIN_LINK_LABEL_PX`).
const NAME_MIN_PX: f32 = 5.0;
const TAG_MIN_PX: f32 = 7.0;

#[test]
fn fit_shows_every_box_zone_title_and_link_tag_at_small_window_sizes_placed_and_laid_out() {
    use patchbay::geometry::{OVERVIEW_FONT, text};
    for size in [
        egui::vec2(1400.0, 900.0),
        egui::vec2(1280.0, 800.0),
        egui::vec2(1280.0, 720.0),
    ] {
        for laid_out in [false, true] {
            for (i, sample) in patchbay::samples::ALL.iter().enumerate() {
                let what = format!(
                    "{} at {}x{}{}",
                    sample.file_name,
                    size.x,
                    size.y,
                    if laid_out { " after Auto-layout" } else { "" }
                );
                let mut app = empty_app();
                app.command(Command::OpenSample(i));
                if laid_out {
                    app.command(Command::AutoLayout);
                }
                let mut h = Harness::builder()
                    .with_size(size)
                    .build_ui_state(|ui, app: &mut PatchbayApp| app.show(ui), app);
                h.run_steps(5);
                let g = h.state_mut().doc.geometry();
                let b = g.bounds;
                let app = h.state();
                let canvas = app.canvas_rect();
                let (tl, br) = (
                    app.design_on_screen(patchbay::geometry::Pos { x: b.x0, y: b.y0 }),
                    app.design_on_screen(patchbay::geometry::Pos { x: b.x1, y: b.y1 }),
                );
                assert!(
                    canvas.contains(tl) && canvas.contains(br),
                    "{what}: {tl:?}-{br:?} outside {canvas:?}"
                );
                assert!(
                    br.y <= canvas.bottom() - 36.0 + 0.5,
                    "{what}: the legend covers the drawing"
                );
                let z = app.zoom();
                assert!(z <= 1.0 + 1e-4, "{what}: fit never enlarges");
                // Every link shows at least its colour and short tag.
                for l in g.links.iter() {
                    let readable = if z * text::LABEL_FONT >= TAG_MIN_PX {
                        l.label.is_some() || l.overview.is_some()
                    } else {
                        z * OVERVIEW_FONT >= TAG_MIN_PX && l.overview.is_some()
                    };
                    assert!(readable, "{what}: link {} shows no tag at zoom {z}", l.id.0);
                }
                // Every zone keeps a title: drawn at least at the least readable size
                // within its zone, which needs room on screen.
                for zone in &g.zones {
                    assert!(
                        zone.rect.width() * z > 16.0 + NAME_MIN_PX,
                        "{what}: no room for the title of {}",
                        zone.name
                    );
                }
                // In a 1280 by 800 window, the names are drawn too: a laid-out design
                // reads at least as the hand-placed samples do.
                if size.y >= 800.0 {
                    assert!(
                        z * text::NAME_FONT >= NAME_MIN_PX,
                        "{what}: names are not drawn at zoom {z}"
                    );
                }
            }
        }
    }
}

#[test]
fn labels_after_introduce_a_bus_keep_clear_of_zone_titles() {
    for sample in patchbay::samples::ALL {
        let mut design = model::parse(sample.text).expect("sample");
        let Some(edit) = model::bus::introduce(&design) else {
            continue;
        };
        edit.apply(&mut design);
        let analysis = patchbay::analysis::analyze(&design);
        let g = patchbay::geometry::Geometry::new(&design, &analysis);
        for z in &g.zones {
            let title = z.title_zoomed_out();
            for l in g.links.iter() {
                for placed in l.label.iter().chain(&l.overview) {
                    assert!(
                        !placed.rect.overlaps(&title, 0.0),
                        "{}: the label of link {} sits on the title of {}",
                        sample.file_name,
                        l.id.0,
                        z.name
                    );
                }
            }
        }
    }
}

#[test]
fn a_new_design_with_one_system_shows_it_at_actual_size() {
    let mut h = harness(empty_app());
    h.get_by_label("ERP").click();
    h.run_steps(3);
    assert!(
        (h.state().zoom() - 1.0).abs() < 1e-4,
        "zoom {}",
        h.state().zoom()
    );
    let canvas = h.state().canvas_rect();
    let spot = on_screen(&h, 1);
    assert!(canvas.contains_rect(spot), "{spot:?} in {canvas:?}");
    assert!(
        spot.width() < canvas.width() / 2.0,
        "not blown up: {spot:?}"
    );
}

#[test]
fn zoom_buttons_and_the_wheel_zoom_and_the_level_is_shown() {
    let mut h = startup();
    let z0 = h.state().zoom();
    h.get_by_label(&format!("{:.0}%", z0 * 100.0));
    h.get_by_label("+").click();
    h.run_steps(3);
    let z1 = h.state().zoom();
    assert!((z1 - z0 * 1.25).abs() < 1e-3, "{z0} -> {z1}");
    h.get_by_label(&format!("{:.0}%", z1 * 100.0)).click();
    h.run_steps(3);
    assert!((h.state().zoom() - 1.0).abs() < 1e-4);
    h.get_by_label("−").click();
    h.run_steps(3);
    assert!((h.state().zoom() - 0.8).abs() < 1e-3);
    // The plain wheel zooms in about the pointer, as the README says.
    let at = h.state().canvas_rect().center();
    h.event(egui::Event::PointerMoved(at));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(20);
    assert!(
        h.state().zoom() > 0.85,
        "wheel zoomed in: {}",
        h.state().zoom()
    );
}

#[test]
fn a_system_added_from_the_palette_lands_clear_of_boxes_and_links() {
    let mut app = empty_app();
    app.command(Command::OpenSample(0));
    let mut h = harness(app);
    let before = h.state().doc.design().systems.len();
    h.get_by_label("ERP").click();
    h.run_steps(3);
    let g = h.state_mut().doc.geometry();
    assert_eq!(g.systems.len(), before + 1);
    let new = g.systems.last().expect("added").rect;
    for s in &g.systems[..before] {
        assert!(!new.overlaps(&s.rect, 0.0), "lands on {}", s.name);
    }
    for l in g.links.iter() {
        for w in l.route.windows(2) {
            let seg = patchbay::geometry::Rect::around_segment(w[0], w[1], 1.0);
            assert!(!new.overlaps(&seg, 0.0), "lands on link {}", l.id.0);
        }
    }
}

#[test]
fn without_a_dialog_service_saving_uses_the_window_s_own_dialog_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = Scripted {
        unavailable: true,
        ..Scripted::default()
    };
    let mut app = empty_app_with(Box::new(dialogs));
    app.files.dir = Some(dir.path().to_owned());
    let mut h = harness(app);
    h.get_by_label("ERP").click();
    h.run_steps(2);
    let drawn = h.state().doc.design().clone();
    // New, with unsaved changes: the prompt's Save must save, then go on to New.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(3);
    assert_eq!(h.state().builtin_dialog_open(), Some(Purpose::Save));
    assert!(
        h.state().doc.is_dirty(),
        "nothing saved before a file is chosen"
    );
    // The window's own dialog suggests a file name from the design's name.
    h.get_by_label("📥  Save").click(); // the dialog's own button
    h.run_steps(4);
    let saved = dir.path().join("test.patchbay.ron");
    assert_eq!(model::load(&saved).expect("the chosen file"), drawn);
    assert!(
        h.state().status.contains(&saved.display().to_string()),
        "{}",
        h.state().status
    );
    assert!(h.state().builtin_dialog_open().is_none());
    // And then what the prompt was for: a new, empty design.
    h.run_steps(2);
    assert!(h.state().doc.design().systems.is_empty());
}

#[test]
fn cancelling_the_window_s_own_dialog_saves_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = empty_app_with(Box::new(Scripted {
        unavailable: true,
        ..Scripted::default()
    }));
    app.files.dir = Some(dir.path().to_owned());
    let mut h = harness(app);
    h.get_by_label("ERP").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(h.state().builtin_dialog_open(), Some(Purpose::Save));
    h.get_by_label_contains("Cancel").click();
    h.run_steps(3);
    assert!(h.state().builtin_dialog_open().is_none());
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state().status.starts_with("Not saved"),
        "{}",
        h.state().status
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn without_a_dialog_service_export_writes_where_the_window_s_dialog_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = PatchbayApp::with_default_design(Box::new(Scripted {
        unavailable: true,
        ..Scripted::default()
    }));
    app.files.dir = Some(dir.path().to_owned());
    let mut h = harness(app);
    h.state_mut()
        .command(Command::Export(patchbay::export::ExportFormat::Svg));
    h.run_steps(3);
    assert!(matches!(
        h.state().builtin_dialog_open(),
        Some(Purpose::Export(_))
    ));
    h.get_by_label("📥  Save").click();
    h.run_steps(4);
    let svg = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "svg"))
        .expect("an SVG was written");
    assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
}

/// The window writes its pictures from the drawing it shows, and the bytes are the
/// command line's, which places and routes the design afresh.
#[test]
fn the_window_exports_from_its_drawing_the_bytes_the_command_line_writes() {
    use patchbay::export::{ExportFormat, export_design};
    let dir = tempfile::tempdir().expect("temp dir");
    let formats = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Html,
        ExportFormat::Drawio,
        ExportFormat::Json,
    ];
    let paths: Vec<PathBuf> = formats
        .iter()
        .map(|f| dir.path().join(format!("out.{}", f.extension())))
        .collect();
    let mut h = harness(PatchbayApp::with_default_design(Box::new(Scripted {
        save: paths.iter().rev().cloned().collect(),
        ..Scripted::default()
    })));
    let design = h.state().doc.design().clone();
    for (format, path) in formats.iter().zip(&paths) {
        h.state_mut().command(Command::Export(*format));
        h.run_steps(2);
        let written = std::fs::read(path).expect("exported");
        let expected = export_design(&design, *format, 2.0).expect("exports");
        assert!(
            written == expected,
            "{} differs from the command line's",
            format.label()
        );
    }
}

#[test]
fn looking_at_any_system_or_link_never_changes_the_design() {
    let mut files: Vec<PathBuf> = patchbay::samples::ALL
        .iter()
        .map(|s| sample_path(s.file_name))
        .collect();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/edge/edge-values.patchbay.ron"));
    for file in files {
        let mut h = harness(empty_app());
        h.state_mut().command(Command::OpenPath(file.clone()));
        h.run_steps(3);
        let design = h.state().doc.design().clone();
        assert!(!design.links.is_empty(), "{}", file.display());
        let revision = h.state().doc.revision();
        let select: Vec<Command> = design
            .systems
            .iter()
            .map(|s| Command::SelectSystem(s.id))
            .chain(design.links.iter().map(|l| Command::SelectLink(l.id)))
            .chain([Command::Undo]) // with nothing done, undo has nothing to undo
            .collect();
        for c in select {
            let what = format!("{c:?}");
            h.state_mut().command(c);
            h.run_steps(3);
            assert_eq!(
                h.state().doc.revision(),
                revision,
                "{}: {what} changed the document",
                file.display()
            );
        }
        assert!(!h.state().doc.is_dirty(), "{}", file.display());
        assert_eq!(*h.state().doc.design(), design, "{}", file.display());
    }
}

#[test]
fn renaming_two_zones_in_a_row_undoes_one_zone_at_a_time() {
    let mut h = default_design();
    let original = h.state().doc.design().clone();
    let zones: Vec<String> = original.zones.iter().map(|z| z.name.clone()).collect();
    zone_field(&h, &zones[1]).click();
    h.run_steps(2);
    zone_field(&h, &zones[1]).type_text("X");
    h.run_steps(2);
    // Tab on to the next zone's name and type there.
    zone_field(&h, &zones[2]).click();
    h.run_steps(2);
    zone_field(&h, &zones[2]).type_text("Y");
    h.run_steps(2);
    let names = |h: &Harness<'_, PatchbayApp>| -> Vec<String> {
        h.state()
            .doc
            .design()
            .zones
            .iter()
            .map(|z| z.name.clone())
            .collect()
    };
    let typed = names(&h);
    assert_ne!(typed[1], zones[1]);
    assert_ne!(typed[2], zones[2]);
    assert_eq!(
        h.state().doc.history_labels().0,
        Some("Rename zone"),
        "a label in words, not an internal key"
    );
    h.state_mut().command(Command::Undo);
    h.run_steps(2);
    assert_eq!(names(&h)[2], zones[2], "the second rename undoes first");
    assert_eq!(names(&h)[1], typed[1]);
    h.state_mut().command(Command::Undo);
    h.run_steps(2);
    assert_eq!(*h.state().doc.design(), original);
    assert!(
        !h.state().doc.is_dirty(),
        "back at the opened state: nothing unsaved"
    );
    assert!(!h.state().title().contains('•'), "{}", h.state().title());
}

/// The text field holding a zone's name (the zone's title on the canvas has the same
/// text).
fn zone_field<'a>(h: &'a Harness<'_, PatchbayApp>, name: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_value(name)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .expect("a text field with the zone's name")
}

/// Every text the window shows, as its accessibility tree has it.
fn shown_texts(h: &Harness<'_, PatchbayApp>) -> Vec<String> {
    h.query_all_by(|n| n.label().is_some() || n.value().is_some())
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value()]
        })
        .flatten()
        .collect()
}

#[test]
fn every_text_the_window_shows_has_its_glyphs_in_the_font() {
    let mut h = default_design();
    let design = h.state().doc.design().clone();
    let states = [
        None,
        Some(Command::SelectSystem(design.systems[0].id)),
        Some(Command::SelectLink(design.links[0].id)),
        Some(Command::ShowBus(true)),
        Some(Command::ShowConcept("pkce")),
        Some(Command::OpenExercise("mesh-count")),
        Some(Command::CheckExercise),
    ];
    let font = egui::FontId::proportional(14.0);
    for state in states {
        if let Some(c) = state {
            h.state_mut().command(c);
        }
        h.run_steps(3);
        let ctx = h.ctx.clone();
        for text in shown_texts(&h) {
            let missing: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
                .collect();
            assert!(missing.is_empty(), "{text:?} has no glyph for {missing:?}");
        }
    }
}

#[test]
fn escape_answers_a_prompt_as_cancel() {
    let mut h = harness(empty_app());
    h.get_by_label("ERP").click();
    h.run_steps(2);
    let edited = h.state().doc.design().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Unsaved changes");
    h.get_by_label_contains("A new design is about to replace it");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
    assert_eq!(*h.state().doc.design(), edited, "Escape keeps the work");
    // An error report closes with Escape too.
    h.state_mut().command(Command::Connect); // nothing selected: an error
    h.run_steps(2);
    assert!(h.state().dialog.is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
}

#[test]
fn panels_stay_within_bounds_and_reset_layout_restores_them() {
    let mut h = default_design();
    let default_canvas = h.state().canvas_rect().width();
    // Whatever a drag left behind (a 770-point palette): the panel is held to its
    // maximum, and the canvas keeps at least a third of the window.
    h.ctx.data_mut(|d| {
        d.insert_persisted(
            egui::Id::new("palette"),
            egui::containers::panel::PanelState {
                outer_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(770.0, 800.0)),
            },
        );
    });
    h.run_steps(3);
    let canvas = h.state().canvas_rect().width();
    assert!(canvas > 1400.0 / 3.0, "canvas {canvas}");
    h.state_mut().command(Command::ResetLayout);
    h.run_steps(3);
    let reset = h.state().canvas_rect().width();
    assert!(
        (reset - default_canvas).abs() < 2.0,
        "{reset} vs {default_canvas}"
    );
}

#[test]
fn picking_a_link_in_the_list_brings_it_into_view() {
    let mut h = default_design();
    h.state_mut().command(Command::Zoom(3.0));
    h.run_steps(3);
    let design = h.state().doc.design().clone();
    // Far from the view's centre at 300%: the last link whose row the list shows
    // without scrolling (it lays out only the rows in view).
    let name_of = |l: &patchbay::model::Link| {
        patchbay::analysis::findings::link_name(&design, l).replace('→', "->")
    };
    let l = design
        .links
        .iter()
        .rev()
        .find(|l| h.query_all_by_label(&name_of(l)).next().is_some())
        .expect("a link row in the Links list");
    let name = name_of(l);
    let row = h
        .get_all_by_label(&name)
        .next()
        .expect("the link's row in the Links list");
    row.click();
    h.run_steps(4);
    assert_eq!(h.state().selection.links, vec![l.id]);
    let (a, b) = (
        design
            .system(l.from)
            .and_then(|s| s.position)
            .expect("placed"),
        design
            .system(l.to)
            .and_then(|s| s.position)
            .expect("placed"),
    );
    let mid = h.state().design_on_screen(patchbay::model::Pos {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    });
    assert!(h.state().canvas_rect().contains(mid), "{mid:?}");
}

#[test]
fn the_maximum_window_size_is_the_texture_limit_in_points() {
    use patchbay::ui::max_window_points;
    assert_eq!(max_window_points(8192, 1.0), egui::vec2(8192.0, 8192.0));
    assert_eq!(max_window_points(8192, 2.0), egui::vec2(4096.0, 4096.0));
    assert_eq!(max_window_points(16384, 1.5), egui::vec2(10922.0, 10922.0));
}

/// A process id no running process has (Linux's pid_max stays far below it).
const DEAD_PID: u32 = u32::MAX - 7;

#[test]
fn unsaved_work_of_a_crashed_window_is_offered_and_recovered_as_one_undoable_step() {
    use patchbay::recovery::Autosave;
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let user_file = dir.path().join("startup.patchbay.ron");
    std::fs::copy(sample_path("startup.patchbay.ron"), &user_file).expect("copied");
    let on_disk = model::load(&user_file).expect("loads");
    let mut crashed = on_disk.clone();
    crashed.systems[0].name = "Typed before the crash".into();
    Autosave::for_pid(recovery.clone(), DEAD_PID)
        .write(&crashed, Some(&user_file), "startup.patchbay.ron")
        .expect("the crashed window's copy");

    let app = empty_app().with_autosave(Autosave::new(recovery.clone()));
    let mut h = harness(app);
    h.get_by_label("Recover unsaved changes?");
    h.get_by_label_contains("changes to");
    h.get_by_label("Recover").click();
    h.run_steps(3);
    assert_eq!(*h.state().doc.design(), crashed);
    assert!(h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path.as_deref(), Some(user_file.as_path()));
    assert_eq!(
        model::load(&user_file).expect("loads"),
        on_disk,
        "the file is untouched"
    );
    // The crashed window's copy is gone; this window keeps its own.
    let left: Vec<_> = std::fs::read_dir(&recovery)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !left.iter().any(|n| n.starts_with(&DEAD_PID.to_string())),
        "{left:?}"
    );
    assert!(
        left.iter()
            .any(|n| n.starts_with(&std::process::id().to_string())),
        "{left:?}"
    );
    h.state_mut().command(Command::Undo);
    h.run_steps(2);
    assert_eq!(*h.state().doc.design(), on_disk, "undo gives back the file");
}

#[test]
fn unsaved_changes_are_copied_every_30_seconds_when_changed_and_the_copy_goes_with_a_save() {
    use patchbay::recovery::{Autosave, INTERVAL};
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let saved = dir.path().join("d.patchbay.ron");
    let app = empty_app_with(Box::new(Scripted {
        save: vec![saved.clone()],
        ..Scripted::default()
    }))
    .with_autosave(Autosave::new(recovery.clone()));
    let mut h = harness(app);
    assert!(h.state().dialog.is_none(), "nothing to recover");
    h.get_by_label("ERP").click();
    h.run_steps(2);
    let copy = recovery.join(format!("{}.patchbay.ron", std::process::id()));
    assert_eq!(
        model::load(&copy).expect("copied at once"),
        *h.state().doc.design()
    );
    h.get_by_label("Database").click();
    h.run_steps(2);
    assert_eq!(
        model::load(&copy).expect("copy").systems.len(),
        1,
        "not yet due"
    );
    let later = std::time::Instant::now() + INTERVAL;
    h.state_mut().autosave_tick(later);
    assert_eq!(
        model::load(&copy).expect("copy").systems.len(),
        2,
        "due after 30 s"
    );
    // Nothing changed since: the copy is not written again.
    std::fs::remove_file(&copy).expect("remove the copy");
    h.state_mut().autosave_tick(later + INTERVAL * 2);
    assert!(!copy.exists(), "written again without a change");
    h.get_by_label("ERP").click();
    h.run_steps(2);
    h.state_mut().autosave_tick(later + INTERVAL * 3);
    assert_eq!(
        model::load(&copy).expect("copy").systems.len(),
        3,
        "changed and due"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(!h.state().doc.is_dirty());
    assert!(!copy.exists(), "saved: no copy left behind");
}

#[test]
fn a_recommendation_opens_as_the_questions_its_decision_asked() {
    let mut h = retail_with_a_batch_link_selected();
    h.get_by_label("How it was decided (Pattern)").click();
    h.run_steps(3);
    h.get_by_label("2. Can the data arrive hours later?");
    h.get_by_label("So: batch-data-sync");
}

#[test]
fn clicking_an_answer_of_the_path_changes_that_input_as_one_undo_step() {
    let mut h = retail_with_a_batch_link_selected();
    let link = h.state().selection.links[0];
    h.get_by_label("How it was decided (Pattern)").click();
    h.run_steps(3);
    // The path stops at its second question; its answer is the only "Yes" shown.
    h.get_by_label("Yes").click();
    h.run_steps(3);
    let latency =
        |h: &Harness<'_, PatchbayApp>| h.state().doc.design().link(link).expect("link").latency;
    assert_ne!(
        latency(&h),
        model::Latency::Batch,
        "the answer's input changed"
    );
    // The path goes on past the changed answer: a scheduled run of 40,000 records is
    // still a bulk load, now for that reason.
    h.get_by_label("3. Is it a scheduled run of more than 2,000 records?");
    h.get_by_label("So: batch-data-sync");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(latency(&h), model::Latency::Batch, "one undo step");
    assert!(
        h.query_by_label("3. Is it a scheduled run of more than 2,000 records?")
            .is_none()
    );
}

#[test]
fn a_cell_of_the_what_if_table_sets_its_value() {
    let mut h = retail_with_a_batch_link_selected();
    let link = h.state().selection.links[0];
    h.get_by_label("What if (Pattern)").click();
    h.run_steps(3);
    // The table may open below the inspector's visible part: scroll to it, as a
    // person would.
    h.get_by_label("real-time: batch-data-sync").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("real-time: batch-data-sync").click();
    h.run_steps(3);
    assert_eq!(
        h.state().doc.design().link(link).expect("link").latency,
        model::Latency::RealTime
    );
    // Now the link's own value is the bold row, and batch is a cell to click back.
    h.get_by_label("batch: batch-data-sync");
}

/// An app with exercise progress kept in a temporary folder.
fn learning_app(dir: &Path) -> PatchbayApp {
    PatchbayApp::with_default_design(Box::new(Scripted::default()))
        .with_progress(Some(dir.join("progress.ron")))
}

#[test]
fn a_question_is_answered_before_its_recommendation_is_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(learning_app(dir.path()));
    h.get_by_label("Learn").click();
    h.run_steps(2);
    h.get_by_label("A screen without a keyboard  (new)").click();
    h.run_steps(4);
    // The question's link is selected and its recommendations are hidden.
    h.get_by_label("Showroom TV -> Salesforce");
    assert!(h.query_by_label("Auth flow: device").is_none());
    // In the inspector and in the findings panel.
    assert_eq!(
        h.query_all_by_label_contains("Hidden until you answer")
            .count(),
        2
    );

    h.get_by_label("Hint (2 left)").click();
    h.run_steps(2);
    h.get_by_label_contains("Hint 1:");

    // A wrong answer says why it is wrong and brings the next hint, not the answer.
    h.get_by_label("web-server").click();
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label("Not solved yet");
    h.get_by_label_contains("Not web-server: no single change of this link");
    h.get_by_label_contains("Hint 2:");
    assert!(
        h.query_by_label_contains("Patchbay recommends device")
            .is_none()
    );
    assert!(
        h.query_by_label("Auth flow: device").is_none(),
        "still hidden"
    );
    // With the hints used up, a wrong answer is told the right one.
    h.get_by_label("web-server").click();
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label_contains("Not web-server: Patchbay recommends device");
    // Answered: the recommendation is shown now.
    h.get_by_label("Auth flow: device");

    h.get_by_label("device").click();
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label("Solved");
    let progress = std::fs::read_to_string(dir.path().join("progress.ron")).expect("progress kept");
    assert!(progress.contains("smart-tv"), "{progress}");

    // The Learn menu shows it solved, in this window and in the next.
    h.get_by_label("Learn").click();
    h.run_steps(2);
    h.get_by_label("A screen without a keyboard  (solved)");
    let mut next_run = harness(learning_app(dir.path()));
    next_run.get_by_label("Learn").click();
    next_run.run_steps(2);
    next_run.get_by_label("A screen without a keyboard  (solved)");
}

#[test]
fn the_patients_phone_exercise_is_walked_in_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(learning_app(dir.path()));
    h.get_by_label("Learn").click();
    h.run_steps(2);
    h.get_by_label("Health data from a patient's phone  (new)")
        .click();
    h.run_steps(4);
    assert_eq!(h.state().doc.design().name, "Home monitoring");
    assert!(h.query_by_label_contains("mTLS: ").is_none(), "hidden");

    // The answer a student most likely gives first: the data is regulated, so mutual
    // TLS. The feedback says why not, and brings the first hint, not the answer.
    h.get_by_label("mutual-tls").click();
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label("Not solved yet");
    h.get_by_label_contains("Not mutual-tls: the data does call for more than one-way TLS");
    h.get_by_label_contains("Hint 1:");
    assert!(
        h.query_by_label_contains("Patchbay recommends bound-tokens")
            .is_none()
    );

    h.get_by_label("bound-tokens").click();
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label("Solved");
    h.get_by_label_contains("Right: bound-tokens.");
    // Answered: the link's advice is shown, with the bound-token card beside it.
    let link = h.state().doc.design().links[0].id;
    h.state_mut().command(Command::SelectLink(link));
    h.run_steps(3);
    h.get_by_label("mTLS: not needed");
    // Both the exercise and the link's mTLS advice lead to the card.
    assert_eq!(h.query_all_by_label("Bound tokens with DPoP").count(), 2);
    h.query_all_by_label("Bound tokens with DPoP")
        .next()
        .expect("the card's link")
        .click();
    h.run_steps(5);
    assert_eq!(h.state().learn_concept(), Some("dpop"));
    h.get_by_label_contains("binds the token to a key pair");
    h.get_by_label_contains("Facts checked December 2026");
    h.get_by_label("Practise it");
    // The exercise's own window, and the card's link back to it.
    assert_eq!(
        h.query_all_by_label("Health data from a patient's phone")
            .count(),
        2
    );
}

#[test]
fn a_design_exercise_is_solved_by_changing_the_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = learning_app(dir.path());
    app.command(Command::OpenExercise("sync-ceiling"));
    let mut h = harness(app);
    h.get_by_label("Check my answer").click();
    h.run_steps(3);
    h.get_by_label("Not solved yet");
    h.get_by_label_contains("To do: PAT-001 still fires");

    h.get_by_label("Salesforce -> Scoring ERP (Credit decision)")
        .click();
    h.run_steps(3);
    h.get_by_label("needs response").click();
    h.run_steps(3);
    // The feedback follows the edit without another check: PAT-001 is gone, but the
    // decision has no way back yet.
    h.get_by_label_contains("Done: No PAT-001 finding.");
    h.get_by_label_contains("To do: There is no link from Scoring ERP to Salesforce");
    h.get_by_label("Not solved yet");
    let d = h.state().doc.design();
    let (erp, org) = (d.systems[1].id, d.systems[0].id);
    h.state_mut().command(Command::ConnectTo(erp, org));
    h.run_steps(3);
    h.get_by_label("Solved");
    // Undo: "Solved" is never shown for a design that no longer meets the goal.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    h.get_by_label("Not solved yet");
}

#[test]
fn a_new_design_closes_the_open_exercise() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = learning_app(dir.path());
    app.command(Command::OpenExercise("mesh-count"));
    let mut h = harness(app);
    h.get_by_label("Counting connections");
    h.state_mut().command(Command::New);
    h.run_steps(3);
    assert!(h.query_by_label("Counting connections").is_none());
    assert!(h.query_by_label("Check my answer").is_none());
    let progress = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap_or_default();
    assert!(
        !progress.contains("mesh-count"),
        "not marked tried: {progress}"
    );
}

#[test]
fn the_bus_side_by_side_counts_and_introduce_a_bus_then_undo() {
    let mut h = default_design();
    let before = h.state().doc.design().clone();
    // The button sits below the inspector's visible part: scroll the inspector to it.
    let inspector = h.state().canvas_rect().right() + 100.0;
    h.event(egui::Event::PointerMoved(egui::pos2(inspector, 400.0)));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -400.0),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(10);
    h.get_by_label("The bus, side by side").click();
    h.run_steps(3);
    h.get_by_label("n = 7 systems, p = 7 connections");
    h.get_by_label("A full mesh would need n(n-1)/2 = 21");
    h.get_by_label("7 connections: one per system");

    // Two buttons say it: the inspector's and the window's.
    h.query_all_by_label("Introduce a bus")
        .next()
        .expect("an Introduce a bus button")
        .click();
    h.run_steps(4);
    let design = h.state().doc.design().clone();
    let hub = design
        .systems
        .iter()
        .find(|s| s.kind == model::SystemKind::Middleware)
        .expect("a hub")
        .id;
    assert!(design.links.iter().all(|l| l.from == hub || l.to == hub));
    // A bus in place is not one of the n systems, and no direct connection is left.
    h.get_by_label("n = 7 systems, p = 0 connections");
    h.get_by_label("Every link already goes through a hub.");
    assert_eq!(
        h.state().doc.history_labels().0,
        Some("Route 9 links through Integration bus")
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        *h.state().doc.design(),
        before,
        "one undo puts every link back"
    );
    h.get_by_label("n = 7 systems, p = 7 connections");
}

#[test]
fn a_concept_card_opens_from_a_recommendation_and_leads_to_an_exercise() {
    let mut h = retail_with_a_batch_link_selected();
    h.get_by_label("Batch data synchronization").click();
    h.run_steps(3);
    h.get_by_label_contains("Above about 2,000 records");
    h.get_by_label("Read more");
    h.get_by_label("Fifty thousand records a night").click();
    h.run_steps(4);
    assert_eq!(h.state().doc.design().name, "Product catalogue");
    h.get_by_label("Check my answer");
}

#[test]
fn the_what_if_table_shows_each_value_and_what_it_would_give() {
    let mut h = retail_with_a_batch_link_selected();
    h.get_by_label("What if (Pattern)").click();
    h.run_steps(3);
    h.get_by_label("the latency");
    h.get_by_label("batch: batch-data-sync"); // this link's value
    // The nightly load if it were live: still a scheduled run of 40,000 records.
    h.get_by_label("real-time: batch-data-sync");
}

/// The retail sample with its first batch link (the nightly load from the ERP) selected.
fn retail_with_a_batch_link_selected() -> Harness<'static, PatchbayApp> {
    let mut h = default_design();
    let batch = h
        .state()
        .doc
        .design()
        .links
        .iter()
        .find(|l| l.latency == model::Latency::Batch)
        .map(|l| l.id)
        .expect("a batch link in the retail sample");
    h.state_mut().command(Command::SelectLink(batch));
    h.run_steps(3);
    h
}

/// The text field captioned `caption` (its caption is a label too).
fn field<'a>(h: &'a Harness<'_, PatchbayApp>, caption: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_label(caption)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                egui::accesskit::Role::TextInput | egui::accesskit::Role::MultilineTextInput
            )
        })
        .expect("a text field")
}

#[test]
fn a_finding_is_accepted_with_a_reason_and_reopened() {
    let mut h = default_design();
    // The sample accepts its checkout chain already.
    h.get_by_label("Accepted (1)");
    let waivers = |h: &Harness<'_, PatchbayApp>| h.state().doc.design().waivers.clone();
    assert_eq!(waivers(&h).len(), 1);

    h.get_by_label_contains("GRAPH-003  Web shop backend")
        .click();
    h.run_steps(3);
    h.get_by_label_contains("GRAPH-003 Single system joins parts of the design (");
    h.get_by_label("Accept…").click();
    h.run_steps(3);
    assert!(h.state().dialog.is_some(), "the Accept dialog is open");
    // Accept with nothing filled in says what is missing and accepts nothing.
    h.get_by_label("Accept").click();
    h.run_steps(2);
    h.get_by_label("Say why it is accepted and who accepts it.");
    field(&h, "Why").click();
    field(&h, "Why").type_text("Runs in two data centres; failover tested quarterly");
    field(&h, "Accepted by").click();
    field(&h, "Accepted by").type_text("A. Reviewer");
    field(&h, "Last day").click();
    field(&h, "Last day").type_text("2027-12-31");
    h.run_steps(2);
    h.get_by_label("Accept").click();
    h.run_steps(3);
    let w = waivers(&h);
    assert_eq!(w.len(), 2);
    assert_eq!(w[1].rule, "GRAPH-003");
    assert_eq!(w[1].by, "A. Reviewer");
    assert_eq!(w[1].until.as_deref(), Some("2027-12-31"));
    assert!(
        !w[1].seen.is_empty(),
        "remembers what the subject looked like"
    );
    h.get_by_label("Accepted (2)");
    assert_eq!(h.state().doc.history_labels().0, Some("Accept GRAPH-003"));

    // Its details now show who accepted it, and Reopen.
    h.get_by_label("Accepted by A. Reviewer until 2027-12-31");
    h.get_by_label("Reopen").click();
    h.run_steps(3);
    assert_eq!(waivers(&h).len(), 1);
    h.get_by_label("Accepted (1)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(waivers(&h).len(), 2, "reopening is one undo step");
}

#[test]
fn compare_with_marks_the_changes_and_selects_what_the_list_names() {
    let dialogs = Scripted {
        open: vec![sample_path("enterprise.patchbay.ron")],
        ..Scripted::default()
    };
    let mut app = PatchbayApp::with_default_design(Box::new(dialogs));
    let to_be = patchbay::samples::ALL
        .iter()
        .position(|s| s.file_name == "enterprise-to-be.patchbay.ron")
        .expect("sample");
    app.command(Command::OpenSample(to_be));
    let mut h = harness(app);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Compare with…").click();
    h.run_steps(4);
    assert!(h.state().compare.is_some());
    h.get_by_label_contains("(before)");
    h.get_by_label("+ Integration bus").click();
    h.run_steps(3);
    let hub = h
        .state()
        .doc
        .design()
        .systems
        .iter()
        .find(|s| s.name == "Integration bus")
        .expect("hub")
        .id;
    assert_eq!(h.state().selection.systems, vec![hub]);
    h.get_by_label_contains("Findings introduced (");
    // The flows the first design has and the open one lost are in the list too.
    h.get_by_label("- Order status to the orgs");

    // The comparison follows edits of the open design: delete the hub, and it is no
    // longer "added".
    h.key_press(Key::Delete);
    h.run_steps(3);
    assert!(h.query_by_label("+ Integration bus").is_none());

    h.get_by_label("Stop comparing").click();
    h.run_steps(2);
    assert!(h.state().compare.is_none());
}

#[test]
fn a_flow_is_shown_with_its_steps_and_made_from_links_picked_in_order() {
    let mut h = default_design();
    // The Flows section under the links opens on request.
    h.get_by_label("Flows (2)");
    h.get_by_label("Show").click();
    h.run_steps(2);
    h.get_by_label("Checkout (4 steps)").click();
    h.run_steps(3);
    assert_eq!(h.state().shown.flow, Some(1));
    // Shown: its name can be edited in place.
    assert!(h.get_all_by_value("Checkout").next().is_some());
    h.get_by_label("Checkout (4 steps)").click();
    h.run_steps(2);
    assert_eq!(h.state().shown.flow, None, "a second click hides it");

    // Links picked in an order that does not follow on: refused, and said why.
    let (card, backend) = (patchbay::model::LinkId(6), patchbay::model::LinkId(4));
    let storefront = patchbay::model::LinkId(5);
    h.state_mut().selection = patchbay::ui::Selection {
        systems: vec![],
        links: vec![card, storefront],
    };
    h.run_steps(2);
    h.get_by_label("New from selection").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.design().flows.len(), 2);
    h.get_by_label_contains("These links do not make a flow");
    h.state_mut().dialog = None;

    // In order: storefront -> backend, then backend -> payments and backend -> Salesforce.
    h.state_mut().selection = patchbay::ui::Selection {
        systems: vec![],
        links: vec![storefront, card, backend],
    };
    h.run_steps(2);
    h.get_by_label("New from selection").click();
    h.run_steps(3);
    let flows = h.state().doc.design().flows.clone();
    assert_eq!(flows.len(), 3);
    assert_eq!(flows[2].steps, vec![storefront, card, backend]);
    assert_eq!(h.state().shown.flow, Some(flows[2].id));
    h.get_by_label("Flow 3 (3 steps)");
    h.get_by_label("Drop last step").click();
    h.run_steps(3);
    h.get_by_label("Flow 3 (2 steps)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    h.get_by_label("Flow 3 (3 steps)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc.design().flows.len(), 2, "one undo step each");
}

#[test]
fn file_import_shows_what_it_guessed_before_the_design_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("inventory.csv");
    std::fs::write(
        &csv,
        "source,target,purpose,needs_response\nCustomer portal,Salesforce,Cases,yes\nSalesforce,SAP ERP,Orders,no\n",
    )
    .expect("write");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "source,target,purpose,latency\nA,B,x,hourly\n").expect("write");
    let dialogs = Scripted {
        open: vec![csv.clone(), bad],
        ..Scripted::default()
    };
    let mut h = harness(PatchbayApp::with_default_design(Box::new(dialogs)));
    let before = h.state().doc.design().clone();
    // A broken catalogue: its problems, and the design stays as it was.
    h.state_mut().command(Command::Import);
    h.run_steps(3);
    h.get_by_label_contains("bad.csv:2:4: latency");
    assert_eq!(*h.state().doc.design(), before);
    h.get_by_label("Close").click();
    h.run_steps(2);

    // The File menu offers it; here it runs as the menu item's command.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import…");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.state_mut().command(Command::Import);
    // A modal opened right after another one fades in before it takes clicks.
    h.run_steps(20);
    h.get_by_label("Import");
    h.get_by_label_contains("SAP ERP: guessed kind erp");
    assert_eq!(*h.state().doc.design(), before, "nothing opens before Open");
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert!(h.state().dialog.is_none());
    let d = h.state().doc.design();
    assert_eq!((d.systems.len(), d.links.len()), (3, 2));
    assert!(
        h.state().doc.path.is_none(),
        "a new document, not saved to a file"
    );
    assert!(
        h.state().title().starts_with("inventory.csv"),
        "{}",
        h.state().title()
    );
}

/// Steps the window until the background open is over (or a few seconds pass).
fn until_opened(h: &mut Harness<'static, PatchbayApp>) {
    for _ in 0..400 {
        if h.state().opening().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// A generated design saved large enough to open in the background.
fn large_file(dir: &Path) -> PathBuf {
    let path = dir.join("large.patchbay.ron");
    let design = patchbay::generate::generate(patchbay::generate::Params {
        systems: 1_200,
        links_per_system: 5,
        seed: 5,
    });
    model::save(&design, &path).expect("saved");
    assert!(
        std::fs::metadata(&path).expect("size").len() > patchbay::ui::BACKGROUND_OPEN_BYTES,
        "the file is large enough to open in the background"
    );
    path
}

#[test]
fn a_large_file_opens_in_the_background_with_progress_and_the_open_design_stays_usable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = large_file(dir.path());
    let mut h = default_design();
    let before = h.state().doc.design().clone();
    h.state_mut().open_path(&path);
    assert_eq!(h.state().opening(), Some(path.as_path()));
    h.run_steps(2);
    // While it opens: a progress window with Cancel, and the open design unchanged.
    h.get_by_label("Cancel");
    assert_eq!(h.state().doc.design(), &before);
    until_opened(&mut h);
    assert!(h.state().dialog.is_none());
    assert_eq!(h.state().doc.design().systems.len(), 1_200);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(
        h.state().status.starts_with("Opened"),
        "{}",
        h.state().status
    );
}

#[test]
fn an_edit_made_while_a_file_opens_is_not_thrown_away_unasked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = large_file(dir.path());
    for discard in [false, true] {
        let mut h = default_design();
        let systems = h.state().doc.design().systems.len();
        h.state_mut().open_path(&path);
        // The open design is edited from the palette while the file loads.
        h.get_by_label("ERP").click();
        h.run_steps(2);
        assert!(
            h.state().opening().is_some(),
            "still opening after the edit"
        );
        assert_eq!(h.state().doc.design().systems.len(), systems + 1);
        until_opened(&mut h);
        h.run_steps(20);
        assert!(
            matches!(h.state().dialog, Some(patchbay::ui::Dialog::Unsaved { .. })),
            "asked before the edited design is replaced"
        );
        assert_eq!(h.state().doc.design().systems.len(), systems + 1);
        h.get_by_label(if discard { "Discard changes" } else { "Cancel" })
            .click();
        h.run_steps(3);
        if discard {
            assert_eq!(h.state().doc.design().systems.len(), 1_200);
            assert!(
                h.state().status.starts_with("Opened"),
                "{}",
                h.state().status
            );
        } else {
            assert_eq!(h.state().doc.design().systems.len(), systems + 1);
            assert!(
                h.state()
                    .status
                    .contains("kept the design you were editing"),
                "{}",
                h.state().status
            );
        }
    }
}

#[test]
fn cancelling_a_background_open_keeps_the_open_design() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = large_file(dir.path());
    let mut h = default_design();
    let before = h.state().doc.design().clone();
    h.state_mut().open_path(&path);
    // A window needs a few frames before it takes clicks.
    h.run_steps(3);
    assert!(
        h.state().opening().is_some(),
        "reading 1,200 systems takes a while"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().opening().is_none());
    assert!(
        h.state().status.contains("cancelled"),
        "{}",
        h.state().status
    );
    // The worker finishes later; what it read goes nowhere.
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    h.run_steps(3);
    assert_eq!(h.state().doc.design(), &before);
    assert!(h.state().dialog.is_none());
}

#[test]
fn a_bad_file_opened_in_the_background_changes_nothing_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.patchbay.ron");
    std::fs::write(
        &path,
        "(format_version: 1, name: \"Bad\", systems: [(id: 1, name: \"A\", kind: \"no-such-kind\")])",
    )
    .expect("written");
    let mut h = default_design();
    let before = h.state().doc.design().clone();
    h.state_mut().open_in_background(&path);
    until_opened(&mut h);
    assert_eq!(h.state().doc.design(), &before);
    match &h.state().dialog {
        Some(patchbay::ui::Dialog::Problems { problems, .. }) => {
            assert!(problems[0].contains(":1:"), "{problems:?}");
        }
        other => panic!("expected the file's problems, got {other:?}"),
    }
}

// ----- What a new user tripped over (issue 21) -----

/// No label or value anywhere in the window holds a glyph egui's fonts cannot draw.
fn no_arrow_glyph(h: &Harness<'static, PatchbayApp>, what: &str) {
    for n in h.query_all_by(|_| true) {
        let a = n.accesskit_node();
        for text in [a.label(), a.value()].into_iter().flatten() {
            assert!(!text.contains('→'), "{what}: {text}");
        }
    }
}

#[test]
fn a_recovery_copy_that_does_not_open_lists_its_problems_and_opens_with_them_set_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    design.links.retain(|l| l.id.0 != 5);
    patchbay::recovery::Autosave::for_pid(dir.path().to_owned(), 999_999_999)
        .write(&design, None, "Retail")
        .expect("written");
    let app = empty_app().with_autosave(patchbay::recovery::Autosave::new(dir.path().to_owned()));
    let mut h = harness(app);
    h.get_by_label("Recover unsaved changes?");
    h.get_by_label("The copy does not open as it was written:");
    h.get_by_label_contains("link 5, which the design does not have");
    assert!(h.query_all_by_label_contains("set aside").count() >= 1);
    h.get_by_label("Recover with those set aside").click();
    h.run_steps(3);
    let doc = &h.state().doc;
    assert!(model::validate::validate(doc.design()).is_empty());
    assert_eq!(doc.design().links.len(), design.links.len());
    assert!(doc.is_dirty());
    assert!(
        h.state().status.contains("set aside"),
        "{}",
        h.state().status
    );
}

#[test]
fn a_waiver_whose_last_day_has_passed_is_refused_at_once() {
    let mut h = default_design();
    let before = h.state().doc.design().waivers.clone();
    let link = h.state().doc.design().links[0].id;
    h.state_mut().command(Command::Accept(
        "TLS-001",
        patchbay::analysis::Subject::Link(link),
    ));
    h.run_steps(3);
    no_arrow_glyph(&h, "the Accept dialog");
    h.get_by_label("Why").type_text("Accepted for the pilot");
    h.get_by_label("Accepted by").type_text("Board");
    h.get_by_label("Last day").type_text("2001-01-31");
    h.run_steps(1);
    h.get_by_label("Accept").click();
    h.run_steps(3);
    h.get_by_label_contains("has passed");
    assert_eq!(h.state().doc.design().waivers, before);
}

#[test]
fn the_changes_window_draws_no_missing_glyph_and_escape_closes_it() {
    let dialogs = Scripted {
        open: vec![sample_path("enterprise.patchbay.ron")],
        ..Scripted::default()
    };
    let mut app = PatchbayApp::with_default_design(Box::new(dialogs));
    let to_be = patchbay::samples::ALL
        .iter()
        .position(|s| s.file_name == "enterprise-to-be.patchbay.ron")
        .expect("sample");
    app.command(Command::OpenSample(to_be));
    app.command(Command::CompareWith);
    let mut h = harness(app);
    h.run_steps(3);
    assert!(h.state().compare.is_some());
    no_arrow_glyph(&h, "the Changes window");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(
        h.state().compare.is_none(),
        "Escape closes the Changes window"
    );
}

#[test]
fn escape_closes_concept_cards_and_the_bus_comparison_one_at_a_time() {
    let mut h = default_design();
    h.state_mut().command(Command::ShowBus(true));
    h.state_mut().command(Command::ShowConcept("esb"));
    h.run_steps(3);
    h.get_by_label("Through one hub");
    assert_eq!(h.state().learn_concept(), Some("esb"));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().learn_concept().is_none(), "the card first");
    assert!(h.query_by_label("Through one hub").is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Through one hub").is_none());
}

#[test]
fn a_concept_card_links_its_rfcs_and_never_says_seed() {
    let mut h = default_design();
    h.state_mut().command(Command::ShowConcept("pkce"));
    h.run_steps(3);
    // A click on the reference opens the RFC's text.
    h.get_by_label("• RFC 7636 (Proof Key for Code Exchange (PKCE), September 2015)")
        .click();
    h.run_steps(1);
    let opened = format!("{:?}", h.output().platform_output.commands);
    assert!(
        opened.contains("https://www.rfc-editor.org/rfc/rfc7636"),
        "{opened}"
    );
    for card in patchbay::learn::concepts::CONCEPTS {
        for r in card.references {
            assert!(!r.contains("Seed"), "{}: {r}", card.id);
        }
    }
    for rule in patchbay::analysis::rules::ALL {
        for r in rule.references {
            assert!(!r.contains("Seed"), "{}: {r}", rule.id);
        }
    }
}

#[test]
fn save_as_adds_the_design_extension_to_a_typed_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = Scripted {
        save: vec![dir.path().join("my design")],
        ..Scripted::default()
    };
    let mut app = PatchbayApp::with_default_design(Box::new(dialogs));
    app.command(Command::SaveAs);
    let h = harness(app);
    let saved = dir.path().join("my design.patchbay.ron");
    assert!(
        saved.exists(),
        "{:?}",
        std::fs::read_dir(dir.path()).map(|d| d.count())
    );
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
}

#[test]
fn an_imported_design_is_unsaved_work_and_quit_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("catalogue.csv");
    std::fs::write(
        &csv,
        "source,target,purpose\nWeb shop,Salesforce,Orders\nSalesforce,ERP,Invoices\n",
    )
    .expect("write");
    let mut app = empty_app();
    app.command(Command::ImportPath(csv));
    let mut h = harness(app);
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.design().systems.len(), 3);
    assert!(h.state().title().contains('•'), "{}", h.state().title());
    h.state_mut().command(Command::Quit);
    h.run_steps(2);
    h.get_by_label("Unsaved changes");
}

#[test]
fn ctrl_d_puts_the_copy_on_a_free_spot() {
    let mut h = default_design();
    let id = h.state().doc.design().systems[0].id;
    h.state_mut().command(Command::SelectSystem(id));
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    let copy = h.state().selection.systems[0];
    assert_ne!(copy, id);
    let g = h.state_mut().doc.geometry();
    let placed = g.system(copy).expect("drawn").rect;
    for s in &g.systems {
        if s.id != copy {
            assert!(
                !placed.overlaps(&s.rect, 0.0),
                "the copy lies on {}",
                s.name
            );
        }
    }
}

#[test]
fn dragging_one_system_of_a_design_without_positions_moves_no_other() {
    let mut design = model::parse(patchbay::samples::DEFAULT.text).expect("sample");
    for s in &mut design.systems {
        s.position = None;
    }
    let app = PatchbayApp::new(
        Document::unsaved(design, "No positions"),
        Box::new(Scripted::default()),
    );
    let mut h = harness(app);
    let before: Vec<egui::Rect> = (1..=7).map(|i| on_screen(&h, i)).collect();
    let from = before[0].center();
    drag(&mut h, from, from + egui::vec2(0.0, 60.0));
    h.run_steps(3);
    let moved = h
        .state()
        .doc
        .design()
        .system(patchbay::model::SystemId(1))
        .and_then(|s| s.position);
    assert!(moved.is_some(), "the dragged system has a position now");
    for (k, rect) in before.iter().enumerate().skip(1) {
        let now = on_screen(&h, k as u32 + 1);
        assert!(
            (now.center() - rect.center()).length() < 1.0,
            "system {} moved from {rect:?} to {now:?}",
            k + 1
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .design()
            .systems
            .iter()
            .all(|s| s.position.is_none()),
        "one undo step"
    );
}

#[test]
fn the_status_line_is_cleared_when_the_design_changes_after_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = PatchbayApp::with_default_design(Box::new(Scripted::default()));
    app.command(Command::SaveTo(dir.path().join("retail.patchbay.ron")));
    let mut h = harness(app);
    assert!(
        h.state().status.starts_with("Saved to"),
        "{}",
        h.state().status
    );
    let mut l = h.state().doc.design().links[0].clone();
    l.volume += 1;
    h.state_mut()
        .command(Command::Edit(patchbay::model::edit::Edit::set_link(
            "Change volume",
            l,
        )));
    h.run_steps(3);
    assert_eq!(h.state().status, "");
}

#[test]
fn the_undo_menu_names_a_changed_input_in_lower_case() {
    let mut h = retail_with_a_batch_link_selected();
    let link = h.state().selection.links[0];
    h.state_mut().command(Command::SetInput {
        link,
        attr: patchbay::analysis::facts::Attr::Trigger,
        value: patchbay::analysis::facts::Value::Trigger(model::Trigger::UserAction),
    });
    h.run_steps(2);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label_contains("Undo change trigger");
}

#[test]
fn showing_a_flow_fits_the_whole_flow_in_view() {
    let mut h = default_design();
    h.state_mut().command(Command::Zoom(3.0));
    h.run_steps(3);
    h.state_mut().command(Command::ShowFlow(Some(1)));
    h.run_steps(4);
    let app = h.state();
    let canvas = app.canvas_rect();
    let g = h.state().doc.geometry();
    let flow = h.state().doc.design().flows[0].clone();
    for step in &flow.steps {
        for p in &g.link(*step).expect("drawn").route {
            let at = h.state().design_on_screen(*p);
            assert!(
                canvas.contains(at),
                "step {} at {at:?} outside {canvas:?}",
                step.0
            );
        }
    }
}

#[test]
fn panels_keep_their_width_whatever_is_selected_and_come_back_after_the_window_shrinks() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(
            |ui, app: &mut PatchbayApp| app.show(ui),
            PatchbayApp::with_default_design(Box::new(Scripted::default())),
        );
    h.run_steps(3);
    let inspector = |h: &Harness<'static, PatchbayApp>| {
        egui::containers::panel::PanelState::load(&h.ctx, egui::Id::new("inspector"))
            .map(|s| s.size().x)
            .expect("shown")
    };
    let width = inspector(&h);
    let ids: Vec<_> = h.state().doc.design().links.iter().map(|l| l.id).collect();
    for id in ids {
        h.state_mut().command(Command::SelectLink(id));
        h.run_steps(4);
        assert!(
            (inspector(&h) - width).abs() < 1.0,
            "link {}: {}",
            id.0,
            inspector(&h)
        );
    }
    h.set_size(egui::vec2(800.0, 600.0));
    h.run_steps(4);
    h.set_size(egui::vec2(1280.0, 720.0));
    h.run_steps(4);
    assert!(
        (inspector(&h) - width).abs() < 1.0,
        "back to {width}: {}",
        inspector(&h)
    );
}

#[test]
fn the_bus_comparison_names_a_dot_on_hover() {
    let mut h = default_design();
    h.state_mut().command(Command::ShowBus(true));
    h.run_steps(3);
    let title = h.get_by_label("Point-to-point today").rect();
    let below = h.get_by_label_contains("n = 7 systems").rect();
    // The circle's drawing sits between the two; its first dot is at the top.
    let center = egui::pos2(title.left() + 130.0, (title.bottom() + below.top()) / 2.0);
    let top_dot = center - egui::vec2(0.0, 0.4 * (below.top() - title.bottom() - 8.0));
    let first = h.state().doc.design().systems[0].name.clone();
    let before = h.query_all_by_label(&first).count();
    h.event(egui::Event::PointerMoved(top_dot));
    h.run_steps(4);
    assert_eq!(
        h.query_all_by_label(&first).count(),
        before + 1,
        "the dot's name shows on hover"
    );
}

#[test]
fn a_design_too_large_for_a_link_is_offered_as_a_download() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("big.patchbay.ron");
    let mut app = empty_app_with(Box::new(Scripted {
        save: vec![saved.clone()],
        ..Scripted::default()
    }));
    app.dialog = Some(patchbay::ui::Dialog::TooLargeForLink(40_000));
    let mut h = harness(app);
    h.get_by_label_contains("a link of 40,000 characters, more than the 32,000");
    h.get_by_label("Download the file").click();
    h.run_steps(3);
    assert!(h.state().dialog.is_none(), "answered");
    assert!(
        model::load(&saved).is_ok(),
        "the design was saved as a file"
    );
}

#[test]
fn present_steps_through_the_flows_then_the_findings_and_escape_leaves() {
    let mut h = default_design();
    let design = h.state().doc.design().clone();
    let analysis = patchbay::analysis::analyze(&design);
    h.key_press(Key::F5);
    h.run_steps(3);
    assert_eq!(h.state().presenting(), Some(None), "F5 presents");
    assert!(
        h.query_by_label("Add a system").is_none(),
        "the panels are hidden"
    );
    h.get_by_label_contains("the flows step by step, then the findings");
    // The first step of the first flow: its link selected, the flow shown, and the
    // caption with the reasons for its pattern and auth.
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    let checkout = &design.flows[0];
    let first = design.flow_links(checkout).next().expect("a step");
    assert_eq!(h.state().presenting(), Some(Some(0)));
    assert_eq!(h.state().selection.links, vec![first.id]);
    assert_eq!(h.state().shown.flow, Some(checkout.id));
    h.get_by_label_contains(&format!("{}, step 1 of", checkout.name));
    let a = analysis.link(first.id).expect("analysed");
    h.get_by_label_contains(&format!(
        "{}: {}",
        a.pattern.choice.label(),
        a.pattern.reason
    ));
    // Past the flows' steps come the findings, each subject selected.
    let steps: usize = design
        .flows
        .iter()
        .map(|f| design.flow_links(f).count())
        .sum();
    for _ in 0..steps {
        h.key_press(Key::ArrowRight);
    }
    h.run_steps(2);
    let finding = &analysis.findings[0];
    h.get_by_label_contains(finding.rule.id);
    if let patchbay::analysis::Subject::System(id) = finding.subject {
        assert_eq!(h.state().selection.systems, vec![id]);
    }
    // Back one is the last step again. (A pointer click on the canvas selects while
    // presenting as it does otherwise; checked by hand under Xvfb, since kittest's
    // synthetic clicks do not reach egui_graphs' click detection.)
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().presenting(), Some(Some(steps - 1)));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().presenting(), None, "Escape leaves");
    h.get_by_label("Add a system");
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Remembered(std::collections::HashMap<String, String>);

impl eframe::Storage for Remembered {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_theme_switch_changes_the_visuals_and_is_remembered() {
    let mut h = default_design();
    let before = h.ctx.theme();
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Light (for projectors)").click();
    h.run_steps(2);
    assert_eq!(h.ctx.theme(), egui::Theme::Light, "was {before:?}");
    assert!(!h.ctx.global_style().visuals.dark_mode);
    let mut storage = Remembered::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert_eq!(
        storage.0.get("patchbay.theme").map(String::as_str),
        Some("light")
    );

    // The next window opens light.
    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Dark);
    let mut app = PatchbayApp::with_default_design(Box::new(Scripted::default()));
    app.restore_theme(&ctx, Some(&storage));
    assert_eq!(ctx.theme(), egui::Theme::Light);

    // And back to dark.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Dark").click();
    h.run_steps(2);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
}

/// The canvas node whose accessible name starts with `start`.
fn canvas_item<'t>(h: &'t Harness<'static, PatchbayApp>, start: &str) -> egui_kittest::Node<'t> {
    let start = start.to_owned();
    let mut found: Vec<_> = h
        .query_all_by(move |n| {
            n.role() == egui::accesskit::Role::Button
                && n.label().is_some_and(|l| l.starts_with(&start))
        })
        .collect();
    assert_eq!(found.len(), 1, "one canvas item of that name");
    found.remove(0)
}

/// Presses Tab on the canvas until the first selected system or link is `want`.
fn tab_to(h: &mut Harness<'static, PatchbayApp>, want: impl Fn(&PatchbayApp) -> bool) {
    for _ in 0..40 {
        if want(h.state()) {
            return;
        }
        h.key_press(Key::Tab);
        h.run_steps(2);
    }
    panic!("Tab never reached it");
}

#[test]
fn a_design_is_drawn_connected_advised_and_undone_without_a_pointer() {
    let mut h = harness(empty_app());
    // The palette's buttons, pressed as a screen reader presses them.
    h.get_by_label("Web app").click_accesskit();
    h.run_steps(2);
    h.get_by_label("Salesforce org").click_accesskit();
    h.run_steps(3);
    assert_eq!(h.state().doc.design().systems.len(), 2);
    let (web, org) = {
        let d = h.state().doc.design();
        (d.systems[0].id, d.systems[1].id)
    };
    // Both are on the canvas by name, with their kind and what was found.
    canvas_item(&h, "Web app 1, Web app, ");
    canvas_item(&h, "Salesforce org 1, Salesforce org, ");

    // The canvas takes the keyboard; Tab goes through its items to the web app.
    h.get_by_label("Canvas").focus();
    h.run_steps(2);
    tab_to(&mut h, |app| app.selection.systems == vec![org]);
    let selected = canvas_item(&h, "Salesforce org 1, ");
    assert_eq!(selected.accesskit_node().is_selected(), Some(true));

    // Connect from the list of systems in the inspector: Salesforce calls out.
    h.get_by_value("Connect to…").click_accesskit();
    h.run_steps(2);
    h.get_by_label("-> Web app 1").click_accesskit();
    h.run_steps(3);
    let link = h.state().doc.design().links[0].clone();
    assert_eq!((link.from, link.to), (org, web));
    let before = canvas_item(&h, "Salesforce org 1 to Web app 1")
        .accesskit_node()
        .label()
        .expect("name");

    // The caller waits: the recommendation read from the link's name changes.
    h.get_by_label("needs response").click_accesskit();
    h.run_steps(3);
    assert!(h.state().doc.design().links[0].needs_response);
    let after = canvas_item(&h, "Salesforce org 1 to Web app 1")
        .accesskit_node()
        .label()
        .expect("name");
    let analysis = patchbay::analysis::analyze(h.state().doc.design());
    let pattern = analysis.link(link.id).expect("analysed").pattern.choice;
    assert!(after.contains(pattern.label()), "{after}");
    assert_ne!(before, after, "the name follows the advice");
    // How it was decided, and the what-if table, opened from the keyboard.
    h.get_by_label("How it was decided (Pattern)").focus();
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label(&format!("So: {}", pattern.id()));
    h.get_by_label("What if (Pattern)").focus();
    h.run_steps(2);
    h.key_press(Key::Space);
    h.run_steps(3);
    h.get_by_label("the caller waits for the answer");
    assert!(
        h.query_all_by_label(&format!("yes: {}", pattern.id()))
            .next()
            .is_some()
    );

    // Undo by key, and the advice goes back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(!h.state().doc.design().links[0].needs_response);
    assert_eq!(
        canvas_item(&h, "Salesforce org 1 to Web app 1")
            .accesskit_node()
            .label(),
        Some(before)
    );
}

#[test]
fn an_exercise_is_solved_from_the_keyboard_and_a_system_moved_by_arrows_in_one_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(learning_app(dir.path()));
    h.get_by_label("Learn").click_accesskit();
    h.run_steps(2);
    h.get_by_label_contains("Three minutes is too long to wait")
        .click_accesskit();
    h.run_steps(4);
    let d = h.state().doc.design().clone();
    let scoring = d.links[0].id;
    let (erp, org) = (d.systems[1].id, d.systems[0].id);

    // Select the link by Tab, make it not wait, and connect the way back.
    h.get_by_label("Canvas").focus();
    h.run_steps(2);
    tab_to(&mut h, |app| app.selection.links == vec![scoring]);
    h.get_by_label("needs response").click_accesskit();
    h.run_steps(3);
    h.get_by_label("Canvas").focus();
    h.run_steps(2);
    tab_to(&mut h, |app| app.selection.systems == vec![erp]);
    h.get_by_value("Connect to…").click_accesskit();
    h.run_steps(2);
    h.get_by_label(&format!("-> {}", d.systems[0].name))
        .click_accesskit();
    h.run_steps(3);
    let back = h.state().doc.design().links.last().expect("a link").clone();
    assert_eq!((back.from, back.to), (erp, org));
    h.get_by_label("Check my answer").click_accesskit();
    h.run_steps(3);
    h.get_by_label("Solved");

    // Arrow keys move the selected system; held, they are one undo step.
    h.get_by_label("Canvas").focus();
    h.run_steps(2);
    tab_to(&mut h, |app| app.selection.systems == vec![org]);
    let at = |h: &Harness<'static, PatchbayApp>| {
        h.state().doc.design().system(org).and_then(|s| s.position)
    };
    let start = at(&h).expect("placed");
    // Held: the key repeats, three presses while it is down.
    for _ in 0..3 {
        h.key_down(Key::ArrowRight);
        h.run_steps(1);
    }
    h.key_up(Key::ArrowRight);
    h.run_steps(3);
    let moved = at(&h).expect("placed");
    assert_eq!((moved.x - start.x, moved.y), (30.0, start.y));
    // A tap with Shift is a larger step, and a gesture of its own.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run_steps(3);
    assert_eq!(at(&h).expect("placed").y - start.y, 50.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(at(&h), Some(moved), "undo takes back the Shift step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(at(&h), Some(start), "one undo step takes back the held key");
    assert!(
        h.state().doc.design().links.iter().any(|l| l.from == erp),
        "the link made before the move is still there"
    );
}

#[test]
fn every_sample_s_systems_and_links_are_named_on_the_canvas_and_no_siblings_share_a_name() {
    for (i, sample) in patchbay::samples::ALL.iter().enumerate() {
        let mut app = PatchbayApp::with_default_design(Box::new(Scripted::default()));
        app.command(Command::OpenSample(i));
        let mut h = harness(app);
        h.run_steps(3);
        let d = h.state().doc.design().clone();
        h.get_by_label("Canvas");
        let items: Vec<String> = h
            .query_all_by(|n| n.role() == egui::accesskit::Role::Button)
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        for s in &d.systems {
            let start = format!("{}, {}", s.name, s.kind.label());
            assert!(
                items.iter().any(|l| l.starts_with(&start)),
                "{}: no node for {}",
                sample.title,
                s.name
            );
        }
        for l in &d.links {
            let from = &d.system(l.from).expect("end").name;
            let to = &d.system(l.to).expect("end").name;
            let start = format!("{from} to {to}");
            assert!(
                items.iter().any(|n| n.starts_with(&start)),
                "{}: no node for {start}",
                sample.title
            );
        }
        // Siblings: every group's children have names of their own.
        for group in h.query_all_by(|n| n.role() == egui::accesskit::Role::Group) {
            let names: Vec<String> = group
                .children()
                .filter_map(|c| c.accesskit_node().label())
                .filter(|n| !n.is_empty())
                .collect();
            let distinct: std::collections::HashSet<_> = names.iter().collect();
            assert_eq!(distinct.len(), names.len(), "{}: {names:?}", sample.title);
        }
    }
}

#[test]
fn each_finding_is_read_with_its_severity() {
    let h = default_design();
    let analysis = patchbay::analysis::analyze(h.state().doc.design());
    assert!(!analysis.findings.is_empty());
    for f in &analysis.findings {
        let start = format!("{}: {}", f.severity.label(), f.rule.id);
        assert!(
            h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with(&start)))
                .next()
                .is_some(),
            "no row read as {start}…"
        );
    }
}

#[test]
fn help_keyboard_lists_every_key_of_the_table_and_ctrl_plus_zooms_the_whole_window() {
    let mut h = default_design();
    h.key_press(Key::F1);
    h.run_steps(3);
    h.get_by_label("Keyboard");
    for heading in ["Anywhere", "While presenting"] {
        h.get_by_label(heading);
    }
    for what in [
        "Undo",
        "Go to the canvas: Give the canvas the keyboard, to select and move its systems and links",
        "Move the selected systems: One undo step while the keys are held",
        "Rename the selected system",
        "Keep the new name: Clicking elsewhere keeps it too",
    ] {
        assert!(
            h.query_all_by_label(what).next().is_some(),
            "Help > Keyboard lists {what}"
        );
    }
    h.get_by_label("F6");
    h.get_by_label_contains("Close or leave what is on top: a prompt (as Cancel)");
    h.get_by_label("Alt+Left, Alt+Right, Alt+Up, Alt+Down");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Anywhere").is_none(), "Escape closes it");

    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(3);
    assert!(h.ctx.zoom_factor() > before, "Ctrl+Plus zooms the window");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(3);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

#[test]
fn a_system_is_renamed_duplicated_and_deleted_from_the_keyboard() {
    let mut h = startup();
    let first = h.state().doc.design().systems[0].clone();
    h.key_press(Key::F6);
    h.run_steps(2);
    tab_to(&mut h, |app| app.selection.systems == vec![first.id]);
    h.key_press(Key::F2);
    h.run_steps(2);
    // The name box on the system's box has the keyboard.
    h.query_all_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused())
        .next()
        .expect("a focused name box")
        .type_text(" renamed");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let name = |h: &Harness<'static, PatchbayApp>| {
        h.state()
            .doc
            .design()
            .system(first.id)
            .map(|s| s.name.clone())
    };
    assert_eq!(name(&h), Some(format!("{} renamed", first.name)));
    let count = |h: &Harness<'static, PatchbayApp>| h.state().doc.design().systems.len();
    let before = count(&h);
    h.key_press(Key::F6);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    assert_eq!(count(&h), before + 1, "Ctrl+D duplicates");
    h.key_press(Key::Delete);
    h.run_steps(3);
    assert_eq!(count(&h), before, "Delete removes the selected copy");
    assert!(name(&h).is_some(), "the original stays");
}
