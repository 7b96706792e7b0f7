//! The analyzer against the seed's own tables and figures, and against the samples.

use patchbay::analysis::decision::{Decide, Decision};
use patchbay::analysis::esb::Verdict;
use patchbay::analysis::{self, Analysis, Events, Pattern, Severity, auth, events, mtls, pattern};
use patchbay::model::{
    self, AuthFlow, Design, Environment, Link, LinkId, System, SystemId, SystemKind, Trigger,
};

/// Adjusts a link from its defaults.
type Edit<'a> = &'a dyn Fn(&mut Link);

/// A design of the given systems and links (`from`, `to` are 1-based positions).
fn design(systems: &[SystemKind], links: &[(u32, u32, Edit<'_>)]) -> Design {
    let mut d = Design {
        name: "Test".into(),
        ..Design::default()
    };
    for (i, kind) in systems.iter().enumerate() {
        d.systems.push(System::new(
            SystemId(i as u32 + 1),
            format!("{kind} {}", i + 1),
            *kind,
        ));
    }
    for (i, (from, to, edit)) in links.iter().enumerate() {
        let mut l = Link::new(LinkId(i as u32 + 1), SystemId(*from), SystemId(*to));
        edit(&mut l);
        d.links.push(l);
    }
    assert!(model::validate::validate(&d).is_empty());
    d
}

fn one_link(from: SystemKind, to: SystemKind, edit: &dyn Fn(&mut Link)) -> Analysis {
    analysis::analyze(&design(&[from, to], &[(1, 2, edit)]))
}

/// Every sample and a generated 60-system design made with `seed`.
fn samples_and_generated(seed: u64) -> Vec<Design> {
    let mut designs: Vec<Design> = patchbay::samples::ALL
        .iter()
        .map(|s| model::parse(s.text).expect("valid"))
        .collect();
    designs.push(patchbay::generate::generate(patchbay::generate::Params {
        systems: 60,
        links_per_system: 4,
        seed,
    }));
    designs
}

fn sample(name: &str) -> (Design, Analysis) {
    let s = patchbay::samples::ALL
        .iter()
        .find(|s| s.file_name == name)
        .expect("sample");
    let d = model::parse(s.text).expect("valid");
    let a = analysis::analyze(&d);
    (d, a)
}

// The seed's Quick Reference Table: one test per row, the scenario in its "Best For" column.

#[test]
fn quick_reference_web_server_for_a_web_app_with_a_backend() {
    let a = one_link(SystemKind::WebApp, SystemKind::SalesforceOrg, &|l| {
        l.on_behalf_of_user = true
    });
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::WebServer);
}

#[test]
fn quick_reference_user_agent_row_gets_pkce_for_a_spa_and_is_flagged_as_is() {
    let a = one_link(SystemKind::Spa, SystemKind::SalesforceOrg, &|l| {
        l.auth = Some(AuthFlow::UserAgent)
    });
    assert_eq!(
        a.links[0].auth_flow.choice,
        AuthFlow::WebServerPkce,
        "never user-agent"
    );
    assert!(
        a.findings
            .iter()
            .any(|f| f.rule.id == "AUTH-002" && f.severity == Severity::High)
    );
    let mobile = one_link(SystemKind::MobileApp, SystemKind::SalesforceOrg, &|_| {});
    assert_eq!(mobile.links[0].auth_flow.choice, AuthFlow::WebServerPkce);
}

#[test]
fn quick_reference_jwt_bearer_for_server_to_server_automation() {
    let a = one_link(
        SystemKind::BackendService,
        SystemKind::SalesforceOrg,
        &|_| {},
    );
    let d = &a.links[0].auth_flow;
    assert_eq!(d.choice, AuthFlow::JwtBearer);
    assert_eq!(d.runner_up, Some(AuthFlow::ClientCredentials));
    let middleware = one_link(SystemKind::Middleware, SystemKind::SalesforceOrg, &|_| {});
    assert_eq!(middleware.links[0].auth_flow.choice, AuthFlow::JwtBearer);
}

#[test]
fn quick_reference_device_for_iot_screens_and_cli_tools() {
    let a = one_link(
        SystemKind::LimitedInputDevice,
        SystemKind::SalesforceOrg,
        &|l| l.on_behalf_of_user = true,
    );
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::Device);
}

#[test]
fn quick_reference_username_password_is_dev_only_and_never_recommended() {
    let d = design(
        &[SystemKind::BackendService, SystemKind::SalesforceOrg],
        &[(1, 2, &|l: &mut Link| {
            l.auth = Some(AuthFlow::UsernamePassword)
        })],
    );
    let a = analysis::analyze(&d);
    assert_ne!(a.links[0].auth_flow.choice, AuthFlow::UsernamePassword);
    let up = |a: &Analysis| {
        a.findings
            .iter()
            .find(|f| f.rule.id == "AUTH-001")
            .map(|f| f.severity)
    };
    assert_eq!(up(&a), Some(Severity::High), "high in production");
    let prototype = Design {
        environment: Environment::Prototype,
        ..d
    };
    assert_eq!(
        up(&analysis::analyze(&prototype)),
        Some(Severity::Warning),
        "tolerated while prototyping"
    );
}

#[test]
fn quick_reference_saml_assertion_for_sso_environments() {
    let mut d = design(
        &[SystemKind::WebApp, SystemKind::SalesforceOrg],
        &[(1, 2, &|l: &mut Link| l.on_behalf_of_user = true)],
    );
    d.systems[0].has_saml_sso = Some(true);
    assert_eq!(
        analysis::analyze(&d).links[0].auth_flow.choice,
        AuthFlow::SamlAssertion
    );
    // Being linked to an identity provider is enough too.
    let linked = design(
        &[
            SystemKind::WebApp,
            SystemKind::SalesforceOrg,
            SystemKind::IdentityProvider,
        ],
        &[
            (1, 2, &|l: &mut Link| l.on_behalf_of_user = true),
            (1, 3, &|_: &mut Link| {}),
        ],
    );
    assert_eq!(
        analysis::analyze(&linked).links[0].auth_flow.choice,
        AuthFlow::SamlAssertion
    );
}

#[test]
fn quick_reference_asset_token_for_connected_devices() {
    let a = one_link(SystemKind::IotDevice, SystemKind::SalesforceOrg, &|_| {});
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::AssetToken);
}

#[test]
fn salesforce_calling_out_uses_a_named_credential_and_file_drops_no_oauth() {
    let a = one_link(SystemKind::SalesforceOrg, SystemKind::Erp, &|_| {});
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::NamedCredential);
    let sftp = one_link(SystemKind::Erp, SystemKind::Database, &|l| {
        l.protocol = model::Protocol::Sftp
    });
    assert_eq!(sftp.links[0].auth_flow.choice, AuthFlow::None);
    assert!(
        sftp.links[0].auth_flow.reason.contains("SSH keys"),
        "{}",
        sftp.links[0].auth_flow.reason
    );
}

#[test]
fn a_protocol_salesforce_cannot_speak_is_decided_as_the_https_api_that_carries_it() {
    // DOMAIN 1.1: SFTP drawn into Salesforce cannot be built (FEAS-001); its auth and
    // mTLS are decided for the Bulk API 2.0 load that would carry the file, never with
    // SSH keys, and no flip proposes a protocol.
    use analysis::facts::Attr;
    for (protocol, said) in [
        (model::Protocol::Sftp, "cannot speak SFTP"),
        (model::Protocol::Http, "cannot speak plain HTTP"),
    ] {
        let a = one_link(SystemKind::Erp, SystemKind::SalesforceOrg, &|l| {
            l.protocol = protocol;
            l.trigger = model::Trigger::Schedule;
            l.latency = model::Latency::Batch;
        });
        let link = &a.links[0];
        assert_eq!(link.auth_flow.choice, AuthFlow::JwtBearer, "{protocol:?}");
        for reason in [&link.auth_flow.reason, &link.mtls.reason] {
            assert!(reason.contains(said), "{reason}");
            assert!(!reason.contains("SSH"), "{reason}");
            assert!(reason.contains("HTTPS API"), "{reason}");
        }
        assert!(
            link.mtls.reason.contains("one-way TLS"),
            "{}",
            link.mtls.reason
        );
        for flip in link.auth_flow.flips.iter() {
            let changed = [Some(flip.attr), flip.also.map(|a| a.0)];
            assert!(!changed.contains(&Some(Attr::Protocol)), "{flip:?}");
        }
        for flip in link.mtls.flips.iter() {
            let changed = [Some(flip.attr), flip.also.map(|a| a.0)];
            assert!(!changed.contains(&Some(Attr::Protocol)), "{flip:?}");
        }
    }
    // The same file between two systems that both speak SFTP keeps SSH keys.
    let elsewhere = one_link(SystemKind::Erp, SystemKind::Database, &|l| {
        l.protocol = model::Protocol::Sftp
    });
    assert!(elsewhere.links[0].mtls.reason.contains("SSH"));
}

