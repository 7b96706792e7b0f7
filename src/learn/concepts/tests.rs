//! The concept cards' tests: every card complete, sourced and reachable.

use super::*;
use crate::analysis::rules;

#[test]
fn ids_are_unique_and_every_link_resolves() {
    for (i, c) in CONCEPTS.iter().enumerate() {
        assert!(CONCEPTS[..i].iter().all(|d| d.id != c.id), "{}", c.id);
        assert!(!c.references.is_empty(), "{} has no reference", c.id);
    }
    let linked = Pattern::ALL
        .iter()
        .flat_map(|&p| for_pattern(p))
        .chain(Events::ALL.iter().flat_map(|&e| for_events(e)))
        .chain(AuthFlow::ALL.iter().flat_map(|&f| for_auth(f)))
        .chain(for_mtls(true))
        .chain(rules::ALL.iter().flat_map(|r| for_rule(r.id)));
    for id in linked {
        assert!(get(id).is_some(), "no card {id}");
    }
}

#[test]
fn every_card_is_linked_from_somewhere() {
    let mut linked: Vec<&str> = Pattern::ALL
        .iter()
        .flat_map(|&p| for_pattern(p))
        .chain(Events::ALL.iter().flat_map(|&e| for_events(e)))
        .chain(AuthFlow::ALL.iter().flat_map(|&f| for_auth(f)))
        .chain(for_mtls(true))
        .chain(rules::ALL.iter().flat_map(|r| for_rule(r.id)))
        .copied()
        .collect();
    // Some cards are linked by a link's situation: the exercises' designs have
    // each situation.
    for e in crate::learn::exercises::ALL {
        for a in crate::analysis::analyze(&e.start()).links.iter() {
            linked.extend(for_link(a).iter().flatten());
        }
    }
    linked.sort_unstable();
    for c in CONCEPTS {
        assert!(
            linked.binary_search(&c.id).is_ok(),
            "{} is never linked",
            c.id
        );
    }
}

#[test]
fn every_card_on_what_changed_is_practised_by_an_exercise() {
    for id in [
        "rfc-9700",
        "oauth-2-1",
        "backend-for-frontend",
        "dpop",
        "par-fapi",
        "certificate-bound-tokens",
        "external-client-apps",
        "username-password-retirement",
        "pub-sub-api",
        "connecting-side",
        "salesforce-protocols",
        "federated-sign-in",
    ] {
        assert!(get(id).is_some(), "no card {id}");
        assert!(
            crate::learn::exercises::practising(id).next().is_some(),
            "no exercise practises {id}"
        );
    }
}

#[test]
fn every_auth_flow_card_names_its_rfc() {
    for id in [
        "pkce",
        "jwt-bearer",
        "device-flow",
        "saml-assertion",
        "mtls",
    ] {
        let card = get(id).expect("card");
        assert!(
            card.references.iter().any(|r| r.starts_with("RFC ")),
            "{id}"
        );
    }
}
