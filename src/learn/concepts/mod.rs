//! Concept cards: a short explanation of each idea the recommendations rest on, with
//! where to read more. Recommendations, findings and exercises link to them by id.

use crate::analysis::connection::{How, Opener};
use crate::analysis::decision::Decide;
use crate::analysis::{Events, LinkAnalysis, Pattern, mtls};
use crate::model::{AuthFlow, Sensitivity, SystemKind};
use crate::standards::{
    EVENT_RETENTION, EXTERNAL_CLIENT_APPS, FAPI_2, HIGH_VOLUME_RETENTION_H, OAUTH_2_1, OIDC_CORE,
    PUB_SUB_API, RFC_6749, RFC_6750, RFC_7519, RFC_7522, RFC_7523, RFC_7636, RFC_8446, RFC_8628,
    RFC_8705, RFC_9126, RFC_9449, RFC_9700, RFC_10017, SALESFORCE_INTERFACES, SAML_2,
    STANDARD_RETENTION_H, USERNAME_PASSWORD_BLOCKED, USERNAME_PASSWORD_RETIREMENT,
};
use crate::{cite, fact_date};
use const_format::concatcp;

/// One concept a student meets in the recommendations.
#[derive(Debug, PartialEq, Eq)]
pub struct Concept {
    /// Stable id, e.g. `pkce`.
    pub id: &'static str,
    /// The card's title.
    pub title: &'static str,
    /// What it is, when it fits and what it costs, in a few sentences.
    pub body: &'static str,
    /// Where to read more: RFC numbers and the seed's topic.
    pub references: &'static [&'static str],
}

const SEED_AUTH: &str = article!("The Different Types of Authentication Flows");
const SEED_PATTERNS: &str = article!("What are Integration Patterns?");
const SEED_EVENTS: &str = article!("How to Choose Between Platform Events and Change Data Capture");
const SEED_ESB: &str = article!("What is an Enterprise Service Bus (ESB)?");
const SEED_TLS: &str = article!("What is TLS and mTLS?");

