//! The inspector: a fitting widget for every attribute of the selected system or link,
//! the design's own fields when nothing is selected, and the recommendations with
//! their reasons.

use super::command::{Command, Selection};
use super::explanation::{esb_ui, recommendations_ui};
use crate::document::Document;
use crate::model::edit::Edit;

mod design;
mod link;
mod system;
mod widgets;

use design::design_ui;
use link::link_ui;
use system::{connect_to_ui, system_ui};
use widgets::Change;

/// The inspector for `selection` in `doc`; what the user changed, as commands.
///
/// `hidden`: the recommendations are hidden, and why (an exercise's question is not
/// answered yet).
pub(super) fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
    hidden: Option<&str>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    // The inspector keeps the panel's width whatever is selected: text wraps inside it
    // rather than widening the panel.
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let design = doc.design();
            let mut out: Option<(Change, Edit)> = None;
            let mut command = None;
            match (&selection.systems[..], &selection.links[..]) {
                ([id], []) => {
                    if let Some(s) = design.system(*id) {
                        ui.heading("System");
                        out = system_ui(ui, design, s);
                        command = connect_to_ui(ui, design, s);
                    }
                }
                ([], [id]) => {
                    if let Some(l) = design.link(*id) {
                        ui.heading("Link");
                        let (edit, reverse) = link_ui(ui, design, l);
                        out = edit;
                        if reverse {
                            command = Some(Command::Reverse(l.id));
                        }
                        if let Some(a) = doc.analysis().link(l.id) {
                            ui.separator();
                            match hidden {
                                Some(why) => {
                                    ui.heading("Recommendations");
                                    ui.label(why);
                                }
                                None => commands.extend(recommendations_ui(
                                    ui,
                                    a,
                                    &crate::report::connects(design, a),
                                )),
                            }
                        }
                    }
                }
                ([], []) => {
                    ui.heading("Design");
                    out = design_ui(ui, design);
                    ui.separator();
                    commands.extend(esb_ui(ui, doc.analysis()));
                }
                (systems, links) => {
                    ui.heading("Selection");
                    ui.label(format!(
                        "{} systems and {} links selected.",
                        systems.len(),
                        links.len()
                    ));
                    if systems.len() == 2 && ui.button("Connect first -> second").clicked() {
                        command = Some(Command::Connect);
                    }
                    if ui.button("Delete selection").clicked() {
                        command = Some(Command::Delete);
                    }
                }
            }
            if let Some((change, edit)) = out {
                commands.push(match change {
                    Change::Step(_) => Command::Edit(edit),
                    Change::Merged(_) => Command::EditMerged(edit),
                });
            }
            commands.extend(command);
        });
    commands
}
