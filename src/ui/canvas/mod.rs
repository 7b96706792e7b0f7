//! The canvas: an egui_graphs view model rebuilt from the document when it changes,
//! zones drawn behind it, and the user's gestures turned into actions.

use super::shapes::{EdgeData, InView, NodeData, ViewGraph};
use super::theme;
use crate::geometry::{self, Geometry, quality::name_line_rects};
use crate::job::{Job, Polled, Waker};
use crate::model::{LinkId, Pos, SystemId, SystemKind};
use egui::{FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{
    DisplayNode, GraphChange, GraphView, Layout, LayoutState, MetadataFrame, SettingsInteraction,
    SettingsNavigation, SettingsStyle,
};
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

mod view;

/// A piece of a link's route in design units, with the link's colour.
type Line = (Pos2, Pos2, egui::Color32);
/// Intervals along one pixel row or column.
type Spans = Vec<(f32, f32)>;

/// What a merge of the far-out lines is for: a zoom, a drawing (by identity) and
/// whether advice is hidden (all links one colour).
#[derive(Clone)]
struct LinesOf {
    zoom: f32,
    geometry: Arc<Geometry>,
    hidden: bool,
}

impl PartialEq for LinesOf {
    fn eq(&self, o: &Self) -> bool {
        self.zoom == o.zoom && self.hidden == o.hidden && Arc::ptr_eq(&self.geometry, &o.geometry)
    }
}

/// Every link's route as pieces in design units, with its colour: its pattern's, or
/// one colour for all while an exercise hides the advice.
fn link_lines_of(geometry: &Geometry, hidden: bool) -> Vec<Line> {
    let p2 = |p: Pos| Pos2::new(p.x, p.y);
    let mut lines = Vec::new();
    for l in &geometry.links {
        let color = if hidden {
            theme::HIDDEN_ADVICE
        } else {
            theme::pattern_style(l.pattern).0
        };
        lines.extend(
            l.route
                .windows(2)
                .filter(|w| w[0] != w[1])
                .map(|w| (p2(w[0]), p2(w[1]), color)),
        );
    }
    lines
}

/// Route pieces joined where they fall on the same row or column of pixels `step`
/// design units apart (one pixel at the zoom they are drawn at): horizontal ones by
/// row and colour, vertical ones by column and colour, overlapping or touching
/// intervals made one. Slanted pieces (a link drawn straight while a box is dragged)
/// are kept as they are.
fn merge_lines(lines: &[Line], step: f32) -> Vec<Line> {
    let step = step.max(f32::EPSILON);
    let cell = |v: f32| (v / step).round() as i64;
    // (vertical, row or column, colour) -> intervals along it.
    let mut runs: HashMap<(bool, i64, [u8; 4]), Spans> = HashMap::new();
    let mut out = Vec::new();
    for &(a, b, color) in lines {
        if a.y == b.y {
            runs.entry((false, cell(a.y), color.to_array()))
                .or_default()
                .push((a.x.min(b.x), a.x.max(b.x)));
        } else if a.x == b.x {
            runs.entry((true, cell(a.x), color.to_array()))
                .or_default()
                .push((a.y.min(b.y), a.y.max(b.y)));
        } else {
            out.push((a, b, color));
        }
    }
    let mut keys: Vec<_> = runs.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let (vertical, at, [r, g, b, a]) = key;
        let color = egui::Color32::from_rgba_premultiplied(r, g, b, a);
        let Some(mut spans) = runs.remove(&key) else {
            continue;
        };
        spans.sort_by(|x, y| x.0.total_cmp(&y.0));
        let at = at as f32 * step;
        let mut push = |from: f32, to: f32| {
            out.push(if vertical {
                (Pos2::new(at, from), Pos2::new(at, to), color)
            } else {
                (Pos2::new(from, at), Pos2::new(to, at), color)
            });
        };
        let mut current = spans[0];
        for &(from, to) in &spans[1..] {
            if from <= current.1 + step {
                current.1 = current.1.max(to);
            } else {
                push(current.0, current.1);
                current = (from, to);
            }
        }
        push(current.0, current.1);
    }
    out
}

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
    /// Double-clicked a system to rename it.
    Rename(SystemId),
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
    /// The drawing's links as lines merged for one zoom: pieces on the same pixel row
    /// or column joined, so a channel of a hundred parallel links is a few long quads.
    /// Kept while only the pan changes, and drawn until a newer merge is ready.
    merged: Option<(LinesOf, Vec<Line>)>,
    /// A merge of a large design's lines being made on another thread.
    merging: Option<Job<LinesOf, Vec<Line>>>,
    /// A large design's view model being built on another thread, for the revision
    /// and advice setting it is of; the last one is shown until it arrives.
    building: Option<Job<(u64, bool), Built>>,
    /// Repaints the window when work done off its thread has a result.
    waker: Waker,
}

