//! The canvas: an egui_graphs view model rebuilt from the document when it changes,
//! zones drawn behind it, and the user's gestures turned into actions.

use super::shapes::{EdgeData, NodeData, ViewGraph};
use super::theme;
use crate::analysis::{Analysis, Severity, Subject};
use crate::model::{Design, LinkId, Pos, SystemId, SystemKind};
use egui::{FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{
    GraphChange, GraphView, Layout, LayoutState, MetadataFrame, SettingsInteraction,
    SettingsNavigation, SettingsStyle,
};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The id egui_graphs keeps the canvas's pan and zoom under.
const VIEW_ID: &str = "patchbay-canvas";

/// Positions come from the document, so the layout never moves anything and never
/// asks for another frame.
#[derive(Debug, Default)]
pub struct FixedLayout;

/// The (empty) state of [`FixedLayout`].
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FixedState;

impl LayoutState for FixedState {}

impl Layout<FixedState> for FixedLayout {
    fn from_state(_: FixedState) -> impl Layout<FixedState> {
        FixedLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::graph::IndexType,
        Dn: egui_graphs::DisplayNode<N, E, Ty, Ix>,
        De: egui_graphs::DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> FixedState {
        FixedState
    }

    fn needs_repaint(&self) -> bool {
        false
    }
}

/// What the user did on the canvas this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    /// Clicked a system; `add` with shift held.
    SelectSystem { id: SystemId, add: bool },
    /// Clicked a link.
    SelectLink { id: LinkId, add: bool },
    /// Clicked empty space.
    ClearSelection,
    /// Finished dragging systems to new places.
    Moved(Vec<(SystemId, Pos)>),
    /// Dragged from one system to another in connect mode.
    Connect { from: SystemId, to: SystemId },
    /// Dropped a palette kind at a place.
    Place { kind: SystemKind, at: Pos },
    /// Double-clicked a system to rename it.
    Rename(SystemId),
}

/// The canvas's state between frames.
pub struct Canvas {
    graph: ViewGraph,
    built: Option<(u64, Vec<SystemId>, Vec<LinkId>)>,
    nodes: HashMap<SystemId, NodeIndex>,
    systems: HashMap<NodeIndex, SystemId>,
    links: HashMap<EdgeIndex, LinkId>,
    drag: Option<(SystemId, Pos2)>,
    connect_from: Option<SystemId>,
    fit: bool,
    reveal: Option<Pos2>,
    zoom_to: Option<f32>,
    /// The canvas's screen rectangle last frame.
    pub rect: Rect,
    /// Last frame's zoom and screen offset, to find systems on screen between frames.
    view: (f32, Vec2),
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            graph: ViewGraph::new(),
            built: None,
            nodes: HashMap::new(),
            systems: HashMap::new(),
            links: HashMap::new(),
            drag: None,
            connect_from: None,
            fit: false,
            reveal: None,
            zoom_to: None,
            rect: Rect::ZERO,
            view: (1.0, Vec2::ZERO),
        }
    }
}

