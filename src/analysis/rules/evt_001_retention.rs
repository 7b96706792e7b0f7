//! EVT-001: an event-carried link that must not lose messages relies on event retention.

use super::prelude::*;
use crate::analysis::events::{Events, HIGH_VOLUME_RETENTION_H, STANDARD_RETENTION_H};

pub static RULE: Rule = Rule {
    id: "EVT-001",
    title: "Event retention limits guaranteed delivery",
    severity: Severity::Info,
    checks: "Links that need guaranteed delivery and are carried by platform events or change data capture.",
    why: const_format::concatcp!(
        "Salesforce keeps change events and high-volume platform events for ",
        HIGH_VOLUME_RETENTION_H,
        " hours; a subscriber that is down longer than that misses events for good, and nothing tells the sender."
    ),
    instead: "Store the last replay id the subscriber processed, alert when it falls behind, and keep a re-sync path (a query or bulk extract of changes since a timestamp) for outages longer than the retention window.",
    references: &[
        article!("How to Choose Between Platform Events and Change Data Capture"),
        crate::cite!(crate::standards::EVENT_RETENTION),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.guaranteed_delivery && a.events.choice != Events::None {
            out.push(RULE.finding(
                Subject::Link(link.id),
                match a.events.choice {
                    Events::ChangeDataCapture => format!(
                        "relies on change data capture, whose change events can be replayed for {HIGH_VOLUME_RETENTION_H} hours; plan a re-sync for longer outages"
                    ),
                    _ => format!(
                        "relies on platform events, kept {HIGH_VOLUME_RETENTION_H} hours for replay (high volume; the legacy standard-volume class {STANDARD_RETENTION_H}); plan a re-sync for longer outages"
                    ),
                },
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |guaranteed| {
        sketch(&[("Org", SystemKind::SalesforceOrg), ("ERP", SystemKind::Erp)])
            .link(1, 2, |l| {
                l.trigger = crate::model::Trigger::RecordChange;
                l.guaranteed_delivery = guaranteed;
            })
            .build()
    };
    Fixture {
        fires: design(true),
        quiet: design(false),
    }
}
