//! Which integration pattern fits a link (DOMAIN 2.1).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, BULK_THRESHOLD, DEFAULT_TIMEOUT_S, LinkFacts, SYNC_CEILING_S, grouped};
use crate::model::vocab::vocabulary;
use crate::model::{Latency, SystemKind, Trigger};
use std::borrow::Cow;

vocabulary! {
    /// An integration pattern.
    pub enum Pattern ("pattern") {
        RequestReply = "request-reply", "Request-reply";
        FireAndForget = "fire-and-forget", "Fire-and-forget";
        BatchDataSync = "batch-data-sync", "Batch data sync";
        RemoteCallIn = "remote-call-in", "Remote call-in";
        UiUpdate = "ui-update", "UI update on data change";
        DataVirtualization = "data-virtualization", "Data virtualization";
    }
}

impl Pattern {
    /// How to build it, Salesforce side.
    pub const fn options(self) -> &'static [&'static str] {
        match self {
            Pattern::RequestReply => &[
                "Apex callout through a Named Credential",
                "External Services (generated actions from an OpenAPI spec)",
                "Continuation for long calls from a Lightning page",
            ],
            Pattern::FireAndForget => &[
                "Platform Events",
                "Outbound Messages (retried for up to 24 h; may arrive twice or out of order)",
                "@future or Queueable Apex callouts",
                "Change Data Capture",
            ],
            Pattern::BatchDataSync => &[
                "Bulk API 2.0 (150 MB per file, 150 million records per rolling 24 h)",
                "Batch Apex",
                "Data Loader CLI",
                "ETL tools (MuleSoft, Informatica, Talend)",
            ],
            Pattern::RemoteCallIn => &[
                "REST API",
                "SOAP API",
                "Composite API or GraphQL API",
                "Apex REST or SOAP services",
                "Bulk API 2.0 for volume",
                "Pub/Sub API to publish events",
                "Mind the org's daily API request allocation",
            ],
            Pattern::UiUpdate => &[
                "Change Data Capture or Platform Events",
                "empApi or the Pub/Sub API to push to the open page",
                "Lightning Message Service within the page",
            ],
            Pattern::DataVirtualization => &[
                "Salesforce Connect external objects (OData 2.0/4.0)",
                "Salesforce Connect custom adapter in Apex",
                "Lightning component calling out on demand",
            ],
        }
    }
}

impl Pattern {
    /// How to build it between two systems when neither is Salesforce: nothing
    /// Salesforce-specific applies there.
    pub const fn options_between_others(self) -> &'static [&'static str] {
        match self {
            Pattern::RequestReply | Pattern::RemoteCallIn => &[
                "A REST or gRPC call with a timeout shorter than the caller's own",
                "An API gateway or an iPaaS flow in front of the target",
                "Retries with backoff only for requests that are safe to repeat",
            ],
            Pattern::FireAndForget => &[
                "A message queue or a broker topic (JMS, AMQP, Kafka, MQTT)",
                "An iPaaS flow with guaranteed delivery and a dead-letter queue",
                "A REST call with retries and an idempotency key",
            ],
            Pattern::BatchDataSync => &[
                "A scheduled ETL job",
                "A file dropped over SFTP and picked up on a schedule",
                "Database replication or a database link for bulk copies",
            ],
            Pattern::UiUpdate => &[
                "Server-sent events or a WebSocket to the open screen",
                "A push notification to the app",
            ],
            Pattern::DataVirtualization => &[
                "A federated query or a database view read on demand",
                "An API read on demand instead of a copy",
            ],
        }
    }
}

/// Why a call that waits stays synchronous, in words true to its duration: how close it
/// comes to the 120 s ceiling, and whether Salesforce's 10 s default timeout applies.
fn sync_reason(f: &LinkFacts) -> String {
    let d = f.expected_duration_s;
    let took = super::facts::seconds(d);
    let salesforce_calls = f.from_kind == SystemKind::SalesforceOrg;
    if d >= SYNC_CEILING_S {
        format!(
            "The caller needs the answer before it can go on, and the work takes {took} s, right at the {SYNC_CEILING_S} s ceiling for a synchronous call: any slowdown breaks it, so a callback is worth considering."
        )
    } else if salesforce_calls && d > DEFAULT_TIMEOUT_S {
        format!(
            "The caller needs the answer before it can go on; the work takes about {took} s, inside the {SYNC_CEILING_S} s ceiling but past the {} s default callout timeout, which must be raised.",
            super::facts::seconds(DEFAULT_TIMEOUT_S)
        )
    } else {
        format!(
            "The caller needs the answer before it can go on, and the work takes about {took} s, well inside the {SYNC_CEILING_S} s ceiling for a synchronous call."
        )
    }
}

/// The branch of the pattern decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Virtual,
    BatchLatency,
    LargeScheduledVolume,
    IntoSalesforce,
    RecordChangeToScreen,
    TooLongForSync,
    Sync,
    Async,
}

