//! What changed in the fields of matched items, in words.

use super::parts::{Changed, FieldChange, Items, Matched, Named};
use crate::model::{Design, Link};
use serde::Serialize;
use std::collections::HashMap;

pub(super) fn link_label(d: &Design, l: &Link) -> String {
    let name = |id| d.system(id).map_or("?", |s| s.name.as_str());
    if l.purpose.is_empty() {
        format!("{} → {}", name(l.from), name(l.to))
    } else {
        format!("{} → {} ({})", name(l.from), name(l.to), l.purpose)
    }
}

pub(super) fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// `v` with every field the file leaves out when it holds its default written in,
/// from `defaults`: a value set back to its default reads as that value, not as
/// "(not set)".
pub(super) fn filled(mut v: serde_json::Value, defaults: &serde_json::Value) -> serde_json::Value {
    if let (Some(v), Some(d)) = (v.as_object_mut(), defaults.as_object()) {
        for (k, value) in d {
            v.entry(k.clone()).or_insert_with(|| value.clone());
        }
    }
    v
}

/// A value as a person reads it: strings without quotes, nothing for null.
pub(super) fn show(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The fields of two serialized items that differ, the id left out, in the order the
/// second one has them (then fields only the first has).
pub(super) fn fields(x: &serde_json::Value, y: &serde_json::Value) -> Vec<FieldChange> {
    let (Some(x), Some(y)) = (x.as_object(), y.as_object()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut keys: Vec<&String> = y.keys().collect();
    keys.extend(x.keys().filter(|k| !y.contains_key(*k)));
    for k in keys {
        if k == "id" || k == "from" || k == "to" || k == "zone" {
            continue;
        }
        let (a, b) = (x.get(k), y.get(k));
        if a != b {
            out.push(FieldChange {
                field: k.clone(),
                before: show(a),
                after: show(b),
            });
        }
    }
    out
}

pub(super) fn design_fields(a: &Design, b: &Design) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut field = |name: &str, x: String, y: String| {
        if x != y {
            out.push(FieldChange {
                field: name.into(),
                before: x,
                after: y,
            });
        }
    };
    field("name", a.name.clone(), b.name.clone());
    field("description", a.description.clone(), b.description.clone());
    field(
        "environment",
        a.environment.id().into(),
        b.environment.id().into(),
    );
    field(
        "central_governance",
        a.central_governance.to_string(),
        b.central_governance.to_string(),
    );
    out
}

/// Added, removed and changed items, given the pairs.
pub(super) fn items<T: PartialEq, Id: Copy + Eq + std::hash::Hash + Ord>(
    xs: &[T],
    ys: &[T],
    pairs: &[(Id, Id, Matched)],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> String,
    compare: impl Fn(&T, &T) -> Vec<FieldChange>,
) -> Items<Id> {
    let xs_by: HashMap<Id, &T> = xs.iter().map(|x| (id(x), x)).collect();
    let ys_by: HashMap<Id, &T> = ys.iter().map(|y| (id(y), y)).collect();
    let paired_x: std::collections::HashSet<Id> = pairs.iter().map(|p| p.0).collect();
    let paired_y: std::collections::HashSet<Id> = pairs.iter().map(|p| p.1).collect();
    let mut out = Items::default();
    for &(a, b, matched) in pairs {
        let (Some(x), Some(y)) = (xs_by.get(&a), ys_by.get(&b)) else {
            continue;
        };
        // Equal items under the same id cost one comparison, nothing serialized.
        let fields = if matched == Matched::Id && x == y {
            Vec::new()
        } else {
            compare(x, y)
        };
        // An item that only has another number is the same item: not a change.
        if !fields.is_empty() {
            out.changed.push(Changed {
                before: a,
                after: b,
                name: name(y),
                matched,
                fields,
            });
        }
    }
    // What no pair holds: added on the second side, removed on the first.
    let unpaired = |items: &[T], paired: &std::collections::HashSet<Id>| -> Vec<Named<Id>> {
        items
            .iter()
            .filter(|i| !paired.contains(&id(i)))
            .map(|i| Named {
                id: id(i),
                name: name(i),
            })
            .collect()
    };
    out.added = unpaired(ys, &paired_y);
    out.removed = unpaired(xs, &paired_x);
    out
}
