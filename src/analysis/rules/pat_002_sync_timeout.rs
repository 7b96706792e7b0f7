//! PAT-002: a synchronous call slower than the default callout timeout.

use super::prelude::*;
use crate::analysis::facts::{DEFAULT_TIMEOUT_S, SYNC_CEILING_S};

pub static RULE: Rule = Rule {
    id: "PAT-002",
    title: "Synchronous call slower than the default timeout",
    severity: Severity::Warning,
    checks: const_format::concatcp!(
        "Callouts from Salesforce that wait for a response whose expected duration is over ",
        crate::standards::DEFAULT_TIMEOUT_SECS,
        " seconds (the default callout timeout) but within the ",
        crate::standards::SYNC_CEILING_SECS,
        "-second ceiling."
    ),
    why: "With the default timeout the call fails although the remote side is working normally, and a person waiting on it sees a spinner for that long.",
    instead: "Set the callout timeout explicitly for this link, or, if a person is waiting, move it to an asynchronous pattern or a Continuation so the page stays responsive.",
    references: &[
        article!("Request-Reply (Synchronous)"),
        const_format::concatcp!(
            "Salesforce callout limits: default timeout ",
            crate::standards::DEFAULT_TIMEOUT_SECS,
            " s"
        ),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let d = link.expected_duration_s;
        let salesforce_calls = a.facts.from_kind == SystemKind::SalesforceOrg;
        if salesforce_calls && link.needs_response && d > DEFAULT_TIMEOUT_S && d <= SYNC_CEILING_S {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "takes about {} s, longer than the default {DEFAULT_TIMEOUT_S} s callout timeout",
                    crate::analysis::facts::seconds(d)
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
            ("Policy", SystemKind::LegacySystem),
        ])
        .link(1, 2, |l| {
            l.needs_response = true;
            l.expected_duration_s = seconds;
        })
        .build()
    };
    Fixture {
        fires: design(30.0),
        quiet: design(5.0),
    }
}
