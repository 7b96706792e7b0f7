//! Writers over an analysis: text for a terminal, Markdown for a review page, JSON as
//! a stable contract. Each takes the design and its analysis and returns a string; the
//! same input always gives the same bytes.

pub mod escape;
pub mod graphs;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod palette;
pub mod pdf;
pub mod places;
pub mod sarif;
pub mod sequence;
pub mod svg;
pub mod text;

use crate::analysis::LinkAnalysis;
use crate::analysis::decision::Decision;
use crate::analysis::facts::Attr;

pub use crate::model::words::counted;

/// "7 systems, 9 links, environment: production" plus governance, as plain text for
/// every report's heading.
pub fn summary(design: &crate::model::Design) -> String {
    format!(
        "{}, {}, environment: {}{}",
        counted(design.systems.len(), "system"),
        counted(design.links.len(), "link"),
        design.environment,
        if design.central_governance {
            ", central governance required"
        } else {
            ""
        }
    )
}

/// The implementation options of each decision of a link, for every writer, in the
/// order pattern, events, auth flow, mTLS (see [`crate::analysis::options`]).
pub fn options(a: &LinkAnalysis) -> [Vec<&'static str>; 4] {
    let o = crate::analysis::options::of(a);
    [o.pattern, o.events, o.auth, o.mtls]
}

/// Who opens the link's connection, in words with the systems' names ("Data warehouse's
/// job connects to Salesforce and pulls the extract through Bulk API 2.0").
pub fn connects(design: &crate::model::Design, a: &LinkAnalysis) -> String {
    let l = &design.links[a.index];
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    crate::analysis::connection::of(&a.facts).in_words(name(l.from), name(l.to))
}

/// The inputs the flips of `analysis` name, in table order, each with its label,
/// its key in the file and its help text: the glossary under a review report.
pub fn inputs_named(analysis: &crate::analysis::Analysis) -> Vec<Attr> {
    fn add<T>(d: &Decision<T>, seen: &mut [bool]) {
        for f in d.flips.iter() {
            seen[f.attr as usize] = true;
            if let Some((a, ..)) = f.also {
                seen[a as usize] = true;
            }
        }
    }
    let mut seen = vec![false; Attr::ALL.len()];
    for a in analysis.links.iter() {
        add(&a.pattern, &mut seen);
        add(&a.events, &mut seen);
        add(&a.auth_flow, &mut seen);
        add(&a.mtls, &mut seen);
    }
    Attr::ALL
        .iter()
        .copied()
        .filter(|a| seen[*a as usize])
        .collect()
}

/// Where no input change alters a decision: what it would take for its runner-up to
/// apply, in one sentence.
pub fn out_of_reach<T>(d: &Decision<T>) -> &'static str {
    d.out_of_reach
        .unwrap_or(crate::analysis::decision::NOTHING_REACHES)
}

