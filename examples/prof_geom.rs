use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let design = patchbay::model::load(std::path::Path::new(&path)).unwrap();
    let a = patchbay::analysis::analyze(&design);
    for _ in 0..1 {
        let t = Instant::now();
        let g = patchbay::geometry::Geometry::new(&design, &a);
        println!("geometry {:?} {}", t.elapsed(), g.links.len());
    }
}
