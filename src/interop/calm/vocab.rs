//! Patchbay's kinds and protocols in CALM's words, and back.

use crate::model::{AuthFlow, Protocol, SystemKind};
use crate::standards;

/// The CALM node type nearest to a kind. CALM's types say where a thing runs and who
/// uses it; the kind itself stays in the node's metadata.
pub(super) const fn node_type(kind: SystemKind) -> &'static str {
    use SystemKind as K;
    match kind {
        K::Spa | K::MobileApp | K::DesktopApp => "webclient",
        K::Database => "database",
        K::WebApp
        | K::BackendService
        | K::IdentityProvider
        | K::PaymentService
        | K::FileServer
        | K::MessageBroker
        | K::PartnerApi => "service",
        K::SalesforceOrg
        | K::Middleware
        | K::Erp
        | K::MarketingPlatform
        | K::LegacySystem
        | K::IotDevice
        | K::LimitedInputDevice
        | K::Other => "system",
    }
}

/// A node's description: the system's notes, or what kind of system it is when it has
/// none (CALM wants one).
pub(super) fn node_description(kind: SystemKind, notes: &str) -> String {
    if notes.is_empty() {
        kind.label().to_owned()
    } else {
        notes.to_owned()
    }
}

/// The kind a CALM node type suggests, when neither Patchbay's metadata nor the name
/// says: `None` for a type that is not a system (people, containers).
pub(super) fn kind_of_node_type(node_type: &str) -> Option<SystemKind> {
    Some(match node_type {
        "webclient" => SystemKind::Spa,
        "database" | "data-asset" => SystemKind::Database,
        "ldap" => SystemKind::IdentityProvider,
        "service" => SystemKind::BackendService,
        _ => return None,
    })
}

/// CALM's protocol for a link's, where CALM has one: HTTP-based APIs run over HTTPS,
/// message brokers without their own CALM protocol over TCP; a file drop and email have
/// none.
pub(super) const fn calm_protocol(p: Protocol) -> Option<&'static str> {
    use Protocol as P;
    Some(match p {
        P::Rest | P::Soap | P::Graphql | P::Grpc => "HTTPS",
        P::Http => "HTTP",
        P::Amqp => "AMQP",
        P::Jms | P::Kafka | P::Mqtt => "TCP",
        P::Sftp => "SFTP",
        P::Ftp => "FTP",
        P::Jdbc => "JDBC",
        P::File | P::Email => return None,
    })
}

/// The protocol a CALM protocol gives a link when Patchbay's metadata does not, and
/// whether that is a guess (CALM's protocol names a transport that carries several).
pub(super) fn protocol_of(calm: &str) -> (Protocol, bool) {
    match calm {
        "HTTPS" => (Protocol::Rest, false),
        "HTTP" => (Protocol::Http, false),
        "AMQP" => (Protocol::Amqp, false),
        "SFTP" => (Protocol::Sftp, false),
        "FTP" => (Protocol::Ftp, false),
        "JDBC" => (Protocol::Jdbc, false),
        _ => (Protocol::Rest, true),
    }
}

/// The standard an OAuth flow is defined in, for the authentication control.
pub(super) const fn standard_of(flow: AuthFlow) -> Option<&'static str> {
    use AuthFlow as F;
    match flow {
        F::WebServer | F::UserAgent | F::UsernamePassword | F::ClientCredentials => {
            standards::RFC_6749.url
        }
        F::WebServerPkce => standards::RFC_7636.url,
        F::JwtBearer | F::AssetToken => standards::RFC_7523.url,
        F::Device => standards::RFC_8628.url,
        F::SamlAssertion => standards::RFC_7522.url,
        F::Federation => standards::SAML_2.url,
        F::NamedCredential | F::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each protocol is written as in CALM and what that reads back as, every
    /// pair spelled out: a CALM name that is one protocol comes back as itself; HTTPS
    /// (carrying REST, SOAP, GraphQL and gRPC) reads as REST; TCP is a guess.
    #[test]
    fn every_protocol_goes_to_calm_and_back_as_listed() {
        use Protocol as P;
        /// The CALM name, what it reads back as, and whether that is a guess.
        type Back = (&'static str, P, bool);
        let want: &[(P, Option<Back>)] = &[
            (P::Rest, Some(("HTTPS", P::Rest, false))),
            (P::Soap, Some(("HTTPS", P::Rest, false))),
            (P::Graphql, Some(("HTTPS", P::Rest, false))),
            (P::Grpc, Some(("HTTPS", P::Rest, false))),
            (P::Jms, Some(("TCP", P::Rest, true))),
            (P::Amqp, Some(("AMQP", P::Amqp, false))),
            (P::Kafka, Some(("TCP", P::Rest, true))),
            (P::Mqtt, Some(("TCP", P::Rest, true))),
            (P::Sftp, Some(("SFTP", P::Sftp, false))),
            (P::Ftp, Some(("FTP", P::Ftp, false))),
            (P::Http, Some(("HTTP", P::Http, false))),
            (P::Jdbc, Some(("JDBC", P::Jdbc, false))),
            (P::File, None),
            (P::Email, None),
        ];
        assert_eq!(want.len(), Protocol::ALL.len(), "every protocol is listed");
        for &(p, expected) in want {
            let got = calm_protocol(p).map(|calm| {
                let (back, guessed) = protocol_of(calm);
                (calm, back, guessed)
            });
            assert_eq!(got, expected, "{p:?}");
        }
    }
}
