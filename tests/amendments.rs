//! The DOMAIN amendments of turn 3, one small design per case: who opens the
//! connection, what each end can speak, sign-in links, people versus servers,
//! Salesforce's limits only where they apply, one story per link, the ESB verdict with
//! a bus in place, runner-ups and flips. Then a property over generated designs of
//! every kind, protocol and zone.

use patchbay::analysis::connection::{self, How, Opener};
use patchbay::analysis::esb::{SignalKind, Verdict};
use patchbay::analysis::facts::{Attr, Value};
use patchbay::analysis::{self, Analysis, Events, LinkAnalysis, Pattern};
use patchbay::model::{
    self, AuthFlow, Design, Latency, Link, LinkId, Protocol, Sensitivity, System, SystemId,
    SystemKind as K, Trigger, Zone, ZoneId,
};

type Edit = fn(&mut Link);

/// Two systems and one link between them, each in a zone of its own.
fn two(from: K, to: K, edit: Edit) -> (Design, Analysis) {
    let mut d = Design {
        name: "Case".into(),
        ..Design::default()
    };
    for (i, kind) in [from, to].into_iter().enumerate() {
        let id = i as u32 + 1;
        d.zones.push(Zone {
            id: ZoneId(id),
            name: format!("Zone {id}"),
        });
        let mut s = System::new(SystemId(id), format!("{kind} {id}"), kind);
        s.zone = Some(ZoneId(id));
        d.systems.push(s);
    }
    let mut l = Link::new(LinkId(1), SystemId(1), SystemId(2));
    edit(&mut l);
    d.links.push(l);
    assert!(model::validate::validate(&d).is_empty());
    let a = analysis::analyze(&d);
    (d, a)
}

fn link(a: &Analysis) -> &LinkAnalysis {
    &a.links[0]
}

fn rules(a: &Analysis) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.rule.id).collect()
}

fn record_change(l: &mut Link) {
    l.trigger = Trigger::RecordChange;
    l.latency = Latency::NearRealTime;
}

fn nightly(l: &mut Link) {
    l.trigger = Trigger::Schedule;
    l.latency = Latency::Batch;
    l.volume = 50_000;
}

#[test]
fn the_side_that_subscribes_or_pulls_is_the_side_that_signs_in() {
    // (from, to, link, who opens, how, auth flow)
    let cases: &[(K, K, Edit, Opener, How, AuthFlow)] = &[
        // A backend listening to change data capture subscribes with its own client.
        (
            K::SalesforceOrg,
            K::BackendService,
            record_change,
            Opener::Target,
            How::Subscribe,
            AuthFlow::JwtBearer,
        ),
        // An ERP cannot subscribe: Salesforce relays by a callout.
        (
            K::SalesforceOrg,
            K::Erp,
            record_change,
            Opener::Source,
            How::Relay,
            AuthFlow::NamedCredential,
        ),
        // A marketing SaaS cannot subscribe either.
        (
            K::SalesforceOrg,
            K::MarketingPlatform,
            record_change,
            Opener::Source,
            How::Relay,
            AuthFlow::NamedCredential,
        ),
        // A warehouse's nightly extract: its job pulls from Bulk API 2.0.
        (
            K::SalesforceOrg,
            K::Database,
            nightly,
            Opener::Target,
            How::BulkExtract,
            AuthFlow::JwtBearer,
        ),
        // A load into Salesforce: the source's job connects.
        (
            K::Erp,
            K::SalesforceOrg,
            nightly,
            Opener::Source,
            How::BulkLoad,
            AuthFlow::JwtBearer,
        ),
    ];
    for &(from, to, edit, opener, how, auth) in cases {
        let (_, a) = two(from, to, edit);
        let l = link(&a);
        let c = connection::of(&l.facts);
        assert_eq!((c.opener, c.how), (opener, how), "{from} -> {to}");
        assert_eq!(
            l.auth_flow.choice, auth,
            "{from} -> {to}: {}",
            l.auth_flow.reason
        );
        // Never "subscribe with the Pub/Sub API" beside "Salesforce is the caller".
        let options = analysis::options::of(l);
        let all = options.events.join(" ") + &options.auth.join(" ");
        if how == How::Relay {
            assert!(!all.contains("subscribes itself"), "{all}");
        }
        if opener == Opener::Target {
            assert_ne!(l.auth_flow.choice, AuthFlow::NamedCredential);
            assert!(
                !options.auth.join(" ").contains("Named Credential"),
                "{all}"
            );
        }
    }
}

