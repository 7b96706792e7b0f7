//! Exporting the 1,000-system generated design to SVG and to HTML (target: under 200 ms
//! each), the 300-system one to PNG (target: under 2 s), and the findings of the
//! 10,000-system one as SARIF and as a CALM architecture (target: under 2 s each), and
//! that CALM file read back; the PDF review pack of 100 and 1,000 systems (targets: 2 s
//! and 10 s). Run with `cargo bench --bench export`.

use criterion::{Criterion, criterion_group, criterion_main};
use patchbay::analysis::analyze;
use patchbay::export::{ExportFormat, export};
use patchbay::generate::{Params, generate};
use std::hint::black_box;

fn exports(c: &mut Criterion) {
    let design = generate(Params {
        systems: 1_000,
        links_per_system: 5,
        seed: 1,
    });
    let mut group = c.benchmark_group("export 1000 systems");
    group.sample_size(20);
    for format in [ExportFormat::Svg, ExportFormat::Html] {
        // The whole path a user waits for: analysis, then the writer.
        group.bench_function(format.id(), |b| {
            b.iter(|| {
                let analysis = analyze(black_box(&design));
                export(&design, &analysis, format, 1.0)
            });
        });
    }
    group.finish();

    let design = generate(Params {
        systems: 300,
        links_per_system: 5,
        seed: 1,
    });
    let mut group = c.benchmark_group("export 300 systems");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.bench_function("png", |b| {
        b.iter(|| {
            let analysis = analyze(black_box(&design));
            export(&design, &analysis, ExportFormat::Png, 1.0)
        });
    });
    group.finish();
}

/// `analyze --format sarif` on 10,000 systems: analysis, the places of every system and
/// link in the file's text, and the log.
fn sarif(c: &mut Criterion) {
    let design = generate(Params {
        systems: 10_000,
        links_per_system: 5,
        seed: 1,
    });
    let text = patchbay::model::file::to_ron_string(&design).expect("writes");
    let mut group = c.benchmark_group("findings of 10000 systems");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.bench_function("sarif", |b| {
        b.iter(|| {
            let analysis = analyze(black_box(&design));
            let log = patchbay::report::sarif::render(&design, &analysis, "d.patchbay.ron", &text);
            serde_json::to_vec(&log).expect("json").len()
        });
    });
    // The whole `export --to calm` path: analysis, then the architecture.
    group.bench_function("calm", |b| {
        b.iter(|| {
            let analysis = analyze(black_box(&design));
            export(&design, &analysis, ExportFormat::Calm, 1.0)
                .expect("writes")
                .len()
        });
    });
    let calm = String::from_utf8(
        export(&design, &analyze(&design), ExportFormat::Calm, 1.0).expect("writes"),
    )
    .expect("text");
    group.bench_function("calm import", |b| {
        b.iter(|| {
            patchbay::interop::calm::import(black_box(&calm))
                .expect("reads")
                .design
                .links
                .len()
        });
    });
    group.finish();
}

/// The PDF review pack of 100 and 1,000 systems (targets: 2 s and 10 s): analysis,
/// layout and routing, the diagram's SVG, and the pack.
fn pdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(40));
    for systems in [100, 1_000] {
        let design = generate(Params {
            systems,
            links_per_system: 3,
            seed: 1,
        });
        group.bench_function(format!("{systems} systems"), |b| {
            b.iter(|| {
                let analysis = analyze(black_box(&design));
                export(&design, &analysis, ExportFormat::Pdf, 1.0)
                    .expect("writes")
                    .len()
            });
        });
    }
    group.finish();
}

/// Graphviz's `dot` on the DOT export of generated designs laid out by dot alone:
/// the export asks for a lighter drawing past `DOT_FULL_LINKS` links so that dot
/// finishes (target: under 60 s at 300 systems).
fn graphviz(c: &mut Criterion) {
    use std::io::Write;
    let mut group = c.benchmark_group("graphviz");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(60));
    for systems in [30, 100, 300] {
        let mut design = generate(Params {
            systems,
            links_per_system: 5,
            seed: 1,
        });
        for s in &mut design.systems {
            s.position = None;
        }
        let dot = export(&design, &analyze(&design), ExportFormat::Dot, 1.0).expect("dot");
        group.bench_function(format!("dot -Tsvg, {systems} systems"), |b| {
            b.iter(|| {
                let mut child = std::process::Command::new("dot")
                    .arg("-Tsvg")
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .expect("Graphviz dot");
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(&dot)
                    .expect("write");
                child.wait_with_output().expect("dot").stdout.len()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, exports, sarif, pdf, graphviz);
criterion_main!(benches);
