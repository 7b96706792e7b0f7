//! Who opens the connection, and what each end can speak (DOMAIN 1.1).
//!
//! A link's direction is the direction of the exchange; the connection is not always
//! opened by its source. Events out of Salesforce are fetched by the subscriber, a bulk
//! extract is pulled by the other side's job, and a target that cannot subscribe gets
//! the event relayed by a callout. The auth flow and mutual TLS are decided for the side
//! that opens the connection, so every decision that concerns the connection reads it
//! from here.

use super::facts::LinkFacts;
use super::pattern::{Pattern, PatternDecision};
use super::{Events, decision::Decide, events::EventsDecision};
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

/// Kinds whose systems run code the design's owner controls, and so can hold an OAuth
/// client and subscribe to an org's event stream (a browser or mobile app as the
/// signed-in person). Any other target gets Salesforce's events relayed by a callout.
pub const fn can_subscribe(kind: SystemKind) -> bool {
    matches!(
        kind,
        SystemKind::BackendService
            | SystemKind::Middleware
            | SystemKind::WebApp
            | SystemKind::MessageBroker
            | SystemKind::Spa
            | SystemKind::MobileApp
            | SystemKind::DesktopApp
    )
}

/// Whether a link between these kinds is federated sign-in to an identity provider
/// rather than a data integration.
pub const fn is_sign_in(from: SystemKind, to: SystemKind) -> bool {
    from.signs_in_at(to)
}

/// Whether a Salesforce org can speak `protocol` on a connection that goes into it
/// (`into`) or out of it. Into Salesforce: HTTPS APIs (REST, SOAP, GraphQL; gRPC for
/// the Pub/Sub API) and inbound e-mail. Out: HTTPS callouts (REST, SOAP, GraphQL) and
/// e-mail. Never SFTP, FTP, a message broker's own protocol, JDBC, a file share or
/// plain HTTP.
pub const fn salesforce_speaks(protocol: Protocol, into: bool) -> bool {
    match protocol {
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Email => true,
        Protocol::Grpc => into,
        Protocol::Http
        | Protocol::Sftp
        | Protocol::Ftp
        | Protocol::File
        | Protocol::Jdbc
        | Protocol::Jms
        | Protocol::Amqp
        | Protocol::Kafka
        | Protocol::Mqtt => false,
    }
}

/// Who opens the connection of a link with these facts.
pub fn of(f: &LinkFacts) -> Connection {
    let from_sf = f.from_kind == SystemKind::SalesforceOrg;
    let to_sf = f.to_kind == SystemKind::SalesforceOrg;
    let source = |how| Connection {
        opener: Opener::Source,
        how,
    };
    if f.is_sign_in() {
        return source(How::SignIn);
    }
    // Only a Salesforce end subscribes, relays, pulls in bulk or reads on demand: every
    // other link is a call, decided without deciding its pattern (the flip search asks
    // this for every input change of every link).
    if !from_sf && !to_sf {
        return source(How::Call);
    }
    let (pattern, _) = PatternDecision::decide(f);
    match pattern {
        Pattern::DataVirtualization => return source(How::Virtual),
        Pattern::BatchDataSync if from_sf && !to_sf => {
            return Connection {
                opener: Opener::Target,
                how: How::BulkExtract,
            };
        }
        Pattern::BatchDataSync if to_sf && !from_sf => return source(How::BulkLoad),
        _ => {}
    }
    if from_sf && !to_sf {
        let (events, _) = EventsDecision::decide(f);
        if matches!(events, Events::ChangeDataCapture | Events::PlatformEvents) {
            return if can_subscribe(f.to_kind) {
                Connection {
                    opener: Opener::Target,
                    how: How::Subscribe,
                }
            } else {
                source(How::Relay)
            };
        }
    }
    source(How::Call)
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

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn salesforce_speaks_https_and_email_only() {
        assert!(salesforce_speaks(Protocol::Grpc, true));
        assert!(!salesforce_speaks(Protocol::Grpc, false));
        for p in [
            Protocol::Sftp,
            Protocol::Jms,
            Protocol::Http,
            Protocol::Jdbc,
        ] {
            assert!(
                !salesforce_speaks(p, true) && !salesforce_speaks(p, false),
                "{p}"
            );
        }
    }
}
