//! Introduce a bus: one edit that routes every direct link through a middleware system,
//! so each system keeps one connection (to the hub) instead of one per partner.

use super::design::{Design, Link, System};
use super::edit::Edit;
use super::ids::SystemId;
use super::vocab::SystemKind;

/// The name a new hub gets, made unique within the design.
const HUB_NAME: &str = "Integration bus";

/// Seconds the hub itself takes to pass an exchange on (routing, mapping, logging):
/// the leg into the hub takes this long, the leg out keeps the original duration, so
/// moving a chain onto the bus does not appear to double its latency (DOMAIN 3.2).
pub const HUB_PROCESSING_S: f64 = 0.5;

/// The protocol a leg to or from a Salesforce org takes through the hub: the one the
/// link had where Salesforce speaks it, else REST (Bulk API 2.0 for a batch is REST
/// too), which every hub speaks.
fn speakable_by_salesforce(link: &Link, salesforce_end: bool) -> super::vocab::Protocol {
    use super::vocab::Protocol as P;
    match link.protocol {
        P::Rest | P::Soap | P::Graphql | P::Email => link.protocol,
        _ if !salesforce_end => link.protocol,
        _ => P::Rest,
    }
}

/// The hub links are routed through: the design's busiest middleware system, or a new
/// one when it has none.
fn hub(design: &Design) -> (SystemId, Option<System>) {
    let busiest = design
        .systems
        .iter()
        .filter(|s| s.kind == SystemKind::Middleware)
        .max_by_key(|s| {
            let links = design
                .links
                .iter()
                .filter(|l| l.from == s.id || l.to == s.id)
                .count();
            // Most links first; the lowest id among equals.
            (links, std::cmp::Reverse(s.id))
        });
    if let Some(s) = busiest {
        return (s.id, None);
    }
    let mut name = HUB_NAME.to_owned();
    let mut n = 1;
    while design.systems.iter().any(|s| s.name == name) {
        n += 1;
        name = format!("{HUB_NAME} {n}");
    }
    let id = design.next_system_id();
    // No position: the canvas places it on a free spot near the systems it links.
    (id, Some(System::new(id, name, SystemKind::Middleware)))
}

/// Routes every link that does not touch the hub through it, as one undoable step: the
/// link keeps its id and now ends at the hub, and a new link carries it on from the
/// hub to the old target. Both legs keep the exchange's attributes, except that the
/// as-is auth is cleared (it was agreed with the old partner), the hub's leg acts as
/// the hub, not for a signed-in person, the leg into the hub takes only the hub's own
/// processing time, and a leg to or from Salesforce uses a protocol Salesforce speaks
/// (REST where the link was drawn over SFTP, JMS and the like: the hub bridges them).
/// Sign-in links to an identity provider stay as they are. `None` when every link
/// already goes through a hub.
pub fn introduce(design: &Design) -> Option<Edit> {
    let (hub, new_hub) = hub(design);
    let kind = |id| design.system(id).map(|s| s.kind);
    let sign_in = |l: &Link| match (kind(l.from), kind(l.to)) {
        (Some(a), Some(b)) => a.signs_in_at(b),
        _ => false,
    };
    let direct: Vec<&Link> = design
        .links
        .iter()
        .filter(|l| l.from != hub && l.to != hub && !sign_in(l))
        .collect();
    if direct.is_empty() {
        return None;
    }
    let hub_name = new_hub
        .as_ref()
        .or_else(|| design.system(hub))
        .map_or(HUB_NAME, |s| s.name.as_str());
    let mut edit = Edit::new(format!(
        "Route {} through {hub_name}",
        match direct.len() {
            1 => "1 link".to_owned(),
            n => format!("{n} links"),
        }
    ));
    if let Some(system) = new_hub {
        edit.systems.push((system.id, Some(system)));
    }
    let mut next = design.next_link_id();
    edit.links.reserve(direct.len() * 2);
    let mut legs = std::collections::HashMap::with_capacity(direct.len());
    let is_salesforce = |id| {
        design
            .system(id)
            .is_some_and(|s| s.kind == SystemKind::SalesforceOrg)
    };
    for link in direct {
        let inbound = Link {
            to: hub,
            auth: None,
            expected_duration_s: link.expected_duration_s.min(HUB_PROCESSING_S),
            protocol: speakable_by_salesforce(link, is_salesforce(link.from)),
            ..link.clone()
        };
        let outbound = Link {
            id: next,
            from: hub,
            auth: None,
            on_behalf_of_user: false,
            protocol: speakable_by_salesforce(link, is_salesforce(link.to)),
            ..link.clone()
        };
        next.0 = next.0.saturating_add(1);
        legs.insert(link.id, (inbound.clone(), outbound.clone()));
        edit.links.push((inbound.id, Some(inbound)));
        edit.links.push((outbound.id, Some(outbound)));
    }
    if !design.flows.is_empty() {
        let flows = design
            .flows
            .iter()
            .map(|f| through_hub(design, f, &legs))
            .collect();
        edit.meta = Some(super::edit::DesignMeta {
            flows,
            ..super::edit::DesignMeta::of(design)
        });
    }
    Some(edit)
}

