//! A decision's result: the choice, its reason, what came second and the flips.

use super::super::facts::{Attr, LinkFacts, Value};
use super::ask::Decide;
use std::borrow::Cow;

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
    pub(super) facts: LinkFacts,
    pub(super) write: fn(&LinkFacts) -> Cow<'static, str>,
    pub(super) text: std::sync::OnceLock<Cow<'static, str>>,
}

/// Decides again (cheap: no flips) to know the branch, then writes its sentence.
pub(super) fn reason_of<D: Decide>(f: &LinkFacts) -> Cow<'static, str> {
    D::reason(D::decide(f).1, f)
}

impl Reason {
    pub(super) fn new(facts: LinkFacts, write: fn(&LinkFacts) -> Cow<'static, str>) -> Self {
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
