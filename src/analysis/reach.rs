//! Who opens a link's connection, and how (DOMAIN 1.1): the words for it, and the
//! view of a link from the side that opens it. [`connection::of`](super::connection::of)
//! decides it; the event decision reads [`event_delivery`] without deciding events.

use super::decision::Decide;
use super::facts::LinkFacts;
use super::pattern::{Pattern, PatternDecision};
use super::speaks::{can_subscribe, salesforce_speaks};
use crate::model::{Protocol, SystemKind};

/// Which end of the link opens the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    /// The side that starts the exchange.
    Source,
    /// The other side: a subscriber, or the job that pulls a bulk extract.
    Target,
}

/// How the connection is made, for the mechanism the decisions chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// The source calls the target (a callout, a call-in, a message handed over).
    Call,
    /// The target subscribes to Salesforce's events with its own OAuth client.
    Subscribe,
    /// The target cannot subscribe: Salesforce relays each event to it by a callout.
    Relay,
    /// The other side's job pulls a bulk extract out of Salesforce.
    BulkExtract,
    /// The source's job loads in bulk into Salesforce.
    BulkLoad,
    /// Salesforce Connect reads the external source on demand.
    Virtual,
    /// A person signs in through their browser to an identity provider.
    SignIn,
}

/// Who opens the connection, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The end that opens it.
    pub opener: Opener,
    /// How.
    pub how: How,
}

impl How {
    /// The stable id, as the JSON report writes it.
    pub const fn id(self) -> &'static str {
        match self {
            How::Call => "call",
            How::Subscribe => "subscribe",
            How::Relay => "relay",
            How::BulkExtract => "bulk-extract",
            How::BulkLoad => "bulk-load",
            How::Virtual => "virtual",
            How::SignIn => "sign-in",
        }
    }
}

impl Opener {
    /// The stable id, as the JSON report writes it.
    pub const fn id(self) -> &'static str {
        match self {
            Opener::Source => "source",
            Opener::Target => "target",
        }
    }
}

/// How an event that leaves Salesforce for a system that is not Salesforce reaches
/// it: the target subscribes, or, when it cannot, Salesforce relays it by a callout.
/// `None` when the link carries no such event whatever its mechanism: sign-in, no
/// Salesforce source, a Salesforce target, a read on demand or a bulk extract.
pub fn event_delivery(f: &LinkFacts) -> Option<How> {
    let from_sf = f.from_kind == SystemKind::SalesforceOrg;
    let to_sf = f.to_kind == SystemKind::SalesforceOrg;
    if f.is_sign_in() || !from_sf || to_sf {
        return None;
    }
    let (pattern, _) = PatternDecision::decide(f);
    if matches!(
        pattern,
        Pattern::DataVirtualization | Pattern::BatchDataSync
    ) {
        return None;
    }
    Some(pushed_event(f.to_kind).how)
}

/// The connection of an event pushed out of Salesforce to a system of kind `to`: it
/// subscribes when it can hold an OAuth client, else Salesforce relays by a callout.
pub fn pushed_event(to: SystemKind) -> Connection {
    if can_subscribe(to) {
        Connection {
            opener: Opener::Target,
            how: How::Subscribe,
        }
    } else {
        Connection {
            opener: Opener::Source,
            how: How::Relay,
        }
    }
}

impl Connection {
    /// The link's facts as seen from the side that opens the connection: that side is
    /// the caller (`from`), the side it connects to the target (`to`). A subscriber or
    /// a bulk job is a system with no person at it unless its own capabilities say so,
    /// and its link to an identity provider is not known here.
    pub fn view(self, f: &LinkFacts) -> LinkFacts {
        match self.opener {
            Opener::Source => *f,
            Opener::Target => LinkFacts {
                from_kind: f.to_kind,
                to_kind: f.from_kind,
                from: f.to,
                to: f.from,
                from_linked_to_idp: false,
                ..*f
            },
        }
    }

    /// The kind of the system that opens the connection.
    pub fn opener_kind(self, f: &LinkFacts) -> SystemKind {
        match self.opener {
            Opener::Source => f.from_kind,
            Opener::Target => f.to_kind,
        }
    }

    /// The connection goes into a Salesforce org (its inbound mTLS and API limits apply).
    pub fn into_salesforce(self, f: &LinkFacts) -> bool {
        self.view(f).to_kind == SystemKind::SalesforceOrg
    }

    /// The connection goes out of a Salesforce org (a callout).
    pub fn out_of_salesforce(self, f: &LinkFacts) -> bool {
        self.view(f).from_kind == SystemKind::SalesforceOrg
    }

    /// What a Salesforce end of this link would have to speak that it cannot, if any.
    pub fn unspeakable(self, f: &LinkFacts) -> Option<Protocol> {
        let into = self.into_salesforce(f);
        let out = self.out_of_salesforce(f);
        ((into && !salesforce_speaks(f.protocol, true))
            || (out && !salesforce_speaks(f.protocol, false)))
        .then_some(f.protocol)
    }

    /// The protocol the link's auth and mTLS are decided on: the drawn one or, where a
    /// Salesforce end cannot speak it (DOMAIN 1.1), the HTTPS API that would carry it
    /// (REST; Bulk API 2.0 for a batch, which is REST too). SFTP drawn into Salesforce
    /// is decided as the job that loads the file through Bulk API 2.0, not with SSH keys.
    pub fn carried_protocol(self, f: &LinkFacts) -> Protocol {
        if self.unspeakable(f).is_some() {
            Protocol::Rest
        } else {
            f.protocol
        }
    }

    /// Where the link is decided as the HTTPS API that would carry it, the sentence
    /// that says so, to open a decision's reason (DOMAIN 1.1); None otherwise.
    pub fn carried_note(self, f: &LinkFacts) -> Option<String> {
        let drawn = match self.unspeakable(f)? {
            Protocol::Http => "plain HTTP",
            Protocol::File => "a file drop",
            p => p.label(),
        };
        Some(format!(
            "Salesforce cannot speak {drawn}, so this is decided for the HTTPS API that would carry the data instead (FEAS-001). "
        ))
    }

    /// Who connects, in words for a report: "Data warehouse (the target's job pulls the
    /// extract from Salesforce's Bulk API 2.0)".
    pub fn in_words(self, from: &str, to: &str) -> String {
        let (opener, other) = match self.opener {
            Opener::Source => (from, to),
            Opener::Target => (to, from),
        };
        match self.how {
            How::Call => format!("{opener} opens the connection to {other}"),
            How::Subscribe => format!(
                "{opener} connects to {other} and subscribes to its events (Pub/Sub API) with its own OAuth client"
            ),
            How::Relay => format!(
                "{opener} relays each event to {other} by a callout: {other} cannot subscribe to an org's event stream"
            ),
            How::BulkExtract => format!(
                "{opener} connects to {other} with a scheduled job and pulls the extract through Bulk API 2.0"
            ),
            How::BulkLoad => format!(
                "{opener} connects to {other} with a scheduled job and loads through Bulk API 2.0"
            ),
            How::Virtual => {
                format!("{opener} reads {other} on demand (Salesforce Connect)")
            }
            How::SignIn => format!(
                "the person's browser at {opener} is sent to {other} to sign in (federated sign-in)"
            ),
        }
    }
}
