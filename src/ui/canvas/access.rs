//! The canvas as a screen reader (and a GUI test) reads it: every zone a group of its
//! systems, every system and link a node with a name that says what it is and what
//! the analysis found ("Web shop to Salesforce: remote call-in, JWT bearer, 1 info
//! finding"), whether it is selected, and an action that selects it.

use super::keys::Item;
use super::{Canvas, CanvasAction};
use crate::analysis::{Analysis, Severity, Subject};
use crate::model::{Design, LinkId, SystemId, ZoneId};
use egui::accesskit::{Action, Role};
use egui::{Rect, UiBuilder};
use std::collections::HashMap;

/// Above this many systems and links, only those on screen get a node each (with the
/// selection): a node per item of a 10,000-system design each frame would stall the
/// window. The keyboard reaches the others and brings them into view.
pub const ALL_NODES_UP_TO: usize = 1_500;

/// What each system, link and zone is called aloud.
#[derive(Clone, Debug, Default)]
pub struct Spoken {
    pub systems: HashMap<SystemId, String>,
    pub links: HashMap<LinkId, String>,
    pub zones: HashMap<ZoneId, String>,
    /// The zone each zoned system is in.
    pub zone_of: HashMap<SystemId, ZoneId>,
}

/// "1 high finding, 2 warnings"; "no findings".
fn findings_said(counts: [usize; 3]) -> String {
    let [info, warning, high] = counts;
    let mut parts = Vec::new();
    if high > 0 {
        parts.push(format!("{high} high finding{}", plural(high)));
    }
    if warning > 0 {
        parts.push(format!("{warning} warning{}", plural(warning)));
    }
    if info > 0 {
        parts.push(format!("{info} info finding{}", plural(info)));
    }
    if parts.is_empty() {
        "no findings".to_owned()
    } else {
        parts.join(", ")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The names of a design's systems, links and zones. With `hide_advice` (an exercise
/// asks for the recommendation), links are named without it. Two items that would
/// sound the same get their place in the design's list added, so no two siblings
/// share a name.
pub fn spoken(design: &Design, analysis: &Analysis, hide_advice: bool) -> Spoken {
    let mut counts: HashMap<Subject, [usize; 3]> = HashMap::new();
    for f in &analysis.findings {
        let slot = match f.severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::High => 2,
        };
        counts.entry(f.subject).or_default()[slot] += 1;
    }
    let found = |s: Subject| findings_said(counts.get(&s).copied().unwrap_or_default());
    let systems = design.systems.iter().map(|s| {
        let zone = s
            .zone
            .and_then(|z| design.zone(z))
            .map(|z| format!(", zone {}", z.name))
            .unwrap_or_default();
        let name = format!(
            "{}, {}{zone}, {}",
            s.name,
            s.kind.label(),
            found(Subject::System(s.id))
        );
        (s.id, name)
    });
    let links = design.links.iter().map(|l| {
        let end = |id| design.system(id).map_or("?", |s| s.name.as_str());
        let purpose = if l.purpose.is_empty() {
            String::new()
        } else {
            format!(" ({})", l.purpose)
        };
        let advice = match analysis.link(l.id) {
            _ if hide_advice => "recommendation hidden for the exercise".to_owned(),
            Some(a) if a.facts.is_sign_in() => {
                format!("sign-in, {}", a.auth_flow.choice.label())
            }
            Some(a) => format!(
                "{}, {}",
                a.pattern.choice.label(),
                a.auth_flow.choice.label()
            ),
            None => "not analysed".to_owned(),
        };
        let name = format!(
            "{} to {}{purpose}: {advice}, {}",
            end(l.from),
            end(l.to),
            found(Subject::Link(l.id))
        );
        (l.id, name)
    });
    let zones = design.zones.iter().map(|z| {
        let n = design
            .systems
            .iter()
            .filter(|s| s.zone == Some(z.id))
            .count();
        (z.id, format!("Zone {}, {n} system{}", z.name, plural(n)))
    });
    Spoken {
        systems: unique(systems),
        links: unique(links),
        zones: unique(zones),
        zone_of: (design.systems.iter())
            .filter_map(|s| Some((s.id, s.zone?)))
            .collect(),
    }
}

/// The names, with "(2)", "(3)"… added to a name already taken.
fn unique<K: std::hash::Hash + Eq>(named: impl Iterator<Item = (K, String)>) -> HashMap<K, String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    named
        .map(|(k, name)| {
            let n = seen.entry(name.clone()).or_default();
            *n += 1;
            let name = if *n == 1 {
                name
            } else {
                format!("{name} ({n})")
            };
            (k, name)
        })
        .collect()
}

