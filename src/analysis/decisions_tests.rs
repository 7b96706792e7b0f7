//! The decisions together: what holds for all four at once.

use super::decision::{Decide, explain_in};
use super::facts::{Attr, LinkFacts};
use super::{auth, events, mtls, pattern};
use crate::generate::{Params, generate};

/// The shortcut the flip search takes never changes what it finds: on generated
/// designs of every kind, protocol and zone, each decision explained with and
/// without it is the same.
#[test]
fn ignoring_inputs_that_cannot_matter_changes_no_explanation() {
    fn same<D: Decide>(f: &LinkFacts)
    where
        D::Choice: std::fmt::Debug,
    {
        assert_eq!(explain_in::<D>(f, true), explain_in::<D>(f, false), "{f:?}");
    }
    for seed in 1..=6 {
        let design = generate(Params {
            systems: 60,
            links_per_system: 4,
            seed,
        });
        for link in crate::analysis::analyze(&design).links.iter() {
            let f = &link.facts;
            same::<pattern::PatternDecision>(f);
            same::<events::EventsDecision>(f);
            same::<auth::AuthDecision>(f);
            same::<mtls::MtlsDecision>(f);
            // The same link with each input changed, so the rarer paths are
            // reached too.
            for &attr in Attr::ALL {
                f.alternatives(attr, |v| {
                    let g = f.with(attr, v);
                    same::<pattern::PatternDecision>(&g);
                    same::<events::EventsDecision>(&g);
                    same::<auth::AuthDecision>(&g);
                    same::<mtls::MtlsDecision>(&g);
                    false
                });
            }
        }
    }
}
