//! The drawing of a design: box sizes, positions, link routes, label places and zone
//! regions, computed once per change of the design. The window's canvas and every
//! picture export (SVG, PNG, HTML) draw from it, so what you see is what you export.
//! Nothing here knows about egui.

pub mod columns;
pub mod index;
pub mod labels;
pub mod layered;
mod placement;
pub mod quality;
mod rect;
pub mod route;
mod shapes;
pub mod text;

use crate::analysis::{Analysis, Subject};
pub use crate::model::Pos;
use crate::model::{Design, SystemId};
use index::Grid;
use placement::free_spot;
pub use placement::{Layout, READABLE_VIEW, READABLE_ZOOM, auto_layout};
pub use rect::Rect;
pub use shapes::{
    DrawnAdvice, Geometry, LinkShape, OVERVIEW_FONT, SystemShape, ZONE_PADDING,
    ZONE_TITLE_ZOOMED_OUT, ZoneShape, short_tag,
};
use shapes::{OVERVIEW_MAX_LINKS, ZONE_TITLE_ROOM};

impl Geometry {
    /// The drawing of `design`: systems where the file puts them (the automatic layout
    /// when none has a position; systems without one placed in free space when only
    /// some lack one), routes around every box, and labels where they fit.
    pub fn new(design: &Design, analysis: &Analysis) -> Self {
        Self::with_advice(design, &DrawnAdvice::of(analysis))
    }

    /// The drawing from what it shows of the analysis (see [`DrawnAdvice`]).
    pub fn with_advice(design: &Design, advice: &DrawnAdvice) -> Self {
        Self::from_layout(design, Layout::of(design), advice)
    }

    /// `design` analysed and drawn at once: the systems are placed and the links routed
    /// on another thread while the design is analysed here (neither needs the other).
    /// Then, while that thread adds the labels and outlines and hands the drawing to
    /// `with_drawing`, this one hands the analysis to `with_analysis`.
    pub fn analysed_with<D: Send, A>(
        design: &Design,
        with_drawing: impl FnOnce(Self) -> D + Send,
        with_analysis: impl FnOnce(&Analysis) -> A,
    ) -> (D, A) {
        let (advice_tx, advice_rx) = std::sync::mpsc::channel::<DrawnAdvice>();
        // Placing and routing wait for the analysis's advice only at the end; without
        // a thread, the analysis runs first and the advice is waiting.
        crate::job::beside(
            "draw",
            move || {
                let layout = Layout::of(design);
                // No advice only when the analysis panicked, and then nothing is made.
                let advice = advice_rx.recv().unwrap_or_default();
                with_drawing(Self::from_layout(design, layout, &advice))
            },
            || {
                let analysis = crate::analysis::analyze(design);
                let _ = advice_tx.send(DrawnAdvice::of(&analysis));
                with_analysis(&analysis)
            },
        )
    }

    /// The drawing of a layout of `design`, with what it shows of the analysis.
    pub fn from_layout(design: &Design, layout: Layout, advice: &DrawnAdvice) -> Self {
        let Layout {
            sizes,
            pairs,
            centers,
            routes,
        } = layout;
        let worst = &advice.worst;
        let systems: Vec<SystemShape> = design
            .systems
            .iter()
            .zip(sizes)
            .zip(&centers)
            .map(|((s, size), c)| SystemShape {
                id: s.id,
                name: s.name.clone(),
                lines: size.lines,
                kind: s.kind,
                rect: Rect::centered(*c, size.width, size.height),
                severity: worst.get(&Subject::System(s.id)).copied(),
            })
            .collect();
        let boxes: Vec<Rect> = systems.iter().map(|s| s.rect).collect();
        let zones = zone_shapes(design, &systems);

        let mut links: Vec<LinkShape> = Vec::with_capacity(routes.len());
        for ((l, route), pair) in design.links.iter().zip(routes).zip(&pairs) {
            if pair.is_none() {
                continue;
            }
            let Some(&(pattern, auth_flow)) = advice.link(l.id) else {
                continue;
            };
            links.push(LinkShape {
                id: l.id,
                from: l.from,
                to: l.to,
                route,
                pattern,
                severity: worst.get(&Subject::Link(l.id)).copied(),
                full_label: format!("{} · {}", pattern.id(), auth_flow.id()),
                short_label: short_tag(pattern).to_owned(),
                label: None,
                overview: None,
            });
        }
        place_labels(&mut links, &boxes, &zones);
        let mut g = Geometry {
            systems,
            links,
            zones,
            bounds: Rect::default(),
        };
        g.bounds = g.compute_bounds();
        g
    }

