//! The closed vocabularies of the document: every kind and attribute value has a stable
//! kebab-case id (DOMAIN.md) that is the one spelling used in files, reports and the CLI.

/// Declares a vocabulary enum whose serde form, `Display`, `FromStr` and list of values
/// all come from one table, so the file format, the docs and the reports cannot disagree.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// What one value of this vocabulary is called, for messages.
            pub const WHAT: &'static str = $what;

            /// The stable id used in files, reports and the CLI.
            pub const fn id(self) -> &'static str {
                match self { $(Self::$variant => $id),+ }
            }

            /// A short human-readable name.
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The value with this stable id, if any.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some(Self::$variant),)+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::model::vocab::UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_id(s).ok_or_else(|| {
                    crate::model::vocab::UnknownId::new($what, s, Self::ALL.iter().map(|v| v.id()))
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl serde::de::Visitor<'_> for Visit {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        write!(f, "a {} id in quotes, such as \"{}\"", $what, $name::ALL[0].id())
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visit)
            }
        }
    };
}

pub(crate) use vocabulary;

/// An id that is not one of a vocabulary's values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{found}\"; expected one of: {expected}")]
pub struct UnknownId {
    /// Which vocabulary was asked.
    pub what: &'static str,
    /// The id that was given.
    pub found: String,
    /// The valid ids, comma-separated.
    pub expected: String,
}

impl UnknownId {
    pub(crate) fn new(
        what: &'static str,
        found: &str,
        ids: impl Iterator<Item = &'static str>,
    ) -> Self {
        Self {
            what,
            found: found.to_owned(),
            expected: ids.collect::<Vec<_>>().join(", "),
        }
    }
}

vocabulary! {
    /// Whether findings about anti-patterns are blocking (`production`) or advisory.
    #[derive(Default)]
    pub enum Environment ("environment") {
        #[default]
        Production = "production", "Production";
        Prototype = "prototype", "Prototype";
    }
}

vocabulary! {
    /// What a system is; each kind brings default capabilities.
    pub enum SystemKind ("system kind") {
        SalesforceOrg = "salesforce-org", "Salesforce org";
        WebApp = "web-app", "Web app";
        Spa = "spa", "Single-page app";
        MobileApp = "mobile-app", "Mobile app";
        DesktopApp = "desktop-app", "Desktop app";
        BackendService = "backend-service", "Backend service";
        Middleware = "middleware", "Middleware (ESB / iPaaS)";
        Erp = "erp", "ERP";
        Database = "database", "Database";
        IdentityProvider = "identity-provider", "Identity provider";
        IotDevice = "iot-device", "IoT device";
        LimitedInputDevice = "limited-input-device", "Limited-input device";
        MarketingPlatform = "marketing-platform", "Marketing platform";
        PaymentService = "payment-service", "Payment service";
        FileServer = "file-server", "File server";
        MessageBroker = "message-broker", "Message broker";
        LegacySystem = "legacy-system", "Legacy system";
        PartnerApi = "partner-api", "Partner API";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// What starts an exchange on a link.
    #[derive(Default)]
    pub enum Trigger ("trigger") {
        #[default]
        UserAction = "user-action", "User action";
        RecordChange = "record-change", "Record change";
        BusinessEvent = "business-event", "Business event";
        Schedule = "schedule", "Schedule";
    }
}

vocabulary! {
    /// How soon the data must arrive.
    #[derive(Default)]
    pub enum Latency ("latency") {
        #[default]
        RealTime = "real-time", "Real time (seconds)";
        NearRealTime = "near-real-time", "Near real time (minutes)";
        Batch = "batch", "Batch (hours or daily)";
    }
}

vocabulary! {
    /// How sensitive the data on a link is.
    #[derive(Default)]
    pub enum Sensitivity ("sensitivity") {
        Public = "public", "Public";
        #[default]
        Internal = "internal", "Internal";
        Confidential = "confidential", "Confidential";
        Regulated = "regulated", "Regulated (PCI, PHI, financial, government)";
    }
}

vocabulary! {
    /// The wire protocol of a link.
    #[derive(Default)]
    pub enum Protocol ("protocol") {
        #[default]
        Rest = "rest", "REST";
        Soap = "soap", "SOAP";
        Graphql = "graphql", "GraphQL";
        Grpc = "grpc", "gRPC";
        Jms = "jms", "JMS";
        Amqp = "amqp", "AMQP";
        Kafka = "kafka", "Kafka";
        Mqtt = "mqtt", "MQTT";
        Sftp = "sftp", "SFTP";
        Ftp = "ftp", "FTP";
        Http = "http", "Plain HTTP";
        Jdbc = "jdbc", "JDBC";
        File = "file", "File drop";
        Email = "email", "Email";
    }
}

vocabulary! {
    /// The payload format of a link.
    #[derive(Default)]
    pub enum Format ("format") {
        #[default]
        Json = "json", "JSON";
        Xml = "xml", "XML";
        Csv = "csv", "CSV";
        Avro = "avro", "Avro";
        FixedWidth = "fixed-width", "Fixed-width";
        Edi = "edi", "EDI";
        Binary = "binary", "Binary";
    }
}

vocabulary! {
    /// An OAuth flow (or the absence of one) by which a link's source gets its token.
    pub enum AuthFlow ("auth flow") {
        WebServer = "web-server", "Web server (authorization code)";
        WebServerPkce = "web-server-pkce", "Web server with PKCE";
        UserAgent = "user-agent", "User-agent (implicit)";
        JwtBearer = "jwt-bearer", "JWT bearer";
        Device = "device", "Device";
        UsernamePassword = "username-password", "Username-password";
        SamlAssertion = "saml-assertion", "SAML assertion";
        AssetToken = "asset-token", "Asset token";
        ClientCredentials = "client-credentials", "Client credentials";
        NamedCredential = "named-credential", "Named Credential";
        Federation = "federation", "Federated sign-in (SAML 2.0 or OpenID Connect)";
        None = "none", "No OAuth";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip<T>(all: &[T])
    where
        T: Copy + std::fmt::Debug + PartialEq + std::str::FromStr + std::fmt::Display,
    {
        for v in all {
            let parsed: Result<T, _> = v.to_string().parse();
            assert!(
                matches!(parsed, Ok(p) if p == *v),
                "{v} does not parse back"
            );
        }
    }

    #[test]
    fn every_id_parses_back_and_ids_are_kebab_case() {
        check_roundtrip(SystemKind::ALL);
        check_roundtrip(Protocol::ALL);
        check_roundtrip(AuthFlow::ALL);
        check_roundtrip(Format::ALL);
        for id in SystemKind::ALL.iter().map(|k| k.id()) {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }

    #[test]
    fn unknown_id_lists_the_valid_ones() {
        let err = "mainframe".parse::<SystemKind>().expect_err("not a kind");
        let text = err.to_string();
        assert!(text.contains("unknown system kind \"mainframe\""), "{text}");
        assert!(text.contains("salesforce-org"), "{text}");
    }
}
