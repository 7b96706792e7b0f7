//! Checks a parsed design for what the types cannot rule out, collecting every problem.

use super::design::Design;
use super::ids::{SystemId, ZoneId};
use std::collections::{HashMap, HashSet};

/// One validation problem, addressed by its path in the file (`links[2].from`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Where in the document, as a path the locator understands.
    pub path: String,
    /// A plain sentence.
    pub message: String,
}

fn issue(path: String, message: String) -> Issue {
    Issue { path, message }
}

/// A name is drawn on boxes, zones and titles in every export: a control character in
/// it (a carriage return pasted from a spreadsheet, an escape code) cannot be drawn
/// and no reader shows it the same way, so the file refuses it. Line breaks and tabs
/// are allowed: names wrap.
fn control_in(name: &str) -> Option<String> {
    name.chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
        .map(|c| format!("U+{:04X}", c as u32))
}

fn check_name(out: &mut Vec<Issue>, path: String, what: &str, name: &str) {
    if let Some(c) = control_in(name) {
        out.push(issue(
            path,
            format!(
                "{what} has a control character ({c}) in its name; names may hold line \
                 breaks and tabs, but no other control characters"
            ),
        ));
    }
}

/// Every problem with the design; empty when it is valid.
pub fn validate(design: &Design) -> Vec<Issue> {
    let mut out = Vec::new();
    if design.name.trim().is_empty() {
        out.push(issue("name".into(), "the design has an empty name".into()));
    }
    check_name(&mut out, "name".into(), "the design", &design.name);
    let zone_ids = check_zones(design, &mut out);
    let system_ids = check_systems(design, &zone_ids, &mut out);
    check_links(design, &system_ids, &mut out);
    check_flows(design, &mut out);
    check_waivers(design, &mut out);
    out
}

/// Zones: unique ids and names that can be drawn. Returns where each id is.
fn check_zones(design: &Design, out: &mut Vec<Issue>) -> HashMap<ZoneId, usize> {
    let mut zone_ids = HashMap::new();
    for (i, z) in design.zones.iter().enumerate() {
        if let Some(first) = zone_ids.insert(z.id, i) {
            out.push(issue(
                format!("zones[{i}].id"),
                format!(
                    "zone id {} is used twice (also by zone \"{}\")",
                    z.id.0, design.zones[first].name
                ),
            ));
        }
        if z.name.trim().is_empty() {
            out.push(issue(
                format!("zones[{i}].name"),
                format!("zone {} has an empty name", z.id.0),
            ));
        }
        check_name(
            out,
            format!("zones[{i}].name"),
            &format!("zone {}", z.id.0),
            &z.name,
        );
    }
    zone_ids
}

/// Systems: unique ids, names that can be drawn, zones that exist, finite positions.
/// Returns where each id is.
fn check_systems(
    design: &Design,
    zone_ids: &HashMap<ZoneId, usize>,
    out: &mut Vec<Issue>,
) -> HashMap<SystemId, usize> {
    let mut system_ids = HashMap::new();
    for (i, s) in design.systems.iter().enumerate() {
        if let Some(first) = system_ids.insert(s.id, i) {
            out.push(issue(
                format!("systems[{i}].id"),
                format!(
                    "system id {} is used twice (\"{}\" and \"{}\")",
                    s.id.0, design.systems[first].name, s.name
                ),
            ));
        }
        check_name(
            out,
            format!("systems[{i}].name"),
            &format!("system {}", s.id.0),
            &s.name,
        );
        if s.name.trim().is_empty() {
            out.push(issue(
                format!("systems[{i}].name"),
                format!("system {} has an empty name", s.id.0),
            ));
        }
        if let Some(zone) = s.zone {
            if !zone_ids.contains_key(&zone) {
                out.push(issue(
                    format!("systems[{i}].zone"),
                    format!(
                        "system \"{}\" is in zone {}, which the design does not have",
                        s.name, zone.0
                    ),
                ));
            }
        }
        if let Some(p) = s.position {
            if !(p.x.is_finite() && p.y.is_finite()) {
                out.push(issue(
                    format!("systems[{i}].position"),
                    format!(
                        "system \"{}\" has a position that is not a finite number",
                        s.name
                    ),
                ));
            }
        }
    }
    system_ids
}

/// Links: unique ids, two different ends that exist, volumes and durations in range.
fn check_links(design: &Design, system_ids: &HashMap<SystemId, usize>, out: &mut Vec<Issue>) {
    let mut link_ids = HashSet::new();
    for (i, l) in design.links.iter().enumerate() {
        let at = |field: &str| format!("links[{i}].{field}");
        if !link_ids.insert(l.id) {
            out.push(issue(at("id"), format!("link id {} is used twice", l.id.0)));
        }
        for (field, end) in [("from", l.from), ("to", l.to)] {
            if !system_ids.contains_key(&end) {
                out.push(issue(
                    at(field),
                    format!(
                        "link {} goes {field} system {}, which the design does not have",
                        l.id.0, end.0
                    ),
                ));
            }
        }
        if l.from == l.to {
            out.push(issue(
                at("to"),
                format!(
                    "link {} goes from a system to itself; a link joins two different systems",
                    l.id.0
                ),
            ));
        }
        if !super::design::limits::volume_ok(l.volume) {
            out.push(issue(
                at("volume"),
                format!("link {} has a negative volume ({})", l.id.0, l.volume),
            ));
        }
        if !super::design::limits::duration_ok(l.expected_duration_s) {
            out.push(issue(
                at("expected_duration_s"),
                format!(
                    "link {} has expected_duration_s {}; it must be zero or more seconds",
                    l.id.0, l.expected_duration_s
                ),
            ));
        }
    }
}

