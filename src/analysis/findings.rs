//! Findings and the rules that raise them. Each rule lives in its own file under
//! `rules/` and declares its text once; a finding carries only what is specific.

use super::LinkAnalysis;
use super::esb::Esb;
use super::graph::DesignGraph;
use crate::model::vocab::vocabulary;
use crate::model::{Design, Environment, Link, LinkId, System, SystemId};
use std::borrow::Cow;
use std::fmt;

vocabulary! {
    /// How much a finding matters.
    pub enum Severity ("severity") {
        Info = "info", "Info";
        Warning = "warning", "Warning";
        High = "high", "High";
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The whole design.
    Design,
    /// One system.
    System(SystemId),
    /// One link.
    Link(LinkId),
}

impl Subject {
    /// `design`, `system` or `link`.
    pub const fn kind(self) -> &'static str {
        match self {
            Subject::Design => "design",
            Subject::System(_) => "system",
            Subject::Link(_) => "link",
        }
    }

    /// The subject's id, if it is a system or link.
    pub const fn id(self) -> Option<u32> {
        match self {
            Subject::Design => None,
            Subject::System(s) => Some(s.0),
            Subject::Link(l) => Some(l.0),
        }
    }

    /// A name a person recognises: the system's name, or "from → to: purpose".
    pub fn name(self, design: &Design) -> String {
        match self {
            Subject::Design => design.name.clone(),
            Subject::System(id) => design
                .system(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone()),
            Subject::Link(id) => design
                .link(id)
                .map_or_else(|| id.to_string(), |l| link_name(design, l)),
        }
    }
}

/// "Shop → Salesforce (Create lead)".
pub fn link_name(design: &Design, l: &Link) -> String {
    let end = |id| {
        design
            .system(id)
            .map_or_else(|| format!("{id}"), |s: &System| s.name.clone())
    };
    if l.purpose.is_empty() {
        format!("{} → {}", end(l.from), end(l.to))
    } else {
        format!("{} → {} ({})", end(l.from), end(l.to), l.purpose)
    }
}

/// A rule: its stable id, its text, and the check that applies it.
pub struct Rule {
    /// Stable id, e.g. `AUTH-001`.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// Severity in a production design.
    pub severity: Severity,
    /// What the rule looks for.
    pub checks: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// What to do instead.
    pub instead: &'static str,
    /// Where to read more: the seed's topic or a public standard.
    pub references: &'static [&'static str],
    /// Raises the rule's findings on a design.
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
    /// A design the rule must fire on and one it must stay quiet on.
    #[cfg(test)]
    pub fixture: fn() -> Fixture,
}

/// Designs that show a rule working, for the test over every rule.
#[cfg(test)]
pub struct Fixture {
    /// The rule must raise at least one finding here.
    pub fires: Design,
    /// The rule must raise nothing here.
    pub quiet: Design,
}

impl Rule {
    /// A finding of this rule at its default severity.
    pub fn finding(
        &'static self,
        subject: Subject,
        message: impl Into<Cow<'static, str>>,
    ) -> Finding {
        Finding {
            rule: self,
            severity: self.severity,
            subject,
            message: message.into(),
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// One thing the analyzer wants a reviewer to look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule that raised it; its text gives the rationale and the fix.
    pub rule: &'static Rule,
    /// After the design's environment is taken into account.
    pub severity: Severity,
    /// What it is about.
    pub subject: Subject,
    /// What is wrong here, in one line, without the subject's name (reports put
    /// that in front).
    pub message: Cow<'static, str>,
}

/// What makes two findings the same finding across versions of a design: the rule and
/// its subject's kind and name. Ids change when systems and links are renumbered; names
/// are what a reviewer recognises. Baselines, fingerprints and diffs all match by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    /// The rule's id, `ESB-001`.
    pub rule: String,
    /// `design`, `system` or `link`.
    pub kind: String,
    /// The subject's name in the design.
    pub name: String,
}

impl Finding {
    /// This finding's identity in `design`.
    pub fn identity(&self, design: &Design) -> Identity {
        Identity {
            rule: self.rule.id.to_owned(),
            kind: self.subject.kind().to_owned(),
            name: self.subject.name(design),
        }
    }
}

/// What a rule can look at.
pub struct Context<'a> {
    /// The design.
    pub design: &'a Design,
    /// Its graph.
    pub graph: &'a DesignGraph,
    /// The per-link decisions, in `design.links` order (links with missing ends skipped).
    pub links: &'a [LinkAnalysis],
    /// The ESB verdict.
    pub esb: &'a Esb,
    /// The design's flows, end to end.
    pub flows: &'a [super::flows::FlowAnalysis],
}

impl Context<'_> {
    /// Each link with its analysis.
    pub fn each_link(&self) -> impl Iterator<Item = (&Link, &LinkAnalysis)> {
        self.links.iter().map(|a| (&self.design.links[a.index], a))
    }
}

/// Severity as the environment sets it: anti-patterns block a production design and
/// are warnings in a prototype.
pub fn adjust(severity: Severity, environment: Environment) -> Severity {
    match (environment, severity) {
        (Environment::Prototype, Severity::High) => Severity::Warning,
        _ => severity,
    }
}
