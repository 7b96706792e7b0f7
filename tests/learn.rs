//! Learn mode, headless: every exercise starts unsolved, a known solution solves it,
//! a plausible wrong answer is named in the feedback; the bus comparison and the
//! input edits behind the clickable decision path.

use patchbay::analysis::facts::{Attr, Value};
use patchbay::analysis::{analyze, decision};
use patchbay::learn::exercises::{self, Goal};
use patchbay::learn::{concepts, set_input};
use patchbay::model::{AuthFlow, Design, LinkId, Protocol, edit::Edit};

/// The link between the systems named `from` and `to`.
fn link(design: &Design, from: &str, to: &str) -> LinkId {
    let named = |id, name: &str| design.system(id).is_some_and(|s| s.name == name);
    design
        .links
        .iter()
        .find(|l| named(l.from, from) && named(l.to, to))
        .unwrap_or_else(|| panic!("no link {from} -> {to}"))
        .id
}

fn system(design: &Design, name: &str) -> patchbay::model::System {
    design
        .systems
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no system {name}"))
        .clone()
}

fn set_auth(design: &Design, from: &str, to: &str, flow: AuthFlow) -> Edit {
    let mut l = design.link(link(design, from, to)).expect("link").clone();
    l.auth = Some(flow);
    Edit::set_link("Change auth", l)
}

fn input(design: &Design, from: &str, to: &str, attr: Attr, value: Value) -> Edit {
    set_input(design, link(design, from, to), attr, value).expect("settable")
}

/// A known solution of each design exercise, as the edits a student would make, and a
/// plausible wrong attempt with a word its feedback must contain.
type Attempt = fn(&Design) -> Vec<Edit>;
fn design_cases() -> Vec<(&'static str, Attempt, Attempt, &'static str)> {
    use patchbay::model::{Latency, Trigger};
    vec![
        (
            "spa-pkce",
            |d| {
                vec![set_auth(
                    d,
                    "Field sales app",
                    "Salesforce",
                    AuthFlow::WebServerPkce,
                )]
            },
            // Server-side flow on a browser app: the finding goes, the goal is missed.
            |d| {
                vec![set_auth(
                    d,
                    "Field sales app",
                    "Salesforce",
                    AuthFlow::WebServer,
                )]
            },
            "web-server-pkce",
        ),
        (
            "nightly-job",
            |d| {
                vec![set_auth(
                    d,
                    "Salesforce",
                    "Invoice export job",
                    AuthFlow::JwtBearer,
                )]
            },
            |d| {
                vec![set_auth(
                    d,
                    "Salesforce",
                    "Invoice export job",
                    AuthFlow::UserAgent,
                )]
            },
            "AUTH-002",
        ),
        (
            "sync-ceiling",
            |d| {
                let e = input(
                    d,
                    "Salesforce",
                    "Scoring ERP",
                    Attr::NeedsResponse,
                    Value::Bool(false),
                );
                vec![e, callback(d)]
            },
            // Only unticking "needs response": the decision then has no way back.
            |d| {
                vec![input(
                    d,
                    "Salesforce",
                    "Scoring ERP",
                    Attr::NeedsResponse,
                    Value::Bool(false),
                )]
            },
            "no link from Scoring ERP to Salesforce",
        ),
        (
            "bulk-threshold",
            |d| {
                let e = input(
                    d,
                    "ERP",
                    "Salesforce",
                    Attr::Trigger,
                    Value::Trigger(Trigger::Schedule),
                );
                let mut d2 = d.clone();
                e.clone().apply(&mut d2);
                vec![
                    e,
                    input(
                        &d2,
                        "ERP",
                        "Salesforce",
                        Attr::Latency,
                        Value::Latency(Latency::Batch),
                    ),
                ]
            },
            // Only the trigger: the bulk load follows from the volume, but the data is
            // still described as wanted within minutes.
            |d| {
                vec![input(
                    d,
                    "ERP",
                    "Salesforce",
                    Attr::Trigger,
                    Value::Trigger(Trigger::Schedule),
                )]
            },
            "latency is near-real-time; the goal is batch",
        ),
        (
            "publish-from-outside",
            |d| {
                vec![input(
                    d,
                    "Payment provider",
                    "Salesforce",
                    Attr::ExternalPublish,
                    Value::Bool(true),
                )]
            },
            |d| {
                vec![input(
                    d,
                    "Payment provider",
                    "Salesforce",
                    Attr::GuaranteedDelivery,
                    Value::Bool(true),
                )]
            },
            "platform-events",
        ),
        (
            "mtls-gateway",
            |d| {
                vec![input(
                    d,
                    "Salesforce",
                    "Bank gateway",
                    Attr::ToRequiresMtls,
                    Value::Bool(true),
                )]
            },
            // Marking the data more sensitive is not the fact the bank gave.
            |d| {
                let mut s = system(d, "Bank gateway");
                s.notes = "Requires a client certificate".into();
                vec![Edit::set_system("Change notes", s)]
            },
            "not needed",
        ),
        (
            "password-retirement",
            |d| {
                vec![set_auth(
                    d,
                    "Integration platform",
                    "Salesforce",
                    AuthFlow::ClientCredentials,
                )]
            },
            // A person's flow for a job nobody attends: AUTH-001 goes, the goal is missed.
            |d| {
                vec![set_auth(
                    d,
                    "Integration platform",
                    "Salesforce",
                    AuthFlow::WebServer,
                )]
            },
            "the goal is jwt-bearer or client-credentials",
        ),
        (
            "spa-bff",
            |d| backend_for_frontend(d, true),
            // The backend calls Salesforce, but as itself, not for the patient.
            |d| backend_for_frontend(d, false),
            "the auth flow is jwt-bearer, not web-server",
        ),
        (
            "file-drop",
            |d| {
                let direct = link(d, "Payroll", "Salesforce");
                let hub = system(d, "Integration hub").id;
                let salesforce = system(d, "Salesforce").id;
                let mut drop = d.link(direct).expect("link").clone();
                drop.id = d.next_link_id();
                drop.to = hub;
                let mut load = drop.clone();
                load.id = patchbay::model::LinkId(drop.id.0 + 1);
                load.from = hub;
                load.to = salesforce;
                load.protocol = Protocol::Rest;
                vec![
                    Edit::delete(d, &[], &[direct]),
                    Edit::set_link("Connect", drop),
                    Edit::set_link("Connect", load),
                ]
            },
            // The protocol changed on paper: payroll still only writes files.
            |d| {
                let mut l = d
                    .link(link(d, "Payroll", "Salesforce"))
                    .expect("link")
                    .clone();
                l.protocol = Protocol::Rest;
                vec![Edit::set_link("Change protocol", l)]
            },
            "still a direct link from Payroll to Salesforce",
        ),
        (
            "introduce-bus",
            |d| vec![patchbay::model::bus::introduce(d).expect("links to route")],
            // A middleware box beside the links routes nothing.
            |d| {
                let id = d.next_system_id();
                vec![Edit::add_system(patchbay::model::System::new(
                    id,
                    "Mule",
                    patchbay::model::SystemKind::Middleware,
                ))]
            },
            "directly",
        ),
    ]
}

