//! Running the commands that change what the window shows, not the design: the
//! selection, the view, the flow and finding shown, exercises and the layout.

use crate::analysis::Subject;
use crate::document::Document;
use crate::model::{self, SystemId};
use crate::ui::app::{EXERCISE, FINDINGS, INSPECTOR, PALETTE, PatchbayApp};
use crate::ui::command::Selection;
use crate::ui::dialogs::{AcceptForm, Dialog};

impl PatchbayApp {
    /// Opens the in-place name editor on a system, and selects it.
    pub(in crate::ui) fn start_rename(&mut self, id: SystemId) {
        if let Some(s) = self.doc.design().system(id) {
            self.on_canvas.renaming = Some((id, s.name.clone()));
            self.selection = Selection {
                systems: vec![id],
                links: vec![],
            };
        }
    }

    /// Opens an exercise on its starting design.
    pub(in crate::ui) fn open_exercise(&mut self, id: &str) {
        if let Some(e) = crate::learn::exercises::get(id) {
            self.replace(
                Document::unsaved(e.start(), format!("Exercise: {}", e.title))
                    .with_header(model::leading_comments(e.design)),
            );
            self.learn.start(e);
            // A question is about one link: show it, recommendations hidden.
            if let crate::learn::exercises::Goal::Choose { .. } = e.goal {
                if let [only] = &self.doc.design().links[..] {
                    self.selection.links.push(only.id);
                }
            }
        }
    }

    /// Checks the open exercise, saying what stopped the check if anything did.
    pub(in crate::ui) fn check_exercise(&mut self) {
        if let Some(problem) = self.learn.check(&self.doc) {
            self.status = problem;
        }
    }

    /// Shows a flow (or none), with the whole flow in view.
    pub(in crate::ui) fn show_flow(&mut self, id: Option<u32>) {
        self.shown.flow = id;
        if id.is_some() {
            self.shown.flows_open = true;
        }
        // The whole flow in view: every step's route and both its ends.
        let design = self.doc.design();
        let geometry = self.doc.geometry();
        let area = id
            .and_then(|id| design.flows.iter().find(|f| f.id == id))
            .into_iter()
            .flat_map(|f| f.steps.iter())
            .filter_map(|l| geometry.link(*l))
            .flat_map(|l| {
                let ends = [l.from, l.to]
                    .into_iter()
                    .filter_map(|s| geometry.system(s).map(|s| s.rect));
                let route = l
                    .route
                    .iter()
                    .map(|p| crate::geometry::Rect::centered(*p, 0.0, 0.0));
                ends.chain(route).collect::<Vec<_>>()
            })
            .reduce(|a, b| a.union(&b));
        if let Some(area) = area {
            self.canvas.fit_area(area.grow(20.0));
        }
    }

    /// Stops comparing.
    pub(in crate::ui) fn close_comparison(&mut self) {
        self.compare = None;
        self.status = "Stopped comparing".into();
    }

    /// Asks why, who and until when, to accept a finding.
    pub(in crate::ui) fn ask_accept(&mut self, rule: &'static str, subject: Subject) {
        self.dialog = Some(Dialog::Accept(Box::new(AcceptForm {
            rule,
            subject,
            reason: String::new(),
            by: String::new(),
            until: String::new(),
            problem: None,
        })));
    }

    /// Puts the side panels back to their default sizes.
    pub(in crate::ui) fn reset_layout(&mut self, ctx: &egui::Context) {
        self.panels.reset();
        ctx.data_mut(|d| {
            for id in [PALETTE, INSPECTOR, FINDINGS, EXERCISE] {
                d.remove::<egui::containers::panel::PanelState>(egui::Id::new(id));
            }
        });
        self.canvas.fit();
    }

    /// Closes the window.
    pub(in crate::ui) fn quit(&mut self, ctx: &egui::Context) {
        self.quitting = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

impl PatchbayApp {
    /// Starts presenting (the canvas alone, full screen, fitted) or stops.
    pub(in crate::ui) fn present(&mut self, ctx: &egui::Context, on: bool) {
        self.presenting = on.then(crate::ui::present::Presenting::default);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        self.canvas.fit();
        self.status = if on {
            "Presenting: the arrow keys step through the flows, then the findings; Escape leaves"
                .into()
        } else {
            String::new()
        };
    }

    /// The next slide (or the one before), with what it highlights.
    pub(in crate::ui) fn slide(&mut self, forward: bool) {
        let Some(p) = &mut self.presenting else {
            return;
        };
        p.refresh(self.doc.revision(), self.doc.design(), self.doc.analysis());
        p.step(forward);
        match p.current() {
            Some(slide) => {
                let (selection, flow) =
                    crate::ui::present::highlight(self.doc.design(), self.doc.analysis(), slide);
                self.selection = selection;
                self.shown.flow = flow;
            }
            None => {
                self.selection.clear();
                self.shown.flow = None;
            }
        }
    }
}
