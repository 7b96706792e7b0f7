//! Edits are data: every change to a design is an [`Edit`] that sets some systems,
//! links and zones to new values (or removes them). Applying an edit returns its
//! inverse, so undo and redo are the same operation.

use super::design::{Design, Link, Pos, System, Zone};
use super::ids::{LinkId, SystemId, ZoneId};
use super::vocab::{Environment, SystemKind};

/// The design-level fields an edit can set.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignMeta {
    /// The design's name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Production or prototype.
    pub environment: Environment,
    /// Central audit and monitoring required.
    pub central_governance: bool,
    /// The findings reviewers accepted.
    pub waivers: Vec<super::waiver::Waiver>,
    /// The end-to-end flows.
    pub flows: Vec<super::design::Flow>,
}

impl DesignMeta {
    /// The design's current meta fields.
    pub fn of(design: &Design) -> Self {
        Self {
            name: design.name.clone(),
            description: design.description.clone(),
            environment: design.environment,
            central_governance: design.central_governance,
            waivers: design.waivers.clone(),
            flows: design.flows.clone(),
        }
    }
}

/// One user gesture's change to a design.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Edit {
    /// What the undo menu calls it ("Move 3 systems").
    pub label: String,
    /// Systems to set (`Some`) or remove (`None`).
    pub systems: Vec<(SystemId, Option<System>)>,
    /// Links to set or remove.
    pub links: Vec<(LinkId, Option<Link>)>,
    /// Zones to set or remove.
    pub zones: Vec<(ZoneId, Option<Zone>)>,
    /// New design-level fields.
    pub meta: Option<DesignMeta>,
}

/// Sets or removes the item with `id` in a vector kept in id order.
fn put<T: Clone, K: Ord + Copy>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> K,
    id: K,
    value: Option<T>,
) -> Option<T> {
    match (items.binary_search_by_key(&id, &key), value) {
        (Ok(i), Some(v)) => Some(std::mem::replace(&mut items[i], v)),
        (Ok(i), None) => Some(items.remove(i)),
        (Err(i), Some(v)) => {
            items.insert(i, v);
            None
        }
        (Err(_), None) => None,
    }
}

