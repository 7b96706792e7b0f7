//! AUTH-001: a link signs in with the username-password flow.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "AUTH-001",
    title: "Username-password flow in use",
    severity: Severity::High,
    checks: "Links whose current `auth` is `username-password`.",
    why: "The caller has to store a real user's password and security token, the flow cannot do multi-factor authentication, newer orgs block it by default, and Salesforce has announced its retirement. The OAuth security best practice says clients must not use the password grant.",
    instead: "Move server-to-server callers to the JWT bearer flow with a certificate (client credentials where no certificate can be managed) and people to the web server flow; the link's recommended flow says which.",
    references: &[
        "OAuth 2.0 Security Best Current Practice, RFC 9700 section 2.4",
        article!("Username-Password Flow"),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, a) in cx.each_link() {
        if link.auth == Some(AuthFlow::UsernamePassword) {
            out.push(RULE.finding(
                Subject::Link(link.id),
                format!(
                    "signs in with a stored username and password; use {} instead",
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
            "signs in with a stored username and password; use jwt-bearer instead"
        );
        assert_eq!(found[0].severity, Severity::High);
        design.environment = Environment::Prototype;
        assert_eq!(analyze(&design).findings[0].severity, Severity::Warning);
    }
}
