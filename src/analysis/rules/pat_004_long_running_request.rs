//! PAT-004: a waiting call into Salesforce that runs long enough to count against the
//! org's limit on long-running requests.

use super::prelude::*;

pub use crate::standards::{CONCURRENT_LONG_RUNNING, LONG_RUNNING_S};
use crate::standards::{LONG_RUNNING_SECS, SALESFORCE_LIMITS};
use const_format::concatcp;

pub static RULE: Rule = Rule {
    id: "PAT-004",
    title: "Long-running request into Salesforce",
    severity: Severity::Info,
    checks: concatcp!(
        "Links into a Salesforce org whose caller waits for a response that takes ",
        LONG_RUNNING_SECS,
        " seconds or more."
    ),
    why: concatcp!(
        "A production org runs only ",
        CONCURRENT_LONG_RUNNING,
        " such long-running requests at once; past that, further ones are refused, so a busy caller can lock out the org's other integrations and its users' pages."
    ),
    instead: "Keep requests into Salesforce short: split the work, use Bulk API 2.0 for volume, or let Salesforce do the work asynchronously and report back.",
    references: &[crate::cite!(
        SALESFORCE_LIMITS,
        concatcp!(
            ": concurrent long-running requests, ",
            CONCURRENT_LONG_RUNNING,
            " of ",
            LONG_RUNNING_SECS,
            " s or more in a production org"
        )
    )],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let into_salesforce = a.facts.to_kind == SystemKind::SalesforceOrg
            && a.facts.from_kind != SystemKind::SalesforceOrg;
        if into_salesforce && link.needs_response && link.expected_duration_s >= LONG_RUNNING_S {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "each request runs {} s; an org runs at most {CONCURRENT_LONG_RUNNING} requests of {} s or more at once",
                    crate::analysis::facts::seconds(link.expected_duration_s),
                    crate::analysis::facts::seconds(LONG_RUNNING_S)
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |seconds| {
        sketch(&[
            ("Portal", SystemKind::BackendService),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| {
            l.needs_response = true;
            l.expected_duration_s = seconds;
        })
        .build()
    };
    Fixture {
        fires: design(45.0),
        quiet: design(5.0),
    }
}