// The seed's Decision Guide: platform events or change data capture, row by row.

fn events_of(from: SystemKind, to: SystemKind, edit: &dyn Fn(&mut Link)) -> Decision<Events> {
    one_link(from, to, edit).links[0].events.clone()
}

#[test]
fn decision_guide_trigger_row_explicit_publish_or_automatic_on_dml() {
    let on_dml = events_of(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.trigger = Trigger::RecordChange
    });
    assert_eq!(on_dml.choice, Events::ChangeDataCapture);
    let explicit = events_of(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.trigger = Trigger::BusinessEvent
    });
    assert_eq!(explicit.choice, Events::PlatformEvents);
}

#[test]
fn decision_guide_schema_row_custom_payload_or_mirrors_the_object() {
    let custom = events_of(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.trigger = Trigger::UserAction
    });
    assert_eq!(custom.choice, Events::PlatformEvents);
    let mirrored = events_of(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.trigger = Trigger::RecordChange
    });
    assert!(
        mirrored.reason.contains("shaped like the record"),
        "{}",
        mirrored.reason
    );
}

#[test]
fn decision_guide_direction_row_cdc_is_outbound_only() {
    let inbound = events_of(SystemKind::Erp, SystemKind::SalesforceOrg, &|l| {
        l.trigger = Trigger::RecordChange;
        l.external_publish = true;
    });
    assert_eq!(
        inbound.choice,
        Events::PlatformEvents,
        "change events cannot come from outside"
    );
}

#[test]
fn decision_guide_use_case_row_record_sync_or_cross_system_event() {
    let sync = events_of(SystemKind::SalesforceOrg, SystemKind::Database, &|l| {
        l.trigger = Trigger::RecordChange
    });
    assert_eq!(sync.choice, Events::ChangeDataCapture);
    let cross = events_of(
        SystemKind::PaymentService,
        SystemKind::SalesforceOrg,
        &|l| l.trigger = Trigger::BusinessEvent,
    );
    assert_eq!(cross.choice, Events::PlatformEvents);
}

#[test]
fn decision_guide_publishing_effort_row_cdc_needs_no_code() {
    let cdc = events_of(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.trigger = Trigger::RecordChange
    });
    assert!(cdc.reason.contains("no publishing code"), "{}", cdc.reason);
}

#[test]
fn decision_guide_external_publish_row() {
    let d = events_of(
        SystemKind::BackendService,
        SystemKind::SalesforceOrg,
        &|l| l.external_publish = true,
    );
    assert_eq!(d.choice, Events::PlatformEvents);
    let flip = d.flip().expect("a flip");
    assert_eq!(
        flip.condition(),
        "if external_publish were false (now true)"
    );
}

// The seed's figures.

