//! Whether a link warrants mutual TLS (DOMAIN 2.4).

use super::decision::Decide;
use super::facts::{Attr, LinkFacts};
use crate::model::{Protocol, Sensitivity};
use std::borrow::Cow;

/// The branch of the mTLS decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Regulated,
    TargetRequires,
    ConfidentialAcrossBoundary,
    NotNeeded,
}

/// How to set mutual TLS up, when it is recommended.
pub const OPTIONS: &[&str] = &[
    "Outbound from Salesforce: a Named Credential presents a CA-signed client certificate during the handshake",
    "Inbound to Salesforce: Salesforce Support enables mutual TLS; API-only users then connect on port 8443 with a CA-signed client certificate",
    "Certificates expire: agree a rotation plan and an owner before go-live",
];

/// How to set mutual TLS up between two systems when neither is Salesforce.
pub const OPTIONS_BETWEEN_OTHERS: &[&str] = &[
    "Each side presents a certificate from a CA the other trusts, checked during the handshake",
    "Terminate mutual TLS at the target's gateway or load balancer if the application cannot",
    "Certificates expire: agree a rotation plan and an owner before go-live",
];

/// Why no client certificate is needed, for a link on this protocol: one fixed
/// sentence per protocol, so the common case costs no allocation.
fn enough(p: Protocol) -> &'static str {
    match p {
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Grpc => {
            "For this data on this path, what protects the link is enough: one-way TLS, with an OAuth token at the application layer."
        }
        Protocol::Http => {
            "This data on this path needs no client certificate, but the link has no encryption at all (plain HTTP, nothing encrypted): move it to HTTPS (TLS-001)."
        }
        Protocol::Ftp => {
            "This data on this path needs no client certificate, but the link has no encryption at all (plain FTP, the password itself sent in clear text): move it to SFTP (TLS-001)."
        }
        Protocol::Sftp => {
            "For this data on this path, what protects the link is enough: SSH encryption and SSH keys."
        }
        Protocol::Jdbc => {
            "For this data on this path, what protects the link is enough: the database driver's TLS and database credentials."
        }
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "For this data on this path, what protects the link is enough: the broker's TLS and client credentials or certificates."
        }
        Protocol::File => {
            "For this data on this path, what protects the link is enough: file-system permissions on the shared folder."
        }
        Protocol::Email => {
            "For this data on this path, what protects the link is enough: the mail servers' TLS and authentication."
        }
    }
}

/// What protects a link on this protocol today, without client certificates.
fn protection(p: Protocol) -> &'static str {
    match p {
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Grpc => {
            "one-way TLS, with an OAuth token at the application layer"
        }
        Protocol::Http => "plain HTTP, nothing encrypted",
        Protocol::Ftp => "plain FTP, the password itself sent in clear text",
        Protocol::Sftp => "SSH encryption and SSH keys",
        Protocol::Jdbc => "the database driver's TLS and database credentials",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "the broker's TLS and client credentials or certificates"
        }
        Protocol::File => "file-system permissions on the shared folder",
        Protocol::Email => "the mail servers' TLS and authentication",
    }
}

/// The mTLS decision; the choice is whether it is recommended.
pub struct MtlsDecision;

impl Decide for MtlsDecision {
    type Choice = bool;
    type Step = Step;
    const READS: &'static [Attr] = &[
        Attr::Sensitivity,
        Attr::ToRequiresMtls,
        Attr::CrossesBoundary,
    ];

    fn decide(f: &LinkFacts) -> (bool, Step) {
        if f.sensitivity == Sensitivity::Regulated {
            (true, Step::Regulated)
        } else if f.to.requires_mtls {
            (true, Step::TargetRequires)
        } else if f.sensitivity == Sensitivity::Confidential && f.crosses_boundary {
            (true, Step::ConfidentialAcrossBoundary)
        } else {
            (false, Step::NotNeeded)
        }
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::Regulated => &[Attr::Sensitivity],
            Step::TargetRequires => &[Attr::ToRequiresMtls],
            Step::ConfidentialAcrossBoundary => &[Attr::Sensitivity, Attr::CrossesBoundary],
            Step::NotNeeded => &[
                Attr::Sensitivity,
                Attr::ToRequiresMtls,
                Attr::CrossesBoundary,
            ],
        }
    }

    fn reason(step: Step, f: &LinkFacts) -> Cow<'static, str> {
        let now = protection(f.protocol);
        Cow::Owned(match step {
            Step::Regulated => format!(
                "The link carries regulated data, where both sides should prove who they are with certificates, on top of what protects it now ({now})."
            ),
            Step::TargetRequires => {
                "The receiving system accepts only clients that present a certificate.".to_owned()
            }
            Step::ConfidentialAcrossBoundary => format!(
                "Confidential data leaves its trust zone, so certificates on both sides add defence in depth to what protects it now ({now})."
            ),
            Step::NotNeeded => return Cow::Borrowed(enough(f.protocol)),
        })
    }
}
