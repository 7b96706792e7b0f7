//! Grading a question: the right answer is what the analyzer recommends on the
//! design; a wrong one is told why, without the answer while hints are left.

use super::terms::{Asks, Feedback, find};
use crate::analysis::esb::Verdict;
use crate::analysis::{Analysis, Esb, Events, LinkAnalysis, events};
use crate::fact_date;
use crate::model::{AuthFlow, Design};
use crate::standards::{RFC_9700, USERNAME_PASSWORD_RETIREMENT};
use const_format::concatcp;

/// How long Salesforce keeps the events of a mechanism for replay: change events and
/// high-volume platform events (the kind new ones are), the table's retention; no events, none.
fn retention_hours(e: Events) -> Option<u32> {
    match e {
        Events::ChangeDataCapture | Events::PlatformEvents => Some(events::HIGH_VOLUME_RETENTION_H),
        Events::None => None,
    }
}

/// The first flip of `d` that leads to `target`, in words.
fn lever<T: PartialEq + Copy>(
    d: &crate::analysis::decision::Decision<T>,
    target: T,
) -> Option<String> {
    d.flips
        .iter()
        .find(|f| f.result == target)
        .map(|f| f.in_words())
}

pub(super) fn choose(
    design: &Design,
    analysis: &Analysis,
    asks: Asks,
    answer: &str,
    reveal: bool,
) -> Feedback {
    let (right, line) = match asks {
        Asks::Auth(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback::missing(r);
            };
            let d = &a.auth_flow;
            let given = answer.parse::<AuthFlow>().ok();
            let never = given.and_then(never_recommended);
            judge(d, given, answer, |f| f.id(), reveal, never)
        }
        Asks::Events(r) => {
            let Some(a) = find(design, analysis, r) else {
                return Feedback::missing(r);
            };
            let d = &a.events;
            let given = answer.parse::<Events>().ok();
            judge(d, given, answer, |e| e.id(), reveal, None)
        }
        Asks::Retention(r) => match find(design, analysis, r).map(|a| retention(a, answer, reveal))
        {
            None => return Feedback::missing(r),
            Some(Err(feedback)) => return feedback,
            Some(Ok(judged)) => judged,
        },
        Asks::Protection(r) => match find(design, analysis, r) {
            None => return Feedback::missing(r),
            Some(a) => protection_answer(a, answer, reveal),
        },
        Asks::Esb => verdict_answer(&analysis.esb, answer, reveal),
        Asks::FullMesh => full_mesh_answer(&analysis.esb, answer, reveal),
    };
    Feedback {
        solved: right,
        lines: vec![(right, line)],
        next_hint: None,
    }
}

/// How long the link's events are kept, in hours; an error when it carries none.
fn retention(a: &LinkAnalysis, answer: &str, reveal: bool) -> Result<(bool, String), Feedback> {
    let mechanism = a.events.choice;
    let Some(hours) = retention_hours(mechanism) else {
        return Err(Feedback {
            solved: false,
            next_hint: None,
            lines: vec![(
                false,
                format!(
                    "This link carries no events (Patchbay recommends {}): {}",
                    mechanism.id(),
                    a.events.reason
                ),
            )],
        });
    };
    let right = answer.parse::<u32>().ok() == Some(hours);
    let why = format!(
        "Patchbay recommends {} for this link, and Salesforce keeps those events for {hours} hours ({} days); standard-volume platform events are kept for only {}. A subscriber away longer misses events for good, so it needs a way to re-sync (EVT-001).",
        mechanism.id(),
        hours / 24,
        events::STANDARD_RETENTION_H
    );
    let line = if right {
        format!("Right: {hours} hours. {why}")
    } else if reveal {
        format!("Not {answer} hours. {why}")
    } else if answer.parse::<u32>().ok() == Some(events::STANDARD_RETENTION_H) {
        format!(
            "Not {answer} hours: that is how long Salesforce keeps standard-volume platform events, a class new event channels no longer use. Which mechanism carries this link, and how long is that one kept?"
        )
    } else {
        format!(
            "Not {answer} hours: Salesforce keeps no event class for that long or that short. Work out which mechanism carries this link first."
        )
    };
    Ok((right, line))
}

