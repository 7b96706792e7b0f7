//! Which OAuth flow the link's source should use to get its token (DOMAIN 2.3).

use super::decision::{Decide, Question, Trace};
use super::facts::{Attr, LinkFacts};
pub use super::speaks::transport_auth;
use crate::model::{AuthFlow, Protocol, SystemKind};
use crate::standards::{RFC_7522, RFC_7523, RFC_8705, RFC_9700, RFC_10017};
use const_format::concatcp;
use std::borrow::Cow;

/// The branch of the auth decision that chose.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// Federated sign-in at an identity provider: the federation is the auth.
    SignIn,
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

static Q_SIGN_IN: Question = Question {
    text: "Is it a person signing in at an identity provider?",
    reads: &[Attr::FromKind, Attr::ToKind],
};
static Q_OTHER_SIDE_CONNECTS: Question = Question {
    text: "Does the other side open the connection (it subscribes to Salesforce's events, or its job pulls the bulk extract)?",
    reads: &[
        Attr::ToKind,
        Attr::FromKind,
        Attr::Latency,
        Attr::Trigger,
        Attr::Volume,
        Attr::NeedsResponse,
        Attr::ExternalPublish,
    ],
};
static Q_TRANSPORT: Question = Question {
    text: "Is it a protocol that carries no OAuth token (file transfer, database, messaging, e-mail)?",
    reads: &[Attr::Protocol],
};
static Q_SALESFORCE_CANNOT: Question = Question {
    text: "Is that a protocol Salesforce cannot speak, so the link is decided as the HTTPS API that would carry it?",
    reads: &[Attr::Protocol, Attr::FromKind, Attr::ToKind],
};
static Q_SALESFORCE_CALLS: Question = Question {
    text: "Does Salesforce open the connection (a callout)?",
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
        Attr::ToKind,
        Attr::ToKeepsSecret,
        Attr::ToUserPresent,
        Attr::Latency,
        Attr::Trigger,
        Attr::Volume,
        Attr::NeedsResponse,
        Attr::ExternalPublish,
        Attr::Protocol,
    ];

    fn decide_with(f: &LinkFacts, t: &mut impl Trace) -> (AuthFlow, Step) {
        if f.is_sign_in() && t.ask(&Q_SIGN_IN, true) {
            return (AuthFlow::Federation, Step::SignIn);
        }
        // Decided for the side that opens the connection (DOMAIN 1.1): a subscriber
        // or the job pulling a bulk extract signs in with its own client.
        let connection = super::connection::of(f);
        if connection.opener == super::connection::Opener::Target {
            t.ask(&Q_OTHER_SIDE_CONNECTS, true);
        }
        // Asked only with a Salesforce end: elsewhere every protocol can be spoken.
        let salesforce_end =
            f.from_kind == SystemKind::SalesforceOrg || f.to_kind == SystemKind::SalesforceOrg;
        let carried = connection.carried_protocol(f) != f.protocol;
        // Only a subscriber or a bulk job needs the facts turned round.
        let turned;
        let f = if connection.opener == super::connection::Opener::Target {
            turned = connection.view(f);
            &turned
        } else {
            f
        };
        if t.ask(&Q_TRANSPORT, transport_auth(f.protocol).is_some())
            && !(salesforce_end && t.ask(&Q_SALESFORCE_CANNOT, carried))
        {
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
            Step::SignIn => &[Attr::ToKind, Attr::FromKind],
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

    fn reason(step: Step, f: &LinkFacts) -> Cow<'static, str> {
        use super::connection::How;
        let connection = super::connection::of(f);
        let opener = match connection.how {
            How::Subscribe => {
                "The target opens the connection: it subscribes to Salesforce's events through the Pub/Sub API with an OAuth client of its own. "
            }
            How::BulkExtract => {
                "The target's job opens the connection and pulls the extract through Bulk API 2.0. "
            }
            How::BulkLoad => {
                "The source's job opens the connection and loads through Bulk API 2.0. "
            }
            How::Relay => "To relay each event to the target, ",
            How::Call | How::Virtual | How::SignIn => "",
        };
        let into_salesforce = connection.into_salesforce(f);
        let v = connection.view(f);
        let browser = match (v.from_kind, v.to_kind) {
            (SystemKind::Spa, SystemKind::WebApp) => Browser::ToAServer,
            (SystemKind::Spa, _) => Browser::ToAnApi,
            _ => Browser::No,
        };
        let mut decided = Self::sentence(step, into_salesforce, browser);
        // Two inputs that cannot both be true: say which one this recommendation took.
        if v.on_behalf_of_user
            && !v.from.user_present
            && matches!(
                step,
                Step::ConfidentialUser
                    | Step::PublicClient
                    | Step::SamlAssertion
                    | Step::LimitedInput
            )
        {
            decided = Cow::Owned(format!(
                "on_behalf_of_user wins over the caller having nobody at it (see INPUT-005): {decided}"
            ));
        }
        match connection.carried_note(f) {
            Some(note) => Cow::Owned(format!("{note}{opener}{decided}")),
            None if opener.is_empty() => decided,
            None => Cow::Owned(format!("{opener}{decided}")),
        }
    }

    fn fixed_runner_up(step: Step) -> Option<AuthFlow> {
        match step {
            Step::SignIn => Some(AuthFlow::Federation),
            // Where no certificate can be managed, a client secret is the fallback.
            Step::ServerToServer | Step::IntegrationUser => Some(AuthFlow::ClientCredentials),
            // A public client's next best is the same login if it could keep a secret;
            // a person is at the keyboard, so never a server-to-server flow.
            Step::PublicClient => Some(AuthFlow::WebServer),
            // The same login without a server side to keep a secret.
            Step::ConfidentialUser => Some(AuthFlow::WebServerPkce),
            // A device with a browser and keyboard would sign in as any public client.
            Step::LimitedInput => Some(AuthFlow::WebServerPkce),
            // Without a Named Credential, the callout would run the flow itself: the
            // user's authorization code, or the server-to-server default, with the
            // tokens in Apex's hands.
            Step::SalesforceCaller { per_user: true } => Some(AuthFlow::WebServer),
            Step::SalesforceCaller { per_user: false } => Some(AuthFlow::JwtBearer),
            // A device that could not be registered as an asset signs its own JWT.
            Step::Device => Some(AuthFlow::JwtBearer),
            // The person signs in at the authorization server directly.
            Step::SamlAssertion => Some(AuthFlow::WebServer),
            _ => None,
        }
    }

    fn out_of_reach(step: Step, _f: &LinkFacts) -> Option<&'static str> {
        match step {
            Step::SignIn => Some(
                "Signing in is federation: no setting of this link turns it into an OAuth flow.",
            ),
            Step::Device => Some(
                "A device not registered as an asset would sign its own JWT instead (the JWT bearer flow), with a private key provisioned on each device.",
            ),
            Step::SalesforceCaller { per_user: false } => Some(
                "Without a Named Credential the callout would run the JWT bearer flow itself, with the private key in Apex's hands; only the other end connecting to Salesforce instead would change who signs in.",
            ),
            Step::SalesforceCaller { per_user: true } => Some(
                "Without a Named Credential the callout would run each user's authorization-code flow itself, with the tokens in Apex's hands; only the other end connecting to Salesforce instead would change who signs in.",
            ),
            _ => None,
        }
    }

    // Sign-in is federation: no input a designer sets turns it into an OAuth flow.
    fn settled(f: &LinkFacts) -> bool {
        f.is_sign_in()
    }

    // Who opens the connection changes only where Salesforce is an end (and no flip
    // makes a system a Salesforce org): elsewhere the inputs that decide it cannot
    // change the flow.
    fn ignores(f: &LinkFacts, attr: Attr) -> bool {
        let salesforce_end =
            f.from_kind == SystemKind::SalesforceOrg || f.to_kind == SystemKind::SalesforceOrg;
        if salesforce_end {
            return false;
        }
        match attr {
            Attr::ToKind
            | Attr::ToKeepsSecret
            | Attr::ToUserPresent
            | Attr::Latency
            | Attr::Trigger
            | Attr::Volume
            | Attr::NeedsResponse
            | Attr::ExternalPublish => true,
            // Asked only once a person is in the exchange.
            Attr::FromLimitedInput | Attr::FromHasSamlSso | Attr::FromLinkedToIdp => {
                !f.person_present()
            }
            _ => false,
        }
    }
}

