//! INPUT-004: salesforce marked as publishing from outside (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "INPUT-004",
    title: "Salesforce marked as publishing from outside",
    severity: Severity::Warning,
    checks: "Links from a Salesforce org marked \"external publish\" (`external_publish`).",
    why: "\"External publish\" says an outside system publishes events into Salesforce; on a link that Salesforce itself starts it cannot be true, so the flag is ignored.",
    instead: "Untick \"external publish\", or draw the link from the outside system that publishes.",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.external_publish && a.facts.from_kind == SystemKind::SalesforceOrg {
            out.push(RULE.finding(
                Subject::Link(link.id),
                "starts at Salesforce but is marked as published from outside, so the flag is ignored",
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[("Org", SystemKind::SalesforceOrg), ("ERP", SystemKind::Erp)])
            .link(1, 2, edit)
            .build()
    };
    Fixture {
        fires: design(|l| l.external_publish = true),
        quiet: design(|_| {}),
    }
}
