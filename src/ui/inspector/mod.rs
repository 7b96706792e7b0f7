//! The inspector: a fitting widget for every attribute of the selected system or link,
//! the design's own fields when nothing is selected, and the recommendations with
//! their reasons.

use super::commands::{Command, Selection};
use super::explanation::{esb_ui, recommendations_ui};
use crate::analysis::facts::Attr;
use crate::document::Document;
use crate::model::edit::Edit;

mod design;
mod link;
mod system;

use design::design_ui;
use link::link_ui;
use std::borrow::Cow;
use system::{connect_to_ui, system_ui};

impl Change {
    fn label(&self) -> &str {
        match self {
            Change::Step(l) | Change::Merged(l) => l,
        }
    }
}

/// A decision input's caption and help text, from the one table the flips and the
/// reports also read.
fn field(attr: Attr) -> (&'static str, &'static str) {
    (attr.field(), attr.help())
}

/// The format is no input of a link's decisions, but of the design's: the bus's
/// transformation signal.
const FORMAT: (&str, &str) = (
    "Format",
    "The data format on the wire. Different formats at one system are a reason for a \
     bus that transforms them.",
);

/// Every drop-down in the inspector is this wide, its choice cut short with an
/// ellipsis when longer: a long choice never widens the panel.
const COMBO_WIDTH: f32 = 190.0;

/// How a widget's change becomes an undo step.
enum Change {
    /// One step per change (a checkbox, a choice), with the undo menu's label.
    Step(Cow<'static, str>),
    /// Merged while the same field of the same item is edited (typing, dragging a
    /// number), with the undo menu's label.
    Merged(Cow<'static, str>),
}

/// A combo box over a vocabulary, showing labels and storing ids.
fn choice<T: Copy + PartialEq + 'static>(
    ui: &mut egui::Ui,
    (label, help): (&str, &str),
    value: &mut T,
    all: &[T],
    text: impl Fn(T) -> &'static str,
) -> bool {
    let mut changed = false;
    ui.label(label).on_hover_text(help);
    egui::ComboBox::from_id_salt(label)
        // A long choice is cut short with an ellipsis rather than widen the panel.
        .width(COMBO_WIDTH)
        .truncate()
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for &v in all {
                changed |= ui.selectable_value(value, v, text(v)).changed();
            }
        });
    ui.end_row();
    changed
}

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
