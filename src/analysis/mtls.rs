//! Whether a link warrants mutual TLS (DOMAIN 2.4).

use super::decision::{Decide, Question, Trace};
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

/// How mutual TLS, or the transport's counterpart of it, fits SSH file transfer: SSH
/// has no TLS, but authenticates both sides in its own way.
pub const OPTIONS_SSH: &[&str] = &[
    "Pin the server's host key on the client, so a server that changes its key is refused",
    "Sign in with a key per integration, never a password; keep the private key in a vault",
    "Keys do not expire by themselves: agree a rotation plan and an owner before go-live",
];

/// Where the link cannot carry mutual TLS as it is: move it first.
pub const OPTIONS_MOVE: &[&str] = &[
    "Move the transfer to SFTP or HTTPS, where both sides can prove who they are",
    "Then authenticate the client with a key or certificate, never a shared password",
];

/// How to set mutual TLS up for this link, when it is recommended: by its protocol
/// first (SSH, a shared folder and e-mail have no TLS handshake to add a certificate
/// to), then by whether Salesforce is an end.
pub fn options(protocol: Protocol, salesforce_end: bool) -> &'static [&'static str] {
    match protocol {
        Protocol::Sftp => OPTIONS_SSH,
        Protocol::Ftp | Protocol::File | Protocol::Email => OPTIONS_MOVE,
        _ if salesforce_end => OPTIONS,
        _ => OPTIONS_BETWEEN_OTHERS,
    }
}

/// How both sides prove who they are on this protocol.
fn how(p: Protocol) -> &'static str {
    match p {
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Grpc => {
            "a client certificate checked in the TLS handshake"
        }
        Protocol::Http => "HTTPS first (TLS-001), then a client certificate in its handshake",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "a client certificate on the broker connection"
        }
        Protocol::Jdbc => "a client certificate on the driver's TLS connection",
        Protocol::Sftp => {
            "SFTP has no TLS, but SSH's counterpart does it: the client pins the server's host key and signs in with its own key"
        }
        Protocol::Ftp => {
            "FTP cannot, so move it to SFTP (TLS-001) and authenticate both sides with SSH keys"
        }
        Protocol::File => {
            "a shared folder has no handshake, so move the file over SFTP or HTTPS where both sides can"
        }
        Protocol::Email => {
            "mail servers cannot vouch for the sender, so move the exchange to HTTPS with client certificates, or sign and encrypt the message itself (S/MIME)"
        }
    }
}

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

static Q_REGULATED: Question = Question {
    text: "Is the data regulated (PCI, PHI, financial)?",
    reads: &[Attr::Sensitivity],
};
static Q_TARGET_REQUIRES: Question = Question {
    text: "Does the target accept only clients with a certificate?",
    reads: &[Attr::ToRequiresMtls],
};
static Q_CONFIDENTIAL_CROSSES: Question = Question {
    text: "Does confidential data cross a zone boundary?",
    reads: &[Attr::Sensitivity, Attr::CrossesBoundary],
};

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

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (bool, Step) {
        if t.ask(&Q_REGULATED, f.sensitivity == Sensitivity::Regulated) {
            (true, Step::Regulated)
        } else if t.ask(&Q_TARGET_REQUIRES, f.to.requires_mtls) {
            (true, Step::TargetRequires)
        } else if t.ask(
            &Q_CONFIDENTIAL_CROSSES,
            f.sensitivity == Sensitivity::Confidential && f.crosses_boundary,
        ) {
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
        let (now, how) = (protection(f.protocol), how(f.protocol));
        Cow::Owned(match step {
            Step::Regulated => format!(
                "The link carries regulated data, so both sides should prove who they are, on top of what protects it now ({now}): {how}."
            ),
            Step::TargetRequires => {
                format!("The receiving system accepts only clients that prove who they are: {how}.")
            }
            Step::ConfidentialAcrossBoundary => format!(
                "Confidential data leaves its trust zone, so both sides proving who they are adds defence in depth to what protects it now ({now}): {how}."
            ),
            Step::NotNeeded => return Cow::Borrowed(enough(f.protocol)),
        })
    }
}
