//! Analysis time on generated landscapes of 100, 1,000 and 10,000 systems with about
//! five links each. Target: 10,000 systems and 50,000 links in under 100 ms on one
//! core, growing linearly. Also the what-if table of one link (under 1 ms) and
//! Introduce a bus on 1,000 systems (under 100 ms), and `diff` of two 10,000-system
//! designs (under 300 ms), and importing a 10,000-row CSV catalogue, a draw.io file of
//! 1,000 shapes (Patchbay's own, and one drawn by hand) or a Mermaid flowchart of 1,000
//! nodes (under 300 ms each).
//! Run with
//! `cargo bench --bench analysis`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use patchbay::analysis::analyze;
use patchbay::generate::{Params, generate};
use std::hint::black_box;
use std::time::Duration;

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for systems in [100, 1_000, 10_000] {
        let design = generate(Params {
            systems,
            links_per_system: 5,
            seed: 1,
        });
        group.throughput(Throughput::Elements(design.links.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{systems} systems, {} links", design.links.len())),
            &design,
            |b, d| {
                b.iter(|| analyze(black_box(d)));
            },
        );
    }
    group.finish();

    // The what-if table of one link, all four decisions: computed live in the
    // inspector, so it must stay far under a frame (target: under 1 ms).
    let design = generate(Params {
        systems: 100,
        links_per_system: 5,
        seed: 1,
    });
    let analysis = analyze(&design);
    let facts = analysis.links[0].facts;
    c.bench_function("what-if table, one link", |b| {
        use patchbay::analysis::decision::what_if;
        use patchbay::analysis::{auth, events, mtls, pattern};
        b.iter(|| {
            let f = black_box(&facts);
            (
                what_if::<pattern::PatternDecision>(f).len(),
                what_if::<events::EventsDecision>(f).len(),
                what_if::<auth::AuthDecision>(f).len(),
                what_if::<mtls::MtlsDecision>(f).len(),
            )
        });
    });
}

