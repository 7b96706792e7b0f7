//! AUTH-003: a link's current flow does not fit its source.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "AUTH-003",
    title: "Auth flow does not fit the caller",
    severity: Severity::Warning,
    checks: "Links whose current `auth` differs from the recommended flow in a way that matters: a secret-based flow on a client that cannot keep a secret, a person's login flow where no person is present, or a server flow where a person should sign in (OAuth over a transport that carries none is INPUT-006's).",
    why: "A flow built for another kind of caller either leaks what it must protect (a secret shipped inside a browser or mobile app), cannot work at all (a login page nobody sees), or acts with the wrong identity (an integration user where the person's own permissions should apply).",
    instead: "Switch to the recommended flow shown on the link; its reason says which property of the caller decides it.",
    references: &[
        crate::cite!(crate::standards::RFC_6749, " section 2.1 (client types)"),
        crate::cite!(crate::standards::RFC_7523),
        crate::cite!(crate::standards::RFC_8628),
        article!("The Different Types of Authentication Flows"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

/// Differences that are acceptable variants rather than misfits.
fn acceptable(current: AuthFlow, recommended: AuthFlow) -> bool {
    matches!(
        (current, recommended),
        (AuthFlow::WebServerPkce, AuthFlow::WebServer)
            | (AuthFlow::ClientCredentials, AuthFlow::JwtBearer)
            | (
                AuthFlow::ClientCredentials | AuthFlow::JwtBearer,
                AuthFlow::NamedCredential
            )
    )
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        let Some(current) = link.auth else { continue };
        let recommended = a.auth_flow.choice;
        // The two anti-pattern flows have rules of their own, and so does OAuth over a
        // transport that carries none (INPUT-006): one problem, one finding.
        let oauth_over_transport = current != AuthFlow::None
            && crate::analysis::auth::transport_auth(link.protocol).is_some();
        if matches!(current, AuthFlow::UsernamePassword | AuthFlow::UserAgent)
            || oauth_over_transport
            || current == recommended
            || acceptable(current, recommended)
        {
            continue;
        }
        out.push(RULE.finding(
            Subject::Link(link.id),
            format!(
                "uses {} but {} fits this caller: {}",
                current.id(),
                recommended.id(),
                a.auth_flow.reason
            ),
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |auth| {
        sketch(&[
            ("Mobile", SystemKind::MobileApp),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| {
            l.auth = Some(auth);
            l.on_behalf_of_user = true;
        })
        .build()
    };
    // A mobile app cannot keep the private key that JWT bearer needs.
    Fixture {
        fires: design(AuthFlow::JwtBearer),
        quiet: design(AuthFlow::WebServerPkce),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_on_a_confidential_client_is_an_acceptable_variant() {
        assert!(acceptable(AuthFlow::WebServerPkce, AuthFlow::WebServer));
        assert!(!acceptable(AuthFlow::WebServer, AuthFlow::WebServerPkce));
    }
}
