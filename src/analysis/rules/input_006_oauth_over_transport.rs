//! INPUT-006: oauth flow on a protocol that carries none (inputs that contradict each other, DOMAIN 5).

use super::prelude::*;
use crate::analysis::auth::transport_auth;

pub static RULE: Rule = Rule {
    id: "INPUT-006",
    title: "OAuth flow on a protocol that carries none",
    severity: Severity::Warning,
    checks: "Links whose as-is `auth` is an OAuth flow while their protocol (SFTP, FTP, JDBC, JMS, AMQP, Kafka, MQTT, file, email) carries no OAuth token.",
    why: "The flow cannot work on that transport: either the protocol or the recorded flow is wrong, and the check of the as-is flow means nothing until it is fixed.",
    instead: "Set \"Auth today\" to \"not set\" (the transport authenticates on its own), or correct the protocol if the link is really an API call.",
    references: &["Patchbay domain reference, section 5: inputs that contradict each other"],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, _) in cx.each_link() {
        let Some(flow) = link.auth else { continue };
        if flow != AuthFlow::None && transport_auth(link.protocol).is_some() {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "records {flow} as its flow, but {} carries no OAuth token",
                    link.protocol.label()
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |edit: fn(&mut crate::model::Link)| {
        sketch(&[("ERP", SystemKind::Erp), ("Files", SystemKind::FileServer)])
            .link(1, 2, edit)
            .build()
    };
    Fixture {
        fires: design(|l| {
            l.protocol = Protocol::Sftp;
            l.auth = Some(AuthFlow::JwtBearer);
        }),
        quiet: design(|l| l.protocol = Protocol::Sftp),
    }
}