impl Edit {
    /// An empty edit with a label.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            ..Self::default()
        }
    }

    /// Turns `from` into `to` in one step: every item of `to` set, every item only in
    /// `from` removed, and the design's own fields.
    pub fn replace_all(label: &str, from: &Design, to: &Design) -> Self {
        use std::collections::HashSet;
        let mut e = Edit::new(label);
        // Sets, so a design of thousands of items is not compared item by item.
        let zones: HashSet<ZoneId> = to.zones.iter().map(|z| z.id).collect();
        let systems: HashSet<SystemId> = to.systems.iter().map(|s| s.id).collect();
        let links: HashSet<LinkId> = to.links.iter().map(|l| l.id).collect();
        e.zones.extend(
            from.zones
                .iter()
                .filter(|z| !zones.contains(&z.id))
                .map(|z| (z.id, None)),
        );
        e.links.extend(
            from.links
                .iter()
                .filter(|l| !links.contains(&l.id))
                .map(|l| (l.id, None)),
        );
        e.systems.extend(
            from.systems
                .iter()
                .filter(|s| !systems.contains(&s.id))
                .map(|s| (s.id, None)),
        );
        e.zones
            .extend(to.zones.iter().map(|z| (z.id, Some(z.clone()))));
        e.systems
            .extend(to.systems.iter().map(|s| (s.id, Some(s.clone()))));
        e.links
            .extend(to.links.iter().map(|l| (l.id, Some(l.clone()))));
        e.meta = Some(DesignMeta::of(to));
        e
    }

    /// What consecutive edits must share to merge into one undo step: the same label
    /// (the field) and the same items.
    pub fn merge_key(&self) -> String {
        use std::fmt::Write;
        let mut key = self.label.clone();
        for (id, _) in &self.zones {
            let _ = write!(key, " z{}", id.0);
        }
        for (id, _) in &self.systems {
            let _ = write!(key, " s{}", id.0);
        }
        for (id, _) in &self.links {
            let _ = write!(key, " l{}", id.0);
        }
        if self.meta.is_some() {
            key.push_str(" design");
        }
        key
    }

    /// True when applying it would change nothing.
    pub fn is_empty(&self) -> bool {
        self.systems.is_empty()
            && self.links.is_empty()
            && self.zones.is_empty()
            && self.meta.is_none()
    }

    /// Applies the edit and returns the edit that undoes it. The design's items stay in
    /// id order.
    pub fn apply(self, design: &mut Design) -> Edit {
        design.sort_canonical();
        let mut inverse = Edit::new(self.label);
        for (id, value) in self.zones {
            let old = put(&mut design.zones, |z| z.id, id, value);
            inverse.zones.push((id, old));
        }
        for (id, value) in self.systems {
            let old = put(&mut design.systems, |s| s.id, id, value);
            inverse.systems.push((id, old));
        }
        for (id, value) in self.links {
            let old = put(&mut design.links, |l| l.id, id, value);
            inverse.links.push((id, old));
        }
        if let Some(meta) = self.meta {
            inverse.meta = Some(DesignMeta::of(design));
            design.name = meta.name;
            design.description = meta.description;
            design.environment = meta.environment;
            design.central_governance = meta.central_governance;
            design.waivers = meta.waivers;
            design.flows = meta.flows;
        }
        // Undo must restore in the opposite order (links after the systems they need).
        inverse.systems.reverse();
        inverse.links.reverse();
        inverse.zones.reverse();
        inverse
    }

    /// Replaces the design's waivers (accepting or reopening a finding).
    pub fn set_waivers(design: &Design, label: &str, waivers: Vec<super::waiver::Waiver>) -> Self {
        Self {
            meta: Some(DesignMeta {
                waivers,
                ..DesignMeta::of(design)
            }),
            ..Edit::new(label)
        }
    }

    /// Replaces the design's flows.
    pub fn set_flows(design: &Design, label: &str, flows: Vec<super::design::Flow>) -> Self {
        Self {
            meta: Some(DesignMeta {
                flows,
                ..DesignMeta::of(design)
            }),
            ..Edit::new(label)
        }
    }

    /// Accepts a finding: adds its waiver ("Accept AUTH-001").
    pub fn accept(design: &Design, waiver: super::waiver::Waiver) -> Self {
        let label = format!("Accept {}", waiver.rule);
        let mut waivers = design.waivers.clone();
        waivers.push(waiver);
        Self::set_waivers(design, &label, waivers)
    }

    /// Reopens the finding the `index`th waiver accepted; `None` when there is none.
    pub fn reopen(design: &Design, index: usize) -> Option<Self> {
        let mut waivers = design.waivers.clone();
        (index < waivers.len()).then(|| {
            let w = waivers.remove(index);
            Self::set_waivers(design, &format!("Reopen {}", w.rule), waivers)
        })
    }

    /// Puts `flow` in place of the flow with its id, or adds it, when it is a valid
    /// flow of the design; otherwise what is wrong with it.
    pub fn set_flow(
        design: &Design,
        flow: super::design::Flow,
        label: &str,
    ) -> Result<Self, Vec<String>> {
        let problems = super::validate::flow_problems(design, &flow);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut flows = design.flows.clone();
        match flows.iter_mut().find(|g| g.id == flow.id) {
            Some(g) => *g = flow,
            None => flows.push(flow),
        }
        Ok(Self::set_flows(design, label, flows))
    }

    /// Removes the flow with this id (its links stay); `None` when there is none.
    pub fn remove_flow(design: &Design, id: u32) -> Option<Self> {
        design.flows.iter().any(|f| f.id == id).then(|| {
            let flows = design
                .flows
                .iter()
                .filter(|f| f.id != id)
                .cloned()
                .collect();
            Self::set_flows(design, "Remove flow", flows)
        })
    }

    /// Adds a new system of `kind` at `at`, named after its kind with the first number
    /// no system of the design already has ("ERP 3"). Returns the edit and its id.
    pub fn add_new_system(design: &Design, kind: SystemKind, at: Pos) -> (Self, SystemId) {
        let id = design.next_system_id();
        let label = kind.label();
        let taken: std::collections::HashSet<&str> =
            design.systems.iter().map(|s| s.name.as_str()).collect();
        let name = (design.systems.iter().filter(|s| s.kind == kind).count() + 1..)
            .map(|n| format!("{label} {n}"))
            .find(|name| !taken.contains(name.as_str()))
            .unwrap_or_else(|| label.to_owned());
        let mut system = System::new(id, name, kind);
        system.position = Some(at);
        (Self::add_system(system), id)
    }

    /// Adds a system.
    pub fn add_system(system: System) -> Self {
        let mut e = Edit::new(format!("Add {}", system.name));
        e.systems.push((system.id, Some(system)));
        e
    }

    /// Replaces a system with a changed copy.
    pub fn set_system(label: &str, system: System) -> Self {
        let mut e = Edit::new(label);
        e.systems.push((system.id, Some(system)));
        e
    }

    /// Adds or replaces a link.
    pub fn set_link(label: &str, link: Link) -> Self {
        let mut e = Edit::new(label);
        e.links.push((link.id, Some(link)));
        e
    }

    /// Removes systems and every link that touches them, and links.
    pub fn delete(design: &Design, systems: &[SystemId], links: &[LinkId]) -> Self {
        let mut e = Edit::new(match (systems.len(), links.len()) {
            (1, 0) => "Delete system".to_owned(),
            (0, 1) => "Delete link".to_owned(),
            (s, l) => format!("Delete {s} systems and {l} links"),
        });
        e.systems = systems.iter().map(|&id| (id, None)).collect();
        let mut gone: Vec<LinkId> = design
            .links
            .iter()
            .filter(|l| {
                links.contains(&l.id) || systems.contains(&l.from) || systems.contains(&l.to)
            })
            .map(|l| l.id)
            .collect();
        gone.sort_unstable();
        gone.dedup();
        e.links = gone.into_iter().map(|id| (id, None)).collect();
        e
    }

    /// Copies systems, and the links between them, as one step: each copy is named
    /// "… copy" and placed where `at` says (given the original). Returns the edit and
    /// the copies' ids, in the order of `systems`.
    pub fn duplicate(
        design: &Design,
        systems: &[SystemId],
        at: impl Fn(&System) -> Pos,
    ) -> (Self, Vec<SystemId>) {
        let mut next_system = design.next_system_id();
        let mut next_link = design.next_link_id();
        let mut edit = Edit::new("Duplicate");
        let mut copies: Vec<(SystemId, SystemId)> = Vec::new();
        for &id in systems {
            let Some(s) = design.system(id) else { continue };
            if copies.iter().any(|(old, _)| *old == id) {
                continue;
            }
            let copy = System {
                id: next_system,
                name: format!("{} copy", s.name),
                position: Some(at(s)),
                ..s.clone()
            };
            next_system.0 = next_system.0.saturating_add(1);
            copies.push((id, copy.id));
            edit.systems.push((copy.id, Some(copy)));
        }
        let new_of = |id| {
            copies
                .iter()
                .find(|(old, _)| *old == id)
                .map(|(_, new)| *new)
        };
        for l in &design.links {
            if let (Some(from), Some(to)) = (new_of(l.from), new_of(l.to)) {
                let copy = Link {
                    id: next_link,
                    from,
                    to,
                    ..l.clone()
                };
                next_link.0 = next_link.0.saturating_add(1);
                edit.links.push((copy.id, Some(copy)));
            }
        }
        (edit, copies.into_iter().map(|(_, new)| new).collect())
    }

    /// Turns a link around: the other side starts the exchange.
    pub fn reverse(design: &Design, link: LinkId) -> Option<Self> {
        let mut l = design.link(link)?.clone();
        std::mem::swap(&mut l.from, &mut l.to);
        Some(Edit::set_link("Reverse link", l))
    }

    /// Moves systems to new positions.
    pub fn move_systems(design: &Design, moves: &[(SystemId, Pos)]) -> Self {
        let mut e = Edit::new(if moves.len() == 1 {
            "Move system".to_owned()
        } else {
            format!("Move {} systems", moves.len())
        });
        for &(id, pos) in moves {
            if let Some(s) = design.system(id) {
                let mut s = s.clone();
                s.position = Some(pos);
                e.systems.push((id, Some(s)));
            }
        }
        e
    }
}
