//! INPUT-005: acts for a user where no user is (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "INPUT-005",
    title: "Acts for a user where no user is",
    severity: Severity::Warning,
    checks: "Links marked \"on behalf of user\" (`on_behalf_of_user`) whose source has no person at it and is not a Salesforce org.",
    why: "A link can only act for the signed-in person if one is there: a service or job with nobody at it has no user to act for, and the auth recommendation then assumes a login that never happens.",
    instead: "Untick \"on behalf of user\", or set the source's \"user present\" capability if a person really drives it.",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.on_behalf_of_user
            && !a.facts.from.user_present
            && a.facts.from_kind != SystemKind::SalesforceOrg
        {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "acts for the signed-in user, but nobody is at its source; on_behalf_of_user wins in the auth recommendation ({})",
                    a.auth_flow.choice.id()
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[
            ("Nightly job", SystemKind::BackendService),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, edit)
        .build()
    };
    Fixture {
        fires: design(|l| l.on_behalf_of_user = true),
        quiet: design(|_| {}),
    }
}
