//! A decision with its reasons: the choice, the inputs that made it, what came second,
//! and every single input change that would flip it (or, where none does, the smallest
//! pair), found by deciding again.

mod ask;
mod parts;
mod path;

use super::facts::{Attr, LinkFacts, Value, change_of};
pub use ask::{Decide, Question, Trace};
use parts::reason_of;
pub use parts::{Decision, Flip, Flips, NOTHING_REACHES, Reason};
pub use path::{Path, WhatIf, answer_flip, path, what_if};

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
