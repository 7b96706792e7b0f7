//! GRAPH-003: systems whose failure cuts the design apart.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "GRAPH-003",
    title: "Single system joins parts of the design",
    severity: Severity::Info,
    checks: "Systems that are the only connection between two or more groups of systems (articulation points of the link graph).",
    why: "If such a system is down, the groups on either side cannot exchange anything at all, whatever retries they make; it deserves the availability and monitoring of a critical dependency.",
    instead: "Check its availability target against what depends on it, give its interfaces queues or caches so the others can ride out an outage, or add a second path where the business needs one.",
    references: &["Graph theory: articulation points (Tarjan, 1972)"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for i in cx.graph.articulation_points() {
        let system = &cx.design.systems[i];
        out.push(RULE.finding(
            Subject::System(system.id),
            "is the only system joining parts of the design; if it is down, they are cut off from each other",
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let base = || {
        sketch(&[
            ("A", SystemKind::Erp),
            ("Hub", SystemKind::SalesforceOrg),
            ("B", SystemKind::WebApp),
        ])
        .link(1, 2, |_| {})
        .link(2, 3, |_| {})
    };
    Fixture {
        fires: base().build(),
        quiet: base().link(3, 1, |_| {}).build(),
    }
}
