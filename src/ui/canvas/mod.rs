//! The canvas: an egui_graphs view model rebuilt from the document when it changes,
//! zones drawn behind it, and the user's gestures turned into actions.

use super::shapes::ViewGraph;
use super::theme;
use crate::geometry::{self, Geometry};
use crate::job::{Job, Polled, Waker};
use crate::model::{LinkId, Pos, SystemId, SystemKind};
use egui::{FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{
    GraphView, Layout, LayoutState, MetadataFrame, SettingsInteraction, SettingsNavigation,
    SettingsStyle,
};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

pub mod access;
mod build;
mod gestures;
pub mod keys;
mod lines;
mod view;

use build::{Built, build};
use lines::FarLines;

/// The id egui_graphs keeps the canvas's pan and zoom under.
const VIEW_ID: &str = "patchbay-canvas";
/// Zone titles are drawn at least this large on screen when they fit their zone.
const ZONE_TITLE_MIN_PX: f32 = 10.0;
/// Room kept free for the legend along the bottom of the canvas.
pub const LEGEND_ROOM: f32 = 36.0;
/// How far out and in the view zooms.
pub const MIN_ZOOM: f32 = 0.02;
/// How far in the view zooms.
pub const MAX_ZOOM: f32 = 4.0;

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
    /// Double-clicked a system (or pressed F2) to rename it.
    Rename(SystemId),
    /// Moved systems with the arrow keys: one undo step while the keys are held.
    Nudged(Vec<(SystemId, Pos)>),
}

/// The canvas's state between frames.
pub struct Canvas {
    graph: ViewGraph,
    /// The revision and advice setting the view model was built for.
    built: Option<(u64, bool)>,
    /// The selection it shows.
    shown_selection: (Vec<SystemId>, Vec<LinkId>),
    /// Each link's edge, to select it without a rebuild.
    edges: HashMap<LinkId, EdgeIndex>,
    nodes: HashMap<SystemId, NodeIndex>,
    systems: HashMap<NodeIndex, SystemId>,
    links: HashMap<EdgeIndex, LinkId>,
    drag: Option<(SystemId, Pos2)>,
    connect_from: Option<SystemId>,
    fit: bool,
    /// What the next fit shows: the whole design when `None`.
    fit_to: Option<crate::geometry::Rect>,
    geometry: Arc<Geometry>,
    reveal: Option<Pos2>,
    zoom_to: Option<f32>,
    /// The canvas's screen rectangle last frame.
    pub rect: Rect,
    /// Last frame's zoom and screen offset, to find systems on screen between frames.
    view: (f32, Vec2),
    /// Far out, the links as bare lines merged for the zoom.
    far_lines: FarLines,
    /// A large design's view model being built on another thread, for the revision
    /// and advice setting it is of; the last one is shown until it arrives.
    building: Option<Job<(u64, bool), Built>>,
    /// Repaints the window when work done off its thread has a result.
    waker: Waker,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            graph: ViewGraph::new(),
            built: None,
            shown_selection: (Vec::new(), Vec::new()),
            edges: HashMap::new(),
            nodes: HashMap::new(),
            systems: HashMap::new(),
            links: HashMap::new(),
            drag: None,
            connect_from: None,
            fit: false,
            fit_to: None,
            geometry: Arc::default(),
            reveal: None,
            zoom_to: None,
            rect: Rect::ZERO,
            view: (1.0, Vec2::ZERO),
            far_lines: FarLines::default(),
            building: None,
            waker: Waker::default(),
        }
    }
}

impl Canvas {
    /// Fits the whole design in view on the next frame.
    pub fn fit(&mut self) {
        self.fit = true;
        self.fit_to = None;
    }

    /// Fits a part of the design (a flow's links) in view on the next frame.
    pub fn fit_area(&mut self, area: crate::geometry::Rect) {
        self.fit = true;
        self.fit_to = Some(area);
    }

