//! What the reader keeps while it reads: the design so far, what it said, and where
//! each CALM id went.

use crate::model::{Design, Environment, LinkId, Problem, SystemId, ZoneId};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// What the architecture-level `patchbay` metadata holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Own {
    pub(super) format: u32,
    #[serde(default)]
    pub(super) environment: Environment,
    #[serde(default)]
    pub(super) central_governance: bool,
    /// Each with its subject by CALM id (`node` or `relationship`).
    #[serde(default)]
    pub(super) waivers: Vec<Map<String, Value>>,
}

/// A node's place in the design.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Zone(ZoneId),
    System(SystemId),
    Skipped,
}

/// The reader of one architecture; `'v` is the parsed document's.
#[derive(Default)]
pub(super) struct Reader<'v> {
    /// What is wrong; any makes the import fail.
    pub(super) problems: Vec<Problem>,
    /// What was guessed, skipped or split, in the order met.
    pub(super) report: Vec<String>,
    pub(super) design: Design,
    /// Each node's place, by its unique id.
    pub(super) roles: HashMap<&'v str, Role>,
    /// Each node's name, by its unique id.
    pub(super) names: HashMap<&'v str, &'v str>,
    /// Each link, by its relationship's unique id.
    pub(super) link_ids: HashMap<&'v str, LinkId>,
    /// The links the file gave none of Patchbay's attributes.
    pub(super) defaulted: HashSet<LinkId>,
}

impl<'v> Reader<'v> {
    /// A problem with what is at `path`.
    pub(super) fn problem(&mut self, path: &str, message: impl std::fmt::Display) {
        self.problems.push(Problem {
            location: None,
            message: format!("{path}: {message}"),
        });
    }

    /// The string at `key` of `v`, or a problem at `path.key`.
    pub(super) fn string(&mut self, v: &'v Value, path: &str, key: &str) -> Option<&'v str> {
        match v.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.problem(&format!("{path}.{key}"), "is not a string");
                None
            }
            None => {
                self.problem(path, format!("has no `{key}`"));
                None
            }
        }
    }

    /// The list at `key` of the document (empty when absent).
    pub(super) fn list(&mut self, root: &'v Value, key: &str) -> &'v [Value] {
        match root.get(key) {
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.problem(key, "is not a list");
                &[]
            }
            None => &[],
        }
    }

    /// The name of the node `uid`, for messages.
    pub(super) fn name_of(&self, uid: &'v str) -> &'v str {
        self.names.get(uid).copied().unwrap_or(uid)
    }
}

/// The `patchbay` metadata of `v`, if it has some.
pub(super) fn own(v: &Value) -> Option<&Value> {
    v.get("metadata")?.get(super::super::keys::PATCHBAY)
}