/// What protects the link beyond one-way TLS.
fn protection_answer(a: &LinkAnalysis, answer: &str, reveal: bool) -> (bool, String) {
    let right_answer = protection(a);
    let right = answer == right_answer;
    let line = if right {
        format!("Right: {right_answer}. {}", a.mtls.reason)
    } else if reveal {
        format!(
            "Not {answer}: Patchbay recommends {right_answer}. {}",
            a.mtls.reason
        )
    } else {
        format!("Not {answer}: {}", protection_mistake(answer, right_answer))
    };
    (right, line)
}

/// The bus verdict.
fn verdict_answer(esb: &Esb, answer: &str, reveal: bool) -> (bool, String) {
    let right_answer = esb.verdict.id();
    let right = answer == right_answer;
    let line = if right {
        format!("Right: {right_answer}. {}", esb.reason)
    } else if reveal {
        format!("Not {answer}: Patchbay says {right_answer}. {}", esb.reason)
    } else {
        format!(
            "Not {answer}: {}",
            verdict_mistake(answer.parse().ok(), esb.verdict)
        )
    };
    (right, line)
}

/// How many connections a full mesh of the design's systems needs.
fn full_mesh_answer(esb: &Esb, answer: &str, reveal: bool) -> (bool, String) {
    let n = esb.systems;
    let right = answer.parse::<usize>().ok() == Some(esb.full_mesh);
    let why = format!(
        "Each of the {n} systems would connect to the {} others, and each connection joins two of them: {n} × {} / 2 = {}. Today there are {}; through a hub there would be {}, one per system.",
        n.saturating_sub(1),
        n.saturating_sub(1),
        esb.full_mesh,
        esb.point_to_point,
        esb.via_hub
    );
    let given = answer.parse::<usize>().ok();
    let line = if right {
        format!("Right: {}. {why}", esb.full_mesh)
    } else if reveal {
        format!("Not {answer}. {why}")
    } else {
        format!(
            "Not {answer}: {}",
            mesh_mistake(given, n, esb.point_to_point)
        )
    };
    (right, line)
}

/// What protects a link beyond one-way TLS, as the mTLS decision says: mutual TLS,
/// tokens bound to the client where the connecting side is a person's device, or
/// nothing more.
pub fn protection(a: &LinkAnalysis) -> &'static str {
    use crate::analysis::decision::Decide;
    use crate::analysis::mtls::{MtlsDecision, Step};
    if a.mtls.choice {
        "mutual-tls"
    } else if let Step::PersonsDevice(_) = MtlsDecision::decide(&a.facts).1 {
        "bound-tokens"
    } else {
        "one-way-tls"
    }
}

/// Why a wrong choice of protection is wrong, without giving the right one away.
fn protection_mistake(given: &str, right: &str) -> &'static str {
    match (given, right) {
        ("mutual-tls", "bound-tokens") => {
            "the data does call for more than one-way TLS, but mutual TLS needs a client certificate that the organisation issues, installs and rotates on the machine that connects. Who connects here, and could anyone do that on it?"
        }
        ("one-way-tls", "bound-tokens" | "mutual-tls") => {
            "a bearer token over one-way TLS works for whoever holds it. Look at what the link carries and where it goes: it calls for more."
        }
        ("bound-tokens", "mutual-tls") => {
            "binding tokens to a key is what a person's device does, where no certificate can be managed. The side that connects here is a server: what can it hold?"
        }
        (_, "one-way-tls") => {
            "nothing on this link calls for more than one-way TLS and a token: look at its sensitivity, its zones and what the target asks for."
        }
        _ => "that is not one of the answers.",
    }
}

