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

/// Undo and redo stacks of inverse edits.
#[derive(Debug, Default)]
pub struct History {
    /// Inverses of the applied steps, each with the serial of the state it led to.
    undo: Vec<(Edit, u64)>,
    /// Undone steps, each with the serial of the state redoing it leads to.
    redo: Vec<(Edit, u64)>,
    /// The last serial handed out.
    serial: u64,
}

impl History {
    /// Applies an edit as a new step, with what it does to the design's flows and
    /// waivers in the same step (see [`super::integrity`]); clears redo. Returns what
    /// it did to those, in words.
    pub fn apply(&mut self, design: &mut Design, edit: Edit) -> Vec<String> {
        if edit.is_empty() {
            return Vec::new();
        }
        let (edit, notes) = super::integrity::keep_references(design, edit);
        let inverse = edit.apply(design);
        self.serial += 1;
        self.undo.push((inverse, self.serial));
        self.redo.clear();
        notes
    }

    /// Applies an edit as part of the last step (typing on in a field): one undo then
    /// reverts both. Whatever the edit touches that the step did not is added to the
    /// step's inverse, so merging never loses the way back, whatever was merged.
    pub fn apply_merged(&mut self, design: &mut Design, edit: Edit) -> Vec<String> {
        if edit.is_empty() {
            return Vec::new();
        }
        let Some((step, state)) = self.undo.last_mut() else {
            return self.apply(design, edit);
        };
        let (edit, notes) = super::integrity::keep_references(design, edit);
        let inverse = edit.apply(design);
        fn keep_first<K: PartialEq + Copy, V>(into: &mut Vec<(K, V)>, from: Vec<(K, V)>) {
            for (id, old) in from {
                if !into.iter().any(|(k, _)| *k == id) {
                    into.push((id, old));
                }
            }
        }
        keep_first(&mut step.zones, inverse.zones);
        keep_first(&mut step.systems, inverse.systems);
        keep_first(&mut step.links, inverse.links);
        if step.meta.is_none() {
            step.meta = inverse.meta;
        }
        // A new state: a save made before the merge no longer matches it.
        self.serial += 1;
        *state = self.serial;
        self.redo.clear();
        notes
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self, design: &mut Design) -> bool {
        let Some((edit, state)) = self.undo.pop() else {
            return false;
        };
        self.redo.push((edit.apply(design), state));
        true
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self, design: &mut Design) -> bool {
        let Some((edit, state)) = self.redo.pop() else {
            return false;
        };
        self.undo.push((edit.apply(design), state));
        true
    }