/// The worst severity of findings per subject.
fn worst_by_subject(analysis: &Analysis) -> HashMap<Subject, Severity> {
    let mut worst: HashMap<Subject, Severity> = HashMap::new();
    for f in &analysis.findings {
        let e = worst.entry(f.subject).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    worst
}

impl Canvas {
    /// Fits the whole design in view on the next frame.
    pub fn fit(&mut self) {
        self.fit = true;
    }

    /// Sets the zoom on the next frame, keeping the centre of the view in place.
    pub fn zoom_to(&mut self, zoom: f32) {
        self.zoom_to = Some(zoom);
    }

    /// Centres the view on a canvas point on the next frame.
    pub fn reveal(&mut self, at: Pos) {
        self.reveal = Some(Pos2::new(at.x, at.y));
    }

    /// Rebuilds the view model when the document or selection changed.
    pub fn sync(
        &mut self,
        revision: u64,
        design: &Design,
        analysis: &Analysis,
        selected: (&[SystemId], &[LinkId]),
    ) {
        let key = (revision, selected.0.to_vec(), selected.1.to_vec());
        if self.built.as_ref() == Some(&key) {
            return;
        }
        let worst = worst_by_subject(analysis);
        let mut g = ViewGraph::new();
        self.nodes.clear();
        self.systems.clear();
        self.links.clear();
        // Systems without a position (a hand-written file) are laid out; the layout is
        // only computed when one needs it, not on every rebuild.
        let placed = if design.systems.iter().any(|s| s.position.is_none()) {
            crate::model::layout::layered(design)
        } else {
            Vec::new()
        };
        for (i, s) in design.systems.iter().enumerate() {
            let pos = s
                .position
                .unwrap_or_else(|| placed.get(i).map_or(Pos::default(), |(_, p)| *p));
            let idx = g.add_node_with_label_and_location(
                NodeData {
                    kind: s.kind,
                    severity: worst.get(&Subject::System(s.id)).copied(),
                },
                s.name.clone(),
                Pos2::new(pos.x, pos.y),
            );
            if let Some(n) = g.node_mut(idx) {
                n.set_selected(selected.0.contains(&s.id));
            }
            self.nodes.insert(s.id, idx);
            self.systems.insert(idx, s.id);
        }
        for l in &design.links {
            let (Some(&a), Some(&b)) = (self.nodes.get(&l.from), self.nodes.get(&l.to)) else {
                continue;
            };
            let Some(la) = analysis.link(l.id) else {
                continue;
            };
            let (color, short) = theme::pattern_style(la.pattern.choice);
            let label = format!("{short} · {}", la.auth_flow.choice.id());
            let idx = g.add_edge_with_label(
                a,
                b,
                EdgeData {
                    color,
                    severity: worst.get(&Subject::Link(l.id)).copied(),
                },
                label,
            );
            if let Some(e) = g.edge_mut(idx) {
                e.set_selected(selected.1.contains(&l.id));
            }
            self.links.insert(idx, l.id);
        }
        self.graph = g;
        self.built = Some(key);
    }

    /// Shows the canvas and returns what the user did.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        design: &Design,
        connect_mode: bool,
    ) -> Vec<CanvasAction> {
        let zones_slot = ui.painter().add(Shape::Noop);
        self.apply_view_requests(ui);
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!connect_mode)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let fitting = std::mem::take(&mut self.fit);
        let navigation = SettingsNavigation::new()
            // In connect mode a drag draws a link, so it must not pan the view.
            .with_zoom_and_pan_enabled(!connect_mode)
            .with_fit_to_screen_enabled(fitting)
            .with_fit_to_screen_padding(0.1);
        let style = SettingsStyle::new().with_labels_always(true);
        let shown = GraphView::<FixedState, FixedLayout>::new()
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .with_id(Some(VIEW_ID.into()))
            .show(ui, &mut self.graph);
        self.rect = shown.response.rect;
        if fitting {
            self.limit_fit_zoom(ui);
        }
        let meta = self.screen_meta(ui);
        self.view = (meta.zoom, meta.pan);
        ui.painter()
            .set(zones_slot, Shape::Vec(self.zone_shapes(ui, design, &meta)));

        let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        let mut actions = Vec::new();
        let mut hit = false;
        for change in &shown.changes {
            match *change {
                GraphChange::NodeClicked { node } => {
                    hit = true;
                    if let Some(&id) = self.systems.get(&node) {
                        actions.push(CanvasAction::SelectSystem { id, add: shift });
                    }
                }
                GraphChange::NodeDoubleClicked { node } => {
                    hit = true;
                    if let Some(&id) = self.systems.get(&node) {
                        actions.push(CanvasAction::Rename(id));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    hit = true;
                    if let Some(&id) = self.links.get(&edge) {
                        actions.push(CanvasAction::SelectLink { id, add: shift });
                    }
                }
                GraphChange::NodeDragStarted { node } => {
                    if let (Some(&id), Some(n)) = (self.systems.get(&node), self.graph.node(node)) {
                        self.drag = Some((id, n.location()));
                    }
                }
                GraphChange::NodeDragEnded { node } => {
                    if let (Some((id, start)), Some(n)) = (self.drag.take(), self.graph.node(node))
                    {
                        let end = n.location();
                        if end != start {
                            actions
                                .push(CanvasAction::Moved(vec![(id, Pos { x: end.x, y: end.y })]));
                        }
                    }
                }
                _ => {}
            }
        }
        let response = &shown.response;
        if response.clicked() && !hit {
            actions.push(CanvasAction::ClearSelection);
        }
        if let Some(kind) = response.dnd_release_payload::<SystemKind>() {
            if let Some(p) = response.hover_pos() {
                let at = meta.screen_to_canvas_pos(p);
                actions.push(CanvasAction::Place {
                    kind: *kind,
                    at: Pos { x: at.x, y: at.y },
                });
            }
        }
        if connect_mode {
            self.connect_gesture(ui, response, &meta, &mut actions);
        } else {
            self.connect_from = None;
        }
        actions
    }

    /// Pan and zoom in screen terms: canvas point × zoom + pan = screen point.
    fn screen_meta(&self, ui: &egui::Ui) -> MetadataFrame {
        let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
        meta.pan += self.rect.left_top().to_vec2();
        meta
    }

    /// Fitting one or two systems would blow them up to fill the screen; keep the zoom
    /// at a readable size instead, centred on the design.
    fn limit_fit_zoom(&self, ui: &mut egui::Ui) {
        const MAX_FIT_ZOOM: f32 = 1.25;
        let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
        if self.graph.node_count() == 0 || meta.zoom.is_finite() && meta.zoom <= MAX_FIT_ZOOM {
            return;
        }
        let mut bounds = Rect::NOTHING;
        for (_, n) in self.graph.nodes_iter() {
            bounds = bounds.union(Rect::from_center_size(n.location(), theme::SYSTEM_SIZE));
        }
        meta.zoom = MAX_FIT_ZOOM;
        meta.pan = self.rect.size() / 2.0 - bounds.center().to_vec2() * meta.zoom;
        meta.save(ui);
        ui.ctx().request_repaint();
    }

    fn apply_view_requests(&mut self, ui: &mut egui::Ui) {
        if let Some(zoom) = self.zoom_to.take() {
            let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
            let center = meta.screen_to_canvas_pos((self.rect.size() / 2.0).to_pos2());
            meta.zoom = zoom;
            meta.pan = (self.rect.size() / 2.0) - center.to_vec2() * zoom;
            meta.save(ui);
        }
        if let Some(at) = self.reveal.take() {
            let mut meta = MetadataFrame::new(Some(VIEW_ID.into())).load(ui);
            // The widget's own offset is added at draw time, so aim at its local centre.
            meta.pan = (self.rect.size() / 2.0) - at.to_vec2() * meta.zoom;
            meta.save(ui);
        }
    }

    fn zone_shapes(&self, ui: &egui::Ui, design: &Design, meta: &MetadataFrame) -> Vec<Shape> {
        let mut shapes = Vec::new();
        let font_px = 13.0 * meta.zoom.clamp(0.5, 2.0);
        for zone in &design.zones {
            let mut bounds = Rect::NOTHING;
            for s in design.systems.iter().filter(|s| s.zone == Some(zone.id)) {
                if let Some(n) = self.nodes.get(&s.id).and_then(|&i| self.graph.node(i)) {
                    bounds = bounds.union(Rect::from_center_size(n.location(), theme::SYSTEM_SIZE));
                }
            }
            if !bounds.is_positive() {
                continue;
            }
            let canvas = bounds.expand(crate::model::layout::ZONE_PADDING);
            let rect = Rect::from_min_max(
                meta.canvas_to_screen_pos(canvas.min),
                meta.canvas_to_screen_pos(canvas.max),
            );
            shapes.push(Shape::rect_filled(rect, 10.0, theme::ZONE_FILL));
            shapes.push(Shape::rect_stroke(
                rect,
                10.0,
                Stroke::new(1.0, theme::ZONE_STROKE),
                StrokeKind::Inside,
            ));
            if font_px * 0.8 >= theme::MIN_LABEL_PX {
                let galley = ui.painter().layout_no_wrap(
                    zone.name.clone(),
                    FontId::proportional(font_px),
                    theme::ZONE_STROKE,
                );
                shapes.push(Shape::galley(
                    rect.min + Vec2::new(8.0, -font_px - 4.0),
                    galley,
                    theme::ZONE_STROKE,
                ));
            }
        }
        shapes
    }

    fn connect_gesture(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        meta: &MetadataFrame,
        actions: &mut Vec<CanvasAction>,
    ) {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let node_at = |p: Pos2| {
            let c = meta.screen_to_canvas_pos(p);
            self.graph
                .nodes_iter()
                .find(|(_, n)| Rect::from_center_size(n.location(), theme::SYSTEM_SIZE).contains(c))
                .and_then(|(i, _)| self.systems.get(&i).copied())
        };
        if response.drag_started() {
            // Where the button went down, not where the drag was recognised.
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            self.connect_from = origin.and_then(node_at);
        }
        if let (Some(from), Some(p)) = (self.connect_from, pointer) {
            if let Some(n) = self.nodes.get(&from).and_then(|&i| self.graph.node(i)) {
                let a = meta.canvas_to_screen_pos(n.location());
                ui.painter()
                    .line_segment([a, p], Stroke::new(2.5, theme::SELECTION));
            }
        }
        if response.drag_stopped() {
            if let (Some(from), Some(to)) = (self.connect_from.take(), pointer.and_then(node_at)) {
                if from != to {
                    actions.push(CanvasAction::Connect { from, to });
                }
            }
        }
    }

    /// Where the centre of the visible canvas is, in design units.
    pub fn visible_center(&self, ui: &egui::Ui) -> Pos {
        let meta = self.screen_meta(ui);
        let c = meta.screen_to_canvas_pos(self.rect.center());
        if c.x.is_finite() && c.y.is_finite() {
            Pos { x: c.x, y: c.y }
        } else {
            Pos::default()
        }
    }

    /// Where a system's box was on screen last frame.
    pub fn last_screen_rect(&self, id: SystemId) -> Option<Rect> {
        let n = self.graph.node(*self.nodes.get(&id)?)?;
        let (zoom, pan) = self.view;
        let r = Rect::from_center_size(n.location(), theme::SYSTEM_SIZE);
        Some(Rect::from_min_max(
            (r.min.to_vec2() * zoom + pan).to_pos2(),
            (r.max.to_vec2() * zoom + pan).to_pos2(),
        ))
    }

    /// The screen position of a system's box, for in-place editing.
    pub fn system_screen_rect(&self, ui: &egui::Ui, id: SystemId) -> Option<Rect> {
        let meta = self.screen_meta(ui);
        let n = self.graph.node(*self.nodes.get(&id)?)?;
        let r = Rect::from_center_size(n.location(), theme::SYSTEM_SIZE);
        Some(Rect::from_min_max(
            meta.canvas_to_screen_pos(r.min),
            meta.canvas_to_screen_pos(r.max),
        ))
    }
}
