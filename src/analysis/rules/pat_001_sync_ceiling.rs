//! PAT-001: a synchronous call that would outlast the 120-second ceiling.

use super::prelude::*;
use crate::analysis::facts::SYNC_CEILING_S;

pub static RULE: Rule = Rule {
    id: "PAT-001",
    title: const_format::concatcp!(
        "Synchronous call beyond the ",
        crate::standards::SYNC_CEILING_SECS,
        "-second ceiling"
    ),
    severity: Severity::High,
    checks: const_format::concatcp!(
        "Callouts from Salesforce that wait for a response whose expected duration is over ",
        crate::standards::SYNC_CEILING_SECS,
        " seconds, Salesforce's hard limit for a synchronous callout."
    ),
    why: "The call will be cut off before the work finishes, the caller gets an error for work that may still complete, and meanwhile it holds a thread, a connection and, in a user's case, a frozen screen.",
    instead: "Make it fire-and-forget with a callback: send the request, return at once, and let the remote side report the result with a platform event or a call back into Salesforce.",
    references: &[article!(
        "Request-Reply (Synchronous): 120 seconds for synchronous calls"
    )],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let salesforce_calls = a.facts.from_kind == SystemKind::SalesforceOrg;
        if salesforce_calls && link.needs_response && link.expected_duration_s > SYNC_CEILING_S {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "waits {} s for an answer, beyond the {SYNC_CEILING_S} s Salesforce allows a callout",
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
            ("Org", SystemKind::SalesforceOrg),
            ("Pricing", SystemKind::BackendService),
        ])
        .link(1, 2, |l| {
            l.needs_response = true;
            l.expected_duration_s = seconds;
        })
        .build()
    };
    Fixture {
        fires: design(300.0),
        quiet: design(120.0),
    }
}

#[cfg(test)]
#[test]
fn a_long_call_between_two_other_systems_cites_no_salesforce_limit() {
    let design = sketch(&[
        ("Shop", SystemKind::BackendService),
        ("Pricing", SystemKind::Erp),
    ])
    .link(1, 2, |l| {
        l.needs_response = true;
        l.expected_duration_s = 300.0;
    })
    .build();
    let fired: Vec<_> = crate::analysis::analyze(&design)
        .findings
        .into_iter()
        .filter(|f| f.rule.id == "PAT-001" || f.rule.id == "PAT-002")
        .collect();
    assert!(fired.is_empty(), "{fired:#?}");
}
