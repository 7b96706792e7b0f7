//! The drawing of a design: box sizes, positions, link routes, label places and zone
//! regions, computed once per change of the design. The window's canvas and every
//! picture export (SVG, PNG, HTML) draw from it, so what you see is what you export.
//! Nothing here knows about egui.

pub mod columns;
pub mod index;
pub mod labels;
pub mod layered;
pub mod quality;
mod rect;
pub mod route;
pub mod text;

use crate::analysis::{Analysis, Pattern, Severity, Subject};
pub use crate::model::Pos;
use crate::model::{Design, LinkId, SystemId, SystemKind, ZoneId};
use index::Grid;
use labels::Placed;
pub use rect::Rect;
use std::collections::HashMap;

/// Room between a zone's outline and its systems.
pub const ZONE_PADDING: f32 = 20.0;
/// How large, in design units, a zone's title is drawn at the smallest zoom a fitted
/// design is expected to be read at: the window keeps titles at least 10 points high
/// on screen, which at 38% is 26 units, twice the title's own size. Labels keep clear
/// of that much.
pub const ZONE_TITLE_ZOOMED_OUT: f32 = 26.0;

/// Room above a zone's systems for its title.
const ZONE_TITLE_ROOM: f32 = text::ZONE_FONT + 12.0;
/// Font of the short tags drawn when the view is zoomed out too far to read labels.
pub const OVERVIEW_FONT: f32 = 20.0;

/// Designs with more links than this get no overview tags.
const OVERVIEW_MAX_LINKS: usize = 2_000;

/// A system as drawn.
#[derive(Clone, Debug)]
pub struct SystemShape {
    /// Its id.
    pub id: SystemId,
    /// Its full name.
    pub name: String,
    /// The name broken into the lines drawn in the box.
    pub lines: Vec<String>,
    /// Its kind.
    pub kind: SystemKind,
    /// Its box.
    pub rect: Rect,
    /// The worst finding about it.
    pub severity: Option<Severity>,
}

/// A link as drawn.
#[derive(Clone, Debug)]
pub struct LinkShape {
    /// Its id.
    pub id: LinkId,
    /// The system it starts at.
    pub from: SystemId,
    /// The system it ends at.
    pub to: SystemId,
    /// Its route: from the source's border to the target's border (the arrow's tip).
    pub route: Vec<Pos>,
    /// Its recommended pattern (its colour).
    pub pattern: Pattern,
    /// The worst finding about it.
    pub severity: Option<Severity>,
    /// "request-reply · jwt-bearer": what the label says when there is room.
    pub full_label: String,
    /// The pattern's short tag, for tight spots.
    pub short_label: String,
    /// The label as placed at normal size, if there was room for one.
    pub label: Option<Placed>,
    /// The short tag as placed at overview size, if there was room.
    pub overview: Option<Placed>,
}

/// A zone as drawn.
#[derive(Clone, Debug)]
pub struct ZoneShape {
    /// Its id.
    pub id: ZoneId,
    /// Its name.
    pub name: String,
    /// Its outline.
    pub rect: Rect,
    /// Where its title is written.
    pub title: Rect,
}

impl ZoneShape {
    /// The room the title takes when the view is zoomed out and the window draws it
    /// larger than its own size (see [`ZONE_TITLE_ZOOMED_OUT`]), within the zone.
    pub fn title_zoomed_out(&self) -> Rect {
        let w = text::width(&self.name, ZONE_TITLE_ZOOMED_OUT);
        Rect::new(
            self.title.x0,
            self.title.y0,
            (self.title.x0 + w)
                .min(self.rect.x1 - 8.0)
                .max(self.title.x1),
            self.title.y0 + ZONE_TITLE_ZOOMED_OUT,
        )
    }
}

/// Everything to draw.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    /// Systems, in the design's order.
    pub systems: Vec<SystemShape>,
    /// Links, in the design's order.
    pub links: Vec<LinkShape>,
    /// Zones with at least one system.
    pub zones: Vec<ZoneShape>,
    /// What it all covers.
    pub bounds: Rect,
}