/// Every card, in the order the Concepts list shows them.
pub static CONCEPTS: &[Concept] = &[
    Concept {
        id: "oauth",
        title: "OAuth 2.0 and access tokens",
        body: "OAuth lets one system call another's API without ever holding a person's password. The caller (the client) obtains an access token from an authorization server and presents it with each call; the token is short-lived and limited to the scopes that were granted. A refresh token, kept safely, gets a new access token without another login. Which grant (flow) a client uses depends on whether a person is present and whether the client can keep a secret.",
        references: &[cite!(RFC_6749), cite!(RFC_6750), SEED_AUTH],
    },
    Concept {
        id: "web-server-flow",
        title: "Web server flow (authorization code)",
        body: "For an application with its own server that acts for a signed-in person. The browser is sent to the login page; after consent it comes back with a one-time code, and the application's server trades that code, together with its client secret, for tokens. The token never passes through the browser, which is why this is the default for user-facing integrations.",
        references: &[cite!(RFC_6749, " section 4.1"), SEED_AUTH],
    },
    Concept {
        id: "pkce",
        title: "PKCE (proof key for code exchange)",
        body: "An addition to the authorization code flow for clients that cannot keep a secret: single-page apps, mobile and desktop apps. The client invents a random verifier, sends only its hash with the login request, and must show the verifier itself when it exchanges the code. A stolen code is then worthless. PKCE replaces the implicit (user-agent) flow, and servers with a secret benefit from it too.",
        references: &[cite!(RFC_7636), cite!(RFC_9700), SEED_AUTH],
    },
    Concept {
        id: "user-agent-flow",
        title: "User-agent flow (implicit grant)",
        body: "The older way for browser and mobile apps: the token comes back directly in the address bar's fragment, with no code exchange. Anything that can read the browser's history or the page can read the token, so current guidance says not to use it; use the authorization code flow with PKCE instead.",
        references: &[
            cite!(RFC_6749, " section 4.2"),
            cite!(RFC_9700, " section 2.1.2"),
            SEED_AUTH,
        ],
    },
    Concept {
        id: "jwt-bearer",
        title: "JWT bearer flow",
        body: "The standard flow between servers when no person is involved. The caller signs a short-lived JSON Web Token with its private key and exchanges it for an access token; the matching certificate is registered with the authorization server. No password is stored and nothing waits for a login, which makes it the default for middleware, scheduled jobs and back-end services.",
        references: &[cite!(RFC_7523), cite!(RFC_7519), SEED_AUTH],
    },
    Concept {
        id: "client-credentials",
        title: "Client credentials",
        body: "A server-to-server grant where the client authenticates with its own id and secret and gets a token for itself, with no person involved. Simple, but the shared secret must be stored, vaulted and rotated; where the target supports it, a signed JWT or a client certificate is the stronger choice.",
        references: &[cite!(RFC_6749, " section 4.4"), SEED_AUTH],
    },
    Concept {
        id: "device-flow",
        title: "Device flow",
        body: "For devices with no browser or keyboard worth typing on: smart TVs, set-top boxes, command-line tools. The device shows a short code; the person enters it on a phone or computer and signs in there, while the device polls until the token is issued. A person must be there to approve, just not at the device.",
        references: &[cite!(RFC_8628), SEED_AUTH],
    },
    Concept {
        id: "username-password",
        title: "Username-password flow",
        body: "The client sends a person's user name and password (and, for Salesforce, a security token) to get a token. It stores credentials where they can leak, cannot do multi-factor authentication and is being restricted by the platforms. Fine for a quick test; in production it is a design to replace, usually with the JWT bearer flow.",
        references: &[
            cite!(RFC_6749, " section 4.3"),
            cite!(RFC_9700, " section 2.4 (must not be used)"),
            SEED_AUTH,
        ],
    },
    Concept {
        id: "saml-assertion",
        title: "SAML assertion flow",
        body: "Where single sign-on already runs on SAML (an identity provider such as Okta, Entra ID or ADFS), an application that holds a valid SAML assertion can exchange it for an OAuth access token, so API access follows the same sign-on the person already did.",
        references: &[cite!(RFC_7522), SEED_AUTH],
    },
    Concept {
        id: "asset-token",
        title: "Asset token flow",
        body: "For connected devices registered as assets in Salesforce. The device presents a signed JWT tied to its own asset record and receives a token scoped to that device, so each device can be identified, limited and revoked on its own rather than sharing one integration user.",
        references: &[cite!(RFC_7523), SEED_AUTH],
    },
    Concept {
        id: "named-credential",
        title: "Named Credential",
        body: "Salesforce's place to keep an outbound endpoint and how to authenticate to it. Apex callouts and flows refer to the name; the URL, the OAuth flow or certificate, and the secrets stay in Setup, out of code, and can be rotated without a deployment. It is how Salesforce itself calls out, point-to-point.",
        references: &[SEED_ESB, SEED_TLS],
    },
    Concept {
        id: "tls",
        title: "TLS",
        body: "Transport Layer Security encrypts a connection and proves the server's identity with a certificate the client checks against trusted authorities. It is one-way: the server learns nothing about the client from TLS, so the client proves itself with a token or key at the application layer. Plain HTTP and FTP have no encryption at all.",
        references: &[cite!(RFC_8446), SEED_TLS],
    },
    Concept {
        id: "mtls",
        title: "Mutual TLS",
        body: "Both sides present certificates, so the server also knows which client connected before any data flows. It is worth its cost (certificates to issue, store and rotate before they expire) where the target demands it, where the data is highly sensitive, or where a link crosses a trust boundary and a token alone is not enough defence.",
        references: &[cite!(RFC_8705), cite!(RFC_8446), SEED_TLS],
    },
    Concept {
        id: "rfc-9700",
        title: "The OAuth security best practice (RFC 9700)",
        body: concatcp!(
            "Published in ",
            fact_date!(RFC_9700),
            " as BCP 240, it collects what a decade of attacks taught about OAuth 2.0. Every client that uses the authorization code flow adds PKCE, including servers that keep a secret, because PKCE also stops a stolen or injected code. The implicit grant is out (the token travels in the browser), and the password grant must not be used at all. A public client's refresh tokens are rotated on every use or bound to the client, so a copied one is caught or useless; redirect addresses are compared exactly. Patchbay's auth advice follows it on every link."
        ),
        references: &[cite!(RFC_9700), cite!(OAUTH_2_1)],
    },
    Concept {
        id: "oauth-2-1",
        title: "OAuth 2.1, still a draft",
        body: concatcp!(
            "OAuth 2.1 rewrites the core framework with the security practice built in: PKCE for every authorization code flow, no implicit and no password grant, exact redirect addresses, refresh tokens that are rotated or bound. As of ",
            fact_date!(OAUTH_2_1),
            ", it is an Internet-Draft, not a standard, so Patchbay cites it as a draft and grounds its advice on ",
            RFC_9700.name,
            ", which is published. Building to it today costs nothing: everything it keeps is already allowed by OAuth 2.0."
        ),
        references: &[cite!(OAUTH_2_1), cite!(RFC_9700)],
    },
    Concept {
        id: "backend-for-frontend",
        title: "Backend-for-frontend (RFC 10017)",
        body: concatcp!(
            "A browser cannot keep a secret, and anything a script can read, an injected script can steal, tokens included. ",
            RFC_10017.name,
            " (",
            fact_date!(RFC_10017),
            ") puts a backend-for-frontend first for browser apps: a small server side of the app's own signs the person in as a confidential client, keeps the tokens on the server and gives the browser only a session cookie; it calls the APIs for the page. Next comes a backend that only hands out tokens, and last a browser-only client with PKCE, which is what a single-page app does when it has no server at all."
        ),
        references: &[cite!(RFC_10017), cite!(RFC_9700)],
    },
    Concept {
        id: "dpop",
        title: "Bound tokens with DPoP",
        body: concatcp!(
            "A bearer token works for whoever holds it. DPoP (",
            RFC_9449.name,
            ") binds the token to a key pair the client creates: every request carries a fresh proof signed with the private key, so a copied token is useless elsewhere. It needs no client certificate, which is why it suits phones and browsers, where mutual TLS does not: nobody issues, installs and rotates certificates on a patient's or customer's device. It works only where both the authorization server and the API support it, so check before relying on it."
        ),
        references: &[cite!(RFC_9449), cite!(RFC_9700)],
    },
    Concept {
        id: "par-fapi",
        title: "PAR and the FAPI 2.0 profile",
        body: concatcp!(
            "With pushed authorization requests (PAR, ",
            RFC_9126.name,
            ") the client posts its login request straight to the authorization server and sends the browser only a reference to it, so nobody can read or alter the request on the way. ",
            FAPI_2.name,
            " (",
            fact_date!(FAPI_2),
            ") is the profile for high-value APIs such as open banking and health records: PAR, PKCE, sender-constrained tokens, and confidential clients only. Use them for regulated data where the authorization server supports them; an app on a person's device needs a backend of its own to meet the profile."
        ),
        references: &[cite!(RFC_9126), cite!(FAPI_2)],
    },
    Concept {
        id: "certificate-bound-tokens",
        title: "Certificate-bound tokens (RFC 8705)",
        body: concatcp!(
            "Where a server already presents a client certificate (mutual TLS), the authorization server can bind the access token to that certificate (",
            RFC_8705.name,
            "). The API then accepts the token only over a connection made with the same certificate, so a leaked token cannot be replayed from anywhere else. It is the server-side counterpart of DPoP, and, like it, works only where the authorization server supports it."
        ),
        references: &[cite!(RFC_8705)],
    },
    Concept {
        id: "external-client-apps",
        title: "External Client Apps",
        body: concatcp!(
            "Every OAuth client of a Salesforce org is registered in the org. Since ",
            fact_date!(EXTERNAL_CLIENT_APPS),
            " new connected apps can no longer be created by default (only through Support, a path Salesforce says will close); connected apps that already exist keep working. New clients are registered as External Client Apps, which hold the same settings (callback address, flows, certificate, scopes, pre-authorised users) and can be packaged and deployed as metadata. Patchbay's options name External Client Apps wherever a client is registered."
        ),
        references: &[cite!(EXTERNAL_CLIENT_APPS)],
    },
    Concept {
        id: "username-password-retirement",
        title: "The end of the username-password flow",
        body: concatcp!(
            "Orgs created since ",
            fact_date!(USERNAME_PASSWORD_BLOCKED),
            " block the username-password flow by default, and on ",
            fact_date!(USERNAME_PASSWORD_RETIREMENT),
            " Salesforce switches it off for connected apps, with no extension: an integration that still signs in with a stored password stops working that day. The way out Salesforce names is the client credentials flow, or JWT bearer, through an External Client App; Patchbay recommends JWT bearer with a certificate and client credentials as the simpler runner-up, and AUTH-001 is high in production for that reason."
        ),
        references: &[
            cite!(USERNAME_PASSWORD_RETIREMENT),
            cite!(USERNAME_PASSWORD_BLOCKED),
            cite!(EXTERNAL_CLIENT_APPS),
        ],
    },
    Concept {
        id: "pub-sub-api",
        title: "The Pub/Sub API",
        body: "A server that wants an org's events (change data capture or platform events) opens a gRPC connection over HTTP/2 to the Pub/Sub API, signs in with its own OAuth client, and receives the events it subscribed to; it can also publish platform events the same way. Salesforce's decision guide sends all new publish and subscribe work here. The older Streaming API (CometD, PushTopic) is the legacy route, kept for browser clients, which cannot call gRPC, and for code that already uses it. Each subscriber gets its own copy and keeps its own replay position.",
        references: &[cite!(PUB_SUB_API), cite!(EVENT_RETENTION), SEED_EVENTS],
    },
    Concept {
        id: "connecting-side",
        title: "Who opens the connection",
        body: "An arrow shows where the data goes; it does not always show who connects. A callout, a call into Salesforce or a virtual read is opened by the caller. An event out of Salesforce is the other way round: the subscriber (a warehouse loader, the middleware) connects to the Pub/Sub API and signs in with its own client, so the auth flow and any mutual TLS are the subscriber's. A system that cannot subscribe, such as a marketing SaaS, a payment service or a partner's API, gets each event relayed by a callout from Salesforce through a Named Credential. A bulk extract or load is opened by the other side's job. Patchbay says on every link which side connects, and decides the auth and mTLS for that side.",
        references: &[cite!(PUB_SUB_API), SEED_EVENTS],
    },
    Concept {
        id: "salesforce-protocols",
        title: "What Salesforce can and cannot speak",
        body: "Into an org: HTTPS APIs (REST, SOAP, GraphQL, Composite, Bulk API 2.0, Apex services; gRPC for the Pub/Sub API) and inbound email. Out of an org: HTTPS callouts, outbound messages and email. There is no SFTP server to drop a file on, no message-broker client, no database driver and no plain HTTP. A link drawn that way cannot be built as drawn (FEAS-001): something that speaks both sides carries it, such as an ETL job or the middleware that picks the file up and loads it through Bulk API 2.0, or a connector that publishes a broker's messages through the Pub/Sub API.",
        references: &[cite!(SALESFORCE_INTERFACES), SEED_PATTERNS],
    },
    Concept {
        id: "federated-sign-in",
        title: "Federated sign-in",
        body: concatcp!(
            "When an app sends a person to an identity provider (Okta, Entra ID, ADFS) to sign in, that is federation, not an integration: the provider checks who they are and returns a signed SAML assertion (",
            SAML_2.name,
            ") or an ID token (OpenID Connect) through the browser. No data is synchronised, so Patchbay gives such a link no pattern, event channel, bus or mutual TLS advice and leaves it out of the bus counts. If the app then needs an API token for Salesforce, the identity provider issues a separate assertion for Salesforce, which the SAML assertion flow exchanges."
        ),
        references: &[cite!(SAML_2), cite!(OIDC_CORE), cite!(RFC_7522)],
    },
    Concept {
        id: "request-reply",
        title: "Request-reply",
        body: const_format::concatcp!(
            "The caller sends a request and waits for the answer before it goes on: the simplest pattern and the right one for live reads such as a price or a credit check. Its cost is coupling: a slow or absent target stalls the caller, and Salesforce stops its own synchronous callouts after ",
            crate::standards::SYNC_CEILING_SECS,
            " seconds (other callers meet gateway and client timeouts), so long work cannot be done this way."
        ),
        references: &[SEED_PATTERNS],
    },
    Concept {
        id: "fire-and-forget",
        title: "Fire-and-forget",
        body: "The caller hands a message over and continues without waiting for the outcome. It decouples the two sides and survives a slow target, but the sender no longer knows whether the message was processed, so delivery that matters needs retries, acknowledgements or a replayable channel.",
        references: &[SEED_PATTERNS],
    },
    Concept {
        id: "batch-data-sync",
        title: "Batch data synchronization",
        body: const_format::concatcp!(
            "Large volumes moved on a schedule, collected and loaded in bulk rather than record by record. Efficient for catalogues, migrations and reconciliations; unsuitable when the data must be current. Above about ",
            crate::standards::BULK_THRESHOLD_WORDS,
            " records a bulk interface (such as Bulk API 2.0) beats individual calls."
        ),
        references: &[SEED_PATTERNS],
    },
    Concept {
        id: "remote-call-in",
        title: "Remote call-in",
        body: "An outside system calls into Salesforce's APIs (REST, SOAP, composite, GraphQL or custom Apex services). The caller chooses when and how often, so it needs a proper token and must respect API limits.",
        references: &[SEED_PATTERNS],
    },
    Concept {
        id: "ui-update",
        title: "UI update on data change",
        body: "A person's screen refreshes when data changes, without reloading: the page subscribes to an event stream and redraws on each change.",
        references: &[SEED_PATTERNS, SEED_EVENTS],
    },
    Concept {
        id: "data-virtualization",
        title: "Data virtualization",
        body: "Salesforce reads the outside data live, on demand, and never copies it in (for example through external objects). Nothing goes stale and nothing is stored twice, at the cost of a round trip on every read.",
        references: &[SEED_PATTERNS],
    },
    Concept {
        id: "platform-events",
        title: "Platform events",
        body: concatcp!(
            "Event messages whose fields you define and which your code or an outside system publishes explicitly. They carry business events that are not one record's change (an order placed, a payment received) and can be published into Salesforce from outside. Subscribers can replay missed events for ",
            HIGH_VOLUME_RETENTION_H,
            " hours (high volume, the class new event channels use; the legacy standard-volume class keeps them ",
            STANDARD_RETENTION_H,
            ")."
        ),
        references: &[SEED_EVENTS, cite!(EVENT_RETENTION)],
    },
    Concept {
        id: "change-data-capture",
        title: "Change data capture",
        body: concatcp!(
            "Salesforce publishes a change event by itself whenever a record of an enabled object is created, updated, deleted or undeleted, with the changed fields; no publishing code is written. It only flows out of Salesforce, respects field security and can be replayed for ",
            HIGH_VOLUME_RETENTION_H,
            " hours. Start with it to replicate record changes."
        ),
        references: &[SEED_EVENTS, cite!(EVENT_RETENTION)],
    },
    Concept {
        id: "point-to-point",
        title: "Point-to-point integration",
        body: "Each pair of systems that exchange data has its own connection. With one or two integrations it is the right size and nothing else is needed. The number of connections can grow to n(n-1)/2 for n systems: 10 for 5 systems, 45 for 10, each with its own mapping, credentials and failure handling.",
        references: &[SEED_ESB],
    },
    Concept {
        id: "esb",
        title: "Enterprise Service Bus",
        body: "Middleware that every system connects to once (n connections for n systems), which routes, transforms formats, mediates between protocols, orchestrates multi-step flows and logs centrally. It pays off with more than a handful of systems, different protocols and formats, or audit demands; for two simple links it is overhead.",
        references: &[SEED_ESB],
    },
];

