//! The explanation of a recommendation: the choice, why, what came second, every
//! input change that would change it, and how to build it; and the ESB verdict.

use crate::analysis::decision::{Decision, Path, WhatIf, path, what_if};
use crate::analysis::facts::{Value, grouped, seconds};
use crate::analysis::{Analysis, LinkAnalysis, auth, events, mtls, pattern};
use egui::RichText;

/// A value as the what-if table shows it.
fn value_text(v: Value) -> String {
    match v {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Count(n) => grouped(n),
        Value::Seconds(s) => format!("{} s", seconds(s)),
        other => other.to_string(),
    }
}

fn decision_ui<T: Copy>(
    ui: &mut egui::Ui,
    title: &str,
    d: &Decision<T>,
    // Computed only while their section is open: not on every frame a link is selected.
    (path, table): (impl FnOnce() -> Path<T>, impl FnOnce() -> Vec<WhatIf<T>>),
    show: impl Fn(T) -> String + Copy,
    options: &[&str],
) {
    ui.label(
        RichText::new(format!("{title}: {}", show(d.choice)))
            .strong()
            .size(15.0),
    );
    ui.label(d.reason.as_ref());
    if let Some(r) = d.runner_up {
        ui.label(RichText::new(format!("Runner-up: {}", show(r))).italics());
    }
    match crate::report::flip_text(d, show) {
        Some(flip) => ui.label(format!("Would change {flip}")),
        None => ui.label("No single input change alters it."),
    };
    // The decision's own questions, as this link answered them: the decision run again
    // with a trace, so it cannot disagree with the recommendation above.
    egui::CollapsingHeader::new(format!("How it was decided ({title})"))
        .id_salt(("path", title))
        .show(ui, |ui| {
            let path = path();
            let last = path.steps.len().saturating_sub(1);
            for (i, (question, answer)) in path.steps.iter().enumerate() {
                let text = format!(
                    "{}. {} {}",
                    i + 1,
                    question.text,
                    if *answer { "Yes." } else { "No." }
                );
                if i == last {
                    ui.label(RichText::new(text).strong());
                } else {
                    ui.label(text);
                }
            }
            ui.label(RichText::new(format!("So: {}", show(path.choice))).strong());
        });
    // Every input the decision reads, each value worth trying, and what it would give,
    // decided again; this link's own values in bold.
    egui::CollapsingHeader::new(format!("What if ({title})"))
        .id_salt(("what-if", title))
        .show(ui, |ui| {
            // One input after another, its values wrapping within the panel's width.
            for input in table() {
                ui.label(RichText::new(input.attr.label()).italics());
                ui.horizontal_wrapped(|ui| {
                    for (value, choice, current) in &input.rows {
                        let cell = format!("{}: {}", value_text(*value), show(*choice));
                        if *current {
                            ui.label(RichText::new(cell).strong());
                        } else {
                            ui.label(RichText::new(cell).weak());
                        }
                    }
                });
            }
        });
    if !options.is_empty() {
        egui::CollapsingHeader::new(format!("How to build it ({title})"))
            .id_salt(title)
            .show(ui, |ui| {
                for o in options {
                    ui.label(format!("• {o}"));
                }
            });
    }
    ui.add_space(6.0);
}

pub(super) fn recommendations_ui(ui: &mut egui::Ui, a: &LinkAnalysis) {
    ui.heading("Recommendations");
    let [pattern_options, events_options, auth_options, mtls_options] = crate::report::options(a);
    let f = &a.facts;
    decision_ui(
        ui,
        "Pattern",
        &a.pattern,
        (
            || path::<pattern::PatternDecision>(f),
            || what_if::<pattern::PatternDecision>(f),
        ),
        |p| p.id().to_owned(),
        pattern_options,
    );
    decision_ui(
        ui,
        "Events",
        &a.events,
        (
            || path::<events::EventsDecision>(f),
            || what_if::<events::EventsDecision>(f),
        ),
        |e| e.id().to_owned(),
        events_options,
    );
    decision_ui(
        ui,
        "Auth flow",
        &a.auth_flow,
        (
            || path::<auth::AuthDecision>(f),
            || what_if::<auth::AuthDecision>(f),
        ),
        |f| f.id().to_owned(),
        auth_options,
    );
    decision_ui(
        ui,
        "mTLS",
        &a.mtls,
        (
            || path::<mtls::MtlsDecision>(f),
            || what_if::<mtls::MtlsDecision>(f),
        ),
        |b| {
            if b {
                "recommended".into()
            } else {
                "not needed".into()
            }
        },
        mtls_options,
    );
}

pub(super) fn esb_ui(ui: &mut egui::Ui, a: &Analysis) {
    let esb = &a.esb;
    ui.heading("Enterprise Service Bus");
    ui.label(RichText::new(esb.verdict.label()).strong().size(15.0));
    ui.label(&esb.reason);
    egui::Grid::new("esb").num_columns(2).show(ui, |ui| {
        for (k, v) in [
            ("Systems exchanging data (n)", esb.systems),
            ("Point-to-point today (p)", esb.point_to_point),
            ("Full mesh n(n-1)/2", esb.full_mesh),
            ("Through a hub", esb.via_hub),
        ] {
            ui.label(k);
            ui.label(v.to_string());
            ui.end_row();
        }
    });
    for s in &esb.signals {
        ui.label(super::theme::plain(&format!(
            "• {}: {}",
            s.kind.label(),
            s.evidence
        )));
    }
    if let Some(flip) = &esb.flip {
        ui.label(format!("Would change {flip}"));
    }
}