#[test]
fn esb_counts_five_systems_ten_links_ten_systems_forty_five() {
    for (n, mesh) in [(5usize, 10usize), (10, 45)] {
        let systems = vec![SystemKind::BackendService; n];
        let chain: Vec<(u32, u32, Edit<'_>)> = (1..n as u32)
            .map(|i| (i, i + 1, &(|_: &mut Link| {}) as &dyn Fn(&mut Link)))
            .collect();
        let esb = analysis::analyze(&design(&systems, &chain)).esb;
        assert_eq!(
            (esb.systems, esb.full_mesh, esb.via_hub, esb.point_to_point),
            (n, mesh, n, n - 1)
        );
    }
}

#[test]
fn the_120_second_synchronous_ceiling() {
    let at = |secs: f64| {
        one_link(
            SystemKind::SalesforceOrg,
            SystemKind::BackendService,
            &move |l| {
                l.needs_response = true;
                l.expected_duration_s = secs;
            },
        )
    };
    let inside = at(120.0);
    assert_eq!(inside.links[0].pattern.choice, Pattern::RequestReply);
    assert!(inside.findings.iter().all(|f| f.rule.id != "PAT-001"));
    let beyond = at(121.0);
    let p = &beyond.links[0].pattern;
    assert_eq!(p.choice, Pattern::FireAndForget);
    assert_eq!(
        p.flip().expect("flip").condition(),
        "if expected_duration_s were 120 s or less (now 121 s)"
    );
    assert_eq!(p.runner_up, Some(Pattern::RequestReply));
    assert!(
        beyond
            .findings
            .iter()
            .any(|f| f.rule.id == "PAT-001" && f.severity == Severity::High)
    );
}

#[test]
fn more_than_2000_records_a_scheduled_run_is_a_batch() {
    let at = |volume| {
        one_link(SystemKind::Erp, SystemKind::SalesforceOrg, &move |l| {
            l.trigger = Trigger::Schedule;
            l.volume = volume;
        })
        .links[0]
            .pattern
            .choice
    };
    assert_eq!(at(2_000), Pattern::RemoteCallIn);
    assert_eq!(at(2_001), Pattern::BatchDataSync);
}

#[test]
fn every_pattern_is_reachable() {
    let cases: [(SystemKind, SystemKind, Edit<'_>, Pattern); 6] = [
        (
            SystemKind::SalesforceOrg,
            SystemKind::Erp,
            &|l| l.needs_response = true,
            Pattern::RequestReply,
        ),
        (
            SystemKind::SalesforceOrg,
            SystemKind::Erp,
            &|_| {},
            Pattern::FireAndForget,
        ),
        (
            SystemKind::Erp,
            SystemKind::Database,
            &|l| l.latency = model::Latency::Batch,
            Pattern::BatchDataSync,
        ),
        (
            SystemKind::WebApp,
            SystemKind::SalesforceOrg,
            &|_| {},
            Pattern::RemoteCallIn,
        ),
        (
            SystemKind::SalesforceOrg,
            SystemKind::Spa,
            &|l| l.trigger = Trigger::RecordChange,
            Pattern::UiUpdate,
        ),
        (
            SystemKind::SalesforceOrg,
            SystemKind::Erp,
            &|l| {
                l.is_virtual = true;
                l.needs_response = true;
            },
            Pattern::DataVirtualization,
        ),
    ];
    for (from, to, edit, want) in cases {
        assert_eq!(one_link(from, to, edit).links[0].pattern.choice, want);
    }
}

#[test]
fn mtls_for_regulated_data_required_targets_and_confidential_data_across_zones() {
    assert!(
        one_link(SystemKind::WebApp, SystemKind::PaymentService, &|l| l
            .sensitivity =
            model::Sensitivity::Regulated)
        .links[0]
            .mtls
            .choice
    );
    let mut d = design(
        &[SystemKind::WebApp, SystemKind::PartnerApi],
        &[(1, 2, &|_: &mut Link| {})],
    );
    assert!(!analysis::analyze(&d).links[0].mtls.choice);
    d.systems[1].requires_mtls = Some(true);
    assert!(analysis::analyze(&d).links[0].mtls.choice);
    d.systems[1].requires_mtls = None;
    d.links[0].sensitivity = model::Sensitivity::Confidential;
    assert!(!analysis::analyze(&d).links[0].mtls.choice, "same zone");
    d.zones = vec![
        model::Zone {
            id: model::ZoneId(1),
            name: "A".into(),
        },
        model::Zone {
            id: model::ZoneId(2),
            name: "B".into(),
        },
    ];
    d.systems[0].zone = Some(model::ZoneId(1));
    d.systems[1].zone = Some(model::ZoneId(2));
    let m = &analysis::analyze(&d).links[0].mtls;
    assert!(m.choice, "crosses a boundary");
    assert_eq!(
        m.flip().expect("flip").condition(),
        "if sensitivity were internal (now confidential)"
    );
}

/// Applying each of a decision's flips and deciding again must give the flip's result;
/// no flip turns a Salesforce org into something else or anything into one.
fn check_flip<D: Decide>(d: &Decision<D::Choice>, facts: &analysis::facts::LinkFacts)
where
    D::Choice: std::fmt::Debug,
{
    use analysis::facts::{Attr, Value};
    let (again, _) = D::decide(facts);
    assert_eq!(
        again, d.choice,
        "the decision is a pure function of the facts"
    );
    // A change of a system's kind is proposed only where no other single input flips it.
    let kind = |a: Attr| matches!(a, Attr::FromKind | Attr::ToKind);
    let singles = || d.flips.iter().filter(|f| f.also.is_none());
    if singles().any(|f| kind(f.attr)) {
        assert!(
            singles().all(|f| kind(f.attr)),
            "a kind flip next to others: {:?}",
            d.flips
        );
    }
    for f in d.flips.iter() {
        let mut changed = facts.with(f.attr, f.to);
        if let Some((attr, _, to)) = f.also {
            changed = changed.with(attr, to);
        }
        let (flipped, _) = D::decide(&changed);
        assert_eq!(flipped, f.result);
        assert_ne!(flipped, d.choice);
        for (attr, from, to) in std::iter::once((f.attr, f.from, f.to)).chain(f.also) {
            if matches!(attr, Attr::FromKind | Attr::ToKind) {
                let sf = Value::Kind(SystemKind::SalesforceOrg);
                assert!(from != sf && to != sf, "{}", f.condition());
            }
        }
    }
}

#[test]
fn every_flip_in_every_sample_really_flips() {
    let mut designs: Vec<Analysis> = patchbay::samples::ALL
        .iter()
        .map(|s| sample(s.file_name).1)
        .collect();
    designs.push(analysis::analyze(&patchbay::generate::generate(
        patchbay::generate::Params {
            systems: 80,
            links_per_system: 4,
            seed: 9,
        },
    )));
    for a in &designs {
        for l in a.links.iter() {
            check_flip::<pattern::PatternDecision>(&l.pattern, &l.facts);
            check_flip::<events::EventsDecision>(&l.events, &l.facts);
            check_flip::<auth::AuthDecision>(&l.auth_flow, &l.facts);
            check_flip::<mtls::MtlsDecision>(&l.mtls, &l.facts);
        }
    }
}

// What an architect expects of the samples.

#[test]
fn the_startup_stays_point_to_point() {
    let (_, a) = sample("startup.patchbay.ron");
    assert_eq!(a.esb.verdict, Verdict::PointToPoint);
    assert_eq!(a.counts().0, 0, "no high findings");
}

#[test]
fn the_enterprise_landscape_needs_a_bus() {
    let (_, a) = sample("enterprise.patchbay.ron");
    assert_eq!(a.esb.verdict, Verdict::EsbRecommended);
    assert!(a.esb.point_to_point > a.esb.systems);
    let signals: Vec<&str> = a.esb.signals.iter().map(|s| s.kind.id()).collect();
    // Orchestration and transformation from its declared flows, not guessed.
    for s in [
        "protocol-mediation",
        "central-governance",
        "transformation",
        "orchestration",
    ] {
        assert!(signals.contains(&s), "{s} missing from {signals:?}");
    }
}

#[test]
fn the_legacy_design_raises_high_findings_for_each_anti_pattern() {
    let (d, a) = sample("legacy.patchbay.ron");
    let high = |rule: &str| {
        a.findings
            .iter()
            .filter(|f| f.rule.id == rule && f.severity == Severity::High)
            .count()
    };
    assert!(high("AUTH-001") >= 1, "username-password");
    assert_eq!(high("AUTH-002"), 1, "implicit flow");
    assert_eq!(high("PAT-001"), 1, "five-minute synchronous call");
    let ftp = d
        .links
        .iter()
        .find(|l| l.protocol == model::Protocol::Ftp)
        .expect("an FTP link");
    assert!(a.findings.iter().any(|f| f.rule.id == "TLS-001"
        && f.severity == Severity::High
        && f.subject == analysis::Subject::Link(ftp.id)));
}

#[test]
fn the_healthcare_design_puts_regulated_links_on_mtls_and_public_clients_on_pkce() {
    let (d, a) = sample("healthcare.patchbay.ron");
    for l in a.links.iter() {
        let link = d.link(l.link).expect("link");
        let from = d.system(link.from).expect("system");
        let device = matches!(from.kind, SystemKind::Spa | SystemKind::MobileApp);
        if link.sensitivity == model::Sensitivity::Regulated && !device {
            assert!(l.mtls.choice, "link {} carries regulated data", link.id);
        }
        // Never mutual TLS for a person's phone or browser: bound tokens instead.
        if device {
            assert!(
                !l.mtls.choice,
                "link {} starts at a person's device",
                link.id
            );
            if link.sensitivity == model::Sensitivity::Regulated {
                assert!(l.mtls.reason.contains("DPoP"), "{}", l.mtls.reason);
            }
        }
        if matches!(from.kind, SystemKind::Spa | SystemKind::MobileApp) {
            assert_eq!(l.auth_flow.choice, AuthFlow::WebServerPkce);
        }
    }
}

#[test]
fn analysis_is_deterministic() {
    for s in patchbay::samples::ALL {
        let (d, a) = sample(s.file_name);
        assert_eq!(a, analysis::analyze(&d));
    }
}

// Issue 9: advice that never misleads.

/// Words that name a Salesforce feature.
const SALESFORCE_WORDS: [&str; 10] = [
    "Salesforce",
    "Apex",
    "Platform Event",
    "platform event",
    "Outbound Message",
    "Change Data Capture",
    "Connected app",
    "Named Credential",
    "Bulk API",
    "Pub/Sub API",
];

#[test]
fn options_name_salesforce_only_where_salesforce_is_an_end() {
    let cases: [(SystemKind, SystemKind, bool); 4] = [
        (SystemKind::Erp, SystemKind::Database, false),
        (SystemKind::BackendService, SystemKind::MessageBroker, false),
        (SystemKind::SalesforceOrg, SystemKind::Erp, true),
        (SystemKind::Erp, SystemKind::SalesforceOrg, true),
    ];
    for (from, to, salesforce) in cases {
        for edit in [
            &(|_: &mut Link| {}) as Edit<'_>,
            &|l: &mut Link| l.needs_response = true,
            &|l: &mut Link| l.latency = model::Latency::Batch,
            &|l: &mut Link| l.sensitivity = model::Sensitivity::Regulated,
        ] {
            let a = one_link(from, to, edit);
            let text: Vec<&str> = patchbay::report::options(&a.links[0])
                .iter()
                .flat_map(|o| o.iter().copied())
                .collect();
            assert!(!text.is_empty(), "{from} -> {to}: no options at all");
            let named = text
                .iter()
                .any(|t| SALESFORCE_WORDS.iter().any(|w| t.contains(w)));
            if !salesforce {
                assert!(
                    !named,
                    "{from} -> {to} offers a Salesforce feature: {text:?}"
                );
            }
        }
    }
    // And over every link of every sample and a generated design.
    let designs = samples_and_generated(3);
    for d in &designs {
        let a = analysis::analyze(d);
        for la in a.links.iter() {
            let sf = la.facts.from_kind == SystemKind::SalesforceOrg
                || la.facts.to_kind == SystemKind::SalesforceOrg;
            if sf {
                continue;
            }
            for o in patchbay::report::options(la).iter().flat_map(|o| o.iter()) {
                assert!(
                    !SALESFORCE_WORDS.iter().any(|w| o.contains(w)),
                    "{}: link {} offers {o:?}",
                    d.name,
                    la.link.0
                );
            }
        }
    }
}

#[test]
fn ui_update_is_for_a_screen_without_a_server_of_its_own() {
    // (target, expected pattern): a web app's server takes record changes as a backend
    // would; a single-page or mobile app with a person at it gets them pushed.
    let cases = [
        (SystemKind::WebApp, Pattern::FireAndForget),
        (SystemKind::Spa, Pattern::UiUpdate),
        (SystemKind::MobileApp, Pattern::UiUpdate),
        (SystemKind::Erp, Pattern::FireAndForget),
    ];
    for (to, expected) in cases {
        let a = one_link(SystemKind::SalesforceOrg, to, &|l| {
            l.trigger = Trigger::RecordChange;
        });
        let p = &a.links[0].pattern;
        assert_eq!(p.choice, expected, "Salesforce -> {to}");
        if expected == Pattern::UiUpdate {
            let keys: Vec<&str> = p.decided_by.iter().map(|d| d.id()).collect();
            assert!(keys.contains(&"to.keeps_secret"), "{keys:?}");
            assert!(p.reason.contains("no server of its own"), "{}", p.reason);
        }
    }
    // The startup sample's "won deal activates the shop account" reaches a web shop.
    let (d, a) = sample("startup.patchbay.ron");
    for la in a.links.iter() {
        let to = d.system(d.links[la.index].to).expect("end");
        if to.kind == SystemKind::WebApp {
            assert_ne!(
                la.pattern.choice,
                Pattern::UiUpdate,
                "{}",
                d.links[la.index].purpose
            );
        }
    }
}

#[test]
fn a_link_bypasses_middleware_only_when_both_ends_already_use_it() {
    use SystemKind::{Erp, Middleware, SalesforceOrg};
    let bypass = |links: &[(u32, u32, Edit<'_>)]| {
        let a = analysis::analyze(&design(&[Erp, Middleware, SalesforceOrg], links));
        a.findings.iter().filter(|f| f.rule.id == "ESB-001").count()
    };
    let none: Edit<'_> = &|_| {};
    // A bus with no links bypasses nothing.
    assert_eq!(bypass(&[(1, 3, none)]), 0);
    // A bus that only one end uses is not bypassed either.
    assert_eq!(bypass(&[(1, 2, none), (1, 3, none)]), 0);
    // Both ends exchange data through the bus and still talk directly: a bypass.
    assert_eq!(bypass(&[(1, 2, none), (2, 3, none), (1, 3, none)]), 1);
}

#[test]
fn wording_is_true_at_the_edges() {
    // A 120-second call is at the ceiling, not well inside it.
    let a = one_link(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.needs_response = true;
        l.expected_duration_s = 120.0;
    });
    let r = &a.links[0].pattern.reason;
    assert!(r.contains("right at") && !r.contains("well inside"), "{r}");
    let quick = one_link(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
        l.needs_response = true;
        l.expected_duration_s = 3.0;
    });
    assert!(quick.links[0].pattern.reason.contains("well inside"));

    // Transports without OAuth are never told a token protects them.
    for (protocol, says) in [
        (model::Protocol::Sftp, "SSH"),
        (model::Protocol::Jdbc, "database"),
        (model::Protocol::Ftp, "no encryption"),
        (model::Protocol::Kafka, "broker"),
    ] {
        let a = one_link(SystemKind::Erp, SystemKind::Database, &|l| {
            l.protocol = protocol
        });
        let r = &a.links[0].mtls.reason;
        assert!(!r.contains("token"), "{protocol}: {r}");
        assert!(r.contains(says), "{protocol}: {r}");
    }

    // The ESB text never reads as if a bus saved connections it does not.
    let mut d = design(
        &[
            SystemKind::SalesforceOrg,
            SystemKind::Erp,
            SystemKind::WebApp,
            SystemKind::Database,
            SystemKind::PartnerApi,
            SystemKind::BackendService,
        ],
        &[
            (1, 2, &|l| l.protocol = model::Protocol::Soap),
            (2, 3, &|_| {}),
            (3, 4, &|l| l.protocol = model::Protocol::Sftp),
            (4, 5, &|l| l.protocol = model::Protocol::Jms),
            (5, 6, &|_| {}),
            (6, 1, &|_| {}),
        ],
    );
    d.central_governance = true;
    let a = analysis::analyze(&d);
    let esb = &a.esb;
    // Six systems in a ring: six connections, as many as through a bus, yet enough
    // signals for a bus; the text must not read as if the bus saved connections.
    assert_eq!((esb.systems, esb.point_to_point), (6, 6));
    assert_eq!(esb.verdict, Verdict::EsbRecommended);
    assert!(esb.reason.contains("would not reduce"), "{}", esb.reason);
    for s in &esb.signals {
        assert!(!s.evidence.contains("SOAP (SOAP)"), "{}", s.evidence);
        assert!(
            !s.kind.label().contains("at one system"),
            "{}",
            s.kind.label()
        );
    }
}

#[test]
fn every_decision_names_a_runner_up() {
    let designs = samples_and_generated(5);
    for d in &designs {
        for la in analysis::analyze(d).links.iter() {
            let id = la.link.0;
            assert!(
                la.pattern.runner_up.is_some(),
                "{} link {id}: pattern",
                d.name
            );
            assert!(
                la.events.runner_up.is_some(),
                "{} link {id}: events",
                d.name
            );
            assert!(
                la.auth_flow.runner_up.is_some(),
                "{} link {id}: auth",
                d.name
            );
            assert!(la.mtls.runner_up.is_some(), "{} link {id}: mtls", d.name);
        }
    }
}

#[test]
fn the_auth_reason_names_what_decided_and_the_flip_is_the_lever_that_matters() {
    // A web app calling Salesforce as an integration user: jwt-bearer, and the reason
    // does not claim nobody is there; acting for the signed-in user is the lever.
    let a = one_link(SystemKind::WebApp, SystemKind::SalesforceOrg, &|_| {});
    let d = &a.links[0].auth_flow;
    assert_eq!(d.choice, AuthFlow::JwtBearer);
    assert!(!d.reason.contains("No person"), "{}", d.reason);
    let keys: Vec<&str> = d.decided_by.iter().map(|x| x.id()).collect();
    assert!(keys.contains(&"on_behalf_of_user"), "{keys:?}");
    let flip = d.flip().expect("a flip");
    assert_eq!(flip.attr.id(), "on_behalf_of_user");
    assert_eq!(flip.result, AuthFlow::WebServer);
    // Acting for the user gives web-server.
    let a = one_link(SystemKind::WebApp, SystemKind::SalesforceOrg, &|l| {
        l.on_behalf_of_user = true
    });
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::WebServer);
    // A service with nobody at it: "No person is involved" is true there.
    let a = one_link(
        SystemKind::BackendService,
        SystemKind::SalesforceOrg,
        &|_| {},
    );
    assert!(a.links[0].auth_flow.reason.contains("No person"));
    // Public clients: PKCE, with web-server as runner-up, never jwt-bearer.
    for from in [
        SystemKind::Spa,
        SystemKind::MobileApp,
        SystemKind::DesktopApp,
    ] {
        let a = one_link(from, SystemKind::SalesforceOrg, &|_| {});
        let d = &a.links[0].auth_flow;
        assert_eq!(d.choice, AuthFlow::WebServerPkce, "{from}");
        assert_eq!(d.runner_up, Some(AuthFlow::WebServer), "{from}");
    }
}

