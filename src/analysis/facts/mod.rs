//! The inputs of a link's decisions, gathered from the link and its two systems, and
//! the single-input changes that the flip search tries.

use crate::model::{
    Capabilities, Latency, Link, Protocol, Sensitivity, System, SystemKind, Trigger, ZoneId,
};
use std::fmt;

/// What a link's facts take from one of its systems.
#[derive(Clone, Copy, Debug)]
pub struct End {
    /// The system's kind.
    pub kind: SystemKind,
    /// Its capabilities, its kind's defaults overridden by its own settings.
    pub capabilities: Capabilities,
    /// The zone it sits in.
    pub zone: Option<ZoneId>,
}

impl End {
    /// What the facts of a link take from `system`.
    pub fn of(system: &System) -> Self {
        Self {
            kind: system.kind,
            capabilities: system.capabilities(),
            zone: system.zone,
        }
    }
}

/// Everything a link's decisions look at. `Copy`, so the flip search can change one
/// input on a copy and decide again without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkFacts {
    pub needs_response: bool,
    pub trigger: Trigger,
    pub latency: Latency,
    pub volume: i64,
    pub expected_duration_s: f64,
    pub guaranteed_delivery: bool,
    pub on_behalf_of_user: bool,
    pub is_virtual: bool,
    pub external_publish: bool,
    pub sensitivity: Sensitivity,
    pub protocol: Protocol,
    pub from_kind: SystemKind,
    pub to_kind: SystemKind,
    pub from: Capabilities,
    pub to: Capabilities,
    /// The source also talks to an identity provider, so it can hold a SAML assertion.
    pub from_linked_to_idp: bool,
    /// The two ends sit in different zones.
    pub crosses_boundary: bool,
}

impl LinkFacts {
    /// Gathers the facts of `link` between `from` and `to`.
    pub fn new(link: &Link, from: &System, to: &System, from_linked_to_idp: bool) -> Self {
        Self::between(link, End::of(from), End::of(to), from_linked_to_idp)
    }

    /// Gathers the facts of `link` between two ends worked out beforehand (once per
    /// system, where a design's links are many more than its systems).
    pub fn between(link: &Link, from: End, to: End, from_linked_to_idp: bool) -> Self {
        Self {
            needs_response: link.needs_response,
            trigger: link.trigger,
            latency: link.latency,
            volume: link.volume,
            expected_duration_s: link.expected_duration_s,
            guaranteed_delivery: link.guaranteed_delivery,
            on_behalf_of_user: link.on_behalf_of_user,
            is_virtual: link.is_virtual,
            external_publish: link.external_publish,
            sensitivity: link.sensitivity,
            protocol: link.protocol,
            from_kind: from.kind,
            to_kind: to.kind,
            from: from.capabilities,
            to: to.capabilities,
            from_linked_to_idp,
            crosses_boundary: from.zone.is_some() && to.zone.is_some() && from.zone != to.zone,
        }
    }

    /// A person is present in the exchange: the link acts for the signed-in person, or
    /// the source is a public client with a person at it (only a person-driven flow can
    /// serve it). A confidential client with a user interface may still call as itself
    /// (an integration user).
    pub fn person_present(&self) -> bool {
        self.on_behalf_of_user || (self.from.user_present && !self.from.keeps_secret)
    }

    /// The link is federated sign-in (a person's app, or Salesforce, sending the person
    /// to an identity provider), not a data integration (DOMAIN 1.1).
    pub fn is_sign_in(&self) -> bool {
        super::speaks::is_sign_in(self.from_kind, self.to_kind)
    }

    /// Whether a Salesforce end of this link could speak `protocol`, whichever way the
    /// connection goes; flips and what-if rows never propose one it cannot.
    fn speakable(&self, protocol: Protocol) -> bool {
        let sf = |k| k == SystemKind::SalesforceOrg;
        !(sf(self.from_kind) || sf(self.to_kind))
            || super::speaks::salesforce_speaks(protocol, true)
                && super::speaks::salesforce_speaks(protocol, false)
            || (protocol == Protocol::Grpc && sf(self.to_kind) && !sf(self.from_kind))
    }