    /// Which state the design is in: equal numbers mean equal designs (the same steps
    /// applied), so undoing back to a saved state can be recognised. 0 before any step.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |(_, s)| *s)
    }

    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(e, _)| e.label.as_str())
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(e, _)| e.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SystemKind, parse};

    fn retail() -> Design {
        parse(crate::samples::DEFAULT.text).expect("valid")
    }

    #[test]
    fn delete_removes_links_and_undo_restores_everything() {
        let mut d = retail();
        let before = d.clone();
        let mut h = History::default();
        let erp = SystemId(2);
        let edit = Edit::delete(&d, &[erp], &[]);
        h.apply(&mut d, edit);
        assert!(d.system(erp).is_none());
        assert!(d.links.iter().all(|l| l.from != erp && l.to != erp));
        assert!(h.undo(&mut d));
        assert_eq!(d, before);
        assert!(h.redo(&mut d));
        assert!(d.system(erp).is_none());
    }

    #[test]
    fn items_stay_in_id_order_and_meta_round_trips() {
        let mut d = retail();
        let before = d.clone();
        let mut h = History::default();
        let mut s = System::new(SystemId(100), "New", SystemKind::Erp);
        s.position = Some(Pos { x: 1.0, y: 2.0 });
        h.apply(&mut d, Edit::add_system(s));
        let mut meta = DesignMeta::of(&d);
        meta.name = "Renamed".into();
        h.apply(
            &mut d,
            Edit {
                meta: Some(meta),
                ..Edit::new("Rename design")
            },
        );
        assert!(d.systems.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(d.name, "Renamed");
        assert_eq!(h.undo_label(), Some("Rename design"));
        h.undo(&mut d);
        h.undo(&mut d);
        assert_eq!(d, before);
        assert!(!h.undo(&mut d));
    }

    #[test]
    fn a_new_system_takes_the_first_free_name_of_its_kind() {
        let mut d = retail();
        let at = Pos { x: 0.0, y: 0.0 };
        let (edit, id) = Edit::add_new_system(&d, SystemKind::Erp, at);
        edit.apply(&mut d);
        let first = d.system(id).expect("added").name.clone();
        // Renaming the new one to what the next would be called: the next one skips it.
        let n: usize = first
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("numbered");
        let mut s = d.system(id).expect("added").clone();
        s.name = format!("ERP {}", n + 1);
        Edit::set_system("Rename", s).apply(&mut d);
        let (edit, next) = Edit::add_new_system(&d, SystemKind::Erp, at);
        edit.apply(&mut d);
        assert_eq!(
            d.system(next).expect("added").name,
            format!("ERP {}", n + 2)
        );
        let names: std::collections::HashSet<_> = d.systems.iter().map(|s| &s.name).collect();
        assert_eq!(names.len(), d.systems.len(), "no name twice");
    }

    #[test]
    fn accept_reopen_and_flows_are_edits_that_undo() {
        use crate::model::design::Flow;
        let mut d = retail();
        let before = d.clone();
        let mut h = History::default();
        let waiver = crate::model::Waiver {
            rule: "GRAPH-003".into(),
            system: Some(d.systems[0].id),
            link: None,
            reason: "Known hub".into(),
            by: "Review board".into(),
            until: None,
            seen: String::new(),
        };
        let n = d.waivers.len();
        let accept = Edit::accept(&d, waiver);
        h.apply(&mut d, accept);
        assert_eq!(d.waivers.len(), n + 1);
        assert_eq!(h.undo_label(), Some("Accept GRAPH-003"));
        let reopen = Edit::reopen(&d, n).expect("the waiver just added");
        assert_eq!(reopen.label, "Reopen GRAPH-003");
        h.apply(&mut d, reopen);
        assert_eq!(d.waivers.len(), n);
        assert!(Edit::reopen(&d, n).is_none(), "no such waiver");

        // A flow whose steps follow on is set; one whose steps do not is refused
        // with the reason, and the design is untouched.
        let (first, next) = d
            .links
            .iter()
            .find_map(|a| {
                d.links
                    .iter()
                    .find(|b| b.from == a.to)
                    .map(|b| (a.clone(), b.clone()))
            })
            .expect("two links that follow on in the retail sample");
        let id = d.flows.iter().map(|f| f.id + 1).max().unwrap_or(1);
        let flow = Flow {
            id,
            name: "Through".into(),
            steps: vec![first.id, next.id],
        };
        let set = Edit::set_flow(&d, flow, "New flow").expect("valid");
        h.apply(&mut d, set);
        assert!(d.flows.iter().any(|f| f.id == id));
        let remove = Edit::remove_flow(&d, id).expect("there");
        h.apply(&mut d, remove);
        assert!(d.flows.iter().all(|f| f.id != id));
        let broken = Flow {
            id,
            name: "Broken".into(),
            steps: vec![LinkId(9_999)],
        };
        let problems = Edit::set_flow(&d, broken, "New flow").expect_err("no such link");
        assert!(
            problems[0].contains("which the design does not have"),
            "{problems:?}"
        );
        let empty = Flow {
            id,
            name: " ".into(),
            steps: vec![first.id],
        };
        assert!(Edit::set_flow(&d, empty, "Rename flow").is_err());
        assert!(Edit::remove_flow(&d, 9_999).is_none());
        while h.undo(&mut d) {}
        assert_eq!(d, before);
    }
}