#[test]
fn salesforce_on_a_protocol_it_cannot_speak_is_a_feasibility_finding_with_middleware() {
    for p in [
        Protocol::Sftp,
        Protocol::Jms,
        Protocol::Kafka,
        Protocol::Jdbc,
        Protocol::Http,
    ] {
        let (mut d, a) = two(K::LegacySystem, K::SalesforceOrg, |l| {
            l.protocol = Protocol::Sftp
        });
        d.links[0].protocol = p;
        let a2 = analysis::analyze(&d);
        let f = a2
            .findings
            .iter()
            .find(|f| f.rule.id == "FEAS-001")
            .unwrap_or_else(|| panic!("{p}: {:?}", rules(&a)));
        assert_eq!(f.severity, analysis::Severity::High);
        assert!(f.message.contains("through middleware"), "{}", f.message);
        // A prototype gets a warning.
        d.environment = model::Environment::Prototype;
        let proto = analysis::analyze(&d);
        let f = proto
            .findings
            .iter()
            .find(|f| f.rule.id == "FEAS-001")
            .expect("fires");
        assert_eq!(f.severity, analysis::Severity::Warning);
    }
    // Into Salesforce over gRPC is the Pub/Sub API: fine.
    let (_, a) = two(K::BackendService, K::SalesforceOrg, |l| {
        l.protocol = Protocol::Grpc
    });
    assert!(!rules(&a).contains(&"FEAS-001"));
}

#[test]
fn sign_in_links_get_no_pattern_events_gateway_or_mtls_advice_and_stay_out_of_the_esb() {
    for from in [
        K::WebApp,
        K::Spa,
        K::MobileApp,
        K::DesktopApp,
        K::SalesforceOrg,
    ] {
        let (_, a) = two(from, K::IdentityProvider, |l| {
            l.needs_response = true;
            l.on_behalf_of_user = true;
            l.sensitivity = Sensitivity::Regulated;
        });
        let l = link(&a);
        assert_eq!(l.pattern.choice, Pattern::SignIn, "{from}");
        assert_eq!(l.events.choice, Events::None);
        assert_eq!(l.auth_flow.choice, AuthFlow::Federation);
        assert!(!l.mtls.choice);
        assert!(analysis::options::of(l).pattern.is_empty());
        assert!(l.pattern.flips.is_empty() && l.auth_flow.flips.is_empty());
        // n and p count data links only.
        assert_eq!((a.esb.systems, a.esb.point_to_point), (0, 0), "{from}");
    }
    // Provisioning from the identity provider is a data link as usual.
    let (_, a) = two(K::IdentityProvider, K::SalesforceOrg, |_| {});
    assert_eq!(link(&a).pattern.choice, Pattern::RemoteCallIn);
}

#[test]
fn a_persons_device_never_gets_mutual_tls_but_bound_tokens() {
    for from in [K::Spa, K::MobileApp, K::DesktopApp, K::LimitedInputDevice] {
        let (_, a) = two(from, K::SalesforceOrg, |l| {
            l.needs_response = true;
            l.on_behalf_of_user = true;
            l.sensitivity = Sensitivity::Regulated;
        });
        let m = &link(&a).mtls;
        assert!(!m.choice, "{from}");
        assert!(m.reason.contains("DPoP"), "{from}: {}", m.reason);
        assert_eq!(m.runner_up, Some(true), "what would make it apply");
    }
    // The same link from a server: mutual TLS, and the inbound option only where the
    // connection goes into Salesforce.
    let (_, a) = two(K::BackendService, K::SalesforceOrg, |l| {
        l.sensitivity = Sensitivity::Regulated;
    });
    let l = link(&a);
    assert!(l.mtls.choice);
    let o = analysis::options::of(l).mtls.join(" ");
    assert!(
        o.contains("Inbound to Salesforce") && !o.contains("Outbound from Salesforce"),
        "{o}"
    );
    let (_, a) = two(K::SalesforceOrg, K::Erp, |l| {
        l.needs_response = true;
        l.sensitivity = Sensitivity::Regulated;
    });
    let o = analysis::options::of(link(&a)).mtls.join(" ");
    assert!(
        o.contains("Outbound from Salesforce") && !o.contains("Inbound"),
        "{o}"
    );
    // Broker protection is conditional on the broker's TLS.
    let (_, a) = two(K::IotDevice, K::MessageBroker, |l| {
        l.protocol = Protocol::Mqtt
    });
    assert!(
        link(&a)
            .mtls
            .reason
            .contains("provided the broker's listener uses TLS")
    );
}

