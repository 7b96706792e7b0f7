//! What `patchbay explain` prints: a rule's full text, a concept card with the
//! exercises that practise it, the list of cards, and the dated facts table. Each ends
//! with the month its facts were checked.

use super::concepts::{self, Concept};
use super::exercises;
use crate::analysis::Rule;
use crate::standards::{self, Area};
use std::fmt::Write;

/// A rule: what it checks, why, what to do instead, references and concept cards.
pub fn rule(r: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", r.id, r.title);
    let _ = writeln!(
        out,
        "Severity: {} in production (high findings are warnings in a prototype design)\n",
        r.severity
    );
    let _ = writeln!(out, "What it checks\n  {}\n", r.checks);
    let _ = writeln!(out, "Why it matters\n  {}\n", r.why);
    let _ = writeln!(out, "What to do instead\n  {}\n", r.instead);
    let _ = writeln!(out, "References");
    for reference in r.references {
        let _ = writeln!(out, "  - {reference}");
    }
    let cards: Vec<_> = concepts::for_rule(r.id)
        .iter()
        .filter_map(|id| concepts::get(id))
        .collect();
    if !cards.is_empty() {
        let _ = writeln!(out, "\nConcepts");
        for c in cards {
            let _ = writeln!(out, "  {} ({}): {}", c.title, c.id, c.body);
        }
    }
    let _ = writeln!(out, "\n{}", standards::checked_line());
    out
}

/// One concept card: its text, where to read more, and the exercises that practise it.
pub fn concept(c: &Concept) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", c.title);
    let _ = writeln!(out, "  {}\n", c.body);
    let _ = writeln!(out, "Read more");
    for reference in c.references {
        let _ = writeln!(out, "  - {reference}");
    }
    let practised: Vec<_> = exercises::practising(c.id).collect();
    if !practised.is_empty() {
        let _ = writeln!(out, "\nPractise it");
        for e in practised {
            let _ = writeln!(out, "  patchbay lesson show {:<22} {}", e.id, e.title);
        }
    }
    let _ = writeln!(out, "\n{}", standards::checked_line());
    out
}

/// Every concept card's id and title.
pub fn concept_list() -> String {
    let mut out = String::new();
    for c in concepts::CONCEPTS {
        let _ = writeln!(out, "{:<28} {}", c.id, c.title);
    }
    let _ = writeln!(out, "\n`patchbay explain ID` prints a card.");
    out
}

/// The facts table: what changed and when, the source and the month it was checked.
pub fn facts() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Platform and standards facts the advice rests on, newest check {}.\n",
        standards::checked()
    );
    for (area, heading) in [
        (Area::Salesforce, "Salesforce"),
        (Area::Standard, "Standards"),
    ] {
        let _ = writeln!(out, "{heading}");
        for f in standards::FACTS.iter().filter(|f| f.area == area) {
            let when = f.when.map(|w| format!(", {w}")).unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{when}", f.name, f.title);
            let _ = writeln!(out, "    {}", f.says);
            let url = f.url.map(|u| format!(", {u}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "    Source: {}{url}; checked {}.\n",
                f.source, f.checked
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_explanation_says_when_its_facts_were_checked() {
        for text in [
            facts(),
            rule(crate::analysis::rules::ALL[0]),
            concept(&concepts::CONCEPTS[0]),
        ] {
            assert!(text.contains(&standards::checked().to_string()), "{text}");
        }
        let all = facts();
        for f in standards::FACTS {
            assert!(all.contains(f.source), "{}", f.id);
            assert!(all.contains(f.says), "{}", f.id);
        }
    }
}
