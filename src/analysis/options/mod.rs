//! How to build each decision of a link: the implementation options, grouped by the
//! decision they serve and filtered by the link (DOMAIN 2.1): which side opens the
//! connection and which way it goes, whether the link acts for a person, the mechanism
//! chosen, and whether Salesforce is an end at all (where it is not, no Salesforce
//! feature is offered).

mod auth;

use super::LinkAnalysis;
use super::connection::How;
use super::pattern::Pattern;
use super::{Events, mtls};
use crate::model::{Protocol, SystemKind};
use crate::standards::{
    HIGH_VOLUME_RETENTION_H, MUTUAL_TLS_PORT, RFC_8705, RFC_9449, RFC_9700, RFC_10017,
};
use const_format::concatcp;

/// The options of each of a link's four decisions, in that order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// How to build the pattern.
    pub pattern: Vec<&'static str>,
    /// How to build the event mechanism.
    pub events: Vec<&'static str>,
    /// How to set the auth flow up.
    pub auth: Vec<&'static str>,
    /// How to set mutual TLS up, or what protects the link instead.
    pub mtls: Vec<&'static str>,
}

impl Options {
    /// The four groups, with the decision each serves.
    pub fn groups(&self) -> [(&'static str, &[&'static str]); 4] {
        [
            ("Pattern", &self.pattern),
            ("Events", &self.events),
            ("Auth flow", &self.auth),
            ("mTLS", &self.mtls),
        ]
    }

    /// True when no decision has an option (a sign-in link).
    pub fn is_empty(&self) -> bool {
        self.groups().iter().all(|(_, o)| o.is_empty())
    }
}

/// Every option of a link's decisions.
pub fn of(a: &LinkAnalysis) -> Options {
    let f = &a.facts;
    let c = super::connection::of(f);
    let salesforce_end =
        f.from_kind == SystemKind::SalesforceOrg || f.to_kind == SystemKind::SalesforceOrg;
    Options {
        pattern: pattern(a, c.how, salesforce_end),
        events: events(a, c.how, salesforce_end),
        auth: auth::options(a, c.opener, c.into_salesforce(f), salesforce_end),
        mtls: mtls_options(a, c.into_salesforce(f), c.out_of_salesforce(f)),
    }
}

