//! The ESB verdict's words: the verdicts, the signals that a bus would pay off, and
//! the protocol families a bus mediates between.

use crate::model::Protocol;
use crate::model::vocab::vocabulary;
use std::collections::BTreeSet;

// Hashed with foldhash (already in the tree through petgraph's hashbrown): these maps
// key 50,000 links of a large design by system and purpose, and SipHash, which guards
// against keys chosen to collide, was a fifth of the ESB assessment's time.
pub(super) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(super) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

vocabulary! {
    /// The ESB verdict.
    pub enum Verdict ("ESB verdict") {
        PointToPoint = "point-to-point", "Point-to-point is enough";
        ConsiderHub = "consider-hub", "Consider a hub";
        EsbRecommended = "esb-recommended", "An ESB is recommended";
        BusInPlace = "bus-in-place", "A bus is in place";
    }
}

vocabulary! {
    /// A sign that a bus would pay off.
    pub enum SignalKind ("ESB signal") {
        ManySystems = "many-systems", "More than four systems exchange data";
        MoreConnectionsThanSystems = "more-connections-than-systems", "More point-to-point connections than systems";
        ProtocolMediation = "protocol-mediation", "Several protocol families";
        Transformation = "transformation", "An exchange changes format across a hop";
        Orchestration = "orchestration", "A declared flow passes through a system that forwards it";
        CentralGovernance = "central-governance", "Central audit and monitoring required";
        FanOut = "fan-out", "One exchange fans out to three or more targets";
    }
}

/// A signal with the evidence that raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    /// Which signal.
    pub kind: SignalKind,
    /// What in the design raised it.
    pub evidence: String,
}

/// A family of protocols a bus would mediate between.
pub(super) fn family(p: Protocol) -> &'static str {
    match p {
        Protocol::Rest | Protocol::Graphql | Protocol::Http => "HTTP APIs",
        Protocol::Soap => "SOAP",
        Protocol::Grpc => "gRPC",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => "messaging",
        Protocol::Sftp | Protocol::Ftp | Protocol::File => "file transfer",
        Protocol::Jdbc => "database",
        Protocol::Email => "email",
    }
}

impl SignalKind {
    /// The design changed so that this signal is gone (`present`) or appears, in words.
    pub(super) const fn changed(self, present: bool) -> &'static str {
        match (self, present) {
            (SignalKind::ProtocolMediation, true) => "the links used one protocol family",
            (SignalKind::ProtocolMediation, false) => {
                "the links used more than one protocol family"
            }
            (SignalKind::Transformation, true) => "no exchange changed format on its way",
            (SignalKind::Transformation, false) => "an exchange changed format across a hop",
            (SignalKind::Orchestration, true) => {
                "no declared flow passed through a forwarding system"
            }
            (SignalKind::Orchestration, false) => {
                "a declared flow passed one system's data on through a third"
            }
            (SignalKind::CentralGovernance, true) => {
                "central audit and monitoring were not required"
            }
            (SignalKind::CentralGovernance, false) => "central audit and monitoring were required",
            (SignalKind::FanOut, true) => "no exchange fanned out to three or more targets",
            (SignalKind::FanOut, false) => "one exchange fanned out to three or more targets",
            (SignalKind::ManySystems, true) => "four or fewer systems exchanged data",
            (SignalKind::ManySystems, false) => "more than four systems exchanged data",
            (SignalKind::MoreConnectionsThanSystems, true) => {
                "there were no more connections than systems"
            }
            (SignalKind::MoreConnectionsThanSystems, false) => {
                "there were more connections than systems"
            }
        }
    }
}

/// The verdict for given counts and signals: the combination rule of DOMAIN 3.1.
pub fn verdict(n: usize, p: usize, signals: &BTreeSet<SignalKind>) -> Verdict {
    let structural = [
        SignalKind::ProtocolMediation,
        SignalKind::Orchestration,
        SignalKind::CentralGovernance,
    ];
    let simple = (n <= 3 || p <= 2) && !structural.iter().any(|s| signals.contains(s));
    if simple {
        Verdict::PointToPoint
    } else if n > 4 && ((p > n) || p >= 10 || signals.len() >= 3) {
        // A bus for four systems or fewer is overkill, whatever the signals.
        Verdict::EsbRecommended
    } else {
        Verdict::ConsiderHub
    }
}
