//! AUTH-002: a link takes its token through the user-agent (implicit) flow.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "AUTH-002",
    title: "User-agent (implicit) flow in use",
    severity: Severity::High,
    checks: "Links whose current `auth` is `user-agent`.",
    why: "The implicit flow hands the access token back in the browser's address fragment, where history, extensions and referrers can leak it, and nothing binds the token to the app that asked for it. The OAuth security best practice says clients should not use it.",
    instead: "Use the web server flow with PKCE: the app gets a one-time code and proves, with a secret it made for this login, that it is the one that asked.",
    references: &[
        crate::cite!(crate::standards::RFC_9700, " section 2.1.2"),
        crate::cite!(crate::standards::RFC_7636),
        article!("User-Agent Flow"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.auth == Some(AuthFlow::UserAgent) {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "receives its token in the browser through the implicit flow; use {} instead",
                    a.auth_flow.choice.id()
                ),
            ));
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |auth| {
        sketch(&[
            ("Dashboard", SystemKind::Spa),
            ("Org", SystemKind::SalesforceOrg),
        ])
        .link(1, 2, |l| {
            l.auth = Some(auth);
            l.needs_response = true;
        })
        .build()
    };
    Fixture {
        fires: design(AuthFlow::UserAgent),
        quiet: design(AuthFlow::WebServerPkce),
    }
}
