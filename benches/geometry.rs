//! Layout, routing and labels (the shared geometry) of generated designs with their
//! positions removed, so the automatic layout places every system. Targets: under
//! 20 ms for 100 systems and under 200 ms for 1,000 (Graphviz `dot` takes about 4 s on
//! the 1,000-system design). Run with `cargo bench --bench geometry`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use patchbay::analysis::analyze;
use patchbay::generate::{Params, generate};
use patchbay::geometry::Geometry;
use std::hint::black_box;
use std::time::Duration;

fn geometry(c: &mut Criterion) {
    let mut group = c.benchmark_group("geometry");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for systems in [100, 1_000] {
        let mut design = generate(Params {
            systems,
            links_per_system: 5,
            seed: 1,
        });
        for s in &mut design.systems {
            s.position = None;
        }
        let analysis = analyze(&design);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!(
                "{systems} systems, {} links, laid out",
                design.links.len()
            )),
            &design,
            |b, d| b.iter(|| Geometry::new(black_box(d), &analysis)),
        );
        // The same design with the positions the layout gave it: what the window
        // recomputes after Auto-layout and after every move.
        let mut placed = design.clone();
        for (id, p) in patchbay::geometry::auto_layout(&design) {
            if let Some(s) = placed.systems.iter_mut().find(|s| s.id == id) {
                s.position = Some(p);
            }
        }
        group.bench_with_input(
            BenchmarkId::from_parameter(format!(
                "{systems} systems, {} links, placed",
                placed.links.len()
            )),
            &placed,
            |b, d| b.iter(|| Geometry::new(black_box(d), &analysis)),
        );
    }
    group.finish();
}

criterion_group!(benches, geometry);
criterion_main!(benches);
