//! The explanation of a recommendation: the choice, why, what came second, every
//! input change that would change it, and how to build it; and the ESB verdict.

use super::command::Command;
use crate::analysis::decision::{Decide, Decision, answer_flip, path, what_if};
use crate::analysis::facts::{Attr, LinkFacts, Value, grouped, seconds};
use crate::analysis::{Analysis, LinkAnalysis, auth, events, mtls, pattern};
use crate::learn::concepts;
use crate::model::LinkId;
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

/// Where a decision's section can send the user: an input change or a concept card.
pub(super) struct Out<'a> {
    /// The link the decision is about.
    pub link: LinkId,
    /// What was clicked.
    pub commands: &'a mut Vec<Command>,
}

/// Small links to concept cards; the one clicked, as a command.
pub(super) fn concept_links(ui: &mut egui::Ui, ids: &[&'static str], commands: &mut Vec<Command>) {
    if ids.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Concepts:").small().weak());
        for &id in ids {
            if let Some(card) = concepts::get(id) {
                if ui
                    .link(RichText::new(card.title).small())
                    .on_hover_text("Open the concept card")
                    .clicked()
                {
                    commands.push(Command::ShowConcept(id));
                }
            }
        }
    });
}

/// Where a reference can be read: the address the facts table gives the fact it cites
/// (an RFC at the RFC Editor, a Salesforce Help article); `None` for one that has no
/// address of its own (a section of the article).
pub(super) fn reference_url(reference: &str) -> Option<&'static str> {
    crate::standards::FACTS
        .iter()
        .find(|f| {
            reference
                .strip_prefix(f.name)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .and_then(|f| f.url)
}

/// A finding's or a card's references, one a line; an RFC is a link to its text.
pub(super) fn references_ui(ui: &mut egui::Ui, references: &[&str], small: bool) {
    for r in references {
        let text = if small {
            RichText::new(format!("• {r}")).small()
        } else {
            RichText::new(format!("• {r}"))
        };
        match reference_url(r) {
            Some(url) => {
                ui.hyperlink_to(text, url);
            }
            None => {
                ui.label(if small { text.weak() } else { text });
            }
        }
    }
}

/// The command that gives `attr` the value `value` on the link, or why it cannot.
fn set_input(link: LinkId, attr: Attr, value: Value) -> Result<Command, &'static str> {
    if attr.is_drawn() {
        Err(if attr == Attr::CrossesBoundary {
            "This follows from the zones of the two systems: change a system's zone."
        } else {
            "This follows from the drawing: link the caller with an identity provider, or remove that link."
        })
    } else {
        Ok(Command::SetInput { link, attr, value })
    }
}

fn decision_ui<D: Decide>(
    ui: &mut egui::Ui,
    title: &str,
    d: &Decision<D::Choice>,
    facts: &LinkFacts,
    show: impl Fn(D::Choice) -> String + Copy,
    (options, cards): (&[&str], &[&'static str]),
    out: &mut Out<'_>,
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
    ui.label(match crate::report::Change::of(d, show) {
        crate::report::Change::Flips(flips) => format!("Would change {flips}"),
        crate::report::Change::OutOfReach(why) => format!("Out of reach: {why}"),
    });
    concept_links(ui, cards, out.commands);
    path_ui::<D>(ui, title, facts, show, out);
    what_if_ui::<D>(ui, title, facts, show, out);
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

/// The decision's path for this link, each answer a button that flips it.
fn path_ui<D: Decide>(
    ui: &mut egui::Ui,
    title: &str,
    facts: &LinkFacts,
    show: impl Fn(D::Choice) -> String + Copy,
    out: &mut Out<'_>,
) {
    // The decision's own questions, as this link answered them: the decision run again
    // with a trace, so it cannot disagree with the recommendation above. Each answer
    // is a button that changes the input behind it (one undo step).
    egui::CollapsingHeader::new(format!("How it was decided ({title})"))
        .id_salt(("path", title))
        .show(ui, |ui| {
            let path = path::<D>(facts);
            let last = path.steps.len().saturating_sub(1);
            for (i, (question, answer)) in path.steps.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    let text = format!("{}. {}", i + 1, question.text);
                    if i == last {
                        ui.label(RichText::new(text).strong());
                    } else {
                        ui.label(text);
                    }
                    let word = if *answer { "Yes" } else { "No" };
                    let flip = answer_flip::<D>(facts, i)
                        .ok_or("No input of this link changes this answer.")
                        .and_then(|(attr, value)| {
                            set_input(out.link, attr, value).map(|c| (attr, value, c))
                        });
                    match flip {
                        Ok((attr, value, command)) => {
                            let hover = format!(
                                "Click to answer {}: sets {} to {}",
                                if *answer { "no" } else { "yes" },
                                attr.field(),
                                value_text(value)
                            );
                            if ui.button(word).on_hover_text(hover).clicked() {
                                out.commands.push(command);
                            }
                        }
                        Err(why) => {
                            ui.add_enabled(false, egui::Button::new(word))
                                .on_disabled_hover_text(why);
                        }
                    }
                });
            }
            ui.label(RichText::new(format!("So: {}", show(path.choice))).strong());
        });
}

