//! Running the commands that edit the design through the model's `Edit`s: add,
//! duplicate, connect, flows, and revealing what a finding names.

use crate::analysis::facts::{Attr, Value};
use crate::model::edit::Edit;
use crate::model::{Flow, Link, LinkId, Pos, SystemId, SystemKind};
use crate::ui::app::PatchbayApp;
use crate::ui::command::Selection;
use crate::ui::dialogs::Dialog;

impl PatchbayApp {
    /// Adds a system and selects it; called while commands run, after the frame.
    pub(in crate::ui) fn add_system(&mut self, kind: SystemKind, at: Pos) {
        // The nearest spot where the new box covers no box, link or label, so it never
        // looks connected to something it is not.
        let at = self.doc.geometry().free_spot(at);
        let (edit, id) = Edit::add_new_system(self.doc.design(), kind, at);
        self.doc.apply(edit);
        self.selection.clear();
        self.selection.systems.push(id);
    }

    /// Makes a flow through `steps` when they follow on; otherwise says why.
    pub(in crate::ui) fn new_flow(&mut self, steps: Vec<LinkId>) {
        let design = self.doc.design();
        let id = design.flows.iter().map(|f| f.id + 1).max().unwrap_or(1);
        let flow = Flow {
            id,
            name: format!("Flow {id}"),
            steps,
        };
        if self.checked_flow(flow, "New flow") {
            self.shown.flow = Some(id);
            self.shown.flows_open = true;
        }
    }

    /// Applies a changed or new flow if the design stays valid; otherwise says why.
    pub(in crate::ui) fn checked_flow(&mut self, flow: Flow, label: &str) -> bool {
        match Edit::set_flow(self.doc.design(), flow, label) {
            Ok(edit) => {
                self.doc.apply(edit);
                true
            }
            Err(problems) => {
                self.dialog = Some(Dialog::Error(format!(
                    "These links do not make a flow: {}",
                    problems.join("; ")
                )));
                false
            }
        }
    }

    /// Copies the selection (and the links between its systems): the first copy goes
    /// on the nearest free spot below and right of its original, as a palette add
    /// would, and the others keep their places relative to it.
    pub(in crate::ui) fn duplicate(&mut self) {
        let geometry = self.doc.geometry();
        let drawn = |s: &crate::model::System| {
            geometry
                .system(s.id)
                .map(|shape| shape.rect.center())
                .or(s.position)
                .unwrap_or_default()
        };
        let design = self.doc.design();
        let Some(first) = self
            .selection
            .systems
            .iter()
            .find_map(|id| design.system(*id))
        else {
            return;
        };
        let from = drawn(first);
        let to = geometry.free_spot(Pos {
            x: from.x + 40.0,
            y: from.y + 40.0,
        });
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        let (edit, copies) = Edit::duplicate(design, &self.selection.systems, |s| {
            let p = drawn(s);
            Pos {
                x: p.x + dx,
                y: p.y + dy,
            }
        });
        self.selection = Selection {
            systems: copies,
            links: vec![],
        };
        self.doc.apply(edit);
    }

    pub(in crate::ui) fn connect(&mut self) {
        let [from, to] = self.selection.systems[..] else {
            self.dialog = Some(Dialog::Error(
                "Select exactly two systems to connect: the one that starts the exchange first."
                    .into(),
            ));
            return;
        };
        let id = self.doc.design().next_link_id();
        self.doc
            .apply(Edit::set_link("Connect", Link::new(id, from, to)));
        self.selection = Selection {
            systems: vec![],
            links: vec![id],
        };
    }

    pub(in crate::ui) fn reveal(&mut self, subject: crate::analysis::Subject) {
        use crate::analysis::Subject;
        let design = self.doc.design();
        let at = match subject {
            Subject::System(id) => {
                self.selection = Selection {
                    systems: vec![id],
                    links: vec![],
                };
                design.system(id).and_then(|s| s.position)
            }
            Subject::Link(id) => {
                self.selection = Selection {
                    systems: vec![],
                    links: vec![id],
                };
                design.link(id).and_then(|l| {
                    let (a, b) = (
                        design.system(l.from)?.position?,
                        design.system(l.to)?.position?,
                    );
                    Some(Pos {
                        x: (a.x + b.x) / 2.0,
                        y: (a.y + b.y) / 2.0,
                    })
                })
            }
            Subject::Design => {
                self.selection.clear();
                None
            }
        };
        match at {
            Some(p) => self.canvas.reveal(p),
            None => self.canvas.fit(),
        }
    }

    /// Deletes the selection, as one step.
    pub(in crate::ui) fn delete_selection(&mut self) {
        if !self.selection.systems.is_empty() || !self.selection.links.is_empty() {
            let edit = Edit::delete(
                self.doc.design(),
                &self.selection.systems,
                &self.selection.links,
            );
            self.doc.apply(edit);
            self.selection.clear();
        }
    }

    /// Links one system to another and selects the new link.
    pub(in crate::ui) fn connect_to(&mut self, from: SystemId, to: SystemId) {
        self.selection = Selection {
            systems: vec![from, to],
            links: vec![],
        };
        self.connect();
    }

    /// Turns a link around.
    pub(in crate::ui) fn reverse(&mut self, id: LinkId) {
        if let Some(edit) = Edit::reverse(self.doc.design(), id) {
            self.doc.apply(edit);
        }
    }

    /// Arranges the design in layers, as one step, and fits it in view.
    pub(in crate::ui) fn auto_layout(&mut self) {
        let moves = crate::geometry::auto_layout(self.doc.design());
        let mut edit = Edit::move_systems(self.doc.design(), &moves);
        edit.label = "Auto-layout".into();
        self.doc.apply(edit);
        self.canvas.fit();
    }

    /// Gives one input of a link's decisions another value, or says why it cannot.
    pub(in crate::ui) fn set_input(&mut self, link: LinkId, attr: Attr, value: Value) {
        match crate::learn::set_input(self.doc.design(), link, attr, value) {
            Ok(edit) => self.doc.apply(edit),
            Err(why) => self.status = format!("Cannot change {}: {why}", attr.field()),
        }
    }

    /// Routes every direct link through one middleware system, as one step.
    pub(in crate::ui) fn introduce_bus(&mut self) {
        match crate::model::bus::introduce(self.doc.design()) {
            Some(edit) => {
                self.status = format!("{}. Undo puts the direct links back.", edit.label);
                self.doc.apply(edit);
                self.selection.clear();
                self.canvas.fit();
            }
            None => self.status = "Every link already goes through a middleware system.".into(),
        }
    }

    /// Removes a waiver: its finding counts again.
    pub(in crate::ui) fn reopen(&mut self, waiver: usize) {
        if let Some(edit) = Edit::reopen(self.doc.design(), waiver) {
            self.doc.apply(edit);
        }
    }
}