#[test]
fn salesforce_limits_are_cited_only_for_salesforce_callouts() {
    let long = |l: &mut Link| {
        l.needs_response = true;
        l.expected_duration_s = 180.0;
    };
    let (_, sf) = two(K::SalesforceOrg, K::Erp, long);
    assert!(rules(&sf).contains(&"PAT-001"));
    assert!(link(&sf).pattern.reason.contains("Salesforce allows"));
    let (_, other) = two(K::BackendService, K::Erp, long);
    assert!(!rules(&other).contains(&"PAT-001") && rules(&other).contains(&"PAT-003"));
    assert_eq!(link(&other).pattern.choice, Pattern::FireAndForget);
    assert!(
        !link(&other).pattern.reason.contains("Salesforce"),
        "{}",
        link(&other).pattern.reason
    );
    // A waiting call into Salesforce of 20 s or more: the long-running request limit.
    let (_, into) = two(K::BackendService, K::SalesforceOrg, |l| {
        l.needs_response = true;
        l.expected_duration_s = 30.0;
    });
    let r = rules(&into);
    assert!(r.contains(&"PAT-004") && !r.contains(&"PAT-002"), "{r:?}");
}

#[test]
fn the_events_reason_tells_the_same_story_as_the_pattern() {
    let (_, a) = two(K::SalesforceOrg, K::Erp, |l| {
        l.needs_response = true;
        l.expected_duration_s = 180.0;
    });
    let l = link(&a);
    assert_eq!(l.pattern.choice, Pattern::FireAndForget);
    assert!(
        !l.events
            .reason
            .contains("waits for its answer on the same connection")
    );
    assert!(
        l.events.reason.contains("comes back later"),
        "{}",
        l.events.reason
    );
    // Batch wins over a waiting caller: a scheduled run, no event.
    let (_, a) = two(K::BackendService, K::SalesforceOrg, |l| {
        l.needs_response = true;
        l.latency = Latency::Batch;
    });
    assert!(link(&a).events.reason.contains("scheduled bulk run"));
}

#[test]
fn runner_ups_and_flips_are_the_nearest_possible_changes() {
    // The device flow's runner-up is a person's flow.
    let (_, a) = two(K::LimitedInputDevice, K::SalesforceOrg, |l| {
        l.needs_response = true
    });
    assert_eq!(link(&a).auth_flow.choice, AuthFlow::Device);
    assert_eq!(link(&a).auth_flow.runner_up, Some(AuthFlow::WebServerPkce));
    // Sensitivity flips to the nearest value that flips.
    let (_, a) = two(K::BackendService, K::Erp, |l| {
        l.sensitivity = Sensitivity::Confidential
    });
    let flip = link(&a)
        .mtls
        .flips
        .iter()
        .find(|f| f.attr == Attr::Sensitivity)
        .copied();
    assert_eq!(
        flip.map(|f| f.to),
        Some(Value::Sensitivity(Sensitivity::Internal))
    );
    // No "if the protocol were sftp" on a call that carries OAuth, and no kind flip
    // where something else flips.
    let (_, a) = two(K::WebApp, K::SalesforceOrg, |l| {
        l.needs_response = true;
        l.on_behalf_of_user = true;
    });
    let auth = &link(&a).auth_flow;
    assert!(
        auth.flips.iter().all(|f| f.attr != Attr::Protocol),
        "{:?}",
        auth.flips
    );
    assert!(
        auth.flips
            .iter()
            .all(|f| !matches!(f.attr, Attr::FromKind | Attr::ToKind))
    );
}

#[test]
fn a_bus_in_place_is_said_so_and_never_recommended_again() {
    let d = model::parse(
        patchbay::samples::ALL
            .iter()
            .find(|s| s.file_name == "enterprise-to-be.patchbay.ron")
            .expect("sample")
            .text,
    )
    .expect("valid");
    let a = analysis::analyze(&d);
    assert_eq!(a.esb.verdict, Verdict::BusInPlace);
    // The enterprise landscape of 14 systems moved onto a bus: n 14, mesh 91.
    assert_eq!((a.esb.systems, a.esb.full_mesh), (14, 91));
    assert!(a.esb.reason.contains("is the bus"), "{}", a.esb.reason);
    // Orchestration is counted only from declared flows; a guessed path is assumed.
    assert!(
        a.esb
            .signals
            .iter()
            .all(|s| s.kind != SignalKind::Orchestration)
    );
}