/// A flow's steps once its direct links go through the hub: each step becomes its leg
/// into the hub and its leg out. Where the exchange is already at the hub (the second
/// target of a fan-out), only the leg out is taken: the hub fans it out.
fn through_hub(
    design: &Design,
    flow: &super::design::Flow,
    legs: &std::collections::HashMap<super::ids::LinkId, (Link, Link)>,
) -> super::design::Flow {
    use super::design::follows_on;
    let mut steps = Vec::with_capacity(flow.steps.len() * 2);
    let mut last: Option<Link> = None;
    for id in &flow.steps {
        match legs.get(id) {
            Some((into, out)) => {
                let at_hub = last
                    .as_ref()
                    .is_some_and(|l| !follows_on(l, into) && follows_on(l, out));
                if !at_hub {
                    steps.push(into.id);
                }
                steps.push(out.id);
                last = Some(out.clone());
            }
            None => {
                steps.push(*id);
                last = design.link(*id).cloned();
            }
        }
    }
    super::design::Flow {
        steps,
        ..flow.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkId;

    fn mesh(n: u32) -> Design {
        let mut d = Design {
            name: "Mesh".into(),
            ..Design::default()
        };
        for i in 1..=n {
            d.systems
                .push(System::new(SystemId(i), format!("S{i}"), SystemKind::Erp));
        }
        let mut id = 1;
        for a in 1..=n {
            for b in a + 1..=n {
                let mut l = crate::model::parse(
                    "(format_version: 1, name: \"x\", systems: [(id: 1, name: \"a\", kind: \"erp\"), (id: 2, name: \"b\", kind: \"erp\")], links: [(id: 1, from: 1, to: 2)])",
                )
                .expect("valid")
                .links
                .remove(0);
                l.id = LinkId(id);
                l.from = SystemId(a);
                l.to = SystemId(b);
                d.links.push(l);
                id += 1;
            }
        }
        d
    }

    #[test]
    fn a_mesh_of_five_becomes_a_star_with_a_new_hub() {
        let mut d = mesh(5);
        assert_eq!(d.links.len(), 10);
        let edit = introduce(&d).expect("links to route");
        assert_eq!(edit.label, "Route 10 links through Integration bus");
        let undo = edit.apply(&mut d);
        let hub = d
            .systems
            .iter()
            .find(|s| s.kind == SystemKind::Middleware)
            .expect("a hub");
        assert!(d.links.iter().all(|l| l.from == hub.id || l.to == hub.id));
        assert_eq!(d.links.len(), 20);
        // Nothing left to route.
        assert!(introduce(&d).is_none());
        undo.apply(&mut d);
        assert_eq!(d, mesh(5));
    }

    #[test]
    fn flows_follow_the_exchange_through_the_hub() {
        // The retail sample's flows include a chain and a fan-out.
        let mut d = crate::model::parse(crate::samples::DEFAULT.text).expect("sample");
        assert!(!d.flows.is_empty());
        let steps: usize = d.flows.iter().map(|f| f.steps.len()).sum();
        let edit = introduce(&d).expect("links to route");
        let (edit, notes) = crate::model::integrity::keep_references(&d, edit);
        assert!(notes.is_empty(), "no flow is cut: {notes:?}");
        edit.apply(&mut d);
        assert_eq!(crate::model::validate::validate(&d), vec![]);
        assert!(d.flows.iter().map(|f| f.steps.len()).sum::<usize>() > steps);
    }

    #[test]
    fn an_existing_middleware_is_the_hub_and_a_taken_name_is_not_reused() {
        let mut d = mesh(3);
        d.systems
            .push(System::new(SystemId(9), "Integration bus", SystemKind::Erp));
        let edit = introduce(&d).expect("links");
        assert!(
            edit.systems
                .iter()
                .any(|(_, s)| s.as_ref().is_some_and(|s| s.name == "Integration bus 2"))
        );
        let mut d = mesh(3);
        d.systems
            .push(System::new(SystemId(7), "Mule", SystemKind::Middleware));
        let edit = introduce(&d).expect("links");
        assert!(edit.systems.is_empty());
        assert_eq!(edit.label, "Route 3 links through Mule");
    }
}
