//! A link's advice: its OAuth flow and mutual TLS as CALM controls, and every decision
//! with its reason, runner-up and what would change it.

use super::super::keys::{REQUIREMENT_AUTH, REQUIREMENT_MTLS};
use super::super::vocab::standard_of;
use crate::analysis::decision::Decision;
use crate::analysis::{LinkAnalysis, connection};
use crate::model::{AuthFlow, Design, Link, SystemId};
use serde::Serialize;
use std::collections::HashMap;

/// A link's controls: authentication (unless no OAuth flow applies) and mutual TLS
/// (when it is warranted).
#[derive(Serialize)]
pub(super) struct Controls<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    authentication: Option<Control<'a>>,
    #[serde(rename = "mutual-tls", skip_serializing_if = "Option::is_none")]
    mutual_tls: Option<Control<'a>>,
}

impl Controls<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.authentication.is_none() && self.mutual_tls.is_none()
    }
}

/// One control: what it asks and why, and the decision as its configuration.
#[derive(Serialize)]
struct Control<'a> {
    description: String,
    requirements: [Requirement<'a>; 1],
}

#[derive(Serialize)]
struct Requirement<'a> {
    #[serde(rename = "requirement-url")]
    requirement_url: &'static str,
    config: Chosen<'a>,
}

pub(super) fn controls(a: &LinkAnalysis) -> Controls<'_> {
    let flow = a.auth_flow.choice;
    let authentication = (flow != AuthFlow::None).then(|| {
        let mut config = decision(&a.auth_flow, |f| f.id(), |f| f.label());
        config.standard = standard_of(flow);
        Control {
            description: format!(
                "Authenticate with {}: {}",
                flow.label(),
                a.auth_flow.reason.text()
            ),
            requirements: [Requirement {
                requirement_url: REQUIREMENT_AUTH,
                config,
            }],
        }
    });
    let mutual_tls = a.mtls.choice.then(|| {
        let mut config = decision(&a.mtls, mtls_id, mtls_label);
        config.standard = crate::standards::RFC_8705.url;
        Control {
            description: format!("Use mutual TLS: {}", a.mtls.reason.text()),
            requirements: [Requirement {
                requirement_url: REQUIREMENT_MTLS,
                config,
            }],
        }
    });
    Controls {
        authentication,
        mutual_tls,
    }
}

fn mtls_id(b: bool) -> &'static str {
    if b { "recommended" } else { "not-needed" }
}

fn mtls_label(b: bool) -> &'static str {
    if b {
        "Mutual TLS recommended"
    } else {
        "Mutual TLS not needed"
    }
}

/// A decision: the choice, why (in a control, its description says why instead),
/// what came second and what would change it.
#[derive(Serialize)]
struct Chosen<'a> {
    choice: &'static str,
    label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(rename = "runner-up", skip_serializing_if = "Option::is_none")]
    runner_up: Option<&'static str>,
    #[serde(rename = "would-change", skip_serializing_if = "Vec::is_empty")]
    would_change: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standard: Option<&'static str>,
}

/// `d` as configuration, without its reason (a control's description has it).
fn decision<T: Copy>(
    d: &Decision<T>,
    id: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str + Copy,
) -> Chosen<'static> {
    let mut would_change: Vec<String> = (d.flips.iter())
        .map(|f| format!("{}: {}", f.condition(), label(f.result)))
        .collect();
    if would_change.is_empty() {
        would_change.extend(d.out_of_reach.map(str::to_owned));
    }
    Chosen {
        choice: id(d.choice),
        label: label(d.choice),
        reason: None,
        runner_up: d.runner_up.map(id),
        would_change,
        standard: None,
    }
}

/// `d` with its reason, for the metadata.
fn explained<'a, T: Copy>(
    d: &'a Decision<T>,
    id: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str + Copy,
) -> Chosen<'a> {
    Chosen {
        reason: Some(d.reason.text()),
        ..decision(d, id, label)
    }
}

/// Who opens the connection, the pattern and events decisions, and the auth and mTLS
/// decisions that ask for nothing (the others are controls).
#[derive(Serialize)]
pub(super) struct Advice<'a> {
    connection: Opened<'a>,
    #[serde(rename = "integration-pattern")]
    integration_pattern: Chosen<'a>,
    events: Chosen<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authentication: Option<Chosen<'a>>,
    #[serde(rename = "mutual-tls", skip_serializing_if = "Option::is_none")]
    mutual_tls: Option<Chosen<'a>>,
}

#[derive(Serialize)]
struct Opened<'a> {
    #[serde(rename = "opened-by")]
    opened_by: Option<&'a str>,
    how: &'static str,
    text: String,
}

pub(super) fn advice<'a>(
    design: &Design,
    l: &Link,
    a: &'a LinkAnalysis,
    system_ids: &'a HashMap<SystemId, String>,
) -> Advice<'a> {
    let c = connection::of(&a.facts);
    let opener = match c.opener {
        connection::Opener::Source => l.from,
        connection::Opener::Target => l.to,
    };
    let name = |id| design.system(id).map_or("?", |s| s.name.as_str());
    Advice {
        connection: Opened {
            opened_by: system_ids.get(&opener).map(String::as_str),
            how: c.how.id(),
            text: c.in_words(name(l.from), name(l.to)),
        },
        integration_pattern: explained(&a.pattern, |p| p.id(), |p| p.label()),
        events: explained(&a.events, |e| e.id(), |e| e.label()),
        authentication: (a.auth_flow.choice == AuthFlow::None)
            .then(|| explained(&a.auth_flow, |f| f.id(), |f| f.label())),
        mutual_tls: (!a.mtls.choice).then(|| explained(&a.mtls, mtls_id, mtls_label)),
    }
}
