//! TLS-001: a link over a protocol without encryption.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "TLS-001",
    title: "Unencrypted protocol",
    severity: Severity::High,
    checks: "Links over plain `http` or `ftp`.",
    why: "Without TLS anyone on the network path can read the data and the credentials sent with it, and change both on the way; FTP even sends its password in clear text.",
    instead: "Use HTTPS instead of HTTP and SFTP (or FTPS) instead of FTP; add mutual TLS where the link's mTLS recommendation says so.",
    references: &[
        article!("What is TLS and mTLS?"),
        crate::cite!(crate::standards::RFC_8446),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (link, _) in cx.each_link() {
        let secure = match link.protocol {
            Protocol::Http => "HTTPS",
            Protocol::Ftp => "SFTP",
            _ => continue,
        };
        out.push(RULE.finding(
            Subject::Link(link.id),
            format!(
                "travels unencrypted over {}; use {secure}",
                link.protocol.label()
            ),
        ));
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |protocol| {
        sketch(&[
            ("Warehouse", SystemKind::LegacySystem),
            ("Files", SystemKind::FileServer),
        ])
        .link(1, 2, |l| l.protocol = protocol)
        .build()
    };
    Fixture {
        fires: design(Protocol::Ftp),
        quiet: design(Protocol::Sftp),
    }
}
