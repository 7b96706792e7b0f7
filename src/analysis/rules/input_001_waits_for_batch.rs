//! INPUT-001: waits for an answer that arrives in batch (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;
use crate::model::Latency;

pub static RULE: Rule = Rule {
    id: "INPUT-001",
    title: "Waits for an answer that arrives in batch",
    severity: Severity::Warning,
    checks: "Links that need a response but have `latency: batch`.",
    why: "Nobody waits hours for an answer: one of the two inputs is wrong, and the recommendation (batch, because batch latency wins) may rest on the wrong one.",
    instead: "Decide which is true: if the caller really waits, the latency is real time; if the data may come hours later, the caller does not wait.",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, _) in cx.each_link() {
        if link.needs_response && link.latency == Latency::Batch {
            out.push(RULE.finding(
                Subject::Link(link.id),
                "waits for a response that comes in batch, hours later; batch latency wins in the recommendation",
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[
            ("Orders", SystemKind::BackendService),
            ("ERP", SystemKind::Erp),
        ])
        .link(1, 2, edit)
        .build()
    };
    Fixture {
        fires: design(|l| {
            l.needs_response = true;
            l.latency = Latency::Batch;
        }),
        quiet: design(|l| l.latency = Latency::Batch),
    }
}