#[test]
fn never_a_bus_for_four_systems_and_say_when_a_hub_would_not_reduce_the_count() {
    let mut d = Design {
        name: "Four".into(),
        central_governance: true,
        ..Design::default()
    };
    for i in 1..=4 {
        d.systems
            .push(System::new(SystemId(i), format!("S{i}"), K::Erp));
    }
    let protocols = [Protocol::Rest, Protocol::Soap, Protocol::Sftp];
    for (k, (a, b)) in [(1, 2), (2, 3), (3, 4)].into_iter().enumerate() {
        let mut l = Link::new(LinkId(k as u32 + 1), SystemId(a), SystemId(b));
        l.protocol = protocols[k];
        l.format = model::Format::ALL[k];
        l.purpose = "Order".into();
        d.links.push(l);
    }
    d.flows.push(model::Flow {
        id: 1,
        name: "Order".into(),
        steps: vec![LinkId(1), LinkId(2), LinkId(3)],
    });
    let a = analysis::analyze(&d);
    assert!(a.esb.signals.len() >= 3, "{:?}", a.esb.signals);
    assert_ne!(a.esb.verdict, Verdict::EsbRecommended);
    assert!(
        a.esb
            .reason
            .contains("would not reduce the connection count"),
        "{}",
        a.esb.reason
    );
}

#[test]
fn introduce_a_bus_speaks_to_salesforce_and_does_not_double_a_chain() {
    let (mut d, _) = two(K::LegacySystem, K::SalesforceOrg, |l| {
        l.protocol = Protocol::Sftp;
        l.needs_response = true;
        l.expected_duration_s = 4.0;
    });
    model::bus::introduce(&d)
        .expect("a link to route")
        .apply(&mut d);
    let a = analysis::analyze(&d);
    assert!(!rules(&a).contains(&"FEAS-001"), "{:?}", rules(&a));
    let total: f64 = d.links.iter().map(|l| l.expected_duration_s).sum();
    assert!(total < 5.0, "the chain keeps its total: {total}");
}

/// Generated designs of every kind, protocol and zone: what a reviewer would strike out
/// never appears.
#[test]
fn property_over_generated_designs() {
    for seed in 1..=12u64 {
        let mut d = patchbay::generate::generate(patchbay::generate::Params {
            systems: 40,
            links_per_system: 3,
            seed,
        });
        // Spread every protocol and kind around, as people draw them.
        let mut rng = fastrand::Rng::with_seed(seed);
        for l in &mut d.links {
            l.protocol = Protocol::ALL[rng.usize(0..Protocol::ALL.len())];
            l.sensitivity = Sensitivity::ALL[rng.usize(0..Sensitivity::ALL.len())];
            l.on_behalf_of_user = rng.u8(0..4) == 0;
        }
        for s in d.systems.iter_mut().skip(1) {
            if rng.u8(0..3) == 0 {
                s.kind = K::ALL[rng.usize(0..K::ALL.len())];
            }
        }
        let a = analysis::analyze(&d);
        for l in a.links.iter() {
            let f = &l.facts;
            let c = connection::of(f);
            // No flip names a protocol an end cannot speak.
            let speaks = |p: Protocol| {
                let sf = |k| k == K::SalesforceOrg;
                !(sf(f.from_kind) || sf(f.to_kind))
                    || connection::salesforce_speaks(p, true)
                        && connection::salesforce_speaks(p, false)
                    || (p == Protocol::Grpc && sf(f.to_kind))
            };
            for flip in l.auth_flow.flips.iter() {
                if let Value::Protocol(p) = flip.to {
                    assert!(speaks(p), "seed {seed} link {}: flip to {p}", l.link.0);
                }
            }
            // mTLS never for a person's device as the connecting side.
            let v = c.view(f);
            if analysis::mtls::persons_device(v.from_kind, &v.from) {
                assert!(!l.mtls.choice, "seed {seed} link {}", l.link.0);
            }
            // The events reason never says the caller waits when the pattern does not.
            if l.pattern.choice != Pattern::RequestReply
                && l.pattern.choice != Pattern::RemoteCallIn
            {
                assert!(
                    !l.events
                        .reason
                        .contains("waits for its answer on the same connection"),
                    "seed {seed} link {}: {:?} / {}",
                    l.link.0,
                    l.pattern.choice,
                    l.events.reason
                );
            }
            // Every data link's decisions name a runner-up.
            if !f.is_sign_in() {
                for (what, has) in [
                    ("pattern", l.pattern.runner_up.is_some()),
                    ("events", l.events.runner_up.is_some()),
                    ("auth", l.auth_flow.runner_up.is_some()),
                    ("mtls", l.mtls.runner_up.is_some()),
                ] {
                    assert!(
                        has,
                        "seed {seed} link {}: {what} has no runner-up",
                        l.link.0
                    );
                }
            }
        }
        // Sign-in links never count in the ESB numbers.
        let data_pairs: std::collections::BTreeSet<(SystemId, SystemId)> = d
            .links
            .iter()
            .filter(|l| {
                let (a, b) = (d.system(l.from).expect("from"), d.system(l.to).expect("to"));
                !connection::is_sign_in(a.kind, b.kind)
            })
            .map(|l| (l.from.min(l.to), l.from.max(l.to)))
            .collect();
        if a.esb.verdict != Verdict::BusInPlace {
            assert_eq!(a.esb.point_to_point, data_pairs.len(), "seed {seed}");
        }
    }
}

