//! The inputs of a link's decisions: each one's name in the file, its caption,
//! help and values, and a change of one in words.

use crate::model::words::grouped;
use crate::model::{Latency, Protocol, Sensitivity, SystemKind, Trigger};
use std::fmt;

/// The thresholds the decisions compare with: Salesforce's limits, kept with the
/// other platform facts.
pub use crate::standards::{BULK_THRESHOLD, DEFAULT_TIMEOUT_S, SYNC_CEILING_S};

/// An input of a link's decisions, named as in the file (`from.` and `to.` for the
/// capabilities of the link's ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attr {
    NeedsResponse,
    Trigger,
    Latency,
    Volume,
    ExpectedDuration,
    GuaranteedDelivery,
    OnBehalfOfUser,
    Virtual,
    ExternalPublish,
    Sensitivity,
    Protocol,
    FromKind,
    ToKind,
    FromKeepsSecret,
    FromUserPresent,
    FromLimitedInput,
    FromHasSamlSso,
    FromLinkedToIdp,
    ToUserPresent,
    ToKeepsSecret,
    ToRequiresMtls,
    CrossesBoundary,
}

impl Attr {
    /// Every input, in the order the flip search tries them after the deciding ones.
    pub const ALL: &'static [Attr] = &[
        Attr::NeedsResponse,
        Attr::Trigger,
        Attr::Latency,
        Attr::Volume,
        Attr::ExpectedDuration,
        Attr::OnBehalfOfUser,
        Attr::Virtual,
        Attr::ExternalPublish,
        Attr::Sensitivity,
        Attr::GuaranteedDelivery,
        Attr::FromKind,
        Attr::ToKind,
        Attr::FromUserPresent,
        Attr::FromKeepsSecret,
        Attr::FromLimitedInput,
        Attr::FromHasSamlSso,
        Attr::FromLinkedToIdp,
        Attr::ToUserPresent,
        Attr::ToKeepsSecret,
        Attr::ToRequiresMtls,
        Attr::CrossesBoundary,
        Attr::Protocol,
    ];

    /// The name a user sees, as written in the file.
    pub const fn id(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "needs_response",
            Attr::Trigger => "trigger",
            Attr::Latency => "latency",
            Attr::Volume => "volume",
            Attr::ExpectedDuration => "expected_duration_s",
            Attr::GuaranteedDelivery => "guaranteed_delivery",
            Attr::OnBehalfOfUser => "on_behalf_of_user",
            Attr::Virtual => "virtual",
            Attr::ExternalPublish => "external_publish",
            Attr::Sensitivity => "sensitivity",
            Attr::Protocol => "protocol",
            Attr::FromKind => "from.kind",
            Attr::ToKind => "to.kind",
            Attr::FromKeepsSecret => "from.keeps_secret",
            Attr::FromUserPresent => "from.user_present",
            Attr::FromLimitedInput => "from.limited_input",
            Attr::FromHasSamlSso => "from.has_saml_sso",
            Attr::FromLinkedToIdp => "from.linked_to_identity_provider",
            Attr::ToUserPresent => "to.user_present",
            Attr::ToKeepsSecret => "to.keeps_secret",
            Attr::ToRequiresMtls => "to.requires_mtls",
            Attr::CrossesBoundary => "crosses_zone_boundary",
        }
    }
}

impl Attr {
    /// The input follows from the drawing (a link to an identity provider, the zones
    /// of the two ends), not from a field a person sets.
    pub const fn is_drawn(self) -> bool {
        matches!(self, Attr::FromLinkedToIdp | Attr::CrossesBoundary)
    }

    /// The input is a number, which the decisions compare with a threshold only.
    pub const fn is_number(self) -> bool {
        matches!(self, Attr::Volume | Attr::ExpectedDuration)
    }