/// The booking app's calls to Salesforce moved to its backend, acting for the patient
/// or not.
fn backend_for_frontend(d: &Design, for_the_patient: bool) -> Vec<Edit> {
    let direct = link(d, "Booking app", "Salesforce");
    let mut l = d.link(direct).expect("link").clone();
    l.id = d.next_link_id();
    l.from = system(d, "Booking backend").id;
    l.auth = None;
    l.on_behalf_of_user = for_the_patient;
    vec![
        Edit::delete(d, &[], &[direct]),
        Edit::set_link("Connect", l),
    ]
}

/// The scoring engine's answer drawn as a call back into Salesforce.
fn callback(d: &Design) -> Edit {
    let id = d.next_link_id();
    let mut l =
        patchbay::model::Link::new(id, system(d, "Scoring ERP").id, system(d, "Salesforce").id);
    l.purpose = "Credit decision back".into();
    Edit::set_link("Connect", l)
}

fn apply(design: &Design, edits: Vec<Edit>) -> Design {
    let mut d = design.clone();
    for e in edits {
        e.apply(&mut d);
    }
    d
}

#[test]
fn there_are_at_least_ten_exercises_each_with_a_task_hints_and_concepts() {
    assert!(exercises::ALL.len() >= 10, "{}", exercises::ALL.len());
    for (i, e) in exercises::ALL.iter().enumerate() {
        assert!(exercises::ALL[..i].iter().all(|o| o.id != e.id), "{}", e.id);
        assert!(!e.task.is_empty() && !e.hints.is_empty(), "{}", e.id);
        assert!(!e.concepts.is_empty(), "{}", e.id);
        for c in e.concepts {
            assert!(concepts::get(c).is_some(), "{}: no card {c}", e.id);
        }
        // Parses, and checks without an answer or a change as not solved.
        let start = e.start();
        let fb = e.check(&start, None);
        assert!(
            !fb.solved,
            "{} is solved at its start: {:?}",
            e.id, fb.lines
        );
        assert!(!fb.lines.is_empty());
    }
}

