//! The terms exercises are written in: the exercise, its goal and conditions, the
//! links it names, and the feedback a check gives. The catalogue, the answers and the
//! conditions read them; nothing here reads those.

use crate::analysis::facts::{Attr, Value};
use crate::analysis::{Analysis, Events, LinkAnalysis, Pattern, Severity};
use crate::model::{AuthFlow, Design};

/// A link of the exercise's design, named by its two systems (ids change when a
/// student redraws a link; names are what the task talks about).
#[derive(Clone, Copy, Debug)]
pub struct LinkRef {
    /// The system that starts the exchange.
    pub from: &'static str,
    /// The system it calls or feeds.
    pub to: &'static str,
}

/// What a choice question asks for.
#[derive(Clone, Copy, Debug)]
pub enum Asks {
    /// The auth flow recommended for a link.
    Auth(LinkRef),
    /// The event mechanism recommended for a link.
    Events(LinkRef),
    /// For how many hours the link's recommended event mechanism can be replayed.
    Retention(LinkRef),
    /// How many connections a full mesh of the design's systems needs.
    FullMesh,
    /// What protects the link beyond one-way TLS: `mutual-tls`, `bound-tokens` (a
    /// person's device, where mutual TLS cannot apply) or `one-way-tls` (nothing more).
    Protection(LinkRef),
    /// The design's ESB verdict.
    Esb,
}

/// One condition a design must meet.
#[derive(Clone, Copy, Debug)]
pub enum Condition {
    /// The auth the link uses today (its `auth` field) is one of these flows.
    AuthInUse(LinkRef, &'static [AuthFlow]),
    /// The recommended auth flow of the link is this one.
    Auth(LinkRef, AuthFlow),
    /// The recommended pattern of the link is this one.
    Pattern(LinkRef, Pattern),
    /// The recommended event mechanism of the link is this one.
    Events(LinkRef, Events),
    /// Mutual TLS is recommended for the link (or not).
    Mtls(LinkRef, bool),
    /// The rule raises no finding.
    NoRule(&'static str),
    /// No finding of this severity or worse.
    NoFindings(Severity),
    /// The design has a middleware system and every link starts or ends at one.
    EverythingThroughAHub,
    /// One input of the link has this value (as the decisions read it).
    Input(LinkRef, Attr, Value),
    /// The link exists (a callback drawn back, say); the text says why it is needed.
    Linked(LinkRef, &'static str),
    /// The link is gone; the text says why it must go.
    Unlinked(LinkRef, &'static str),
    /// The remote side's work on the link takes at least this many seconds: the task
    /// says how long it really takes, and making it faster on paper solves nothing.
    TakesAtLeast(LinkRef, f64),
}

/// What the student must do or answer.
#[derive(Clone, Copy, Debug)]
pub enum Goal {
    /// Answer a question before the recommendation is shown.
    Choose {
        /// What is asked.
        asks: Asks,
        /// The answers offered, as the choices' ids (or numbers).
        options: &'static [&'static str],
    },
    /// Change the design until every condition holds.
    Design(&'static [Condition]),
}

/// One exercise.
#[derive(Debug)]
pub struct Exercise {
    /// Stable id, used on the command line and in the progress file.
    pub id: &'static str,
    /// Its title in the Learn menu.
    pub title: &'static str,
    /// The task, in plain words.
    pub task: &'static str,
    /// Hints, shown one at a time on request.
    pub hints: &'static [&'static str],
    /// The concept cards it practises.
    pub concepts: &'static [&'static str],
    /// The starting design's text (a `.patchbay.ron` file under `lessons/`).
    pub design: &'static str,
    /// What counts as solved.
    pub goal: Goal,
}

/// What "Check my answer" says.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// Every condition met (or the right answer given).
    pub solved: bool,
    /// One line per condition or per answer: whether it holds and why, in the
    /// product's own words.
    pub lines: Vec<(bool, String)>,
    /// A wrong answer to a question while hints are left: the hint to show next (its
    /// index), given instead of the right answer.
    pub next_hint: Option<usize>,
}

impl Feedback {
    /// The task's link is gone: the student removed or renamed one of its systems.
    pub(super) fn missing(r: LinkRef) -> Self {
        Self {
            solved: false,
            lines: vec![missing(r)],
            next_hint: None,
        }
    }
}

/// The link `r` names, with its analysis.
pub(super) fn find<'a>(
    design: &Design,
    analysis: &'a Analysis,
    r: LinkRef,
) -> Option<&'a LinkAnalysis> {
    let named = |id, name: &str| design.system(id).is_some_and(|s| s.name == name);
    let link = design
        .links
        .iter()
        .find(|l| named(l.from, r.from) && named(l.to, r.to))?;
    analysis.link(link.id)
}

pub(super) fn missing(r: LinkRef) -> (bool, String) {
    (
        false,
        format!(
            "There is no link from {} to {}: the task is about that link, so keep both systems and their names.",
            r.from, r.to
        ),
    )
}
