//! The drawing every picture shares, held to the readability targets on the samples
//! (with their positions, and with positions removed so the automatic layout places
//! them) and on a generated 30-system design: no link through a box, no overlapping
//! labels, no cut names, zones apart, and no more crossings than Graphviz's `dot`
//! draws for the same design (the counts below were measured with the diagram meter).

use patchbay::analysis::analyze;
use patchbay::generate::{Params, generate};
use patchbay::geometry::{Geometry, quality};
use patchbay::model::{self, Design};
use patchbay::samples;

fn without_positions(mut d: Design) -> Design {
    for s in &mut d.systems {
        s.position = None;
    }
    d
}

fn check(name: &str, d: &Design, max_crossings: usize) -> quality::Quality {
    let g = Geometry::new(d, &analyze(d));
    let q = quality::measure(&g);
    assert_eq!(q.link_through_box, 0, "{name}: links through boxes: {q:?}");
    assert_eq!(q.label_label, 0, "{name}: overlapping labels: {q:?}");
    assert_eq!(q.label_box, 0, "{name}: labels over boxes: {q:?}");
    assert_eq!(q.truncated, 0, "{name}: cut names: {q:?}");
    assert!(
        q.crossings <= max_crossings,
        "{name}: {} crossings, dot draws {max_crossings}",
        q.crossings
    );
    for (i, a) in g.zones.iter().enumerate() {
        for b in &g.zones[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect, 0.0),
                "{name}: zones {} and {} overlap",
                a.name,
                b.name
            );
        }
    }
    // Every link ends on its target's border, and starts on its source's.
    for l in g.links.iter() {
        let (Some(a), Some(b)) = (g.system(l.from), g.system(l.to)) else {
            panic!("{name}: link {} has no ends", l.id.0);
        };
        let on_border = |r: &patchbay::geometry::Rect, p: patchbay::geometry::Pos| {
            r.grow(0.01).contains(p) && !r.grow(-0.01).contains_strictly(p)
        };
        assert!(
            on_border(&a.rect, l.route[0]),
            "{name}: link {} starts off its box",
            l.id.0
        );
        assert!(
            on_border(&b.rect, l.route[l.route.len() - 1]),
            "{name}: link {} ends off its box",
            l.id.0
        );
    }
    q
}

/// Crossings in `dot -Tsvg` (Graphviz 2.43) of each sample's DOT export, counted by
/// `../shared/meters/diagram_quality.py` (see the README's table).
const DOT_CROSSINGS: [(&str, usize); 7] = [
    ("retail", 0),
    ("enterprise", 56),
    ("enterprise-to-be", 63),
    ("healthcare", 1),
    ("iot-fleet", 0),
    ("legacy", 6),
    ("startup", 0),
];

#[test]
fn samples_are_drawn_readably_with_and_without_positions() {
    for s in samples::ALL {
        let d = model::parse(s.text).expect("valid");
        let stem = s.file_name.trim_end_matches(".patchbay.ron");
        let dot = DOT_CROSSINGS
            .iter()
            .find(|(n, _)| *n == stem)
            .map_or(0, |(_, c)| *c);
        check(stem, &d, dot);
        check(&format!("{stem} (laid out)"), &without_positions(d), dot);
    }
}

#[test]
fn a_generated_design_is_drawn_readably() {
    let d = without_positions(generate(Params {
        systems: 30,
        links_per_system: 5,
        seed: 1,
    }));
    check("generated 30", &d, 2412);
}

#[test]
fn the_drawing_is_the_same_every_time() {
    let d = model::parse(samples::DEFAULT.text).expect("valid");
    let a = analyze(&d);
    let (g1, g2) = (Geometry::new(&d, &a), Geometry::new(&d, &a));
    let routes = |g: &Geometry| g.links.iter().map(|l| l.route.clone()).collect::<Vec<_>>();
    assert_eq!(routes(&g1), routes(&g2));
}

