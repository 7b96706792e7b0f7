//! GRAPH-006: an outside system polls Salesforce for changes on a schedule.

use super::prelude::*;
use crate::model::{Latency, Trigger};

pub static RULE: Rule = Rule {
    id: "GRAPH-006",
    title: "Polling where change data capture would push",
    severity: Severity::Warning,
    checks: "Links where an outside system calls a Salesforce org on a schedule, waits for the answer, and needs the data within minutes or seconds: polling for changed records.",
    why: "Frequent polling spends API requests on empty answers, still lags by up to one interval, and misses deletes unless it queries for them; Salesforce can push each change as it happens instead.",
    instead: "Subscribe to change data capture for the objects concerned (through the Pub/Sub API or CometD) and keep a replay id; poll only to re-sync after an outage.",
    references: &[article!(
        "Change Data Capture (replacing polling-based integrations)"
    )],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let f = &a.facts;
        let polls = f.to_kind == SystemKind::SalesforceOrg
            && f.from_kind != SystemKind::SalesforceOrg
            && link.trigger == Trigger::Schedule
            && link.needs_response
            && link.latency != Latency::Batch;
        if polls {
            out.push(RULE.finding(
                Subject::Link(link.id),
                "polls Salesforce on a schedule; change data capture would push each change",
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |latency| {
        sketch(&[
            ("Warehouse", SystemKind::LegacySystem),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| {
            l.trigger = Trigger::Schedule;
            l.needs_response = true;
            l.latency = latency;
        })
        .build()
    };
    Fixture {
        fires: design(Latency::NearRealTime),
        quiet: design(Latency::Batch),
    }
}
