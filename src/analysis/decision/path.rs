//! The path a decision took, question by question, and what-if tables: the same
//! decision run again with one input changed.

use super::super::facts::{Attr, LinkFacts, Value};
use super::ask::{Decide, Question};

/// How a decision was reached for one link: the questions it asked in order, each with
/// this link's answer, and the choice where it stopped (after the last question).
#[derive(Debug)]
pub struct Path<T> {
    /// The questions asked and their answers.
    pub steps: Vec<(&'static Question, bool)>,
    /// What the decision chose.
    pub choice: T,
}

/// The decision's path for these facts, by running the decision itself with a trace.
pub fn path<D: Decide>(f: &LinkFacts) -> Path<D::Choice> {
    let mut steps = Vec::new();
    let (choice, _) = D::decide_with(f, &mut steps);
    Path { steps, choice }
}

/// The input change that turns the answer to question `step` of this link's path the
/// other way (or ends the path before it), trying each input the question reads, the
/// ones a designer sets before those the drawing gives: what clicking that answer does.
pub fn answer_flip<D: Decide>(f: &LinkFacts, step: usize) -> Option<(Attr, Value)> {
    let now = path::<D>(f);
    let &(question, answer) = now.steps.get(step)?;
    let mut reads: Vec<Attr> = question.reads.to_vec();
    reads.sort_by_key(|a| a.is_drawn());
    reads.into_iter().find_map(|attr| {
        let mut found = None;
        f.alternatives(attr, |value| {
            let after = path::<D>(&f.with(attr, value));
            let same = after
                .steps
                .get(step)
                .map(|&(q, a)| (std::ptr::eq(q, question), a));
            if same != Some((true, answer)) {
                found = Some((attr, value));
            }
            found.is_some()
        });
        found
    })
}

/// One input of a decision with every value worth trying and what the decision would
/// be with it: a row of the what-if table.
#[derive(Debug)]
pub struct WhatIf<T> {
    /// The input.
    pub attr: Attr,
    /// Each value with the choice it gives; the link's own value is marked `true`.
    pub rows: Vec<(Value, T, bool)>,
}

/// Every input the decision reads, with its current value and every other value worth
/// trying (each other value of a small vocabulary, the other side of a threshold for
/// numbers), each decided again. Inputs no designer can change here (a Salesforce
/// org's kind) show their current value only.
pub fn what_if<D: Decide>(f: &LinkFacts) -> Vec<WhatIf<D::Choice>> {
    D::READS
        .iter()
        .map(|&attr| {
            let now = f.get(attr);
            let mut rows = vec![(now, D::decide(f).0, true)];
            f.alternatives(attr, |value| {
                rows.push((value, D::decide(&f.with(attr, value)).0, false));
                false
            });
            WhatIf { attr, rows }
        })
        .collect()
}
