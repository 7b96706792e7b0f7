//! Patchbay's own attributes of a system or link, for the metadata: everything CALM
//! has no field for.

use crate::model::{Link, System};
use serde_json::Value;

/// What CALM has no place for: every attribute but the name, the notes (the
/// description) and the zone (the `deployed-in` relationship).
pub(super) fn system_metadata(s: &System) -> Value {
    without(s, &["name", "notes", "zone"])
}

/// `v` as a JSON object, without the fields CALM holds itself.
fn without<T: serde::Serialize>(v: &T, native: &[&str]) -> Value {
    let mut v = serde_json::to_value(v).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut v {
        for field in native {
            o.remove(*field);
        }
    }
    v
}

/// Every attribute but the ends (the `connects` relationship) and the purpose (its
/// description).
pub(super) fn link_metadata(l: &Link) -> Value {
    without(l, &["from", "to", "purpose"])
}
