//! A decision with its reasons: the choice, the inputs that made it, what came second,
//! and every single input change that would flip it (or, where none does, the smallest
//! pair), found by deciding again.

use super::facts::{Attr, LinkFacts, Value, change_of};
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

/// An input change that turns a decision into another choice: one input, or two
/// changed together where no single one does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flip<T> {
    /// The input to change.
    pub attr: Attr,
    /// Its current value.
    pub from: Value,
    /// The value that flips the decision.
    pub to: Value,
    /// A second input changed at the same time, with its current and new value.
    pub also: Option<(Attr, Value, Value)>,
    /// What the decision becomes.
    pub result: T,
}

/// A decision with everything a reviewer or student needs to follow it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<T> {
    /// What is recommended.
    pub choice: T,
    /// Why, in one sentence.
    pub reason: Reason,
    /// The inputs that decided it; their values are in the link's facts.
    pub decided_by: &'static [Attr],
    /// What came second.
    pub runner_up: Option<T>,
    /// Every single input change that would change it, the levers a designer controls
    /// most first; the smallest pair when no single input does.
    pub flips: Flips<T>,
    /// Where no flip exists: what it would take for the runner-up to apply.
    pub out_of_reach: Option<&'static str>,
}

/// What a decision that no input change reaches says when it has nothing more
/// particular to say.
pub const NOTHING_REACHES: &str =
    "No input a designer sets on this link or its ends changes it, alone or two together.";

/// A decision's reason, read as a `str`: written when first read, not when the link is
/// decided. Most reasons name the link's own values, and a 10,000-system design has
/// 200,000 of them, which took a fifth of its analysis to write while a person reads a
/// few (the report that prints them all writes each once).
pub struct Reason {
    facts: LinkFacts,
    write: fn(&LinkFacts) -> Cow<'static, str>,
    text: std::sync::OnceLock<Cow<'static, str>>,
}

/// Decides again (cheap: no flips) to know the branch, then writes its sentence.
fn reason_of<D: Decide>(f: &LinkFacts) -> Cow<'static, str> {
    D::reason(D::decide(f).1, f)
}

impl Reason {
    fn new(facts: LinkFacts, write: fn(&LinkFacts) -> Cow<'static, str>) -> Self {
        Self {
            facts,
            write,
            text: std::sync::OnceLock::new(),
        }
    }

    /// The sentence.
    pub fn as_str(&self) -> &str {
        self.text()
    }

    /// The sentence, static where it names no value of the link (so a report can tell
    /// equal sentences by where they are, without reading them).
    pub fn text(&self) -> &Cow<'static, str> {
        self.text.get_or_init(|| (self.write)(&self.facts))
    }
}

impl std::ops::Deref for Reason {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Reason {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Two reasons are equal when they say the same.
impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Clone for Reason {
    fn clone(&self) -> Self {
        Self {
            facts: self.facts,
            write: self.write,
            text: self.text.clone(),
        }
    }
}

/// A decision's flips, read as a slice. Shared, so copying an analysis (for another
/// thread) costs no copy of every flip list; an empty list (most links' event decision
/// has none) costs no allocation at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Flips<T>(Option<std::sync::Arc<[Flip<T>]>>);

impl<T> std::ops::Deref for Flips<T> {
    type Target = [Flip<T>];

