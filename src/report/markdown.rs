//! The report as Markdown, for a design-review page or a pull request.

use super::Change;
use crate::analysis::Analysis;
use crate::analysis::decision::Decision;
use crate::analysis::findings::link_name;
use crate::model::Design;
use std::fmt::Write;

/// Escapes text for a Markdown table cell or line: no markup, no table breaks.
///
/// Neutralises CommonMark's inline markup (`*`, `_`, `` ` ``, `[`, `]`, `!`, `<`, `>`,
/// `\\`) and block starts (`#`, and a leading `-`, `+`, `=` or `1.` that would make
/// a list or a heading), GitHub's extensions (`~~strike~~`, tables' `|`, and the
/// autolinks it makes of `www.`, `http://` and `e-mail@addresses`), and character
/// references: `&` is written `&amp;`, so `&lt;` or `&copy;` in a name stay as typed.
/// Line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            '&' => out.push_str("&amp;"),
            // "http://" is an autolink on GitHub: escape its colon, and only that one.
            ':' if chars.clone().take(2).eq("//".chars()) => out.push_str("\\:"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' | '@' => {
                out.push('\\');
                out.push(c);
            }
            // A line that starts like a list item or a heading underline.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            // "1. " at the start is an ordered list.
            '0'..='9' if at_start => {
                out.push(c);
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    out.push(d);
                }
                // Only "1. " or "1)" at the end makes a list; "2.5 s" stays as it is.
                let mut ahead = chars.clone();
                if matches!(ahead.next(), Some('.' | ')'))
                    && ahead.next().is_none_or(char::is_whitespace)
                {
                    out.push('\\');
                    out.extend(chars.next());
                }
            }
            // "www." is an autolink on GitHub: escape its dot.
            'w' | 'W' if www_ahead(c, &chars) => {
                out.push(c);
                out.extend(chars.by_ref().take(2));
                chars.next();
                out.push_str("\\.");
            }
            c => out.push(c),
        }
        at_start = false;
    }
    out
}

/// Whether `first` and the next three characters spell `www.`, in any case.
fn www_ahead(first: char, chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let ahead: String = chars.clone().take(3).collect();
    first.eq_ignore_ascii_case(&'w') && ahead.eq_ignore_ascii_case("ww.")
}

fn cell<T: Copy>(d: &Decision<T>, show: impl Fn(T) -> String + Copy) -> String {
    let mut s = format!("**{}**<br>{}", show(d.choice), escape(&d.reason));
    if let Some(r) = d.runner_up {
        let _ = write!(s, "<br>runner-up: {}", show(r));
    }
    let _ = match Change::of(d, show) {
        Change::Flips(flips) => write!(s, "<br>changes {}", escape(&flips)),
        Change::OutOfReach(why) => write!(s, "<br>out of reach: {}", escape(why)),
    };
    s
}

/// The analysis as Markdown.
pub fn render(design: &Design, analysis: &Analysis) -> String {
    let mut out = String::new();
    head(&mut out, design, analysis);
    esb(&mut out, analysis);
    links(&mut out, design, analysis);
    flows(&mut out, design, analysis);
    findings(&mut out, design, analysis);
    waivers(&mut out, design, analysis);
    inputs(&mut out, analysis);
    out
}

/// The title, description, summary and the Mermaid diagram (or why it is left out).
fn head(out: &mut String, design: &Design, analysis: &Analysis) {
    let _ = writeln!(out, "# {}\n", escape(&design.name));
    if !design.description.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&design.description));
    }
    let _ = writeln!(out, "{}.\n", escape(&super::summary(design)));

    // Hosts that render Mermaid (GitHub, GitLab, many wikis) show the picture; past
    // Mermaid's limits they show an error instead, so a note takes its place.
    let diagram = super::graphs::mermaid(design, analysis);
    match super::graphs::mermaid_too_big(&diagram, design.links.len()) {
        None => {
            let _ = writeln!(out, "## Diagram\n\n```mermaid\n{diagram}```\n");
        }
        Some(why) => {
            let _ = writeln!(
                out,
                "## Diagram\n\nNot drawn here: {why}. Export the design as SVG or PNG \
                 (`patchbay export FILE --to svg`) and link the picture.\n"
            );
        }
    }
}

