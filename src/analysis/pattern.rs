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
        SignIn = "sign-in", "Federated sign-in";
    }
}

/// Why a call that waits stays synchronous, in words true to its duration: how close it
/// comes to the 120 s ceiling, and whether Salesforce's 10 s default timeout applies.
fn sync_reason(f: &LinkFacts) -> String {
    let d = f.expected_duration_s;
    let took = super::facts::seconds(d);
    let salesforce_calls = f.from_kind == SystemKind::SalesforceOrg;
    if d >= SYNC_CEILING_S && salesforce_calls {
        format!(
            "The caller needs the answer before it can go on, and the work takes {took} s, right at the {SYNC_CEILING_S} s Salesforce allows a callout: any slowdown breaks it, so a callback is worth considering."
        )
    } else if d >= SYNC_CEILING_S {
        format!(
            "The caller needs the answer before it can go on, and the work takes {took} s: a connection held that long is at the mercy of every gateway, load balancer and client timeout on the way, so a callback is worth considering."
        )
    } else if !salesforce_calls {
        format!(
            "The caller needs the answer before it can go on, and the work takes about {took} s, short enough to wait for on the same connection."
        )
    } else if d > DEFAULT_TIMEOUT_S {
        format!(
            "The caller needs the answer before it can go on; the work takes about {took} s, inside the {SYNC_CEILING_S} s ceiling but past the {} s default callout timeout, which must be raised.",
            super::facts::seconds(DEFAULT_TIMEOUT_S)
        )
    } else {
        format!(
            "The caller needs the answer before it can go on, and the work takes about {took} s, well inside the {SYNC_CEILING_S} s Salesforce allows a callout."
        )
    }
}

/// The branch of the pattern decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// Federated sign-in; the pattern it would have as a data link.
    SignIn(Pattern),
    Virtual,
    BatchLatency,
    LargeScheduledVolume,
    IntoSalesforce,
    RecordChangeToScreen,
    TooLongForSync,
    Sync,
    Async,
}

static Q_SIGN_IN: Question = Question {
    text: "Is it a person signing in at an identity provider, rather than data moving?",
    reads: &[Attr::FromKind, Attr::ToKind],
};
static Q_VIRTUAL: Question = Question {
    text: "Does Salesforce read the data live, waiting for it, and never copy it?",
    reads: &[Attr::Virtual, Attr::NeedsResponse, Attr::FromKind],
};
static Q_BATCH: Question = Question {
    text: "Can the data arrive hours later?",
    reads: &[Attr::Latency],
};
static Q_BULK: Question = Question {
    text: const_format::concatcp!(
        "Is it a scheduled run of more than ",
        crate::standards::BULK_THRESHOLD_WORDS,
        " records?"
    ),
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
    text: const_format::concatcp!(
        "Does the caller wait for work that takes more than ",
        crate::standards::SYNC_CEILING_SECS,
        " seconds?"
    ),
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
        // Asked in the path only where it is so: for a data link it is no question.
        if f.is_sign_in() && t.ask(&Q_SIGN_IN, true) {
            let (data, _) = decide_data(f, &mut ());
            return (Pattern::SignIn, Step::SignIn(data));
        }
        decide_data(f, t)
    }

    // Sign-in is not a data integration: no input a designer sets makes it one.
    fn settled(f: &LinkFacts) -> bool {
        f.is_sign_in()
    }

    // Each of these is read by one question only, which the other inputs must reach.
    fn ignores(f: &LinkFacts, attr: Attr) -> bool {
        match attr {
            Attr::ToUserPresent | Attr::ToKeepsSecret => {
                f.trigger != Trigger::RecordChange || f.needs_response
            }
            Attr::Virtual => !f.needs_response || f.from_kind != SystemKind::SalesforceOrg,
            Attr::ExpectedDuration => !f.needs_response,
            Attr::Volume => f.trigger != Trigger::Schedule,
            _ => f.is_sign_in(),
        }
    }

    fn fixed_runner_up(step: Step) -> Option<Pattern> {
        match step {
            Step::SignIn(_) => Some(Pattern::SignIn),
            _ => None,
        }
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::SignIn(_) => &[Attr::ToKind, Attr::FromKind],
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
            Step::SignIn(_) => "A person signs in: the app sends their browser to the identity provider (SAML 2.0 Web Browser SSO or OpenID Connect), which is federation, not a data integration; no integration pattern applies.".into(),
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
            Step::TooLongForSync if f.from_kind == SystemKind::SalesforceOrg => Cow::Owned(format!(
                "The caller would wait {} s, beyond the {SYNC_CEILING_S} s Salesforce allows a synchronous callout, so send the request and let the result come back by callback.",
                super::facts::seconds(f.expected_duration_s)
            )),
            Step::TooLongForSync => Cow::Owned(format!(
                "The caller would wait {} s: a connection held that long is cut by gateways, load balancers and client timeouts and ties the caller up, so send the request and let the result come back by callback.",
                super::facts::seconds(f.expected_duration_s)
            )),
            Step::Sync => Cow::Owned(sync_reason(f)),
            Step::Async => "The caller does not wait for an answer, so it can hand the message over and move on.".into(),
        }
    }
}

/// The pattern of a data link (anything but sign-in), every question told to `t`.
fn decide_data(f: &LinkFacts, t: &mut impl Trace) -> (Pattern, Step) {
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
