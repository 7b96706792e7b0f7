//! Compare two designs: what was added, removed and changed, how each link's
//! recommendations moved, which findings were resolved or introduced, and the ESB
//! question before and after.

use crate::analysis::{Analysis, Subject, analyze};
use crate::model::{Design, Link, LinkId, System, SystemId, Zone, ZoneId};
use serde::Serialize;
use std::collections::HashMap;

/// How an item of the second design was paired with one of the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Matched {
    /// Same id (and, for systems and zones, the same name; for links, the same ends).
    Id,
    /// Same name (for links: same ends and purpose) under another id.
    Name,
    /// Same id under another name, nothing else matching it better.
    IdRenamed,
}

/// One attribute that changed, with its old and new value as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The attribute, as the file calls it.
    pub field: String,
    /// Its value before; empty when it was not set.
    pub before: String,
    /// Its value after; empty when it is not set.
    pub after: String,
}

/// An item in both designs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed<Id> {
    /// Its id in the first design.
    pub before: Id,
    /// Its id in the second design.
    pub after: Id,
    /// Its name (a link's "from -> to (purpose)") in the second design.
    pub name: String,
    /// How it was paired.
    pub matched: Matched,
    /// What changed; empty when only the pairing is worth saying (a new id).
    pub fields: Vec<FieldChange>,
}

/// An item by id and name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named<Id> {
    /// Its id in its design.
    pub id: Id,
    /// Its name (a link's "from → to (purpose)").
    pub name: String,
}

/// Added, removed and changed items of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Items<Id> {
    /// In the second design only.
    pub added: Vec<Named<Id>>,
    /// In the first design only.
    pub removed: Vec<Named<Id>>,
    /// In both, with a change or under another id or name.
    pub changed: Vec<Changed<Id>>,
}