/// The decision's what-if table for this link, each other value a button that sets it.
fn what_if_ui<D: Decide>(
    ui: &mut egui::Ui,
    title: &str,
    facts: &LinkFacts,
    show: impl Fn(D::Choice) -> String + Copy,
    out: &mut Out<'_>,
) {
    // Every input the decision reads, each value worth trying, and what it would give,
    // decided again; this link's own values in bold, the others buttons that set them.
    egui::CollapsingHeader::new(format!("What if ({title})"))
        .id_salt(("what-if", title))
        .show(ui, |ui| {
            // One input after another, its values wrapping within the panel's width.
            for input in what_if::<D>(facts) {
                ui.label(RichText::new(input.attr.label()).italics());
                ui.horizontal_wrapped(|ui| {
                    for (value, choice, current) in &input.rows {
                        let cell = format!("{}: {}", value_text(*value), show(*choice));
                        if *current {
                            ui.label(RichText::new(cell).strong());
                            continue;
                        }
                        match set_input(out.link, input.attr, *value) {
                            Ok(command) => {
                                let hover =
                                    format!("Set {} to {}", input.attr.field(), value_text(*value));
                                if ui.small_button(cell).on_hover_text(hover).clicked() {
                                    out.commands.push(command);
                                }
                            }
                            Err(why) => {
                                ui.label(RichText::new(cell).weak()).on_hover_text(why);
                            }
                        }
                    }
                });
            }
        });
}

/// The four recommendations of a link; what the user clicked, as commands.
pub(super) fn recommendations_ui(
    ui: &mut egui::Ui,
    a: &LinkAnalysis,
    connects: &str,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut out = Out {
        link: a.link,
        commands: &mut commands,
    };
    ui.heading("Recommendations");
    if a.facts.is_sign_in() {
        // Federation, not a data integration: none of the four decisions applies.
        ui.label(RichText::new(a.auth_flow.choice.label()).strong());
        ui.label(a.pattern.reason.as_ref());
        ui.label(a.auth_flow.reason.as_ref());
        ui.label(
            RichText::new("No integration pattern, event mechanism, gateway or mutual TLS advice for a sign-in.")
                .small()
                .weak(),
        );
        concept_links(ui, concepts::for_auth(a.auth_flow.choice), &mut commands);
        return commands;
    }
    ui.label(RichText::new(format!("Connects: {}", super::theme::plain(connects))).small());
    let [pattern_options, events_options, auth_options, mtls_options] = crate::report::options(a);
    let [pattern_cards, events_cards, auth_cards, mtls_cards] = concepts::for_link(a);
    let f = &a.facts;
    decision_ui::<pattern::PatternDecision>(
        ui,
        "Pattern",
        &a.pattern,
        f,
        |p| p.id().to_owned(),
        (&pattern_options, &pattern_cards),
        &mut out,
    );
    decision_ui::<events::EventsDecision>(
        ui,
        "Events",
        &a.events,
        f,
        |e| e.id().to_owned(),
        (&events_options, &events_cards),
        &mut out,
    );
    decision_ui::<auth::AuthDecision>(
        ui,
        "Auth flow",
        &a.auth_flow,
        f,
        |f| f.id().to_owned(),
        (&auth_options, &auth_cards),
        &mut out,
    );
    decision_ui::<mtls::MtlsDecision>(
        ui,
        "mTLS",
        &a.mtls,
        f,
        |b| {
            if b {
                "recommended".into()
            } else {
                "not needed".into()
            }
        },
        (&mtls_options, &mtls_cards),
        &mut out,
    );
    commands
}

/// The ESB verdict with its counts and signals, the way to compare with a hub and to
/// introduce one; what the user clicked, as commands.
pub(super) fn esb_ui(ui: &mut egui::Ui, a: &Analysis) -> Vec<Command> {
    let mut commands = Vec::new();
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
    concept_links(ui, &["esb", "point-to-point"], &mut commands);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("The bus, side by side")
            .on_hover_text("Today's point-to-point links next to the same systems through one hub")
            .clicked()
        {
            commands.push(Command::ShowBus(true));
        }
        if ui
            .button("Introduce a bus")
            .on_hover_text("Route every direct link through one middleware system (one undo step)")
            .clicked()
        {
            commands.push(Command::IntroduceBus);
        }
    });
    commands
}