    /// The value of one input.
    #[inline]
    pub fn get(&self, attr: Attr) -> Value {
        use Attr as A;
        use Value as V;
        match attr {
            A::NeedsResponse => V::Bool(self.needs_response),
            A::Trigger => V::Trigger(self.trigger),
            A::Latency => V::Latency(self.latency),
            A::Volume => V::Count(self.volume),
            A::ExpectedDuration => V::Seconds(self.expected_duration_s),
            A::GuaranteedDelivery => V::Bool(self.guaranteed_delivery),
            A::OnBehalfOfUser => V::Bool(self.on_behalf_of_user),
            A::Virtual => V::Bool(self.is_virtual),
            A::ExternalPublish => V::Bool(self.external_publish),
            A::Sensitivity => V::Sensitivity(self.sensitivity),
            A::Protocol => V::Protocol(self.protocol),
            A::FromKind => V::Kind(self.from_kind),
            A::ToKind => V::Kind(self.to_kind),
            A::FromKeepsSecret => V::Bool(self.from.keeps_secret),
            A::FromUserPresent => V::Bool(self.from.user_present),
            A::FromLimitedInput => V::Bool(self.from.limited_input),
            A::FromHasSamlSso => V::Bool(self.from.has_saml_sso),
            A::FromLinkedToIdp => V::Bool(self.from_linked_to_idp),
            A::ToUserPresent => V::Bool(self.to.user_present),
            A::ToKeepsSecret => V::Bool(self.to.keeps_secret),
            A::ToRequiresMtls => V::Bool(self.to.requires_mtls),
            A::CrossesBoundary => V::Bool(self.crosses_boundary),
        }
    }

    /// A copy with one input changed. A value of the wrong type leaves it unchanged.
    #[inline]
    pub fn with(mut self, attr: Attr, value: Value) -> Self {
        use Attr as A;
        use Value as V;
        match (attr, value) {
            (A::NeedsResponse, V::Bool(b)) => self.needs_response = b,
            (A::Trigger, V::Trigger(t)) => self.trigger = t,
            (A::Latency, V::Latency(l)) => self.latency = l,
            (A::Volume, V::Count(n)) => self.volume = n,
            (A::ExpectedDuration, V::Seconds(s)) => self.expected_duration_s = s,
            (A::GuaranteedDelivery, V::Bool(b)) => self.guaranteed_delivery = b,
            (A::OnBehalfOfUser, V::Bool(b)) => self.on_behalf_of_user = b,
            (A::Virtual, V::Bool(b)) => self.is_virtual = b,
            (A::ExternalPublish, V::Bool(b)) => self.external_publish = b,
            (A::Sensitivity, V::Sensitivity(s)) => self.sensitivity = s,
            (A::Protocol, V::Protocol(p)) => self.protocol = p,
            (A::FromKind, V::Kind(k)) => self.from_kind = k,
            (A::ToKind, V::Kind(k)) => self.to_kind = k,
            (A::FromKeepsSecret, V::Bool(b)) => self.from.keeps_secret = b,
            (A::FromUserPresent, V::Bool(b)) => self.from.user_present = b,
            (A::FromLimitedInput, V::Bool(b)) => self.from.limited_input = b,
            (A::FromHasSamlSso, V::Bool(b)) => self.from.has_saml_sso = b,
            (A::FromLinkedToIdp, V::Bool(b)) => self.from_linked_to_idp = b,
            (A::ToUserPresent, V::Bool(b)) => self.to.user_present = b,
            (A::ToKeepsSecret, V::Bool(b)) => self.to.keeps_secret = b,
            (A::ToRequiresMtls, V::Bool(b)) => self.to.requires_mtls = b,
            (A::CrossesBoundary, V::Bool(b)) => self.crosses_boundary = b,
            _ => {}
        }
        self
    }

