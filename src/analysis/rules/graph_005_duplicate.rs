//! GRAPH-005: two links for the same pair and purpose.

use super::prelude::*;
use crate::model::Link;

pub static RULE: Rule = Rule {
    id: "GRAPH-005",
    title: "Duplicate link",
    severity: Severity::Warning,
    checks: "Links that join the same source to the same target for the same purpose (the same purpose text, or, without one, the same trigger and the same wait for a response).",
    why: "Two integrations doing one job double the load and the API calls, can write the same records twice or in the wrong order, and split the knowledge of that exchange across two teams.",
    instead: "Merge them into one link, or give each its own purpose if they really do different work.",
    references: &[article!("Integration Patterns")],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Sort by pair first; only links that share a pair need their purposes compared,
    // so the common case allocates nothing.
    let mut by_pair: Vec<&Link> = cx.each_link().map(|(l, _)| l).collect();
    by_pair.sort_unstable_by_key(|l| (l.from, l.to, l.id));
    for same_pair in by_pair.chunk_by(|a, b| (a.from, a.to) == (b.from, b.to)) {
        if same_pair.len() < 2 {
            continue;
        }
        let mut groups: Vec<(String, Vec<&Link>)> = Vec::new();
        for &l in same_pair {
            let key = purpose_key(l);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, links)) => links.push(l),
                None => groups.push((key, vec![l])),
            }
        }
        for (_, links) in groups.iter().filter(|(_, g)| g.len() > 1) {
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
}

/// What makes two links between the same pair "the same purpose".
fn purpose_key(l: &Link) -> String {
    let purpose = l.purpose.trim().to_lowercase();
    if purpose.is_empty() {
        format!("\0{}:{}", l.trigger.id(), l.needs_response)
    } else {
        purpose
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