/// A view model and what it was built from, ready to be shown.
struct Built {
    key: (u64, bool),
    graph: ViewGraph,
    edges: HashMap<LinkId, EdgeIndex>,
    nodes: HashMap<SystemId, NodeIndex>,
    systems: HashMap<NodeIndex, SystemId>,
    links: HashMap<EdgeIndex, LinkId>,
    geometry: Arc<Geometry>,
    selection: (Vec<SystemId>, Vec<LinkId>),
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
            merged: None,
            merging: None,
            building: None,
            waker: Waker::default(),
        }
    }
}

/// The view model of a drawing: a node per system and an edge per link, with the
/// selection marked. With `hide_advice`, links are drawn without their
/// recommendations (see [`Canvas::sync`]).
fn build(
    key: (u64, bool),
    geometry: &Arc<Geometry>,
    selected: (&[SystemId], &[LinkId]),
    hide_advice: bool,
    waker: &Waker,
) -> Built {
    let mut g = ViewGraph::new();

    // Which links are in view is looked up in one index of every link's pieces,
    // built from the drawing on another thread for a large design.
    let in_view = Arc::new(InView::default());
    let mut nodes: HashMap<SystemId, NodeIndex> = HashMap::new();
    let mut systems: HashMap<NodeIndex, SystemId> = HashMap::new();
    let mut links: HashMap<EdgeIndex, LinkId> = HashMap::new();
    let mut edges: HashMap<LinkId, EdgeIndex> = HashMap::new();
    let p2 = |p: Pos| Pos2::new(p.x, p.y);
    let r2 = |r: &geometry::Rect| Rect::from_min_max(Pos2::new(r.x0, r.y0), Pos2::new(r.x1, r.y1));
    for s in &geometry.systems {
        let center = s.rect.center();
        let lines = s
            .lines
            .iter()
            .zip(name_line_rects(&s.rect, &s.lines))
            .map(|(l, r)| (l.clone(), r.center().y - center.y))
            .collect();
        let idx = g.add_node_with_label_and_location(
            NodeData {
                kind: s.kind,
                severity: s.severity,
                size: Vec2::new(s.rect.width(), s.rect.height()),
                lines,
            },
            s.name.clone(),
            p2(center),
        );
        if let Some(n) = g.node_mut(idx) {
            n.set_selected(selected.0.contains(&s.id));
        }
        nodes.insert(s.id, idx);
        systems.insert(idx, s.id);
    }
    for (slot, l) in geometry.links.iter().enumerate() {
        let (Some(&a), Some(&b)) = (nodes.get(&l.from), nodes.get(&l.to)) else {
            continue;
        };
        let (Some(from), Some(to)) = (geometry.system(l.from), geometry.system(l.to)) else {
            continue;
        };
        let (color, _) = theme::pattern_style(l.pattern);
        let route: Arc<[Pos2]> = l.route.iter().map(|p| p2(*p)).collect();
        let label = l.label.as_ref().map(|p| (p.text.clone(), r2(&p.rect)));
        let overview = l.overview.as_ref().map(|p| (p.text.clone(), r2(&p.rect)));
        let mut bounds = Rect::from_points(&route);
        for (_, r) in label.iter().chain(&overview) {
            bounds = bounds.union(*r);
        }
        let data = EdgeData {
            color,
            severity: l.severity,
            route,
            ends_at: (p2(from.rect.center()), p2(to.rect.center())),
            label,
            overview,
            bounds,
            in_view: (Arc::clone(&in_view), slot),
        };
        let (data, full_label) = if hide_advice {
            (
                EdgeData {
                    color: theme::HIDDEN_ADVICE,
                    label: None,
                    overview: None,
                    ..data
                },
                "Answer the exercise's question to see the recommendation".to_owned(),
            )
        } else {
            (data, l.full_label.clone())
        };
        let idx = g.add_edge_with_label(a, b, data, full_label);
        if let Some(e) = g.edge_mut(idx) {
            e.set_selected(selected.1.contains(&l.id));
        }
        links.insert(idx, l.id);
        edges.insert(l.id, idx);
    }
    in_view.fill(Arc::clone(geometry), waker);
    Built {
        key,
        graph: g,
        edges,
        nodes,
        systems,
        links,
        geometry: Arc::clone(geometry),
        selection: (selected.0.to_vec(), selected.1.to_vec()),
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
            ui.painter().set(lines_slot, self.link_lines(&meta, clip));
        }
        self.hover_text(&shown.response, &meta);

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

    /// Brings `merged` to this zoom and drawing: at once for a design of up to
    /// [`crate::document::BACKGROUND_DRAWING_LINKS`] links, on another thread for a
    /// larger one (where it takes a few hundred milliseconds), drawing the last merge
    /// meanwhile; a merge made for another zoom or drawing is still about right, only
    /// joined at another pixel size.
    fn merge_for(&mut self, zoom: f32) {
        let wanted = LinesOf {
            zoom,
            geometry: Arc::clone(&self.geometry),
            hidden: self.built.is_some_and(|(_, hidden)| hidden),
        };
        if self.merged.as_ref().is_some_and(|(of, _)| *of == wanted) {
            return;
        }
        if let Some(job) = &self.merging {
            match job.poll() {
                Polled::Ready(lines) => {
                    let fresh = *job.key() == wanted;
                    self.merged = self.merging.take().map(|job| (job.key().clone(), lines));
                    if fresh {
                        return;
                    }
                }
                Polled::Waiting => return,
                Polled::Ended => self.merging = None,
            }
        }
        let merge = {
            let of = wanted.clone();
            move || merge_lines(&link_lines_of(&of.geometry, of.hidden), 1.0 / of.zoom)
        };
        if wanted.geometry.links.len() <= crate::document::BACKGROUND_DRAWING_LINKS {
            self.merged = Some((wanted, merge()));
            return;
        }
        self.merging = Some(Job::one("merge lines", wanted, &self.waker, merge));
    }

    /// Every unselected link as a bare line, in one mesh: zoomed this far out a link
    /// has no arrowhead and no readable label, and tens of thousands of them drawn as
    /// shapes of their own would cost a frame each to tessellate. Lines thinner than a
    /// pixel are drawn one pixel wide and fainter, as egui draws thin lines.
    fn link_lines(&mut self, meta: &MetadataFrame, clip: Rect) -> Shape {
        let width = super::shapes::link_width(meta.zoom, false);
        let (half, fade) = (width.max(1.0) / 2.0, width.min(1.0));
        self.merge_for(meta.zoom);
        let lines = self.merged.as_ref().map_or(&[][..], |(_, l)| l.as_slice());
        let mut mesh = egui::Mesh::default();
        mesh.reserve_vertices(4 * lines.len());
        mesh.reserve_triangles(2 * lines.len());
        for &(a, b, color) in lines {
            let (a, b) = (meta.canvas_to_screen_pos(a), meta.canvas_to_screen_pos(b));
            // A piece shorter than a pixel adds nothing the pieces beside it do not show.
            if (b - a).length_sq() < 0.5 || !clip.intersects(Rect::from_two_pos(a, b).expand(half))
            {
                continue;
            }
            let n = (b - a).normalized().rot90() * half;
            let color = color.gamma_multiply(fade);
            let i = mesh.vertices.len() as u32;
            for p in [a + n, a - n, b - n, b + n] {
                mesh.colored_vertex(p, color);
            }
            mesh.add_triangle(i, i + 1, i + 2);
            mesh.add_triangle(i, i + 2, i + 3);
        }
        Shape::mesh(mesh)
    }

    /// A link's full label as a tooltip when its label on screen is short or hidden.
    fn hover_text(&self, response: &egui::Response, meta: &MetadataFrame) {
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let at = meta.screen_to_canvas_pos(pointer);
        let near = 6.0 / meta.zoom.max(0.01);
        let hit = self.geometry.links.iter().find(|l| {
            let on_label = l.label.as_ref().is_some_and(|p| {
                Rect::from_min_max(
                    Pos2::new(p.rect.x0, p.rect.y0),
                    Pos2::new(p.rect.x1, p.rect.y1),
                )
                .contains(at)
            });
            on_label
                || l.route.windows(2).any(|w| {
                    let r =
                        Rect::from_two_pos(Pos2::new(w[0].x, w[0].y), Pos2::new(w[1].x, w[1].y));
                    r.expand(near).contains(at)
                })
        });
        let Some(l) = hit else {
            return;
        };
        let name = |id| self.geometry.system(id).map_or("", |s| s.name.as_str());
        let text = format!(
            "{} -> {}: {}",
            theme::plain(name(l.from)),
            theme::plain(name(l.to)),
            l.full_label
        );
        response.clone().on_hover_text_at_pointer(text);
    }

    fn zone_shapes(&self, ui: &egui::Ui, meta: &MetadataFrame) -> Vec<Shape> {
        let mut shapes = Vec::new();
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
                Stroke::new(1.0, theme::ZONE_STROKE),
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
                    theme::ZONE_STROKE,
                );
                shapes.push(Shape::galley(
                    meta.canvas_to_screen_pos(Pos2::new(zone.title.x0, zone.title.y0)),
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
                .find(|(_, n)| n.display().is_inside(c))
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
}

#[cfg(test)]
mod merge_tests {
    use super::merge_lines;
    use egui::{Color32, Pos2};

    #[test]
    fn pieces_on_one_pixel_row_are_one_line_and_colours_stay_apart() {
        let p = Pos2::new;
        let (red, blue) = (Color32::RED, Color32::BLUE);
        let lines = [
            (p(0.0, 10.0), p(50.0, 10.0), red),
            // Half a pixel lower at zoom 0.1 (10 units a pixel), overlapping: joined.
            (p(40.0, 14.0), p(120.0, 14.0), red),
            // Same row, another colour: kept apart.
            (p(0.0, 10.0), p(50.0, 10.0), blue),
            // Same row and colour, far along: a line of its own.
            (p(400.0, 10.0), p(500.0, 10.0), red),
            // A column, its pieces touching.
            (p(7.0, 0.0), p(7.0, 30.0), red),
            (p(7.0, 35.0), p(7.0, 60.0), red),
            // Slanted: as it is.
            (p(0.0, 0.0), p(30.0, 40.0), blue),
        ];
        let merged = merge_lines(&lines, 10.0);
        assert_eq!(merged.len(), 5, "{merged:?}");
        let red_rows: Vec<_> = merged
            .iter()
            .filter(|(a, b, c)| *c == red && a.y == b.y)
            .map(|(a, b, _)| (a.x, b.x))
            .collect();
        assert_eq!(red_rows, vec![(0.0, 120.0), (400.0, 500.0)]);
        assert!(merged.contains(&(p(10.0, 0.0), p(10.0, 60.0), red)));
        assert!(merged.contains(&(p(0.0, 0.0), p(30.0, 40.0), blue)));
    }
}

#[cfg(test)]
mod build_tests {
    use super::Canvas;
    use crate::analysis::Pattern;
    use crate::document::BACKGROUND_DRAWING_LINKS;
    use crate::geometry::{Geometry, LinkShape, Rect, SystemShape};
    use crate::model::{LinkId, Pos, SystemId, SystemKind};
    use std::sync::Arc;

    /// A row of a hundred systems and `links` links between neighbours.
    fn drawing(links: usize) -> Arc<Geometry> {
        let system = |id: u32, x: f32| SystemShape {
            id: SystemId(id),
            name: format!("S{id}"),
            lines: vec![format!("S{id}")],
            kind: SystemKind::BackendService,
            rect: Rect::new(x, 0.0, x + 160.0, 56.0),
            severity: None,
        };
        let links = (0..links)
            .map(|k| LinkShape {
                id: LinkId(k as u32 + 1),
                from: SystemId(k as u32 % 99 + 1),
                to: SystemId(k as u32 % 99 + 2),
                route: vec![
                    Pos {
                        x: (k % 99) as f32 * 400.0 + 160.0,
                        y: 28.0,
                    },
                    Pos {
                        x: (k % 99) as f32 * 400.0 + 400.0,
                        y: 28.0,
                    },
                ],
                pattern: Pattern::RequestReply,
                severity: None,
                full_label: String::new(),
                short_label: String::new(),
                label: None,
                overview: None,
            })
            .collect();
        Arc::new(Geometry {
            systems: (0..100).map(|i| system(i + 1, i as f32 * 400.0)).collect(),
            links,
            zones: Vec::new(),
            bounds: Rect::new(0.0, 0.0, 40_000.0, 56.0),
        })
    }

    #[test]
    fn a_large_drawing_is_built_on_another_thread_while_the_last_one_stays_on_screen() {
        let mut c = Canvas::default();
        let first = drawing(BACKGROUND_DRAWING_LINKS + 10);
        c.sync(1, &first, (&[], &[]), false);
        assert_eq!(
            c.built,
            Some((1, false)),
            "nothing shown yet: built at once"
        );

        let second = drawing(BACKGROUND_DRAWING_LINKS + 20);
        let picked = [LinkId(BACKGROUND_DRAWING_LINKS as u32 + 20)];
        c.sync(2, &second, (&[], &picked), false);
        assert_eq!(
            c.built,
            Some((1, false)),
            "the last view model stays meanwhile"
        );
        assert_eq!(c.edges.len(), first.links.len());
        for _ in 0..1_000 {
            if c.built == Some((2, false)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            c.sync(2, &second, (&[], &picked), false);
        }
        assert_eq!(c.built, Some((2, false)), "the new one arrives");
        assert_eq!(c.edges.len(), second.links.len());
        let edge = c.edges[&picked[0]];
        assert!(
            c.graph.edge(edge).is_some_and(|e| e.selected()),
            "with the selection made meanwhile"
        );
        assert!(Arc::ptr_eq(&c.geometry, &second));
    }
}