/// The card with this id.
pub fn get(id: &str) -> Option<&'static Concept> {
    CONCEPTS.iter().find(|c| c.id == id)
}

/// The cards a recommended pattern rests on.
pub fn for_pattern(p: Pattern) -> &'static [&'static str] {
    match p {
        Pattern::RequestReply => &["request-reply"],
        Pattern::FireAndForget => &["fire-and-forget"],
        Pattern::BatchDataSync => &["batch-data-sync"],
        Pattern::RemoteCallIn => &["remote-call-in"],
        Pattern::UiUpdate => &["ui-update", "platform-events"],
        Pattern::DataVirtualization => &["data-virtualization"],
        Pattern::SignIn => &["federated-sign-in"],
    }
}

/// The cards a recommended event mechanism rests on.
pub fn for_events(e: Events) -> &'static [&'static str] {
    match e {
        Events::PlatformEvents => &["platform-events", "pub-sub-api"],
        Events::ChangeDataCapture => &["change-data-capture", "pub-sub-api"],
        Events::None => &[],
    }
}

/// The cards a recommended auth flow rests on.
pub fn for_auth(f: AuthFlow) -> &'static [&'static str] {
    match f {
        AuthFlow::WebServer => &["web-server-flow", "pkce", "rfc-9700"],
        AuthFlow::WebServerPkce => &["pkce", "backend-for-frontend", "web-server-flow"],
        AuthFlow::UserAgent => &["user-agent-flow", "pkce", "oauth-2-1"],
        AuthFlow::JwtBearer => &["jwt-bearer", "external-client-apps", "oauth"],
        AuthFlow::Device => &["device-flow", "oauth"],
        AuthFlow::UsernamePassword => &[
            "username-password",
            "username-password-retirement",
            "jwt-bearer",
        ],
        AuthFlow::SamlAssertion => &["saml-assertion", "oauth"],
        AuthFlow::AssetToken => &["asset-token", "jwt-bearer"],
        AuthFlow::ClientCredentials => &["client-credentials", "external-client-apps", "oauth"],
        AuthFlow::NamedCredential => &["named-credential", "oauth"],
        AuthFlow::Federation => &["federated-sign-in", "saml-assertion"],
        AuthFlow::None => &["tls"],
    }
}