/// Waivers: a rule, a reason and who accepted it; one subject; a date that parses.
fn check_waivers(design: &Design, out: &mut Vec<Issue>) {
    for (i, w) in design.waivers.iter().enumerate() {
        let at = |field: &str| format!("waivers[{i}].{field}");
        for (field, value) in [("rule", &w.rule), ("reason", &w.reason), ("by", &w.by)] {
            if value.trim().is_empty() {
                out.push(issue(
                    at(field),
                    format!("waiver {} has an empty {field}; a waiver says which rule, why and who accepted it", i + 1),
                ));
            }
        }
        if w.system.is_some() && w.link.is_some() {
            out.push(issue(
                at("link"),
                format!(
                    "waiver {} names both a system and a link; a finding is about one of them",
                    i + 1
                ),
            ));
        }
        if let Some(until) = &w.until {
            if super::waiver::Date::parse(until).is_none() {
                out.push(issue(
                    at("until"),
                    format!("waiver {} has until \"{until}\"; write the last day it holds as YYYY-MM-DD", i + 1),
                ));
            }
        }
    }
}

/// Flows: unique ids, a name, at least one step, steps that exist and follow on (each
/// starts where the previous one ended, or at the same caller for a fan-out).
fn check_flows(design: &Design, out: &mut Vec<Issue>) {
    let mut ids = HashMap::new();
    for (i, f) in design.flows.iter().enumerate() {
        if let Some(first) = ids.insert(f.id, i) {
            out.push(issue(
                format!("flows[{i}].id"),
                format!(
                    "flow id {} is used twice (also by flow \"{}\")",
                    f.id, design.flows[first].name
                ),
            ));
        }
        check_flow(design, i, f, out);
    }
}

/// One flow's own checks: a name, at least one step, steps that exist and follow on.
/// `i` is the flow's place in the design's list, for the issue's path.
fn check_flow(design: &Design, i: usize, f: &super::design::Flow, out: &mut Vec<Issue>) {
    if f.name.trim().is_empty() {
        out.push(issue(
            format!("flows[{i}].name"),
            format!("flow {} has an empty name", f.id),
        ));
    }
    check_name(
        out,
        format!("flows[{i}].name"),
        &format!("flow {}", f.id),
        &f.name,
    );
    if f.steps.is_empty() {
        out.push(issue(
            format!("flows[{i}].steps"),
            format!("flow \"{}\" has no steps; list its links in order", f.name),
        ));
    }
    let mut previous: Option<&super::design::Link> = None;
    for (j, id) in f.steps.iter().enumerate() {
        let at = format!("flows[{i}].steps[{j}]");
        let Some(link) = design.link(*id) else {
            out.push(issue(
                at,
                format!(
                    "step {} of flow \"{}\" is link {}, which the design does not have",
                    j + 1,
                    f.name,
                    id.0
                ),
            ));
            previous = None;
            continue;
        };
        if let Some(p) = previous {
            if !super::design::follows_on(p, link) {
                let name = |s| design.system(s).map_or("?", |s| s.name.as_str());
                out.push(issue(
                    at,
                    format!(
                        "step {} of flow \"{}\" starts at {}, but step {} ended at {}; a step starts where the previous one ended, or at the same caller for a fan-out",
                        j + 1,
                        f.name,
                        name(link.from),
                        j,
                        name(p.to)
                    ),
                ));
            }
        }
        previous = Some(link);
    }
}

/// What is wrong with `flow` if it took the place of the flow with its id (or was
/// added): the same checks as a loaded file's flows, without copying the design.
pub fn flow_problems(design: &Design, flow: &super::design::Flow) -> Vec<String> {
    let i = design
        .flows
        .iter()
        .position(|f| f.id == flow.id)
        .unwrap_or(design.flows.len());
    let mut out = Vec::new();
    check_flow(design, i, flow, &mut out);
    out.into_iter().map(|issue| issue.message).collect()
}

/// Waivers whose subject the design no longer has: not an error (the design opens),
/// but `check` reports them so they do not pile up.
pub fn stale_waivers(design: &Design) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, w) in design.waivers.iter().enumerate() {
        let gone = match (w.system, w.link) {
            (Some(id), _) if design.system(id).is_none() => Some(("system", id.0)),
            (_, Some(id)) if design.link(id).is_none() => Some(("link", id.0)),
            _ => None,
        };
        if let Some((what, id)) = gone {
            out.push(issue(
                format!("waivers[{i}].{what}"),
                format!(
                    "waiver {} accepts {} for {what} {id}, which the design no longer has; remove the waiver",
                    i + 1,
                    w.rule
                ),
            ));
        }
    }
    out
}
