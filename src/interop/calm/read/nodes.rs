//! Nodes as systems and zones, and which zone each system is in.

use super::super::super::imported::guess_kind;
use super::super::vocab::{kind_of_node_type, node_description};
use super::state::{Reader, Role, own};
use crate::model::{System, SystemId, SystemKind, Zone, ZoneId};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A `deployed-in` or `composed-of` relationship: its index, which of the two, the
/// container and its members.
struct Container<'v> {
    index: usize,
    how: &'static str,
    container: &'v str,
    members: Vec<&'v str>,
}

/// Which nodes are ends of connections, and the containers.
fn containment(relationships: &[Value]) -> (HashSet<&str>, Vec<Container<'_>>) {
    let mut connected = HashSet::new();
    let mut containers = Vec::new();
    for (index, rel) in relationships.iter().enumerate() {
        let Some(ty) = rel.get("relationship-type") else {
            continue;
        };
        if let Some(c) = ty.get("connects") {
            for end in ["source", "destination"] {
                if let Some(n) = c
                    .get(end)
                    .and_then(|e| e.get("node"))
                    .and_then(Value::as_str)
                {
                    connected.insert(n);
                }
            }
        }
        for how in ["deployed-in", "composed-of"] {
            if let Some(c) = ty.get(how) {
                containers.push(Container {
                    index,
                    how,
                    container: c.get("container").and_then(Value::as_str).unwrap_or(""),
                    members: c
                        .get("nodes")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default(),
                });
            }
        }
    }
    (connected, containers)
}

