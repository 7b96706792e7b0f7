//! INPUT-002: waits for a scheduled bulk run (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;
use crate::analysis::facts::BULK_THRESHOLD;
use crate::model::Trigger;

pub static RULE: Rule = Rule {
    id: "INPUT-002",
    title: "Waits for a scheduled bulk run",
    severity: Severity::Warning,
    checks: const_format::concatcp!(
        "Links that need a response, run on a schedule and move more than ",
        crate::standards::BULK_THRESHOLD_WORDS,
        " records a run."
    ),
    why: "A scheduled run of that size is a bulk load that nobody sits and waits for; the recommendation treats it as batch, so the wait is probably not real.",
    instead: "If someone really waits for the result, split the run or make it real time; otherwise untick \"needs response\".",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, _) in cx.each_link() {
        if link.needs_response && link.trigger == Trigger::Schedule && link.volume > BULK_THRESHOLD
        {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "waits for a response from a scheduled run of {} records; the bulk volume wins in the recommendation",
                    link.volume
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[
            ("Warehouse", SystemKind::Database),
            ("ERP", SystemKind::Erp),
        ])
        .link(1, 2, edit)
        .build()
    };
    Fixture {
        fires: design(|l| {
            l.needs_response = true;
            l.trigger = Trigger::Schedule;
            l.volume = 50_000;
        }),
        quiet: design(|l| {
            l.trigger = Trigger::Schedule;
            l.volume = 50_000;
        }),
    }
}