#[test]
fn chains_are_assumed_only_along_one_kind_of_exchange_and_never_high() {
    use SystemKind::{BackendService, Erp, SalesforceOrg, WebApp};
    let chains = |d: &Design| {
        analysis::analyze(d)
            .findings
            .into_iter()
            .filter(|f| f.rule.id == "GRAPH-002" || f.rule.id == "GRAPH-001")
            .collect::<Vec<_>>()
    };
    // A nightly reporting script calling Salesforce, and an unrelated callout from
    // Salesforce to a pricing engine on a user's action: not one chain.
    let d = design(
        &[BackendService, SalesforceOrg, Erp],
        &[
            (1, 2, &|l| {
                l.needs_response = true;
                l.trigger = Trigger::Schedule;
                l.expected_duration_s = 300.0;
            }),
            (2, 3, &|l| {
                l.needs_response = true;
                l.expected_duration_s = 60.0;
            }),
        ],
    );
    assert!(chains(&d).is_empty(), "{:?}", chains(&d));
    // Different triggers, or a batch link, do not continue a chain either.
    let d = design(
        &[WebApp, BackendService, Erp],
        &[
            (1, 2, &|l| l.needs_response = true),
            (2, 3, &|l| {
                l.needs_response = true;
                l.trigger = Trigger::RecordChange;
            }),
        ],
    );
    assert!(chains(&d).is_empty());
    // The same user action all the way: an assumed chain, a warning that says so.
    let d = design(
        &[WebApp, BackendService, Erp],
        &[
            (1, 2, &|l| {
                l.needs_response = true;
                l.expected_duration_s = 100.0;
            }),
            (2, 3, &|l| {
                l.needs_response = true;
                l.expected_duration_s = 100.0;
            }),
        ],
    );
    let found = chains(&d);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].message.contains("assumed"), "{}", found[0].message);
}

