//! A decision with its reasons: the choice, the inputs that made it, what came second,
//! and the one input change that would flip it, found by deciding again.

use super::facts::{Attr, LinkFacts, Value};
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

    /// The choice and the branch that made it.
    fn decide(f: &LinkFacts) -> (Self::Choice, Self::Step);
    /// The inputs the branch looked at, most decisive first.
    fn decided_by(step: Self::Step) -> &'static [Attr];
    /// One plain sentence saying why, in terms of this link's values.
    fn reason(step: Self::Step, f: &LinkFacts) -> Cow<'static, str>;
    /// The second-best choice when no single input change reaches one, if any.
    fn fixed_runner_up(_step: Self::Step) -> Option<Self::Choice> {
        None
    }
}

/// The single input change that turns a decision into another choice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flip<T> {
    /// The input to change.
    pub attr: Attr,
    /// Its current value.
    pub from: Value,
    /// The value that flips the decision.
    pub to: Value,
    /// What the decision becomes.
    pub result: T,
}

/// A decision with everything a reviewer or student needs to follow it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<T> {
    /// What is recommended.
    pub choice: T,
    /// Why, in one sentence.
    pub reason: Cow<'static, str>,
    /// The inputs that decided it; their values are in the link's facts.
    pub decided_by: &'static [Attr],
    /// What came second.
    pub runner_up: Option<T>,
    /// The one input that would change it.
    pub flip: Option<Flip<T>>,
}

/// Decides, then searches for the flip: first over the deciding inputs, then over the
/// other inputs the decision reads, changing one input at a time and deciding again.
pub fn explain<D: Decide>(f: &LinkFacts) -> Decision<D::Choice> {
    let (choice, step) = D::decide(f);
    let decided_by = D::decided_by(step);
    let mut flip = None;
    let rest = D::READS.iter().filter(|a| !decided_by.contains(a));
    for &attr in decided_by.iter().chain(rest) {
        let from = f.get(attr);
        let found = f.alternatives(attr, |to| {
            let (other, _) = D::decide(&f.with(attr, to));
            if other != choice {
                flip = Some(Flip {
                    attr,
                    from,
                    to,
                    result: other,
                });
                true
            } else {
                false
            }
        });
        if found {
            break;
        }
    }
    let runner_up = D::fixed_runner_up(step)
        .or(flip.map(|fl| fl.result))
        .or_else(|| next_choice::<D>(f, choice, decided_by));
    Decision {
        choice,
        reason: D::reason(step, f),
        decided_by,
        runner_up,
        flip,
    }
}

/// The choice the decision makes next when none of the inputs it reads flips it alone:
/// any other single input first, then the fewest inputs it reads changed together
/// (two, then three).
fn next_choice<D: Decide>(
    f: &LinkFacts,
    choice: D::Choice,
    decided_by: &[Attr],
) -> Option<D::Choice> {
    let mut found = None;
    for &attr in Attr::ALL {
        if f.alternatives(attr, |to| {
            let (other, _) = D::decide(&f.with(attr, to));
            found = (other != choice).then_some(other);
            found.is_some()
        }) {
            return found;
        }
    }
    // The deciding inputs first: the runner-up should be what changing them leads to.
    let mut attrs: Vec<Attr> = decided_by.to_vec();
    attrs.extend(D::READS.iter().filter(|a| !decided_by.contains(a)));
    (2..=3).find_map(|depth| changed_together::<D>(f, choice, &attrs, depth))
}

/// The first different choice found by changing `depth` of `attrs` at once.
fn changed_together<D: Decide>(
    f: &LinkFacts,
    choice: D::Choice,
    attrs: &[Attr],
    depth: usize,
) -> Option<D::Choice> {
    if depth == 0 {
        let (other, _) = D::decide(f);
        return (other != choice).then_some(other);
    }
    for (i, &a) in attrs.iter().enumerate() {
        let mut found = None;
        if f.alternatives(a, |v| {
            found = changed_together::<D>(&f.with(a, v), choice, &attrs[i + 1..], depth - 1);
            found.is_some()
        }) {
            return found;
        }
    }
    None
}

impl<T> Decision<T> {
    /// The deciding inputs with their values in `facts`.
    pub fn inputs<'a>(&'a self, facts: &'a LinkFacts) -> impl Iterator<Item = (Attr, Value)> + 'a {
        self.decided_by.iter().map(|&a| (a, facts.get(a)))
    }
}

impl<T> Flip<T> {
    /// "if needs_response were false", with thresholds said as ranges.
    pub fn condition(&self) -> String {
        match (self.from, self.to) {
            (Value::Count(a), Value::Count(b)) if b < a => {
                format!("if {} were {b} or fewer", self.attr)
            }
            (Value::Count(_), Value::Count(b)) => format!("if {} were over {}", self.attr, b - 1),
            (Value::Seconds(a), Value::Seconds(b)) if b < a => {
                format!("if {} were {b} s or less", self.attr)
            }
            (Value::Seconds(_), Value::Seconds(b)) => {
                format!("if {} were over {} s", self.attr, b - 1.0)
            }
            (_, to) => format!("if {} were {to}", self.attr),
        }
    }
}