/// A pattern's short tag, for labels with no room for the full text.
pub const fn short_tag(p: Pattern) -> &'static str {
    match p {
        Pattern::RequestReply => "req-reply",
        Pattern::FireAndForget => "fire&forget",
        Pattern::BatchDataSync => "batch",
        Pattern::RemoteCallIn => "call-in",
        Pattern::UiUpdate => "ui-update",
        Pattern::DataVirtualization => "virtual",
        Pattern::SignIn => "sign-in",
    }
}

/// What a drawing shows of an analysis: each link's pattern and OAuth flow (its label)
/// and each subject's worst finding (its outline). Small and cheap to make, so a large
/// design can be drawn on another thread without a copy of the whole analysis.
#[derive(Clone, Debug, Default)]
pub struct DrawnAdvice {
    /// By link id, in the analysis's link order.
    links: Vec<(crate::model::LinkId, (Pattern, crate::model::AuthFlow))>,
    worst: HashMap<Subject, Severity>,
}

impl DrawnAdvice {
    /// What `analysis` says that a drawing shows.
    pub fn of(analysis: &Analysis) -> Self {
        Self::from_parts(&analysis.links, &analysis.findings)
    }

    /// What a drawing shows of these link decisions and open findings.
    pub fn from_parts(
        links: &[crate::analysis::LinkAnalysis],
        findings: &[crate::analysis::findings::Finding],
    ) -> Self {
        Self {
            links: links
                .iter()
                .map(|a| (a.link, (a.pattern.choice, a.auth_flow.choice)))
                .collect(),
            worst: worst_of(findings),
        }
    }

    fn link(&self, id: crate::model::LinkId) -> Option<&(Pattern, crate::model::AuthFlow)> {
        match self.links.binary_search_by_key(&id, |(l, _)| *l) {
            Ok(i) => Some(&self.links[i].1),
            Err(_) => self.links.iter().find(|(l, _)| *l == id).map(|(_, a)| a),
        }
    }
}

/// Each subject's worst finding among `findings`.
fn worst_of(findings: &[crate::analysis::findings::Finding]) -> HashMap<Subject, Severity> {
    let mut worst: HashMap<Subject, Severity> = HashMap::new();
    for f in findings {
        let e = worst.entry(f.subject).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    worst
}

fn bands(design: &Design) -> Vec<usize> {
    let zone_index: HashMap<ZoneId, usize> = design
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id, i))
        .collect();
    design
        .systems
        .iter()
        .map(|s| {
            s.zone
                .and_then(|z| zone_index.get(&z).copied())
                .unwrap_or(design.zones.len())
        })
        .collect()
}

/// A link's (source, target) system indices; `None` when an end is missing.
type Pair = Option<(usize, usize)>;

/// The (source, target) system indices of every link.
fn link_pairs(design: &Design) -> Vec<Pair> {
    let index: HashMap<SystemId, usize> = design
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    design
        .links
        .iter()
        .map(|l| Some((*index.get(&l.from)?, *index.get(&l.to)?)))
        .collect()
}

/// The automatic layout's centres for every system, ignoring where they are now, with
/// the waypoints it reserved for each link.
fn layered_placement(
    design: &Design,
    sizes: &[text::NameLayout],
    pairs: &[Pair],
    style: layered::Style,
    downwards: bool,
) -> layered::Placement {
    // Downwards, the layers run top to bottom and the zones' bands side by side: the
    // same layout with every box turned a quarter, turned back once placed.
    let nodes: Vec<layered::Node> = sizes
        .iter()
        .zip(bands(design))
        .map(|(l, band)| layered::Node {
            width: if downwards { l.height } else { l.width },
            height: if downwards { l.width } else { l.height },
            band,
        })
        .collect();
    // Links to missing systems have no edge; keep the list aligned with the links.
    let edges: Vec<(usize, usize)> = pairs.iter().map(|p| p.unwrap_or((0, 0))).collect();
    let mut p = layered::layout(&nodes, &edges, style);
    if downwards {
        let turn = |q: &mut Pos| std::mem::swap(&mut q.x, &mut q.y);
        p.centers.iter_mut().for_each(turn);
        p.vias.iter_mut().flatten().for_each(turn);
        // The free bands between columns are bands between rows now; the router
        // finds its own way there.
        p.channels.iter_mut().for_each(Vec::clear);
    }
    p
}

