//! Every rule, one per file. Each declares its id, title, severity, what it checks,
//! why it matters, what to do instead and its references; and, for the tests, a
//! design it fires on and one it stays quiet on.

mod auth_001_username_password;
mod auth_002_user_agent;
mod auth_003_flow_misfit;
mod esb_001_bypass;
mod esb_002_single_point;
mod evt_001_retention;
mod feas_001_salesforce_cannot_speak;
mod flow_001_sensitivity_drop;
mod graph_001_sync_cycle;
mod graph_002_sync_chain;
mod graph_003_articulation;
mod graph_004_isolated;
mod graph_005_duplicate;
mod graph_006_polling;
mod input_001_waits_for_batch;
mod input_002_waits_for_bulk;
mod input_003_virtual_misplaced;
mod input_004_publish_from_salesforce;
mod input_005_acts_for_nobody;
mod input_006_oauth_over_transport;
mod pat_001_sync_ceiling;
mod pat_002_sync_timeout;
mod pat_003_long_wait;
mod pat_004_long_running_request;
mod tls_001_plain;

mod prelude;

use super::findings::Rule;

/// Every rule, in id order.
pub static ALL: &[&Rule] = &[
    &auth_001_username_password::RULE,
    &auth_002_user_agent::RULE,
    &auth_003_flow_misfit::RULE,
    &esb_001_bypass::RULE,
    &esb_002_single_point::RULE,
    &evt_001_retention::RULE,
    &feas_001_salesforce_cannot_speak::RULE,
    &flow_001_sensitivity_drop::RULE,
    &graph_001_sync_cycle::RULE,
    &graph_002_sync_chain::RULE,
    &graph_003_articulation::RULE,
    &graph_004_isolated::RULE,
    &graph_005_duplicate::RULE,
    &graph_006_polling::RULE,
    &input_001_waits_for_batch::RULE,
    &input_002_waits_for_bulk::RULE,
    &input_003_virtual_misplaced::RULE,
    &input_004_publish_from_salesforce::RULE,
    &input_005_acts_for_nobody::RULE,
    &input_006_oauth_over_transport::RULE,
    &pat_001_sync_ceiling::RULE,
    &pat_002_sync_timeout::RULE,
    &pat_003_long_wait::RULE,
    &pat_004_long_running_request::RULE,
    &tls_001_plain::RULE,
];

/// The rule with this id, ignoring case.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_well_formed_and_in_order() {
        let mut seen = HashSet::new();
        for r in ALL {
            assert!(seen.insert(r.id), "{} twice", r.id);
            let (prefix, number) = r.id.split_once('-').expect("PREFIX-NNN");
            assert!(
                [
                    "AUTH", "PAT", "EVT", "TLS", "ESB", "GRAPH", "INPUT", "FLOW", "FEAS"
                ]
                .contains(&prefix),
                "{}",
                r.id
            );
            assert!(
                number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()),
                "{}",
                r.id
            );
        }
        let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn every_rule_is_documented() {
        for r in ALL {
            for (what, text) in [
                ("title", r.title),
                ("checks", r.checks),
                ("why", r.why),
                ("instead", r.instead),
            ] {
                assert!(text.trim().len() > 10, "{}: {what} is missing", r.id);
                assert!(!text.ends_with(' '), "{}: {what}", r.id);
            }
            assert!(!r.references.is_empty(), "{}: no references", r.id);
        }
    }

    #[test]
    fn every_rule_fires_on_its_fixture_and_stays_quiet_on_the_other() {
        for r in ALL {
            let fixture = (r.fixture)();
            for (design, should_fire) in [(&fixture.fires, true), (&fixture.quiet, false)] {
                assert!(
                    crate::model::validate::validate(design).is_empty(),
                    "{}: fixture invalid",
                    r.id
                );
                let fired: Vec<_> = analyze(design)
                    .findings
                    .into_iter()
                    .filter(|f| f.rule.id == r.id)
                    .collect();
                assert_eq!(!fired.is_empty(), should_fire, "{}: {fired:#?}", r.id);
            }
        }
    }

    #[test]
    fn find_ignores_case() {
        assert_eq!(find("auth-001").map(|r| r.id), Some("AUTH-001"));
        assert!(find("NOPE-001").is_none());
    }
}
