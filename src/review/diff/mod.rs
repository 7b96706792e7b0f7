//! Compare two designs: what was added, removed and changed, how each link's
//! recommendations moved, which findings were resolved or introduced, and the ESB
//! question before and after.

mod accepted;
mod advice;
mod fields;
mod pairing;
mod parts;

use crate::analysis::{Analysis, analyze};
use crate::model::{Design, Link, LinkId, System, SystemId, Zone, ZoneId};
use advice::{SubjectMap, advice, esb_counts, findings_only_in};
use fields::{design_fields, fields, filled, items, link_label, to_json};
use pairing::{pair_links, pair_named};
pub use parts::{
    AdviceChange, Changed, EsbCounts, FieldChange, FindingRef, Items, Matched, Named, Pair,
};
use serde::Serialize;
use std::collections::HashMap;

/// Everything that differs between two designs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    /// The two designs' names.
    pub names: Pair<String>,
    /// The design's own fields that changed.
    pub design: Vec<FieldChange>,
    /// Zones.
    pub zones: Items<ZoneId>,
    /// Systems.
    pub systems: Items<SystemId>,
    /// Links.
    pub links: Items<LinkId>,
    /// Flows: matched by id and name as systems are; their steps compared by the
    /// links they are.
    pub flows: Items<u32>,
    /// Waivers (accepted findings), by their place in each file; matched by rule and
    /// the subject they accept.
    pub waivers: Items<usize>,
    /// Recommendations of links in both designs that changed.
    pub advice: Vec<AdviceChange>,
    /// In the first design's findings only.
    pub resolved: Vec<FindingRef>,
    /// In the second design's findings only.
    pub introduced: Vec<FindingRef>,
    /// The ESB question before and after.
    pub esb: Pair<EsbCounts>,
}

impl Diff {
    /// The designs are the same (ids, names and every attribute; positions included).
    pub fn is_empty(&self) -> bool {
        self.design.is_empty()
            && self.zones.is_empty()
            && self.systems.is_empty()
            && self.links.is_empty()
            && self.flows.is_empty()
            && self.waivers.is_empty()
    }
}

/// Compares `before` with `after`, analysing both (on two threads).
pub fn diff(before: &Design, after: &Design) -> Diff {
    let (a, b) = crate::job::beside("analyse before", || analyze(before), || analyze(after));
    diff_analysed(before, &a, after, &b)
}

/// Compares two designs whose analyses are at hand.
pub fn diff_analysed(before: &Design, a: &Analysis, after: &Design, b: &Analysis) -> Diff {
    let zones = pair_named(
        &before.zones,
        &after.zones,
        |z: &Zone| z.id,
        |z| z.name.as_str(),
    );
    let systems = pair_named(
        &before.systems,
        &after.systems,
        |s: &System| s.id,
        |s| s.name.as_str(),
    );
    let system_map: HashMap<SystemId, SystemId> =
        systems.iter().map(|(x, y, _)| (*x, *y)).collect();
    let zone_map: HashMap<ZoneId, ZoneId> = zones.iter().map(|(x, y, _)| (*x, *y)).collect();
    let links = pair_links(before, after, &system_map);
    let zone_items = items(
        &before.zones,
        &after.zones,
        &zones,
        |z| z.id,
        |z| z.name.clone(),
        zone_fields,
    );
    let system_items = items(
        &before.systems,
        &after.systems,
        &systems,
        |s| s.id,
        |s| s.name.clone(),
        |x, y| system_fields((before, after), &zone_map, x, y),
    );
    let link_items = items(
        &before.links,
        &after.links,
        &links,
        |l| l.id,
        |l| link_label(after, l),
        |x, y| link_fields((before, after), &system_map, x, y),
    );
    let forward = SubjectMap {
        systems: system_map.clone(),
        links: links.iter().map(|(x, y, _)| (*x, *y)).collect(),
    };
    let backward = SubjectMap {
        systems: system_map.iter().map(|(x, y)| (*y, *x)).collect(),
        links: links.iter().map(|(x, y, _)| (*y, *x)).collect(),
    };
    // Removed and added items are named in their own design.
    let mut link_items = link_items;
    for removed in &mut link_items.removed {
        if let Some(l) = before.link(removed.id) {
            removed.name = link_label(before, l);
        }
    }

    let link_map: HashMap<LinkId, LinkId> = links.iter().map(|(x, y, _)| (*x, *y)).collect();
    let flows = accepted::flows((before, after), &link_map);
    let waivers = accepted::waivers((before, after), (&system_map, &link_map));
    Diff {
        flows,
        waivers,
        names: Pair {
            before: before.name.clone(),
            after: after.name.clone(),
        },
        design: design_fields(before, after),
        zones: zone_items,
        systems: system_items,
        advice: advice(after, a, b, &links),
        links: link_items,
        resolved: findings_only_in(before, a, &forward, b),
        introduced: findings_only_in(after, b, &backward, a),
        esb: Pair {
            before: esb_counts(a),
            after: esb_counts(b),
        },
    }
}

