//! What a diff is made of: items matched across the two designs, the fields that
//! changed, the advice that moved, the findings only one side has.

use crate::model::LinkId;
use serde::Serialize;

/// How an item of the second design was paired with one of the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Matched {
    /// Same id (and, for systems and zones, the same name; for links, the same ends).
    Id,
    /// Same name (for links: same ends and purpose) under another id.
    Name,
    /// Same id under another name, nothing else matching it better.
    IdRenamed,
}

/// One attribute that changed, with its old and new value as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The attribute, as the file calls it.
    pub field: String,
    /// Its value before; empty when it was not set.
    pub before: String,
    /// Its value after; empty when it is not set.
    pub after: String,
}

/// An item in both designs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed<Id> {
    /// Its id in the first design.
    pub before: Id,
    /// Its id in the second design.
    pub after: Id,
    /// Its name (a link's "from -> to (purpose)") in the second design.
    pub name: String,
    /// How it was paired.
    pub matched: Matched,
    /// What changed; empty when only the pairing is worth saying (a new id).
    pub fields: Vec<FieldChange>,
}

/// An item by id and name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named<Id> {
    /// Its id in its design.
    pub id: Id,
    /// Its name (a link's "from → to (purpose)").
    pub name: String,
}

/// Added, removed and changed items of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Items<Id> {
    /// In the second design only.
    pub added: Vec<Named<Id>>,
    /// In the first design only.
    pub removed: Vec<Named<Id>>,
    /// In both, with a change or under another id or name.
    pub changed: Vec<Changed<Id>>,
}

impl<Id> Default for Items<Id> {
    fn default() -> Self {
        Self {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<Id> Items<Id> {
    pub(super) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A recommendation of a link that is in both designs and changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdviceChange {
    /// The link in the second design.
    pub link: LinkId,
    /// Its name in the second design.
    pub name: String,
    /// Which decision: `pattern`, `events`, `auth_flow` or `mtls`.
    pub decision: &'static str,
    /// The choice before.
    pub before: String,
    /// The choice after.
    pub after: String,
    /// Why it is what it is now.
    pub why: String,
}

/// A finding, named so it can be compared across designs whose ids differ.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingRef {
    /// The rule, e.g. `AUTH-001`.
    pub rule: &'static str,
    /// Its severity in that design.
    pub severity: &'static str,
    /// What it is about, by name.
    pub subject: String,
    /// Its message.
    pub message: String,
}

/// The ESB counts and verdict of one design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EsbCounts {
    /// The verdict's id.
    pub verdict: &'static str,
    /// n.
    pub systems: usize,
    /// p.
    pub point_to_point: usize,
    /// n(n-1)/2.
    pub full_mesh: usize,
    /// Through a hub.
    #[serde(rename = "through_hub")]
    pub via_hub: usize,
}

/// One thing in the first design and in the second.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair<T> {
    /// In the first design.
    pub before: T,
    /// In the second design.
    pub after: T,
}
