//! The inspector: a fitting widget for every attribute of the selected system or link,
//! the design's own fields when nothing is selected, and the recommendations with
//! their reasons.

use super::commands::{Command, Selection};
use super::explanation::{esb_ui, recommendations_ui};
use crate::analysis::facts::Attr;
use crate::document::Document;
use crate::model::edit::{DesignMeta, Edit};
use crate::model::{
    AuthFlow, Design, Environment, Format, Latency, Link, Protocol, Sensitivity, System,
    SystemKind, Trigger, Zone, ZoneId, limits,
};
use egui::RichText;
use std::borrow::Cow;

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
pub(super) fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &Selection,
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
                            recommendations_ui(ui, a);
                        }
                    }
                }
                ([], []) => {
                    ui.heading("Design");
                    out = design_ui(ui, design);
                    ui.separator();
                    esb_ui(ui, doc.analysis());
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

fn system_ui(ui: &mut egui::Ui, design: &Design, s: &System) -> Option<(Change, Edit)> {
    let mut new = s.clone();
    let mut change = None;
    egui::Grid::new("system").num_columns(2).show(ui, |ui| {
        ui.label("Name");
        if ui.text_edit_singleline(&mut new.name).changed() {
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
        ui.label("Notes");
        if ui.text_edit_multiline(&mut new.notes).changed() {
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

/// "Connect to…": a keyboard-friendly way to draw a link from this system.
fn connect_to_ui(ui: &mut egui::Ui, design: &Design, s: &System) -> Option<Command> {
    let mut picked = None;
    egui::ComboBox::from_id_salt("connect-to")
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

fn link_ui(ui: &mut egui::Ui, design: &Design, l: &Link) -> (Option<(Change, Edit)>, bool) {
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    let mut reverse = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} -> {}", name(l.from), name(l.to))).strong());
        reverse = ui
            .button("Reverse")
            .on_hover_text("Make the other end start the exchange")
            .clicked();
    });
    let mut new = l.clone();
    let mut change = None;
    egui::Grid::new("link").num_columns(2).show(ui, |ui| {
        ui.label("Purpose");
        if ui.text_edit_singleline(&mut new.purpose).changed() {
            change = Some(Change::Merged("Change purpose".into()));
        }
        ui.end_row();
        let flags: [(Attr, &mut bool); 5] = [
            (Attr::NeedsResponse, &mut new.needs_response),
            (Attr::GuaranteedDelivery, &mut new.guaranteed_delivery),
            (Attr::OnBehalfOfUser, &mut new.on_behalf_of_user),
            (Attr::Virtual, &mut new.is_virtual),
            (Attr::ExternalPublish, &mut new.external_publish),
        ];
        for (attr, value) in flags {
            ui.label("");
            if ui
                .checkbox(value, attr.field())
                .on_hover_text(attr.help())
                .changed()
            {
                change = Some(Change::Step(format!("Change {}", attr.field()).into()));
            }
            ui.end_row();
        }
        if choice(
            ui,
            field(Attr::Trigger),
            &mut new.trigger,
            Trigger::ALL,
            |v| v.label(),
        ) {
            change = Some(Change::Step("Change trigger".into()));
        }
        if choice(
            ui,
            field(Attr::Latency),
            &mut new.latency,
            Latency::ALL,
            |v| v.label(),
        ) {
            change = Some(Change::Step("Change latency".into()));
        }
        if choice(
            ui,
            field(Attr::Sensitivity),
            &mut new.sensitivity,
            Sensitivity::ALL,
            |v| v.label(),
        ) {
            change = Some(Change::Step("Change sensitivity".into()));
        }
        if choice(
            ui,
            field(Attr::Protocol),
            &mut new.protocol,
            Protocol::ALL,
            |v| v.label(),
        ) {
            change = Some(Change::Step("Change protocol".into()));
        }
        if choice(ui, FORMAT, &mut new.format, Format::ALL, |v| v.label()) {
            change = Some(Change::Step("Change format".into()));
        }
        ui.label(Attr::Volume.field())
            .on_hover_text(Attr::Volume.help());
        let unit = if new.volume == 1 {
            " record"
        } else {
            " records"
        };
        if ui
            .add(
                egui::DragValue::new(&mut new.volume)
                    .range(limits::VOLUME_RANGE)
                    .clamp_existing_to_range(false)
                    .speed(10.0)
                    .suffix(unit),
            )
            .changed()
        {
            change = Some(Change::Merged("Change volume".into()));
        }
        ui.end_row();
        ui.label(Attr::ExpectedDuration.field())
            .on_hover_text(Attr::ExpectedDuration.help());
        if ui
            .add(
                egui::DragValue::new(&mut new.expected_duration_s)
                    .range(limits::EXPECTED_DURATION_RANGE)
                    .clamp_existing_to_range(false)
                    .speed(0.5)
                    .suffix(" s"),
            )
            .changed()
        {
            change = Some(Change::Merged("Change expected duration".into()));
        }
        ui.end_row();
        ui.label("Auth today");
        let text = |a: Option<AuthFlow>| a.map_or("not set", |a| a.label());
        egui::ComboBox::from_id_salt("auth")
            .selected_text(text(new.auth))
            .show_ui(ui, |ui| {
                for v in std::iter::once(None).chain(AuthFlow::ALL.iter().copied().map(Some)) {
                    if ui.selectable_value(&mut new.auth, v, text(v)).changed() {
                        change = Some(Change::Step("Change auth".into()));
                    }
                }
            });
        ui.end_row();
        ui.label("Notes");
        if ui.text_edit_multiline(&mut new.notes).changed() {
            change = Some(Change::Merged("Change link notes".into()));
        }
        ui.end_row();
    });
    let edit = change.and_then(|change| {
        let edit = Edit::set_link(change.label(), new.clone());
        (new != *l).then_some((change, edit))
    });
    (edit, reverse)
}

fn design_ui(ui: &mut egui::Ui, design: &Design) -> Option<(Change, Edit)> {
    let mut meta = DesignMeta::of(design);
    let mut change = None;
    egui::Grid::new("design").num_columns(2).show(ui, |ui| {
        ui.label("Name");
        if ui.text_edit_singleline(&mut meta.name).changed() {
            change = Some(Change::Merged("Rename design".into()));
        }
        ui.end_row();
        ui.label("Description");
        if ui.text_edit_multiline(&mut meta.description).changed() {
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
    let mut edit = change.map(|c| {
        let label = c.label().to_owned();
        (
            c,
            Edit {
                meta: Some(meta),
                ..Edit::new(label)
            },
        )
    });
    ui.label(RichText::new("Zones").strong());
    for z in &design.zones {
        let mut name = z.name.clone();
        ui.horizontal(|ui| {
            if ui.text_edit_singleline(&mut name).changed() && !name.trim().is_empty() {
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
