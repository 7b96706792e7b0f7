//! The document: what a user draws and saves.

use super::ids::{LinkId, SystemId, ZoneId};
use super::vocab::{
    AuthFlow, Environment, Format, Latency, Protocol, Sensitivity, SystemKind, Trigger,
};
use serde::{Deserialize, Serialize};

/// A whole design: systems, the links between them and the zones they sit in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Design {
    /// Shown in titles and reports.
    pub name: String,
    /// What the design shows and why it exists.
    pub description: String,
    /// Production designs get blocking findings for anti-patterns; prototypes get warnings.
    pub environment: Environment,
    /// Every exchange must be centrally audited and monitored (compliance).
    pub central_governance: bool,
    /// Trust boundaries.
    pub zones: Vec<Zone>,
    /// The nodes.
    pub systems: Vec<System>,
    /// The directed edges, from the side that starts the exchange.
    pub links: Vec<Link>,
    /// End-to-end scenarios through the links, in the order they were named.
    pub flows: Vec<Flow>,
    /// Findings a reviewer accepted, in the order they were accepted.
    pub waivers: Vec<super::waiver::Waiver>,
}

/// An end-to-end scenario: the links one exchange takes, in order ("Checkout":
/// storefront to backend, backend to payments, backend to Salesforce).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Unique among the design's flows.
    pub id: u32,
    /// Shown in the Flows panel and in reports.
    pub name: String,
    /// The links in order; each starts where the previous one ended, or at the same
    /// caller (a fan-out).
    pub steps: Vec<LinkId>,
}

/// A trust boundary such as "Salesforce", "Corporate network" or "Partner".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Unique within the design.
    pub id: ZoneId,
    /// Shown on the canvas and in reports.
    pub name: String,
}

/// A point on the canvas, in design units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pos {
    /// Rightwards.
    pub x: f32,
    /// Downwards.
    pub y: f32,
}

/// What a system can do, after its kind's defaults and the per-system overrides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Capabilities {
    /// Can hold a client secret or private key safely (a confidential client).
    pub keeps_secret: bool,
    /// A person drives it while it runs.
    pub user_present: bool,
    /// Has no browser or keyboard for a person to log in with.
    pub limited_input: bool,
    /// Already holds a SAML assertion from single sign-on.
    pub has_saml_sso: bool,
    /// Accepts connections only from clients presenting a certificate.
    pub requires_mtls: bool,
}

impl SystemKind {
    /// A person uses systems of this kind directly: a web app, a browser or mobile or
    /// desktop app, a kiosk or smart screen.
    pub const fn is_user_facing(self) -> bool {
        matches!(
            self,
            Self::WebApp
                | Self::Spa
                | Self::MobileApp
                | Self::DesktopApp
                | Self::LimitedInputDevice
        )
    }

    /// A link from a system of kind `self` to one of kind `to` is federated sign-in
    /// (a person's app, or Salesforce, sending the person to an identity provider),
    /// not a data integration.
    pub const fn signs_in_at(self, to: SystemKind) -> bool {
        matches!(to, Self::IdentityProvider)
            && (self.is_user_facing() || matches!(self, Self::SalesforceOrg))
    }

    /// The capabilities a system of this kind has unless the design says otherwise.
    pub const fn default_capabilities(self) -> Capabilities {
        let server = Capabilities {
            keeps_secret: true,
            user_present: false,
            limited_input: false,
            has_saml_sso: false,
            requires_mtls: false,
        };
        let public_client = Capabilities {
            keeps_secret: false,
            user_present: true,
            ..server
        };
        match self {
            Self::WebApp => Capabilities {
                user_present: true,
                ..server
            },
            Self::Spa | Self::MobileApp | Self::DesktopApp => public_client,
            Self::IdentityProvider => Capabilities {
                has_saml_sso: true,
                ..server
            },
            Self::LimitedInputDevice => Capabilities {
                limited_input: true,
                ..public_client
            },
            Self::SalesforceOrg
            | Self::BackendService
            | Self::Middleware
            | Self::Erp
            | Self::Database
            | Self::IotDevice
            | Self::MarketingPlatform
            | Self::PaymentService
            | Self::FileServer
            | Self::MessageBroker
            | Self::LegacySystem
            | Self::PartnerApi
            | Self::Other => server,
        }
    }
}

