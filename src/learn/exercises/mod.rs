//! The built-in exercises: a starting design, a task, hints, and a goal the analyzer
//! checks. A goal is either a choice question, whose right answer is what the analyzer
//! recommends on the starting design (never a stored answer), or conditions on the
//! student's design.

use crate::analysis::analyze;
use crate::model::Design;

mod answers;
mod catalogue;
mod conditions;
mod terms;

pub use answers::protection;
pub use catalogue::ALL;
pub use terms::{Asks, Condition, Exercise, Feedback, Goal, LinkRef};

/// The exercises that practise the concept card `card`, in the Learn menu's order.
pub fn practising(card: &str) -> impl Iterator<Item = &'static Exercise> + '_ {
    ALL.iter().filter(move |e| e.concepts.contains(&card))
}

/// The exercise with this id.
pub fn get(id: &str) -> Option<&'static Exercise> {
    ALL.iter().find(|e| e.id == id)
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
