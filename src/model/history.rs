//! Undo and redo: the stacks of inverse edits, each step applied with what it does to
//! the design's flows and waivers (see [`super::integrity`]).

use super::design::Design;
use super::edit::Edit;

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
    use crate::model::design::{Pos, System};
    use crate::model::edit::DesignMeta;
    use crate::model::ids::{LinkId, SystemId};
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
