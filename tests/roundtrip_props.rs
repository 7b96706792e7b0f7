//! Property: any valid design survives save and load unchanged, and saving is
//! deterministic.

use patchbay::model::{
    self, AuthFlow, Design, Environment, Format, Latency, Link, LinkId, Pos, Protocol, Sensitivity,
    System, SystemId, SystemKind, Trigger, Zone, ZoneId,
};
use proptest::prelude::*;
use proptest::sample::select;

fn name() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, RON punctuation and non-ASCII must all survive.
    "[a-zA-Z0-9 (),:\\[\\]\"'\\\\\n\té€🙂/*#-]{0,24}"
        .prop_filter("non-empty name", |s| !s.trim().is_empty())
}

fn pos() -> impl Strategy<Value = Option<Pos>> {
    prop::option::of((-1.0e6f32..1.0e6, -1.0e6f32..1.0e6).prop_map(|(x, y)| Pos { x, y }))
}

fn system(id: u32, zones: usize) -> impl Strategy<Value = System> {
    (
        name(),
        select(SystemKind::ALL),
        prop::option::of(0..zones.max(1)),
        pos(),
        prop::array::uniform5(prop::option::of(any::<bool>())),
        ".{0,30}",
    )
        .prop_map(move |(name, kind, zone, position, caps, notes)| {
            let mut s = System::new(SystemId(id), name, kind);
            s.zone = if zones == 0 {
                None
            } else {
                zone.map(|z| ZoneId(z as u32 * 3 + 1))
            };
            s.position = position;
            [
                s.keeps_secret,
                s.user_present,
                s.limited_input,
                s.has_saml_sso,
                s.requires_mtls,
            ] = caps;
            s.notes = notes;
            s
        })
}

fn link(id: u32, ends: (SystemId, SystemId)) -> impl Strategy<Value = Link> {
    (
        (
            any::<[bool; 6]>(),
            select(Trigger::ALL),
            select(Latency::ALL),
            0i64..10_000_000,
        ),
        (
            0.0f64..100_000.0,
            select(Sensitivity::ALL),
            select(Protocol::ALL),
            select(Format::ALL),
        ),
        (prop::option::of(select(AuthFlow::ALL)), ".{0,20}"),
    )
        .prop_map(
            move |(
                (flags, trigger, latency, volume),
                (duration, sensitivity, protocol, format),
                (auth, purpose),
            )| {
                let mut l = Link::new(LinkId(id), ends.0, ends.1);
                [
                    l.needs_response,
                    l.guaranteed_delivery,
                    l.on_behalf_of_user,
                    l.is_virtual,
                    l.external_publish,
                    _,
                ] = flags;
                (l.trigger, l.latency, l.volume, l.expected_duration_s) =
                    (trigger, latency, volume, duration);
                (l.sensitivity, l.protocol, l.format, l.auth, l.purpose) =
                    (sensitivity, protocol, format, auth, purpose);
                l
            },
        )
}

fn design() -> impl Strategy<Value = Design> {
    (0usize..4, 2usize..10)
        .prop_flat_map(|(zone_count, system_count)| {
            let zones: Vec<_> = (0..zone_count)
                .map(|i| {
                    name().prop_map(move |n| Zone {
                        id: ZoneId(i as u32 * 3 + 1),
                        name: n,
                    })
                })
                .collect();
            // Ids with gaps, as a design has after deletions.
            let systems: Vec<_> = (0..system_count)
                .map(|i| system(i as u32 * 2 + 5, zone_count))
                .collect();
            let ends = prop::collection::vec((0..system_count, 1..system_count), 0..15);
            (
                zones,
                systems,
                ends,
                name(),
                ".{0,60}",
                select(Environment::ALL),
                any::<bool>(),
            )
        })
        .prop_flat_map(
            |(zones, systems, ends, name, description, environment, governance)| {
                let n = systems.len();
                let links: Vec<_> = ends
                    .iter()
                    .enumerate()
                    .map(|(i, &(a, off))| {
                        let from = systems[a].id;
                        let to = systems[(a + off) % n].id;
                        link(i as u32 + 1, (from, to))
                    })
                    .collect();
                (
                    Just((zones, systems, name, description, environment, governance)),
                    links,
                )
            },
        )
        .prop_map(
            |((zones, systems, name, description, environment, central_governance), links)| {
                Design {
                    name,
                    description,
                    environment,
                    central_governance,
                    zones,
                    systems,
                    links,
                    flows: Vec::new(),
                    waivers: Vec::new(),
                }
            },
        )
}

fn waiver() -> impl Strategy<Value = model::Waiver> {
    (
        select(&["AUTH-001", "ESB-001", "GRAPH-002"][..]),
        0..3u8,
        name(),
        name(),
        prop::option::of((2020..2040i32, 1..=12u8, 1..=28u8)),
        "([0-9a-f]{16})?",
    )
        .prop_map(|(rule, subject, reason, by, until, seen)| model::Waiver {
            rule: rule.to_owned(),
            system: (subject == 1).then_some(SystemId(1)),
            link: (subject == 2).then_some(LinkId(1)),
            reason,
            by,
            until: until.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            seen,
        })
}

/// A design with waivers, some for subjects it may not have (still valid: `check`
/// reports those, the file loads).
fn design_with_waivers() -> impl Strategy<Value = Design> {
    (design(), prop::collection::vec(waiver(), 0..3)).prop_map(|(mut d, waivers)| {
        d.waivers = waivers;
        d
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_valid_designs_round_trip(design in design_with_waivers()) {
        prop_assert!(model::validate::validate(&design).is_empty());
        let text = model::to_ron_string(&design).expect("text");
        let back = model::parse(&text).map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
        let mut sorted = design.clone();
        sorted.sort_canonical();
        prop_assert_eq!(&back, &sorted);
        prop_assert_eq!(model::to_ron_string(&back).expect("text"), text);
    }
}
