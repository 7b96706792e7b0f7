//! What every import gives back: the design and what was guessed, with a system's
//! kind guessed from its name where the file does not give it.

use crate::model::SystemKind;

/// A design read from another tool, and what the reader had to guess or leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The design, valid.
    pub design: crate::model::Design,
    /// One line per guess or skipped item, in the order met.
    pub report: Vec<String>,
}

/// Gives `s` the kind its name suggests (`other` when none) and says so in `report`;
/// `how` tells the user how to choose instead.
pub(super) fn guess_into(s: &mut crate::model::System, report: &mut Vec<String>, how: &str) {
    match guess_kind(&s.name) {
        Some((kind, word)) => {
            s.kind = kind;
            report.push(format!(
                "{}: guessed kind {} from \"{word}\" in its name{how}",
                said(&s.name),
                kind.id()
            ));
        }
        None => {
            s.kind = SystemKind::Other;
            report.push(format!(
                "{}: no kind given and its name suggests none, so it is other",
                said(&s.name)
            ));
        }
    }
}

/// A name as a report line shows it: as it is, or quoted with its line breaks as
/// `\n` when it has any, or space at either end, so each report item stays one line.
pub fn said(name: &str) -> String {
    if name.contains(['\n', '\r', '\t']) || name.trim() != name {
        format!("{name:?}")
    } else {
        name.to_owned()
    }
}

/// The import's result once the design is checked as a loaded file would be.
pub(super) fn finish(
    design: crate::model::Design,
    report: Vec<String>,
) -> Result<Imported, Vec<crate::model::Problem>> {
    let issues = crate::model::validate::validate(&design);
    if issues.is_empty() {
        Ok(Imported { design, report })
    } else {
        Err(issues
            .into_iter()
            .map(|i| crate::model::Problem {
                location: None,
                message: i.message,
            })
            .collect())
    }
}

/// Names that say what a system is: whole words for short names ("SAP", "DB"),
/// parts of the name for longer ones ("warehouse", "Salesforce").
pub(super) const KIND_HINTS: &[(&[&str], SystemKind)] = &[
    (
        &[
            "salesforce",
            "sfdc",
            "sales cloud",
            "service cloud",
            "experience cloud",
        ],
        SystemKind::SalesforceOrg,
    ),
    (
        &[
            "mulesoft",
            "boomi",
            "tibco",
            "esb",
            "ipaas",
            "middleware",
            "integration bus",
            "service bus",
        ],
        SystemKind::Middleware,
    ),
    (
        &[
            "kafka",
            "rabbitmq",
            "mq",
            "broker",
            "event hub",
            "pubsub",
            "pub/sub",
            "queue",
        ],
        SystemKind::MessageBroker,
    ),
    (
        &[
            "okta", "azure ad", "entra", "adfs", "idp", "keycloak", "identity", "auth0", "ping",
        ],
        SystemKind::IdentityProvider,
    ),
    (
        &[
            "sap",
            "erp",
            "s/4hana",
            "dynamics",
            "netsuite",
            "oracle ebs",
        ],
        SystemKind::Erp,
    ),
    (
        &[
            "database",
            "db",
            "postgres",
            "postgresql",
            "mysql",
            "sql",
            "warehouse",
            "snowflake",
            "redshift",
            "bigquery",
            "data lake",
        ],
        SystemKind::Database,
    ),
    (
        &[
            "sftp",
            "ftp",
            "file server",
            "file share",
            "document store",
            "sharepoint",
            "s3",
        ],
        SystemKind::FileServer,
    ),
    (
        &[
            "marketing",
            "marketo",
            "pardot",
            "hubspot",
            "mailchimp",
            "braze",
        ],
        SystemKind::MarketingPlatform,
    ),
    (
        &["payment", "payments", "stripe", "adyen", "paypal", "card"],
        SystemKind::PaymentService,
    ),
    (
        &["mobile", "ios", "android", "app store"],
        SystemKind::MobileApp,
    ),
    (&["spa", "single-page", "react", "angular"], SystemKind::Spa),
    (&["desktop"], SystemKind::DesktopApp),
    (
        &["tv", "kiosk", "set-top", "cli"],
        SystemKind::LimitedInputDevice,
    ),
    (
        &["iot", "sensor", "device", "devices", "thermostat"],
        SystemKind::IotDevice,
    ),
    (
        &["mainframe", "legacy", "as/400", "cobol"],
        SystemKind::LegacySystem,
    ),
    (
        &["partner", "reinsurer", "bank", "supplier", "carrier"],
        SystemKind::PartnerApi,
    ),
    (
        &["portal", "shop", "storefront", "website", "web", "site"],
        SystemKind::WebApp,
    ),
    (
        &["service", "backend", "api", "job", "batch"],
        SystemKind::BackendService,
    ),
];

/// The kind a system's name suggests, and the word that suggested it; `None` when the
/// name says nothing (the caller uses `other` and says so). Short hints ("SAP", "DB")
/// match whole words; longer ones where a word starts or ends ("salesforce" in
/// "Salesforce-EU", "service" in "Microservice"), never inside one ("entra" is not
/// in "central").
pub fn guess_kind(name: &str) -> Option<(SystemKind, &'static str)> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    KIND_HINTS.iter().find_map(|(hints, kind)| {
        hints
            .iter()
            .find(|h| {
                if h.len() <= 4 || h.contains('/') {
                    words.iter().any(|w| w == *h)
                } else {
                    // Where a word starts or ends ("Entra ID", "Microservice"), never
                    // inside one ("central server").
                    lower.match_indices(*h).any(|(i, _)| {
                        let before = lower[..i].chars().next_back();
                        let after = lower[i + h.len()..].chars().next();
                        !before.is_some_and(char::is_alphanumeric)
                            || !after.is_some_and(char::is_alphanumeric)
                    })
                }
            })
            .map(|h| (*kind, *h))
    })
}