/// Introduce a bus on the 1,000-system design (target: under 100 ms): the edit, and
/// the edit applied to the document's design; then the comparison the bus window
/// shows (the ESB question decided with and without the hub).
fn bus(c: &mut Criterion) {
    let design = generate(Params {
        systems: 1_000,
        links_per_system: 5,
        seed: 1,
    });
    let mut group = c.benchmark_group("introduce a bus");
    group.sample_size(20);
    group.bench_function("1,000 systems: build and apply the edit", |b| {
        b.iter_batched(
            || design.clone(),
            |mut d| {
                let edit = patchbay::model::bus::introduce(black_box(&d)).expect("links");
                edit.apply(&mut d);
                d
            },
            criterion::BatchSize::LargeInput,
        );
    });
    // What the window waits for: the edit, the new analysis and the new drawing.
    group.sample_size(10);
    group.bench_function("1,000 systems: in the document, analysed and drawn", |b| {
        b.iter_batched(
            || patchbay::document::Document::unsaved(design.clone(), "bench"),
            |mut doc| {
                let edit = patchbay::model::bus::introduce(doc.design()).expect("links");
                doc.apply(edit);
                doc
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.bench_function("1,000 systems: side by side", |b| {
        b.iter(|| patchbay::learn::bus::SideBySide::of(black_box(&design)));
    });
    group.finish();
}

/// Compare two 10,000-system designs that differ in a few hundred places (target:
/// under 300 ms): both analysed (on two threads), paired and compared.
fn compare(c: &mut Criterion) {
    let before = generate(Params {
        systems: 10_000,
        links_per_system: 5,
        seed: 1,
    });
    let mut after = before.clone();
    for (i, l) in after
        .links
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 200 == 0)
    {
        l.needs_response = !l.needs_response;
        l.purpose = format!("changed {i}");
    }
    for s in after.systems.iter_mut().step_by(500) {
        s.name.push_str(" (renamed)");
    }
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.bench_function("10,000 systems, a few hundred changes", |b| {
        b.iter(|| patchbay::review::diff(black_box(&before), black_box(&after)));
    });
    group.finish();
}

/// Import an interface catalogue of about 10,000 rows (target: under 300 ms).
fn catalogue(c: &mut Criterion) {
    let design = generate(Params {
        systems: 2_000,
        links_per_system: 5,
        seed: 1,
    });
    let csv = String::from_utf8(
        patchbay::export::export(
            &design,
            &patchbay::analysis::analyze(&design),
            patchbay::export::ExportFormat::Csv,
            1.0,
        )
        .expect("csv"),
    )
    .expect("utf-8");
    let rows = csv.lines().count() - 1;
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function(format!("CSV catalogue, {rows} rows"), |b| {
        b.iter(|| patchbay::interop::csv::import(black_box(&csv)).expect("reads"));
    });
    // A draw.io file of 1,000 shapes (target: under 300 ms).
    let design = generate(Params {
        systems: 1_000,
        links_per_system: 3,
        seed: 1,
    });
    let drawio = patchbay::interop::drawio::export(&design, &patchbay::analysis::analyze(&design));
    group.bench_function("draw.io file, 1,000 shapes", |b| {
        b.iter(|| patchbay::interop::drawio::import(black_box(&drawio), None).expect("reads"));
    });
    // The same size drawn by hand: no Patchbay data, HTML labels, group frames drawn
    // around shapes (not holding them), edge labels as child cells (under 300 ms).
    let hand = hand_drawn(1_000);
    group.bench_function("draw.io file drawn by hand, 1,000 shapes", |b| {
        b.iter(|| patchbay::interop::drawio::import(black_box(&hand), None).expect("reads"));
    });
    // A Mermaid flowchart of 1,000 nodes (target: under 300 ms).
    let mermaid = String::from_utf8(
        patchbay::export::export(
            &design,
            &patchbay::analysis::analyze(&design),
            patchbay::export::ExportFormat::Mermaid,
            1.0,
        )
        .expect("mermaid"),
    )
    .expect("utf-8");
    group.bench_function("Mermaid flowchart, 1,000 nodes", |b| {
        b.iter(|| patchbay::interop::mermaid::import(black_box(&mermaid)).expect("reads"));
    });
    group.finish();
}

/// A draw.io page of `n` shapes as people draw them: ten frames drawn around rows of
/// shapes, three edges a shape, each with its label as a child cell.
fn hand_drawn(n: usize) -> String {
    use std::fmt::Write;
    let mut x = String::from(
        "<mxfile><diagram name=\"Page-1\"><mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>",
    );
    let per_frame = n / 10;
    for f in 0..10 {
        let _ = write!(
            x,
            "<mxCell id=\"f{f}\" value=\"&lt;b&gt;Frame {f}&lt;/b&gt;\" style=\"rounded=0;html=1;dashed=1;fillColor=none;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"0\" y=\"{}\" width=\"{}\" height=\"180\" as=\"geometry\"/></mxCell>",
            f * 200,
            per_frame * 150 + 40
        );
    }
    for i in 0..n {
        let (f, k) = (i / per_frame, i % per_frame);
        let _ = write!(
            x,
            "<mxCell id=\"v{i}\" value=\"Service {i}&lt;br&gt;(team {f})\" style=\"rounded=1;whiteSpace=wrap;html=1;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"{}\" y=\"{}\" width=\"120\" height=\"60\" as=\"geometry\"/></mxCell>",
            k * 150 + 20,
            f * 200 + 60
        );
    }
    for i in 0..n {
        for step in [1, 7, 31] {
            let j = (i + step) % n;
            let _ = write!(
                x,
                "<mxCell id=\"e{i}-{step}\" style=\"edgeStyle=orthogonalEdgeStyle;html=1;\" edge=\"1\" parent=\"1\" source=\"v{i}\" target=\"v{j}\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell><mxCell id=\"l{i}-{step}\" value=\"calls {step}\" style=\"edgeLabel;html=1;\" vertex=\"1\" connectable=\"0\" parent=\"e{i}-{step}\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>"
            );
        }
    }
    x.push_str("</root></mxGraphModel></diagram></mxfile>");
    x
}

criterion_group!(benches, analysis, bus, compare, catalogue);
criterion_main!(benches);
