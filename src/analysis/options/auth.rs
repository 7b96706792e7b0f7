//! How to build a link's auth flow: at Salesforce's authorization server or another
//! one, for a browser app, a server, a device or a job, hardened for high-value data.

use crate::analysis::LinkAnalysis;
use crate::analysis::connection::Opener;
use crate::model::{AuthFlow, Sensitivity, SystemKind};
use crate::standards::{
    FAPI_2, RFC_7522, RFC_7523, RFC_7636, RFC_8628, RFC_8705, RFC_9126, RFC_9700, RFC_10017,
};
use const_format::concatcp;

/// How to build the recommended auth flow for this link: where the flow runs, who
/// connects, whether it acts for a person, and how valuable the data is.
pub(super) fn options(
    a: &LinkAnalysis,
    opener: Opener,
    into_salesforce: bool,
    salesforce_end: bool,
) -> Vec<&'static str> {
    let f = &a.facts;
    let for_person = f.on_behalf_of_user;
    let by_target = opener == Opener::Target;
    let v = crate::analysis::connection::of(f).view(f);
    let browser = match (v.from_kind, v.to_kind) {
        (SystemKind::Spa, SystemKind::WebApp) => Browser::ToAServer,
        (SystemKind::Spa, _) => Browser::ToAnApi,
        _ => Browser::No,
    };
    let mut o = auth_flow(
        a,
        by_target,
        for_person,
        browser,
        into_salesforce,
        salesforce_end,
    );
    // High-value data for a person: harden the authorization request itself.
    if f.sensitivity == Sensitivity::Regulated {
        match a.auth_flow.choice {
            AuthFlow::WebServer => o.push(HIGH_VALUE_CONFIDENTIAL),
            AuthFlow::WebServerPkce => o.push(HIGH_VALUE_PUBLIC),
            _ => {}
        }
    }
    o
}

/// Whether the side that connects is a browser app, and what it calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Browser {
    No,
    /// A web app, which may be the browser app's own backend-for-frontend.
    ToAServer,
    ToAnApi,
}

/// PAR and FAPI 2.0 for a confidential client acting for a person on regulated data.
const HIGH_VALUE_CONFIDENTIAL: &str = concatcp!(
    "High-value data: send the authorization request by PAR (",
    RFC_9126.name,
    ") and follow the ",
    FAPI_2.name,
    " Security Profile (PAR, PKCE, sender-constrained tokens), where the authorization server supports them"
);
/// The same for a public client, which FAPI 2.0 does not admit.
const HIGH_VALUE_PUBLIC: &str = concatcp!(
    "High-value data: PAR (",
    RFC_9126.name,
    ") where the authorization server supports it; the ",
    FAPI_2.name,
    " Security Profile admits confidential clients only, so it takes a backend of the app's own to run the flow"
);

/// How to build the recommended auth flow, where it is run.
fn auth_flow(
    a: &LinkAnalysis,
    by_target: bool,
    for_person: bool,
    browser: Browser,
    into_salesforce: bool,
    salesforce_end: bool,
) -> Vec<&'static str> {
    if !salesforce_end || !(into_salesforce || a.auth_flow.choice == AuthFlow::NamedCredential) {
        return at_another_server(a.auth_flow.choice, browser);
    }
    at_salesforce(a.auth_flow.choice, by_target, for_person, browser)
}

/// How to build the flow where the authorization server is not Salesforce's.
fn at_another_server(flow: AuthFlow, browser: Browser) -> Vec<&'static str> {
    match flow {
        AuthFlow::WebServerPkce if browser == Browser::ToAServer => vec![
            concatcp!(
                "If this web app is the browser app's own backend-for-frontend (",
                RFC_10017.name,
                "), it signs the person in as a confidential client and the browser needs only its session cookie on this link"
            ),
            concatcp!(
                "Otherwise: PKCE on every code exchange (",
                RFC_7636.name,
                ")"
            ),
        ],
        AuthFlow::WebServerPkce if browser == Browser::ToAnApi => vec![
            BFF,
            concatcp!(
                "Without one: PKCE on every code exchange (",
                RFC_7636.name,
                ")"
            ),
        ],
        AuthFlow::WebServer | AuthFlow::WebServerPkce => vec![
            "Register the client with the target's authorization server (authorization code grant)",
            concatcp!("PKCE on every code exchange (", RFC_7636.name, ")"),
        ],
        AuthFlow::JwtBearer | AuthFlow::ClientCredentials | AuthFlow::AssetToken => vec![
            concatcp!(
                "Client credentials at the target's authorization server, the client proving itself with a signed JWT (private_key_jwt, ",
                RFC_7523.name,
                " section 2.2) or mutual-TLS client authentication (",
                RFC_8705.name,
                "), whichever it supports"
            ),
            "Keep the private key or certificate in a vault, with a rotation plan",
        ],
        AuthFlow::Device => vec![concatcp!(
            "The device authorization grant (",
            RFC_8628.name,
            ") at the target's authorization server"
        )],
        AuthFlow::SamlAssertion => vec![concatcp!(
            "The identity provider issues an assertion for the target's authorization server, exchanged for an access token (",
            RFC_7522.name,
            ")"
        )],
        AuthFlow::NamedCredential => Vec::new(),
        AuthFlow::Federation => {
            vec!["The app trusts the identity provider: SAML 2.0 Web Browser SSO or OpenID Connect"]
        }
        AuthFlow::None => vec![
            "Use the transport's own strong authentication (keys or certificates, not shared passwords)",
        ],
        AuthFlow::UsernamePassword | AuthFlow::UserAgent => Vec::new(),
    }
}

