//! Who opens the connection, and what each end can speak (DOMAIN 1.1).
//!
//! A link's direction is the direction of the exchange; the connection is not always
//! opened by its source. Events out of Salesforce are fetched by the subscriber, a bulk
//! extract is pulled by the other side's job, and a target that cannot subscribe gets
//! the event relayed by a callout. The auth flow and mutual TLS are decided for the side
//! that opens the connection, so every decision that concerns the connection reads it
//! from here. The types are in `reach`, what each end speaks in `speaks`.

use super::facts::LinkFacts;
use super::pattern::{Pattern, PatternDecision};
pub use super::reach::{Connection, How, Opener, event_delivery, pushed_event};
pub use super::speaks::{can_subscribe, is_sign_in, salesforce_speaks};
use super::{Events, decision::Decide, events::EventsDecision};
use crate::model::SystemKind;

/// Who opens the connection of a link with these facts.
pub fn of(f: &LinkFacts) -> Connection {
    let from_sf = f.from_kind == SystemKind::SalesforceOrg;
    let to_sf = f.to_kind == SystemKind::SalesforceOrg;
    let source = |how| Connection {
        opener: Opener::Source,
        how,
    };
    if f.is_sign_in() {
        return source(How::SignIn);
    }
    // Only a Salesforce end subscribes, relays, pulls in bulk or reads on demand: every
    // other link is a call, decided without deciding its pattern (the flip search asks
    // this for every input change of every link).
    if !from_sf && !to_sf {
        return source(How::Call);
    }
    let (pattern, _) = PatternDecision::decide(f);
    match pattern {
        Pattern::DataVirtualization => return source(How::Virtual),
        Pattern::BatchDataSync if from_sf && !to_sf => {
            return Connection {
                opener: Opener::Target,
                how: How::BulkExtract,
            };
        }
        Pattern::BatchDataSync if to_sf && !from_sf => return source(How::BulkLoad),
        _ => {}
    }
    if from_sf && !to_sf {
        let (events, _) = EventsDecision::decide(f);
        if matches!(events, Events::ChangeDataCapture | Events::PlatformEvents) {
            return pushed_event(f.to_kind);
        }
    }
    source(How::Call)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Protocol;
    #[test]
    fn salesforce_speaks_https_and_email_only() {
        assert!(salesforce_speaks(Protocol::Grpc, true));
        assert!(!salesforce_speaks(Protocol::Grpc, false));
        for p in [
            Protocol::Sftp,
            Protocol::Jms,
            Protocol::Http,
            Protocol::Jdbc,
        ] {
            assert!(
                !salesforce_speaks(p, true) && !salesforce_speaks(p, false),
                "{p}"
            );
        }
    }
}