fn pattern(a: &LinkAnalysis, how: How, salesforce_end: bool) -> Vec<&'static str> {
    let f = &a.facts;
    if !salesforce_end {
        return match a.pattern.choice {
            Pattern::RequestReply | Pattern::RemoteCallIn => vec![
                "A REST or gRPC call with a timeout shorter than the caller's own",
                "An API gateway or an iPaaS flow in front of the target",
                "Retries with backoff only for requests that are safe to repeat",
            ],
            Pattern::FireAndForget => vec![
                "A message queue or a broker topic (JMS, AMQP, Kafka, MQTT)",
                "An iPaaS flow with guaranteed delivery and a dead-letter queue",
                "A REST call with retries and an idempotency key",
            ],
            Pattern::BatchDataSync => vec![
                "A scheduled ETL job",
                "A file dropped over SFTP and picked up on a schedule",
                "Database replication or a database link for bulk copies",
            ],
            Pattern::UiUpdate => vec![
                "Server-sent events or a WebSocket to the open screen",
                "A push notification to the app",
            ],
            Pattern::DataVirtualization => vec![
                "A federated query or a database view read on demand",
                "An API read on demand instead of a copy",
            ],
            Pattern::SignIn => Vec::new(),
        };
    }
    match a.pattern.choice {
        Pattern::RequestReply => vec![
            "Apex callout through a Named Credential",
            "External Services (generated actions from an OpenAPI spec)",
            "Continuation for long calls from a Lightning page",
        ],
        Pattern::FireAndForget if how == How::Subscribe => vec![
            "The target subscribes to the event channel itself (Pub/Sub API) and acknowledges what it has processed by its replay id",
        ],
        Pattern::FireAndForget if how == How::Relay => vec![
            "A Flow or Apex triggered by the event makes the callout through a Named Credential",
            "Outbound Messages (SOAP; retried for up to 24 h, may arrive twice or out of order)",
            "Queueable Apex for callouts that need retries of their own",
        ],
        Pattern::FireAndForget => vec![
            "Queueable Apex (or @future) callouts through a Named Credential",
            "Outbound Messages (SOAP; retried for up to 24 h, may arrive twice or out of order)",
        ],
        Pattern::BatchDataSync if how == How::BulkExtract => vec![
            "The target's ETL tool or Data Loader CLI runs Bulk API 2.0 query jobs on a schedule",
            "Query only what changed since the last run (SystemModstamp), not the whole object",
            "Bulk API 2.0 limits: 150 MB per upload file; results come in pages to download",
        ],
        Pattern::BatchDataSync => vec![
            "Bulk API 2.0 ingest jobs (150 MB per file, 150 million records per rolling 24 h)",
            "Data Loader CLI or an ETL tool (MuleSoft, Informatica, Talend) runs the job",
            "Upsert on an external id so a rerun does not duplicate records",
        ],
        Pattern::RemoteCallIn => {
            let mut o = vec![
                "REST API",
                "SOAP API",
                "Composite API or GraphQL API",
                "Apex REST or SOAP services",
                "Bulk API 2.0 for volume",
            ];
            if f.external_publish {
                o.push("Pub/Sub API to publish events");
            }
            o.push("Mind the org's daily API request allocation");
            o
        }
        Pattern::UiUpdate => match f.to_kind {
            SystemKind::MobileApp => vec![
                "A push notification to the app (Salesforce notification builder or the app's own push service)",
                "The app then reads the changed record over the REST API",
            ],
            SystemKind::Spa => vec![
                "The browser app subscribes through the Streaming API (CometD) with the signed-in person's token",
                "Or its own backend subscribes through the Pub/Sub API and relays over a WebSocket or server-sent events (the Pub/Sub API is gRPC over HTTP/2, which a browser cannot call directly)",
            ],
            _ => vec![
                "The app subscribes through the Streaming API (CometD) with the signed-in person's token",
                "Or a backend of its own subscribes through the Pub/Sub API and pushes the change to the screen",
            ],
        },
        Pattern::DataVirtualization => vec![
            "Salesforce Connect external objects (OData 2.0/4.0)",
            "Salesforce Connect custom adapter in Apex",
            "Lightning component calling out on demand",
        ],
        Pattern::SignIn => Vec::new(),
    }
}

fn events(a: &LinkAnalysis, how: How, salesforce_end: bool) -> Vec<&'static str> {
    let f = &a.facts;
    if !salesforce_end {
        return match a.events.choice {
            Events::PlatformEvents | Events::ChangeDataCapture => vec![
                "A broker topic the publisher writes to and subscribers read (Kafka, AMQP, JMS)",
                "Change data capture from the source's database log (for example Debezium)",
                "Keep events long enough for the slowest subscriber to catch up",
            ],
            Events::None => Vec::new(),
        };
    }
    let delivery: &[&'static str] = match how {
        How::Subscribe => &[
            "The subscriber connects with the Pub/Sub API (gRPC) and its own OAuth client; the Streaming API (CometD) is the legacy route, kept for browser clients and existing code",
        ],
        How::Relay => &[
            "The target cannot subscribe: a Flow or Apex triggered by the event relays it by a callout through a Named Credential, or an outbound message sends it (SOAP)",
        ],
        _ => &[],
    };
    match a.events.choice {
        Events::PlatformEvents => {
            let mut o =
                vec!["Define a platform event (e.g. Order_Shipped__e) with your own fields"];
            if f.from_kind == SystemKind::SalesforceOrg {
                o.push("Publish from a Flow or Apex when the business event happens");
            } else {
                o.push("The outside system publishes through the Pub/Sub API");
                o.push("Subscribe in Salesforce with a Flow or an Apex trigger on the event");
            }
            o.extend_from_slice(delivery);
            o.push(concatcp!(
                "High-volume platform events are kept ",
                HIGH_VOLUME_RETENTION_H,
                " hours for replay"
            ));
            o
        }
        Events::ChangeDataCapture => {
            let mut o = vec!["Enable Change Data Capture for the object; no publishing code"];
            o.extend_from_slice(delivery);
            o.push("Updates carry only the changed fields plus a change header");
            o.push(concatcp!(
                "Change events are kept ",
                HIGH_VOLUME_RETENTION_H,
                " hours for replay; a subscriber away longer needs a re-sync"
            ));
            o
        }
        Events::None => Vec::new(),
    }
}

