//! ESB-001: links that go around the design's middleware.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "ESB-001",
    title: "Link bypasses the middleware",
    severity: Severity::Warning,
    checks: "In a design that has a middleware system, links where neither end is middleware.",
    why: "Once a bus exists, every direct connection beside it escapes its routing, transformation, monitoring and error handling, and the design pays for the bus without getting a single place to see and govern its exchanges.",
    instead: "Route the link through the middleware, or record in its notes why it must stay direct (for example a latency budget the hop cannot meet).",
    references: &["Seed: What is an Enterprise Service Bus (ESB)?"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.esb.middleware.is_empty() {
        return;
    }
    for (link, a) in cx.each_link() {
        if a.facts.from_kind != SystemKind::Middleware && a.facts.to_kind != SystemKind::Middleware
        {
            out.push(RULE.finding(
                Subject::Link(link.id),
                "goes direct although the design has a bus",
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
        quiet: base().build(),
    }
}
