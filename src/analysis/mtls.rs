//! Whether a link warrants mutual TLS (DOMAIN 2.4).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, LinkFacts};
use crate::model::{Protocol, Sensitivity, SystemKind};
use crate::standards::{RFC_9449, RFC_9700, RFC_10017};
use const_format::concatcp;
use std::borrow::Cow;

/// What would call for mutual TLS on a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    Regulated,
    TargetRequires,
    ConfidentialAcrossBoundary,
}

/// The branch of the mTLS decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// Federated sign-in through a person's browser: no mTLS advice.
    SignIn,
    Regulated,
    TargetRequires,
    ConfidentialAcrossBoundary,
    /// Something calls for it, but the side that connects is a person's browser, phone,
    /// desktop app or kiosk: tokens bound to the client instead.
    PersonsDevice(Trigger),
    NotNeeded,
}

/// Whether the side that opens the connection is a person's device (a browser, phone,
/// desktop app or kiosk), which cannot hold a transport certificate the organisation
/// issues, installs and rotates: a public client, or a system of those kinds.
pub fn persons_device(caller_kind: SystemKind, caller: &crate::model::Capabilities) -> bool {
    matches!(
        caller_kind,
        SystemKind::Spa
            | SystemKind::MobileApp
            | SystemKind::DesktopApp
            | SystemKind::LimitedInputDevice
    ) || (caller.user_present && !caller.keeps_secret)
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
            "For this data on this path, what protects the link is enough, provided the database driver uses TLS: that TLS and database credentials."
        }
        Protocol::Mqtt => {
            "For this data on this path, what protects the link is enough, provided the broker's listener uses TLS (MQTT on port 1883 is unencrypted): that TLS and client credentials or certificates."
        }
        Protocol::Kafka => {
            "For this data on this path, what protects the link is enough, provided the broker's listener uses TLS (a PLAINTEXT listener is unencrypted): that TLS and client credentials or certificates."
        }
        Protocol::Jms | Protocol::Amqp => {
            "For this data on this path, what protects the link is enough, provided the broker's listener uses TLS: that TLS and client credentials or certificates."
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
        Protocol::Jdbc => "the database driver's TLS, if it uses TLS, and database credentials",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "the broker's TLS, if its listener uses TLS, and client credentials or certificates"
        }
        Protocol::File => "file-system permissions on the shared folder",
        Protocol::Email => "the mail servers' TLS and authentication",
    }
}

