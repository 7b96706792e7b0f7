//! Synthetic but plausible landscapes of any size, for benchmarks, scale tests and
//! anyone who wants to see Patchbay on a large estate. The same seed gives the same
//! design.

use crate::model::{
    Design, Environment, Format, Latency, Link, LinkId, Pos, Protocol, Sensitivity, System,
    SystemId, SystemKind, Trigger, Zone, ZoneId,
};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// How many systems.
    pub systems: usize,
    /// About how many links start at each system.
    pub links_per_system: usize,
    /// The random seed.
    pub seed: u64,
}

/// The kinds of a realistic estate and their weight in it; Salesforce orgs and
/// ERPs are few and become hubs, services and apps are many.
const MIX: &[(SystemKind, u32)] = &[
    (SystemKind::BackendService, 22),
    (SystemKind::WebApp, 10),
    (SystemKind::Database, 9),
    (SystemKind::LegacySystem, 6),
    (SystemKind::PartnerApi, 6),
    (SystemKind::Spa, 5),
    (SystemKind::MobileApp, 5),
    (SystemKind::IotDevice, 5),
    (SystemKind::Erp, 4),
    (SystemKind::FileServer, 4),
    (SystemKind::MessageBroker, 3),
    (SystemKind::MarketingPlatform, 3),
    (SystemKind::PaymentService, 3),
    (SystemKind::SalesforceOrg, 4),
    (SystemKind::DesktopApp, 2),
    (SystemKind::LimitedInputDevice, 2),
    (SystemKind::IdentityProvider, 2),
    (SystemKind::Middleware, 1),
    (SystemKind::Other, 4),
];

const ZONES: &[&str] = &[
    "Salesforce",
    "Corporate network",
    "Public cloud",
    "Partners",
    "Field",
    "Data centre",
];

fn zone_of(kind: SystemKind) -> usize {
    match kind {
        SystemKind::SalesforceOrg | SystemKind::MarketingPlatform => 0,
        SystemKind::Erp
        | SystemKind::Database
        | SystemKind::LegacySystem
        | SystemKind::FileServer => 5,
        SystemKind::PartnerApi | SystemKind::PaymentService => 3,
        SystemKind::IotDevice | SystemKind::LimitedInputDevice => 4,
        SystemKind::WebApp
        | SystemKind::Spa
        | SystemKind::MobileApp
        | SystemKind::BackendService => 2,
        _ => 1,
    }
}

fn pick_kind(rng: &mut fastrand::Rng) -> SystemKind {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(0..total);
    for &(kind, weight) in MIX {
        if roll < weight {
            return kind;
        }
        roll -= weight;
    }
    SystemKind::Other
}

/// Generates a design.
pub fn generate(p: Params) -> Design {
    let mut rng = fastrand::Rng::with_seed(p.seed);
    let n = p.systems.max(2);
    let mut design = Design {
        name: format!("Generated landscape ({n} systems, seed {})", p.seed),
        description: format!(
            "A synthetic estate of {n} systems with about {} links each, made by `patchbay generate --seed {}`.",
            p.links_per_system, p.seed
        ),
        environment: Environment::Production,
        central_governance: n > 50,
        zones: ZONES
            .iter()
            .enumerate()
            .map(|(i, name)| Zone {
                id: ZoneId(i as u32 + 1),
                name: (*name).to_owned(),
            })
            .collect(),
        ..Design::default()
    };
    let mut kinds: Vec<SystemKind> = (0..n).map(|_| pick_kind(&mut rng)).collect();
    kinds[0] = SystemKind::SalesforceOrg;
    // Lay systems out in a grid, column by zone band, so the picture reads left to right.
    let columns = ((n as f64).sqrt().ceil() as usize).max(1);
    for (i, kind) in kinds.iter().enumerate() {
        let mut s = System::new(
            SystemId(i as u32 + 1),
            format!("{} {}", kind.label(), i + 1),
            *kind,
        );
        s.zone = Some(ZoneId(zone_of(*kind) as u32 + 1));
        s.position = Some(Pos {
            x: (i % columns) as f32 * 240.0,
            y: (i / columns) as f32 * 140.0,
        });
        design.systems.push(s);
    }
    // Hubs attract links: a third of the links go to one of the orgs, ERPs or brokers.
    let hubs: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(
                kinds[i],
                SystemKind::SalesforceOrg | SystemKind::Erp | SystemKind::MessageBroker
            )
        })
        .collect();
    let mut next = 1u32;
    for from in 0..n {
        // Between half and one and a half times K, averaging K.
        let k = p.links_per_system;
        let count = rng.usize(k - k / 2..=k + k / 2);
        for _ in 0..count {
            let to = if !hubs.is_empty() && rng.u8(0..3) == 0 {
                hubs[rng.usize(0..hubs.len())]
            } else {
                rng.usize(0..n)
            };
            if to == from {
                continue;
            }
            let link = plausible_link(
                &mut rng,
                LinkId(next),
                &design.systems[from],
                &design.systems[to],
            );
            design.links.push(link);
            next += 1;
        }
    }
    design
}

