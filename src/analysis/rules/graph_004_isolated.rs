//! GRAPH-004: systems with no links.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "GRAPH-004",
    title: "Isolated system",
    severity: Severity::Warning,
    checks: "Systems that take part in no link.",
    why: "A system on an integration diagram with no exchange is either an unfinished part of the design or a dependency nobody has described, and both hide work from the review.",
    instead: "Draw its links, or remove it from the design if it does not exchange data.",
    references: &[article!("What are Integration Patterns?")],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for n in cx.graph.graph.node_indices() {
        if cx.graph.degree(n) == 0 {
            let system = &cx.design.systems[cx.graph.system_index(n)];
            out.push(RULE.finding(Subject::System(system.id), "has no links"));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let systems = [
        ("A", SystemKind::Erp),
        ("B", SystemKind::SalesforceOrg),
        ("C", SystemKind::WebApp),
    ];
    Fixture {
        fires: sketch(&systems).link(1, 2, |_| {}).build(),
        quiet: sketch(&systems)
            .link(1, 2, |_| {})
            .link(3, 2, |_| {})
            .build(),
    }
}