/// What changed in a zone, its id aside.
fn zone_fields(x: &Zone, y: &Zone) -> Vec<FieldChange> {
    let plain = |z: &Zone| {
        to_json(&Zone {
            id: ZoneId(0),
            ..z.clone()
        })
    };
    fields(&plain(x), &plain(y))
}

/// What changed in a system, its id aside; its zone compared by what the zone is,
/// not by its id.
fn system_fields(
    (before, after): (&Design, &Design),
    zone_map: &HashMap<ZoneId, ZoneId>,
    x: &System,
    y: &System,
) -> Vec<FieldChange> {
    let plain = |s: &System| {
        to_json(&System {
            id: SystemId(0),
            zone: None,
            ..s.clone()
        })
    };
    let mut f = fields(&plain(x), &plain(y));
    let same_zone = x.zone.map(|z| zone_map.get(&z).copied().unwrap_or(z)) == y.zone;
    if !same_zone {
        let zone_name = |d: &Design, id: Option<ZoneId>| {
            id.and_then(|z| d.zone(z))
                .map(|z| z.name.clone())
                .unwrap_or_default()
        };
        f.push(FieldChange {
            field: "zone".into(),
            before: zone_name(before, x.zone),
            after: zone_name(after, y.zone),
        });
    }
    f
}

/// What changed in a link, its id aside; its ends compared by the systems they are.
fn link_fields(
    (before, after): (&Design, &Design),
    system_map: &HashMap<SystemId, SystemId>,
    x: &Link,
    y: &Link,
) -> Vec<FieldChange> {
    let defaults = link_defaults();
    let plain = |l: &Link| {
        let v = to_json(&Link {
            id: LinkId(0),
            from: SystemId(0),
            to: SystemId(0),
            ..l.clone()
        });
        filled(v, &defaults)
    };
    let mut f = fields(&plain(x), &plain(y));
    let system_name =
        |d: &Design, id: SystemId| d.system(id).map_or_else(String::new, |s| s.name.clone());
    for (field, old, new) in [("from", x.from, y.from), ("to", x.to, y.to)] {
        if system_map.get(&old) != Some(&new) {
            f.push(FieldChange {
                field: field.into(),
                before: system_name(before, old),
                after: system_name(after, new),
            });
        }
    }
    f
}

/// A link's fields as the file reads them when left out: what a value set back to its
/// default is shown as (the file itself leaves defaults out).
fn link_defaults() -> serde_json::Value {
    let l = Link::new(LinkId(0), SystemId(0), SystemId(0));
    serde_json::json!({
        "needs_response": l.needs_response,
        "trigger": l.trigger.id(),
        "latency": l.latency.id(),
        "volume": l.volume,
        "expected_duration_s": l.expected_duration_s,
        "guaranteed_delivery": l.guaranteed_delivery,
        "on_behalf_of_user": l.on_behalf_of_user,
        "virtual": l.is_virtual,
        "external_publish": l.external_publish,
        "sensitivity": l.sensitivity.id(),
        "protocol": l.protocol.id(),
        "format": l.format.id(),
    })
}