/// Whether the caller is a browser app, and what it calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Browser {
    No,
    /// A web app: it may be the browser app's own backend-for-frontend.
    ToAServer,
    ToAnApi,
}

impl AuthDecision {
    /// The decision's own sentence, for a connection into Salesforce or elsewhere.
    fn sentence(step: Step, into_salesforce: bool, browser: Browser) -> Cow<'static, str> {
        match step {
            Step::SignIn => "This is the person signing in: the app sends their browser to the identity provider, which authenticates them and returns a signed SAML assertion or OpenID Connect ID token. The federation is the authentication; no OAuth flow is run on this link.".into(),
            Step::Transport(p) => Cow::Owned(format!(
                "{} does not carry OAuth tokens; it authenticates with {}.",
                p.label(),
                transport_auth(p).unwrap_or("its own mechanism")
            )),
            Step::SalesforceCaller { per_user } => {
                if per_user {
                    "Salesforce opens the connection (a callout): a Named Credential with a per-user principal holds each user's token, so no code ever sees a secret.".into()
                } else {
                    "Salesforce opens the connection (a callout): a Named Credential with an external credential (client credentials or a signed JWT) keeps the secret out of code.".into()
                }
            }
            Step::Device => "The caller is a registered device with no person at it; it proves itself with a signed token tied to its asset record.".into(),
            Step::LimitedInput => "A person is there but the device has no browser or keyboard, so they approve the login on another device with a short code.".into(),
            Step::SamlAssertion if into_salesforce => "The person already signs in through SAML single sign-on, so the identity provider can issue an assertion for Salesforce (its token endpoint as audience and recipient), which the app exchanges for an access token without a second login; the assertion the app got when the person signed in to it is not reused.".into(),
            Step::SamlAssertion => concatcp!("The person already signs in through SAML single sign-on, so the identity provider can issue an assertion for the target's authorization server, which the app exchanges for an access token (", RFC_7522.name, ") without a second login; the assertion the app got when the person signed in to it is not reused.").into(),
            Step::ConfidentialUser => concatcp!("A person signs in through the browser and the app's server, which can keep a secret, swaps the code for the token out of the browser's reach, with PKCE as well (", RFC_9700.name, " asks it of every client).").into(),
            Step::PublicClient if browser == Browser::ToAServer => concatcp!("A person signs in, but the app runs in their browser and cannot keep a secret. If this server is the app's own backend-for-frontend, the first choice (", RFC_10017.name, "), it signs the person in as a confidential client (the web server flow, with PKCE), keeps the tokens and gives the browser only a session cookie; otherwise the browser runs the authorization code flow with PKCE itself. The implicit flow would expose the token.").into(),
            Step::PublicClient if browser == Browser::ToAnApi => concatcp!("A person signs in, but the app runs in their browser and cannot keep a secret. The first choice (", RFC_10017.name, ") is a backend-for-frontend: a small server side of the app's own signs the person in as a confidential client (the web server flow, with PKCE) and keeps the tokens out of the browser. Without one, the browser runs the authorization code flow with PKCE itself; the implicit flow would expose the token.").into(),
            Step::PublicClient => "A person signs in, but the app runs on their device and cannot keep a secret, so it proves the code exchange with PKCE instead; the implicit flow would expose the token.".into(),
            Step::IntegrationUser if into_salesforce => "The link does not act for the signed-in person: the app's server calls as an integration user and signs a JWT with its private key (the JWT bearer flow), so no password is stored and trust rests on a certificate.".into(),
            Step::ServerToServer if into_salesforce => "No person is involved: the connecting service signs a JWT with its private key (the JWT bearer flow), so no password is stored and trust rests on a certificate.".into(),
            Step::IntegrationUser | Step::ServerToServer => concatcp!("No person is involved on this connection: the caller gets its token with client credentials, proving itself with a signed JWT (private_key_jwt, ", RFC_7523.name, " section 2.2) or mutual-TLS client authentication (", RFC_8705.name, "), whichever the provider's authorization server supports, so no password or shared secret is stored.").into(),
        }
    }
}