#[test]
fn inputs_that_contradict_each_other_are_findings_and_the_reason_names_the_winner() {
    use SystemKind::{BackendService, Database, Erp, FileServer, SalesforceOrg};
    let fired = |a: &Analysis, id: &str| a.findings.iter().any(|f| f.rule.id == id);
    // A user action that waits with batch latency: batch, and the reason says why.
    let a = one_link(BackendService, Erp, &|l| {
        l.needs_response = true;
        l.latency = model::Latency::Batch;
    });
    assert_eq!(a.links[0].pattern.choice, Pattern::BatchDataSync);
    assert!(
        a.links[0]
            .pattern
            .reason
            .contains("wins over the caller waiting")
    );
    assert!(fired(&a, "INPUT-001"));
    let cases: [(SystemKind, SystemKind, Edit<'_>, &str); 5] = [
        (
            Database,
            Erp,
            &|l| {
                l.needs_response = true;
                l.trigger = Trigger::Schedule;
                l.volume = 10_000;
            },
            "INPUT-002",
        ),
        (
            Erp,
            SalesforceOrg,
            &|l| {
                l.is_virtual = true;
                l.needs_response = true;
            },
            "INPUT-003",
        ),
        (
            SalesforceOrg,
            Erp,
            &|l| l.external_publish = true,
            "INPUT-004",
        ),
        (
            BackendService,
            SalesforceOrg,
            &|l| l.on_behalf_of_user = true,
            "INPUT-005",
        ),
        (
            Erp,
            FileServer,
            &|l| {
                l.protocol = model::Protocol::Sftp;
                l.auth = Some(AuthFlow::JwtBearer);
            },
            "INPUT-006",
        ),
    ];
    for (from, to, edit, id) in cases {
        let a = one_link(from, to, edit);
        assert!(fired(&a, id), "{id} on {from} -> {to}");
        let f = a.findings.iter().find(|f| f.rule.id == id).expect("found");
        assert_eq!(f.severity, Severity::Warning);
        assert!(analysis::rules::find(id).is_some(), "{id} is explainable");
    }
    // Consistent inputs raise none of them, on every sample.
    for s in patchbay::samples::ALL {
        let d = model::parse(s.text).expect("valid");
        let a = analysis::analyze(&d);
        let inputs: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.rule.id.starts_with("INPUT"))
            .map(|f| (f.rule.id, f.message.to_string()))
            .collect();
        // The legacy sample's nightly export waits for a batch answer on purpose.
        if s.file_name != "legacy.patchbay.ron" {
            assert!(inputs.is_empty(), "{}: {inputs:?}", s.file_name);
        }
    }
}

#[test]
fn flips_list_every_lever_with_its_threshold_link_attributes_first() {
    // A scheduled run of 1,500 records: the 2,000-record threshold stays visible.
    let a = one_link(SystemKind::Erp, SystemKind::Database, &|l| {
        l.trigger = Trigger::Schedule;
        l.latency = model::Latency::NearRealTime;
        l.volume = 1_500;
    });
    let p = &a.links[0].pattern;
    let texts: Vec<String> = p.flips.iter().map(|f| f.condition()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "if volume were over 2,000 (now 1,500)"),
        "{texts:?}"
    );
    assert!(p.flips.len() > 1, "every lever, not only one: {texts:?}");
    // Levers in order: the link's own attributes, then its ends' capabilities, kinds last.
    let rank = patchbay::analysis::decision::lever;
    for s in patchbay::samples::ALL {
        let (_, a) = sample(s.file_name);
        for l in a.links.iter() {
            let ranks: Vec<u8> = l.auth_flow.flips.iter().map(|f| rank(f.attr)).collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
            // Calls into Salesforce are never told to change Salesforce into something else.
            if l.facts.to_kind == SystemKind::SalesforceOrg {
                for f in l.pattern.flips.iter() {
                    assert!(!f.condition().contains("to.kind were"), "{}", f.condition());
                }
            }
        }
    }
}

#[test]
fn esb_flips_never_propose_a_design_that_cannot_exist() {
    let small = |n: usize, links: &[(u32, u32, Edit<'_>)]| {
        let kinds = vec![SystemKind::Erp; n];
        analysis::analyze(&design(&kinds, links)).esb
    };
    let none: Edit<'_> = &|_| {};
    // Four systems, four connections: never more than the six a full mesh allows.
    let e = small(4, &[(1, 2, none), (2, 3, none), (3, 4, none), (4, 1, none)]);
    let f = e.flip.as_deref().expect("a flip");
    assert!(
        !f.contains("(7") && !f.contains("(8") && !f.contains("(10"),
        "{f}"
    );
    // Two systems, one link: no mediation signal for a single link.
    let e = small(2, &[(1, 2, none)]);
    assert_eq!(
        e.flip.as_deref(),
        Some("if central audit and monitoring were required: consider-hub")
    );
    for s in patchbay::samples::ALL {
        let (_, a) = sample(s.file_name);
        if let Some(f) = &a.esb.flip {
            if let Some(rest) = f.split_once('(').map(|x| x.1) {
                let nums: Vec<usize> = rest
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|t| t.parse().ok())
                    .collect();
                if nums.len() >= 2 {
                    assert!(nums[0] <= a.esb.full_mesh, "{}: {f}", s.file_name);
                }
            }
        }
    }
}

#[test]
fn people_read_words_where_the_json_keeps_the_file_keys() {
    use patchbay::analysis::facts::Attr;
    for s in patchbay::samples::ALL {
        let (d, a) = sample(s.file_name);
        let people = [
            patchbay::report::text::render(&d, &a),
            patchbay::report::markdown::render(&d, &a),
        ];
        for text in &people {
            // The glossary names each input's file key on purpose, for whoever edits
            // the file; the advice above it does not.
            let text = text.split("## Inputs named above").next().unwrap_or(text);
            for attr in Attr::ALL {
                let key = format!("if {} were", attr.id());
                assert!(!text.contains(&key), "{}: {key}", s.file_name);
            }
            assert!(!text.contains("from.user_present"), "{}", s.file_name);
        }
        let json = patchbay::report::json::render(&d, &a);
        assert!(json.contains("\"attribute\":\""), "the JSON keeps its keys");
    }
}

#[test]
fn one_table_gives_every_input_its_label_caption_and_help() {
    use patchbay::analysis::facts::Attr;
    let mut labels = std::collections::HashSet::new();
    for attr in Attr::ALL {
        let (label, field, help) = (attr.label(), attr.field(), attr.help());
        assert!(
            labels.insert(label),
            "{attr}: label {label:?} is not unique"
        );
        for words in [label, field] {
            assert!(
                !words.contains('_') && !words.contains('.'),
                "{attr}: {words:?} reads like a file key"
            );
        }
        assert!(help.len() > 30 && help.ends_with('.'), "{attr}: {help:?}");
    }
    // The reports explain every input their flips name, from the same table.
    for s in patchbay::samples::ALL {
        let (d, a) = sample(s.file_name);
        let named = patchbay::report::inputs_named(&a);
        assert!(!named.is_empty(), "{}", s.file_name);
        let md = patchbay::report::markdown::render(&d, &a);
        let html = patchbay::report::html::render(&d, &a);
        let glossary = md.split("## Inputs named above").nth(1).expect("glossary");
        for attr in &named {
            assert!(glossary.contains(&format!("(`{}`)", attr.id())), "{attr}");
            assert!(
                html.contains(&format!("<code>{}</code>", attr.id())),
                "{attr}"
            );
        }
        // And only those: an input no flip names is not in the glossary.
        for attr in Attr::ALL.iter().filter(|a| !named.contains(a)) {
            assert!(!glossary.contains(&format!("(`{}`)", attr.id())), "{attr}");
        }
    }
}