/// An exchange is one exchange whatever the case its purpose is written in: one sender
/// sending "Order placed" and "order placed" to three targets is a fan-out, and a system
/// receiving "Order placed" as JSON and passing on "ORDER PLACED" as XML transforms it.
#[test]
fn an_exchange_is_named_by_its_purpose_in_any_case() {
    let mut d = Design {
        name: "Case".into(),
        ..Design::default()
    };
    for id in 1..=5 {
        d.systems.push(System::new(
            SystemId(id),
            format!("System {id}"),
            K::BackendService,
        ));
    }
    let mut next = 1;
    let mut add = |d: &mut Design, from, to, purpose: &str, format| {
        let mut l = Link::new(LinkId(next), SystemId(from), SystemId(to));
        next += 1;
        l.needs_response = false;
        l.purpose = purpose.into();
        l.format = format;
        d.links.push(l);
    };
    use patchbay::model::Format as F;
    add(&mut d, 1, 2, "Order placed", F::Json);
    add(&mut d, 1, 3, "order placed", F::Json);
    add(&mut d, 1, 4, "Order Placed ", F::Json);
    add(&mut d, 2, 5, "ORDER PLACED", F::Xml);
    assert!(model::validate::validate(&d).is_empty());
    let a = analysis::analyze(&d);
    let kinds: Vec<SignalKind> = a.esb.signals.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&SignalKind::FanOut), "{:?}", a.esb.signals);
    assert!(
        kinds.contains(&SignalKind::Transformation),
        "{:?}",
        a.esb.signals
    );
}

/// Issue 23: a browser app's sign-in is advised behind a backend-for-frontend first,
/// with PKCE in the browser as the fallback; where the browser app calls a web app,
/// that web app may be the backend-for-frontend itself. Regulated data for a person
/// adds PAR and FAPI 2.0 where supported, and a public client is told FAPI 2.0 takes a
/// backend.
#[test]
fn browser_apps_get_a_backend_for_frontend_first_and_regulated_data_par_and_fapi() {
    let for_person = |l: &mut Link| {
        l.needs_response = true;
        l.on_behalf_of_user = true;
    };
    let (_, a) = two(K::Spa, K::SalesforceOrg, for_person);
    let la = link(&a);
    assert_eq!(la.auth_flow.choice, AuthFlow::WebServerPkce);
    assert!(
        la.auth_flow
            .reason
            .contains("The first choice (RFC 10017) is a backend-for-frontend")
    );
    let auth = &patchbay::report::options(la)[2];
    assert!(
        auth[0].starts_with("First choice: a backend-for-frontend (RFC 10017)"),
        "{auth:?}"
    );
    assert!(auth[1].starts_with("Without one:"), "{auth:?}");

    let (_, a) = two(K::Spa, K::WebApp, for_person);
    let la = link(&a);
    assert!(
        la.auth_flow
            .reason
            .contains("If this server is the app's own backend-for-frontend")
    );
    let auth = &patchbay::report::options(la)[2];
    assert!(
        auth[0].starts_with("If this web app is the browser app's own backend-for-frontend"),
        "{auth:?}"
    );

    let regulated = |l: &mut Link| {
        l.needs_response = true;
        l.on_behalf_of_user = true;
        l.sensitivity = Sensitivity::Regulated;
    };
    let (_, a) = two(K::WebApp, K::SalesforceOrg, regulated);
    let auth = patchbay::report::options(link(&a))[2].join("\n");
    assert!(
        auth.contains("by PAR (RFC 9126) and follow the FAPI 2.0 Security Profile"),
        "{auth}"
    );
    let (_, a) = two(K::MobileApp, K::SalesforceOrg, regulated);
    let auth = patchbay::report::options(link(&a))[2].join("\n");
    assert!(auth.contains("admits confidential clients only"), "{auth}");
    assert!(auth.contains("kept in the OS keystore"), "{auth}");
    // Never claims Salesforce supports them.
    assert!(
        auth.contains("where the authorization server supports it"),
        "{auth}"
    );
}
