//! The design's declared flows, analysed end to end: how long the caller waits
//! through the synchronous stretch at its start, where it turns asynchronous, the
//! weakest authentication and the most sensitive data along it.

use super::LinkAnalysis;
use crate::model::{AuthFlow, Design, Sensitivity};

/// One flow, end to end.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowAnalysis {
    /// The flow, by index in `design.flows`.
    pub flow: usize,
    /// How many steps from the start wait for their answer: the synchronous stretch.
    pub sync_steps: usize,
    /// The expected durations of the synchronous stretch, added up.
    pub sync_seconds: f64,
    /// The first step that does not wait (0-based), if any.
    pub turns_async_at: Option<usize>,
    /// The weakest authentication along it (the auth in use where the design records
    /// it, the recommended one otherwise) and its step (0-based).
    pub weakest_auth: Option<(AuthFlow, usize)>,
    /// Whether any step records the auth it uses today.
    pub auth_recorded: bool,
    /// The most sensitive data along it and its step (0-based).
    pub most_sensitive: Option<(Sensitivity, usize)>,
}

/// How much an authentication flow can be trusted, weakest first: stored passwords,
/// a token in the browser, no OAuth, shared secrets, then the code and assertion flows,
/// then the certificate-based ones (a Named Credential with a JWT behind it among them).
pub const fn strength(flow: AuthFlow) -> u8 {
    match flow {
        AuthFlow::UsernamePassword => 0,
        AuthFlow::UserAgent => 1,
        AuthFlow::None => 2,
        AuthFlow::ClientCredentials => 3,
        AuthFlow::WebServer | AuthFlow::Device | AuthFlow::SamlAssertion | AuthFlow::Federation => {
            5
        }
        AuthFlow::WebServerPkce | AuthFlow::AssetToken => 6,
        // A Named Credential is as strong as what stands behind it: the external
        // credential Patchbay recommends for it is a signed JWT.
        AuthFlow::JwtBearer | AuthFlow::NamedCredential => 7,
    }
}

/// Every flow of the design, in order. Steps whose link is gone are skipped (a design
/// with such flows does not load; this keeps an unvalidated one from panicking).
pub fn analyze(design: &Design, links: &[LinkAnalysis]) -> Vec<FlowAnalysis> {
    design
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let steps: Vec<(&crate::model::Link, Option<&LinkAnalysis>)> = f
                .steps
                .iter()
                .filter_map(|id| {
                    let l = design.link(*id)?;
                    let a = match links.binary_search_by_key(id, |a| a.link) {
                        Ok(k) => Some(&links[k]),
                        Err(_) => links.iter().find(|a| a.link == *id),
                    };
                    Some((l, a))
                })
                .collect();
            let sync_steps = steps.iter().take_while(|(l, _)| l.needs_response).count();
            // Folded from +0.0: an empty sum of floats is -0.0, which reports print.
            let sync_seconds = steps[..sync_steps]
                .iter()
                .fold(0.0, |total, (l, _)| total + l.expected_duration_s);
            let turns_async_at = (sync_steps < steps.len()).then_some(sync_steps);
            let weakest_auth = steps
                .iter()
                .enumerate()
                .filter_map(|(k, (l, a))| Some((l.auth.or(a.map(|a| a.auth_flow.choice))?, k)))
                .min_by_key(|(flow, k)| (strength(*flow), *k));
            let auth_recorded = steps.iter().any(|(l, _)| l.auth.is_some());
            let most_sensitive = steps
                .iter()
                .enumerate()
                .map(|(k, (l, _))| (l.sensitivity, k))
                .max_by_key(|(s, k)| (*s, std::cmp::Reverse(*k)));
            FlowAnalysis {
                flow: i,
                sync_steps,
                sync_seconds,
                turns_async_at,
                weakest_auth,
                auth_recorded,
                most_sensitive,
            }
        })
        .collect()
}