#[test]
fn every_design_exercise_is_solved_by_its_solution_and_not_by_a_wrong_attempt() {
    let cases = design_cases();
    for e in exercises::ALL.iter().filter(|e| !e.is_choice()) {
        let (_, solve, wrong, named) = cases
            .iter()
            .find(|c| c.0 == e.id)
            .unwrap_or_else(|| panic!("no solution for {}", e.id));
        let start = e.start();
        let solved = e.check(&apply(&start, solve(&start)), None);
        assert!(solved.solved, "{}: {:?}", e.id, solved.lines);
        let attempt = e.check(&apply(&start, wrong(&start)), None);
        assert!(!attempt.solved, "{} solved by the wrong attempt", e.id);
        let unmet: Vec<&String> = attempt
            .lines
            .iter()
            .filter(|(ok, _)| !ok)
            .map(|(_, t)| t)
            .collect();
        assert!(
            unmet.iter().any(|t| t.contains(named)),
            "{}: feedback does not name {named}: {unmet:?}",
            e.id
        );
    }
}

#[test]
fn a_choice_is_right_only_when_it_is_what_the_analyzer_recommends() {
    // The answer a student would give, and a plausible wrong one.
    let answers = [
        ("web-app-flow", "web-server", "user-agent"),
        ("smart-tv", "device", "web-server-pkce"),
        ("connected-devices", "asset-token", "jwt-bearer"),
        ("mobile-pkce", "web-server-pkce", "user-agent"),
        ("cdc-or-events", "change-data-capture", "platform-events"),
        ("mesh-count", "10", "6"),
        ("replay-window", "72", "24"),
        ("phone-bound-tokens", "bound-tokens", "mutual-tls"),
        ("who-signs-in", "named-credential", "jwt-bearer"),
        ("bus-in-place", "bus-in-place", "esb-recommended"),
        ("sso-to-api", "saml-assertion", "web-server"),
    ];
    for e in exercises::ALL.iter().filter(|e| e.is_choice()) {
        let (_, right, wrong) = answers
            .iter()
            .find(|a| a.0 == e.id)
            .unwrap_or_else(|| panic!("no answer for {}", e.id));
        let Goal::Choose { options, .. } = e.goal else {
            unreachable!()
        };
        assert!(
            options.contains(right) && options.contains(wrong),
            "{}",
            e.id
        );
        let start = e.start();
        let fb = e.check(&start, Some(right));
        assert!(fb.solved, "{}: {:?}", e.id, fb.lines);
        assert!(fb.lines[0].1.starts_with("Right"), "{:?}", fb.lines);
        let fb = e.check(&start, Some(wrong));
        assert!(!fb.solved);
        let text = &fb.lines[0].1;
        assert!(text.starts_with(&format!("Not {wrong}")), "{text}");
        assert!(
            text.contains(right),
            "{}: the feedback hides the answer: {text}",
            e.id
        );
    }
    // The wrong choice says what would make it right.
    let tv = exercises::get("smart-tv").expect("exercise");
    let fb = tv.check(&tv.start(), Some("web-server-pkce"));
    assert!(
        fb.lines[0]
            .1
            .contains("It would be web-server-pkce if the caller has a browser and keyboard"),
        "{:?}",
        fb.lines
    );
}

#[test]
fn making_the_slow_work_look_fast_does_not_solve_the_ceiling() {
    let e = exercises::get("sync-ceiling").expect("exercise");
    let start = e.start();
    let faster = input(
        &start,
        "Salesforce",
        "Scoring ERP",
        Attr::ExpectedDuration,
        Value::Seconds(100.0),
    );
    let d = apply(&start, vec![faster, callback(&start)]);
    let fb = e.check(&d, None);
    assert!(!fb.solved);
    assert!(
        fb.lines
            .iter()
            .any(|(ok, t)| !ok && t.contains("really takes longer")),
        "{:?}",
        fb.lines
    );
}

#[test]
fn a_wrong_answer_gets_the_next_hint_and_why_not_the_right_answer() {
    let tv = exercises::get("smart-tv").expect("exercise");
    let start = tv.start();
    let fb = tv.check_with_hints(&start, Some("web-server-pkce"), 0);
    assert!(!fb.solved);
    assert_eq!(fb.next_hint, Some(0));
    let text = &fb.lines[0].1;
    assert!(
        text.contains("it would be web-server-pkce if the caller has a browser and keyboard"),
        "{text}"
    );
    assert!(!text.contains("device"), "the answer is kept back: {text}");
    // With every hint shown, the right answer is given.
    let fb = tv.check_with_hints(&start, Some("web-server-pkce"), tv.hints.len());
    assert_eq!(fb.next_hint, None);
    assert!(fb.lines[0].1.contains("Patchbay recommends device"));
    // A flow Patchbay never recommends says so.
    let fb = tv.check_with_hints(&start, Some("user-agent"), 0);
    assert!(
        fb.lines[0].1.contains("never recommends it"),
        "{:?}",
        fb.lines
    );
    // The mesh count names the likely mistake.
    let mesh = exercises::get("mesh-count").expect("exercise");
    let fb = mesh.check_with_hints(&mesh.start(), Some("6"), 0);
    assert!(fb.lines[0].1.contains("has today"), "{:?}", fb.lines);
    let fb = mesh.check_with_hints(&mesh.start(), Some("20"), 0);
    assert!(fb.lines[0].1.contains("twice"), "{:?}", fb.lines);
}