/// Why a wrong ESB verdict is wrong, without giving the right one away.
fn verdict_mistake(given: Option<Verdict>, right: Verdict) -> &'static str {
    match (given, right) {
        (Some(Verdict::EsbRecommended | Verdict::ConsiderHub), Verdict::BusInPlace) => {
            "look at the middle of the drawing: most exchanges already pass through one system. Patchbay never recommends a bus that is there; what is left to judge is the links that go around it."
        }
        (Some(Verdict::PointToPoint), Verdict::BusInPlace) => {
            "most systems here do not talk to each other pair by pair: their exchanges already pass through one system."
        }
        (Some(Verdict::BusInPlace), _) => {
            "a bus in place means a middleware system that already carries the exchanges of two or more others. Is there one?"
        }
        _ => {
            "count the systems that exchange data and the pairs that talk directly, then compare with a hub."
        }
    }
}

/// What a wrong count of a full mesh most likely counted instead.
fn mesh_mistake(given: Option<usize>, n: usize, today: usize) -> String {
    match given {
        Some(g) if g == today => {
            "that is how many connections the design has today, not how many it would take for every system to reach every other one.".into()
        }
        Some(g) if g == n => {
            "that is one connection per system, which is what a hub would need.".into()
        }
        Some(g) if g == n * n => {
            "that counts every system connecting to itself, and every pair twice.".into()
        }
        Some(g) if g == n * n.saturating_sub(1) => {
            "that counts every connection twice, once from each of its ends.".into()
        }
        _ => "count the pairs of systems: each system reaches every other one, and a connection joins two.".into(),
    }
}

/// Why Patchbay never recommends a flow, for a student who picks it.
fn never_recommended(flow: AuthFlow) -> Option<&'static str> {
    match flow {
        AuthFlow::UserAgent => Some(concatcp!(
            "the implicit flow hands the token over in the browser's address bar, where scripts and history can read it, and current guidance (",
            RFC_9700.name,
            ") says not to use it"
        )),
        AuthFlow::UsernamePassword => Some(concatcp!(
            "the caller keeps a person's password, cannot pass a second factor, the OAuth security guidance (",
            RFC_9700.name,
            ") says the password grant must not be used, and Salesforce stops it on ",
            fact_date!(USERNAME_PASSWORD_RETIREMENT)
        )),
        _ => None,
    }
}

/// The verdict on a choice: right with the decision's reason; wrong with what would
/// have to be true for the given answer, and, when `reveal`, what the analyzer
/// recommends and why.
fn judge<T: PartialEq + Copy>(
    d: &crate::analysis::decision::Decision<T>,
    given: Option<T>,
    answer: &str,
    id: impl Fn(T) -> &'static str,
    reveal: bool,
    never: Option<&str>,
) -> (bool, String) {
    if given == Some(d.choice) {
        return (true, format!("Right: {}. {}", id(d.choice), d.reason));
    }
    if !reveal {
        let why = match (never, given.and_then(|g| lever(d, g))) {
            (Some(never), _) => format!("Patchbay never recommends it: {never}."),
            (None, Some(condition)) => {
                format!("it would be {answer} {condition}, and that is not so here.")
            }
            (None, None) if given.is_some() && given == d.runner_up => format!(
                "it is the runner-up here, what Patchbay would recommend next, not first. {}",
                crate::report::out_of_reach(d)
            ),
            (None, None) => format!(
                "no single change of this link's inputs would make it {answer}, so it does not fit this link."
            ),
        };
        return (false, format!("Not {answer}: {why}"));
    }
    let mut text = format!(
        "Not {answer}: Patchbay recommends {}. {}",
        id(d.choice),
        d.reason
    );
    match given.and_then(|g| lever(d, g)) {
        Some(condition) => text.push_str(&format!(" It would be {answer} {condition}.")),
        None => text.push_str(&format!(
            " No single change of this link's inputs would make it {answer}."
        )),
    }
    (false, text)
}