    /// The other values of `attr` worth trying when looking for a flip: every other
    /// value of a small vocabulary, the other side of a threshold for numbers.
    #[inline]
    pub fn alternatives(&self, attr: Attr, mut each: impl FnMut(Value) -> bool) -> bool {
        fn others<T: Copy + PartialEq>(
            all: &[T],
            now: T,
            wrap: fn(T) -> Value,
            each: &mut impl FnMut(Value) -> bool,
        ) -> bool {
            all.iter().filter(|v| **v != now).any(|v| each(wrap(*v)))
        }
        /// Every other value, the nearest (in the vocabulary's order) first: a flip goes
        /// to the nearest value that flips the decision.
        fn nearest<T: Copy + PartialEq>(
            all: &[T],
            now: T,
            wrap: fn(T) -> Value,
            each: &mut impl FnMut(Value) -> bool,
        ) -> bool {
            let at = all.iter().position(|v| *v == now).unwrap_or(0);
            (1..all.len()).any(|d| {
                let below = at.checked_sub(d).map(|i| all[i]);
                let above = all.get(at + d).copied();
                below.into_iter().chain(above).any(|v| each(wrap(v)))
            })
        }
        match self.get(attr) {
            Value::Bool(b) => each(Value::Bool(!b)),
            Value::Trigger(t) => others(Trigger::ALL, t, Value::Trigger, &mut each),
            Value::Latency(l) => nearest(Latency::ALL, l, Value::Latency, &mut each),
            Value::Sensitivity(s) => nearest(Sensitivity::ALL, s, Value::Sensitivity, &mut each),
            // Protocols matter to the decisions only as "carries OAuth" or not: one of
            // each kind is enough, and never one a Salesforce end cannot speak.
            Value::Protocol(p) => [Protocol::Rest, Protocol::Sftp]
                .into_iter()
                .filter(|q| *q != p && self.speakable(*q))
                .any(|q| each(Value::Protocol(q))),
            // A Salesforce org is never proposed to become something else, nor
            // anything to become one: that is not a lever a designer has. Other kinds
            // change only within their family (a server stays a server, a person's app
            // a person's app, a device a device): a web app is never advised to become
            // an IoT device.
            Value::Kind(SystemKind::SalesforceOrg) => false,
            Value::Kind(k) => others(kind_family(k), k, Value::Kind, &mut each),
            Value::Count(n) => each(Value::Count(if n > BULK_THRESHOLD {
                BULK_THRESHOLD
            } else {
                BULK_THRESHOLD + 1
            })),
            Value::Seconds(s) => each(Value::Seconds(if s > SYNC_CEILING_S {
                SYNC_CEILING_S
            } else {
                SYNC_CEILING_S + 1.0
            })),
        }
    }
}

/// What the decisions can tell apart in a link's facts: every input, with the two
/// numbers reduced to which side of their threshold they fall on (the only thing any
/// decision, flip search included, asks of them). Links with equal keys get the same
/// decisions; only their reasons and the current values their flips name differ, so
/// the analysis decides each key once (see [`crate::analysis::decide_links`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DecisionKey(
    /// The yes/no inputs and the two numbers' sides, a bit each.
    u16,
    (Trigger, Latency, Sensitivity, Protocol),
    (SystemKind, SystemKind, Capabilities, Capabilities),
);

