//! The picture every diagram export draws: where each system, zone and link goes and
//! what it says, computed once from the design and its analysis.

use super::palette;
use crate::analysis::{Analysis, Pattern, Severity, Subject};
use crate::model::layout::{SYSTEM_HEIGHT, SYSTEM_WIDTH, boxes_bounds, layered, zone_bounds};
use crate::model::{Design, Pos, SystemKind};
use std::collections::HashMap;

/// A system as drawn.
pub struct SystemBox<'a> {
    /// Stable id, for element ids.
    pub id: u32,
    /// The name, unescaped.
    pub name: &'a str,
    /// Its kind.
    pub kind: SystemKind,
    /// Centre, in design units.
    pub center: Pos,
    /// The worst finding about it.
    pub severity: Option<Severity>,
}

/// A link as drawn.
pub struct Arrow {
    /// Stable id.
    pub id: u32,
    /// Start and end on the boxes' borders.
    pub from: Pos,
    /// End point (the arrow head).
    pub to: Pos,
    /// Recommended pattern.
    pub pattern: Pattern,
    /// "request-reply · jwt-bearer".
    pub label: String,
    /// The worst finding about it.
    pub severity: Option<Severity>,
}

/// A zone as drawn.
pub struct ZoneBox<'a> {
    /// Its name, unescaped.
    pub name: &'a str,
    /// (min x, min y, max x, max y).
    pub rect: [f32; 4],
}

/// Everything to draw, with the bounds of it all.
pub struct Diagram<'a> {
    /// Zones, behind everything.
    pub zones: Vec<ZoneBox<'a>>,
    /// Links.
    pub arrows: Vec<Arrow>,
    /// Systems.
    pub systems: Vec<SystemBox<'a>>,
    /// (min x, min y, max x, max y) of the whole picture.
    pub bounds: [f32; 4],
}

/// The colour of a pattern as `#rrggbb`, the same hues the window uses.
pub fn pattern_color(p: Pattern) -> String {
    palette::hex(palette::pattern(p))
}

/// The fill of a system kind as `#rrggbb`, and its short tag.
pub fn kind_color(kind: SystemKind) -> (String, &'static str) {
    let (rgb, tag) = palette::kind(kind);
    (palette::hex(rgb), tag)
}

/// The colour of a severity as `#rrggbb`.
pub fn severity_color(s: Severity) -> String {
    palette::hex(palette::severity(s))
}

/// Where a ray from a box's centre in direction (dx, dy) leaves the box.
fn exit(c: Pos, dx: f32, dy: f32) -> Pos {
    let (hw, hh) = (SYSTEM_WIDTH / 2.0, SYSTEM_HEIGHT / 2.0);
    let tx = if dx.abs() > f32::EPSILON {
        hw / dx.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dy.abs() > f32::EPSILON {
        hh / dy.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    Pos {
        x: c.x + dx * t,
        y: c.y + dy * t,
    }
}

impl<'a> Diagram<'a> {
    /// Lays the design out: positions from the file, or the automatic layout when any
    /// system has none.
    pub fn new(design: &'a Design, analysis: &Analysis) -> Self {
        let auto = design.systems.iter().any(|s| s.position.is_none());
        let positions: HashMap<u32, Pos> = if auto {
            layered(design)
                .into_iter()
                .map(|(id, p)| (id.0, p))
                .collect()
        } else {
            design
                .systems
                .iter()
                .filter_map(|s| Some((s.id.0, s.position?)))
                .collect()
        };
        let mut worst: HashMap<Subject, Severity> = HashMap::new();
        for f in &analysis.findings {
            let e = worst.entry(f.subject).or_insert(f.severity);
            *e = (*e).max(f.severity);
        }
        let systems: Vec<SystemBox<'a>> = design
            .systems
            .iter()
            .map(|s| SystemBox {
                id: s.id.0,
                name: &s.name,
                kind: s.kind,
                center: positions.get(&s.id.0).copied().unwrap_or_default(),
                severity: worst.get(&Subject::System(s.id)).copied(),
            })
            .collect();
        let center: HashMap<u32, Pos> = systems.iter().map(|s| (s.id, s.center)).collect();
        // Parallel links between the same two systems are fanned out.
        let mut seen_pairs: HashMap<(u32, u32), usize> = HashMap::new();
        let mut arrows = Vec::with_capacity(design.links.len());
        for a in &analysis.links {
            let l = &design.links[a.index];
            let (Some(&p), Some(&q)) = (center.get(&l.from.0), center.get(&l.to.0)) else {
                continue;
            };
            let pair = (l.from.0.min(l.to.0), l.from.0.max(l.to.0));
            let order = seen_pairs.entry(pair).or_insert(0);
            let offset = *order as f32 * 14.0;
            *order += 1;
            let (dx, dy) = (q.x - p.x, q.y - p.y);
            let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
            let (ux, uy) = (dx / len, dy / len);
            let (nx, ny) = (-uy * offset, ux * offset);
            let from = exit(p, ux, uy);
            let to = exit(q, -ux, -uy);
            arrows.push(Arrow {
                id: l.id.0,
                from: Pos {
                    x: from.x + nx,
                    y: from.y + ny,
                },
                to: Pos {
                    x: to.x + nx,
                    y: to.y + ny,
                },
                pattern: a.pattern.choice,
                label: format!("{} · {}", a.pattern.choice.id(), a.auth_flow.choice.id()),
                severity: worst.get(&Subject::Link(l.id)).copied(),
            });
        }
        let mut zones = Vec::new();
        for z in &design.zones {
            // Zones use the same geometry as the window; with an automatic layout the
            // positions are the computed ones.
            let rect = if auto {
                let members: Vec<Pos> = design
                    .systems
                    .iter()
                    .filter(|s| s.zone == Some(z.id))
                    .filter_map(|s| center.get(&s.id.0).copied())
                    .collect();
                boxes_bounds(members).map(|[a, b, c, d]| {
                    let pad = crate::model::layout::ZONE_PADDING;
                    [a - pad, b - pad, c + pad, d + pad]
                })
            } else {
                zone_bounds(design, z.id)
            };
            if let Some(rect) = rect {
                zones.push(ZoneBox {
                    name: &z.name,
                    rect,
                });
            }
        }
        let centers: Vec<Pos> = systems.iter().map(|s| s.center).collect();
        let mut bounds = boxes_bounds(centers).unwrap_or([0.0, 0.0, SYSTEM_WIDTH, SYSTEM_HEIGHT]);
        for z in &zones {
            bounds = [
                bounds[0].min(z.rect[0]),
                bounds[1].min(z.rect[1] - 20.0),
                bounds[2].max(z.rect[2]),
                bounds[3].max(z.rect[3]),
            ];
        }
        Diagram {
            zones,
            arrows,
            systems,
            bounds,
        }
    }
}