    /// What a person reads for this input, in place of the file's key.
    pub const fn label(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "the caller waits for the answer",
            Attr::Trigger => "the trigger",
            Attr::Latency => "the latency",
            Attr::Volume => "the records per run",
            Attr::ExpectedDuration => "the time the work takes",
            Attr::GuaranteedDelivery => "delivery is guaranteed",
            Attr::OnBehalfOfUser => "the link acts for the signed-in user",
            Attr::Virtual => "the data is read on demand (virtual)",
            Attr::ExternalPublish => "an outside system publishes the events",
            Attr::Sensitivity => "the sensitivity",
            Attr::Protocol => "the protocol",
            Attr::FromKind => "the caller's kind",
            Attr::ToKind => "the target's kind",
            Attr::FromKeepsSecret => "the caller can keep a secret",
            Attr::FromUserPresent => "the caller has a person at it",
            Attr::FromLimitedInput => "the caller has no browser or keyboard",
            Attr::FromHasSamlSso => "the caller's user signs in with SAML",
            Attr::FromLinkedToIdp => "the caller talks to an identity provider",
            Attr::ToUserPresent => "the target has a person at it",
            Attr::ToKeepsSecret => "the target has a server side",
            Attr::ToRequiresMtls => "the target requires mutual TLS",
            Attr::CrossesBoundary => "the link crosses a zone boundary",
        }
    }

    /// The caption of the input's widget in the inspector. A capability of either end
    /// has one caption: the system's inspector shows it without a side.
    pub const fn field(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "needs response",
            Attr::Trigger => "Trigger",
            Attr::Latency => "Latency",
            Attr::Volume => "Volume",
            Attr::ExpectedDuration => "Expected duration",
            Attr::GuaranteedDelivery => "guaranteed delivery",
            Attr::OnBehalfOfUser => "on behalf of user",
            Attr::Virtual => "virtual (read on demand)",
            Attr::ExternalPublish => "external publish",
            Attr::Sensitivity => "Sensitivity",
            Attr::Protocol => "Protocol",
            Attr::FromKind | Attr::ToKind => "Kind",
            Attr::FromKeepsSecret | Attr::ToKeepsSecret => "keeps secret",
            Attr::FromUserPresent | Attr::ToUserPresent => "user present",
            Attr::FromLimitedInput => "limited input",
            Attr::FromHasSamlSso => "has SAML SSO",
            Attr::ToRequiresMtls => "requires mTLS",
            Attr::FromLinkedToIdp => "linked to an identity provider",
            Attr::CrossesBoundary => "crosses a zone boundary",
        }
    }

    /// The input's name inside a sentence ("Change trigger", "latency is batch"): its
    /// caption without the capital.
    pub fn in_sentence(self) -> String {
        let mut chars = self.field().chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    }

    /// What the input means and what it decides, for the inspector's hover text and
    /// the reports' glossary.
    pub const fn help(self) -> &'static str {
        match self {
            Attr::NeedsResponse => {
                "The caller waits for the result before it goes on. A call that waits is \
                 synchronous; one that does not can be queued or sent as an event."
            }
            Attr::Trigger => {
                "What starts the exchange: a person's action, a change of data, a schedule \
                 or an event. Scheduled work is never part of a person's call chain."
            }
            Attr::Latency => {
                "How soon the data must arrive: real time (seconds), near real time \
                 (minutes) or batch (hours). Batch latency allows bulk loading."
            }
            Attr::Volume => const_format::concatcp!(
                "Records moved per run. Above ",
                crate::standards::BULK_THRESHOLD_WORDS,
                " records a run, bulk loading beats record-by-record calls."
            ),
            Attr::ExpectedDuration => const_format::concatcp!(
                "Seconds the target needs to do the work itself (what it waits for downstream is a link of its own). Salesforce ends its own callouts after ",
                crate::standards::SYNC_CEILING_SECS,
                " seconds (",
                crate::standards::DEFAULT_TIMEOUT_SECS,
                " by default); between other systems, a wait of minutes is cut by gateways and timeouts, so past ",
                crate::standards::SYNC_CEILING_SECS,
                " seconds a callback is advised."
            ),
            Attr::GuaranteedDelivery => {
                "A message must never be lost: it needs a queue or a retrying mechanism, \
                 not a call that is gone when it fails."
            }
            Attr::OnBehalfOfUser => {
                "The link acts as the signed-in person rather than as an integration user. \
                 Then the auth flow must involve that person."
            }
            Attr::Virtual => {
                "The data is read live when someone looks at it and never copied \
                 (data virtualization)."
            }
            Attr::ExternalPublish => {
                "The source outside Salesforce publishes events into it, rather than \
                 Salesforce emitting them."
            }
            Attr::Sensitivity => {
                "How harmful a leak would be: public, internal, confidential or regulated \
                 (PCI, PHI, financial). Regulated data, or confidential data crossing \
                 zones, asks for mutual TLS."
            }
            Attr::Protocol => {
                "The wire protocol. OAuth and mutual TLS apply to HTTP protocols; file \
                 transfer and database links are protected by their own transport."
            }
            Attr::FromKind | Attr::ToKind => {
                "What kind of system this is. The kind sets the default capabilities \
                 and whether Salesforce's own mechanisms apply."
            }
            Attr::FromKeepsSecret | Attr::ToKeepsSecret => {
                "The system has a server side that can hold a client secret or private \
                 key safely. Browsers and apps on people's devices cannot."
            }
            Attr::FromUserPresent | Attr::ToUserPresent => {
                "A person uses it while it runs: it has a screen someone looks at."
            }
            Attr::FromLimitedInput => {
                "It has no browser or keyboard for signing in (a TV, a device), so a \
                 person signs in on another device."
            }
            Attr::FromHasSamlSso => {
                "Its users already sign in with SAML single sign-on, so it holds an \
                 assertion it can exchange for a token."
            }
            Attr::FromLinkedToIdp => {
                "The caller has a link to an identity provider in this design, so it can \
                 obtain a SAML assertion."
            }
            Attr::ToRequiresMtls => {
                "The system accepts only clients that present a certificate (mutual TLS)."
            }
            Attr::CrossesBoundary => {
                "The two ends sit in different zones, so the link crosses a trust \
                 boundary. Set by where the systems are placed."
            }
        }
    }

    /// The label of a statement, denied.
    const fn denied(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "the caller does not wait for the answer",
            Attr::GuaranteedDelivery => "delivery is not guaranteed",
            Attr::OnBehalfOfUser => "the link does not act for the signed-in user",
            Attr::Virtual => "the data is copied, not read on demand",
            Attr::ExternalPublish => "no outside system publishes the events",
            Attr::FromKeepsSecret => "the caller cannot keep a secret",
            Attr::FromUserPresent => "the caller has nobody at it",
            Attr::FromLimitedInput => "the caller has a browser and keyboard",
            Attr::FromHasSamlSso => "the caller's user does not sign in with SAML",
            Attr::FromLinkedToIdp => "the caller does not talk to an identity provider",
            Attr::ToUserPresent => "the target has nobody at it",
            Attr::ToKeepsSecret => "the target has no server side",
            Attr::ToRequiresMtls => "the target does not require mutual TLS",
            Attr::CrossesBoundary => "the link stays inside one zone",
            _ => self.label(),
        }
    }

    /// "if the caller waits for the answer (now off)", "if the records per run
    /// were over 2,000 (now 1,500)": a change of this input in words. A yes-or-no input
    /// says where its tick stands now, as the inspector shows it.
    pub fn change_in_words(self, from: Value, to: Value) -> String {
        match to {
            Value::Bool(true) => format!("{} (now off)", self.label()),
            Value::Bool(false) => format!("{} (now on)", self.denied()),
            _ => change_of(self.label(), from, to),
        }
    }
}

