//! The selected link: every attribute with its widget.

use super::widgets::{COMBO_WIDTH, Change, FORMAT, choice, field};
use crate::analysis::facts::Attr;
use crate::model::edit::Edit;
use crate::model::{
    AuthFlow, Design, Format, Latency, Link, Protocol, Sensitivity, Trigger, limits,
};
use egui::RichText;

pub(super) fn link_ui(
    ui: &mut egui::Ui,
    design: &Design,
    l: &Link,
) -> (Option<(Change, Edit)>, bool) {
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    let mut reverse = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} -> {}", name(l.from), name(l.to))).strong());
        reverse = ui
            .button("Reverse")
            .on_hover_text("Make the other end start the exchange")
            .clicked();
    });
    let mut new = l.clone();
    let mut change = None;
    egui::Grid::new("link").num_columns(2).show(ui, |ui| {
        for part in [flags, choices, amounts, auth_and_notes] {
            change = part(ui, &mut new).or(change.take());
        }
    });
    let edit = change.and_then(|change| {
        let edit = Edit::set_link(change.label(), new.clone());
        (new != *l).then_some((change, edit))
    });
    (edit, reverse)
}

/// The purpose and the yes-or-no inputs.
fn flags(ui: &mut egui::Ui, new: &mut Link) -> Option<Change> {
    let mut change = None;
    ui.label("Purpose");
    if ui
        .add(egui::TextEdit::singleline(&mut new.purpose).desired_width(COMBO_WIDTH))
        .changed()
    {
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
            change = Some(Change::Step(
                format!("Change {}", attr.in_sentence()).into(),
            ));
        }
        ui.end_row();
    }
    change
}

/// The inputs chosen from a list.
fn choices(ui: &mut egui::Ui, new: &mut Link) -> Option<Change> {
    let mut change = None;
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
    change
}

/// How much data a run moves and how long the other side works on it.
fn amounts(ui: &mut egui::Ui, new: &mut Link) -> Option<Change> {
    let mut change = None;
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
    change
}

/// The auth used today and the notes.
fn auth_and_notes(ui: &mut egui::Ui, new: &mut Link) -> Option<Change> {
    let mut change = None;
    ui.label("Auth today");
    let text = |a: Option<AuthFlow>| a.map_or("not set", |a| a.label());
    egui::ComboBox::from_id_salt("auth")
        // A long choice is cut short with an ellipsis rather than widen the panel.
        .width(COMBO_WIDTH)
        .truncate()
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
    if ui
        .add(egui::TextEdit::multiline(&mut new.notes).desired_width(COMBO_WIDTH))
        .changed()
    {
        change = Some(Change::Merged("Change link notes".into()));
    }
    ui.end_row();
    change
}
