//! The report as Markdown, for a design-review page or a pull request.

use super::{flip_text, options};
use crate::analysis::Analysis;
use crate::analysis::decision::Decision;
use crate::analysis::findings::link_name;
use crate::model::Design;
use std::fmt::Write;

/// Escapes text for a Markdown table cell or line: no markup, no table breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn cell<T: Copy>(d: &Decision<T>, show: impl Fn(T) -> String + Copy) -> String {
    let mut s = format!("**{}**<br>{}", show(d.choice), escape(&d.reason));
    if let Some(r) = d.runner_up {
        let _ = write!(s, "<br>runner-up: {}", show(r));
    }
    match flip_text(d, show) {
        Some(flip) => {
            let _ = write!(s, "<br>changes {}", escape(&flip));
        }
        None => s.push_str("<br>no single input change alters it"),
    }
    s
}

/// The analysis as Markdown.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&design.name));
    if !design.description.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&design.description));
    }
    let _ = writeln!(out, "{}.\n", escape(&super::summary(design)));

    // Hosts that render Mermaid (GitHub, GitLab, many wikis) show the picture.
    let _ = writeln!(
        out,
        "## Diagram\n\n```mermaid\n{}```\n",
        super::graphs::mermaid(design, analysis)
    );

    let esb = &analysis.esb;
    let _ = writeln!(out, "## Enterprise Service Bus: {}\n", esb.verdict.label());
    let _ = writeln!(out, "{}\n", escape(&esb.reason));
    let _ = writeln!(
        out,
        "| systems (n) | point-to-point today (p) | full mesh n(n-1)/2 | via a hub |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n",
        esb.systems, esb.point_to_point, esb.full_mesh, esb.via_hub
    );
    if !esb.signals.is_empty() {
        let _ = writeln!(out, "Signals:\n");
        for s in &esb.signals {
            let _ = writeln!(out, "- **{}**: {}", s.kind.label(), escape(&s.evidence));
        }
        let _ = writeln!(out);
    }
    if let Some(flip) = &esb.flip {
        let _ = writeln!(out, "The verdict would change {}.\n", escape(flip));
    }

    let _ = writeln!(out, "## Links\n");
    let _ = writeln!(out, "| link | pattern | events | auth flow | mTLS |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for a in &analysis.links {
        let l = &design.links[a.index];
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} |",
            l.id.0,
            escape(&link_name(design, l)),
            cell(&a.pattern, |p| p.id().to_owned()),
            cell(&a.events, |e| e.id().to_owned()),
            cell(&a.auth_flow, |f| f.id().to_owned()),
            cell(&a.mtls, |b| if b { "yes".into() } else { "no".into() }),
        );
    }
    let _ = writeln!(out, "\n### Implementation options\n");
    for a in &analysis.links {
        let l = &design.links[a.index];
        let opts: Vec<&str> = options(a).iter().flat_map(|o| o.iter().copied()).collect();
        let _ = writeln!(
            out,
            "- **{} {}**: {}",
            l.id.0,
            escape(&link_name(design, l)),
            escape(&opts.join("; "))
        );
    }

    let (high, warning, info) = analysis.counts();
    let _ = writeln!(
        out,
        "\n## Findings: {high} high, {warning} warning, {info} info\n"
    );
    for (severity, group) in analysis.findings_by_severity() {
        let _ = writeln!(out, "### {}\n", severity.label());
        for f in group {
            let _ = writeln!(
                out,
                "- **{}** {}: {} {}",
                f.rule.id,
                escape(f.rule.title),
                escape(&f.subject.name(design)),
                escape(&f.message)
            );
            let _ = writeln!(out, "  - Why: {}", escape(f.rule.why));
            let _ = writeln!(out, "  - Instead: {}", escape(f.rule.instead));
        }
        let _ = writeln!(out);
    }
    let inputs = super::inputs_named(analysis);
    if !inputs.is_empty() {
        let _ = writeln!(out, "## Inputs named above\n");
        for attr in inputs {
            let _ = writeln!(
                out,
                "- **{}** (`{}`): {}",
                escape(attr.label()),
                attr.id(),
                escape(attr.help())
            );
        }
        let _ = writeln!(out);
    }
    out
}