/// Routes every link between boxes centred at `centers`; a link with a missing end
/// gets an empty route.
fn routes_for(
    centers: &[Pos],
    sizes: &[text::NameLayout],
    pairs: &[Pair],
    vias: &[Vec<Pos>],
    channels: &[Vec<(f32, f32)>],
    columns: bool,
) -> Vec<Vec<Pos>> {
    let boxes: Vec<Rect> = centers
        .iter()
        .zip(sizes)
        .map(|(c, s)| Rect::centered(*c, s.width, s.height))
        .collect();
    let mut requests = Vec::new();
    let mut routed = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        if let Some((a, b)) = *p {
            requests.push(route::Request {
                from: a,
                to: b,
                vias: vias.get(k).cloned().unwrap_or_default(),
                channels: channels.get(k).cloned().unwrap_or_default(),
            });
            routed.push(k);
        }
    }
    let mut out = vec![Vec::new(); pairs.len()];
    for (k, r) in routed
        .into_iter()
        .zip(route::route_all(&boxes, &requests, columns))
    {
        out[k] = r;
    }
    out
}

/// Designs up to this many systems are laid out both ways (zones stacked and packed)
/// and drawn the way with fewer crossings; past it stacking wins on every generated
/// design measured (30 to 300 systems) and counting costs more than drawing.
const TRY_BOTH_UP_TO: usize = 60;

/// The automatic layout with the fewest crossings, and its routes.
fn best_layout(
    design: &Design,
    sizes: &[text::NameLayout],
    pairs: &[Pair],
) -> (Vec<Pos>, Vec<Vec<Pos>>) {
    let small = design.systems.len() <= TRY_BOTH_UP_TO;
    let variants: &[layered::Bands] = if small {
        &[layered::Bands::Stacked, layered::Bands::Packed]
    } else {
        &[layered::Bands::Stacked]
    };
    // A large design is never readable whole; its layout keeps the designed air.
    let spacings: &[f32] = if small { SPACINGS } else { &SPACINGS[..1] };
    let ends: Vec<[Option<usize>; 2]> = pairs
        .iter()
        .map(|p| p.map_or([None, None], |(a, b)| [Some(a), Some(b)]))
        .collect();
    // ((crossings, area), centres, routes, fitted zoom) of the best layout so far.
    type Drawn = ((usize, f32), Vec<Pos>, Vec<Vec<Pos>>, f32);
    // The best layout at each spacing tried, widest first.
    let mut tried: Vec<Drawn> = Vec::new();
    // Left to right first; a design small enough to be read whole, and that does not
    // read left to right at any spacing (a long chain makes it far wider than tall),
    // is tried downwards too.
    let directions: &[bool] = if small { &[false, true] } else { &[false] };
    for (&downwards, &spacing) in directions
        .iter()
        .flat_map(|d| spacings.iter().map(move |s| (d, s)))
    {
        let mut best: Option<Drawn> = None;
        let orders: &[bool] = if small { &[false, true] } else { &[false] };
        for (&bands, &fewest_layers) in variants
            .iter()
            .flat_map(|b| orders.iter().map(move |o| (b, o)))
        {
            let style = layered::Style {
                bands,
                spacing,
                fewest_layers,
            };
            let p = layered_placement(design, sizes, pairs, style, downwards);
            let routes = routes_for(&p.centers, sizes, pairs, &p.vias, &p.channels, true);
            let boxes: Vec<Rect> = p
                .centers
                .iter()
                .zip(sizes)
                .map(|(c, s)| Rect::centered(*c, s.width, s.height))
                .collect();
            let crossings = if variants.len() > 1 {
                let slices: Vec<&[Pos]> = routes.iter().map(Vec::as_slice).collect();
                quality::crossings(&slices, &ends, &boxes)
            } else {
                0
            };
            let outline = boxes.iter().copied().reduce(|a, b| a.union(&b));
            let area = outline.map_or(0.0, |r| r.width() * r.height());
            let zoom = outline.map_or(1.0, |r| fitted_zoom(&r));
            let score = (crossings, area);
            // One that reads fitted wins over one that only draws every name, which
            // wins over one that does neither; then the fewest crossings, then the
            // least area.
            let tier = |z: f32| u8::from(z >= NAMES_ZOOM) + u8::from(z >= READABLE_ZOOM);
            let better = |(s, _, _, z): &Drawn| {
                let (mine, theirs) = (tier(zoom), tier(*z));
                mine > theirs
                    || (mine == theirs && (score.0 < s.0 || (score.0 == s.0 && score.1 < s.1)))
            };
            if best.as_ref().is_none_or(better) {
                best = Some((score, p.centers, routes, zoom));
            }
        }
        let Some(drawn) = best else { break };
        if drawn.3 >= READABLE_ZOOM {
            return (drawn.1, drawn.2);
        }
        tried.push(drawn);
    }
    // None reads whole: of those that at least draw every name, the one that fits
    // largest; else the designed air left to right (packing a design that cannot be
    // read fitted anyway only crowds its labels).
    let names = tried
        .iter()
        .enumerate()
        .filter(|(_, d)| d.3 >= NAMES_ZOOM)
        .max_by(|a, b| a.1.3.total_cmp(&b.1.3))
        .map_or(0, |(i, _)| i);
    let drawn = (names < tried.len()).then(|| tried.swap_remove(names));
    drawn.map_or_else(Default::default, |(_, c, r, _)| (c, r))
}