impl<'v> Reader<'v> {
    /// Every node as a zone (it holds others and connects to none, or Patchbay wrote
    /// it as one), a system, or skipped (people; containers of nothing); then each
    /// system in its zone.
    pub(super) fn nodes(&mut self, nodes: &'v [Value], relationships: &'v [Value]) {
        let (connected, containers) = containment(relationships);
        let holding: HashSet<&str> = containers.iter().map(|c| c.container).collect();
        // Nodes the file did not number, by index into the zones or systems.
        let mut pending_zones: Vec<(usize, &str)> = Vec::new();
        let mut pending_systems: Vec<(usize, &str)> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            let path = format!("nodes[{i}]");
            let Some((uid, name)) = self.identify(node, &path) else {
                continue;
            };
            let node_type = node.get("node-type").and_then(Value::as_str).unwrap_or("");
            let own = own(node);
            let zone_id = own
                .and_then(|o| o.get("zone"))
                .and_then(Value::as_u64)
                .and_then(|z| u32::try_from(z).ok());
            let role = if node_type == "actor" {
                self.report.push(format!(
                    "{name} ({path}): an actor, skipped: Patchbay draws the systems and the links between them, not the people who use them"
                ));
                Role::Skipped
            } else if zone_id.is_some() || (holding.contains(uid) && !connected.contains(uid)) {
                let id = ZoneId(zone_id.unwrap_or(0));
                if zone_id.is_none() {
                    self.report.push(format!(
                        "{name} ({path}): holds other nodes and connects to none, so it is a zone"
                    ));
                    pending_zones.push((self.design.zones.len(), uid));
                }
                self.design.zones.push(Zone {
                    id,
                    name: name.to_owned(),
                });
                Role::Zone(id)
            } else if own.is_none()
                && !connected.contains(uid)
                && matches!(node_type, "network" | "ecosystem")
            {
                self.report.push(format!(
                    "{name} ({path}): a {node_type} that holds no node and connects to none, skipped"
                ));
                Role::Skipped
            } else {
                let description = node
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let system = match own {
                    Some(own) => self.own_system(own, &path, name, description),
                    None => {
                        pending_systems.push((self.design.systems.len(), uid));
                        Some(self.guessed_system(node_type, &path, name, description))
                    }
                };
                let Some(system) = system else { continue };
                let id = system.id;
                self.design.systems.push(system);
                Role::System(id)
            };
            self.roles.insert(uid, role);
        }
        self.number(&pending_zones, &pending_systems);
        self.place(&containers);
    }

    /// A node's unique id and name, once per id.
    fn identify(&mut self, node: &'v Value, path: &str) -> Option<(&'v str, &'v str)> {
        if !node.is_object() {
            self.problem(path, "is not an object");
            return None;
        }
        let uid = self.string(node, path, "unique-id");
        let name = self.string(node, path, "name");
        let (uid, name) = (uid?, name?);
        if self.names.contains_key(uid) {
            self.problem(
                &format!("{path}.unique-id"),
                format!("`{uid}` is the id of an earlier node too"),
            );
            return None;
        }
        self.names.insert(uid, name);
        Some((uid, name))
    }

    /// Numbers for the zones and systems the file did not number, after the ones it
    /// did.
    fn number(&mut self, zones: &[(usize, &'v str)], systems: &[(usize, &'v str)]) {
        let unnumbered_zones: HashSet<usize> = zones.iter().map(|z| z.0).collect();
        let unnumbered_systems: HashSet<usize> = systems.iter().map(|s| s.0).collect();
        let d = &mut self.design;
        let mut next_zone = (d.zones.iter().enumerate())
            .filter(|(i, _)| !unnumbered_zones.contains(i))
            .map(|(_, z)| z.id.0)
            .max()
            .unwrap_or(0);
        let mut next_system = (d.systems.iter().enumerate())
            .filter(|(i, _)| !unnumbered_systems.contains(i))
            .map(|(_, s)| s.id.0)
            .max()
            .unwrap_or(0);
        for &(index, uid) in zones {
            next_zone += 1;
            d.zones[index].id = ZoneId(next_zone);
            self.roles.insert(uid, Role::Zone(ZoneId(next_zone)));
        }
        for &(index, uid) in systems {
            next_system += 1;
            d.systems[index].id = SystemId(next_system);
            self.roles.insert(uid, Role::System(SystemId(next_system)));
        }
    }

    /// Each system in the zone that holds it (the first, when several do).
    fn place(&mut self, containers: &[Container<'v>]) {
        let at: HashMap<SystemId, usize> = (self.design.systems.iter().enumerate())
            .map(|(i, s)| (s.id, i))
            .collect();
        let mut placed: HashSet<SystemId> = HashSet::new();
        for c in containers {
            let path = format!("relationships[{}].relationship-type.{}", c.index, c.how);
            let zone = match self.roles.get(c.container).copied() {
                Some(Role::Zone(z)) => z,
                Some(Role::System(_)) => {
                    self.report.push(format!(
                        "{path}: {} connects to other systems, so it stays a system and what it holds is not drawn as a zone",
                        self.name_of(c.container)
                    ));
                    continue;
                }
                Some(Role::Skipped) => continue,
                None => {
                    self.problem(
                        &format!("{path}.container"),
                        format!("names `{}`, which is not a node", c.container),
                    );
                    continue;
                }
            };
            for (j, &member) in c.members.iter().enumerate() {
                match self.roles.get(member).copied() {
                    Some(Role::System(s)) if placed.insert(s) => {
                        self.design.systems[at[&s]].zone = Some(zone);
                    }
                    Some(Role::System(_)) => self.report.push(format!(
                        "{path}.nodes[{j}]: {} is in an earlier container already; a system sits in one zone, the first",
                        self.name_of(member)
                    )),
                    Some(Role::Zone(_)) => self.report.push(format!(
                        "{path}.nodes[{j}]: {} is itself a zone; Patchbay's zones do not nest, so it stands beside this one",
                        self.name_of(member)
                    )),
                    Some(Role::Skipped) => {}
                    None => self.problem(
                        &format!("{path}.nodes[{j}]"),
                        format!("names `{member}`, which is not a node"),
                    ),
                }
            }
        }
    }

    /// A system Patchbay wrote: its metadata, with the name and notes CALM holds (a
    /// CALM tool may have edited them).
    fn own_system(
        &mut self,
        own: &Value,
        path: &str,
        name: &str,
        description: &str,
    ) -> Option<System> {
        let mut own = own.clone();
        if let Value::Object(o) = &mut own {
            o.insert("name".into(), name.into());
        }
        match System::deserialize(&own) {
            Ok(mut s) => {
                // The description is the notes, or the kind's label when there were none.
                if description != node_description(s.kind, "") {
                    s.notes = description.to_owned();
                }
                Some(s)
            }
            Err(e) => {
                self.problem(&format!("{path}.metadata.patchbay"), e);
                None
            }
        }
    }

    /// A system another tool wrote: its kind guessed from its name, else its node type.
    fn guessed_system(
        &mut self,
        node_type: &str,
        path: &str,
        name: &str,
        description: &str,
    ) -> System {
        let (kind, why) = match guess_kind(name) {
            Some((kind, word)) => (kind, format!("\"{word}\" in its name")),
            None => match kind_of_node_type(node_type) {
                Some(kind) => (kind, format!("its CALM node type {node_type}")),
                None => (
                    SystemKind::Other,
                    format!("nothing (node type {node_type:?} and its name suggest none)"),
                ),
            },
        };
        self.report.push(format!(
            "{name} ({path}): no Patchbay kind; {} from {why}",
            if kind == SystemKind::Other {
                "other".to_owned()
            } else {
                format!("guessed {}", kind.id())
            }
        ));
        let mut s = System::new(SystemId(0), name, kind);
        s.notes = description.to_owned();
        s
    }
}
