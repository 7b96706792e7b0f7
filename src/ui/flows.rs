//! The Flows section of the side panel, and the flow shown on the canvas: its links
//! in order with step numbers, everything else dimmed.

use super::canvas::Canvas;
use super::command::{Command, Selection};
use crate::document::Document;
use crate::model::Flow;
use crate::model::edit::Edit;
use egui::{Color32, RichText, Stroke};

/// Gold: the shown flow's links and step numbers.
const FLOW: Color32 = Color32::from_rgb(250, 200, 60);

/// The list of flows, the one shown, and the commands to make, rename and remove one.
pub(super) fn flows_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
    (shown, open): (Option<u32>, bool),
) -> Vec<Command> {
    let mut commands = Vec::new();
    let design = doc.design();
    ui.horizontal(|ui| {
        ui.heading(format!("Flows ({})", design.flows.len()));
        let label = if open { "Hide" } else { "Show" };
        if ui
            .small_button(label)
            .on_hover_text("Show or hide the design's end-to-end flows")
            .clicked()
        {
            commands.push(Command::FlowsOpen(!open));
        }
    });
    if open {
        commands.extend(section_ui(ui, doc, selection, shown));
    }
    commands
}

fn section_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
    shown: Option<u32>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let design = doc.design();
    ui.horizontal(|ui| {
        let picked = selection.links.len();
        if ui
            .add_enabled(picked > 0, egui::Button::new("New from selection").small())
            .on_hover_text(
                "A flow through the selected links, in the order you picked them \
                 (shift-click links on the canvas)",
            )
            .on_disabled_hover_text(
                "Select the flow's links in order first (shift-click on the canvas)",
            )
            .clicked()
        {
            commands.push(Command::NewFlow(selection.links.clone()));
        }
    });
    if design.flows.is_empty() {
        ui.label(
            RichText::new("No flows yet: select links in order, then New from selection.")
                .small()
                .weak(),
        );
    }
    for f in &design.flows {
        let selected = shown == Some(f.id);
        ui.horizontal(|ui| {
            let text = format!(
                "{} ({} step{})",
                f.name,
                f.steps.len(),
                if f.steps.len() == 1 { "" } else { "s" }
            );
            if ui
                .selectable_label(selected, super::theme::plain(&text))
                .clicked()
            {
                commands.push(Command::ShowFlow((!selected).then_some(f.id)));
            }
        });
        if selected {
            commands.extend(shown_flow_ui(ui, doc, selection, f));
        }
    }
    commands
}

/// The shown flow's own controls: its name, Append selected, Drop last step, Remove.
fn shown_flow_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
    f: &Flow,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let design = doc.design();
    let mut name = f.name.clone();
    ui.horizontal(|ui| {
        ui.label("Name");
        if ui.text_edit_singleline(&mut name).changed() {
            let renamed = Flow {
                name: name.clone(),
                ..f.clone()
            };
            // A name the file could not hold (empty, say) is not applied.
            if let Ok(edit) = Edit::set_flow(doc.design(), renamed, "Rename flow") {
                commands.push(Command::EditMerged(edit));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !selection.links.is_empty(),
                egui::Button::new("Append selected").small(),
            )
            .on_hover_text("Add the selected links as the next steps")
            .clicked()
        {
            let mut steps = f.steps.clone();
            steps.extend(selection.links.iter().copied());
            commands.push(Command::CheckedFlow(
                Flow { steps, ..f.clone() },
                "Add steps to flow",
            ));
        }
        if f.steps.len() > 1
            && ui
                .small_button("Drop last step")
                .on_hover_text("Remove the flow's last step")
                .clicked()
        {
            let steps = f.steps[..f.steps.len() - 1].to_vec();
            commands.push(Command::CheckedFlow(
                Flow { steps, ..f.clone() },
                "Drop a step from flow",
            ));
        }
        if ui
            .small_button("Remove")
            .on_hover_text("Remove the flow (its links stay)")
            .clicked()
        {
            commands.extend(Edit::remove_flow(design, f.id).map(Command::Edit));
            commands.push(Command::ShowFlow(None));
        }
    });
    commands
}

/// The shown flow on the canvas: everything dimmed, its links drawn over in order
/// with their step numbers.
/// `current`, while presenting, is the step shown: drawn over the others, wider, with a
/// larger number ringed in the text colour, while the other steps are dimmed.
pub(super) fn overlay(
    ui: &egui::Ui,
    doc: &Document,
    canvas: &Canvas,
    shown: Option<u32>,
    current: Option<usize>,
) {
    let Some(flow) = shown.and_then(|id| doc.design().flows.iter().find(|f| f.id == id)) else {
        return;
    };
    let painter = ui.painter().with_clip_rect(canvas.rect);
    painter.rect_filled(canvas.rect, 0.0, Color32::from_black_alpha(130));
    let geometry = doc.geometry();
    // The current step last, so it lies on top.
    let mut order: Vec<usize> = (0..flow.steps.len())
        .filter(|k| Some(*k) != current)
        .collect();
    order.extend(current.filter(|k| *k < flow.steps.len()));
    for k in order {
        let Some(l) = geometry.link(flow.steps[k]) else {
            continue;
        };
        let screen: Vec<egui::Pos2> = l.route.iter().map(|p| canvas.to_screen(*p)).collect();
        if screen.is_empty() {
            continue;
        }
        let is_current = current == Some(k);
        let colour = if current.is_some() && !is_current {
            FLOW.gamma_multiply(0.45)
        } else {
            FLOW
        };
        let (width, radius, font) = if is_current {
            (7.0, 16.0, 18.0)
        } else {
            (4.0, 11.0, 13.0)
        };
        painter.add(egui::Shape::line(
            screen.clone(),
            Stroke::new(width, colour),
        ));
        // The step number at the middle of the route.
        let mid = screen[screen.len() / 2 - usize::from(screen.len() % 2 == 0)]
            .lerp(screen[screen.len() / 2], 0.5);
        painter.circle_filled(mid, radius, colour);
        if is_current {
            painter.circle_stroke(
                mid,
                radius + 2.0,
                Stroke::new(2.5, ui.visuals().strong_text_color()),
            );
        }
        painter.text(
            mid,
            egui::Align2::CENTER_CENTER,
            (k + 1).to_string(),
            egui::FontId::proportional(font),
            Color32::BLACK,
        );
    }
    for id in doc.design().flow_links(flow).flat_map(|l| [l.from, l.to]) {
        if let Some(r) = canvas.last_screen_rect(id) {
            painter.rect_stroke(
                r.expand(2.0),
                5.0,
                Stroke::new(2.0, FLOW),
                egui::StrokeKind::Outside,
            );
        }
    }
}
