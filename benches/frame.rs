//! CPU time of one window frame (UI and tessellation, headless, no GPU) on generated
//! designs of 100 and 1,000 systems with three links each. Targets: under 2 ms for 100
//! systems and under 8 ms for 1,000. Run with `cargo bench --bench frame`.
//!
//! Three views of a 1920×1080 window: the whole design fitted (what the app opens with;
//! labels too small to read are left out), zoom 0.5 (system labels drawn, link labels
//! too small to read), and zoom 1 where every label in view is drawn.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use patchbay::generate::{Params, generate};
use patchbay::ui::{Command, Document, FileDialogs, PatchbayApp, Picked};
use std::time::Duration;

struct NoDialogs;
impl FileDialogs for NoDialogs {
    fn open(&mut self) -> Picked {
        Picked::Cancelled
    }
    fn save(&mut self, _: &str) -> Picked {
        Picked::Cancelled
    }
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

/// A few frames, so what the last change asked for (analysis, view model, fit,
/// zoom) is done before frames are measured.
fn settle(ctx: &egui::Context, app: &mut PatchbayApp) {
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
}

/// Measures one frame: the UI and its tessellation.
fn bench_frames(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: BenchmarkId,
    ctx: &egui::Context,
    app: &mut PatchbayApp,
) {
    group.bench_function(id, |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        });
    });
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    for systems in [100, 1_000] {
        for (view, zoom) in [
            ("fit", None),
            ("zoom 0.5", Some(0.5)),
            ("zoom 1, all labels", Some(1.0)),
        ] {
            let design = generate(Params {
                systems,
                links_per_system: 3,
                seed: 1,
            });
            let links = design.links.len();
            let mut app = PatchbayApp::new(Document::unsaved(design, "bench"), Box::new(NoDialogs));
            let ctx = egui::Context::default();
            // Settle: analysis, view model, fit; then the requested zoom.
            settle(&ctx, &mut app);
            if let Some(z) = zoom {
                app.command(Command::Zoom(z));
                settle(&ctx, &mut app);
            }
            let id = BenchmarkId::new(format!("{systems} systems, {links} links"), view);
            bench_frames(&mut group, id, &ctx, &mut app);
        }
    }
    group.finish();
}

/// The generated 10,000-system design of `cargo bench --bench large` (about 50,000
/// links), fitted and at 100%. Target: under 16 ms each.
fn large_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let design = generate(Params {
        systems: 10_000,
        links_per_system: 5,
        seed: 7,
    });
    let links = design.links.len();
    let mut app = PatchbayApp::new(Document::unsaved(design, "bench"), Box::new(NoDialogs));
    let ctx = egui::Context::default();
    for (view, zoom) in [("fit", None), ("zoom 1, all labels", Some(1.0))] {
        if let Some(z) = zoom {
            app.command(Command::Zoom(z));
        }
        settle(&ctx, &mut app);
        let id = BenchmarkId::new(format!("10000 systems, {links} links"), view);
        bench_frames(&mut group, id, &ctx, &mut app);
    }
    group.finish();
}

criterion_group!(benches, frame, large_frame);
criterion_main!(benches);
