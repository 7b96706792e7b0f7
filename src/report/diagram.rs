//! The picture every diagram export draws: where each system, zone and link goes and
//! what it says, computed once from the design and its analysis.

use crate::analysis::{Analysis, Pattern, Severity, Subject};
use crate::model::layout::{SYSTEM_HEIGHT, SYSTEM_WIDTH, layered, zone_bounds};
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
pub fn pattern_color(p: Pattern) -> &'static str {
    match p {
        Pattern::RequestReply => "#1e6edc",
        Pattern::FireAndForget => "#e67814",
        Pattern::BatchDataSync => "#787878",
        Pattern::RemoteCallIn => "#14965a",
        Pattern::UiUpdate => "#aa3cc8",
        Pattern::DataVirtualization => "#00a0aa",
    }
}

/// The fill of a system kind as `#rrggbb`, and its short tag.
pub fn kind_color(kind: SystemKind) -> (&'static str, &'static str) {
    match kind {
        SystemKind::SalesforceOrg => ("#0070d2", "SF"),
        SystemKind::WebApp => ("#2e8b57", "WEB"),
        SystemKind::Spa => ("#3caa71", "SPA"),
        SystemKind::MobileApp => ("#22a08c", "MOB"),
        SystemKind::DesktopApp => ("#46826e", "APP"),
        SystemKind::BackendService => ("#5f6478", "SVC"),
        SystemKind::Middleware => ("#8c46aa", "ESB"),
        SystemKind::Erp => ("#c8781e", "ERP"),
        SystemKind::Database => ("#966e3c", "DB"),
        SystemKind::IdentityProvider => ("#b43c5a", "IDP"),
        SystemKind::IotDevice => ("#2896be", "IOT"),
        SystemKind::LimitedInputDevice => ("#3c78aa", "KIO"),
        SystemKind::MarketingPlatform => ("#d25a8c", "MKT"),
        SystemKind::PaymentService => ("#aa8c14", "PAY"),
        SystemKind::FileServer => ("#787850", "FTP"),
        SystemKind::MessageBroker => ("#7850c8", "MQ"),
        SystemKind::LegacySystem => ("#825a50", "OLD"),
        SystemKind::PartnerApi => ("#5a8c3c", "EXT"),
        SystemKind::Other => ("#6e6e6e", "SYS"),
    }
}

/// The colour of a severity as `#rrggbb`.
pub fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::High => "#dc2828",
        Severity::Warning => "#eba500",
        Severity::Info => "#5a96e6",
    }
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
                bounds_of(&members).map(|[a, b, c, d]| {
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
        let mut bounds = bounds_of(&centers).unwrap_or([0.0, 0.0, SYSTEM_WIDTH, SYSTEM_HEIGHT]);
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

/// The boxes around centres, as (min x, min y, max x, max y).
fn bounds_of(centers: &[Pos]) -> Option<[f32; 4]> {
    let (hw, hh) = (SYSTEM_WIDTH / 2.0, SYSTEM_HEIGHT / 2.0);
    centers.iter().fold(None, |b, c| {
        let r = [c.x - hw, c.y - hh, c.x + hw, c.y + hh];
        Some(match b {
            None => r,
            Some(o) => [
                o[0].min(r[0]),
                o[1].min(r[1]),
                o[2].max(r[2]),
                o[3].max(r[3]),
            ],
        })
    })
}
