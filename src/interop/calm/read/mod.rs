//! A CALM architecture read as a design: Patchbay's own metadata where the file has it
//! (a round trip loses nothing), guesses said aloud where it does not.

mod flows;
mod links;
mod nodes;
mod state;

use super::super::imported::Imported;
use super::keys::FORMAT;
use crate::model::Problem;
use crate::model::locate::Location;
use serde::Deserialize;
use serde_json::Value;
use state::{Own, Reader};

/// Reads a CALM architecture (JSON text). Problems come with the JSON path of what is
/// wrong (`relationships[3].relationship-type.connects.destination.node`), and then
/// nothing is imported; what Patchbay cannot draw is skipped and listed in the report.
pub fn import(text: &str) -> Result<Imported, Vec<Problem>> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            location: Some(Location {
                line: e.line().max(1),
                col: e.column().max(1),
            }),
            message: format!("not JSON: {e}"),
        }]
    })?;
    let mut r = Reader::default();
    if let Some(own) = r.header(&root) {
        let nodes = r.list(&root, "nodes");
        let relationships = r.list(&root, "relationships");
        let flows = r.list(&root, "flows");
        r.nodes(nodes, relationships);
        r.links(relationships);
        r.flows(flows);
        if let Some(own) = own {
            r.waivers(own.waivers);
        }
        let d = &mut r.design;
        d.zones.sort_by_key(|z| z.id);
        d.systems.sort_by_key(|s| s.id);
        d.links.sort_by_key(|l| l.id);
        d.flows.sort_by_key(|f| f.id);
    }
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    super::super::imported::finish(r.design, r.report)
}

impl Reader<'_> {
    /// The design's name, description and settings. `None` when the document is not an
    /// architecture at all; otherwise Patchbay's own metadata, if it has some.
    fn header(&mut self, root: &Value) -> Option<Option<Own>> {
        if !root.is_object() {
            self.problem("$", "a CALM architecture is a JSON object");
            return None;
        }
        if root.get("nodes").is_none() {
            self.problem(
                "$",
                "has no `nodes` list, so it is not a CALM architecture (Patchbay imports architectures, not patterns or reports)",
            );
            return None;
        }
        let text = |key| {
            root.get(key)
                .and_then(Value::as_str)
                .or_else(|| metadata_field(root, key))
        };
        self.design.name = text("name")
            .unwrap_or("Imported CALM architecture")
            .to_owned();
        self.design.description = text("description").unwrap_or_default().to_owned();
        let own = match state::own(root).map(Own::deserialize) {
            None => None,
            Some(Ok(own)) if own.format <= FORMAT => Some(own),
            Some(Ok(own)) => {
                self.problem(
                    "metadata.patchbay.format",
                    format!(
                        "is {}, written by a newer Patchbay (this one reads up to {FORMAT})",
                        own.format
                    ),
                );
                None
            }
            Some(Err(e)) => {
                self.problem("metadata.patchbay", e);
                None
            }
        };
        if let Some(own) = &own {
            self.design.environment = own.environment;
            self.design.central_governance = own.central_governance;
        }
        Some(own)
    }
}

/// A field of the architecture's metadata, where CALM's own samples keep the name and
/// description: an object, or a list of objects.
fn metadata_field<'v>(root: &'v Value, key: &str) -> Option<&'v str> {
    match root.get("metadata")? {
        Value::Object(o) => o.get(key)?.as_str(),
        Value::Array(items) => items.iter().find_map(|m| m.get(key)?.as_str()),
        _ => None,
    }
}