/// The bus verdict: the counts, the signals and what would change it.
fn esb(out: &mut String, analysis: &Analysis) {
    let esb = &analysis.esb;
    let _ = writeln!(out, "## Enterprise Service Bus: {}\n", esb.verdict.label());
    let _ = writeln!(out, "{}\n", escape(&esb.reason));
    let _ = writeln!(
        out,
        "| systems (n) | point-to-point today (p) | full mesh n(n-1)/2 | through a hub |"
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
}

/// The links' decisions in a table, then the options that apply to each link.
fn links(out: &mut String, design: &Design, analysis: &Analysis) {
    let _ = writeln!(out, "## Links\n");
    let _ = writeln!(out, "| link | pattern | events | auth flow | mTLS |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for a in analysis.links.iter() {
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
    // Grouped by the decision each option serves, and only what applies to the link:
    // the way its connection goes, whether it acts for a person, the mechanism chosen.
    for a in analysis.links.iter() {
        let l = &design.links[a.index];
        let groups = crate::analysis::options::of(a);
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- **{} {}**", l.id.0, escape(&link_name(design, l)));
        let _ = writeln!(out, "  - connects: {}", escape(&super::connects(design, a)));
        for (decision, opts) in groups.groups() {
            if !opts.is_empty() {
                let _ = writeln!(out, "  - {decision}: {}", escape(&opts.join("; ")));
            }
        }
    }
}

/// Each flow's steps and its sequence diagram.
fn flows(out: &mut String, design: &Design, analysis: &Analysis) {
    if !analysis.flows.is_empty() {
        let _ = writeln!(out, "\n## Flows\n");
        for fa in &analysis.flows {
            let (name, lines) = super::flow_lines(design, fa);
            let _ = writeln!(out, "### {}\n", escape(&name));
            for line in lines {
                let _ = writeln!(out, "- {}", escape(&line));
            }
            let _ = writeln!(
                out,
                "\n```mermaid\n{}```\n",
                super::sequence::mermaid(design, &design.flows[fa.flow])
            );
        }
    }
}

/// The findings, worst first, each with why and what to do instead.
fn findings(out: &mut String, design: &Design, analysis: &Analysis) {
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
}

/// The accepted findings and the waivers that no longer hold.
fn waivers(out: &mut String, design: &Design, analysis: &Analysis) {
    let accepted = super::accepted_lines(design, analysis);
    if !accepted.is_empty() {
        let _ = writeln!(out, "## Accepted findings: {}\n", accepted.len());
        for line in accepted {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        let _ = writeln!(out);
    }
    let lapsed = super::lapsed_lines(design, analysis);
    if !lapsed.is_empty() {
        let _ = writeln!(out, "## Waivers that no longer hold\n");
        for line in lapsed {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        let _ = writeln!(out);
    }
}

/// The inputs the advice names, and when its facts were checked.
fn inputs(out: &mut String, analysis: &Analysis) {
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
    let _ = writeln!(
        out,
        "*Facts checked {}: the platform and standards facts behind this advice are listed by `patchbay explain facts`.*",
        crate::standards::checked()
    );
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_text_stays_text() {
        for (text, escaped) in [
            ("~~wave~~", "\\~\\~wave\\~\\~"),
            ("&lt;b&gt; &copy;", "&amp;lt;b&amp;gt; &amp;copy;"),
            ("See WWW.example.com", "See WWW\\.example.com"),
            ("https://x.org", "https\\://x.org"),
            ("me@x.org", "me\\@x.org"),
            ("- not a list", "\\- not a list"),
            ("12. not a list", "12\\. not a list"),
            ("a - b", "a - b"),
            ("2.5 s", "2.5 s"),
        ] {
            assert_eq!(escape(text), escaped, "{text}");
        }
    }
}