impl<Id> Default for Items<Id> {
    fn default() -> Self {
        Self {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<Id> Items<Id> {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A recommendation of a link that is in both designs and changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdviceChange {
    /// The link in the second design.
    pub link: LinkId,
    /// Its name in the second design.
    pub name: String,
    /// Which decision: `pattern`, `events`, `auth_flow` or `mtls`.
    pub decision: &'static str,
    /// The choice before.
    pub before: String,
    /// The choice after.
    pub after: String,
    /// Why it is what it is now.
    pub why: String,
}

/// A finding, named so it can be compared across designs whose ids differ.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingRef {
    /// The rule, e.g. `AUTH-001`.
    pub rule: &'static str,
    /// Its severity in that design.
    pub severity: &'static str,
    /// What it is about, by name.
    pub subject: String,
    /// Its message.
    pub message: String,
}

/// The ESB counts and verdict of one design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EsbCounts {
    /// The verdict's id.
    pub verdict: &'static str,
    /// n.
    pub systems: usize,
    /// p.
    pub point_to_point: usize,
    /// n(n-1)/2.
    pub full_mesh: usize,
    /// Through a hub.
    #[serde(rename = "through_hub")]
    pub via_hub: usize,
}

/// One thing in the first design and in the second.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair<T> {
    /// In the first design.
    pub before: T,
    /// In the second design.
    pub after: T,
}

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
        |x, y| {
            fields(
                &to_json(&Zone {
                    id: ZoneId(0),
                    ..x.clone()
                }),
                &to_json(&Zone {
                    id: ZoneId(0),
                    ..y.clone()
                }),
            )
        },
    );
    let zone_name = |d: &Design, id: Option<ZoneId>| {
        id.and_then(|z| d.zone(z))
            .map(|z| z.name.clone())
            .unwrap_or_default()
    };
    let system_items = items(
        &before.systems,
        &after.systems,
        &systems,
        |s| s.id,
        |s| s.name.clone(),
        |x, y| {
            // Zones compare by what they are, not by their ids.
            let same_zone = x.zone.map(|z| zone_map.get(&z).copied().unwrap_or(z)) == y.zone;
            let mut f = fields(
                &to_json(&System {
                    id: SystemId(0),
                    zone: None,
                    ..x.clone()
                }),
                &to_json(&System {
                    id: SystemId(0),
                    zone: None,
                    ..y.clone()
                }),
            );
            if !same_zone {
                f.push(FieldChange {
                    field: "zone".into(),
                    before: zone_name(before, x.zone),
                    after: zone_name(after, y.zone),
                });
            }
            f
        },
    );
    let system_name =
        |d: &Design, id: SystemId| d.system(id).map_or_else(String::new, |s| s.name.clone());
    let link_items = items(
        &before.links,
        &after.links,
        &links,
        |l| l.id,
        |l| link_label(after, l),
        |x, y| {
            let mut f = fields(
                &to_json(&Link {
                    id: LinkId(0),
                    from: SystemId(0),
                    to: SystemId(0),
                    ..x.clone()
                }),
                &to_json(&Link {
                    id: LinkId(0),
                    from: SystemId(0),
                    to: SystemId(0),
                    ..y.clone()
                }),
            );
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
        },
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

    Diff {
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

fn link_label(d: &Design, l: &Link) -> String {
    let name = |id| d.system(id).map_or("?", |s| s.name.as_str());
    if l.purpose.is_empty() {
        format!("{} → {}", name(l.from), name(l.to))
    } else {
        format!("{} → {} ({})", name(l.from), name(l.to), l.purpose)
    }
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A value as a person reads it: strings without quotes, nothing for null.
fn show(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The fields of two serialized items that differ, the id left out, in the order the
/// second one has them (then fields only the first has).
fn fields(x: &serde_json::Value, y: &serde_json::Value) -> Vec<FieldChange> {
    let (Some(x), Some(y)) = (x.as_object(), y.as_object()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut keys: Vec<&String> = y.keys().collect();
    keys.extend(x.keys().filter(|k| !y.contains_key(*k)));
    for k in keys {
        if k == "id" || k == "from" || k == "to" || k == "zone" {
            continue;
        }
        let (a, b) = (x.get(k), y.get(k));
        if a != b {
            out.push(FieldChange {
                field: k.clone(),
                before: show(a),
                after: show(b),
            });
        }
    }
    out
}

fn design_fields(a: &Design, b: &Design) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut field = |name: &str, x: String, y: String| {
        if x != y {
            out.push(FieldChange {
                field: name.into(),
                before: x,
                after: y,
            });
        }
    };
    field("name", a.name.clone(), b.name.clone());
    field("description", a.description.clone(), b.description.clone());
    field(
        "environment",
        a.environment.id().into(),
        b.environment.id().into(),
    );
    field(
        "central_governance",
        a.central_governance.to_string(),
        b.central_governance.to_string(),
    );
    out
}

/// Pairs items of two lists: same id and name first, then same (unique) name under
/// another id, then what is left with the same id (renamed).
fn pair_named<T, Id: Copy + Eq + std::hash::Hash + Ord>(
    xs: &[T],
    ys: &[T],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> &str,
) -> Vec<(Id, Id, Matched)> {
    let by_id: HashMap<Id, &T> = ys.iter().map(|y| (id(y), y)).collect();
    let mut used_x: std::collections::HashSet<Id> = Default::default();
    let mut used_y: std::collections::HashSet<Id> = Default::default();
    let mut pairs = Vec::new();
    for x in xs {
        if let Some(y) = by_id.get(&id(x)) {
            if name(x) == name(y) {
                pairs.push((id(x), id(y), Matched::Id));
                used_x.insert(id(x));
                used_y.insert(id(y));
            }
        }
    }
    // Names that are unique on both sides.
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for x in xs.iter().filter(|x| !used_x.contains(&id(x))) {
        count.entry(name(x)).or_default().0 += 1;
    }
    for y in ys.iter().filter(|y| !used_y.contains(&id(y))) {
        count.entry(name(y)).or_default().1 += 1;
    }
    let by_name: HashMap<&str, &T> = ys
        .iter()
        .filter(|y| !used_y.contains(&id(y)) && count.get(name(y)) == Some(&(1, 1)))
        .map(|y| (name(y), y))
        .collect();
    let rest: Vec<&T> = xs.iter().filter(|x| !used_x.contains(&id(x))).collect();
    for x in rest {
        if let Some(y) = by_name.get(name(x)) {
            pairs.push((id(x), id(y), Matched::Name));
            used_x.insert(id(x));
            used_y.insert(id(y));
        }
    }
    let rest: Vec<&T> = xs.iter().filter(|x| !used_x.contains(&id(x))).collect();
    for x in rest {
        if let Some(y) = by_id.get(&id(x)).filter(|y| !used_y.contains(&id(y))) {
            pairs.push((id(x), id(y), Matched::IdRenamed));
            used_x.insert(id(x));
            used_y.insert(id(y));
        }
    }
    pairs.sort_by_key(|p| p.1);
    pairs
}

/// Pairs links: same id and the same ends (after pairing systems) first, then the same
/// ends and purpose under another id, then what is left with the same id.
fn pair_links(
    before: &Design,
    after: &Design,
    systems: &HashMap<SystemId, SystemId>,
) -> Vec<(LinkId, LinkId, Matched)> {
    let ends = |l: &Link| (systems.get(&l.from).copied(), systems.get(&l.to).copied());
    let by_id: HashMap<LinkId, &Link> = after.links.iter().map(|l| (l.id, l)).collect();
    let mut used_x = std::collections::HashSet::new();
    let mut used_y = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for x in before.links.iter() {
        if let Some(y) = by_id.get(&x.id) {
            if ends(x) == (Some(y.from), Some(y.to)) {
                pairs.push((x.id, y.id, Matched::Id));
                used_x.insert(x.id);
                used_y.insert(y.id);
            }
        }
    }
    let mut by_key: HashMap<(SystemId, SystemId, &str), Vec<LinkId>> = HashMap::new();
    for y in after.links.iter().filter(|y| !used_y.contains(&y.id)) {
        by_key
            .entry((y.from, y.to, y.purpose.as_str()))
            .or_default()
            .push(y.id);
    }
    let rest: Vec<&Link> = before
        .links
        .iter()
        .filter(|x| !used_x.contains(&x.id))
        .collect();
    for x in rest {
        let (Some(from), Some(to)) = ends(x) else {
            continue;
        };
        if let Some(ids) = by_key.get_mut(&(from, to, x.purpose.as_str())) {
            if !ids.is_empty() {
                let y = ids.remove(0);
                pairs.push((x.id, y, Matched::Name));
                used_x.insert(x.id);
                used_y.insert(y);
            }
        }
    }
    let rest: Vec<&Link> = before
        .links
        .iter()
        .filter(|x| !used_x.contains(&x.id))
        .collect();
    for x in rest {
        if by_id.contains_key(&x.id) && !used_y.contains(&x.id) {
            pairs.push((x.id, x.id, Matched::IdRenamed));
            used_x.insert(x.id);
            used_y.insert(x.id);
        }
    }
    pairs.sort_by_key(|p| p.1);
    pairs
}

/// Added, removed and changed items, given the pairs.
fn items<T: PartialEq, Id: Copy + Eq + std::hash::Hash + Ord>(
    xs: &[T],
    ys: &[T],
    pairs: &[(Id, Id, Matched)],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> String,
    compare: impl Fn(&T, &T) -> Vec<FieldChange>,
) -> Items<Id> {
    let xs_by: HashMap<Id, &T> = xs.iter().map(|x| (id(x), x)).collect();
    let ys_by: HashMap<Id, &T> = ys.iter().map(|y| (id(y), y)).collect();
    let paired_x: std::collections::HashSet<Id> = pairs.iter().map(|p| p.0).collect();
    let paired_y: std::collections::HashSet<Id> = pairs.iter().map(|p| p.1).collect();
    let mut out = Items::default();
    for &(a, b, matched) in pairs {
        let (Some(x), Some(y)) = (xs_by.get(&a), ys_by.get(&b)) else {
            continue;
        };
        // Equal items under the same id cost one comparison, nothing serialized.
        let fields = if matched == Matched::Id && x == y {
            Vec::new()
        } else {
            compare(x, y)
        };
        // An item that only has another number is the same item: not a change.
        if !fields.is_empty() {
            out.changed.push(Changed {
                before: a,
                after: b,
                name: name(y),
                matched,
                fields,
            });
        }
    }
    // What no pair holds: added on the second side, removed on the first.
    let unpaired = |items: &[T], paired: &std::collections::HashSet<Id>| -> Vec<Named<Id>> {
        items
            .iter()
            .filter(|i| !paired.contains(&id(i)))
            .map(|i| Named {
                id: id(i),
                name: name(i),
            })
            .collect()
    };
    out.added = unpaired(ys, &paired_y);
    out.removed = unpaired(xs, &paired_x);
    out
}

fn advice(
    after: &Design,
    a: &Analysis,
    b: &Analysis,
    links: &[(LinkId, LinkId, Matched)],
) -> Vec<AdviceChange> {
    let mut out = Vec::new();
    for &(x, y, _) in links {
        let (Some(p), Some(q)) = (a.link(x), b.link(y)) else {
            continue;
        };
        let name = after
            .link(y)
            .map_or_else(String::new, |l| link_label(after, l));
        let mut add = |decision, before: String, now: String, why: &str| {
            if before != now {
                out.push(AdviceChange {
                    link: y,
                    name: name.clone(),
                    decision,
                    before,
                    after: now,
                    why: why.to_owned(),
                });
            }
        };
        add(
            "pattern",
            p.pattern.choice.id().into(),
            q.pattern.choice.id().into(),
            &q.pattern.reason,
        );
        add(
            "events",
            p.events.choice.id().into(),
            q.events.choice.id().into(),
            &q.events.reason,
        );
        add(
            "auth_flow",
            p.auth_flow.choice.id().into(),
            q.auth_flow.choice.id().into(),
            &q.auth_flow.reason,
        );
        let mtls = |b: bool| if b { "recommended" } else { "not needed" }.to_owned();
        add(
            "mtls",
            mtls(p.mtls.choice),
            mtls(q.mtls.choice),
            &q.mtls.reason,
        );
    }
    out
}

/// A finding's subject by name, for reports.
fn subject_name(d: &Design, s: Subject) -> String {
    match s {
        Subject::Link(id) => d.link(id).map_or_else(String::new, |l| link_label(d, l)),
        other => other.name(d),
    }
}

/// Subjects of one design in the other's ids, through the pairing.
struct SubjectMap {
    systems: HashMap<SystemId, SystemId>,
    links: HashMap<LinkId, LinkId>,
}

impl SubjectMap {
    fn map(&self, s: Subject) -> Option<Subject> {
        match s {
            Subject::Design => Some(Subject::Design),
            Subject::System(id) => self.systems.get(&id).copied().map(Subject::System),
            Subject::Link(id) => self.links.get(&id).copied().map(Subject::Link),
        }
    }
}

/// The findings of `x` with no finding of the same rule on the same subject (paired
/// across the designs, so a renamed system keeps its findings) in `y`.
fn findings_only_in(dx: &Design, x: &Analysis, map: &SubjectMap, y: &Analysis) -> Vec<FindingRef> {
    let mut in_y: HashMap<(&str, Subject), usize> = HashMap::new();
    for f in &y.findings {
        *in_y.entry((f.rule.id, f.subject)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in &x.findings {
        let there = map
            .map(f.subject)
            .and_then(|s| in_y.get_mut(&(f.rule.id, s)))
            .filter(|n| **n > 0);
        match there {
            Some(n) => *n -= 1,
            None => out.push(FindingRef {
                rule: f.rule.id,
                severity: f.severity.id(),
                subject: subject_name(dx, f.subject),
                message: f.message.to_string(),
            }),
        }
    }
    out
}

fn esb_counts(a: &Analysis) -> EsbCounts {
    EsbCounts {
        verdict: a.esb.verdict.id(),
        systems: a.esb.systems,
        point_to_point: a.esb.point_to_point,
        full_mesh: a.esb.full_mesh,
        via_hub: a.esb.via_hub,
    }
}
