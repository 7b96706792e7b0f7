//! The built-in exercises: a starting design, a task, hints, and a goal the analyzer
//! checks. A goal is either a choice question, whose right answer is what the analyzer
//! recommends on the starting design (never a stored answer), or conditions on the
//! student's design.

use crate::analysis::facts::{Attr, Value};
use crate::analysis::{Analysis, Events, LinkAnalysis, Pattern, Severity, analyze};
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

mod answers;
mod catalogue;
mod conditions;

pub use answers::protection;
pub use catalogue::ALL;

/// The exercises that practise the concept card `card`, in the Learn menu's order.
pub fn practising(card: &str) -> impl Iterator<Item = &'static Exercise> + '_ {
    ALL.iter().filter(move |e| e.concepts.contains(&card))
}

/// The exercise with this id.
pub fn get(id: &str) -> Option<&'static Exercise> {
    ALL.iter().find(|e| e.id == id)
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
    fn missing(r: LinkRef) -> Self {
        Self {
            solved: false,
            lines: vec![missing(r)],
            next_hint: None,
        }
    }
}

impl Exercise {
    /// The starting design.
    pub fn start(&self) -> Design {
        crate::model::parse(self.design).unwrap_or_else(|problems| {
            // The lessons are part of the binary and a test parses every one.
            unreachable!("lesson {} does not parse: {problems:?}", self.id)
        })
    }

    /// Checks a choice answer against what the analyzer recommends on `design` (the
    /// starting design unless the student changed it), or, for a design goal, each
    /// condition on `design`. A wrong answer is told the right one (every hint is
    /// taken as used): for the command line, which keeps no hints between runs.
    pub fn check(&self, design: &Design, answer: Option<&str>) -> Feedback {
        self.check_with_hints(design, answer, self.hints.len())
    }

    /// As [`Exercise::check`], for a student who has seen `hints_shown` hints: a wrong
    /// answer says why it is wrong and asks for the next hint, and names the right
    /// answer only once the hints are used up.
    pub fn check_with_hints(
        &self,
        design: &Design,
        answer: Option<&str>,
        hints_shown: usize,
    ) -> Feedback {
        let analysis = analyze(design);
        match self.goal {
            Goal::Choose { asks, .. } => match answer {
                Some(answer) => {
                    let reveal = hints_shown >= self.hints.len();
                    let mut fb = answers::choose(design, &analysis, asks, answer.trim(), reveal);
                    if !fb.solved && !reveal {
                        fb.next_hint = Some(hints_shown);
                    }
                    fb
                }
                None => Feedback {
                    solved: false,
                    lines: vec![(false, "Pick an answer first.".into())],
                    next_hint: None,
                },
            },
            Goal::Design(conditions) => {
                let lines: Vec<(bool, String)> = conditions
                    .iter()
                    .map(|c| conditions::condition(design, &analysis, *c))
                    .collect();
                Feedback {
                    solved: lines.iter().all(|(ok, _)| *ok),
                    lines,
                    next_hint: None,
                }
            }
        }
    }

    /// The question of a choice exercise in words, for lists and the command line.
    pub fn is_choice(&self) -> bool {
        matches!(self.goal, Goal::Choose { .. })
    }
}

/// The link `r` names, with its analysis.
fn find<'a>(design: &Design, analysis: &'a Analysis, r: LinkRef) -> Option<&'a LinkAnalysis> {
    let named = |id, name: &str| design.system(id).is_some_and(|s| s.name == name);
    let link = design
        .links
        .iter()
        .find(|l| named(l.from, r.from) && named(l.to, r.to))?;
    analysis.link(link.id)
}

fn missing(r: LinkRef) -> (bool, String) {
    (
        false,
        format!(
            "There is no link from {} to {}: the task is about that link, so keep both systems and their names.",
            r.from, r.to
        ),
    )
}
