//! Every platform or standards fact the product shows comes from the facts table
//! (`src/standards.rs`), and "connected app" appears only where the change to External
//! Client Apps is explained (issue 23).
//!
//! The texts scanned are everything a person reads: the rules, the concept cards, the
//! exercises and their feedback, `patchbay explain`, and the text, Markdown and JSON
//! reports of every sample, every lesson and generated designs whose links are varied
//! so that every branch of the advice speaks.

use patchbay::analysis::analyze;
use patchbay::learn::{concepts, exercises, explain};
use patchbay::model::{AuthFlow, Design, Sensitivity};
use patchbay::standards::{self, FACTS};

/// Every text of the product that is not a report of a design.
fn fixed_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in patchbay::analysis::rules::ALL {
        for (what, text) in [
            ("title", r.title),
            ("checks", r.checks),
            ("why", r.why),
            ("instead", r.instead),
        ] {
            out.push((format!("rule {} {what}", r.id), text.to_owned()));
        }
        for reference in r.references {
            out.push((format!("rule {} reference", r.id), (*reference).to_owned()));
        }
        out.push((format!("explain {}", r.id), explain::rule(r)));
    }
    for c in concepts::CONCEPTS {
        out.push((format!("card {}", c.id), c.body.to_owned()));
        for reference in c.references {
            out.push((format!("card {} reference", c.id), (*reference).to_owned()));
        }
        out.push((format!("explain {}", c.id), explain::concept(c)));
    }
    for e in exercises::ALL {
        out.push((format!("exercise {} task", e.id), e.task.to_owned()));
        for h in e.hints {
            out.push((format!("exercise {} hint", e.id), (*h).to_owned()));
        }
        let design = e.start();
        let answers: &[&str] = match e.goal {
            exercises::Goal::Choose { options, .. } => options,
            exercises::Goal::Design(_) => &[""],
        };
        for answer in answers {
            for hints in 0..=e.hints.len() {
                let answer = (!answer.is_empty()).then_some(*answer);
                for (_, line) in e.check_with_hints(&design, answer, hints).lines {
                    out.push((format!("exercise {} feedback", e.id), line));
                }
            }
        }
    }
    out.push(("explain facts".into(), explain::facts()));
    out
}

/// Designs whose reports are scanned: samples, lessons and varied generated designs.
fn designs() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    for dir in ["samples", "lessons"] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("readable");
            let design = patchbay::model::parse(&text).expect("parses");
            out.push((path.display().to_string(), design));
        }
    }
    for seed in 1..=3 {
        let mut design = patchbay::generate::generate(patchbay::generate::Params {
            systems: 120,
            links_per_system: 3,
            seed,
        });
        for (i, link) in design.links.iter_mut().enumerate() {
            if i % 7 == 0 {
                link.auth = Some(AuthFlow::UsernamePassword);
            }
            if i % 5 == 0 {
                link.sensitivity = Sensitivity::Regulated;
                link.on_behalf_of_user = true;
            }
        }
        out.push((format!("generated seed {seed}"), design));
    }
    out
}

fn report_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, design) in designs() {
        let analysis = analyze(&design);
        out.push((
            format!("{name} text"),
            patchbay::report::text::render(&design, &analysis),
        ));
        out.push((
            format!("{name} markdown"),
            patchbay::report::markdown::render(&design, &analysis),
        ));
        out.push((
            format!("{name} json"),
            patchbay::report::json::render(&design, &analysis),
        ));
    }
    out
}

