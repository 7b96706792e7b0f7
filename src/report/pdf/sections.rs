//! What the review pack says, part by part, flowed onto pages: the verdict on a bus,
//! every link with its four decisions, the findings, and each flow with its sequence.

use super::layout::{BODY, Flow, INK, MUTED, Placed};
use crate::analysis::decision::Decision;
use crate::analysis::findings::link_name;
use crate::analysis::{Analysis, LinkAnalysis};
use crate::model::Design;
use crate::report::{Change, accepted_lines, connects, flow_lines, lapsed_lines};

/// The width of the labels in label–value rows.
const LABEL: f32 = 118.0;

/// The ESB verdict with its counts and signals.
pub(super) fn esb(f: &mut Flow<'_>, analysis: &Analysis) {
    let esb = &analysis.esb;
    f.heading(
        1,
        &format!("Enterprise Service Bus: {}", esb.verdict.label()),
    );
    f.paragraph(&esb.reason, BODY, false, INK);
    f.pair("Systems (n)", &esb.systems.to_string(), LABEL + 60.0);
    f.pair(
        "Point-to-point (p)",
        &esb.point_to_point.to_string(),
        LABEL + 60.0,
    );
    f.pair(
        "Full mesh n(n-1)/2",
        &esb.full_mesh.to_string(),
        LABEL + 60.0,
    );
    f.pair("Through a hub", &esb.via_hub.to_string(), LABEL + 60.0);
    f.space(6.0);
    if !esb.signals.is_empty() {
        f.paragraph("Signals", BODY, true, INK);
        for s in &esb.signals {
            f.paragraph(
                &format!("• {}: {}", s.kind.label(), s.evidence),
                BODY,
                false,
                INK,
            );
        }
    }
    if let Some(flip) = &esb.flip {
        f.paragraph(
            &format!("The verdict would change {flip}."),
            BODY,
            false,
            MUTED,
        );
    }
}

/// A section per link: what it is, who opens the connection, and each decision with
/// its reason, runner-up and what would change it.
pub(super) fn links(f: &mut Flow<'_>, design: &Design, analysis: &Analysis) {
    f.heading(1, "Links");
    f.paragraph(
        &format!(
            "{} links, each with its integration pattern, event mechanism, OAuth flow and whether mutual TLS is warranted: why, what came second, and which input would change it.",
            analysis.links.len()
        ),
        BODY,
        false,
        MUTED,
    );
    for a in analysis.links.iter() {
        link(f, design, a);
    }
}

fn link(f: &mut Flow<'_>, design: &Design, a: &LinkAnalysis) {
    let l = &design.links[a.index];
    f.rule();
    f.heading(2, &link_name(design, l));
    let yes = |b: bool| if b { "yes" } else { "no" };
    let attributes = format!(
        "{} · {} · {} records a day · about {} s · {} · {} over {} · caller waits: {} · guaranteed delivery: {} · on behalf of a user: {}{}",
        l.trigger.label(),
        l.latency.label(),
        crate::model::words::grouped(l.volume),
        l.expected_duration_s,
        l.sensitivity.label(),
        l.format.label(),
        l.protocol.label(),
        yes(l.needs_response),
        yes(l.guaranteed_delivery),
        yes(l.on_behalf_of_user),
        l.auth.map_or_else(String::new, |auth| format!(
            " · auth in use: {}",
            auth.label()
        )),
    );
    f.pair("Attributes", &attributes, LABEL);
    f.pair("Connection", &connects(design, a), LABEL);
    if a.facts.is_sign_in() {
        // Federation, not a data integration: no pattern, events or mTLS.
        decision(f, "Sign-in", &a.auth_flow, |x| x.label().to_owned());
        return;
    }
    decision(f, "Pattern", &a.pattern, |x| x.label().to_owned());
    decision(f, "Events", &a.events, |x| x.label().to_owned());
    decision(f, "Auth flow", &a.auth_flow, |x| x.label().to_owned());
    decision(f, "Mutual TLS", &a.mtls, |b| {
        if b { "recommended" } else { "not needed" }.to_owned()
    });
}

fn decision<T: Copy>(
    f: &mut Flow<'_>,
    label: &str,
    d: &Decision<T>,
    show: impl Fn(T) -> String + Copy,
) {
    f.space(3.0);
    f.pair(label, &show(d.choice), LABEL);
    f.pair("  why", d.reason.text(), LABEL);
    if let Some(r) = d.runner_up {
        f.pair("  runner-up", &show(r), LABEL);
    }
    match Change::of(d, show) {
        Change::Flips(flips) => f.pair("  would change", &flips, LABEL),
        Change::OutOfReach(why) => f.pair("  out of reach", why, LABEL),
    }
}

/// The findings, worst first, each with what, why and what to do instead; then the
/// accepted ones with their waivers, and the waivers that no longer hold.
pub(super) fn findings(f: &mut Flow<'_>, design: &Design, analysis: &Analysis) {
    let (high, warning, info) = analysis.counts();
    f.heading(
        1,
        &format!("Findings: {high} high, {warning} warning, {info} info"),
    );
    if analysis.findings.is_empty() {
        f.paragraph("No open findings.", BODY, false, MUTED);
    }
    for (severity, group) in analysis.findings_by_severity() {
        f.heading(2, severity.label());
        for finding in group {
            f.need(BODY * 6.0);
            f.paragraph(
                &format!(
                    "{} {}: {}: {}",
                    finding.rule.id,
                    finding.rule.title,
                    finding.subject.name(design),
                    finding.message
                ),
                BODY,
                true,
                INK,
            );
            f.pair("Why", finding.rule.why, 60.0);
            f.pair("Instead", finding.rule.instead, 60.0);
            f.space(5.0);
        }
    }
    let accepted = accepted_lines(design, analysis);
    if !accepted.is_empty() {
        f.heading(2, &format!("Accepted findings: {}", accepted.len()));
        for line in accepted {
            f.paragraph(&line, BODY, false, INK);
        }
    }
    let lapsed = lapsed_lines(design, analysis);
    if !lapsed.is_empty() {
        f.heading(2, "Waivers that no longer hold");
        for line in lapsed {
            f.paragraph(&line, BODY, false, INK);
        }
    }
}

/// Each flow: its sequence drawn, then its summary.
pub(super) fn flows(
    f: &mut Flow<'_>,
    design: &Design,
    analysis: &Analysis,
    picture: &mut dyn FnMut(&str) -> Option<Placed>,
) {
    if analysis.flows.is_empty() {
        return;
    }
    f.heading(1, "Flows");
    for fa in &analysis.flows {
        let (name, lines) = flow_lines(design, fa);
        f.heading(2, &name);
        let svg = crate::report::sequence::svg(design, &design.flows[fa.flow]);
        if let Some((tree, w, h)) = picture(&svg) {
            // Drawn at three quarters of a point per unit, smaller when wider than the
            // text.
            let scale = (0.75f32).min(f.text_width() / w);
            f.picture(tree, w * scale, h * scale);
        }
        for line in lines {
            f.paragraph(&line, BODY, false, INK);
        }
    }
}
