//! The design itself: name, description, environment, governance, zones.

use super::widgets::{COMBO_WIDTH, Change, choice};
use crate::model::edit::{DesignMeta, Edit};
use crate::model::{Design, Environment, System, Zone};
use egui::RichText;

pub(super) fn design_ui(ui: &mut egui::Ui, design: &Design) -> Option<(Change, Edit)> {
    let mut meta = DesignMeta::of(design);
    let mut change = None;
    egui::Grid::new("design").num_columns(2).show(ui, |ui| {
        ui.label("Name");
        if ui
            .add(egui::TextEdit::singleline(&mut meta.name).desired_width(COMBO_WIDTH))
            .changed()
        {
            change = Some(Change::Merged("Rename design".into()));
        }
        ui.end_row();
        ui.label("Description");
        if ui
            .add(egui::TextEdit::multiline(&mut meta.description).desired_width(COMBO_WIDTH))
            .changed()
        {
            change = Some(Change::Merged("Change description".into()));
        }
        ui.end_row();
        if choice(
            ui,
            (
                "Environment",
                "Production or prototype. In a prototype, high-severity findings are \
                 shown as warnings.",
            ),
            &mut meta.environment,
            Environment::ALL,
            |e| e.label(),
        ) {
            change = Some(Change::Step("Change environment".into()));
        }
        ui.label("");
        if ui
            .checkbox(&mut meta.central_governance, "central governance")
            .on_hover_text("Every exchange must be centrally audited and monitored")
            .changed()
        {
            change = Some(Change::Step("Change governance".into()));
        }
        ui.end_row();
    });
    let edit = change.map(|c| {
        let label = c.label().to_owned();
        (
            c,
            Edit {
                meta: Some(meta),
                ..Edit::new(label)
            },
        )
    });
    zones_ui(ui, design).or(edit)
}

/// The design's zones: rename, remove (its systems stay) or add one.
fn zones_ui(ui: &mut egui::Ui, design: &Design) -> Option<(Change, Edit)> {
    let mut edit = None;
    ui.label(RichText::new("Zones").strong());
    for z in &design.zones {
        let mut name = z.name.clone();
        ui.horizontal(|ui| {
            // The name takes what the Remove button leaves, so the row never widens
            // the panel.
            let room = (ui.available_width() - 70.0).max(60.0);
            let field = egui::TextEdit::singleline(&mut name).desired_width(room);
            if ui.add(field).changed() && !name.trim().is_empty() {
                let mut e = Edit::new("Rename zone");
                e.zones.push((
                    z.id,
                    Some(Zone {
                        id: z.id,
                        name: name.clone(),
                    }),
                ));
                edit = Some((Change::Merged("Rename zone".into()), e));
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Remove the zone; its systems stay")
                .clicked()
            {
                let mut e = Edit::new("Remove zone");
                e.zones.push((z.id, None));
                for s in design.systems.iter().filter(|s| s.zone == Some(z.id)) {
                    e.systems.push((
                        s.id,
                        Some(System {
                            zone: None,
                            ..s.clone()
                        }),
                    ));
                }
                edit = Some((Change::Step("Remove zone".into()), e));
            }
        });
    }
    if ui.button("Add zone").clicked() {
        let id = design.next_zone_id();
        let mut e = Edit::new("Add zone");
        e.zones.push((
            id,
            Some(Zone {
                id,
                name: format!("Zone {}", id.0),
            }),
        ));
        edit = Some((Change::Step("Add zone".into()), e));
    }
    edit
}
