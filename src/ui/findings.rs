//! The findings panel: open findings grouped by severity and the accepted ones, and
//! the chosen finding's details (what it checks, why, what instead, its concepts)
//! with Accept… or Reopen.

use super::command::{Command, FindingKey};
use super::theme;
use crate::analysis::Severity;
use crate::analysis::findings::Finding;
use crate::analysis::waivers::Waived;
use crate::document::Document;
use egui::RichText;

enum Row<'a> {
    Group(Severity, usize),
    Open(&'a Finding),
    AcceptedGroup(usize),
    Accepted(&'a Waived),
}

/// The findings panel; `hidden` says why the findings are not shown yet (an
/// exercise's question is open), `shown` is the finding whose details are open.
pub(super) fn findings_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    hidden: Option<&str>,
    shown: Option<FindingKey>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let analysis = doc.analysis();
    if let Some(why) = hidden {
        ui.heading("Findings");
        ui.label(why);
        return commands;
    }
    let (high, warning, info) = analysis.counts();
    ui.horizontal(|ui| {
        ui.heading("Findings");
        let accepted = if analysis.accepted.is_empty() {
            String::new()
        } else {
            format!(" · {} accepted", analysis.accepted.len())
        };
        ui.label(format!(
            "{high} high · {warning} warning · {info} info{accepted}"
        ));
        if !doc.is_assessed() {
            // A large design's findings follow an edit from another thread.
            ui.spinner();
            ui.weak("updating after the last edit…");
        }
    });
    let shown_finding = shown.and_then(|key| {
        let open = analysis
            .findings
            .iter()
            .find(|f| key.names(f))
            .map(|f| (f, None));
        open.or_else(|| {
            analysis
                .accepted
                .iter()
                .find(|a| key.names(&a.finding))
                .map(|a| (&a.finding, Some(a.waiver)))
        })
    });
    match shown_finding {
        Some((f, waiver)) => {
            ui.columns(2, |cols| {
                list_ui(&mut cols[0], doc, shown, &mut commands);
                details_ui(&mut cols[1], doc, f, waiver, &mut commands);
            });
        }
        None => list_ui(ui, doc, shown, &mut commands),
    }
    commands
}

fn list_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    shown: Option<FindingKey>,
    commands: &mut Vec<Command>,
) {
    let analysis = doc.analysis();
    let design = doc.design();
    // One flat list of headers and findings, so only the rows in view are laid out.
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (severity, group) in analysis.findings_by_severity() {
        rows.push(Row::Group(severity, group.len()));
        rows.extend(group.iter().map(Row::Open));
    }
    if !analysis.accepted.is_empty() {
        rows.push(Row::AcceptedGroup(analysis.accepted.len()));
        rows.extend(analysis.accepted.iter().map(Row::Accepted));
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink(false)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for r in &rows[range] {
                let (f, accepted) = match r {
                    Row::Group(severity, n) => {
                        ui.label(
                            RichText::new(format!("{} ({n})", severity.label()))
                                .strong()
                                .color(theme::severity_color(*severity)),
                        );
                        continue;
                    }
                    Row::AcceptedGroup(n) => {
                        ui.label(RichText::new(format!("Accepted ({n})")).strong());
                        continue;
                    }
                    Row::Open(f) => (*f, false),
                    Row::Accepted(a) => (&a.finding, true),
                };
                let text = theme::plain(&format!(
                    "{}  {}: {}",
                    f.rule.id,
                    f.subject.name(design),
                    f.message
                ));
                let row_text = text.clone();
                let text = if accepted {
                    RichText::new(text).weak()
                } else {
                    RichText::new(text)
                };
                let selected = shown.is_some_and(|key| key.names(f));
                let row = ui
                    .selectable_label(selected, text)
                    .on_hover_text(theme::plain(&format!(
                        "{}: {}\n\nClick for the details, to accept it or to reopen it.",
                        f.subject.name(design),
                        f.message
                    )));
                // The colour and the heading above say the severity to the eye; a
                // screen reader reading row by row hears it in each row's name.
                // Made only when a screen reader (or a test) reads the tree.
                row.widget_info(|| {
                    let said = if accepted {
                        let severity = f.severity.label().to_lowercase();
                        format!("Accepted {severity}: {row_text}")
                    } else {
                        format!("{}: {row_text}", f.severity.label())
                    };
                    egui::WidgetInfo::selected(
                        egui::WidgetType::SelectableLabel,
                        true,
                        selected,
                        said,
                    )
                });
                if row.clicked() {
                    commands.push(Command::ShowFinding(Some(FindingKey::of(f))));
                    commands.push(Command::Reveal(f.subject));
                }
            }
        });
}

fn details_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    f: &Finding,
    waiver: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let design = doc.design();
    egui::ScrollArea::vertical()
        .id_salt("finding details")
        .auto_shrink(false)
        .show(ui, |ui| {
            let accepted = waiver.and_then(|i| design.waivers.get(i).map(|w| (i, w)));
            // The actions first, so they are in view however long the text below is.
            ui.horizontal(|ui| {
                match accepted {
                    Some((i, _)) => {
                        if ui
                            .button("Reopen")
                            .on_hover_text(
                                "Remove the waiver: the finding counts again (one undo step)",
                            )
                            .clicked()
                        {
                            commands.push(Command::Reopen(i));
                        }
                    }
                    None => {
                        if ui
                            .button("Accept…")
                            .on_hover_text(
                                "Accept the finding with a reason, your name and a last day; \
                                 it is kept in the design file and comes back when it expires \
                                 or its subject changes",
                            )
                            .clicked()
                        {
                            commands.push(Command::Accept(f.rule.id, f.subject));
                        }
                    }
                }
                if ui.small_button("Close").clicked() {
                    commands.push(Command::ShowFinding(None));
                }
            });
            ui.label(
                RichText::new(format!(
                    "{} {} ({})",
                    f.rule.id,
                    f.rule.title,
                    f.severity.label().to_lowercase()
                ))
                .strong()
                .color(theme::severity_color(f.severity)),
            );
            if let Some((_, w)) = accepted {
                ui.label(
                    RichText::new(format!(
                        "Accepted by {}{}",
                        w.by,
                        w.until
                            .as_deref()
                            .map_or_else(String::new, |u| format!(" until {u}"))
                    ))
                    .strong(),
                );
                theme::justified(ui, &w.reason);
            }
            theme::justified(ui, &format!("{}: {}", f.subject.name(design), f.message));
            theme::justified(ui, &format!("Why it matters: {}", f.rule.why));
            theme::justified(ui, &format!("Instead: {}", f.rule.instead));
            ui.label(RichText::new("References").small().weak());
            super::explanation::references_ui(ui, f.rule.references, true);
            super::explanation::concept_links(
                ui,
                crate::learn::concepts::for_rule(f.rule.id),
                commands,
            );
        });
}
