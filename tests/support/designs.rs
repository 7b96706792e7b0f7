//! The designs the report tests run on: every sample, and designs with names no
//! output format should trip on.

use patchbay::model::{
    self, AuthFlow, Design, Environment, Flow, Link, LinkId, Pos, Protocol, System, SystemId,
    SystemKind, Waiver, Zone, ZoneId,
};
use std::path::Path;

/// Every sample in `samples/`, by name: the design and its file's text.
#[allow(dead_code)] // Each test binary takes what it needs from this module.
pub fn samples() -> Vec<(String, Design, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".patchbay.ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .trim_end_matches(".patchbay.ron")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("sample");
            (name, model::load(&path).expect("sample loads"), text)
        })
        .collect()
}

/// The one design with names no output format should trip on, which every export's
/// test runs beside the samples:
/// - names with quotes, angle brackets, `&`, `]]>`, a Markdown link, SQL, emoji,
///   Japanese, guillemets, a line break and a tab, and two systems with one name;
/// - findings of every severity (plain HTTP and SFTP into Salesforce, a password
///   grant) and accepted ones (waivers, one of them dated);
/// - a zone, every capability set, a flow over two links, `%PDF` in a purpose:
///   every attribute the file format has.
#[allow(dead_code)] // Each test binary takes what it needs from this module.
pub fn hostile() -> Design {
    let mut d = Design {
        name: "Hostile \"design\" </script> & co 東京".into(),
        description: "Line one\nline two «quoted»".into(),
        environment: Environment::Prototype,
        central_governance: true,
        ..Design::default()
    };
    let systems = [
        ("Salesforce \"prod\" ]]> <org>", SystemKind::SalesforceOrg),
        ("ERP & 'billing'; DROP TABLE\nline two", SystemKind::Erp),
        ("Kasse 💳\tPOS «neu» \\legacy Ä", SystemKind::BackendService),
        ("東京", SystemKind::MobileApp),
        ("東京", SystemKind::FileServer),
        ("](javascript:alert(1))", SystemKind::WebApp),
    ];
    for (i, (name, kind)) in systems.into_iter().enumerate() {
        d.systems
            .push(System::new(SystemId(i as u32 + 1), name, kind));
    }
    let links = [
        (2, 1, Protocol::Http),
        (3, 1, Protocol::Sftp),
        (4, 1, Protocol::Rest),
        (5, 1, Protocol::File),
        (1, 3, Protocol::Grpc),
        (6, 1, Protocol::Rest),
    ];
    for (i, (from, to, protocol)) in links.into_iter().enumerate() {
        let mut l = Link::new(LinkId(i as u32 + 1), SystemId(from), SystemId(to));
        l.protocol = protocol;
        l.purpose = format!("purpose {i} \"quoted\" & <tagged> %PDF-1.7");
        d.links.push(l);
    }
    d.zones.push(Zone {
        id: ZoneId(7),
        name: "Zone «A» & B".into(),
    });
    let s = &mut d.systems[1];
    s.zone = Some(ZoneId(7));
    s.position = Some(Pos { x: 12.5, y: -3.25 });
    s.keeps_secret = Some(false);
    s.user_present = Some(true);
    s.limited_input = Some(true);
    s.has_saml_sso = Some(true);
    s.requires_mtls = Some(true);
    s.notes = "Notes\twith a tab".into();
    let l = &mut d.links[2];
    l.needs_response = true;
    l.expected_duration_s = 1.5;
    l.volume = 123_456;
    l.guaranteed_delivery = true;
    l.on_behalf_of_user = true;
    l.external_publish = true;
    l.auth = Some(AuthFlow::JwtBearer);
    l.notes = "link notes".into();
    d.links[5].auth = Some(AuthFlow::UsernamePassword);
    d.flows.push(Flow {
        id: 4,
        name: "Flow \"one\" «two» & <three>".into(),
        steps: vec![LinkId(1), LinkId(5)],
    });
    d.waivers.push(Waiver {
        rule: "SEC-001".into(),
        system: None,
        link: Some(LinkId(1)),
        reason: "Accepted «for now»".into(),
        by: "Board".into(),
        until: Some("2027-01-31".into()),
        seen: "abc".into(),
    });
    d.waivers.push(Waiver {
        rule: "KIND-001".into(),
        system: Some(SystemId(3)),
        link: None,
        reason: "Known".into(),
        by: "Ana".into(),
        until: None,
        seen: String::new(),
    });
    let issues = model::validate::validate(&d);
    assert!(issues.is_empty(), "{issues:?}");
    d
}