impl LinkFacts {
    /// This link's [`DecisionKey`].
    pub fn decision_key(&self) -> DecisionKey {
        // Every field named, none skipped with `..`: a new input that the key forgot
        // would not compile.
        let Self {
            needs_response,
            trigger,
            latency,
            volume,
            expected_duration_s,
            guaranteed_delivery,
            on_behalf_of_user,
            is_virtual,
            external_publish,
            sensitivity,
            protocol,
            from_kind,
            to_kind,
            from,
            to,
            from_linked_to_idp,
            crosses_boundary,
        } = *self;
        let flags = [
            needs_response,
            volume > BULK_THRESHOLD,
            expected_duration_s > SYNC_CEILING_S,
            guaranteed_delivery,
            on_behalf_of_user,
            is_virtual,
            external_publish,
            from_linked_to_idp,
            crosses_boundary,
        ]
        .iter()
        .enumerate()
        .fold(0u16, |bits, (i, &b)| bits | (u16::from(b) << i));
        DecisionKey(
            flags,
            (trigger, latency, sensitivity, protocol),
            (from_kind, to_kind, from, to),
        )
    }
}

/// The kinds a kind may be changed to when looking for a flip: one representative of
/// each way a kind changes the decisions, within the kind's own family.
fn kind_family(k: SystemKind) -> &'static [SystemKind] {
    use SystemKind as K;
    match k {
        K::IotDevice => &[K::IotDevice],
        K::WebApp | K::Spa | K::MobileApp | K::DesktopApp | K::LimitedInputDevice => {
            &[K::WebApp, K::Spa]
        }
        K::IdentityProvider => &[K::IdentityProvider],
        _ => &[K::BackendService, K::Erp],
    }
}

pub use crate::model::words::grouped;

/// Seconds as a person writes them: `360`, `3.3`.
pub fn seconds(s: f64) -> String {
    // In whole tenths, written with integer formatting: every reason that names a
    // duration goes through here, and fixed-precision float formatting is slow.
    let tenths = (s * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        return format!("{s}");
    }
    // Exact: |tenths| < 1e15 is an integer well inside i64 and f64's exact range.
    #[allow(clippy::cast_possible_truncation)]
    let t = tenths as i64;
    let sign = if t < 0 { "-" } else { "" };
    let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

#[cfg(test)]
mod seconds_tests {
    use super::seconds;

    #[test]
    fn seconds_read_as_a_person_writes_them() {
        for (s, text) in [
            (360.0, "360"),
            (3.25, "3.3"),
            (3.04, "3"),
            (0.05, "0.1"),
            (0.0, "0"),
            (-0.0, "0"),
            (-0.01, "0"),
            (-2.5, "-2.5"),
            (120.0, "120"),
            (119.96, "120"),
            (1e20, "100000000000000000000"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(seconds(s), text, "{s}");
        }
    }
}

/// The thresholds the decisions compare with: Salesforce's limits, kept with the
/// other platform facts.
pub use crate::standards::{BULK_THRESHOLD, DEFAULT_TIMEOUT_S, SYNC_CEILING_S};

/// An input of a link's decisions, named as in the file (`from.` and `to.` for the
/// capabilities of the link's ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attr {
    NeedsResponse,
    Trigger,
    Latency,
    Volume,
    ExpectedDuration,
    GuaranteedDelivery,
    OnBehalfOfUser,
    Virtual,
    ExternalPublish,
    Sensitivity,
    Protocol,
    FromKind,
    ToKind,
    FromKeepsSecret,
    FromUserPresent,
    FromLimitedInput,
    FromHasSamlSso,
    FromLinkedToIdp,
    ToUserPresent,
    ToKeepsSecret,
    ToRequiresMtls,
    CrossesBoundary,
}

impl Attr {
    /// Every input, in the order the flip search tries them after the deciding ones.
    pub const ALL: &'static [Attr] = &[
        Attr::NeedsResponse,
        Attr::Trigger,
        Attr::Latency,
        Attr::Volume,
        Attr::ExpectedDuration,
        Attr::OnBehalfOfUser,
        Attr::Virtual,
        Attr::ExternalPublish,
        Attr::Sensitivity,
        Attr::GuaranteedDelivery,
        Attr::FromKind,
        Attr::ToKind,
        Attr::FromUserPresent,
        Attr::FromKeepsSecret,
        Attr::FromLimitedInput,
        Attr::FromHasSamlSso,
        Attr::FromLinkedToIdp,
        Attr::ToUserPresent,
        Attr::ToKeepsSecret,
        Attr::ToRequiresMtls,
        Attr::CrossesBoundary,
        Attr::Protocol,
    ];

    /// The name a user sees, as written in the file.
    pub const fn id(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "needs_response",
            Attr::Trigger => "trigger",
            Attr::Latency => "latency",
            Attr::Volume => "volume",
            Attr::ExpectedDuration => "expected_duration_s",
            Attr::GuaranteedDelivery => "guaranteed_delivery",
            Attr::OnBehalfOfUser => "on_behalf_of_user",
            Attr::Virtual => "virtual",
            Attr::ExternalPublish => "external_publish",
            Attr::Sensitivity => "sensitivity",
            Attr::Protocol => "protocol",
            Attr::FromKind => "from.kind",
            Attr::ToKind => "to.kind",
            Attr::FromKeepsSecret => "from.keeps_secret",
            Attr::FromUserPresent => "from.user_present",
            Attr::FromLimitedInput => "from.limited_input",
            Attr::FromHasSamlSso => "from.has_saml_sso",
            Attr::FromLinkedToIdp => "from.linked_to_identity_provider",
            Attr::ToUserPresent => "to.user_present",
            Attr::ToKeepsSecret => "to.keeps_secret",
            Attr::ToRequiresMtls => "to.requires_mtls",
            Attr::CrossesBoundary => "crosses_zone_boundary",
        }
    }
}

