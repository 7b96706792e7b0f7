//! AUTH-001: a link signs in with the username-password flow.

use super::prelude::*;

use crate::fact_date;
use crate::standards::{
    EXTERNAL_CLIENT_APPS, RFC_9700, USERNAME_PASSWORD_BLOCKED, USERNAME_PASSWORD_RETIREMENT,
};
use const_format::concatcp;

const RETIRED: &str = fact_date!(USERNAME_PASSWORD_RETIREMENT);

pub static RULE: Rule = Rule {
    id: "AUTH-001",
    title: "Username-password flow in use",
    severity: Severity::High,
    checks: "Links whose current `auth` is `username-password`.",
    why: concatcp!(
        "Into Salesforce the link will stop working: Salesforce retires the username-password flow for connected apps on ",
        RETIRED,
        ", with no extension, and orgs created since ",
        fact_date!(USERNAME_PASSWORD_BLOCKED),
        " already block it by default. Until then the caller stores a real user's password and security token, and the flow cannot do multi-factor authentication; the OAuth security best practice (",
        RFC_9700.name,
        ") says clients must not use the password grant, towards any provider."
    ),
    instead: concatcp!(
        "Before ",
        RETIRED,
        ", register the caller as an External Client App (new connected apps can no longer be created since ",
        fact_date!(EXTERNAL_CLIENT_APPS),
        ") and move a server-to-server caller to the client credentials flow, the way out Salesforce names, or to the JWT bearer flow with a certificate, the stronger default; move a person to the web server flow with PKCE. The link's recommended flow says which."
    ),
    references: &[
        crate::cite!(USERNAME_PASSWORD_RETIREMENT),
        crate::cite!(EXTERNAL_CLIENT_APPS),
        crate::cite!(RFC_9700, " section 2.4"),
        article!("Username-Password Flow"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.auth != Some(AuthFlow::UsernamePassword) {
            continue;
        }
        let into_salesforce = crate::analysis::connection::of(&a.facts).into_salesforce(&a.facts);
        let recommended = a.auth_flow.choice.id();
        let message = if !into_salesforce {
            format!("signs in with a stored username and password; use {recommended} instead")
        } else if let Some(other) = match a.auth_flow.choice {
            AuthFlow::JwtBearer => Some(AuthFlow::ClientCredentials),
            AuthFlow::ClientCredentials => Some(AuthFlow::JwtBearer),
            _ => None,
        } {
            format!(
                "signs in with a stored username and password, which stops working on {RETIRED}; move to {recommended} (or {}) through an External Client App",
                other.id()
            )
        } else {
            format!(
                "signs in with a stored username and password, which stops working on {RETIRED}; move to {recommended} through an External Client App"
            )
        };
        out.push(RULE.finding(Subject::Link(link.id), message));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |auth| {
        sketch(&[
            ("Script", SystemKind::BackendService),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| l.auth = Some(auth))
        .build()
    };
    Fixture {
        fires: design(AuthFlow::UsernamePassword),
        quiet: design(AuthFlow::JwtBearer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::model::Environment;

    #[test]
    fn names_the_flow_to_use_and_follows_the_environment() {
        let mut design = fixture().fires;
        let found = analyze(&design).findings;
        assert_eq!(
            found[0].message,
            "signs in with a stored username and password, which stops working on 20 February 2027; move to jwt-bearer (or client-credentials) through an External Client App"
        );
        assert_eq!(found[0].severity, Severity::High);
        design.environment = Environment::Prototype;
        assert_eq!(analyze(&design).findings[0].severity, Severity::Warning);
    }
}