/// A system: a Salesforce org, an ERP, a web shop, a device...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// Unique within the design.
    pub id: SystemId,
    /// Shown on the canvas and in reports.
    pub name: String,
    /// What it is; brings default capabilities.
    pub kind: SystemKind,
    /// The trust boundary it sits in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<ZoneId>,
    /// Where it is drawn; laid out automatically when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Pos>,
    /// Overrides the kind's `keeps_secret`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keeps_secret: Option<bool>,
    /// Overrides the kind's `user_present`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_present: Option<bool>,
    /// Overrides the kind's `limited_input`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limited_input: Option<bool>,
    /// Overrides the kind's `has_saml_sso`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_saml_sso: Option<bool>,
    /// Overrides the kind's `requires_mtls`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_mtls: Option<bool>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl System {
    /// A system of `kind` with the kind's default capabilities and nothing else set.
    pub fn new(id: SystemId, name: impl Into<String>, kind: SystemKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            zone: None,
            position: None,
            keeps_secret: None,
            user_present: None,
            limited_input: None,
            has_saml_sso: None,
            requires_mtls: None,
            notes: String::new(),
        }
    }

    /// The kind's default capabilities with this system's overrides applied.
    pub fn capabilities(&self) -> Capabilities {
        let d = self.kind.default_capabilities();
        Capabilities {
            keeps_secret: self.keeps_secret.unwrap_or(d.keeps_secret),
            user_present: self.user_present.unwrap_or(d.user_present),
            limited_input: self.limited_input.unwrap_or(d.limited_input),
            has_saml_sso: self.has_saml_sso.unwrap_or(d.has_saml_sso),
            requires_mtls: self.requires_mtls.unwrap_or(d.requires_mtls),
        }
    }
}

/// Default values of link attributes that a file may leave out.
/// The defaults and bounds of a link's numbers: the one source that the file format,
/// validation and the inspector's widgets share, so a widget can never hold a value
/// the file allows back to a narrower range (and so edit a link just by showing it).
pub mod limits {
    use std::ops::RangeInclusive;

    /// Records per run when the file does not say.
    pub const VOLUME: i64 = 1;
    /// Every valid volume.
    pub const VOLUME_RANGE: RangeInclusive<i64> = 0..=i64::MAX;
    /// Seconds of work when the file does not say.
    pub const EXPECTED_DURATION_S: f64 = 1.0;
    /// Every valid duration: zero or more seconds, and finite.
    pub const EXPECTED_DURATION_RANGE: RangeInclusive<f64> = 0.0..=f64::MAX;

    /// A valid volume.
    pub fn volume_ok(v: i64) -> bool {
        VOLUME_RANGE.contains(&v)
    }
    /// A valid duration.
    pub fn duration_ok(s: f64) -> bool {
        s.is_finite() && EXPECTED_DURATION_RANGE.contains(&s)
    }

    pub fn volume() -> i64 {
        VOLUME
    }
    pub fn expected_duration_s() -> f64 {
        EXPECTED_DURATION_S
    }
    pub fn is_volume(v: &i64) -> bool {
        *v == VOLUME
    }
    #[allow(clippy::float_cmp)] // Exact: the value is only ever the constant or user input.
    pub fn is_expected_duration_s(v: &f64) -> bool {
        *v == EXPECTED_DURATION_S
    }
    pub fn is_default<T: Default + PartialEq>(v: &T) -> bool {
        *v == T::default()
    }
}

