//! ESB-002: the bus is a single point of failure.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "ESB-002",
    title: "Middleware is a single point of failure",
    severity: Severity::Info,
    checks: "Middleware systems that carry links for two or more other systems.",
    why: "When every exchange runs through one bus, an outage of the bus stops them all at once; the hub that simplifies the design concentrates its risk.",
    instead: "Run the bus highly available (clustered workers, redundant brokers), make its consumers tolerate a pause with durable queues and replay, and monitor it as the critical system it is.",
    references: &[article!("Why Use an ESB?")],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for &id in &cx.esb.middleware {
        let Some(node) = cx.graph.node(id) else {
            continue;
        };
        let mut peers: Vec<usize> = cx
            .graph
            .graph
            .neighbors_undirected(node)
            .map(|n| n.index())
            .collect();
        peers.sort_unstable();
        peers.dedup();
        if peers.len() >= 2 {
            out.push(RULE.finding(
                Subject::System(id),
                format!(
                    "carries the exchanges of {} systems; if it stops, they all stop",
                    peers.len()
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let systems = [
        ("ERP", SystemKind::Erp),
        ("Bus", SystemKind::Middleware),
        ("Org", SystemKind::SalesforceOrg),
    ];
    Fixture {
        fires: sketch(&systems)
            .link(1, 2, |_| {})
            .link(2, 3, |_| {})
            .build(),
        quiet: sketch(&systems).link(1, 2, |_| {}).build(),
    }
}