fn mtls_options(
    a: &LinkAnalysis,
    into_salesforce: bool,
    out_of_salesforce: bool,
) -> Vec<&'static str> {
    let f = &a.facts;
    if let mtls::Step::PersonsDevice(_) = mtls_step(a) {
        let mut o = vec![
            concatcp!(
                "Sender-constrained tokens: DPoP (",
                RFC_9449.name,
                "), where the authorization and resource servers support it"
            ),
            concatcp!(
                "Short-lived access tokens, refresh tokens rotated on every use (",
                RFC_9700.name,
                ")"
            ),
        ];
        if f.from_kind == SystemKind::Spa {
            o.push(concatcp!(
                "A backend-for-frontend (",
                RFC_10017.name,
                ") keeps the tokens out of the browser"
            ));
        }
        return o;
    }
    if !a.mtls.choice {
        return Vec::new();
    }
    let expire = "Certificates expire: agree a rotation plan and an owner before go-live";
    let protocol = super::connection::of(f).carried_protocol(f);
    let mut o = match protocol {
        Protocol::Sftp => {
            return vec![
                "Pin the server's host key on the client, so a server that changes its key is refused",
                "Sign in with a key per integration, never a password; keep the private key in a vault",
                "Keys do not expire by themselves: agree a rotation plan and an owner before go-live",
            ];
        }
        Protocol::Ftp | Protocol::File | Protocol::Email => {
            return vec![
                "Move the transfer to SFTP or HTTPS, where both sides can prove who they are",
                "Then authenticate the client with a key or certificate, never a shared password",
            ];
        }
        _ if into_salesforce && f.on_behalf_of_user => vec![concatcp!(
            "Salesforce's own inbound mutual TLS serves API-only integration users (port ",
            MUTUAL_TLS_PORT,
            "), not a link acting for a signed-in person: terminate mutual TLS at a gateway of yours in front of the caller's outbound traffic only if policy asks, and rely on the per-user token"
        )],
        _ if into_salesforce => vec![concatcp!(
            "Inbound to Salesforce: Salesforce Support enables mutual TLS; API-only integration users then connect on port ",
            MUTUAL_TLS_PORT,
            " with a CA-signed client certificate"
        )],
        _ if out_of_salesforce => vec![
            "Outbound from Salesforce: the Named Credential presents a CA-signed client certificate during the handshake",
        ],
        _ => vec![
            "Each side presents a certificate from a CA the other trusts, checked during the handshake",
            "Terminate mutual TLS at the target's gateway or load balancer if the application cannot",
        ],
    };
    if super::auth::transport_auth(protocol).is_none() {
        o.push(concatcp!(
            "Bind the access token to the certificate (",
            RFC_8705.name,
            " certificate-bound tokens), where the authorization server supports it"
        ));
    }
    o.push(expire);
    o
}

/// The branch the mTLS decision took for this link.
fn mtls_step(a: &LinkAnalysis) -> mtls::Step {
    use super::decision::Decide;
    mtls::MtlsDecision::decide(&a.facts).1
}