/// What a fact's entry in the table says, all its fields together.
fn table_text() -> String {
    FACTS
        .iter()
        .map(|f| {
            format!(
                "{} | {} | {} | {} | {}",
                f.name,
                f.title,
                f.when.unwrap_or(""),
                f.says,
                f.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The citations of changeable facts in `text`: RFC numbers, dates ("20 February
/// 2027", "January 2025"), Salesforce releases ("Spring '26"), OAuth 2.1 and FAPI.
fn citations(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let digits_after = |at: usize| -> String {
        text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect()
    };
    for (i, _) in text.match_indices("RFC ") {
        let number = digits_after(i + 4);
        if !number.is_empty() {
            found.push(format!("RFC {number}"));
        }
    }
    for month in standards::MONTH_NAMES {
        for (i, _) in text.match_indices(month) {
            let after = i + month.len();
            if text[after..].starts_with(' ') {
                let year = digits_after(after + 1);
                if year.len() == 4 {
                    // With the day in front where there is one.
                    let before: String = text[..i]
                        .trim_end()
                        .chars()
                        .rev()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    let date = if before.is_empty() || !text[..i].ends_with(' ') {
                        format!("{month} {year}")
                    } else {
                        format!("{before} {month} {year}")
                    };
                    found.push(date);
                }
            }
        }
    }
    for season in ["Spring '", "Summer '", "Winter '"] {
        for (i, _) in text.match_indices(season) {
            let year = digits_after(i + season.len());
            if year.len() == 2 {
                found.push(format!("{season}{year}"));
            }
        }
    }
    for name in ["OAuth 2.1", "FAPI 2.0", "BCP 240"] {
        if text.contains(name) {
            found.push(name.to_owned());
        }
    }
    found
}

#[test]
fn every_cited_fact_is_in_the_facts_table() {
    let table = table_text();
    let checked = standards::checked().to_string();
    let mut texts = fixed_texts();
    texts.extend(report_texts());
    let mut cited = 0;
    for (origin, text) in &texts {
        for citation in citations(text) {
            cited += 1;
            assert!(
                table.contains(&citation) || citation == checked,
                "{origin} cites {citation:?}, which the facts table (src/standards.rs) does not hold"
            );
        }
    }
    // The scan finds what it is looking for: a cited fact that is missing fails.
    assert!(cited > 1000, "only {cited} citations found");
    assert_eq!(citations("see RFC 9999"), ["RFC 9999"]);
    assert!(!table.contains("RFC 9999"));
    assert_eq!(
        citations("stops on 20 February 2027, since Spring '26"),
        ["20 February 2027", "Spring '26"]
    );
}

/// The texts that explain the move from connected apps to External Client Apps.
fn explaining_the_change() -> Vec<&'static str> {
    let mut allowed: Vec<&str> = [
        &standards::EXTERNAL_CLIENT_APPS,
        &standards::USERNAME_PASSWORD_BLOCKED,
        &standards::USERNAME_PASSWORD_RETIREMENT,
    ]
    .iter()
    .flat_map(|f| [f.title, f.says, f.source])
    .collect();
    for id in ["external-client-apps", "username-password-retirement"] {
        let card = concepts::get(id).expect("card");
        allowed.push(card.title);
        allowed.push(card.body);
    }
    let rule = patchbay::analysis::rules::find("AUTH-001").expect("rule");
    allowed.extend([rule.why, rule.instead]);
    allowed.extend(rule.references.iter().copied());
    allowed
}

#[test]
fn connected_app_is_named_only_where_the_change_is_explained() {
    let mut allowed = explaining_the_change();
    // Longest first, so that a short text inside a longer one does not cut it up.
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut texts = fixed_texts();
    texts.extend(report_texts());
    let mut stripped_something = false;
    for (origin, text) in &texts {
        let mut rest = text.clone();
        for a in &allowed {
            if rest.contains(a) {
                stripped_something = true;
                rest = rest.replace(a, "");
            }
        }
        let lower = rest.to_lowercase();
        assert!(
            !lower.contains("connected app"),
            "{origin} names a connected app outside the explanation of the change: {}",
            &rest[lower.find("connected app").unwrap_or(0).saturating_sub(80)..]
                .chars()
                .take(200)
                .collect::<String>()
        );
    }
    assert!(stripped_something);
    // The explanation itself does name it.
    assert!(
        allowed
            .iter()
            .any(|a| a.to_lowercase().contains("connected app"))
    );
}

#[test]
fn reports_and_explain_say_when_their_facts_were_checked() {
    let newest = FACTS.iter().map(|f| f.checked).max().expect("facts");
    assert_eq!(standards::checked(), newest);
    let words = format!("Facts checked {newest}");
    for (origin, text) in report_texts().iter().filter(|(o, _)| !o.ends_with("json")) {
        assert!(
            text.contains(&words) || text.contains(&format!("*{words}")),
            "{origin}"
        );
    }
    let json = &report_texts()[2].1;
    assert!(
        json.contains(&format!("\"facts_checked\": \"{}\"", newest.iso())),
        "{}",
        &json[..200]
    );
    for (origin, text) in fixed_texts()
        .iter()
        .filter(|(o, _)| o.starts_with("explain"))
    {
        assert!(text.contains(&newest.to_string()), "{origin}");
    }
}
