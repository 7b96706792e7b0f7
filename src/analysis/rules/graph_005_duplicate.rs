//! GRAPH-005: two links for the same pair and purpose.

use super::prelude::*;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "GRAPH-005",
    title: "Duplicate link",
    severity: Severity::Warning,
    checks: "Links that join the same source to the same target for the same purpose (the same purpose text, or, without one, the same trigger and the same wait for a response).",
    why: "Two integrations doing one job double the load and the API calls, can write the same records twice or in the wrong order, and split the knowledge of that exchange across two teams.",
    instead: "Merge them into one link, or give each its own purpose if they really do different work.",
    references: &["Seed: Integration Patterns"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut groups: HashMap<(u32, u32, String, &str, bool), Vec<&crate::model::Link>> =
        HashMap::new();
    for (link, _) in cx.each_link() {
        let purpose = link.purpose.trim().to_lowercase();
        let (trigger, sync) = if purpose.is_empty() {
            (link.trigger.id(), link.needs_response)
        } else {
            ("", false)
        };
        groups
            .entry((link.from.0, link.to.0, purpose, trigger, sync))
            .or_default()
            .push(link);
    }
    // Findings are sorted afterwards, so the map's order does not leak out.
    for links in groups.values().filter(|g| g.len() > 1) {
        let ids: Vec<String> = links.iter().map(|l| l.id.0.to_string()).collect();
        out.push(RULE.finding(
            Subject::Link(links[1].id),
            format!(
                "duplicates link {} (links {})",
                links[0].id.0,
                ids.join(", ")
            ),
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |second: &str| {
        sketch(&[
            ("Shop", SystemKind::WebApp),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| l.purpose = "Create lead".into())
        .link(1, 2, |l| l.purpose = second.into())
        .build()
    };
    Fixture {
        fires: design("create lead "),
        quiet: design("Update contact"),
    }
}