/// The zoom from which every system's name is drawn (13 units at 5 points).
const NAMES_ZOOM: f32 = 5.0 / text::NAME_FONT;

/// The room a window of 1280 by 800 points gives a fitted design, its side panels at
/// their default widths and the fit's margins and legend row taken off: what the
/// automatic layout is made readable in.
pub const READABLE_VIEW: (f32, f32) = (660.0, 488.0);
/// The zoom from which every system's name is drawn and every link shows at least its
/// short tag: names at 13 units are then over 5.7 points, tags at 20 over 8.8.
pub const READABLE_ZOOM: f32 = 0.44;
/// The share of the designed air the automatic layout tries, most first: it packs
/// tighter only until the drawing is readable fitted in [`READABLE_VIEW`].
const SPACINGS: &[f32] = &[1.0, 0.8, 0.6, 0.45];

/// The zoom at which boxes filling `outline` fit in [`READABLE_VIEW`], with room for
/// their zones' padding and titles; never above 1.
fn fitted_zoom(outline: &Rect) -> f32 {
    let w = outline.width() + 2.0 * ZONE_PADDING;
    let h = outline.height() + 2.0 * ZONE_PADDING + ZONE_TITLE_ROOM;
    (READABLE_VIEW.0 / w.max(1.0))
        .min(READABLE_VIEW.1 / h.max(1.0))
        .min(1.0)
}

/// New positions for every system: the automatic layout, for the window's Auto-layout.
pub fn auto_layout(design: &Design) -> Vec<(SystemId, Pos)> {
    let sizes: Vec<text::NameLayout> = design
        .systems
        .iter()
        .map(|s| text::name_layout(&s.name))
        .collect();
    let pairs = link_pairs(design);
    let (centers, _) = best_layout(design, &sizes, &pairs);
    design
        .systems
        .iter()
        .zip(centers)
        .map(|(s, c)| (s.id, c))
        .collect()
}

