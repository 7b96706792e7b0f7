//! What the canvas knows of a system and of a link: what the shared geometry
//! computed for it.

use super::in_view::InView;
use crate::analysis::Severity;
use crate::model::SystemKind;
use egui::Vec2;
use egui::{Color32, Pos2, Rect};
use std::sync::Arc;

/// What the canvas knows about a system: what the shared geometry computed for it.
#[derive(Clone, Debug)]
pub struct NodeData {
    /// Its kind, for colour and tag.
    pub kind: SystemKind,
    /// The worst finding about it.
    pub severity: Option<Severity>,
    /// The size of its box, in design units.
    pub size: Vec2,
    /// Its name's lines, each with the offset of its centre from the box's centre;
    /// shared, as egui_graphs copies a node's data every frame.
    pub lines: Arc<[(String, f32)]>,
}

/// What the canvas knows about a link: its route and labels from the shared geometry.
#[derive(Clone, Debug)]
pub struct EdgeData {
    /// Colour of its recommended pattern.
    pub color: Color32,
    /// The worst finding about it.
    pub severity: Option<Severity>,
    /// Its route in design units, from the source's border to the target's.
    pub route: Arc<[Pos2]>,
    /// Where its two systems' centres were when the route was computed: while one is
    /// dragged elsewhere, the link is drawn straight instead.
    pub ends_at: (Pos2, Pos2),
    /// Its label at normal size: text and rectangle in design units.
    pub label: Option<(String, Rect)>,
    /// Its short tag at overview size, for a view zoomed out too far to read labels.
    pub overview: Option<(String, Rect)>,
    /// What its route and labels cover, in design units.
    pub bounds: Rect,
    /// Which links have a piece of route or a label in view, shared by every link of
    /// the drawing; this link's place in the drawing's links.
    pub in_view: (Arc<InView>, usize),
}

impl EdgeData {
    /// Whether either end's box is away from where the route was computed for (being
    /// dragged): the link is then drawn straight between the boxes.
    pub(super) fn ends_moved(&self, start: Pos2, end: Pos2) -> bool {
        (start - self.ends_at.0).length() > 0.5 || (end - self.ends_at.1).length() > 0.5
    }
}