/// How to build the flow with Salesforce as the authorization server (or, for a Named
/// Credential, as the client).
fn at_salesforce(
    flow: AuthFlow,
    by_target: bool,
    for_person: bool,
    browser: Browser,
) -> Vec<&'static str> {
    match flow {
        AuthFlow::WebServer => vec![
            "Register the client as an External Client App with a callback URL; the client secret stays on the server",
            concatcp!(
                "Add PKCE as well: ",
                RFC_9700.name,
                " asks it of every client"
            ),
            "Refresh tokens so the person signs in rarely",
        ],
        AuthFlow::WebServerPkce if browser != Browser::No => vec![
            BFF,
            "Without one: External Client App with PKCE required and no client secret in the browser",
            concatcp!(
                "Refresh tokens rotated on every use or bound to the client (",
                RFC_9700.name,
                ")"
            ),
        ],
        AuthFlow::WebServerPkce => vec![
            "External Client App with PKCE required and no client secret in the app",
            "System browser or an in-app browser tab for the login, never an embedded web view",
            concatcp!(
                "Refresh tokens rotated on every use or bound to the client (",
                RFC_9700.name,
                "); on a phone, kept in the OS keystore"
            ),
        ],
        AuthFlow::JwtBearer if by_target => vec![
            "The subscriber or job registers its own External Client App with the integration user pre-authorised",
            "Upload the X.509 certificate to the app; keep the private key in a vault",
            "Sign a short-lived JWT per token request",
        ],
        AuthFlow::JwtBearer => vec![
            "External Client App with the integration user pre-authorised",
            "Upload the X.509 certificate to the app; keep the private key in a vault",
            "Sign a short-lived JWT per token request",
        ],
        AuthFlow::Device => vec![
            "External Client App with the device flow enabled",
            "Show the user code and verification URL on the device; the person approves on a phone or computer",
            "The device polls the token endpoint until approved",
        ],
        AuthFlow::SamlAssertion => vec![
            "The identity provider issues an assertion for Salesforce (audience and recipient: its token endpoint); the app exchanges it for an access token",
            "Salesforce trusts the identity provider's signing certificate",
        ],
        AuthFlow::AssetToken => vec![
            "Register the device as an Asset in Salesforce",
            "Device signs a JWT tied to its asset and exchanges it for an asset token",
        ],
        AuthFlow::ClientCredentials => vec![
            "External Client App with the client credentials flow and a run-as integration user",
            "Keep the client secret in a vault and rotate it",
        ],
        AuthFlow::NamedCredential if for_person => vec![
            "Named Credential with an External Credential and a per-user principal: each user's own token",
            "No secrets in code or custom settings",
        ],
        AuthFlow::NamedCredential => vec![
            "Named Credential with an External Credential (OAuth client credentials or a signed JWT)",
            "No secrets in code or custom settings",
        ],
        AuthFlow::Federation => vec![
            "Salesforce trusts the identity provider: SAML 2.0 Web Browser SSO or OpenID Connect",
        ],
        AuthFlow::None => vec![
            "Use the transport's own strong authentication (keys or certificates, not shared passwords)",
        ],
        AuthFlow::UsernamePassword | AuthFlow::UserAgent => Vec::new(),
    }
}

/// A browser app's first choice: the flow run by a server side of its own.
const BFF: &str = concatcp!(
    "First choice: a backend-for-frontend (",
    RFC_10017.name,
    "), a small server side of the app's own that signs the person in as a confidential client (the web server flow, with PKCE) and keeps the tokens out of the browser, which holds only a session cookie"
);