#[test]
fn the_answer_follows_the_design_not_a_stored_key() {
    // Give the TV a keyboard: the same question now has another right answer.
    let tv = exercises::get("smart-tv").expect("exercise");
    let start = tv.start();
    let with_keyboard = apply(
        &start,
        vec![input(
            &start,
            "Showroom TV",
            "Salesforce",
            Attr::FromLimitedInput,
            Value::Bool(false),
        )],
    );
    assert!(!tv.check(&with_keyboard, Some("device")).solved);
    assert!(tv.check(&with_keyboard, Some("web-server-pkce")).solved);
}

#[test]
fn a_renamed_system_is_reported_not_guessed() {
    let e = exercises::get("sync-ceiling").expect("exercise");
    let mut d = e.start();
    d.systems[1].name = "Scoring".into();
    let fb = e.check(&d, None);
    assert!(!fb.solved);
    assert!(
        fb.lines[0]
            .1
            .contains("no link from Salesforce to Scoring ERP"),
        "{:?}",
        fb.lines
    );
}

/// Clicking each answer of a decision's path: the edit it makes sets the input, and the
/// path run again on the changed design answers that question the other way or stops
/// before it.
fn click_every_answer<D: decision::Decide>(name: &str, design: &Design) -> usize {
    let mut clicked = 0;
    for a in analyze(design).links.iter() {
        let path = decision::path::<D>(&a.facts);
        for (step, &(question, answer)) in path.steps.iter().enumerate() {
            let Some((attr, value)) = decision::answer_flip::<D>(&a.facts, step) else {
                continue;
            };
            let Ok(edit) = set_input(design, a.link, attr, value) else {
                assert!(attr.is_drawn(), "{name}: {attr} cannot be set");
                continue;
            };
            let changed = apply(design, vec![edit]);
            let facts = analyze(&changed).link(a.link).expect("link").facts;
            assert_eq!(facts.get(attr), value, "{name}: {attr}");
            let after = decision::path::<D>(&facts);
            let same = after
                .steps
                .get(step)
                .is_some_and(|&(q, ans)| std::ptr::eq(q, question) && ans == answer);
            assert!(
                !same,
                "{name}: clicking \"{}\" changed nothing",
                question.text
            );
            clicked += 1;
        }
    }
    clicked
}

#[test]
fn clicking_an_answer_of_the_path_changes_that_input_and_the_path_follows() {
    use patchbay::analysis::{auth, events, mtls, pattern};
    let mut designs: Vec<(String, Design)> = patchbay::samples::ALL
        .iter()
        .map(|s| {
            (
                s.title.to_owned(),
                patchbay::model::parse(s.text).expect("sample"),
            )
        })
        .collect();
    designs.extend(exercises::ALL.iter().map(|e| (e.id.to_owned(), e.start())));
    designs.push((
        "generated".into(),
        patchbay::generate::generate(patchbay::generate::Params {
            systems: 40,
            links_per_system: 3,
            seed: 7,
        }),
    ));
    let mut clicked = 0;
    for (name, d) in &designs {
        clicked += click_every_answer::<pattern::PatternDecision>(name, d);
        clicked += click_every_answer::<events::EventsDecision>(name, d);
        clicked += click_every_answer::<auth::AuthDecision>(name, d);
        clicked += click_every_answer::<mtls::MtlsDecision>(name, d);
    }
    assert!(clicked > 500, "only {clicked} answers could be clicked");
}

#[test]
fn a_goal_reached_by_another_lever_is_not_solved() {
    // mTLS because the data is called regulated is not the fact the bank gave.
    let e = exercises::get("mtls-gateway").expect("exercise");
    let start = e.start();
    let d = apply(
        &start,
        vec![input(
            &start,
            "Salesforce",
            "Bank gateway",
            Attr::Sensitivity,
            Value::Sensitivity(patchbay::model::Sensitivity::Regulated),
        )],
    );
    let fb = e.check(&d, None);
    assert!(!fb.solved, "{:?}", fb.lines);
    assert!(
        fb.lines
            .iter()
            .any(|(ok, t)| !ok && t.contains("requires mTLS")),
        "{:?}",
        fb.lines
    );
}
