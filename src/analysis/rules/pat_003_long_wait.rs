//! PAT-003: a call between two systems other than Salesforce that waits longer than a
//! connection can safely be held.

use super::prelude::*;
use crate::analysis::facts::SYNC_CEILING_S;

pub static RULE: Rule = Rule {
    id: "PAT-003",
    title: "Caller waits longer than a connection can be held",
    severity: Severity::Warning,
    checks: const_format::concatcp!(
        "Links whose caller is not Salesforce and waits for a response whose expected duration is over ",
        crate::standards::SYNC_CEILING_SECS,
        " seconds."
    ),
    why: "A connection held for minutes is cut by gateways, load balancers and client timeouts on the way, and the caller ties up a thread or a person for the whole time; a cut call leaves the caller unsure whether the work happened.",
    instead: "Send the request and return at once, and let the remote side report the result later: a callback, a message on a queue, or a status the caller can poll.",
    references: &[
        article!("Fire and Forget (Asynchronous)"),
        crate::cite!(crate::standards::RFC_9110, " section 15.3.3 (202 Accepted)"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let salesforce_calls = a.facts.from_kind == SystemKind::SalesforceOrg;
        if !salesforce_calls && link.needs_response && link.expected_duration_s > SYNC_CEILING_S {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "waits {} s for an answer on one connection",
                    crate::analysis::facts::seconds(link.expected_duration_s)
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |seconds| {
        sketch(&[
            ("Shop", SystemKind::BackendService),
            ("Pricing", SystemKind::Erp),
        ])
        .link(1, 2, |l| {
            l.needs_response = true;
            l.expected_duration_s = seconds;
        })
        .build()
    };
    Fixture {
        fires: design(300.0),
        quiet: design(30.0),
    }
}
