//! Which Salesforce event mechanism carries an asynchronous link (DOMAIN 2.2).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, LinkFacts};
use crate::model::vocab::vocabulary;
use crate::model::{Latency, SystemKind, Trigger};
use std::borrow::Cow;

vocabulary! {
    /// A Salesforce event mechanism, or none.
    pub enum Events ("event mechanism") {
        PlatformEvents = "platform-events", "Platform events";
        ChangeDataCapture = "change-data-capture", "Change data capture";
        None = "none", "No event channel";
    }
}

/// Hours a high-volume platform event or change event can be replayed.
pub const HIGH_VOLUME_RETENTION_H: u32 = 72;
/// Hours a standard-volume platform event can be replayed.
pub const STANDARD_RETENTION_H: u32 = 24;

impl Events {
    /// How to build it between two systems when neither is Salesforce: a broker's
    /// topics, not Salesforce's event bus.
    pub const fn options_between_others(self) -> &'static [&'static str] {
        match self {
            Events::PlatformEvents | Events::ChangeDataCapture => &[
                "A broker topic the publisher writes to and subscribers read (Kafka, AMQP, JMS)",
                "Change data capture from the source's database log (for example Debezium)",
                "Keep events long enough for the slowest subscriber to catch up",
            ],
            Events::None => &[],
        }
    }

    /// How to build it, Salesforce side.
    pub const fn options(self) -> &'static [&'static str] {
        match self {
            Events::PlatformEvents => &[
                "Define a platform event object (e.g. Order_Shipped__e) with your own fields",
                "Publish from Apex, Flow, or from outside through the Pub/Sub API",
                "Subscribe with Apex triggers, Flow, the Pub/Sub API or CometD",
                "High-volume events can be replayed for 72 hours, standard-volume for 24",
            ],
            Events::ChangeDataCapture => &[
                "Enable Change Data Capture for the object; no publishing code",
                "Subscribe with the Pub/Sub API or CometD",
                "Updates carry only the changed fields plus a change header",
                "Events can be replayed for 3 days; field-level security is respected",
            ],
            Events::None => &[],
        }
    }
}

/// The branch of the events decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Synchronous,
    Bulk,
    NoSalesforce,
    ExternalPublish,
    RecordChangeOut,
    BusinessEvent,
    CustomOut,
    PlainCallIn,
}

static Q_WAITS: Question = Question {
    text: "Does the caller wait for its answer on the same connection?",
    reads: &[Attr::NeedsResponse],
};
static Q_BATCH: Question = Question {
    text: "Can the data arrive hours later?",
    reads: &[Attr::Latency],
};
static Q_NO_SALESFORCE: Question = Question {
    text: "Is neither end a Salesforce org?",
    reads: &[Attr::FromKind, Attr::ToKind],
};
static Q_PUBLISHED_IN: Question = Question {
    text: "Does an outside system publish the events into Salesforce?",
    reads: &[Attr::ExternalPublish, Attr::FromKind],
};
static Q_RECORD_CHANGE_OUT: Question = Question {
    text: "Does a record change leave Salesforce?",
    reads: &[Attr::FromKind, Attr::Trigger],
};
static Q_BUSINESS_EVENT: Question = Question {
    text: "Is it a business event?",
    reads: &[Attr::Trigger],
};
static Q_SALESFORCE_SENDS: Question = Question {
    text: "Does Salesforce send it out?",
    reads: &[Attr::FromKind],
};

/// The event-mechanism decision.
pub struct EventsDecision;

fn touches_salesforce(f: &LinkFacts) -> bool {
    f.from_kind == SystemKind::SalesforceOrg || f.to_kind == SystemKind::SalesforceOrg
}

impl Decide for EventsDecision {
    type Choice = Events;
    type Step = Step;
    const READS: &'static [Attr] = &[
        Attr::NeedsResponse,
        Attr::Latency,
        Attr::FromKind,
        Attr::ToKind,
        Attr::ExternalPublish,
        Attr::Trigger,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (Events, Step) {
        let from_salesforce = f.from_kind == SystemKind::SalesforceOrg;
        if t.ask(&Q_WAITS, f.needs_response) {
            (Events::None, Step::Synchronous)
        } else if t.ask(&Q_BATCH, f.latency == Latency::Batch) {
            (Events::None, Step::Bulk)
        } else if t.ask(&Q_NO_SALESFORCE, !touches_salesforce(f)) {
            (Events::None, Step::NoSalesforce)
        } else if t.ask(&Q_PUBLISHED_IN, f.external_publish && !from_salesforce) {
            (Events::PlatformEvents, Step::ExternalPublish)
        } else if t.ask(
            &Q_RECORD_CHANGE_OUT,
            from_salesforce && f.trigger == Trigger::RecordChange,
        ) {
            (Events::ChangeDataCapture, Step::RecordChangeOut)
        } else if t.ask(&Q_BUSINESS_EVENT, f.trigger == Trigger::BusinessEvent) {
            (Events::PlatformEvents, Step::BusinessEvent)
        } else if t.ask(&Q_SALESFORCE_SENDS, from_salesforce) {
            (Events::PlatformEvents, Step::CustomOut)
        } else {
            (Events::None, Step::PlainCallIn)
        }
    }

    // Event mechanisms live on Salesforce's bus: between two other systems, or on a
    // call that waits, no change a designer controls reaches one, yet platform events
    // are what such a link would use once Salesforce is in it.
    // With no Salesforce end (and a Salesforce org is never proposed as a change), no
    // input reaches an event mechanism.
    fn settled(f: &LinkFacts) -> bool {
        !touches_salesforce(f)
    }

    fn fallback_runner_up(choice: Events) -> Option<Events> {
        Some(match choice {
            Events::None | Events::ChangeDataCapture => Events::PlatformEvents,
            Events::PlatformEvents => Events::ChangeDataCapture,
        })
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::Synchronous => &[Attr::NeedsResponse],
            Step::Bulk => &[Attr::Latency],
            Step::NoSalesforce => &[Attr::FromKind, Attr::ToKind],
            Step::ExternalPublish => &[Attr::ExternalPublish, Attr::FromKind],
            Step::RecordChangeOut => &[Attr::Trigger, Attr::FromKind],
            Step::BusinessEvent => &[Attr::Trigger],
            Step::CustomOut => &[Attr::FromKind, Attr::Trigger],
            Step::PlainCallIn => &[Attr::ExternalPublish, Attr::Trigger],
        }
    }

    fn reason(step: Step, _f: &LinkFacts) -> Cow<'static, str> {
        match step {
            Step::Synchronous => "The caller waits for its answer on the same connection, so there is no event to publish.",
            Step::Bulk => "The data moves in scheduled bulk runs, not as events.",
            Step::NoSalesforce => "Neither end is a Salesforce org, so Salesforce's event bus is not involved; a broker or the sender's own queue carries the message.",
            Step::ExternalPublish => "The event starts outside Salesforce and must be published into it, which only platform events allow; change events are emitted by Salesforce alone.",
            Step::RecordChangeOut => "Record changes leave Salesforce: change data capture emits them with no publishing code, shaped like the record, with only the changed fields on update.",
            Step::BusinessEvent => "A business event crosses systems with a payload of its own design, which is what platform events are for.",
            Step::CustomOut => "Salesforce sends something other than a plain record change, so a platform event with its own fields fits better than a change event.",
            Step::PlainCallIn => "The outside system simply calls Salesforce's API; no event channel is needed unless it has to publish events.",
        }
        .into()
    }
}
