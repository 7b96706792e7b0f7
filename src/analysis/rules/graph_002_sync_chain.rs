//! GRAPH-002: chains of synchronous calls through three or more systems.

use super::prelude::*;
use crate::analysis::facts::{SYNC_CEILING_S, seconds};

pub static RULE: Rule = Rule {
    id: "GRAPH-002",
    title: "Synchronous call chain",
    severity: Severity::Warning,
    checks: const_format::concatcp!(
        "The synchronous stretch at the start of each declared flow, when it runs through three or more systems: exact, and high when its expected durations add up past the ",
        crate::standards::SYNC_CEILING_SECS,
        " s ceiling. For links in no flow, paths of three or more systems joined by links that wait for a response in real time and share one trigger (a scheduled link never continues someone's call): assumed, and at most a warning."
    ),
    why: "Each caller waits for everything behind it, so latencies add up and availabilities multiply: the first caller is only as fast as the whole chain and only as available as its weakest member.",
    instead: "Shorten the chain: cache or replicate what the middle system fetches, answer from local data, or make the downstream part asynchronous and report back by callback.",
    references: &[
        article!("Request-Reply (Synchronous)"),
        const_format::concatcp!(
            "Salesforce callout limits: ",
            crate::standards::SYNC_CEILING_SECS,
            " s per synchronous transaction"
        ),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Declared flows: the chain is exact, and takes the full severity.
    for fa in cx.flows {
        let flow = &cx.design.flows[fa.flow];
        if fa.sync_steps < 2 {
            continue;
        }
        let steps: Vec<&crate::model::Link> =
            cx.design.flow_links(flow).take(fa.sync_steps).collect();
        // The path as it runs: "A → B → C", a fan-out from the same caller as "; B → D".
        let name = |id| Subject::System(id).name(cx.design);
        let mut path = name(steps[0].from);
        let mut systems = vec![steps[0].from];
        for (k, l) in steps.iter().enumerate() {
            if k > 0 && l.from != steps[k - 1].to {
                path.push_str(&format!("; {}", name(l.from)));
            }
            path.push_str(&format!(" → {}", name(l.to)));
            if !systems.contains(&l.to) {
                systems.push(l.to);
            }
        }
        if systems.len() < 3 {
            continue;
        }
        let past = fa.sync_seconds > SYNC_CEILING_S;
        let mut finding = RULE.finding(
            Subject::Link(steps[0].id),
            format!(
                "flow \"{}\" waits on {} systems in turn: {} (about {} s in all{})",
                flow.name,
                systems.len(),
                path,
                seconds(fa.sync_seconds),
                if past {
                    format!(", past the {} s ceiling", seconds(SYNC_CEILING_S))
                } else {
                    String::new()
                }
            ),
        );
        if past {
            finding.severity = Severity::High;
        }
        out.push(finding);
    }
    for (links, total) in cx.graph.sync_chains(cx.design) {
        // Borrowed: a large design has thousands of chains. The graph joins only
        // systems that exist, so every end has a name.
        let name = |id| cx.design.system(id).map_or("?", |s| s.name.as_str());
        let mut names = vec![name(cx.design.links[links[0]].from)];
        names.extend(links.iter().map(|&l| name(cx.design.links[l].to)));
        // Without declared flows the chain is a guess: it stays a warning, and says so.
        let past = if total > SYNC_CEILING_S {
            format!(", past the {} s ceiling", seconds(SYNC_CEILING_S))
        } else {
            String::new()
        };
        out.push(RULE.finding(
            Subject::Link(cx.design.links[links[0]].id),
            format!(
                "starts what looks like a chain of {} systems that wait on each other (assumed from links with the same trigger): {} (about {} s in all{past})",
                names.len(),
                names.join(" → "),
                seconds(total)
            ),
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |second_sync| {
        sketch(&[
            ("Portal", SystemKind::WebApp),
            ("Orders", SystemKind::BackendService),
            ("ERP", SystemKind::Erp),
        ])
        .link(1, 2, |l| l.needs_response = true)
        .link(2, 3, |l| l.needs_response = second_sync)
        .build()
    };
    Fixture {
        fires: design(true),
        quiet: design(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn sums_durations_and_stays_a_warning_past_the_ceiling() {
        let design = sketch(&[
            ("A", SystemKind::WebApp),
            ("B", SystemKind::BackendService),
            ("C", SystemKind::Erp),
            ("D", SystemKind::Database),
        ])
        .link(1, 2, |l| {
            l.needs_response = true;
            l.expected_duration_s = 50.0;
        })
        .link(2, 3, |l| {
            l.needs_response = true;
            l.expected_duration_s = 40.0;
        })
        .link(3, 4, |l| {
            l.needs_response = true;
            l.expected_duration_s = 35.0;
        })
        .build();
        let found: Vec<_> = analyze(&design)
            .findings
            .into_iter()
            .filter(|f| f.rule.id == "GRAPH-002")
            .collect();
        assert_eq!(found.len(), 1, "one maximal chain, not its sub-chains");
        assert_eq!(
            found[0].message,
            const_format::concatcp!(
                "starts what looks like a chain of 4 systems that wait on each other (assumed from links with the same trigger): A → B → C → D (about 125 s in all, past the ",
                crate::standards::SYNC_CEILING_SECS,
                " s ceiling)"
            )
        );
        assert_eq!(
            found[0].severity,
            Severity::Warning,
            "an assumed chain is never high"
        );
    }

    #[test]
    fn a_chain_may_run_from_one_cycle_into_another() {
        let sync = |l: &mut crate::model::Link| l.needs_response = true;
        let design = sketch(&[
            ("A", SystemKind::WebApp),
            ("B", SystemKind::BackendService),
            ("C", SystemKind::Erp),
            ("D", SystemKind::Database),
            ("E", SystemKind::PartnerApi),
        ])
        .link(1, 2, sync)
        .link(2, 1, sync)
        .link(3, 4, sync)
        .link(4, 3, sync)
        .link(2, 3, sync)
        .link(3, 5, sync)
        .build();
        let found: Vec<_> = analyze(&design)
            .findings
            .into_iter()
            .filter(|f| f.rule.id == "GRAPH-002")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("B → C → E"),
            "{}",
            found[0].message
        );
    }
}