/// A directed exchange between two systems; `from` starts it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Unique within the design.
    pub id: LinkId,
    /// The side that starts the exchange.
    pub from: SystemId,
    /// The side that is called or receives.
    pub to: SystemId,
    /// What the link is for, e.g. "Order sync".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    /// The caller waits for the result before going on (synchronous).
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub needs_response: bool,
    /// What starts an exchange.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub trigger: Trigger,
    /// How soon the data must arrive.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub latency: Latency,
    /// Records per run, or per day for continuous flows.
    #[serde(default = "limits::volume", skip_serializing_if = "limits::is_volume")]
    pub volume: i64,
    /// Seconds the remote side takes to finish the work.
    #[serde(
        default = "limits::expected_duration_s",
        skip_serializing_if = "limits::is_expected_duration_s"
    )]
    pub expected_duration_s: f64,
    /// A message must never be lost.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub guaranteed_delivery: bool,
    /// Acts as the end user rather than as an integration user.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub on_behalf_of_user: bool,
    /// Data is read on demand and never copied.
    #[serde(
        rename = "virtual",
        default,
        skip_serializing_if = "limits::is_default"
    )]
    pub is_virtual: bool,
    /// The source is outside Salesforce and must publish events into it.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub external_publish: bool,
    /// How sensitive the data is.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub sensitivity: Sensitivity,
    /// The wire protocol.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub protocol: Protocol,
    /// The payload format.
    #[serde(default, skip_serializing_if = "limits::is_default")]
    pub format: Format,
    /// The flow the link uses today, to be audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthFlow>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Link {
    /// A link with every attribute at its default.
    pub fn new(id: LinkId, from: SystemId, to: SystemId) -> Self {
        Self {
            id,
            from,
            to,
            purpose: String::new(),
            needs_response: false,
            trigger: Trigger::default(),
            latency: Latency::default(),
            volume: limits::VOLUME,
            expected_duration_s: limits::EXPECTED_DURATION_S,
            guaranteed_delivery: false,
            on_behalf_of_user: false,
            is_virtual: false,
            external_publish: false,
            sensitivity: Sensitivity::default(),
            protocol: Protocol::default(),
            format: Format::default(),
            auth: None,
            notes: String::new(),
        }
    }
}

impl Design {
    /// The system with this id. Fast when systems are in id order (as loaded, and as
    /// kept by appending new ids); correct in any order.
    pub fn system(&self, id: SystemId) -> Option<&System> {
        match self.systems.binary_search_by_key(&id, |s| s.id) {
            Ok(i) => Some(&self.systems[i]),
            Err(_) => self.systems.iter().find(|s| s.id == id),
        }
    }

    /// The link with this id. Fast when links are in id order; correct in any order.
    pub fn link(&self, id: LinkId) -> Option<&Link> {
        match self.links.binary_search_by_key(&id, |l| l.id) {
            Ok(i) => Some(&self.links[i]),
            Err(_) => self.links.iter().find(|l| l.id == id),
        }
    }

    /// The zone with this id.
    pub fn zone(&self, id: ZoneId) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// The links a flow takes, in order; steps whose link is gone are left out.
    pub fn flow_links<'a>(&'a self, flow: &'a Flow) -> impl Iterator<Item = &'a Link> + 'a {
        flow.steps.iter().filter_map(|id| self.link(*id))
    }

    /// The lowest system id above every one in use.
    pub fn next_system_id(&self) -> SystemId {
        SystemId(
            self.systems
                .iter()
                .map(|s| s.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// The lowest link id above every one in use.
    pub fn next_link_id(&self) -> LinkId {
        LinkId(
            self.links
                .iter()
                .map(|l| l.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// The lowest zone id above every one in use.
    pub fn next_zone_id(&self) -> ZoneId {
        ZoneId(
            self.zones
                .iter()
                .map(|z| z.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// Puts zones, systems and links in id order, the order files are written in.
    pub fn sort_canonical(&mut self) {
        self.zones.sort_by_key(|z| z.id);
        self.systems.sort_by_key(|s| s.id);
        self.links.sort_by_key(|l| l.id);
    }
}

/// True when `next` can follow `previous` in a flow: it starts where the previous step
/// ended, or at the same caller (a fan-out).
pub fn follows_on(previous: &Link, next: &Link) -> bool {
    next.from == previous.to || next.from == previous.from
}
