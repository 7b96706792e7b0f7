//! FEAS-001: a link whose Salesforce end would need to speak a protocol Salesforce
//! has no endpoint or client for.

use super::prelude::*;
use crate::analysis::connection;

pub static RULE: Rule = Rule {
    id: "FEAS-001",
    title: "Salesforce cannot speak this protocol",
    severity: Severity::High,
    checks: "Links with a Salesforce org at one end over SFTP, FTP, a shared file, JDBC, JMS, AMQP, Kafka, MQTT or plain HTTP, or gRPC out of Salesforce, in the direction the connection is opened.",
    why: "A Salesforce org speaks HTTPS APIs (REST, SOAP, GraphQL, Bulk API 2.0, the Pub/Sub API over gRPC) and e-mail, and makes HTTPS callouts: it has no SFTP or FTP server, no file share, no JDBC endpoint, no message-broker client or listener, and accepts TLS only. The link cannot be built as drawn.",
    instead: "Through middleware: put an ETL job or the integration bus in between. It picks the file up (or consumes the message, or reads the database) and loads Salesforce through Bulk API 2.0 or its REST API, or publishes a platform event through the Pub/Sub API; out of Salesforce, the middleware subscribes or takes the callout and writes the file or message on the other side.",
    references: &[
        "Salesforce integration patterns and practices: what the platform exposes and calls",
        article!("What are Integration Patterns?"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

/// What would carry a link over `protocol` to or from Salesforce instead.
fn carry(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Sftp | Protocol::Ftp | Protocol::File => {
            "an ETL job or the middleware moves the file and loads or extracts it through Bulk API 2.0"
        }
        Protocol::Jdbc => {
            "an ETL job or the middleware reads the database and loads Salesforce through Bulk API 2.0 or its REST API"
        }
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "a connector in the middleware consumes the message and publishes it through the Pub/Sub API (or calls the REST API); out of Salesforce, it subscribes and puts the message on the broker"
        }
        Protocol::Http => {
            "the same call over HTTPS: Salesforce accepts and makes TLS connections only"
        }
        Protocol::Grpc => {
            "an HTTPS callout (REST), or the other side subscribing through the Pub/Sub API"
        }
        _ => "an HTTPS API",
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let c = connection::of(&a.facts);
        if let Some(p) = c.unspeakable(&a.facts) {
            let way = if c.into_salesforce(&a.facts) {
                "into Salesforce"
            } else {
                "out of Salesforce"
            };
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "Salesforce cannot take part in {} {way}; through middleware instead: {}",
                    p.label(),
                    carry(p)
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |protocol| {
        sketch(&[
            ("Mainframe", SystemKind::LegacySystem),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| {
            l.protocol = protocol;
            l.trigger = crate::model::Trigger::Schedule;
            l.latency = crate::model::Latency::Batch;
        })
        .build()
    };
    Fixture {
        fires: design(Protocol::Sftp),
        quiet: design(Protocol::Rest),
    }
}

#[cfg(test)]
#[test]
fn every_protocol_salesforce_cannot_speak_fires_and_the_rest_stay_quiet() {
    for &p in Protocol::ALL {
        for (from, to) in [
            (SystemKind::LegacySystem, SystemKind::SalesforceOrg),
            (SystemKind::SalesforceOrg, SystemKind::Erp),
        ] {
            let d = sketch(&[("A", from), ("B", to)])
                .link(1, 2, |l| l.protocol = p)
                .build();
            let fired = crate::analysis::analyze(&d)
                .findings
                .iter()
                .any(|f| f.rule.id == "FEAS-001");
            let into = to == SystemKind::SalesforceOrg;
            assert_eq!(
                fired,
                !connection::salesforce_speaks(p, into),
                "{p} {}",
                if into { "into" } else { "out of" }
            );
        }
    }
}