#[test]
fn mutual_authentication_is_told_in_the_transport_s_own_terms() {
    // Regulated data over SFTP: both sides must prove who they are, but SFTP has no
    // TLS handshake; the advice is SSH's own mutual authentication.
    let a = one_link(SystemKind::Erp, SystemKind::FileServer, &|l| {
        l.protocol = model::Protocol::Sftp;
        l.sensitivity = model::Sensitivity::Regulated;
    });
    let la = &a.links[0];
    assert!(la.mtls.choice);
    assert!(la.mtls.reason.contains("host key"), "{}", la.mtls.reason);
    let [.., how] = patchbay::report::options(la);
    assert!(how.iter().any(|o| o.contains("host key")), "{how:?}");
    assert!(
        !how.iter()
            .any(|o| o.contains("handshake") || o.contains("Named Credential")),
        "{how:?}"
    );
    // Over REST the same data gets a client certificate in the TLS handshake.
    let rest = one_link(SystemKind::Erp, SystemKind::SalesforceOrg, &|l| {
        l.sensitivity = model::Sensitivity::Regulated;
    });
    let la = &rest.links[0];
    assert!(
        la.mtls.reason.contains("TLS handshake"),
        "{}",
        la.mtls.reason
    );
    let [.., how] = patchbay::report::options(la);
    assert!(how.iter().any(|o| o.contains("port 8443")), "{how:?}");
    // FTP cannot: the advice is to move it.
    let ftp = one_link(SystemKind::Erp, SystemKind::FileServer, &|l| {
        l.protocol = model::Protocol::Ftp;
        l.sensitivity = model::Sensitivity::Regulated;
    });
    assert!(ftp.links[0].mtls.reason.contains("move it to SFTP"));
}

#[test]
fn a_salesforce_callout_s_runner_up_is_a_flow_not_a_protocol_change() {
    // The runner-up of a Named Credential is the flow the callout would otherwise run
    // itself, never "none" (which only a change of protocol would give).
    for (per_user, second) in [(false, AuthFlow::JwtBearer), (true, AuthFlow::WebServer)] {
        let a = one_link(SystemKind::SalesforceOrg, SystemKind::Erp, &|l| {
            l.on_behalf_of_user = per_user;
        });
        let auth = &a.links[0].auth_flow;
        assert_eq!(auth.choice, AuthFlow::NamedCredential);
        assert_eq!(auth.runner_up, Some(second), "per user: {per_user}");
        assert_eq!(
            auth.decided_by
                .contains(&patchbay::analysis::facts::Attr::OnBehalfOfUser),
            per_user
        );
    }
    // A registered device's runner-up is the JWT it would sign without an asset.
    let a = one_link(SystemKind::IotDevice, SystemKind::SalesforceOrg, &|_| {});
    assert_eq!(a.links[0].auth_flow.choice, AuthFlow::AssetToken);
    assert_eq!(a.links[0].auth_flow.runner_up, Some(AuthFlow::JwtBearer));
}

#[test]
fn the_decision_path_is_the_decision_itself_traced() {
    use patchbay::analysis::decision::path;
    fn check<D: Decide>(
        d: &Decision<D::Choice>,
        facts: &patchbay::analysis::facts::LinkFacts,
        what: &str,
    ) where
        D::Choice: std::fmt::Debug,
    {
        let p = path::<D>(facts);
        assert_eq!(
            p.choice, d.choice,
            "{what}: the path ends where the decision did"
        );
        assert!(!p.steps.is_empty(), "{what}: at least one question");
        // Every question reads only inputs the decision reads, so a student who changes
        // the answer's inputs sees the decision move.
        for (q, _) in &p.steps {
            for attr in q.reads {
                assert!(D::READS.contains(attr), "{what}: {:?} reads {attr}", q.text);
            }
            assert!(q.text.ends_with('?'), "{:?}", q.text);
        }
        // Only the last question can have stopped the decision with a yes; every earlier
        // yes led on to a narrower question (the auth flow's "is a person in it" and
        // "does the other side connect", mTLS's reasons for it before "is the caller a
        // person's device", and the auth flow's "no OAuth token" on a protocol Salesforce
        // cannot speak, decided as the HTTPS API that would carry it).
        let leads_on = [
            "Is it a protocol that carries no OAuth token",
            "Is that a protocol Salesforce cannot speak",
            "Is a person in the exchange",
            "Does the other side open the connection",
            "Is the data regulated",
            "Does the target accept only",
            "Does confidential data cross",
        ];
        for (q, answer) in &p.steps[..p.steps.len() - 1] {
            if *answer {
                assert!(
                    leads_on.iter().any(|l| q.text.starts_with(l)),
                    "{what}: {:?} answered yes but the decision went on",
                    q.text
                );
            }
        }
    }
    for d in samples_and_generated(3) {
        for la in analysis::analyze(&d).links.iter() {
            let what = format!("{} link {}", d.name, la.link.0);
            check::<pattern::PatternDecision>(&la.pattern, &la.facts, &what);
            check::<events::EventsDecision>(&la.events, &la.facts, &what);
            check::<auth::AuthDecision>(&la.auth_flow, &la.facts, &what);
            check::<mtls::MtlsDecision>(&la.mtls, &la.facts, &what);
        }
    }
    // One path read as a student would: a nightly bulk run stops at the batch question.
    let a = one_link(SystemKind::Erp, SystemKind::SalesforceOrg, &|l| {
        l.latency = model::Latency::Batch;
    });
    let p = path::<pattern::PatternDecision>(&a.links[0].facts);
    let asked: Vec<(&str, bool)> = p.steps.iter().map(|(q, a)| (q.text, *a)).collect();
    assert_eq!(
        asked,
        [
            (
                "Does Salesforce read the data live, waiting for it, and never copy it?",
                false
            ),
            ("Can the data arrive hours later?", true),
        ]
    );
    assert_eq!(p.choice, Pattern::BatchDataSync);
}

#[test]
fn the_what_if_table_is_the_decision_decided_again() {
    use patchbay::analysis::decision::what_if;
    fn check<D: Decide>(d: &Decision<D::Choice>, f: &patchbay::analysis::facts::LinkFacts)
    where
        D::Choice: std::fmt::Debug,
    {
        let table = what_if::<D>(f);
        assert_eq!(table.len(), D::READS.len(), "one row group per input read");
        for input in &table {
            let (now, choice, current) = input.rows[0];
            assert!(current);
            assert_eq!(now, f.get(input.attr));
            assert_eq!(choice, d.choice);
            for (value, choice, current) in &input.rows[1..] {
                assert!(!current);
                assert_eq!(*choice, D::decide(&f.with(input.attr, *value)).0);
            }
        }
        // Every listed flip is a row of the table.
        for flip in d.flips.iter().filter(|fl| fl.also.is_none()) {
            let input = table.iter().find(|t| t.attr == flip.attr).expect("input");
            assert!(
                input
                    .rows
                    .iter()
                    .any(|(v, c, _)| *v == flip.to && *c == flip.result),
                "{:?}",
                flip.attr
            );
        }
    }
    for d in samples_and_generated(4) {
        for la in analysis::analyze(&d).links.iter() {
            check::<pattern::PatternDecision>(&la.pattern, &la.facts);
            check::<events::EventsDecision>(&la.events, &la.facts);
            check::<auth::AuthDecision>(&la.auth_flow, &la.facts);
            check::<mtls::MtlsDecision>(&la.mtls, &la.facts);
        }
    }
    // The bulk threshold shows at its boundary: 1,500 records now, 2,001 tried.
    let a = one_link(SystemKind::Erp, SystemKind::Database, &|l| {
        l.trigger = Trigger::Schedule;
        l.volume = 1_500;
    });
    let table = what_if::<pattern::PatternDecision>(&a.links[0].facts);
    let volume = table
        .iter()
        .find(|t| t.attr == patchbay::analysis::facts::Attr::Volume)
        .expect("volume");
    assert_eq!(
        volume
            .rows
            .iter()
            .map(|(v, c, _)| (v.to_string(), *c))
            .collect::<Vec<_>>(),
        [
            ("1500".to_owned(), Pattern::FireAndForget),
            ("2001".to_owned(), Pattern::BatchDataSync)
        ]
    );
}

