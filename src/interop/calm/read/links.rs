//! `connects` relationships as links.

use super::super::vocab::protocol_of;
use super::state::{Reader, Role, own};
use crate::model::words::counted;
use crate::model::{Link, LinkId, SystemId};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;

impl<'v> Reader<'v> {
    /// Every `connects` relationship between two systems as a link; the others skipped
    /// and said, and the links another tool wrote numbered after Patchbay's.
    pub(super) fn links(&mut self, relationships: &'v [Value]) {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut unnumbered: Vec<(usize, &str)> = Vec::new();
        for (i, rel) in relationships.iter().enumerate() {
            let path = format!("relationships[{i}]");
            let Some(uid) = self.string(rel, &path, "unique-id") else {
                continue;
            };
            if !seen.insert(uid) {
                self.problem(
                    &format!("{path}.unique-id"),
                    format!("`{uid}` is the id of an earlier relationship too"),
                );
                continue;
            }
            let Some((link, numbered)) = self.link(rel, &path, uid) else {
                continue;
            };
            if numbered {
                self.link_ids.insert(uid, link.id);
            } else {
                unnumbered.push((self.design.links.len(), uid));
            }
            self.design.links.push(link);
        }
        let mut next = self.link_ids.values().map(|l| l.0).max().unwrap_or(0);
        for &(index, uid) in &unnumbered {
            next += 1;
            self.design.links[index].id = LinkId(next);
            self.link_ids.insert(uid, LinkId(next));
            self.defaulted.insert(LinkId(next));
        }
        if !unnumbered.is_empty() {
            self.report.push(format!(
                "{} had no Patchbay attributes, so each has Patchbay's defaults (no response awaited, triggered by a user action, real time, internal data); set what each link does before trusting its advice",
                counted(unnumbered.len(), "connects relationship")
            ));
        }
    }

    /// The link a relationship is, and whether the file numbered it (Patchbay wrote
    /// it); `None` when it is not a link between two systems.
    fn link(&mut self, rel: &'v Value, path: &str, uid: &str) -> Option<(Link, bool)> {
        let Some(ty) = rel.get("relationship-type") else {
            self.problem(path, "has no `relationship-type`");
            return None;
        };
        let Some(c) = ty.get("connects") else {
            for (what, why) in [
                (
                    "interacts",
                    "Patchbay draws systems, not the people who use them",
                ),
                (
                    "options",
                    "Patchbay draws one architecture, not the choices between several",
                ),
            ] {
                if ty.get(what).is_some() {
                    self.report.push(format!(
                        "{path} ({uid}): an `{what}` relationship, skipped: {why}"
                    ));
                }
            }
            return None;
        };
        let (from, to) = self.ends(c, path, uid)?;
        let purpose = rel
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if let Some(own) = own(rel) {
            let mut own = own.clone();
            if let Value::Object(o) = &mut own {
                o.insert("from".into(), from.0.into());
                o.insert("to".into(), to.0.into());
                o.insert("purpose".into(), purpose.into());
            }
            return match Link::deserialize(&own) {
                Ok(l) => Some((l, true)),
                Err(e) => {
                    self.problem(&format!("{path}.metadata.patchbay"), e);
                    None
                }
            };
        }
        let mut l = Link::new(LinkId(0), from, to);
        l.purpose = purpose.to_owned();
        match rel.get("protocol").and_then(Value::as_str) {
            Some(p) => {
                let (protocol, guessed) = protocol_of(p);
                l.protocol = protocol;
                if guessed {
                    self.report.push(format!(
                        "{path} ({uid}): protocol {p} carries several of Patchbay's; read as {}, set it on the link",
                        protocol.id()
                    ));
                }
            }
            None => self.report.push(format!(
                "{path} ({uid}): no protocol; read as {}",
                l.protocol.id()
            )),
        }
        Some((l, false))
    }

    /// The systems at both ends of a `connects`, or `None` (said) when either is not
    /// drawn as a system.
    fn ends(&mut self, c: &'v Value, path: &str, uid: &str) -> Option<(SystemId, SystemId)> {
        let end = |end: &str| {
            c.get(end)
                .and_then(|e| e.get("node"))
                .and_then(Value::as_str)
        };
        let (Some(from), Some(to)) = (end("source"), end("destination")) else {
            self.problem(
                &format!("{path}.relationship-type.connects"),
                "needs a `source` and a `destination`, each with a `node`",
            );
            return None;
        };
        let mut ends = [None, None];
        for (k, (side, node)) in [("source", from), ("destination", to)]
            .into_iter()
            .enumerate()
        {
            match self.roles.get(node).copied() {
                Some(Role::System(s)) => ends[k] = Some(s),
                Some(_) => self.report.push(format!(
                    "{path} ({uid}): skipped, its {side} {} is not drawn as a system",
                    self.name_of(node)
                )),
                None => self.problem(
                    &format!("{path}.relationship-type.connects.{side}.node"),
                    format!("names `{node}`, which is not a node"),
                ),
            }
        }
        Some((ends[0]?, ends[1]?))
    }
}