impl Attr {
    /// The input follows from the drawing (a link to an identity provider, the zones
    /// of the two ends), not from a field a person sets.
    pub const fn is_drawn(self) -> bool {
        matches!(self, Attr::FromLinkedToIdp | Attr::CrossesBoundary)
    }

    /// The input is a number, which the decisions compare with a threshold only.
    pub const fn is_number(self) -> bool {
        matches!(self, Attr::Volume | Attr::ExpectedDuration)
    }

    /// What a person reads for this input, in place of the file's key.
    pub const fn label(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "the caller waits for the answer",
            Attr::Trigger => "the trigger",
            Attr::Latency => "the latency",
            Attr::Volume => "the records per run",
            Attr::ExpectedDuration => "the time the work takes",
            Attr::GuaranteedDelivery => "delivery is guaranteed",
            Attr::OnBehalfOfUser => "the link acts for the signed-in user",
            Attr::Virtual => "the data is read on demand (virtual)",
            Attr::ExternalPublish => "an outside system publishes the events",
            Attr::Sensitivity => "the sensitivity",
            Attr::Protocol => "the protocol",
            Attr::FromKind => "the caller's kind",
            Attr::ToKind => "the target's kind",
            Attr::FromKeepsSecret => "the caller can keep a secret",
            Attr::FromUserPresent => "the caller has a person at it",
            Attr::FromLimitedInput => "the caller has no browser or keyboard",
            Attr::FromHasSamlSso => "the caller's user signs in with SAML",
            Attr::FromLinkedToIdp => "the caller talks to an identity provider",
            Attr::ToUserPresent => "the target has a person at it",
            Attr::ToKeepsSecret => "the target has a server side",
            Attr::ToRequiresMtls => "the target requires mutual TLS",
            Attr::CrossesBoundary => "the link crosses a zone boundary",
        }
    }

    /// The caption of the input's widget in the inspector. A capability of either end
    /// has one caption: the system's inspector shows it without a side.
    pub const fn field(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "needs response",
            Attr::Trigger => "Trigger",
            Attr::Latency => "Latency",
            Attr::Volume => "Volume",
            Attr::ExpectedDuration => "Expected duration",
            Attr::GuaranteedDelivery => "guaranteed delivery",
            Attr::OnBehalfOfUser => "on behalf of user",
            Attr::Virtual => "virtual (read on demand)",
            Attr::ExternalPublish => "external publish",
            Attr::Sensitivity => "Sensitivity",
            Attr::Protocol => "Protocol",
            Attr::FromKind | Attr::ToKind => "Kind",
            Attr::FromKeepsSecret | Attr::ToKeepsSecret => "keeps secret",
            Attr::FromUserPresent | Attr::ToUserPresent => "user present",
            Attr::FromLimitedInput => "limited input",
            Attr::FromHasSamlSso => "has SAML SSO",
            Attr::ToRequiresMtls => "requires mTLS",
            Attr::FromLinkedToIdp => "linked to an identity provider",
            Attr::CrossesBoundary => "crosses a zone boundary",
        }
    }

    /// The input's name inside a sentence ("Change trigger", "latency is batch"): its
    /// caption without the capital.
    pub fn in_sentence(self) -> String {
        let mut chars = self.field().chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    }

    /// What the input means and what it decides, for the inspector's hover text and
    /// the reports' glossary.
    pub const fn help(self) -> &'static str {
        match self {
            Attr::NeedsResponse => {
                "The caller waits for the result before it goes on. A call that waits is \
                 synchronous; one that does not can be queued or sent as an event."
            }
            Attr::Trigger => {
                "What starts the exchange: a person's action, a change of data, a schedule \
                 or an event. Scheduled work is never part of a person's call chain."
            }
            Attr::Latency => {
                "How soon the data must arrive: real time (seconds), near real time \
                 (minutes) or batch (hours). Batch latency allows bulk loading."
            }
            Attr::Volume => const_format::concatcp!(
                "Records moved per run. Above ",
                crate::standards::BULK_THRESHOLD_WORDS,
                " records a run, bulk loading beats record-by-record calls."
            ),
            Attr::ExpectedDuration => const_format::concatcp!(
                "Seconds the target needs to do the work itself (what it waits for downstream is a link of its own). Salesforce ends its own callouts after ",
                crate::standards::SYNC_CEILING_SECS,
                " seconds (",
                crate::standards::DEFAULT_TIMEOUT_SECS,
                " by default); between other systems, a wait of minutes is cut by gateways and timeouts, so past ",
                crate::standards::SYNC_CEILING_SECS,
                " seconds a callback is advised."
            ),
            Attr::GuaranteedDelivery => {
                "A message must never be lost: it needs a queue or a retrying mechanism, \
                 not a call that is gone when it fails."
            }
            Attr::OnBehalfOfUser => {
                "The link acts as the signed-in person rather than as an integration user. \
                 Then the auth flow must involve that person."
            }
            Attr::Virtual => {
                "The data is read live when someone looks at it and never copied \
                 (data virtualization)."
            }
            Attr::ExternalPublish => {
                "The source outside Salesforce publishes events into it, rather than \
                 Salesforce emitting them."
            }
            Attr::Sensitivity => {
                "How harmful a leak would be: public, internal, confidential or regulated \
                 (PCI, PHI, financial). Regulated data, or confidential data crossing \
                 zones, asks for mutual TLS."
            }
            Attr::Protocol => {
                "The wire protocol. OAuth and mutual TLS apply to HTTP protocols; file \
                 transfer and database links are protected by their own transport."
            }
            Attr::FromKind | Attr::ToKind => {
                "What kind of system this is. The kind sets the default capabilities \
                 and whether Salesforce's own mechanisms apply."
            }
            Attr::FromKeepsSecret | Attr::ToKeepsSecret => {
                "The system has a server side that can hold a client secret or private \
                 key safely. Browsers and apps on people's devices cannot."
            }
            Attr::FromUserPresent | Attr::ToUserPresent => {
                "A person uses it while it runs: it has a screen someone looks at."
            }
            Attr::FromLimitedInput => {
                "It has no browser or keyboard for signing in (a TV, a device), so a \
                 person signs in on another device."
            }
            Attr::FromHasSamlSso => {
                "Its users already sign in with SAML single sign-on, so it holds an \
                 assertion it can exchange for a token."
            }
            Attr::FromLinkedToIdp => {
                "The caller has a link to an identity provider in this design, so it can \
                 obtain a SAML assertion."
            }
            Attr::ToRequiresMtls => {
                "The system accepts only clients that present a certificate (mutual TLS)."
            }
            Attr::CrossesBoundary => {
                "The two ends sit in different zones, so the link crosses a trust \
                 boundary. Set by where the systems are placed."
            }
        }
    }

    /// The label of a statement, denied.
    const fn denied(self) -> &'static str {
        match self {
            Attr::NeedsResponse => "the caller does not wait for the answer",
            Attr::GuaranteedDelivery => "delivery is not guaranteed",
            Attr::OnBehalfOfUser => "the link does not act for the signed-in user",
            Attr::Virtual => "the data is copied, not read on demand",
            Attr::ExternalPublish => "no outside system publishes the events",
            Attr::FromKeepsSecret => "the caller cannot keep a secret",
            Attr::FromUserPresent => "the caller has nobody at it",
            Attr::FromLimitedInput => "the caller has a browser and keyboard",
            Attr::FromHasSamlSso => "the caller's user does not sign in with SAML",
            Attr::FromLinkedToIdp => "the caller does not talk to an identity provider",
            Attr::ToUserPresent => "the target has nobody at it",
            Attr::ToKeepsSecret => "the target has no server side",
            Attr::ToRequiresMtls => "the target does not require mutual TLS",
            Attr::CrossesBoundary => "the link stays inside one zone",
            _ => self.label(),
        }
    }

    /// "if the caller waits for the answer (now off)", "if the records per run
    /// were over 2,000 (now 1,500)": a change of this input in words. A yes-or-no input
    /// says where its tick stands now, as the inspector shows it.
    pub fn change_in_words(self, from: Value, to: Value) -> String {
        match to {
            Value::Bool(true) => format!("{} (now off)", self.label()),
            Value::Bool(false) => format!("{} (now on)", self.denied()),
            _ => change_of(self.label(), from, to),
        }
    }
}

