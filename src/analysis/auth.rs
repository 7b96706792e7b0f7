//! Which OAuth flow the link's source should use to get its token (DOMAIN 2.3).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, LinkFacts};
use crate::model::{AuthFlow, Protocol, SystemKind};
use std::borrow::Cow;

/// The branch of the auth decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Transport(Protocol),
    /// Salesforce calls out; `per_user` when the link acts for the signed-in user.
    SalesforceCaller {
        per_user: bool,
    },
    Device,
    LimitedInput,
    SamlAssertion,
    ConfidentialUser,
    PublicClient,
    /// A source with a person at it that keeps a secret, calling as an integration
    /// user rather than for the person.
    IntegrationUser,
    ServerToServer,
}

/// Protocols that do not carry OAuth tokens; they authenticate in their own way.
pub fn transport_auth(protocol: Protocol) -> Option<&'static str> {
    Some(match protocol {
        Protocol::Sftp => "SSH keys",
        Protocol::Ftp => "a user name and password sent in clear text",
        Protocol::File => "file-system permissions on the shared folder",
        Protocol::Jdbc => "database credentials",
        Protocol::Jms | Protocol::Amqp | Protocol::Kafka | Protocol::Mqtt => {
            "broker credentials or client certificates"
        }
        Protocol::Email => "the mail server's own authentication",
        Protocol::Rest | Protocol::Soap | Protocol::Graphql | Protocol::Grpc | Protocol::Http => {
            return None;
        }
    })
}

/// How to set a flow up between two systems when neither is Salesforce: the same OAuth
/// grant, with the target's own authorization server.
pub const fn options_between_others(flow: AuthFlow) -> &'static [&'static str] {
    match flow {
        AuthFlow::WebServer | AuthFlow::WebServerPkce => &[
            "Register the client with the target's authorization server (authorization code grant)",
            "PKCE on every code exchange (RFC 7636)",
            "Refresh tokens kept on the server side only",
        ],
        AuthFlow::JwtBearer => &[
            "Register the caller's certificate with the target's authorization server",
            "Sign a short-lived JWT per token request (RFC 7523)",
        ],
        AuthFlow::Device => {
            &["The device authorization grant (RFC 8628) at the target's authorization server"]
        }
        AuthFlow::SamlAssertion => &["Exchange the SAML assertion for an access token (RFC 7522)"],
        AuthFlow::AssetToken | AuthFlow::ClientCredentials | AuthFlow::NamedCredential => &[
            "Client credentials from the target's authorization server, kept in a vault and rotated",
            "A client certificate instead of a shared secret where the target accepts one",
        ],
        AuthFlow::UsernamePassword | AuthFlow::UserAgent => &[],
        AuthFlow::None => options(AuthFlow::None),
    }
}

/// How to set a flow up, with Salesforce as one end.
pub const fn options(flow: AuthFlow) -> &'static [&'static str] {
    match flow {
        AuthFlow::WebServer => &[
            "Connected app (or external client app) with a callback URL and a client secret kept on the server",
            "Add PKCE as well: it costs nothing and protects the code",
            "Refresh tokens so the user signs in rarely",
        ],
        AuthFlow::WebServerPkce => &[
            "Connected app with PKCE required and no client secret in the app",
            "System browser or an in-app browser tab for the login, never an embedded web view",
            "Refresh token rotation for long sessions",
        ],
        AuthFlow::JwtBearer => &[
            "Connected app with the integration user pre-authorised",
            "Upload the X.509 certificate to the app; keep the private key in a vault",
            "Sign a short-lived JWT per token request",
        ],
        AuthFlow::Device => &[
            "Connected app with the device flow enabled",
            "Show the user code and verification URL on the device; the person approves on a phone or computer",
            "The device polls the token endpoint until approved",
        ],
        AuthFlow::SamlAssertion => &[
            "Exchange the SAML assertion from single sign-on for an access token",
            "Salesforce must trust the identity provider's signing certificate",
        ],
        AuthFlow::AssetToken => &[
            "Register the device as an Asset in Salesforce",
            "Device signs a JWT tied to its asset and exchanges it for an asset token",
        ],
        AuthFlow::ClientCredentials => &[
            "Connected app with the client credentials flow and a run-as integration user",
            "Keep the client secret in a vault and rotate it",
        ],
        AuthFlow::NamedCredential => &[
            "Named Credential with an External Credential (OAuth client credentials or JWT)",
            "Per-user principal when acting for the signed-in user",
            "No secrets in code or custom settings",
        ],
        AuthFlow::UsernamePassword | AuthFlow::UserAgent => &[],
        AuthFlow::None => &[
            "Use the transport's own strong authentication (keys or certificates, not shared passwords)",
        ],
    }
}

