//! Every platform or standards fact the advice rests on that can change, in one table,
//! each with its source and the month it was last checked (DOMAIN 6).
//!
//! Product text never writes such a fact itself: reasons, options, findings, concept
//! cards and exercises take the fact's name, date or value from here (with
//! [`cite!`](crate::cite) or `const_format::concatcp!`), so updating a fact is one edit
//! in this file. A test scans every text the product shows for RFC numbers, release
//! names and dates, and fails on one this table does not hold.

use std::fmt;

/// The month a fact was last checked against its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Checked {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

impl Checked {
    /// As JSON and file formats write it: `2026-12`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "December 2026".
impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTH_NAMES
            .get(usize::from(self.month).wrapping_sub(1))
            .copied()
            .unwrap_or("?");
        write!(f, "{month} {}", self.year)
    }
}

/// What a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// An IETF RFC or draft, or an OpenID Foundation profile.
    Standard,
    /// Something Salesforce changed or announced.
    Salesforce,
}

/// One fact that can change.
#[derive(Debug, PartialEq, Eq)]
pub struct Fact {
    /// Stable id, e.g. `rfc-9700`.
    pub id: &'static str,
    /// How product text names it: "RFC 9700", "External Client Apps".
    pub name: &'static str,
    /// Its full title.
    pub title: &'static str,
    /// When it was published or takes effect, as product text says it ("January 2025",
    /// "20 February 2027"); `None` where no date is part of the fact.
    pub when: Option<&'static str>,
    /// What it says or changes, in Patchbay's own words.
    pub says: &'static str,
    /// Where it is written.
    pub source: &'static str,
    /// Where to read it, where the source has a stable address.
    pub url: Option<&'static str>,
    /// When it was last checked against the source.
    pub checked: Checked,
    /// Standard or platform.
    pub area: Area,
}

const DEC_2026: Checked = Checked {
    year: 2026,
    month: 12,
};

/// A citation of a fact: its name, title and date, e.g. "RFC 9700 (OAuth 2.0 Security
/// Best Current Practice, January 2025)"; with a second argument, that text follows
/// the name ("RFC 9700 section 2.4 (...)"). A `&'static str` built at compile time.
#[macro_export]
macro_rules! cite {
    ($fact:path) => {
        $crate::cite!($fact, "")
    };
    ($fact:path, $part:expr) => {{
        const F: $crate::standards::Fact = $fact;
        const DATED: &str = const_format::concatcp!(
            F.name,
            $part,
            " (",
            F.title,
            ", ",
            match F.when {
                Some(w) => w,
                None => "",
            },
            ")"
        );
        // A fact with no date of its own gives the month it was checked.
        const UNDATED: &str = const_format::concatcp!(
            F.name,
            $part,
            " (",
            F.title,
            "; checked ",
            $crate::standards::MONTH_NAMES[(F.checked.month - 1) as usize],
            " ",
            F.checked.year,
            ")"
        );
        if F.when.is_some() { DATED } else { UNDATED }
    }};
}

/// The date of a fact that has one (a compile error where it has none).
#[macro_export]
macro_rules! fact_date {
    ($fact:path) => {
        match $fact.when {
            Some(w) => w,
            None => panic!("this fact has no date"),
        }
    };
}

macro_rules! rfc {
    ($const:ident, $number:literal, $title:literal, $when:literal, $says:expr) => {
        #[doc = concat!("RFC ", $number, ": ", $title, ".")]
        pub const $const: Fact = Fact {
            id: concat!("rfc-", $number),
            name: concat!("RFC ", $number),
            title: $title,
            when: Some($when),
            says: $says,
            source: concat!("IETF, RFC ", $number),
            url: Some(concat!("https://www.rfc-editor.org/rfc/rfc", $number)),
            checked: DEC_2026,
            area: Area::Standard,
        };
    };
}