    fn deref(&self) -> &[Flip<T>] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl<T: Copy> From<&[Flip<T>]> for Flips<T> {
    fn from(flips: &[Flip<T>]) -> Self {
        Self((!flips.is_empty()).then(|| std::sync::Arc::from(flips)))
    }
}

/// How much a designer controls an input: the link's own attributes first (0), then
/// the capabilities of its ends (1), a change of a system's kind last (2).
pub fn lever(attr: Attr) -> u8 {
    match attr {
        Attr::FromKind | Attr::ToKind => 2,
        Attr::FromKeepsSecret
        | Attr::FromUserPresent
        | Attr::FromLimitedInput
        | Attr::FromHasSamlSso
        | Attr::FromLinkedToIdp
        | Attr::ToUserPresent
        | Attr::ToKeepsSecret
        | Attr::ToRequiresMtls
        | Attr::CrossesBoundary => 1,
        _ => 0,
    }
}

/// How many inputs there are.
const ATTRS: usize = Attr::ALL.len();

/// Decides, then finds every single input change that flips it: each input the decision
/// reads, the deciding ones first within each kind of lever. One flip per input and
/// result. Where no single input flips it, the first pair that does.
pub fn explain<D: Decide>(f: &LinkFacts) -> Decision<D::Choice> {
    explain_in::<D>(f, true)
}

/// [`explain`], skipping the single changes [`Decide::ignores`] rules out when
/// `shortcut` is set (the tests check that this never changes the result).
pub(super) fn explain_in<D: Decide>(f: &LinkFacts, shortcut: bool) -> Decision<D::Choice> {
    let (choice, step) = D::decide(f);
    let decided_by = D::decided_by(step);
    // The inputs to try, each once, by lever and the deciding ones first within a
    // lever, on the stack: there are at most ATTRS of them. An input that cannot
    // matter alone is left out of the singles, but kept for pairs, where it may.
    let mut every = [Attr::NeedsResponse; ATTRS];
    let mut singles = [Attr::NeedsResponse; ATTRS];
    let (mut len, mut single_len) = (0, 0);
    let mut taken = 0u64;
    for level in 0..=2 {
        for &a in decided_by.iter().chain(D::READS) {
            let bit = 1u64 << (a as u32);
            if lever(a) == level && taken & bit == 0 {
                taken |= bit;
                every[len] = a;
                len += 1;
                if !(shortcut && D::ignores(f, a)) {
                    singles[single_len] = a;
                    single_len += 1;
                }
            }
        }
    }
    let order = &singles[..single_len];
    // Collected on the stack (a decision rarely has more than a few), then shared in
    // one allocation.
    let mut flips: smallvec::SmallVec<[Flip<D::Choice>; 6]> = smallvec::SmallVec::new();
    for &attr in order {
        // A change of a system's kind is proposed only where nothing a designer sets
        // on the link or its ends does it. The order is by lever, so once a kind is
        // next and an input of a lower lever has flipped the decision, the search is
        // done (the kinds' own flips are all kept when nothing else flips it).
        if lever(attr) == 2 && flips.iter().any(|fl| lever(fl.attr) < 2) {
            break;
        }
        let from = f.get(attr);
        f.alternatives(attr, |to| {
            if !worth_proposing(attr, from, to) {
                return false;
            }
            let (other, _) = D::decide(&f.with(attr, to));
            if other != choice && !flips.iter().any(|x| x.attr == attr && x.result == other) {
                flips.push(Flip {
                    attr,
                    from,
                    to,
                    also: None,
                    result: other,
                });
            }
            false
        });
    }
    if flips.is_empty() && !D::settled(f) {
        flips.extend(first_pair::<D>(f, choice, &every[..len]));
    }
    // Only the inputs a decision reads can change it, so the flips (single or pair)
    // are the choices it makes next.
    let runner_up = D::fixed_runner_up(step)
        .or(flips.first().map(|fl| fl.result))
        .or_else(|| D::fallback_runner_up(choice));
    let out_of_reach = flips
        .is_empty()
        .then(|| D::out_of_reach(step, f).unwrap_or(NOTHING_REACHES));
    Decision {
        choice,
        reason: Reason::new(*f, reason_of::<D>),
        decided_by,
        runner_up,
        flips: Flips::from(&flips[..]),
        out_of_reach,
    }
}

/// Whether a change is worth proposing as a flip: never a call that carries OAuth moved
/// to a transport that carries none ("if the protocol were sftp" teaches nothing about
/// a REST call's auth).
fn worth_proposing(attr: Attr, from: Value, to: Value) -> bool {
    match (attr, from, to) {
        (Attr::Protocol, Value::Protocol(a), Value::Protocol(b)) => {
            super::speaks::transport_auth(a).is_some() || super::speaks::transport_auth(b).is_none()
        }
        _ => true,
    }
}

/// The first pair of inputs that, changed together, flips the decision.
fn first_pair<D: Decide>(
    f: &LinkFacts,
    choice: D::Choice,
    order: &[Attr],
) -> Option<Flip<D::Choice>> {
    for (i, &a) in order.iter().enumerate() {
        for &b in &order[i + 1..] {
            let mut found = None;
            f.alternatives(a, |va| {
                if !worth_proposing(a, f.get(a), va) {
                    return false;
                }
                let g = f.with(a, va);
                g.alternatives(b, |vb| {
                    if !worth_proposing(b, g.get(b), vb) {
                        return false;
                    }
                    let (other, _) = D::decide(&g.with(b, vb));
                    if other != choice {
                        found = Some(Flip {
                            attr: a,
                            from: f.get(a),
                            to: va,
                            also: Some((b, f.get(b), vb)),
                            result: other,
                        });
                    }
                    found.is_some()
                })
            });
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

impl<T: Copy> Decision<T> {
    /// The first flip: the lever a designer controls most.
    pub fn flip(&self) -> Option<Flip<T>> {
        self.flips.first().copied()
    }
}

impl<T: Copy> Decision<T> {
    /// This decision for another link with the same
    /// [`DecisionKey`](super::facts::DecisionKey) (see there): the same choice,
    /// runner-up and flips, the reason written from `f`, and each flip starting from
    /// `f`'s current value. The flip list is shared when it names neither number (the
    /// only inputs equal keys let differ).
    pub fn restated(&self, f: &LinkFacts) -> Self {
        let here = |fl: &Flip<T>| Flip {
            from: f.get(fl.attr),
            also: fl.also.map(|(attr, _, to)| (attr, f.get(attr), to)),
            ..*fl
        };
        // Equal keys mean equal values for every input but the two numbers.
        let names_number = |fl: &Flip<T>| {
            fl.attr.is_number() || fl.also.is_some_and(|(attr, ..)| attr.is_number())
        };
        let flips = if !self.flips.iter().any(names_number) {
            self.flips.clone()
        } else {
            let moved: smallvec::SmallVec<[Flip<T>; 6]> = self.flips.iter().map(here).collect();
            Flips::from(&moved[..])
        };
        Self {
            choice: self.choice,
            reason: Reason::new(*f, self.reason.write),
            decided_by: self.decided_by,
            runner_up: self.runner_up,
            flips,
            out_of_reach: self.out_of_reach,
        }
    }
}

impl<T> Decision<T> {
    /// The deciding inputs with their values in `facts`.
    pub fn inputs<'a>(&'a self, facts: &'a LinkFacts) -> impl Iterator<Item = (Attr, Value)> + 'a {
        self.decided_by.iter().map(|&a| (a, facts.get(a)))
    }
}

impl<T> Flip<T> {
    /// "if needs_response were false (now true)", thresholds said as ranges; a pair as
    /// "if a were x (now y) and b were z (now w)".
    pub fn condition(&self) -> String {
        let mut text = format!("if {}", change_of(self.attr.id(), self.from, self.to));
        if let Some((attr, from, to)) = self.also {
            text.push_str(" and ");
            text.push_str(&change_of(attr.id(), from, to));
        }
        text
    }
}

impl<T> Flip<T> {
    /// The condition in words a person reads: "if the link acts for the signed-in user
    /// (now off)"; [`Flip::condition`] keeps the file's keys for the JSON report.
    pub fn in_words(&self) -> String {
        let mut text = format!("if {}", self.attr.change_in_words(self.from, self.to));
        if let Some((attr, from, to)) = self.also {
            text.push_str(" and ");
            text.push_str(&attr.change_in_words(from, to));
        }
        text
    }
}
