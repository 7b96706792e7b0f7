//! What each end can speak and who signs in (DOMAIN 1.1): facts about system kinds
//! and protocols that every decision reads, with no decision in them.

use crate::model::{Protocol, SystemKind};

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

/// Protocols that do not carry OAuth tokens; they authenticate in their own way.
pub fn transport_auth(protocol: Protocol) -> Option<&'static str> {
    Some(match protocol {
        Protocol::Sftp => "SSH keys",
        Protocol::Ftp => "a user name and password sent in clear text",
        Protocol::File => "file-system permissions on the shared folder",
        Protocol::Jdbc => "database credentials",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "broker credentials or client certificates"
        }
        Protocol::Email => "the mail server's own authentication",
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Grpc | Protocol::Http => {
            return None;
        }
    })
}
