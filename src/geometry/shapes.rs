//! What a drawing is made of: the shapes of systems, links and zones, and what the
//! drawing shows of the analysis (each link's pattern, the worst finding on each
//! system and link).

use super::labels::Placed;
use super::rect::Rect;
use super::text;
use crate::analysis::{Analysis, Pattern, Severity, Subject};
use crate::model::{LinkId, Pos, SystemId, SystemKind, ZoneId};
use std::collections::HashMap;

/// Room between a zone's outline and its systems.
pub const ZONE_PADDING: f32 = 20.0;

/// How large, in design units, a zone's title is drawn at the smallest zoom a fitted
/// design is expected to be read at: the window keeps titles at least 10 points high
/// on screen, which at 38% is 26 units, twice the title's own size. Labels keep clear
/// of that much.
pub const ZONE_TITLE_ZOOMED_OUT: f32 = 26.0;

/// Room above a zone's systems for its title.
pub(super) const ZONE_TITLE_ROOM: f32 = text::ZONE_FONT + 12.0;

/// Font of the short tags drawn when the view is zoomed out too far to read labels.
pub const OVERVIEW_FONT: f32 = 20.0;

/// Designs with more links than this get no overview tags.
pub(super) const OVERVIEW_MAX_LINKS: usize = 2_000;

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

impl LinkShape {
    /// The point halfway along its route: where a keyboard user finds the link, and
    /// where draw.io puts an edge's label before its offset.
    pub fn middle(&self) -> Option<Pos> {
        let length = |a: &Pos, b: &Pos| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        let route = &self.route;
        let total: f32 = route.windows(2).map(|w| length(&w[0], &w[1])).sum();
        let mut left = total / 2.0;
        for w in route.windows(2) {
            let len = length(&w[0], &w[1]);
            if len > 0.0 && left <= len {
                let t = left / len;
                return Some(Pos {
                    x: w[0].x + (w[1].x - w[0].x) * t,
                    y: w[0].y + (w[1].y - w[0].y) * t,
                });
            }
            left -= len;
        }
        route.first().copied()
    }
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
    pub(super) links: Vec<(crate::model::LinkId, (Pattern, crate::model::AuthFlow))>,
    pub(super) worst: HashMap<Subject, Severity>,
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

    pub(super) fn link(
        &self,
        id: crate::model::LinkId,
    ) -> Option<&(Pattern, crate::model::AuthFlow)> {
        match self.links.binary_search_by_key(&id, |(l, _)| *l) {
            Ok(i) => Some(&self.links[i].1),
            Err(_) => self.links.iter().find(|(l, _)| *l == id).map(|(_, a)| a),
        }
    }
}

/// Each subject's worst finding among `findings`.
pub(super) fn worst_of(
    findings: &[crate::analysis::findings::Finding],
) -> HashMap<Subject, Severity> {
    let mut worst: HashMap<Subject, Severity> = HashMap::new();
    for f in findings {
        let e = worst.entry(f.subject).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    worst
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_s_middle_is_halfway_along_it() {
        let p = |x, y| Pos { x, y };
        let shape = |route: Vec<Pos>| LinkShape {
            id: LinkId(1),
            from: SystemId(1),
            to: SystemId(2),
            route,
            pattern: Pattern::RequestReply,
            severity: None,
            full_label: String::new(),
            short_label: String::new(),
            label: None,
            overview: None,
        };
        let bent = shape(vec![p(0.0, 0.0), p(100.0, 0.0), p(100.0, 100.0)]);
        let mid = bent.middle().expect("a middle");
        assert!(
            (mid.x - 100.0).abs() < 0.01 && mid.y.abs() < 0.01,
            "{mid:?}"
        );
        assert_eq!(shape(Vec::new()).middle(), None);
    }
}
