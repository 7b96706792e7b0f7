//! GRAPH-001: systems that call each other synchronously in a circle.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "GRAPH-001",
    title: "Synchronous call cycle",
    severity: Severity::Warning,
    checks: "Groups of systems linked in a circle by links that wait for a response in real time and share one trigger. Unless a declared flow covers it, the circle is assumed from the drawing, and is at most a warning.",
    why: "A circle of waiting calls can deadlock or exhaust threads and connection pools on every system in it, and one slow member stalls all of them; each call's timeout then fires somewhere far from the cause.",
    instead: "Break the circle: make at least one link in it asynchronous (an event or a message) or move the shared work into one system that the others call.",
    references: &[article!("Request-Reply (Synchronous)")],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for cycle in cx.graph.sync_cycles(cx.design) {
        let others: Vec<&str> = cycle[1..]
            .iter()
            .map(|&i| cx.design.systems[i].name.as_str())
            .collect();
        out.push(RULE.finding(
            Subject::System(cx.design.systems[cycle[0]].id),
            format!(
                "seems to wait in a circle of synchronous calls with {} (assumed from links with the same trigger)",
                others.join(", ")
            ),
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |back_is_sync| {
        sketch(&[
            ("A", SystemKind::BackendService),
            ("B", SystemKind::Erp),
            ("C", SystemKind::Database),
        ])
        .link(1, 2, |l| l.needs_response = true)
        .link(2, 3, |l| l.needs_response = true)
        .link(3, 1, |l| l.needs_response = back_is_sync)
        .build()
    };
    Fixture {
        fires: design(true),
        quiet: design(false),
    }
}
