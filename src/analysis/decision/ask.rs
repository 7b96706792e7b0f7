//! What a decision is: a function of a link's facts that asks questions on the
//! way, each told to a trace with its answer.

use super::super::facts::{Attr, LinkFacts};
use std::borrow::Cow;

/// One of the per-link decisions (pattern, events, auth flow, mTLS).
pub trait Decide {
    /// What is chosen.
    type Choice: Copy + PartialEq;
    /// Which branch of the decision chose it; cheap to compute, so the flip search can
    /// decide many times without building sentences.
    type Step: Copy;

    /// Every input the decision reads; only these can flip it.
    const READS: &'static [Attr];

    /// The choice and the branch that made it, every question asked on the way told
    /// to `trace` with its answer. The decision is this one function; its path (what a
    /// student sees) is the same run traced, so the two cannot disagree.
    fn decide_with(f: &LinkFacts, trace: &mut impl Trace) -> (Self::Choice, Self::Step);
    /// The choice and the branch that made it.
    fn decide(f: &LinkFacts) -> (Self::Choice, Self::Step) {
        Self::decide_with(f, &mut ())
    }
    /// The inputs the branch looked at, most decisive first.
    fn decided_by(step: Self::Step) -> &'static [Attr];
    /// One plain sentence saying why, in terms of this link's values.
    fn reason(step: Self::Step, f: &LinkFacts) -> Cow<'static, str>;
    /// The second-best choice when no single input change reaches one, if any.
    fn fixed_runner_up(_step: Self::Step) -> Option<Self::Choice> {
        None
    }
    /// The runner-up when no change of the inputs a designer controls reaches another
    /// choice at all.
    fn fallback_runner_up(_choice: Self::Choice) -> Option<Self::Choice> {
        None
    }
    /// Where no input a designer sets reaches another choice, alone or two together:
    /// what it would take for the runner-up to apply, in one plain sentence (another
    /// kind of end, the other side opening the connection), so the runner-up reads as
    /// a real alternative. `None` gives [`NOTHING_REACHES`].
    fn out_of_reach(_step: Self::Step, _f: &LinkFacts) -> Option<&'static str> {
        None
    }
    /// True when no input a designer controls can change the choice, so searching for
    /// pairs of changes is pointless.
    fn settled(_f: &LinkFacts) -> bool {
        false
    }
    /// True when a change of `attr` cannot change the choice for these facts, so the
    /// flip search need not try it (alone, nor in the pair it looks for where no single
    /// change does): a shortcut for inputs the decision reads only behind others.
    fn ignores(_f: &LinkFacts, _attr: Attr) -> bool {
        false
    }
}

/// A question a decision asks, in plain words, with the inputs its answer depends on.
#[derive(Debug, PartialEq)]
pub struct Question {
    /// "Can the data arrive hours later?"
    pub text: &'static str,
    /// The inputs the answer reads.
    pub reads: &'static [Attr],
}

/// Receives each question a decision asks and its answer.
pub trait Trace {
    /// Records `question` and passes its `answer` through.
    fn ask(&mut self, question: &'static Question, answer: bool) -> bool;
}

/// No tracing: the decision as the analysis runs it, at no cost.
impl Trace for () {
    #[inline]
    fn ask(&mut self, _: &'static Question, answer: bool) -> bool {
        answer
    }
}

/// The questions asked, in order, with their answers.
impl Trace for Vec<(&'static Question, bool)> {
    fn ask(&mut self, question: &'static Question, answer: bool) -> bool {
        self.push((question, answer));
        answer
    }
}