rfc!(
    RFC_6749,
    "6749",
    "The OAuth 2.0 Authorization Framework",
    "October 2012",
    "Defines OAuth 2.0: its grants (authorization code, implicit, password, client credentials) and its client types (confidential and public)."
);
rfc!(
    RFC_6750,
    "6750",
    "OAuth 2.0 Bearer Token Usage",
    "October 2012",
    "How an access token is sent with each request; whoever holds a bearer token can use it."
);
rfc!(
    RFC_7519,
    "7519",
    "JSON Web Token",
    "May 2015",
    "The signed token format the JWT bearer flow and private_key_jwt client authentication use."
);
rfc!(
    RFC_7522,
    "7522",
    "SAML 2.0 Profile for OAuth 2.0 Client Authentication and Authorization Grants",
    "May 2015",
    "A SAML assertion issued for the authorization server is exchanged for an access token."
);
rfc!(
    RFC_7523,
    "7523",
    "JWT Profile for OAuth 2.0 Client Authentication and Authorization Grants",
    "May 2015",
    "A signed JWT is exchanged for an access token (the JWT bearer grant, section 2.1) or proves the client's identity (private_key_jwt, section 2.2)."
);
rfc!(
    RFC_7636,
    "7636",
    "Proof Key for Code Exchange (PKCE)",
    "September 2015",
    "The client proves that it started the login it redeems the code for, so a stolen authorization code is worthless."
);
rfc!(
    RFC_8446,
    "8446",
    "The Transport Layer Security (TLS) Protocol Version 1.3",
    "August 2018",
    "The current version of TLS."
);
rfc!(
    RFC_8628,
    "8628",
    "OAuth 2.0 Device Authorization Grant",
    "August 2019",
    "A device with no browser or keyboard shows a code; the person approves on another device."
);
rfc!(
    RFC_8705,
    "8705",
    "OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens",
    "February 2020",
    "A client authenticates with its TLS client certificate, and its access tokens can be bound to that certificate, so a stolen token is useless without the private key."
);
rfc!(
    RFC_9110,
    "9110",
    "HTTP Semantics",
    "June 2022",
    "HTTP's methods and status codes, among them 202 Accepted for work that finishes later."
);
rfc!(
    RFC_9126,
    "9126",
    "OAuth 2.0 Pushed Authorization Requests (PAR)",
    "September 2021",
    "The client sends its authorization request straight to the authorization server and gets a reference for the browser to carry, so the request cannot be read or changed on its way through the browser."
);
rfc!(
    RFC_9449,
    "9449",
    "OAuth 2.0 Demonstrating Proof of Possession (DPoP)",
    "September 2023",
    "The client binds its tokens to a key pair it holds and proves possession of the key with each request, so a stolen token is useless; it needs no client certificate, which suits browsers and phones."
);
rfc!(
    RFC_9700,
    "9700",
    "OAuth 2.0 Security Best Current Practice, BCP 240",
    "January 2025",
    "PKCE for every client that uses the authorization code flow, confidential ones too; no implicit grant; the password grant must not be used; a public client's refresh tokens rotated on every use or bound to the client; redirect URIs matched exactly."
);
rfc!(
    RFC_10017,
    "10017",
    "OAuth 2.0 for Browser-Based Applications, Best Current Practice",
    "August 2026",
    "For apps that run in a browser: first a backend-for-frontend, a small server side that runs the OAuth flow and keeps the tokens out of the browser; next a backend that only mediates tokens; a browser-only client with PKCE last."
);

/// The OAuth 2.1 draft.
pub const OAUTH_2_1: Fact = Fact {
    id: "oauth-2-1",
    name: "OAuth 2.1",
    title: "The OAuth 2.1 Authorization Framework, Internet-Draft draft-ietf-oauth-v2-1",
    when: Some("revision 16, September 2026"),
    says: "Folds the security best practice into the core: PKCE for every authorization code flow, no implicit and no password grant, exact redirect URIs. It is still a draft, not a standard, so it is cited as one.",
    source: "IETF OAuth working group, draft-ietf-oauth-v2-1-16",
    url: Some("https://datatracker.ietf.org/doc/draft-ietf-oauth-v2-1/"),
    checked: DEC_2026,
    area: Area::Standard,
};

