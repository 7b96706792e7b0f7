//! Analysis time on generated landscapes of 100, 1,000 and 10,000 systems with about
//! five links each. Target: 10,000 systems and 50,000 links in under 100 ms on one
//! core, growing linearly. Run with `cargo bench --bench analysis`.

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
}

criterion_group!(benches, analysis);
criterion_main!(benches);
