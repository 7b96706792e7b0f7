//! The analysis as JUnit XML, the report every CI dashboard reads.
//!
//! Two suites. *Links*: a test case per link, holding its decisions (pattern, events,
//! auth flow, mTLS, each with its reason); a link always passes, since a
//! recommendation is advice, not a failure. *Findings*: a test case per finding, named
//! by its rule and subject. A finding at or above the `--fail-on` severity is a
//! failure; one below it passes, with its message as output; an accepted finding is
//! skipped, with the waiver's reason. Each case names the design file and the line of
//! its system or link, which GitLab and others link to.

use super::escape;
use super::places::Places;
use crate::analysis::findings::Finding;
use crate::analysis::{Analysis, Severity};
use crate::model::Design;
use xmlwriter::{Options, XmlWriter};

/// The JUnit XML of `design`'s analysis. `file` is the design file as given and `text`
/// its text (for each case's line); findings at `fail_at` or worse are failures.
pub fn render(
    design: &Design,
    analysis: &Analysis,
    file: &str,
    text: &str,
    fail_at: Option<Severity>,
) -> String {
    let places = Places::new(design, text);
    let fails = |f: &Finding| fail_at.is_some_and(|t| f.severity >= t);
    let failures = analysis.findings.iter().filter(|f| fails(f)).count();
    let findings = analysis.findings.len() + analysis.accepted.len();

    let mut w = XmlWriter::new(Options::default());
    w.write_declaration();
    w.start_element("testsuites");
    text_attribute(&mut w, "name", &format!("Patchbay: {}", design.name));
    w.write_attribute("tests", &(analysis.links.len() + findings));
    w.write_attribute("failures", &failures);
    w.write_attribute("errors", &0);
    w.write_attribute("skipped", &analysis.accepted.len());

    w.start_element("testsuite");
    w.write_attribute("name", "Links");
    w.write_attribute("tests", &analysis.links.len());
    w.write_attribute("failures", &0);
    w.write_attribute("errors", &0);
    w.write_attribute("skipped", &0);
    for a in analysis.links.iter() {
        let Some(link) = design.links.get(a.index) else {
            continue;
        };
        let name = crate::analysis::findings::link_name(design, link);
        let at = places.of(crate::analysis::Subject::Link(link.id));
        case(&mut w, "patchbay.links", &name, file, at.line);
        let decisions = format!(
            "pattern: {} ({})\nevents: {} ({})\nauth flow: {} ({})\nmTLS: {} ({})",
            a.pattern.choice.id(),
            a.pattern.reason,
            a.events.choice.id(),
            a.events.reason,
            a.auth_flow.choice.id(),
            a.auth_flow.reason,
            if a.mtls.choice { "yes" } else { "no" },
            a.mtls.reason,
        );
        element_text(&mut w, "system-out", &decisions);
        w.end_element();
    }
    w.end_element();

    w.start_element("testsuite");
    w.write_attribute("name", "Findings");
    w.write_attribute("tests", &findings);
    w.write_attribute("failures", &failures);
    w.write_attribute("errors", &0);
    w.write_attribute("skipped", &analysis.accepted.len());
    for f in &analysis.findings {
        finding(&mut w, design, &places, file, f);
        let message = format!("{}: {}", f.subject.name(design), f.message);
        if fails(f) {
            w.start_element("failure");
            text_attribute(&mut w, "message", &message);
            w.write_attribute("type", f.severity.id());
            raw_text(
                &mut w,
                &format!(
                    "{message}\n\n{}. What to do instead: {}\n(patchbay explain {})",
                    f.rule.title, f.rule.instead, f.rule.id
                ),
            );
            w.end_element();
        } else {
            element_text(
                &mut w,
                "system-out",
                &format!("{}: {message}", f.severity.id()),
            );
        }
        w.end_element();
    }
    for accepted in &analysis.accepted {
        finding(&mut w, design, &places, file, &accepted.finding);
        w.start_element("skipped");
        let why = design.waivers.get(accepted.waiver).map_or_else(
            || "accepted".to_owned(),
            |wv| format!("accepted by {}: {}", wv.by, wv.reason),
        );
        text_attribute(&mut w, "message", &why);
        w.end_element();
        w.end_element();
    }
    w.end_element();
    w.end_document()
}

/// Opens a finding's test case: named by its rule and subject, classed by its rule.
fn finding(w: &mut XmlWriter, design: &Design, places: &Places, file: &str, f: &Finding) {
    let at = places.of(f.subject);
    let name = format!("{} {}", f.rule.id, f.subject.name(design));
    case(
        w,
        &format!("patchbay.findings.{}", f.rule.id),
        &name,
        file,
        at.line,
    );
}

/// Opens a test case.
fn case(w: &mut XmlWriter, class: &str, name: &str, file: &str, line: usize) {
    w.start_element("testcase");
    text_attribute(w, "classname", class);
    text_attribute(w, "name", name);
    text_attribute(w, "file", file);
    w.write_attribute("line", &line);
}

/// An attribute whose value is user text: escaped here, since the writer escapes only
/// quotes.
fn text_attribute(w: &mut XmlWriter, name: &str, value: &str) {
    w.write_attribute_raw(name, |buf| {
        buf.extend_from_slice(escape::xml_attribute(value).as_bytes());
    });
}

/// An element holding user text.
fn element_text(w: &mut XmlWriter, name: &str, text: &str) {
    w.start_element(name);
    raw_text(w, text);
    w.end_element();
}

/// User text as the open element's content, escaped, exactly as it is: no indentation
/// added to its lines.
fn raw_text(w: &mut XmlWriter, text: &str) {
    w.set_preserve_whitespaces(true);
    w.write_text_fmt(format_args!("{}", escape::Xml(text)));
    w.set_preserve_whitespaces(false);
}
