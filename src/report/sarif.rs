//! The findings as SARIF 2.1.0, the format code scanning reads: a finding shows on the
//! line of the design file that holds its system or link, in the pull request that
//! changed it.
//!
//! One run. The tool lists every rule (id, title, what it checks, why, what to do
//! instead, its default level); each finding is a result at its subject's line and
//! column in the design file (the file's first line for the whole design), with a
//! fingerprint made of the rule and the subject's names, so a finding keeps its
//! identity when systems and links are renumbered. An accepted finding is a result with
//! an external suppression that carries the waiver's reason and who accepted it; the
//! finding of a waiver that no longer holds is an ordinary result.

use crate::analysis::findings::{Finding, Identity};
use crate::analysis::{Analysis, Severity, rules};
use crate::model::Design;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::hash::Hasher;

/// The SARIF version written, and its schema.
const VERSION: &str = "2.1.0";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of `design`'s findings. `file` is the design file as the command was
/// given it (a path relative to where CI runs it, as code scanning expects); `text` is
/// that file's text, which gives each result its line and column.
pub fn render(design: &Design, analysis: &Analysis, file: &str, text: &str) -> Value {
    let places = super::places::Places::new(design, text);
    let index: HashMap<&str, usize> = rules::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let uri = uri_of(file);
    let result = |f: &Finding| {
        let place = places.of(f.subject);
        let id = f.identity(design);
        json!({
            "ruleId": f.rule.id,
            "ruleIndex": index.get(f.rule.id).copied().unwrap_or(0),
            "level": level(f.severity),
            "message": { "text": format!("{}: {}", id.name, f.message) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri, "index": 0 },
                    "region": { "startLine": place.line, "startColumn": place.col },
                },
                "logicalLocations": [{
                    "name": id.name,
                    "kind": id.kind,
                }],
            }],
            "partialFingerprints": { "patchbayFinding/v1": fingerprint(&id) },
        })
    };
    let mut results: Vec<Value> = analysis.findings.iter().map(result).collect();
    for accepted in &analysis.accepted {
        let mut r = result(&accepted.finding);
        if let Some(w) = design.waivers.get(accepted.waiver) {
            let mut properties = json!({ "acceptedBy": w.by, "seen": w.seen });
            if let Some(until) = &w.until {
                properties["until"] = json!(until);
            }
            r["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": w.reason,
                "properties": properties,
            }]);
        }
        results.push(r);
    }
    json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": { "driver": driver() },
            "artifacts": [{ "location": { "uri": uri }, "roles": ["analysisTarget"], "mimeType": "text/plain" }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Patchbay as a SARIF tool, with every rule.
fn driver() -> Value {
    let rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            let full = format!(
                "{} Why it matters: {} What to do instead: {}",
                r.checks, r.why, r.instead
            );
            json!({
                "id": r.id,
                "name": pascal(r.title),
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": full },
                "help": {
                    "text": format!("{full} The whole rule: `patchbay explain {}`.", r.id),
                    "markdown": format!(
                        "**{}**\n\n{}\n\n*Why it matters:* {}\n\n*What to do instead:* {}\n\nThe whole rule: `patchbay explain {}`.",
                        r.title, r.checks, r.why, r.instead, r.id
                    ),
                },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "references": r.references },
            })
        })
        .collect();
    json!({
        "name": "Patchbay",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

/// SARIF's level for a severity.
const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A finding's identity across commits: its rule and its subject by name (a system's
/// name; a link's ends and purpose), hashed. Ids are left out, so renumbering keeps it.
fn fingerprint(id: &Identity) -> String {
    let mut h = fnv::FnvHasher::default();
    for part in [&id.rule, &id.kind, &id.name] {
        h.write(part.as_bytes());
        h.write_u8(0);
    }
    format!("{:016x}", h.finish())
}

/// A rule title as SARIF's `name`: "Salesforce cannot speak it" as
/// "SalesforceCannotSpeakIt".
fn pascal(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|first| first.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The design file as a URI reference: its path with `/` between folders, and every
/// character a URI cannot carry as it is percent-encoded.
fn uri_of(file: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let path = file.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    utf8_percent_encode(path, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::{pascal, uri_of};

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal("Salesforce cannot speak it"),
            "SalesforceCannotSpeakIt"
        );
        assert_eq!(pascal("mTLS for a phone"), "MTLSForAPhone");
        assert_eq!(
            uri_of("./designs/my shop.patchbay.ron"),
            "designs/my%20shop.patchbay.ron"
        );
        assert_eq!(uri_of("a\\b#c.ron"), "a/b%23c.ron");
    }
}