static Q_TRANSPORT: Question = Question {
    text: "Is it a protocol that carries no OAuth token (file transfer, database, messaging, e-mail)?",
    reads: &[Attr::Protocol],
};
static Q_SALESFORCE_CALLS: Question = Question {
    text: "Is Salesforce the caller?",
    reads: &[Attr::FromKind],
};
static Q_DEVICE: Question = Question {
    text: "Is the caller a registered device?",
    reads: &[Attr::FromKind],
};
static Q_PERSON: Question = Question {
    text: "Is a person in the exchange: the link acts for the signed-in user, or the caller is an app on a person's device that cannot keep a secret?",
    reads: &[
        Attr::OnBehalfOfUser,
        Attr::FromUserPresent,
        Attr::FromKeepsSecret,
    ],
};
static Q_NO_KEYBOARD: Question = Question {
    text: "Does the person's device lack a browser or keyboard?",
    reads: &[Attr::FromLimitedInput],
};
static Q_SAML: Question = Question {
    text: "Has the person already signed in with SAML single sign-on?",
    reads: &[Attr::FromHasSamlSso, Attr::FromLinkedToIdp],
};
static Q_SECRET: Question = Question {
    text: "Can the caller keep a secret on a server?",
    reads: &[Attr::FromKeepsSecret],
};
static Q_INTEGRATION_USER: Question = Question {
    text: "Does the caller have a person at it, calling as an integration user?",
    reads: &[Attr::FromUserPresent],
};

/// The auth-flow decision.
pub struct AuthDecision;

impl Decide for AuthDecision {
    type Choice = AuthFlow;
    type Step = Step;
    // The transport comes last: "if it were JMS there would be no OAuth" rarely teaches
    // anything that the caller's own properties do not.
    const READS: &'static [Attr] = &[
        Attr::FromKind,
        Attr::FromUserPresent,
        Attr::OnBehalfOfUser,
        Attr::FromKeepsSecret,
        Attr::FromLimitedInput,
        Attr::FromHasSamlSso,
        Attr::FromLinkedToIdp,
        Attr::Protocol,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (AuthFlow, Step) {
        if t.ask(&Q_TRANSPORT, transport_auth(f.protocol).is_some()) {
            (AuthFlow::None, Step::Transport(f.protocol))
        } else if t.ask(
            &Q_SALESFORCE_CALLS,
            f.from_kind == SystemKind::SalesforceOrg,
        ) {
            (
                AuthFlow::NamedCredential,
                Step::SalesforceCaller {
                    per_user: f.on_behalf_of_user,
                },
            )
        } else if t.ask(&Q_DEVICE, f.from_kind == SystemKind::IotDevice) {
            (AuthFlow::AssetToken, Step::Device)
        } else if t.ask(&Q_PERSON, f.person_present()) {
            if t.ask(&Q_NO_KEYBOARD, f.from.limited_input) {
                (AuthFlow::Device, Step::LimitedInput)
            } else if t.ask(&Q_SAML, f.from.has_saml_sso || f.from_linked_to_idp) {
                (AuthFlow::SamlAssertion, Step::SamlAssertion)
            } else if t.ask(&Q_SECRET, f.from.keeps_secret) {
                (AuthFlow::WebServer, Step::ConfidentialUser)
            } else {
                (AuthFlow::WebServerPkce, Step::PublicClient)
            }
        } else if t.ask(&Q_INTEGRATION_USER, f.from.user_present) {
            (AuthFlow::JwtBearer, Step::IntegrationUser)
        } else {
            (AuthFlow::JwtBearer, Step::ServerToServer)
        }
    }