/// "volume were over 2,000 (now 1,500)": a change of the input called `name`, numbers
/// said as the range past their threshold.
pub fn change_of(name: &str, from: Value, to: Value) -> String {
    match (from, to) {
        (Value::Count(a), Value::Count(b)) if b < a => {
            format!("{name} were {} or fewer (now {})", grouped(b), grouped(a))
        }
        (Value::Count(a), Value::Count(b)) => {
            format!("{name} were over {} (now {})", grouped(b - 1), grouped(a))
        }
        (Value::Seconds(a), Value::Seconds(b)) if b < a => {
            format!("{name} were {b} s or less (now {a} s)")
        }
        (Value::Seconds(a), Value::Seconds(b)) => {
            format!("{name} were over {} s (now {a} s)", b - 1.0)
        }
        (from, to) => format!("{name} were {to} (now {from})"),
    }
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The value of an [`Attr`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Trigger(Trigger),
    Latency(Latency),
    Count(i64),
    Seconds(f64),
    Sensitivity(Sensitivity),
    Protocol(Protocol),
    Kind(SystemKind),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Trigger(v) => write!(f, "{v}"),
            Value::Latency(v) => write!(f, "{v}"),
            Value::Count(v) => write!(f, "{v}"),
            Value::Seconds(v) => write!(f, "{v}"),
            Value::Sensitivity(v) => write!(f, "{v}"),
            Value::Protocol(v) => write!(f, "{v}"),
            Value::Kind(v) => write!(f, "{v}"),
        }
    }
}

#[cfg(test)]
mod tests;
