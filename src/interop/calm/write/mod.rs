//! A design as a CALM 1.2 architecture, with Patchbay's advice written in as controls.

mod advice;
mod fields;
mod links;

use super::ids::{Ids, UniqueIds};
use super::keys::{ADVICE, FORMAT, PATCHBAY, SCHEMA};
use super::vocab::{calm_protocol, node_description, node_type};
use crate::analysis::Analysis;
use crate::model::words::counted;
use crate::model::{Design, Protocol, SystemId};
use fields::system_metadata;
use links::Relationships;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// `design` as a CALM architecture (pretty JSON, ending in a newline). The
/// relationships, most of a large design's file, are written straight from the
/// analysis without a JSON tree in between.
pub fn export(design: &Design, analysis: &Analysis) -> String {
    let mut out = Vec::with_capacity(4096 + 2048 * design.links.len());
    if serde_json::to_writer_pretty(&mut out, &Architecture::new(design, analysis)).is_err() {
        return String::from("{}\n");
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// The architecture as a JSON value.
pub fn architecture(design: &Design, analysis: &Analysis) -> Value {
    serde_json::to_value(Architecture::new(design, analysis)).unwrap_or(Value::Null)
}

/// The document, in CALM's order: what it is, its metadata, nodes, relationships,
/// flows.
#[derive(Serialize)]
struct Architecture<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "unique-id")]
    unique_id: String,
    name: &'a str,
    description: &'a str,
    metadata: Value,
    nodes: Vec<Value>,
    relationships: Relationships<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flows: Vec<Value>,
}

impl<'a> Architecture<'a> {
    fn new(design: &'a Design, analysis: &'a Analysis) -> Self {
        let mut taken = UniqueIds::default();
        let ids = Ids::new(design, &mut taken);
        let mut own = json!({
            "format": FORMAT,
            "environment": design.environment,
            "central_governance": design.central_governance,
        });
        let waivers = waivers(design, &ids);
        if !waivers.is_empty() {
            own["waivers"] = json!(waivers);
        }
        let esb = &analysis.esb;
        let metadata = json!({
            PATCHBAY: own,
            ADVICE: {
                "written-by": concat!("Patchbay ", env!("CARGO_PKG_VERSION")),
                "facts-checked": crate::standards::checked_line(),
                "esb": {
                    "verdict": esb.verdict.id(),
                    "label": esb.verdict.label(),
                    "reason": esb.reason,
                    "would-change": esb.flip,
                    "point-to-point-connections": esb.point_to_point,
                    "via-hub-connections": esb.via_hub,
                },
            },
        });
        Self {
            schema: SCHEMA,
            unique_id: taken.claim(&design.name, "architecture"),
            name: &design.name,
            description: &design.description,
            metadata,
            nodes: nodes(design, &ids),
            flows: flows(design, analysis, &ids, &mut taken),
            relationships: Relationships::new(design, analysis, ids),
        }
    }
}

/// The zones as networks, then the systems, each with an interface per protocol it is
/// reached by.
fn nodes(design: &Design, ids: &Ids) -> Vec<Value> {
    let mut reached: HashMap<SystemId, Vec<Protocol>> = HashMap::new();
    for l in &design.links {
        let list = reached.entry(l.to).or_default();
        if !list.contains(&l.protocol) {
            list.push(l.protocol);
        }
    }
    let zones = design.zones.iter().map(|z| {
        json!({
            "unique-id": ids.zones[&z.id],
            "node-type": "network",
            "name": z.name,
            "description": format!(
                "Trust boundary {}: the systems deployed in it share its network and trust.",
                z.name
            ),
            "metadata": { PATCHBAY: { "zone": z.id } },
        })
    });
    let systems = design.systems.iter().map(|s| {
        let mut node = json!({
            "unique-id": ids.systems[&s.id],
            "node-type": node_type(s.kind),
            "name": s.name,
            "description": node_description(s.kind, &s.notes),
        });
        if let Some(list) = reached.get(&s.id) {
            node["interfaces"] = (list.iter())
                .map(|&p| {
                    let mut i = json!({
                        "unique-id": ids.interface(s.id, p),
                        "name": format!("{} {}", s.name, p.label()),
                    });
                    if let Some(calm) = calm_protocol(p) {
                        i["protocol"] = json!(calm);
                    }
                    i
                })
                .collect();
        }
        node["metadata"] = json!({ PATCHBAY: system_metadata(s) });
        node
    });
    zones.chain(systems).collect()
}

/// Each flow with its steps as transitions and a summary of how long the caller
/// waits.
fn flows(design: &Design, analysis: &Analysis, ids: &Ids, taken: &mut UniqueIds) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, f) in design.flows.iter().enumerate() {
        let transitions: Vec<Value> = (f.steps.iter())
            .filter_map(|step| Some((ids.links.get(step)?, design.link(*step)?)))
            .enumerate()
            .map(|(n, (uid, l))| {
                json!({
                    "relationship-unique-id": uid,
                    "sequence-number": n + 1,
                    "description": if l.purpose.is_empty() {
                        crate::analysis::findings::link_name(design, l)
                    } else {
                        l.purpose.clone()
                    },
                    "direction": "source-to-destination",
                })
            })
            .collect();
        if transitions.is_empty() {
            // Only a design that fails validation has a flow without steps.
            continue;
        }
        let steps = |n| counted(n, "step");
        let summary = (analysis.flows.iter())
            .find(|fa| fa.flow == i)
            .map(|fa| match fa.sync_steps {
                0 => format!("{}; no step waits for an answer.", steps(f.steps.len())),
                n => format!(
                    "{}; the caller waits through the first {} (about {:.1} s).",
                    steps(f.steps.len()),
                    steps(n),
                    fa.sync_seconds
                ),
            })
            .unwrap_or_else(|| format!("{}.", steps(f.steps.len())));
        out.push(json!({
            "unique-id": taken.claim(&format!("flow {}", f.name), "flow"),
            "name": f.name,
            "description": format!("{}: {summary}", f.name),
            "transitions": transitions,
            "metadata": { PATCHBAY: { "id": f.id } },
        }));
    }
    out
}

/// The waivers, each with its subject by CALM id.
fn waivers(design: &Design, ids: &Ids) -> Vec<Value> {
    (design.waivers.iter())
        .map(|w| {
            let mut v = serde_json::to_value(w).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut v {
                o.remove("system");
                o.remove("link");
                if let Some(s) = w.system.and_then(|s| ids.systems.get(&s)) {
                    o.insert("node".into(), json!(s));
                }
                if let Some(l) = w.link.and_then(|l| ids.links.get(&l)) {
                    o.insert("relationship".into(), json!(l));
                }
            }
            v
        })
        .collect()
}
