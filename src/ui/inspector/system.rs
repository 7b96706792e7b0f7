//! The selected system: name, kind, zone, capability overrides, notes.

use super::widgets::{COMBO_WIDTH, Change, choice, field};
use crate::analysis::facts::Attr;
use crate::model::edit::Edit;
use crate::model::{Design, System, SystemKind, ZoneId};
use egui::RichText;

use crate::ui::command::Command;

pub(super) fn system_ui(ui: &mut egui::Ui, design: &Design, s: &System) -> Option<(Change, Edit)> {
    let mut new = s.clone();
    let mut change = None;
    egui::Grid::new("system").num_columns(2).show(ui, |ui| {
        change = identity(ui, design, &mut new);
        change = capabilities(ui, &mut new).or(change.take());
        ui.label("Notes");
        if ui
            .add(egui::TextEdit::multiline(&mut new.notes).desired_width(COMBO_WIDTH))
            .changed()
        {
            change = Some(Change::Merged("Change system notes".into()));
        }
        ui.end_row();
    });
    if let Some(p) = s.position {
        ui.label(
            RichText::new(format!(
                "At ({:.0}, {:.0}). Double-click it on the canvas to rename.",
                p.x, p.y
            ))
            .small(),
        );
    }
    let change = change?;
    let edit = Edit::set_system(change.label(), new.clone());
    (new != *s).then_some((change, edit))
}

/// The name, kind and zone.
fn identity(ui: &mut egui::Ui, design: &Design, new: &mut System) -> Option<Change> {
    let mut change = None;
    ui.label("Name");
    if ui
        .add(egui::TextEdit::singleline(&mut new.name).desired_width(COMBO_WIDTH))
        .changed()
    {
        change = Some(Change::Merged("Rename system".into()));
    }
    ui.end_row();
    if choice(
        ui,
        field(Attr::FromKind),
        &mut new.kind,
        SystemKind::ALL,
        |k| k.label(),
    ) {
        change = Some(Change::Step("Change kind".into()));
    }
    ui.label("Zone");
    let zone_name = |z: Option<ZoneId>| {
        z.and_then(|z| design.zone(z))
            .map_or("none", |z| z.name.as_str())
    };
    egui::ComboBox::from_id_salt("zone")
        // A long choice is cut short with an ellipsis rather than widen the panel.
        .width(COMBO_WIDTH)
        .truncate()
        .selected_text(zone_name(new.zone))
        .show_ui(ui, |ui| {
            if ui.selectable_value(&mut new.zone, None, "none").changed() {
                change = Some(Change::Step("Change zone".into()));
            }
            for z in &design.zones {
                if ui
                    .selectable_value(&mut new.zone, Some(z.id), &z.name)
                    .changed()
                {
                    change = Some(Change::Step("Change zone".into()));
                }
            }
        });
    ui.end_row();
    change
}

/// What the system can do, each the kind's default unless overridden.
fn capabilities(ui: &mut egui::Ui, new: &mut System) -> Option<Change> {
    let mut change = None;
    let defaults = new.kind.default_capabilities();
    let caps: [(Attr, &mut Option<bool>, bool); 5] = [
        (
            Attr::FromKeepsSecret,
            &mut new.keeps_secret,
            defaults.keeps_secret,
        ),
        (
            Attr::FromUserPresent,
            &mut new.user_present,
            defaults.user_present,
        ),
        (
            Attr::FromLimitedInput,
            &mut new.limited_input,
            defaults.limited_input,
        ),
        (
            Attr::FromHasSamlSso,
            &mut new.has_saml_sso,
            defaults.has_saml_sso,
        ),
        (
            Attr::ToRequiresMtls,
            &mut new.requires_mtls,
            defaults.requires_mtls,
        ),
    ];
    for (attr, value, default) in caps {
        let label = attr.field();
        ui.label(label).on_hover_text(attr.help());
        let text = |v: Option<bool>| match v {
            None => format!("kind default ({})", if default { "yes" } else { "no" }),
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
        };
        egui::ComboBox::from_id_salt(label)
            // A long choice is cut short with an ellipsis rather than widen the panel.
            .width(COMBO_WIDTH)
            .truncate()
            .selected_text(text(*value))
            .show_ui(ui, |ui| {
                for v in [None, Some(true), Some(false)] {
                    if ui.selectable_value(value, v, text(v)).changed() {
                        change = Some(Change::Step(format!("Change {label}").into()));
                    }
                }
            });
        ui.end_row();
    }
    change
}

/// "Connect to…": a keyboard-friendly way to draw a link from this system.
pub(super) fn connect_to_ui(ui: &mut egui::Ui, design: &Design, s: &System) -> Option<Command> {
    let mut picked = None;
    egui::ComboBox::from_id_salt("connect-to")
        // A long choice is cut short with an ellipsis rather than widen the panel.
        .width(COMBO_WIDTH)
        .truncate()
        .selected_text("Connect to…")
        .show_ui(ui, |ui| {
            for other in design.systems.iter().filter(|o| o.id != s.id) {
                if ui
                    .selectable_label(false, format!("-> {}", other.name))
                    .clicked()
                {
                    picked = Some(Command::ConnectTo(s.id, other.id));
                }
            }
        });
    picked
}
