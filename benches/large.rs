//! Large designs end to end, as a person or a CI job meets them: the generated
//! 1,000- and 10,000-system designs (`patchbay generate --systems N --seed 7`, about
//! five links per system) read from their file text, analysed, reported, edited and
//! exported. Run with `cargo bench --bench large`; the README's "Large designs" table
//! gives the numbers measured with it. Frame times are in `cargo bench --bench frame`.
//!
//! Targets for 10,000 systems: read under 300 ms, the JSON report under 1 s, the text
//! report under 1 s, an edit's new recommendation under 16 ms (one frame), SVG and HTML
//! under 2 s each.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use patchbay::analysis::analyze;
use patchbay::document::Document;
use patchbay::export::{ExportFormat, export_design};
use patchbay::generate::{Params, generate};
use patchbay::model::{self, edit::Edit};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: [usize; 2] = [1_000, 10_000];

fn design(systems: usize) -> model::Design {
    generate(Params {
        systems,
        links_per_system: 5,
        seed: 7,
    })
}

fn label(systems: usize) -> String {
    format!("{systems} systems")
}

/// Reading, analysing and writing the reports: what `patchbay check` and
/// `patchbay analyze` do after the process starts.
fn commands(c: &mut Criterion) {
    let mut group = c.benchmark_group("large: commands");
    group.sample_size(10);
    for systems in SIZES {
        let d = design(systems);
        let text = model::to_ron_string(&d).expect("a generated design saves");
        group.bench_with_input(
            BenchmarkId::new("read and validate", label(systems)),
            &text,
            |b, t| {
                b.iter(|| model::parse(black_box(t)).expect("it reads back"));
            },
        );
        group.bench_with_input(BenchmarkId::new("analyze", label(systems)), &d, |b, d| {
            b.iter(|| analyze(black_box(d)));
        });
        let a = analyze(&d);
        group.bench_function(BenchmarkId::new("JSON report", label(systems)), |b| {
            b.iter(|| {
                patchbay::report::json::write(&mut std::io::sink(), &d, &a).expect("written")
            });
        });
        group.bench_function(BenchmarkId::new("text report", label(systems)), |b| {
            b.iter(|| {
                patchbay::report::text::write(&mut std::io::sink(), &d, &a).expect("written")
            });
        });
    }
    group.finish();
}

/// Opening in the window (read, analyse and draw: what the background open does), and
/// an edit of one link on the UI thread until its new recommendation is there; the
/// findings and the drawing follow from another thread and are waited for outside the
/// measurement.
fn window(c: &mut Criterion) {
    let mut group = c.benchmark_group("large: window");
    group.sample_size(10);
    for systems in SIZES {
        let d = design(systems);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("large.patchbay.ron");
        model::save(&d, &path).expect("saved");
        group.measurement_time(Duration::from_secs(if systems > 1_000 { 60 } else { 10 }));
        group.bench_function(
            BenchmarkId::new("open (read, analyze, draw)", label(systems)),
            |b| {
                b.iter(|| {
                    let (design, header) = model::load_with_header(&path).expect("loads");
                    Document::from_file(design, path.clone()).with_header(header)
                });
            },
        );
        let mut doc = Document::unsaved(d, "bench");
        let mut k = 0;
        group.measurement_time(Duration::from_secs(10));
        group.bench_function(
            BenchmarkId::new("edit to recommendation", label(systems)),
            |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        k = (k + 7919) % doc.design().links.len();
                        let mut link = doc.design().links[k].clone();
                        link.needs_response = !link.needs_response;
                        let id = link.id;
                        let t = Instant::now();
                        doc.apply(Edit::set_link("Toggle", link));
                        black_box(doc.analysis().link(id).map(|a| a.pattern.choice));
                        spent += t.elapsed();
                        // The findings and drawing of this edit, outside the measurement.
                        while doc.is_working() {
                            doc.poll_background();
                            std::thread::sleep(Duration::from_millis(2));
                        }
                    }
                    spent
                });
            },
        );
    }
    group.finish();
}

/// SVG and HTML exports: the whole path a user waits for after the file is read,
/// analysis included, as `patchbay export` takes it.
fn exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("large: export");
    group.sample_size(10);
    for systems in SIZES {
        let d = design(systems);
        group.measurement_time(Duration::from_secs(if systems > 1_000 { 60 } else { 10 }));
        for format in [ExportFormat::Svg, ExportFormat::Html] {
            group.bench_function(BenchmarkId::new(format.id(), label(systems)), |b| {
                b.iter(|| export_design(black_box(&d), format, 1.0).expect("exported"));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, commands, window, exports);
criterion_main!(benches);
