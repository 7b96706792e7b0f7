//! ESB-001: links that go around the design's middleware.

use super::prelude::*;
use crate::model::SystemId;

pub static RULE: Rule = Rule {
    id: "ESB-001",
    title: "Link bypasses the middleware",
    severity: Severity::Warning,
    checks: "Links that go direct between two systems which both already exchange data with the same middleware system. A middleware with no links bypasses nothing.",
    why: "Once a bus exists, every direct connection beside it escapes its routing, transformation, monitoring and error handling, and the design pays for the bus without getting a single place to see and govern its exchanges.",
    instead: "Route the link through the middleware, or record in its notes why it must stay direct (for example a latency budget the hop cannot meet).",
    references: &[article!("What is an Enterprise Service Bus (ESB)?")],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.esb.middleware.is_empty() {
        return;
    }
    // For each system, the middleware systems it exchanges data with (either way).
    let middleware: std::collections::HashSet<SystemId> =
        cx.esb.middleware.iter().copied().collect();
    let is_bus = |id: SystemId| middleware.contains(&id);
    let mut buses: std::collections::HashMap<SystemId, Vec<SystemId>> = Default::default();
    for link in &cx.design.links {
        for (bus, other) in [(link.from, link.to), (link.to, link.from)] {
            if is_bus(bus) {
                let list = buses.entry(other).or_default();
                if !list.contains(&bus) {
                    list.push(bus);
                }
            }
        }
    }
    let none = Vec::new();
    for (link, _) in cx.each_link() {
        let (a, b) = (
            buses.get(&link.from).unwrap_or(&none),
            buses.get(&link.to).unwrap_or(&none),
        );
        let bypassed = a
            .iter()
            .find(|m| **m != link.from && **m != link.to && b.contains(m));
        if let Some(m) = bypassed {
            let name = cx
                .design
                .system(*m)
                .map_or("the middleware", |s| s.name.as_str());
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!("goes direct although both ends already exchange data through {name}"),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let base = || {
        sketch(&[
            ("ERP", SystemKind::Erp),
            ("Bus", SystemKind::Middleware),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |_| {})
        .link(2, 3, |_| {})
    };
    Fixture {
        fires: base().link(1, 3, |_| {}).build(),
        // A bus that talks to neither end of a direct link bypasses nothing.
        quiet: sketch(&[
            ("ERP", SystemKind::Erp),
            ("Bus", SystemKind::Middleware),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 3, |_| {})
        .build(),
    }
}