/// The FAPI 2.0 Security Profile.
pub const FAPI_2: Fact = Fact {
    id: "fapi-2-0",
    name: "FAPI 2.0",
    title: "FAPI 2.0 Security Profile",
    when: Some("final, February 2025"),
    says: "A profile of OAuth for high-value APIs (open banking, health): pushed authorization requests (PAR), PKCE, sender-constrained tokens (DPoP or mutual TLS) and confidential clients only.",
    source: "OpenID Foundation, FAPI 2.0 Security Profile (final)",
    url: Some("https://openid.net/specs/fapi-security-profile-2_0-final.html"),
    checked: DEC_2026,
    area: Area::Standard,
};

/// External Client Apps replace connected apps for new OAuth clients.
pub const EXTERNAL_CLIENT_APPS: Fact = Fact {
    id: "external-client-apps",
    name: "External Client Apps",
    title: "New connected apps can no longer be created",
    when: Some("Spring '26"),
    says: "Since Spring '26 a Salesforce org no longer lets you create a new connected app by default (it takes a request to Support, a path Salesforce says will close); connected apps that exist keep working. New OAuth clients are registered as External Client Apps.",
    source: "Salesforce Help, \"New connected apps can no longer be created in Spring '26\"",
    url: None,
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// The username-password flow is blocked by default in newer orgs.
pub const USERNAME_PASSWORD_BLOCKED: Fact = Fact {
    id: "username-password-blocked",
    name: "username-password flow blocked by default",
    title: "The OAuth username-password flow is blocked by default in new orgs",
    when: Some("Summer '23"),
    says: "Orgs created in Summer '23 or later block the username-password flow unless an administrator allows it.",
    source: "Salesforce Help article 005461976",
    url: Some("https://help.salesforce.com/s/articleView?id=005461976&type=1"),
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// The username-password flow stops working.
pub const USERNAME_PASSWORD_RETIREMENT: Fact = Fact {
    id: "username-password-retirement",
    name: "username-password retirement",
    title: "Salesforce retires the OAuth username-password flow for connected apps",
    when: Some("20 February 2027"),
    says: "On 20 February 2027 the username-password flow stops working for connected apps, with no extension. Salesforce points integrations that use it to the client credentials flow (or JWT bearer) through an External Client App.",
    source: "Salesforce Help article 005461976",
    url: Some("https://help.salesforce.com/s/articleView?id=005461976&type=1"),
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// The Pub/Sub API is the route for new event subscribers.
pub const PUB_SUB_API: Fact = Fact {
    id: "pub-sub-api",
    name: "Pub/Sub API",
    title: "Salesforce's event-driven architecture decision guide",
    when: None,
    says: "New publish and subscribe work goes to the Pub/Sub API (gRPC over HTTP/2, for servers); the Streaming API (CometD, PushTopic) is the legacy route, kept for browser clients and code that already uses it.",
    source: "Salesforce Architects, \"Event-Driven Architecture Decision Guide\"",
    url: Some("https://architect.salesforce.com/decision-guides/event-driven"),
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// What a Salesforce org can speak, into it and out of it.
pub const SALESFORCE_INTERFACES: Fact = Fact {
    id: "salesforce-interfaces",
    name: "Salesforce's interfaces",
    title: "What a Salesforce org accepts and sends",
    when: None,
    says: "Into an org: HTTPS APIs only (REST, SOAP, GraphQL, Composite, Bulk API 2.0, Apex REST and SOAP services, and gRPC for the Pub/Sub API) and inbound email; out of it: HTTPS callouts, outbound messages (SOAP) and email. An org has no SFTP or FTP server, no JMS, AMQP, Kafka or MQTT client, no JDBC endpoint and no file share, and it accepts TLS only.",
    source: "Salesforce Developers: API overview, Apex callouts, Email services",
    url: None,
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// SAML 2.0.
pub const SAML_2: Fact = Fact {
    id: "saml-2-0",
    name: "SAML 2.0",
    title: "OASIS Security Assertion Markup Language 2.0",
    when: Some("March 2005"),
    says: "The identity provider authenticates the person and sends the application a signed assertion through the browser (Web Browser SSO profile).",
    source: "OASIS Standard, SAML 2.0",
    url: Some("https://docs.oasis-open.org/security/saml/v2.0/"),
    checked: DEC_2026,
    area: Area::Standard,
};

/// OpenID Connect.
pub const OIDC_CORE: Fact = Fact {
    id: "openid-connect",
    name: "OpenID Connect Core 1.0",
    title: "OpenID Foundation final specification, with errata",
    when: Some("February 2014"),
    says: "An identity layer on OAuth 2.0: the identity provider returns a signed ID token that says who signed in.",
    source: "OpenID Foundation, OpenID Connect Core 1.0",
    url: Some("https://openid.net/specs/openid-connect-core-1_0.html"),
    checked: DEC_2026,
    area: Area::Standard,
};

/// Above this many records a run, Salesforce advises Bulk API 2.0 over REST.
pub const BULK_THRESHOLD: i64 = 2_000;
/// The threshold as product text writes it: "2,000".
pub const BULK_THRESHOLD_WORDS: &str = const_format::concatcp!(BULK_THRESHOLD / 1000, ",000");
const _: () = assert!(BULK_THRESHOLD % 1000 == 0 && BULK_THRESHOLD < 1_000_000);
/// Salesforce's hard ceiling on a synchronous callout, in whole seconds.
pub const SYNC_CEILING_SECS: u32 = 120;
/// The same, as the decisions compare it.
pub const SYNC_CEILING_S: f64 = SYNC_CEILING_SECS as f64;
/// Salesforce's default callout timeout, in whole seconds.
pub const DEFAULT_TIMEOUT_SECS: u32 = 10;
/// The same, as the decisions compare it.
pub const DEFAULT_TIMEOUT_S: f64 = DEFAULT_TIMEOUT_SECS as f64;
/// A request into Salesforce that runs this many seconds or more is long-running.
pub const LONG_RUNNING_SECS: u32 = 20;
/// The same, as the rules compare it.
pub const LONG_RUNNING_S: f64 = LONG_RUNNING_SECS as f64;
/// How many long-running requests a production org runs at once.
pub const CONCURRENT_LONG_RUNNING: u32 = 25;
/// The port API-only integration users connect to with mutual TLS.
pub const MUTUAL_TLS_PORT: u32 = 8443;

/// The limits of a Salesforce org the decisions and rules compare with.
pub const SALESFORCE_LIMITS: Fact = Fact {
    id: "salesforce-limits",
    name: "Salesforce limits",
    title: "Salesforce Developer Limits and Allocations",
    when: None,
    says: const_format::concatcp!(
        "A synchronous callout from Salesforce may take at most ",
        SYNC_CEILING_SECS,
        " s and times out after ",
        DEFAULT_TIMEOUT_SECS,
        " s unless set longer; a production org runs at most ",
        CONCURRENT_LONG_RUNNING,
        " requests of ",
        LONG_RUNNING_SECS,
        " s or more at once; above about ",
        BULK_THRESHOLD_WORDS,
        " records a run, Bulk API 2.0 is advised over REST."
    ),
    source: "Salesforce Developer Limits and Allocations Quick Reference; Apex Developer Guide, callout limits",
    url: None,
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// Salesforce's own mutual TLS for calls into an org.
pub const SALESFORCE_MUTUAL_TLS: Fact = Fact {
    id: "salesforce-mutual-tls",
    name: "Salesforce inbound mutual TLS",
    title: "Set up mutual authentication for API calls into Salesforce",
    when: None,
    says: const_format::concatcp!(
        "Salesforce Support enables it; API-only integration users then connect on port ",
        MUTUAL_TLS_PORT,
        " with a client certificate signed by a certificate authority, uploaded to the org; it does not serve a person's sign-in."
    ),
    source: "Salesforce Help, \"Set Up a Mutual Authentication Certificate\"",
    url: None,
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// Hours a change event or a high-volume platform event can be replayed.
pub const HIGH_VOLUME_RETENTION_H: u32 = 72;
/// Hours a standard-volume (legacy) platform event can be replayed.
pub const STANDARD_RETENTION_H: u32 = 24;

/// How long Salesforce keeps events for replay.
pub const EVENT_RETENTION: Fact = Fact {
    id: "event-retention",
    name: "event retention",
    title: "How long Salesforce keeps events for replay",
    when: None,
    says: const_format::concatcp!(
        "Change events and high-volume platform events (the class new event channels use) are kept ",
        HIGH_VOLUME_RETENTION_H,
        " hours for replay; standard-volume platform events, a legacy class, ",
        STANDARD_RETENTION_H,
        " hours."
    ),
    source: "Salesforce Platform Events Developer Guide and Change Data Capture Developer Guide",
    url: None,
    checked: DEC_2026,
    area: Area::Salesforce,
};

/// Every fact, platform first, then standards.
pub static FACTS: &[&Fact] = &[
    &EXTERNAL_CLIENT_APPS,
    &USERNAME_PASSWORD_BLOCKED,
    &USERNAME_PASSWORD_RETIREMENT,
    &PUB_SUB_API,
    &EVENT_RETENTION,
    &SALESFORCE_INTERFACES,
    &SALESFORCE_LIMITS,
    &SALESFORCE_MUTUAL_TLS,
    &SAML_2,
    &OIDC_CORE,
    &RFC_6749,
    &RFC_6750,
    &RFC_7519,
    &RFC_7522,
    &RFC_7523,
    &RFC_7636,
    &RFC_8446,
    &RFC_8628,
    &RFC_8705,
    &RFC_9110,
    &RFC_9126,
    &RFC_9449,
    &RFC_9700,
    &RFC_10017,
    &OAUTH_2_1,
    &FAPI_2,
];

/// The fact with this id.
pub fn get(id: &str) -> Option<&'static Fact> {
    FACTS.iter().copied().find(|f| f.id == id)
}

/// The newest check date in the table: what reports mean by "facts checked".
pub fn checked() -> Checked {
    FACTS.iter().map(|f| f.checked).max().unwrap_or(DEC_2026)
}

/// The line reports end with: "Facts checked December 2026."
pub fn checked_line() -> String {
    format!(
        "Facts checked {} (platform and standards facts: `patchbay explain facts`).",
        checked()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_has_a_source_a_check_date_and_a_unique_id() {
        for (i, f) in FACTS.iter().enumerate() {
            assert!(FACTS[..i].iter().all(|g| g.id != f.id), "{} twice", f.id);
            assert!(!f.source.trim().is_empty(), "{}: no source", f.id);
            assert!(f.says.ends_with('.'), "{}", f.id);
            assert!((1..=12).contains(&f.checked.month), "{}", f.id);
            assert!(f.checked.year >= 2025, "{}", f.id);
            if let Some(url) = f.url {
                assert!(url.starts_with("https://"), "{}", f.id);
            }
        }
    }

    #[test]
    fn the_checked_line_is_the_newest_date() {
        assert_eq!(checked(), DEC_2026);
        assert_eq!(checked().to_string(), "December 2026");
        assert_eq!(checked().iso(), "2026-12");
        assert!(checked_line().starts_with("Facts checked December 2026"));
    }

    #[test]
    fn a_citation_names_the_fact_its_title_and_date() {
        assert_eq!(
            cite!(RFC_9700, " section 2.4"),
            "RFC 9700 section 2.4 (OAuth 2.0 Security Best Current Practice, BCP 240, January 2025)"
        );
        assert_eq!(
            cite!(PUB_SUB_API),
            "Pub/Sub API (Salesforce's event-driven architecture decision guide; checked December 2026)"
        );
        assert_eq!(fact_date!(USERNAME_PASSWORD_RETIREMENT), "20 February 2027");
    }
}