    fn decided_by(step: Step) -> &'static [Attr] {
        match step {
            Step::Transport(_) => &[Attr::Protocol],
            Step::SalesforceCaller { per_user: false } => &[Attr::FromKind],
            Step::SalesforceCaller { per_user: true } => &[Attr::FromKind, Attr::OnBehalfOfUser],
            Step::Device => &[Attr::FromKind],
            Step::LimitedInput => &[Attr::FromLimitedInput, Attr::FromUserPresent],
            Step::SamlAssertion => &[
                Attr::FromHasSamlSso,
                Attr::FromLinkedToIdp,
                Attr::FromUserPresent,
            ],
            Step::ConfidentialUser => &[Attr::OnBehalfOfUser, Attr::FromKeepsSecret],
            Step::PublicClient => &[Attr::FromKeepsSecret, Attr::FromUserPresent],
            Step::IntegrationUser => &[Attr::OnBehalfOfUser, Attr::FromKeepsSecret],
            Step::ServerToServer => &[Attr::FromUserPresent, Attr::OnBehalfOfUser],
        }
    }

    fn reason(step: Step, _f: &LinkFacts) -> Cow<'static, str> {
        match step {
            Step::Transport(p) => Cow::Owned(format!(
                "{} does not carry OAuth tokens; it authenticates with {}.",
                p.label(),
                transport_auth(p).unwrap_or("its own mechanism")
            )),
            Step::SalesforceCaller { per_user } => {
                if per_user {
                    "Salesforce is the caller: a Named Credential with a per-user principal holds each user's token, so no code ever sees a secret.".into()
                } else {
                    "Salesforce is the caller: a Named Credential with an external credential (client credentials or JWT) keeps the secret out of code.".into()
                }
            }
            Step::Device => "The caller is a registered device with no person at it; it proves itself with a signed token tied to its asset record.".into(),
            Step::LimitedInput => "A person is there but the device has no browser or keyboard, so they approve the login on another device with a short code.".into(),
            Step::SamlAssertion => "The user has already signed in through SAML single sign-on, so the app can trade that assertion for a token without a second login.".into(),
            Step::ConfidentialUser => "A person signs in through the browser and the app's server, which can keep a secret, swaps the code for the token out of the browser's reach.".into(),
            Step::PublicClient => "A person signs in, but the app runs on their device and cannot keep a secret, so it proves the code exchange with PKCE instead; the implicit flow would expose the token.".into(),
            Step::IntegrationUser => "The link does not act for the signed-in person: the app's server calls as an integration user and signs a JWT with its private key, so no password is stored and trust rests on a certificate.".into(),
            Step::ServerToServer => "No person is involved: the service signs a JWT with its private key, so no password is stored and trust rests on a certificate.".into(),
        }
    }

    fn fixed_runner_up(step: Step) -> Option<AuthFlow> {
        match step {
            // Where no certificate can be managed, a client secret is the fallback.
            Step::ServerToServer | Step::IntegrationUser => Some(AuthFlow::ClientCredentials),
            // A public client's next best is the same login if it could keep a secret;
            // a person is at the keyboard, so never a server-to-server flow.
            Step::PublicClient => Some(AuthFlow::WebServer),
            // PKCE on top of a confidential client is the safer variant of the same flow.
            Step::ConfidentialUser => Some(AuthFlow::WebServerPkce),
            // Without a Named Credential, the callout would run the flow itself: the
            // user's authorization code, or the server-to-server default, with the
            // tokens in Apex's hands.
            Step::SalesforceCaller { per_user: true } => Some(AuthFlow::WebServer),
            Step::SalesforceCaller { per_user: false } => Some(AuthFlow::JwtBearer),
            // A device that could not be registered as an asset signs its own JWT.
            Step::Device => Some(AuthFlow::JwtBearer),
            _ => None,
        }
    }
}