/// "if needs_response were false (now true): fire-and-forget; if ...": every flip, the
/// lever a designer controls most first.
pub fn flip_text<T: Copy>(d: &Decision<T>, show: impl Fn(T) -> String) -> Option<String> {
    (!d.flips.is_empty()).then(|| {
        d.flips
            .iter()
            .map(|f| format!("{}: {}", f.in_words(), show(f.result)))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The last thing every report says of a decision: which inputs would change it, or,
/// where none would, what it would take.
pub enum Change {
    /// Every flip in words ([`flip_text`]).
    Flips(String),
    /// No input flips it; what it would take instead ([`out_of_reach`]).
    OutOfReach(&'static str),
}

impl Change {
    /// What would change `d`.
    pub fn of<T: Copy>(d: &Decision<T>, show: impl Fn(T) -> String) -> Change {
        match flip_text(d, show) {
            Some(flips) => Change::Flips(flips),
            None => Change::OutOfReach(out_of_reach(d)),
        }
    }
}

/// The findings reviewers accepted, one line each: the finding, then who accepted it,
/// until when and why.
pub fn accepted_lines(
    design: &crate::model::Design,
    analysis: &crate::analysis::Analysis,
) -> Vec<String> {
    analysis
        .accepted
        .iter()
        .filter_map(|a| {
            let w = design.waivers.get(a.waiver)?;
            let f = &a.finding;
            Some(format!(
                "{} {}: {} (accepted by {}{}: {})",
                f.rule.id,
                f.subject.name(design),
                f.message,
                w.by,
                w.until
                    .as_deref()
                    .map_or_else(String::new, |u| format!(" until {u}")),
                w.reason
            ))
        })
        .collect()
}

/// The waivers that do not hold, one line each, with why.
pub fn lapsed_lines(
    design: &crate::model::Design,
    analysis: &crate::analysis::Analysis,
) -> Vec<String> {
    analysis
        .lapsed
        .iter()
        .filter_map(|l| {
            let w = design.waivers.get(l.waiver)?;
            let subject = crate::analysis::waivers::subject(w);
            let name = match subject {
                crate::analysis::Subject::Design => design.name.clone(),
                s => {
                    let n = s.name(design);
                    if n.is_empty() { format!("{s:?}") } else { n }
                }
            };
            Some(format!(
                "waiver {} ({} on {}, accepted by {}) no longer holds: {}",
                l.waiver + 1,
                w.rule,
                name,
                w.by,
                l.why
            ))
        })
        .collect()
}

/// A flow in a few plain lines: its steps, how long its caller waits and where it
/// turns asynchronous, its weakest authentication and its most sensitive data.
pub fn flow_lines(
    design: &crate::model::Design,
    fa: &crate::analysis::flows::FlowAnalysis,
) -> (String, Vec<String>) {
    use crate::analysis::facts::{SYNC_CEILING_S, seconds};
    let flow = &design.flows[fa.flow];
    let steps: Vec<&crate::model::Link> = design.flow_links(flow).collect();
    let mut lines: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(k, l)| {
            format!(
                "{}. {}",
                k + 1,
                crate::analysis::findings::link_name(design, l)
            )
        })
        .collect();
    let step_name = |k: usize| {
        steps.get(k).map_or_else(String::new, |l| {
            crate::analysis::findings::link_name(design, l)
        })
    };
    lines.push(match (fa.sync_steps, fa.turns_async_at) {
        (0, _) => "Nobody waits: it is asynchronous from the first step.".to_owned(),
        (n, at) => format!(
            "The caller waits through step{} 1{} for about {} s ({} the {} s ceiling){}.",
            if n == 1 { "" } else { "s" },
            if n == 1 {
                String::new()
            } else {
                format!("–{n}")
            },
            seconds(fa.sync_seconds),
            if fa.sync_seconds > SYNC_CEILING_S {
                "past"
            } else {
                "inside"
            },
            seconds(SYNC_CEILING_S),
            at.map_or_else(String::new, |k| format!(
                "; it turns asynchronous at step {} ({})",
                k + 1,
                step_name(k)
            ))
        ),
    });
    // Only a flow Patchbay warns about (username-password, user-agent) is a weak point
    // worth naming; among sound flows, or a transport's own authentication ("none" over
    // SFTP), a ranking would teach nothing.
    if let Some((auth, k)) = fa.weakest_auth {
        if crate::analysis::flows::strength(auth)
            < crate::analysis::flows::strength(crate::model::AuthFlow::None)
        {
            lines.push(format!(
                "Weakest authentication: {} at step {}, which the rest of the flow cannot make up for.",
                auth.id(),
                k + 1
            ));
        } else if fa.auth_recorded {
            lines.push("Authentication: a sound flow at every step.".to_owned());
        } else {
            lines.push(
                "Authentication: no step records the auth it uses today; the flows Patchbay recommends for them are sound."
                    .to_owned(),
            );
        }
    }
    if let Some((s, k)) = fa.most_sensitive {
        lines.push(format!(
            "Most sensitive data: {} at step {}.",
            s.id(),
            k + 1
        ));
    }
    (flow.name.clone(), lines)
}
