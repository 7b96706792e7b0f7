//! INPUT-003: data virtualization where it cannot apply (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "INPUT-003",
    title: "Data virtualization where it cannot apply",
    severity: Severity::Warning,
    checks: "Links marked `virtual` that do not start at a Salesforce org or do not need a response.",
    why: "Data virtualization means Salesforce reads external data on demand and keeps no copy; a link that Salesforce does not start, or that nobody waits on, cannot work that way, so the flag is ignored.",
    instead: "Untick \"virtual (read on demand)\", or draw the link from the Salesforce org that reads the data, waiting for the response.",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let from_salesforce = a.facts.from_kind == SystemKind::SalesforceOrg;
        if link.is_virtual && (!from_salesforce || !link.needs_response) {
            let why = if from_salesforce {
                "nobody waits for the read"
            } else {
                "Salesforce does not start it"
            };
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!("is marked virtual but {why}, so the flag is ignored"),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[("ERP", SystemKind::Erp), ("Org", SystemKind::SalesforceOrg)])
            .link(1, 2, edit)
            .build()
    };
    Fixture {
        fires: design(|l| {
            l.is_virtual = true;
            l.needs_response = true;
        }),
        quiet: design(|l| l.needs_response = true),
    }
}