impl Canvas {
    /// The canvas's items as AccessKit nodes in the "Canvas" group, zones as groups
    /// of their systems, links in a group of their own; and the selections a
    /// screen reader asked for (its click or focus on an item). Nothing is made when
    /// no assistive technology (or test) is listening.
    pub fn accessible_ui(
        &self,
        ui: &mut egui::Ui,
        spoken: &Spoken,
        selected: (&[SystemId], &[LinkId]),
    ) -> Vec<CanvasAction> {
        let ctx = ui.ctx().clone();
        if ctx.accesskit_node_builder(ui.unique_id(), |_| ()).is_none() {
            return Vec::new();
        }
        let g = &self.geometry;
        let everything = g.systems.len() + g.links.len() <= ALL_NODES_UP_TO;
        let screen = |r: crate::geometry::Rect| {
            Rect::from_min_max(
                self.to_screen(crate::model::Pos { x: r.x0, y: r.y0 }),
                self.to_screen(crate::model::Pos { x: r.x1, y: r.y1 }),
            )
        };
        let mut actions = Vec::new();
        let mut item = |ui: &mut egui::Ui, it: Item, name: &str, rect: Rect, on: bool| {
            if !everything && !on && !self.rect.intersects(rect) {
                return;
            }
            let child = ui.new_child(UiBuilder::new().id_salt(it).max_rect(rect));
            let id = child.unique_id();
            ctx.accesskit_node_builder(id, |n| {
                n.set_role(Role::Button);
                n.set_label(name);
                n.set_selected(on);
                n.add_action(Action::Click);
                n.add_action(Action::Focus);
                n.set_bounds(bounds(rect));
            });
            let asked = ctx.input(|i| {
                i.has_accesskit_action_request(id, Action::Click)
                    || i.has_accesskit_action_request(id, Action::Focus)
            });
            if asked {
                actions.push(match it {
                    Item::System(id) => CanvasAction::SelectSystem { id, add: false },
                    Item::Link(id) => CanvasAction::SelectLink { id, add: false },
                });
            }
        };
        // Under the canvas's keyboard focus ("Canvas"), so a screen reader that lands
        // on the canvas finds its zones, systems and links inside it.
        let mut canvas = ui.new_child(
            UiBuilder::new()
                .id_salt("patchbay canvas items")
                .accessibility_parent(self.keys_id()),
        );
        // Each zone's systems, in one pass.
        let mut in_zone: HashMap<Option<ZoneId>, Vec<&crate::geometry::SystemShape>> =
            HashMap::new();
        for s in &g.systems {
            in_zone
                .entry(spoken.zone_of.get(&s.id).copied())
                .or_default()
                .push(s);
        }
        let mut systems = |ui: &mut egui::Ui, zone: Option<ZoneId>| {
            for s in in_zone.get(&zone).into_iter().flatten() {
                let name = spoken.systems.get(&s.id).map_or("", String::as_str);
                let on = selected.0.contains(&s.id);
                item(ui, Item::System(s.id), name, screen(s.rect), on);
            }
        };
        for zone in &g.zones {
            let mut z = canvas.new_child(UiBuilder::new().id_salt(("zone", zone.id.0)));
            let name = spoken.zones.get(&zone.id).map_or(zone.name.as_str(), |s| s);
            group(&ctx, &z, name, screen(zone.rect));
            systems(&mut z, Some(zone.id));
        }
        systems(&mut canvas, None);
        let mut links = canvas.new_child(UiBuilder::new().id_salt("links"));
        group(
            &ctx,
            &links,
            &format!("Links, {}", g.links.len()),
            self.rect,
        );
        for l in &g.links {
            let name = spoken.links.get(&l.id).map_or("", String::as_str);
            let on = selected.1.contains(&l.id);
            let at = self.to_screen(l.middle().unwrap_or_default());
            let rect = Rect::from_center_size(at, egui::vec2(12.0, 12.0));
            item(&mut links, Item::Link(l.id), name, rect, on);
        }
        actions
    }
}

/// Makes `ui`'s node a named group.
fn group(ctx: &egui::Context, ui: &egui::Ui, name: &str, rect: Rect) {
    ctx.accesskit_node_builder(ui.unique_id(), |n| {
        n.set_role(Role::Group);
        n.set_label(name);
        n.set_bounds(bounds(rect));
    });
}

fn bounds(r: Rect) -> egui::accesskit::Rect {
    egui::accesskit::Rect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_of_every_sample_has_a_name_and_no_two_share_one() {
        for sample in crate::samples::ALL {
            let design = crate::model::parse(sample.text).expect("sample");
            let analysis = crate::analysis::analyze(&design);
            let s = spoken(&design, &analysis, false);
            assert_eq!(s.systems.len(), design.systems.len());
            assert_eq!(s.links.len(), design.links.len());
            let names: Vec<&String> = s.systems.values().chain(s.links.values()).collect();
            for n in &names {
                assert!(!n.trim().is_empty());
            }
            let distinct: std::collections::HashSet<_> = names.iter().collect();
            assert_eq!(distinct.len(), names.len(), "{}", sample.title);
        }
    }

    #[test]
    fn a_name_says_kind_zone_advice_and_findings() {
        assert_eq!(findings_said([1, 0, 0]), "1 info finding");
        assert_eq!(findings_said([0, 2, 1]), "1 high finding, 2 warnings");
        assert_eq!(findings_said([0, 0, 0]), "no findings");
        let design = crate::model::parse(crate::samples::DEFAULT.text).expect("sample");
        let analysis = crate::analysis::analyze(&design);
        let s = spoken(&design, &analysis, false);
        let zoned = design
            .systems
            .iter()
            .find(|s| s.zone.is_some())
            .expect("zoned");
        let name = &s.systems[&zoned.id];
        assert!(name.starts_with(&format!("{}, {}, zone ", zoned.name, zoned.kind.label())));
        let l = &design.links[0];
        let a = analysis.link(l.id).expect("analysed");
        let name = &s.links[&l.id];
        assert!(name.contains(" to "), "{name}");
        assert!(name.contains(a.auth_flow.choice.label()), "{name}");
        let hidden = spoken(&design, &analysis, true);
        assert!(hidden.links[&l.id].contains("hidden"));
        assert!(!hidden.links[&l.id].contains(a.auth_flow.choice.label()));
    }
}