static Q_SIGN_IN: Question = Question {
    text: "Is it a person signing in at an identity provider?",
    reads: &[Attr::FromKind, Attr::ToKind],
};
static Q_PERSONS_DEVICE: Question = Question {
    text: "Is the side that opens the connection a person's browser, phone, desktop app or kiosk?",
    reads: &[
        Attr::FromKind,
        Attr::FromUserPresent,
        Attr::FromKeepsSecret,
        Attr::ToKind,
    ],
};
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
        Attr::FromUserPresent,
        Attr::FromKeepsSecret,
        Attr::FromKind,
        Attr::ToKind,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (bool, Step) {
        if f.is_sign_in() && t.ask(&Q_SIGN_IN, true) {
            return (false, Step::SignIn);
        }
        // Decided for the side that opens the connection, towards the side it
        // connects to (DOMAIN 1.1 and 2.4).
        let c = super::connection::of(f);
        let turned;
        let v = if c.opener == super::connection::Opener::Target {
            turned = c.view(f);
            &turned
        } else {
            f
        };
        let trigger = if t.ask(&Q_REGULATED, v.sensitivity == Sensitivity::Regulated) {
            Some(Trigger::Regulated)
        } else if t.ask(&Q_TARGET_REQUIRES, v.to.requires_mtls) {
            Some(Trigger::TargetRequires)
        } else if t.ask(
            &Q_CONFIDENTIAL_CROSSES,
            v.sensitivity == Sensitivity::Confidential && v.crosses_boundary,
        ) {
            Some(Trigger::ConfidentialAcrossBoundary)
        } else {
            None
        };
        let Some(trigger) = trigger else {
            return (false, Step::NotNeeded);
        };
        if t.ask(&Q_PERSONS_DEVICE, persons_device(v.from_kind, &v.from)) {
            return (false, Step::PersonsDevice(trigger));
        }
        match trigger {
            Trigger::Regulated => (true, Step::Regulated),
            Trigger::TargetRequires => (true, Step::TargetRequires),
            Trigger::ConfidentialAcrossBoundary => (true, Step::ConfidentialAcrossBoundary),
        }
    }

    fn settled(f: &LinkFacts) -> bool {
        f.is_sign_in()
    }

    // Between two systems other than Salesforce the connection is the source's, so
    // the target's kind plays no part; and with nothing that calls for mutual TLS, who
    // the caller is changes nothing.
    fn ignores(f: &LinkFacts, attr: Attr) -> bool {
        let salesforce_end =
            f.from_kind == SystemKind::SalesforceOrg || f.to_kind == SystemKind::SalesforceOrg;
        if attr == Attr::CrossesBoundary && f.sensitivity != Sensitivity::Confidential {
            return true;
        }
        if salesforce_end {
            return false;
        }
        let called_for = f.sensitivity == Sensitivity::Regulated
            || f.to.requires_mtls
            || (f.sensitivity == Sensitivity::Confidential && f.crosses_boundary);
        attr == Attr::ToKind
            || (!called_for
                && matches!(
                    attr,
                    Attr::FromKind | Attr::FromUserPresent | Attr::FromKeepsSecret
                ))
    }

    // What the decision would say next is the other answer.
    fn out_of_reach(step: Step, f: &LinkFacts) -> Option<&'static str> {
        let c = super::connection::of(f);
        let v = c.view(f);
        match step {
            Step::SignIn => Some(
                "Signing in runs in the person's browser, where no client certificate is advised.",
            ),
            Step::PersonsDevice(_) => Some(
                "Mutual TLS would apply if a server-side caller, which can hold a certificate the organisation issues and rotates, made this call in place of a person's device.",
            ),
            Step::NotNeeded if persons_device(v.from_kind, &v.from) => Some(
                "Mutual TLS would take both a server-side caller, which can hold a certificate the organisation issues and rotates, and data or a target that calls for it (regulated data, confidential data crossing zones, or a target that accepts only certificates). The side that connects here is a person's device.",
            ),
            _ => None,
        }
    }

    fn fallback_runner_up(choice: bool) -> Option<bool> {
        Some(!choice)
    }

    fn fixed_runner_up(step: Step) -> Option<bool> {
        match step {
            // With a server-side caller, mutual TLS would apply.
            Step::PersonsDevice(_) => Some(true),
            Step::SignIn => Some(false),
            _ => None,
        }
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::SignIn => &[Attr::ToKind, Attr::FromKind],
            Step::PersonsDevice(_) => &[
                Attr::FromKind,
                Attr::FromUserPresent,
                Attr::FromKeepsSecret,
                Attr::Sensitivity,
            ],
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
        // Decided as the link that would carry it where Salesforce cannot speak the
        // drawn protocol (DOMAIN 1.1).
        let connection = super::connection::of(f);
        let protocol = connection.carried_protocol(f);
        let (now, how) = (protection(protocol), how(protocol));
        let decided = Self::decided(step, f, now, how, protocol);
        match connection.carried_note(f) {
            Some(note) => Cow::Owned(format!("{note}{decided}")),
            None => decided,
        }
    }
}

impl MtlsDecision {
    /// The decision's own sentence, with what protects the link now and how both
    /// sides would prove who they are.
    fn decided(
        step: Step,
        f: &LinkFacts,
        now: &str,
        how: &str,
        protocol: Protocol,
    ) -> Cow<'static, str> {
        Cow::Owned(match step {
            Step::SignIn => {
                return Cow::Borrowed(
                    "No mutual TLS advice for signing in: the person's browser carries the sign-in, and the identity provider's signed assertion or ID token is what the other side trusts.",
                );
            }
            Step::PersonsDevice(trigger) => {
                let why = match trigger {
                    Trigger::Regulated => "The link carries regulated data",
                    Trigger::TargetRequires => "The receiving system asks for client certificates",
                    Trigger::ConfidentialAcrossBoundary => {
                        "Confidential data leaves its trust zone"
                    }
                };
                let browser = if f.from_kind == SystemKind::Spa {
                    concatcp!(
                        "; for a browser app, a backend-for-frontend (",
                        RFC_10017.name,
                        ") keeps the tokens out of the browser altogether"
                    )
                } else {
                    ""
                };
                format!(
                    "{why}, but the side that connects is a person's device, which cannot hold a client certificate the organisation issues, installs and rotates, so mutual TLS is not the protection here. Bind the tokens to the client instead (sender-constrained tokens: DPoP, {dpop}, where the authorization and resource servers support it), keep access tokens short-lived and rotate refresh tokens ({bcp}){browser}.",
                    dpop = RFC_9449.name,
                    bcp = RFC_9700.name,
                )
            }
            Step::Regulated => format!(
                "The link carries regulated data, so both sides should prove who they are, on top of what protects it now ({now}): {how}."
            ),
            Step::TargetRequires => {
                format!("The receiving system accepts only clients that prove who they are: {how}.")
            }
            Step::ConfidentialAcrossBoundary => format!(
                "Confidential data leaves its trust zone, so both sides proving who they are adds defence in depth to what protects it now ({now}): {how}."
            ),
            Step::NotNeeded => return Cow::Borrowed(enough(protocol)),
        })
    }
}