static Q_VIRTUAL: Question = Question {
    text: "Does Salesforce read the data live, waiting for it, and never copy it?",
    reads: &[Attr::Virtual, Attr::NeedsResponse, Attr::FromKind],
};
static Q_BATCH: Question = Question {
    text: "Can the data arrive hours later?",
    reads: &[Attr::Latency],
};
static Q_BULK: Question = Question {
    text: "Is it a scheduled run of more than 2,000 records?",
    reads: &[Attr::Trigger, Attr::Volume],
};
static Q_INTO_SALESFORCE: Question = Question {
    text: "Does an outside system call into Salesforce?",
    reads: &[Attr::ToKind, Attr::FromKind],
};
static Q_TO_SCREEN: Question = Question {
    text: "Is a record change pushed, without waiting, to a screen with no server of its own?",
    reads: &[
        Attr::Trigger,
        Attr::NeedsResponse,
        Attr::ToUserPresent,
        Attr::ToKeepsSecret,
    ],
};
static Q_TOO_LONG: Question = Question {
    text: "Does the caller wait for work that takes more than 120 seconds?",
    reads: &[Attr::NeedsResponse, Attr::ExpectedDuration],
};
static Q_WAITS: Question = Question {
    text: "Does the caller wait for the answer?",
    reads: &[Attr::NeedsResponse],
};

/// The pattern decision.
pub struct PatternDecision;

impl Decide for PatternDecision {
    type Choice = Pattern;
    type Step = Step;
    const READS: &'static [Attr] = &[
        Attr::Virtual,
        Attr::NeedsResponse,
        Attr::FromKind,
        Attr::ToKind,
        Attr::Latency,
        Attr::Trigger,
        Attr::Volume,
        Attr::ToUserPresent,
        Attr::ToKeepsSecret,
        Attr::ExpectedDuration,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (Pattern, Step) {
        if t.ask(
            &Q_VIRTUAL,
            f.is_virtual && f.needs_response && f.from_kind == SystemKind::SalesforceOrg,
        ) {
            (Pattern::DataVirtualization, Step::Virtual)
        } else if t.ask(&Q_BATCH, f.latency == Latency::Batch) {
            (Pattern::BatchDataSync, Step::BatchLatency)
        } else if t.ask(
            &Q_BULK,
            f.trigger == Trigger::Schedule && f.volume > BULK_THRESHOLD,
        ) {
            (Pattern::BatchDataSync, Step::LargeScheduledVolume)
        } else if t.ask(
            &Q_INTO_SALESFORCE,
            f.to_kind == SystemKind::SalesforceOrg && f.from_kind != SystemKind::SalesforceOrg,
        ) {
            (Pattern::RemoteCallIn, Step::IntoSalesforce)
        } else if t.ask(
            &Q_TO_SCREEN,
            f.trigger == Trigger::RecordChange
                && !f.needs_response
                && f.to.user_present
                && !f.to.keeps_secret,
        ) {
            // A screen with no server of its own (a public client with a person at it);
            // a web app's server side takes record changes as any backend would.
            (Pattern::UiUpdate, Step::RecordChangeToScreen)
        } else if t.ask(
            &Q_TOO_LONG,
            f.needs_response && f.expected_duration_s > SYNC_CEILING_S,
        ) {
            (Pattern::FireAndForget, Step::TooLongForSync)
        } else if t.ask(&Q_WAITS, f.needs_response) {
            (Pattern::RequestReply, Step::Sync)
        } else {
            (Pattern::FireAndForget, Step::Async)
        }
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::Virtual => &[Attr::Virtual, Attr::NeedsResponse, Attr::FromKind],
            Step::BatchLatency => &[Attr::Latency],
            Step::LargeScheduledVolume => &[Attr::Trigger, Attr::Volume, Attr::Latency],
            Step::IntoSalesforce => &[Attr::ToKind, Attr::FromKind, Attr::Latency],
            Step::RecordChangeToScreen => &[
                Attr::Trigger,
                Attr::ToUserPresent,
                Attr::ToKeepsSecret,
                Attr::NeedsResponse,
            ],
            Step::TooLongForSync => &[Attr::ExpectedDuration, Attr::NeedsResponse],
            Step::Sync => &[Attr::NeedsResponse, Attr::ExpectedDuration],
            Step::Async => &[Attr::NeedsResponse],
        }
    }

    fn reason(step: Step, f: &LinkFacts) -> Cow<'static, str> {
        match step {
            Step::Virtual => "Salesforce reads this data live when someone needs it and never stores a copy, so external objects can stand in for a sync.".into(),
            Step::BatchLatency if f.needs_response => "The data may arrive hours later, so it is moved in bulk on a schedule; batch latency wins over the caller waiting, since nobody waits hours for an answer (see INPUT-001).".into(),
            Step::BatchLatency => "The data may arrive hours later, so it can be collected and moved in bulk on a schedule instead of record by record.".into(),
            Step::LargeScheduledVolume => Cow::Owned(format!(
                "A scheduled run moves {} records, above the {} at which bulk loading beats record-by-record API calls{}",
                grouped(f.volume),
                grouped(BULK_THRESHOLD),
                if f.needs_response {
                    "; the bulk volume wins over the caller waiting (see INPUT-002)."
                } else {
                    "."
                }
            )),
            Step::IntoSalesforce => "An outside system starts the exchange and Salesforce is the server, so Salesforce exposes an API and the caller calls in.".into(),
            Step::RecordChangeToScreen => "A record change has to show up on a screen someone is looking at, and that screen has no server of its own to receive it, so the change is pushed to the open page or app.".into(),
            Step::TooLongForSync => Cow::Owned(format!(
                "The caller would wait {} s, beyond the {SYNC_CEILING_S} s Salesforce allows a synchronous callout, so send the request and let the result come back by callback.",
                f.expected_duration_s
            )),
            Step::Sync => Cow::Owned(sync_reason(f)),
            Step::Async => "The caller does not wait for an answer, so it can hand the message over and move on.".into(),
        }
    }
}
