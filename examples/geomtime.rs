use patchbay::analysis::analyze;
use patchbay::generate::{Params, generate};
use patchbay::geometry::Geometry;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let strip = std::env::args().nth(2).is_some();
    let mut d = generate(Params {
        systems: n,
        links_per_system: 5,
        seed: 1,
    });
    if strip {
        for s in &mut d.systems {
            s.position = None;
        }
    }
    let a = analyze(&d);
    let t = std::time::Instant::now();
    let g = Geometry::new(&d, &a);
    println!("{n} systems, {} links: {:?}", g.links.len(), t.elapsed());
}