fn plausible_link(rng: &mut fastrand::Rng, id: LinkId, from: &System, to: &System) -> Link {
    let mut l = Link::new(id, from.id, to.id);
    let caps = from.capabilities();
    match from.kind {
        SystemKind::Erp
        | SystemKind::Database
        | SystemKind::LegacySystem
        | SystemKind::FileServer => {
            l.trigger = Trigger::Schedule;
            l.latency = if rng.bool() {
                Latency::Batch
            } else {
                Latency::NearRealTime
            };
            l.volume = rng.i64(100..500_000);
            l.protocol = [
                Protocol::Sftp,
                Protocol::Soap,
                Protocol::Rest,
                Protocol::Jdbc,
            ][rng.usize(0..4)];
            l.format =
                [Format::Csv, Format::Xml, Format::FixedWidth, Format::Json][rng.usize(0..4)];
            l.expected_duration_s = rng.u32(30..3_600) as f64;
        }
        SystemKind::IotDevice => {
            l.trigger = Trigger::BusinessEvent;
            l.protocol = if rng.bool() {
                Protocol::Mqtt
            } else {
                Protocol::Rest
            };
            l.format = Format::Binary;
            l.volume = rng.i64(1_000..2_000_000);
        }
        SystemKind::MessageBroker => {
            l.trigger = Trigger::BusinessEvent;
            l.latency = Latency::NearRealTime;
            l.protocol = [Protocol::Jms, Protocol::Amqp, Protocol::Kafka][rng.usize(0..3)];
            l.format = if rng.bool() {
                Format::Avro
            } else {
                Format::Json
            };
            l.guaranteed_delivery = true;
            l.volume = rng.i64(100..100_000);
        }
        _ if caps.user_present => {
            l.needs_response = true;
            l.on_behalf_of_user = rng.u8(0..4) > 0;
            l.expected_duration_s = rng.u32(1..8) as f64;
            l.volume = rng.i64(10..50_000);
        }
        _ => {
            l.needs_response = rng.bool();
            l.trigger = [
                Trigger::RecordChange,
                Trigger::BusinessEvent,
                Trigger::UserAction,
            ][rng.usize(0..3)];
            l.latency = if rng.bool() {
                Latency::RealTime
            } else {
                Latency::NearRealTime
            };
            l.expected_duration_s = rng.u32(1..30) as f64;
            l.volume = rng.i64(10..20_000);
            l.guaranteed_delivery = rng.bool();
        }
    }
    l.sensitivity = Sensitivity::ALL[rng.usize(0..Sensitivity::ALL.len())];
    l.purpose = format!("Flow {}", id.0);
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_valid_deterministic_and_about_the_size_asked() {
        let p = Params {
            systems: 300,
            links_per_system: 4,
            seed: 9,
        };
        let d = generate(p);
        assert!(crate::model::validate::validate(&d).is_empty());
        assert_eq!(d.systems.len(), 300);
        assert!(
            (900..=1500).contains(&d.links.len()),
            "{} links",
            d.links.len()
        );
        assert_eq!(d, generate(p), "same seed, same design");
        assert_ne!(d, generate(Params { seed: 10, ..p }));
        assert!(
            d.systems
                .iter()
                .all(|s| s.position.is_some() && s.zone.is_some())
        );
        let kinds: std::collections::BTreeSet<_> = d.systems.iter().map(|s| s.kind).collect();
        assert!(kinds.len() >= 12, "a realistic mix, got {kinds:?}");
    }
}