#[test]
fn a_system_added_later_lands_in_free_space() {
    let d = model::parse(samples::DEFAULT.text).expect("valid");
    let g = Geometry::new(&d, &analyze(&d));
    let first = &g.links[0].route;
    // Aim at the middle of a link: the new box must land clear of it and of every box.
    let aim = first[first.len() / 2];
    let at = g.free_spot(aim);
    let new = patchbay::geometry::Rect::centered(at, 160.0, 56.0);
    for s in &g.systems {
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
fn systems_placed_by_hand_keep_their_place_and_the_others_land_in_free_space() {
    let mut d = model::parse(samples::DEFAULT.text).expect("valid");
    let moved = d.systems[0].id;
    d.systems[0].position = None;
    let g = Geometry::new(&d, &analyze(&d));
    for (s, shape) in d.systems.iter().zip(&g.systems) {
        if let Some(p) = s.position {
            let c = shape.rect.center();
            assert!(
                (c.x - p.x).abs() < 0.01 && (c.y - p.y).abs() < 0.01,
                "{} moved",
                s.name
            );
        }
    }
    let placed = g.system(moved).expect("drawn").rect;
    for s in g.systems.iter().filter(|s| s.id != moved) {
        assert!(
            !placed.overlaps(&s.rect.grow(20.0), 0.0),
            "lands on {}",
            s.name
        );
    }
}

#[test]
fn every_link_in_the_svg_carries_its_full_label_in_its_title() {
    for s in samples::ALL {
        let d = model::parse(s.text).expect("valid");
        let a = analyze(&d);
        let svg = patchbay::report::svg::render(&d, &a);
        let g = Geometry::new(&d, &a);
        for l in g.links.iter() {
            let group = format!("<g class=\"link\" id=\"link-{}\"><title>", l.id.0);
            let start = svg.find(&group).expect("link drawn") + group.len();
            let title = &svg[start..start + svg[start..].find("</title>").expect("closed")];
            assert!(
                title.ends_with(&l.full_label.replace('&', "&amp;")),
                "{}: link {} title {title:?}",
                s.file_name,
                l.id.0
            );
        }
    }
}

#[test]
fn a_large_placed_design_keeps_its_links_out_of_boxes_short_and_near_the_boxes() {
    // Systems on a grid, links between any two: most skip many columns, and some join
    // two systems of one column with others between them.
    let d = generate(Params {
        systems: 300,
        links_per_system: 5,
        seed: 7,
    });
    let g = Geometry::new(&d, &analyze(&d));
    let q = quality::measure(&g);
    assert_eq!(q.link_through_box, 0, "{q:?}");
    let points: usize = g.links.iter().map(|l| l.route.len()).sum();
    let per_link = points as f32 / g.links.len() as f32;
    assert!(
        per_link < 9.0,
        "{per_link:.1} points a link: one step a column"
    );
    let boxes = g
        .systems
        .iter()
        .map(|s| s.rect)
        .reduce(|a, b| a.union(&b))
        .expect("systems");
    // Links may pass above and below the boxes, but not a drawing's height away.
    assert!(
        g.bounds.height() <= boxes.height() + 2.0 * 3_000.0 + 200.0,
        "{} tall for boxes {} tall",
        g.bounds.height(),
        boxes.height()
    );
}

#[test]
fn systems_placed_at_the_ends_of_the_number_range_are_drawn_without_hanging() {
    // A file may put a system anywhere a finite number reaches; the drawing is useless
    // there, but opening or exporting it must not take minutes or gigabytes.
    let mut d = model::parse(samples::ALL[0].text).expect("valid");
    let far = [3.0e38, -3.0e38, 1.0e30, 0.0, -2.0e20, 5.0e37];
    for (s, v) in d.systems.iter_mut().zip(far.iter().cycle()) {
        s.position = Some(model::Pos { x: v / 7.0, y: *v });
    }
    let g = Geometry::new(&d, &analyze(&d));
    assert_eq!(g.links.len(), d.links.len());
    let svg = patchbay::report::svg::render(&d, &analyze(&d));
    assert!(svg.starts_with("<svg"));
}
