//! Where every system goes and how every link runs: the layered or column layout
//! (whichever reads better at the zoom a reviewer opens it at), the systems that
//! have no position placed around those that do, and the routes between them.

use super::index::Grid;
use super::rect::Rect;
use super::shapes::{ZONE_PADDING, ZONE_TITLE_ROOM};
use super::{columns, layered, quality, route, text};
use crate::model::{Design, Pos, SystemId, ZoneId};
use std::collections::HashMap;

pub(super) fn bands(design: &Design) -> Vec<usize> {
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
pub(super) type Pair = Option<(usize, usize)>;

/// The (source, target) system indices of every link.
pub(super) fn link_pairs(design: &Design) -> Vec<Pair> {
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
pub(super) fn layered_placement(
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
pub(super) fn routes_for(
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
pub(super) const TRY_BOTH_UP_TO: usize = 60;

/// The automatic layout with the fewest crossings, and its routes.
pub(super) fn best_layout(
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
pub(super) const NAMES_ZOOM: f32 = 5.0 / text::NAME_FONT;

/// The room a window of 1280 by 800 points gives a fitted design, its side panels at
/// their default widths and the fit's margins and legend row taken off: what the
/// automatic layout is made readable in.
pub const READABLE_VIEW: (f32, f32) = (660.0, 488.0);

/// The zoom from which every system's name is drawn and every link shows at least its
/// short tag: names at 13 units are then over 5.7 points, tags at 20 over 8.8.
pub const READABLE_ZOOM: f32 = 0.44;

/// The share of the designed air the automatic layout tries, most first: it packs
/// tighter only until the drawing is readable fitted in [`READABLE_VIEW`].
pub(super) const SPACINGS: &[f32] = &[1.0, 0.8, 0.6, 0.45];

/// The zoom at which boxes filling `outline` fit in [`READABLE_VIEW`], with room for
/// their zones' padding and titles; never above 1.
pub(super) fn fitted_zoom(outline: &Rect) -> f32 {
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
pub(super) fn free_spot(taken: &Grid, near: Pos, w: f32, h: f32, air: f32) -> Pos {
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
    pub(super) sizes: Vec<text::NameLayout>,
    pub(super) pairs: Vec<Pair>,
    pub(super) centers: Vec<Pos>,
    pub(super) routes: Vec<Vec<Pos>>,
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

/// Centres for every system: its own position, or a free spot near the systems it is
/// linked with for one that has none.
pub(super) fn place_missing(
    design: &Design,
    sizes: &[text::NameLayout],
    pairs: &[Pair],
) -> Vec<Pos> {
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
