//! Whether a link warrants mutual TLS (DOMAIN 2.4).

use super::decision::Decide;
use super::facts::{Attr, LinkFacts};
use crate::model::Sensitivity;
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

    fn reason(step: Step, _f: &LinkFacts) -> Cow<'static, str> {
        match step {
            Step::Regulated => "The link carries regulated data, where both sides should prove who they are at the transport layer, on top of the token.",
            Step::TargetRequires => "The receiving system accepts only clients that present a certificate.",
            Step::ConfidentialAcrossBoundary => "Confidential data leaves its trust zone, so a certificate on both sides adds defence in depth to the OAuth token.",
            Step::NotNeeded => "One-way TLS with a token at the application layer is enough for this data on this path.",
        }
        .into()
    }
}