/// The first free centre for a `w` by `h` box on a spiral around `near`, keeping
/// `air` from everything in `taken`.
fn free_spot(taken: &Grid, near: Pos, w: f32, h: f32, air: f32) -> Pos {
    let step = 40.0;
    for ring in 0..400 {
        let r = ring as f32 * step;
        let k = (ring * 8).max(1);
        for i in 0..k {
            let a = i as f32 / k as f32 * std::f32::consts::TAU;
            let c = Pos {
                x: (near.x + r * a.cos()).round(),
                y: (near.y + r * a.sin()).round(),
            };
            let rect = Rect::centered(c, w + 2.0 * air, h + 2.0 * air);
            if !taken.any_near(&rect, |_, t| t.overlaps(&rect, 0.0)) {
                return c;
            }
        }
    }
    near
}

/// Where a drawing's boxes and lines go, which needs nothing of the analysis: each
/// system's centre and each link's route (see [`Geometry::from_layout`]).
pub struct Layout {
    sizes: Vec<text::NameLayout>,
    pairs: Vec<Pair>,
    centers: Vec<Pos>,
    routes: Vec<Vec<Pos>>,
}

impl Layout {
    /// Systems where the file puts them (the automatic layout when none has a
    /// position; systems without one placed in free space when only some lack one),
    /// and routes around every box.
    pub fn of(design: &Design) -> Self {
        let sizes: Vec<text::NameLayout> = design
            .systems
            .iter()
            .map(|s| text::name_layout(&s.name))
            .collect();
        let pairs = link_pairs(design);
        let none_placed = design.systems.iter().all(|s| s.position.is_none());
        let (centers, routes) = if none_placed && !design.systems.is_empty() {
            best_layout(design, &sizes, &pairs)
        } else {
            let centers = place_missing(design, &sizes, &pairs);
            let boxes: Vec<Rect> = centers
                .iter()
                .zip(&sizes)
                .map(|(c, s)| Rect::centered(*c, s.width, s.height))
                .collect();
            let (vias, channels) = columns::corridors(&boxes, &pairs);
            let routes = routes_for(&centers, &sizes, &pairs, &vias, &channels, true);
            (centers, routes)
        };
        Self {
            sizes,
            pairs,
            centers,
            routes,
        }
    }
}

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

/// Centres for every system: its own position, or a free spot near the systems it is
/// linked with for one that has none.
fn place_missing(design: &Design, sizes: &[text::NameLayout], pairs: &[Pair]) -> Vec<Pos> {
    let mut taken = Grid::new(160.0);
    let mut centers: Vec<Option<Pos>> = design.systems.iter().map(|s| s.position).collect();
    for (c, size) in centers.iter().zip(sizes) {
        if let Some(c) = c {
            taken.insert(Rect::centered(*c, size.width, size.height));
        }
    }
    let placed: Vec<Pos> = centers.iter().flatten().copied().collect();
    let fallback = placed.iter().fold(Pos::default(), |acc, p| Pos {
        x: acc.x.max(p.x),
        y: acc.y.max(p.y),
    });
    for i in 0..centers.len() {
        if centers[i].is_some() {
            continue;
        }
        let neighbours: Vec<Pos> = pairs
            .iter()
            .flatten()
            .filter_map(|&(a, b)| {
                if a == i {
                    centers[b]
                } else if b == i {
                    centers[a]
                } else {
                    None
                }
            })
            .collect();
        let near = if neighbours.is_empty() {
            Pos {
                x: fallback.x + 260.0,
                y: fallback.y,
            }
        } else {
            let n = neighbours.len() as f32;
            Pos {
                x: neighbours.iter().map(|p| p.x).sum::<f32>() / n,
                y: neighbours.iter().map(|p| p.y).sum::<f32>() / n,
            }
        };
        let c = free_spot(&taken, near, sizes[i].width, sizes[i].height, 60.0);
        taken.insert(Rect::centered(c, sizes[i].width, sizes[i].height));
        centers[i] = Some(c);
    }
    centers.into_iter().map(Option::unwrap_or_default).collect()
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
