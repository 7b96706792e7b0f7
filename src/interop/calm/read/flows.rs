//! CALM flows as Patchbay flows, and the waivers Patchbay wrote.

use super::state::{Reader, Role, own};
use crate::model::words::counted;
use crate::model::{Flow, LinkId, follows_on, waiver::Waiver};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A flow's links in order, as far as Patchbay can follow them.
struct Chain {
    /// The flow in parts, split where a step does not follow on.
    parts: Vec<Vec<LinkId>>,
    /// Transitions back along an earlier step's link: its answer.
    answers: usize,
    /// Transitions over relationships that are not links.
    not_links: usize,
}

impl<'v> Reader<'v> {
    /// Every flow with a link among its transitions, split into chains where a step
    /// does not start where the one before ended (or at the same caller).
    pub(super) fn flows(&mut self, flows: &'v [Value]) {
        let link_at: HashMap<LinkId, usize> = (self.design.links.iter().enumerate())
            .map(|(i, l)| (l.id, i))
            .collect();
        let mut answered: Vec<LinkId> = Vec::new();
        let mut parts_out: Vec<(Option<u32>, Flow)> = Vec::new();
        for (i, flow) in flows.iter().enumerate() {
            let path = format!("flows[{i}]");
            let Some(name) = self.string(flow, &path, "name") else {
                continue;
            };
            let id = own(flow)
                .and_then(|o| o.get("id"))
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok());
            let Some(chain) = self.chain(flow, &path, &link_at, &mut answered) else {
                continue;
            };
            self.say_chain(&path, name, &chain);
            for (k, steps) in chain.parts.into_iter().enumerate() {
                let (id, name) = match k {
                    0 => (id, name.to_owned()),
                    _ => (None, format!("{name} (part {})", k + 1)),
                };
                parts_out.push((id, Flow { id: 0, name, steps }));
            }
        }
        let mut next = parts_out.iter().filter_map(|p| p.0).max().unwrap_or(0);
        self.design.flows = parts_out
            .into_iter()
            .map(|(id, mut f)| {
                f.id = id.unwrap_or_else(|| {
                    next += 1;
                    next
                });
                f
            })
            .collect();
        if !answered.is_empty() {
            for id in &answered {
                self.design.links[link_at[id]].needs_response = true;
            }
            self.report.push(format!(
                "{} had a flow show the answer coming back, so the caller waits for it (needs_response)",
                counted(answered.len(), "link")
            ));
        }
    }

    /// A flow's transitions in sequence as chains of links. A transition back along
    /// a link the flow already took is that link's answer: a link another tool wrote
    /// is then one that waits for it (added to `answered`).
    fn chain(
        &mut self,
        flow: &'v Value,
        path: &str,
        link_at: &HashMap<LinkId, usize>,
        answered: &mut Vec<LinkId>,
    ) -> Option<Chain> {
        let Some(list) = flow.get("transitions").and_then(Value::as_array) else {
            self.problem(path, "has no `transitions` list");
            return None;
        };
        let mut transitions: Vec<(i64, usize, &Value)> = (list.iter().enumerate())
            .map(|(j, t)| {
                let n = t.get("sequence-number").and_then(Value::as_i64);
                (n.unwrap_or(i64::MAX), j, t)
            })
            .collect();
        transitions.sort_by_key(|t| (t.0, t.1));
        let mut chain = Chain {
            parts: vec![Vec::new()],
            answers: 0,
            not_links: 0,
        };
        for (_, j, t) in transitions {
            let Some(rel) = t.get("relationship-unique-id").and_then(Value::as_str) else {
                self.problem(
                    &format!("{path}.transitions[{j}]"),
                    "has no `relationship-unique-id`",
                );
                continue;
            };
            let Some(&link) = self.link_ids.get(rel) else {
                chain.not_links += 1;
                continue;
            };
            let backwards =
                t.get("direction").and_then(Value::as_str) == Some("destination-to-source");
            if backwards && chain.parts.iter().flatten().any(|s| *s == link) {
                chain.answers += 1;
                if self.defaulted.contains(&link) && !answered.contains(&link) {
                    answered.push(link);
                }
                continue;
            }
            let links = &self.design.links;
            let current = chain.parts.last_mut().expect("one part at least");
            match current.last() {
                Some(p) if !follows_on(&links[link_at[p]], &links[link_at[&link]]) => {
                    chain.parts.push(vec![link]);
                }
                _ => current.push(link),
            }
        }
        chain.parts.retain(|p| !p.is_empty());
        Some(chain)
    }

    /// What reading a flow skipped, took as answers, or split.
    fn say_chain(&mut self, path: &str, name: &str, chain: &Chain) {
        if chain.parts.is_empty() {
            self.report.push(format!(
                "{path} ({name}): skipped, none of its transitions is a link Patchbay drew"
            ));
            return;
        }
        if chain.not_links > 0 {
            self.report.push(format!(
                "{path} ({name}): {} skipped, not links Patchbay drew",
                counted(chain.not_links, "transition")
            ));
        }
        match chain.answers {
            0 => {}
            1 => self.report.push(format!(
                "{path} ({name}): 1 transition goes back along an earlier step's link, read as that link's answer rather than a step"
            )),
            n => self.report.push(format!(
                "{path} ({name}): {n} transitions go back along an earlier step's link, read as that link's answer rather than a step"
            )),
        }
        if chain.parts.len() > 1 {
            self.report.push(format!(
                "{path} ({name}): a step does not start where the one before it ended, or at the same caller; a Patchbay flow is one chain, so it is split into {} flows",
                chain.parts.len()
            ));
        }
    }

    /// The waivers Patchbay wrote, their subjects found again by CALM id; one whose
    /// subject is gone is skipped and said.
    pub(super) fn waivers(&mut self, waivers: Vec<Map<String, Value>>) {
        for (i, mut w) in waivers.into_iter().enumerate() {
            let path = format!("metadata.patchbay.waivers[{i}]");
            let mut gone = None;
            if let Some(Value::String(n)) = w.remove("node") {
                match self.roles.get(n.as_str()) {
                    Some(Role::System(s)) => {
                        w.insert("system".into(), s.0.into());
                    }
                    _ => gone = Some(n),
                }
            }
            if let Some(Value::String(r)) = w.remove("relationship") {
                match self.link_ids.get(r.as_str()) {
                    Some(l) => {
                        w.insert("link".into(), l.0.into());
                    }
                    None => gone = Some(r),
                }
            }
            match (Waiver::deserialize(Value::Object(w)), gone) {
                (Ok(waiver), None) => self.design.waivers.push(waiver),
                (Ok(waiver), Some(gone)) => self.report.push(format!(
                    "{path}: the waiver of {} skipped, its subject `{gone}` is not in the design",
                    waiver.rule
                )),
                (Err(e), _) => self.problem(&path, e),
            }
        }
    }
}