/// The cards an mTLS recommendation rests on.
pub fn for_mtls(recommended: bool) -> &'static [&'static str] {
    if recommended {
        &["mtls", "certificate-bound-tokens", "tls"]
    } else {
        &["tls"]
    }
}

/// The cards behind each of a link's four decisions (pattern, events, auth, mTLS):
/// those of its choices, and those this link's situation adds (the other side
/// connects; a person's device instead of mutual TLS; regulated data for a person).
pub fn for_link(a: &LinkAnalysis) -> [Vec<&'static str>; 4] {
    let f = &a.facts;
    let connection = crate::analysis::connection::of(f);
    let by_target = connection.opener == Opener::Target;
    let mut pattern = for_pattern(a.pattern.choice).to_vec();
    let mut events = for_events(a.events.choice).to_vec();
    let mut auth = for_auth(a.auth_flow.choice).to_vec();
    let mut mtls = for_mtls(a.mtls.choice).to_vec();
    if by_target || connection.how == How::Relay {
        pattern.push("connecting-side");
        events.push("connecting-side");
        auth.push("connecting-side");
    }
    if f.sensitivity == Sensitivity::Regulated
        && matches!(
            a.auth_flow.choice,
            AuthFlow::WebServer | AuthFlow::WebServerPkce
        )
    {
        auth.push("par-fapi");
    }
    if let mtls::Step::PersonsDevice(_) = mtls::MtlsDecision::decide(f).1 {
        mtls.push("dpop");
        if f.from_kind == SystemKind::Spa {
            mtls.push("backend-for-frontend");
        }
    }
    [pattern, events, auth, mtls]
}

/// The cards behind a finding's rule.
pub fn for_rule(rule: &str) -> &'static [&'static str] {
    match rule {
        "AUTH-001" => &[
            "username-password-retirement",
            "username-password",
            "external-client-apps",
        ],
        "AUTH-002" => &["user-agent-flow", "pkce", "rfc-9700"],
        "AUTH-003" | "INPUT-005" => &["oauth"],
        "INPUT-006" => &["oauth", "tls"],
        "PAT-001" | "PAT-002" | "GRAPH-001" | "GRAPH-002" => &["request-reply", "fire-and-forget"],
        "INPUT-001" | "INPUT-002" => &["batch-data-sync", "request-reply"],
        "INPUT-003" => &["data-virtualization"],
        "INPUT-004" => &["platform-events", "change-data-capture"],
        "EVT-001" => &["platform-events", "change-data-capture"],
        "FEAS-001" => &["salesforce-protocols", "connecting-side"],
        "FLOW-001" => &["tls", "mtls"],
        "GRAPH-006" => &["change-data-capture"],
        "TLS-001" => &["tls", "mtls"],
        "ESB-001" | "ESB-002" => &["esb", "point-to-point"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