/// Every count of four digits or more in a reason, a flip or a finding is grouped by
/// thousands ("50,000", never "50000"), years apart, on every sample, every exercise and a
/// generated design.
#[test]
fn counts_in_advice_are_grouped_by_thousands() {
    let mut designs = samples_and_generated(3);
    designs.extend(patchbay::learn::exercises::ALL.iter().map(|e| e.start()));
    let ungrouped = |text: &str| {
        let mut run = 0;
        let mut prev = ' ';
        let mut start = 0;
        for (i, c) in text.char_indices() {
            // A run of digits not part of a decimal or an id like "RFC 7636".
            if c.is_ascii_digit() && run == 0 {
                start = i;
            }
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            // Or a year after its month ("20 February 2027").
            let id = ["RFC ", "port "].iter().any(|w| text[..start].ends_with(w))
                || patchbay::standards::MONTH_NAMES
                    .iter()
                    .any(|m| text[..start].ends_with(&format!("{m} ")));
            if run >= 4 && prev != '.' && !id {
                return true;
            }
            if !c.is_ascii_digit() {
                prev = c;
            }
        }
        false
    };
    for d in &designs {
        let a = analysis::analyze(d);
        for l in a.links.iter() {
            let mut texts = vec![
                l.pattern.reason.to_string(),
                l.events.reason.to_string(),
                l.auth_flow.reason.to_string(),
                l.mtls.reason.to_string(),
            ];
            texts.extend(l.pattern.flips.iter().map(|f| f.in_words()));
            for t in texts {
                assert!(!ungrouped(&t), "{}: {t}", d.name);
            }
        }
        for f in &a.findings {
            assert!(!ungrouped(&f.message), "{}: {}", d.name, f.message);
        }
    }
}

/// A hub passes each exchange on separately: routing links through a bus must not
/// make unrelated exchanges look like one chain (or circle) of waiting calls, while a
/// call that waits on the hub's onward call for the same purpose still chains.
#[test]
fn waits_chain_through_a_hub_only_within_one_exchange() {
    let e = patchbay::learn::exercises::get("introduce-bus").expect("exercise");
    let mut d = e.start();
    let sync_rules = |d: &Design| -> Vec<String> {
        analysis::analyze(d)
            .findings
            .iter()
            .filter(|f| f.rule.id == "GRAPH-001" || f.rule.id == "GRAPH-002")
            .map(|f| format!("{}: {}", f.rule.id, f.message))
            .collect()
    };
    // Before: Warehouse -> Web shop -> Payments is a guess of a chain. With the bus it
    // is the same guess with the hub in between, and no circle appears through the hub
    // (the shop's card payment and the stock levels it is asked for are two exchanges).
    let before = sync_rules(&d);
    assert_eq!(before.len(), 1, "{before:?}");
    patchbay::model::bus::introduce(&d)
        .expect("links")
        .apply(&mut d);
    let after = sync_rules(&d);
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(
        after[0].starts_with("GRAPH-002")
            && after[0]
                .contains("Warehouse → Integration bus → Web shop → Integration bus → Payments"),
        "{after:?}"
    );

    // Shop -> hub -> Payments for one purpose, and Payments -> Bank waiting too: that
    // is one exchange passed on, and it chains.
    let chained = design(
        &[
            SystemKind::WebApp,
            SystemKind::Middleware,
            SystemKind::PaymentService,
            SystemKind::PartnerApi,
        ],
        &[
            (1, 2, &|l: &mut Link| waits(l, "Card payment")),
            (2, 3, &|l: &mut Link| waits(l, "Card payment")),
            (3, 4, &|l: &mut Link| waits(l, "Card payment")),
        ],
    );
    let found = sync_rules(&chained);
    assert!(
        found.iter().any(|f| f.starts_with("GRAPH-002")),
        "{found:?}"
    );
    // The same links with the hub's onward call for another purpose: no chain through it.
    let unrelated = design(
        &[
            SystemKind::WebApp,
            SystemKind::Middleware,
            SystemKind::PaymentService,
            SystemKind::PartnerApi,
        ],
        &[
            (1, 2, &|l: &mut Link| waits(l, "Card payment")),
            (2, 3, &|l: &mut Link| waits(l, "Refund")),
            (3, 4, &|l: &mut Link| waits(l, "Refund")),
        ],
    );
    let found = sync_rules(&unrelated);
    assert!(
        !found.iter().any(|f| f.contains("Web app")),
        "a chain through the hub across two purposes: {found:?}"
    );
}

fn waits(l: &mut Link, purpose: &str) {
    l.needs_response = true;
    l.trigger = model::Trigger::UserAction;
    l.latency = model::Latency::RealTime;
    l.purpose = purpose.into();
}

#[test]
fn the_esb_reason_says_whether_the_links_use_the_bus_the_design_has() {
    let e = patchbay::learn::exercises::get("introduce-bus").expect("exercise");
    let mut d = e.start();
    assert!(!analysis::analyze(&d).esb.reason.contains("goes through"));
    // A middleware box beside the links: they all still go around it.
    let mut with_box = d.clone();
    let id = with_box.next_system_id();
    with_box
        .systems
        .push(System::new(id, "Mule", SystemKind::Middleware));
    with_box
        .links
        .push(Link::new(with_box.next_link_id(), SystemId(1), id));
    let reason = analysis::analyze(&with_box).esb.reason;
    assert!(
        reason.ends_with(" 11 links still go directly, not through Mule."),
        "{reason}"
    );
    patchbay::model::bus::introduce(&d)
        .expect("links")
        .apply(&mut d);
    // Now a bus is in place: the verdict says so, and what is left of the mesh.
    let esb = analysis::analyze(&d).esb;
    assert_eq!(esb.verdict, Verdict::BusInPlace);
    assert!(
        esb.reason.ends_with(": every exchange goes through it."),
        "{}",
        esb.reason
    );
}

/// A design of four systems A → B → C → D with a flow over its three links.
fn flow_design(links: [(bool, f64, model::Sensitivity, Option<model::AuthFlow>); 3]) -> Design {
    let mut d = design(
        &[
            SystemKind::WebApp,
            SystemKind::BackendService,
            SystemKind::Erp,
            SystemKind::Database,
        ],
        &[
            (1, 2, &|_: &mut Link| {}),
            (2, 3, &|_: &mut Link| {}),
            (3, 4, &|_: &mut Link| {}),
        ],
    );
    for (l, (waits, seconds, sensitivity, auth)) in d.links.iter_mut().zip(links) {
        l.needs_response = waits;
        l.latency = model::Latency::RealTime;
        l.trigger = model::Trigger::UserAction;
        l.expected_duration_s = seconds;
        l.sensitivity = sensitivity;
        l.auth = auth;
    }
    d.flows.push(model::Flow {
        id: 1,
        name: "Order".into(),
        steps: vec![LinkId(1), LinkId(2), LinkId(3)],
    });
    d
}

#[test]
fn a_flow_is_analysed_end_to_end() {
    use model::AuthFlow as A;
    use model::Sensitivity as S;
    // (the three links, sync steps, seconds, first async step, weakest auth, most sensitive)
    let cases = [
        (
            [
                (true, 2.0, S::Internal, None),
                (true, 3.0, S::Confidential, None),
                (false, 1.0, S::Internal, None),
            ],
            2,
            5.0,
            Some(2),
            // Every step calls as an integration user: the first of equals.
            (A::JwtBearer, 0),
            (S::Confidential, 1),
        ),
        (
            [
                (false, 2.0, S::Regulated, Some(A::UsernamePassword)),
                (true, 3.0, S::Public, None),
                (true, 4.0, S::Regulated, None),
            ],
            0,
            0.0,
            Some(0),
            (A::UsernamePassword, 0),
            (S::Regulated, 0),
        ),
        (
            [
                (true, 50.0, S::Internal, None),
                (true, 40.0, S::Internal, Some(A::UserAgent)),
                (true, 35.0, S::Internal, None),
            ],
            3,
            125.0,
            None,
            (A::UserAgent, 1),
            (S::Internal, 0),
        ),
    ];
    for (links, sync, seconds, turns, weakest, sensitive) in cases {
        let d = flow_design(links);
        let a = analysis::analyze(&d);
        let f = &a.flows[0];
        assert_eq!(f.sync_steps, sync, "{links:?}");
        assert!(
            (f.sync_seconds - seconds).abs() < 1e-9,
            "{links:?}: {}",
            f.sync_seconds
        );
        assert_eq!(f.turns_async_at, turns, "{links:?}");
        assert_eq!(f.weakest_auth, Some(weakest), "{links:?}");
        assert_eq!(f.most_sensitive, Some(sensitive), "{links:?}");
    }
}