/// "volume were over 2,000 (now 1,500)": a change of the input called `name`, numbers
/// said as the range past their threshold.
pub fn change_of(name: &str, from: Value, to: Value) -> String {
    match (from, to) {
        (Value::Count(a), Value::Count(b)) if b < a => {
            format!("{name} were {} or fewer (now {})", grouped(b), grouped(a))
        }
        (Value::Count(a), Value::Count(b)) => {
            format!("{name} were over {} (now {})", grouped(b - 1), grouped(a))
        }
        (Value::Seconds(a), Value::Seconds(b)) if b < a => {
            format!("{name} were {b} s or less (now {a} s)")
        }
        (Value::Seconds(a), Value::Seconds(b)) => {
            format!("{name} were over {} s (now {a} s)", b - 1.0)
        }
        (from, to) => format!("{name} were {to} (now {from})"),
    }
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The value of an [`Attr`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Trigger(Trigger),
    Latency(Latency),
    Count(i64),
    Seconds(f64),
    Sensitivity(Sensitivity),
    Protocol(Protocol),
    Kind(SystemKind),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Trigger(v) => write!(f, "{v}"),
            Value::Latency(v) => write!(f, "{v}"),
            Value::Count(v) => write!(f, "{v}"),
            Value::Seconds(v) => write!(f, "{v}"),
            Value::Sensitivity(v) => write!(f, "{v}"),
            Value::Protocol(v) => write!(f, "{v}"),
            Value::Kind(v) => write!(f, "{v}"),
        }
    }
}
