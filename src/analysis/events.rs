//! Which Salesforce event mechanism carries an asynchronous link (DOMAIN 2.2).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, LinkFacts};
use crate::model::vocab::vocabulary;
use crate::model::{SystemKind, Trigger};
use std::borrow::Cow;

vocabulary! {
    /// A Salesforce event mechanism, or none.
    pub enum Events ("event mechanism") {
        PlatformEvents = "platform-events", "Platform events";
        ChangeDataCapture = "change-data-capture", "Change data capture";
        None = "none", "No event channel";
    }
}

/// How long events are kept for replay: a fact of the platform, kept with the others.
pub use crate::standards::{HIGH_VOLUME_RETENTION_H, STANDARD_RETENTION_H};

/// The branch of the events decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    SignIn,
    /// The pattern turned a waiting call into fire-and-forget: the answer comes back
    /// later, not on the connection.
    AnswerComesBack,
    Synchronous,
    Bulk,
    NoSalesforce,
    ExternalPublish,
    RecordChangeOut,
    BusinessEvent,
    CustomOut,
    PlainCallIn,
}

static Q_SIGN_IN: Question = Question {
    text: "Is it a person signing in at an identity provider?",
    reads: &[Attr::FromKind, Attr::ToKind],
};
static Q_SCHEDULED_BULK: Question = Question {
    text: "Is it moved as a scheduled bulk run?",
    reads: &[Attr::Latency, Attr::Trigger, Attr::Volume],
};
static Q_TOO_LONG: Question = Question {
    text: const_format::concatcp!(
        "Would the caller wait longer than a connection can be held (over ",
        crate::standards::SYNC_CEILING_SECS,
        " seconds)?"
    ),
    reads: &[Attr::NeedsResponse, Attr::ExpectedDuration],
};
static Q_WAITS: Question = Question {
    text: "Does the caller wait for its answer on the same connection?",
    reads: &[Attr::NeedsResponse],
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
        Attr::Volume,
        Attr::ExpectedDuration,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (Events, Step) {
        use super::pattern::{Pattern, PatternDecision};
        let from_salesforce = f.from_kind == SystemKind::SalesforceOrg;
        // One link, one story: the events follow what the pattern made of the link.
        let (pattern, _) = PatternDecision::decide(f);
        if f.is_sign_in() && t.ask(&Q_SIGN_IN, true) {
            (Events::None, Step::SignIn)
        } else if t.ask(&Q_SCHEDULED_BULK, pattern == Pattern::BatchDataSync) {
            (Events::None, Step::Bulk)
        } else if t.ask(
            &Q_TOO_LONG,
            f.needs_response && f.expected_duration_s > super::facts::SYNC_CEILING_S,
        ) {
            (Events::None, Step::AnswerComesBack)
        } else if t.ask(&Q_WAITS, f.needs_response) {
            (Events::None, Step::Synchronous)
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
        !touches_salesforce(f) || f.is_sign_in()
    }

    fn ignores(f: &LinkFacts, _attr: Attr) -> bool {
        Self::settled(f)
    }

    fn out_of_reach(step: Step, f: &LinkFacts) -> Option<&'static str> {
        if matches!(step, Step::SignIn) {
            Some(
                "Signing in moves no data, so no event channel applies whatever the link's settings.",
            )
        } else if !touches_salesforce(f) {
            Some(
                "Platform events and change data capture are Salesforce's own event channels: they would apply only with a Salesforce org at one end. Between these two systems, a broker topic or queue is the channel where one is needed.",
            )
        } else {
            None
        }
    }

    fn fixed_runner_up(step: Step) -> Option<Events> {
        match step {
            Step::SignIn => Some(Events::None),
            _ => None,
        }
    }

    fn fallback_runner_up(choice: Events) -> Option<Events> {
        Some(match choice {
            Events::None | Events::ChangeDataCapture => Events::PlatformEvents,
            Events::PlatformEvents => Events::ChangeDataCapture,
        })
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::SignIn => &[Attr::ToKind, Attr::FromKind],
            Step::AnswerComesBack => &[Attr::NeedsResponse, Attr::ExpectedDuration],
            Step::Synchronous => &[Attr::NeedsResponse],
            Step::Bulk => &[Attr::Latency, Attr::Trigger, Attr::Volume],
            Step::NoSalesforce => &[Attr::FromKind, Attr::ToKind],
            Step::ExternalPublish => &[Attr::ExternalPublish, Attr::FromKind],
            Step::RecordChangeOut => &[Attr::Trigger, Attr::FromKind],
            Step::BusinessEvent => &[Attr::Trigger],
            Step::CustomOut => &[Attr::FromKind, Attr::Trigger],
            Step::PlainCallIn => &[Attr::ExternalPublish, Attr::Trigger],
        }
    }

    fn reason(step: Step, f: &LinkFacts) -> Cow<'static, str> {
        use super::reach::How;
        let delivery = || match super::reach::event_delivery(f) {
            Some(How::Subscribe) => {
                " The target subscribes itself: it connects to Salesforce through the Pub/Sub API with its own OAuth client, and each subscriber gets its own copy (publish/subscribe)."
            }
            Some(How::Relay) => {
                " The target cannot subscribe to an org's event stream, so Salesforce relays each event to it by a callout: a Flow or Apex triggered by the event, through a Named Credential (or an outbound message)."
            }
            _ => "",
        };
        match step {
            Step::SignIn => "Signing in is federation, not an exchange of data: there is no event to carry.".into(),
            Step::AnswerComesBack => "No event goes out with the request: the work takes longer than a caller can wait, so the answer comes back later, by the target calling back in or by publishing a platform event into Salesforce.".into(),
            Step::Synchronous => "The caller waits for its answer on the same connection, so there is no event to publish.".into(),
            Step::Bulk => "It is a scheduled bulk run: the data moves as files or query results, not as events.".into(),
            Step::NoSalesforce => "Neither end is a Salesforce org, so Salesforce's event bus is not involved; a broker carries the message: a topic where each subscriber gets its own copy (publish/subscribe), or a queue where one consumer takes each message (queuing).".into(),
            Step::ExternalPublish => "The event starts outside Salesforce and must be published into it, which only platform events allow; change events are emitted by Salesforce alone. The publisher connects through the Pub/Sub API.".into(),
            Step::RecordChangeOut => Cow::Owned(format!(
                "Record changes leave Salesforce: change data capture emits them with no publishing code, shaped like the record, with only the changed fields on update.{}",
                delivery()
            )),
            Step::BusinessEvent => Cow::Owned(format!(
                "A business event crosses systems with a payload of its own design, which is what platform events are for.{}",
                if f.from_kind == SystemKind::SalesforceOrg { delivery() } else { "" }
            )),
            Step::CustomOut => Cow::Owned(format!(
                "Salesforce sends something other than a plain record change, so a platform event with its own fields fits better than a change event.{}",
                delivery()
            )),
            Step::PlainCallIn => "The outside system simply calls Salesforce's API; no event channel is needed unless it has to publish events.".into(),
        }
    }
}