    fn compute_bounds(&self) -> Rect {
        let mut b: Option<Rect> = None;
        let mut add = |r: Rect| b = Some(b.map_or(r, |o| o.union(&r)));
        for s in &self.systems {
            add(s.rect);
        }
        for z in &self.zones {
            add(z.rect);
            add(z.title);
        }
        for l in &self.links {
            for p in &l.route {
                add(Rect::new(p.x, p.y, p.x, p.y));
            }
            if let Some(p) = &l.label {
                add(p.rect);
            }
        }
        b.unwrap_or(Rect::new(
            0.0,
            0.0,
            text::MIN_BOX_WIDTH,
            text::BASE_BOX_HEIGHT,
        ))
    }

    /// A system's shape.
    pub fn system(&self, id: SystemId) -> Option<&SystemShape> {
        // In the design's order, which is id order for a loaded design.
        match self.systems.binary_search_by_key(&id, |s| s.id) {
            Ok(i) => Some(&self.systems[i]),
            Err(_) => self.systems.iter().find(|s| s.id == id),
        }
    }

    /// A link's shape. Fast when the design's links are in id order, correct in any.
    pub fn link(&self, id: crate::model::LinkId) -> Option<&LinkShape> {
        match self.links.binary_search_by_key(&id, |l| l.id) {
            Ok(i) => Some(&self.links[i]),
            Err(_) => self.links.iter().find(|l| l.id == id),
        }
    }

    /// A centre for a new system near `near` where its box covers no box, zone title,
    /// link or label.
    pub fn free_spot(&self, near: Pos) -> Pos {
        let mut taken = Grid::new(160.0);
        for s in &self.systems {
            taken.insert(s.rect);
        }
        for z in &self.zones {
            taken.insert(z.title);
        }
        for l in &self.links {
            for w in l.route.windows(2) {
                taken.insert(Rect::around_segment(w[0], w[1], 1.0));
            }
            if let Some(p) = &l.label {
                taken.insert(p.rect);
            }
        }
        free_spot(
            &taken,
            near,
            text::MIN_BOX_WIDTH,
            text::BASE_BOX_HEIGHT,
            24.0,
        )
    }
}

fn zone_shapes(design: &Design, systems: &[SystemShape]) -> Vec<ZoneShape> {
    let mut out = Vec::new();
    for z in &design.zones {
        let members = design
            .systems
            .iter()
            .zip(systems)
            .filter(|(s, _)| s.zone == Some(z.id))
            .map(|(_, g)| g.rect);
        let Some(inner) = members.reduce(|a, b| a.union(&b)) else {
            continue;
        };
        let rect = Rect::new(
            inner.x0 - ZONE_PADDING,
            inner.y0 - ZONE_PADDING - ZONE_TITLE_ROOM,
            inner.x1 + ZONE_PADDING,
            inner.y1 + ZONE_PADDING,
        );
        let title_w = text::width(&z.name, text::ZONE_FONT);
        let title = Rect::new(
            rect.x0 + 8.0,
            rect.y0 + 6.0,
            rect.x0 + 8.0 + title_w,
            rect.y0 + 6.0 + text::ZONE_FONT,
        );
        out.push(ZoneShape {
            id: z.id,
            name: z.name.clone(),
            rect,
            title,
        });
    }
    out
}

/// Places every link's label at normal size and its short tag at overview size.
fn place_labels(links: &mut [LinkShape], boxes: &[Rect], zones: &[ZoneShape]) {
    let mut solid = Grid::new(160.0);
    for b in boxes {
        solid.insert(*b);
    }
    for z in zones {
        solid.insert(z.title_zoomed_out());
    }
    let mut flat = Grid::with_cells(2048.0, 32.0);
    let mut tall = Grid::with_cells(32.0, 2048.0);
    let (mut flat_owner, mut tall_owner) = (Vec::new(), Vec::new());
    for (i, l) in links.iter().enumerate() {
        for w in l.route.windows(2) {
            let r = Rect::around_segment(w[0], w[1], 1.0);
            if (w[0].y - w[1].y).abs() < 1e-3 {
                flat.insert(r);
                flat_owner.push(i);
            } else {
                tall.insert(r);
                tall_owner.push(i);
            }
        }
    }
    let scene = labels::Scene {
        solid: &solid,
        routes: [&flat, &tall],
        route_owner: [&flat_owner, &tall_owner],
    };
    let routes: Vec<Vec<Pos>> = links.iter().map(|l| l.route.clone()).collect();
    let texts: Vec<(String, String)> = links
        .iter()
        .map(|l| (l.full_label.clone(), l.short_label.clone()))
        .collect();
    let normal = labels::place(&scene, &routes, &texts, text::LABEL_FONT, true);
    // Past a few thousand links no tag is readable at a zoom that shows them all.
    let overview = if links.len() <= OVERVIEW_MAX_LINKS {
        labels::place(&scene, &routes, &texts, OVERVIEW_FONT, false)
    } else {
        vec![None; links.len()]
    };
    for ((l, n), o) in links.iter_mut().zip(normal).zip(overview) {
        l.label = n;
        l.overview = o;
    }
}