#[test]
fn a_declared_flow_makes_its_chain_exact_and_the_guess_stays_off_its_links() {
    let chain = |flows: bool, seconds: f64| {
        let mut d = flow_design([
            (true, seconds, model::Sensitivity::Internal, None),
            (true, seconds, model::Sensitivity::Internal, None),
            (true, seconds, model::Sensitivity::Internal, None),
        ]);
        if !flows {
            d.flows.clear();
        }
        analysis::analyze(&d)
            .findings
            .into_iter()
            .filter(|f| f.rule.id == "GRAPH-002")
            .collect::<Vec<_>>()
    };
    let guessed = chain(false, 50.0);
    assert_eq!(guessed.len(), 1);
    assert!(
        guessed[0].message.contains("assumed"),
        "{}",
        guessed[0].message
    );
    assert_eq!(
        guessed[0].severity,
        Severity::Warning,
        "a guess is never high"
    );

    let exact = chain(true, 50.0);
    assert_eq!(exact.len(), 1, "{exact:#?}");
    assert!(!exact[0].message.contains("assumed"));
    assert!(
        exact[0]
            .message
            .starts_with("flow \"Order\" waits on 4 systems in turn"),
        "{}",
        exact[0].message
    );
    assert!(exact[0].message.contains("past the 120 s ceiling"));
    assert_eq!(
        exact[0].severity,
        Severity::High,
        "an exact chain takes the full severity"
    );
    assert_eq!(chain(true, 1.0)[0].severity, Severity::Warning);
}

#[test]
fn sensitive_data_passed_on_to_a_step_marked_lower_is_flagged() {
    use model::Sensitivity as S;
    let found = |second: S, third: S| {
        let d = flow_design([
            (false, 1.0, S::Regulated, None),
            (false, 1.0, second, None),
            (false, 1.0, third, None),
        ]);
        analysis::analyze(&d)
            .findings
            .into_iter()
            .filter(|f| f.rule.id == "FLOW-001")
            .map(|f| f.message.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found(S::Internal, S::Internal),
        vec!["is step 2 of flow \"Order\" and is marked internal, while step 1 brings regulated data to where it starts".to_owned()]
    );
    assert!(found(S::Regulated, S::Regulated).is_empty());
}

#[test]
fn a_flow_names_a_weakest_authentication_only_when_it_is_one_patchbay_warns_about() {
    let (d, a) = sample("retail.patchbay.ron");
    // The retail sample records no auth in use: the summary says so, and does not
    // call what nobody recorded "sound".
    for fa in &a.flows {
        let (_, lines) = patchbay::report::flow_lines(&d, fa);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Authentication: no step records")),
            "{lines:?}"
        );
    }
    let d = flow_design([
        (true, 1.0, model::Sensitivity::Internal, None),
        (
            true,
            1.0,
            model::Sensitivity::Internal,
            Some(model::AuthFlow::UsernamePassword),
        ),
        (true, 1.0, model::Sensitivity::Internal, None),
    ]);
    let a = analysis::analyze(&d);
    let (_, lines) = patchbay::report::flow_lines(&d, &a.flows[0]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Weakest authentication: username-password at step 2")),
        "{lines:?}"
    );
}

/// Links with the same inputs (numbers compared only by the side of their threshold)
/// share one decision, restated in each link's values: every link's decisions are
/// exactly what deciding it alone gives, reasons and each flip's current value
/// included, numbers on and beside both thresholds too.
#[test]
fn links_sharing_a_decision_key_are_decided_as_if_alone() {
    use patchbay::analysis::decision::explain;
    use patchbay::analysis::facts::{BULK_THRESHOLD, SYNC_CEILING_S};
    let volumes = [
        0,
        1,
        BULK_THRESHOLD - 1,
        BULK_THRESHOLD,
        BULK_THRESHOLD + 1,
        1 << 40,
    ];
    let seconds = [
        0.0,
        0.5,
        10.0,
        SYNC_CEILING_S,
        SYNC_CEILING_S + 0.1,
        3_600.0,
    ];
    let mut shared = 0;
    for seed in 1..=2 {
        let mut design = patchbay::generate::generate(patchbay::generate::Params {
            systems: 300,
            links_per_system: 5,
            seed,
        });
        for (i, l) in design.links.iter_mut().enumerate() {
            l.volume = volumes[i % volumes.len()];
            l.expected_duration_s = seconds[(i / volumes.len()) % seconds.len()];
        }
        let analysis = analysis::analyze(&design);
        let mut first = std::collections::HashMap::new();
        for l in analysis.links.iter() {
            let f = &l.facts;
            let numbers = (f.volume, f.expected_duration_s);
            if *first.entry(f.decision_key()).or_insert(numbers) != numbers {
                shared += 1;
            }
            assert_eq!(l.pattern, explain::<pattern::PatternDecision>(f), "{f:?}");
            assert_eq!(l.events, explain::<events::EventsDecision>(f), "{f:?}");
            assert_eq!(l.auth_flow, explain::<auth::AuthDecision>(f), "{f:?}");
            assert_eq!(l.mtls, explain::<mtls::MtlsDecision>(f), "{f:?}");
            // Each flip starts from this link's own value.
            for fl in l.pattern.flips.iter() {
                assert_eq!(fl.from, f.get(fl.attr));
            }
        }
    }
    // The check is worth something only if many links took the decision of a link
    // with other numbers.
    assert!(shared > 100, "{shared}");
}

/// A decision no input change reaches says what it would take for its runner-up to
/// apply, and only such a decision: platform events on a link with no Salesforce end
/// need a Salesforce org there; mutual TLS for a person's device needs a server-side
/// caller; an asset token's runner-up is a device not registered as an asset.
#[test]
fn a_runner_up_nothing_reaches_says_what_it_would_take() {
    use patchbay::analysis::decision::NOTHING_REACHES;
    fn check<T: Copy>(d: &Decision<T>) {
        assert_eq!(d.flips.is_empty(), d.out_of_reach.is_some());
    }
    for seed in 1..=3 {
        for design in samples_and_generated(seed) {
            for l in analysis::analyze(&design).links.iter() {
                check(&l.pattern);
                check(&l.events);
                check(&l.auth_flow);
                check(&l.mtls);
            }
        }
    }

    let between = |from, to, edit: Edit<'_>| one_link(from, to, edit).links[0].clone();
    let l = between(SystemKind::Erp, SystemKind::Middleware, &|l| {
        l.trigger = Trigger::Schedule;
        l.latency = model::Latency::Batch;
    });
    assert_eq!(l.events.runner_up, Some(Events::PlatformEvents));
    assert!(
        l.events
            .out_of_reach
            .expect("no flip reaches it")
            .contains("Salesforce org at one end")
    );

    let l = between(SystemKind::MobileApp, SystemKind::SalesforceOrg, &|l| {
        l.needs_response = true;
        l.on_behalf_of_user = true;
    });
    assert!(!l.mtls.choice);
    assert!(
        l.mtls
            .out_of_reach
            .expect("no flip reaches it")
            .contains("server-side caller")
    );

    let l = between(SystemKind::IotDevice, SystemKind::SalesforceOrg, &|_| {});
    assert_eq!(l.auth_flow.choice, AuthFlow::AssetToken);
    assert!(
        l.auth_flow
            .out_of_reach
            .expect("no flip reaches it")
            .contains("not registered as an asset")
    );

    // A server calling a server: mutual TLS is reached by a flip, so nothing is out of
    // reach; the event channel still needs a Salesforce end, which the sentence names
    // rather than the general one.
    let l = between(SystemKind::BackendService, SystemKind::Erp, &|_| {});
    assert_eq!(l.mtls.out_of_reach, None);
    assert!(!l.mtls.flips.is_empty());
    let events = l.events.out_of_reach.expect("no flip reaches it");
    assert_ne!(events, NOTHING_REACHES);
    assert!(events.contains("Salesforce org at one end"));
}