    /// Sets the zoom on the next frame, keeping the centre of the view in place.
    pub fn zoom_to(&mut self, zoom: f32) {
        self.zoom_to = Some(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// Centres the view on a canvas point on the next frame.
    pub fn reveal(&mut self, at: Pos) {
        self.reveal = Some(Pos2::new(at.x, at.y));
    }

    /// Rebuilds the view model from the document's geometry when the document or the
    /// selection changed. With `hide_advice`, links are drawn without their
    /// recommendations (no pattern colour, no label): an exercise's question is open.
    /// A large design's view model (tens of thousands of nodes and edges, about 0.1 s)
    /// is rebuilt on another thread while the last one stays on screen.
    pub fn sync(
        &mut self,
        revision: u64,
        geometry: &Arc<Geometry>,
        selected: (&[SystemId], &[LinkId]),
        hide_advice: bool,
    ) {
        let key = (revision, hide_advice);
        if let Some(job) = &self.building {
            match job.poll() {
                Polled::Ready(built) => {
                    self.building = None;
                    self.install(built);
                }
                Polled::Waiting => {}
                Polled::Ended => self.building = None,
            }
        }
        if self.built == Some(key) {
            // Only the selection changed: flip the flags of what left and joined it,
            // rather than rebuild tens of thousands of nodes and edges for a click.
            if (
                self.shown_selection.0.as_slice(),
                self.shown_selection.1.as_slice(),
            ) != selected
            {
                self.select(selected);
            }
            return;
        }
        let large = geometry.links.len() > crate::document::BACKGROUND_DRAWING_LINKS;
        if large && self.built.is_some() {
            if self.building.as_ref().is_some_and(|job| *job.key() == key) {
                return;
            }
            let geometry = Arc::clone(geometry);
            let selection = (selected.0.to_vec(), selected.1.to_vec());
            let waker = self.waker.clone();
            // A build of an older revision under way is dropped with its job.
            self.building = Some(Job::one("build the view", key, &self.waker, move || {
                let selected = (selection.0.as_slice(), selection.1.as_slice());
                build(key, &geometry, selected, hide_advice, &waker)
            }));
            return;
        }
        self.building = None;
        self.install(build(key, geometry, selected, hide_advice, &self.waker));
    }

    /// Repaints the window through `waker` when work done off its thread is ready.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
    }

    /// Shows a view model built by [`build`].
    fn install(&mut self, built: Built) {
        let Built {
            key,
            graph,
            edges,
            nodes,
            systems,
            links,
            geometry,
            selection,
        } = built;
        let old = (
            std::mem::replace(&mut self.graph, graph),
            std::mem::replace(&mut self.edges, edges),
            std::mem::replace(&mut self.nodes, nodes),
            std::mem::replace(&mut self.systems, systems),
            std::mem::replace(&mut self.links, links),
            std::mem::replace(&mut self.geometry, geometry),
        );
        if old.1.len() > crate::document::BACKGROUND_DRAWING_LINKS {
            // Freeing tens of thousands of nodes and edges takes a frame of its own.
            crate::job::detach("drop the old view", move || drop(old));
        }
        self.built = Some(key);
        self.shown_selection = selection;
    }

    /// Marks `selected` as the selection in the view model as built.
    fn select(&mut self, selected: (&[SystemId], &[LinkId])) {
        let (old_systems, old_links) = std::mem::take(&mut self.shown_selection);
        for id in old_systems.iter().chain(selected.0) {
            if let Some(n) = self.nodes.get(id).and_then(|&i| self.graph.node_mut(i)) {
                n.set_selected(selected.0.contains(id));
            }
        }
        for id in old_links.iter().chain(selected.1) {
            if let Some(e) = self.edges.get(id).and_then(|&i| self.graph.edge_mut(i)) {
                e.set_selected(selected.1.contains(id));
            }
        }
        self.shown_selection = (selected.0.to_vec(), selected.1.to_vec());
    }

    /// Shows the canvas and returns what the user did.
    pub fn ui(&mut self, ui: &mut egui::Ui, connect_mode: bool) -> Vec<CanvasAction> {
        let zones_slot = ui.painter().add(Shape::Noop);
        let lines_slot = ui.painter().add(Shape::Noop);
        self.apply_view_requests(ui);
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!connect_mode)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let navigation = SettingsNavigation::new()
            // In connect mode a drag draws a link, so it must not pan the view.
            .with_zoom_and_pan_enabled(!connect_mode)
            .with_fit_to_screen_enabled(false);
        let style = SettingsStyle::new().with_labels_always(true);
        let shown = GraphView::<FixedState, FixedLayout>::new()
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .with_id(Some(VIEW_ID.into()))
            .show(ui, &mut self.graph);
        self.rect = shown.response.rect;
        if std::mem::take(&mut self.fit) {
            let area = self.fit_to.take();
            self.fit_now(ui, area);
        }
        self.wheel_zoom(ui, &shown.response);
        let meta = self.screen_meta(ui);
        self.view = (meta.zoom, meta.pan);
        ui.painter()
            .set(zones_slot, Shape::Vec(self.zone_shapes(ui, &meta)));
        if meta.zoom < super::shapes::LINK_LINES_BELOW_ZOOM {
            let clip = ui.painter().clip_rect();
            let hidden = self.built.is_some_and(|(_, hidden)| hidden);
            let shape = self
                .far_lines
                .shape(&meta, clip, (&self.geometry, hidden), &self.waker);
            ui.painter().set(lines_slot, shape);
        }
        self.hover_text(&shown.response, &meta);

        let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        let mut actions = Vec::new();
        let hit = self.graph_actions(&shown.changes, shift, &mut actions);
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

    fn zone_shapes(&self, ui: &egui::Ui, meta: &MetadataFrame) -> Vec<Shape> {
        let mut shapes = Vec::new();
        let zone_stroke = theme::zone_stroke(ui.visuals());
        let font_px = geometry::text::ZONE_FONT * meta.zoom;
        for zone in &self.geometry.zones {
            let r = zone.rect;
            let rect = Rect::from_min_max(
                meta.canvas_to_screen_pos(Pos2::new(r.x0, r.y0)),
                meta.canvas_to_screen_pos(Pos2::new(r.x1, r.y1)),
            );
            shapes.push(Shape::rect_filled(rect, 10.0, theme::ZONE_FILL));
            shapes.push(Shape::rect_stroke(
                rect,
                10.0,
                Stroke::new(1.0, zone_stroke),
                StrokeKind::Inside,
            ));
            // Zoomed out, a zone's title stays readable: as large as it is wanted
            // where it fits its zone, else as large as fits, and never smaller than
            // the least readable size, cut short with an ellipsis if need be. A title
            // never vanishes while its zone is on screen.
            let room = rect.width() - 16.0;
            let wanted = font_px.max(ZONE_TITLE_MIN_PX);
            let per_px = geometry::text::width(&zone.name, 1.0).max(0.1);
            let font_px = wanted
                .min((room / per_px).max(font_px))
                .max(theme::MIN_LABEL_PX);
            if room > 0.0 {
                let mut title = zone.name.clone();
                let mut keep = zone.name.chars().count();
                while keep > 1 && geometry::text::width(&title, font_px) > room {
                    keep -= 1;
                    let head: String = zone.name.chars().take(keep).collect();
                    title = format!("{}…", head.trim_end());
                }
                let galley = ui.painter().layout_no_wrap(
                    title,
                    FontId::proportional(font_px.min(theme::MAX_LABEL_PX)),
                    zone_stroke,
                );
                shapes.push(Shape::galley(
                    meta.canvas_to_screen_pos(Pos2::new(zone.title.x0, zone.title.y0)),
                    galley,
                    zone_stroke,
                ));
            }
        }
        shapes
    }
}
