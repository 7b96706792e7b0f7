//! The inputs of a link's decisions, gathered from the link and its two systems, and
//! the single-input changes that the flip search tries.

use crate::model::{
    Capabilities, Latency, Link, Protocol, Sensitivity, System, SystemKind, Trigger, ZoneId,
};

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

mod inputs;

pub use inputs::{Attr, BULK_THRESHOLD, DEFAULT_TIMEOUT_S, SYNC_CEILING_S, Value, change_of};

#[cfg(test)]
mod tests;
