//! Learn mode without a window: concept cards, exercises with their checks, the
//! progress kept between runs, the bus comparison, and the edit that changes one input
//! of a decision (what clicking an answer of a decision's path does).

pub mod bus;
pub mod concepts;
pub mod exercises;
pub mod explain;
pub mod progress;

use crate::analysis::facts::{Attr, Value};
use crate::model::edit::Edit;
use crate::model::{Capabilities, Design, LinkId, System};

/// Why an input cannot be changed by editing one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    /// The link or one of its systems is gone.
    Missing,
    /// The input follows from the drawing, not from a field.
    Drawing(&'static str),
    /// The value does not fit the input.
    WrongValue,
}

impl std::fmt::Display for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Derived::Missing => f.write_str("the link is no longer in the design"),
            Derived::Drawing(how) => f.write_str(how),
            Derived::WrongValue => f.write_str("that value does not fit this input"),
        }
    }
}

/// A system's capability override that sets `attr`: at the link's source (`true`) or
/// target, the field, and the kind's default for it.
type Capability = (
    bool,
    fn(&mut System) -> &mut Option<bool>,
    fn(&Capabilities) -> bool,
);

fn capability(attr: Attr) -> Option<Capability> {
    use Attr as A;
    Some(match attr {
        A::FromKeepsSecret => (true, |s| &mut s.keeps_secret, |c| c.keeps_secret),
        A::FromUserPresent => (true, |s| &mut s.user_present, |c| c.user_present),
        A::FromLimitedInput => (true, |s| &mut s.limited_input, |c| c.limited_input),
        A::FromHasSamlSso => (true, |s| &mut s.has_saml_sso, |c| c.has_saml_sso),
        A::ToUserPresent => (false, |s| &mut s.user_present, |c| c.user_present),
        A::ToKeepsSecret => (false, |s| &mut s.keeps_secret, |c| c.keeps_secret),
        A::ToRequiresMtls => (false, |s| &mut s.requires_mtls, |c| c.requires_mtls),
        _ => return None,
    })
}

/// The edit that gives `attr` the value `value` for the link `link`: a field of the
/// link, or of one of its systems (a capability override, or its kind). One undo step,
/// named after the input.
pub fn set_input(design: &Design, link: LinkId, attr: Attr, value: Value) -> Result<Edit, Derived> {
    use Attr as A;
    use Value as V;
    let l = design.link(link).ok_or(Derived::Missing)?;
    let label = format!("Change {}", attr.in_sentence());
    let mut new = l.clone();
    let system = |id, change: &dyn Fn(&mut System)| -> Result<Edit, Derived> {
        let mut s = design.system(id).ok_or(Derived::Missing)?.clone();
        change(&mut s);
        Ok(Edit::set_system(&label, s))
    };
    if let (Some((at_source, field, default)), V::Bool(b)) = (capability(attr), value) {
        let id = if at_source { l.from } else { l.to };
        // A capability set to what the kind gives anyway is stored as no override.
        return system(id, &|s| {
            let kind_default = default(&s.kind.default_capabilities());
            *field(s) = (b != kind_default).then_some(b);
        });
    }
    match (attr, value) {
        (A::NeedsResponse, V::Bool(b)) => new.needs_response = b,
        (A::Trigger, V::Trigger(t)) => new.trigger = t,
        (A::Latency, V::Latency(x)) => new.latency = x,
        (A::Volume, V::Count(n)) => new.volume = n,
        (A::ExpectedDuration, V::Seconds(s)) => new.expected_duration_s = s,
        (A::GuaranteedDelivery, V::Bool(b)) => new.guaranteed_delivery = b,
        (A::OnBehalfOfUser, V::Bool(b)) => new.on_behalf_of_user = b,
        (A::Virtual, V::Bool(b)) => new.is_virtual = b,
        (A::ExternalPublish, V::Bool(b)) => new.external_publish = b,
        (A::Sensitivity, V::Sensitivity(s)) => new.sensitivity = s,
        (A::Protocol, V::Protocol(p)) => new.protocol = p,
        (A::FromKind, V::Kind(k)) => return system(l.from, &|s| s.kind = k),
        (A::ToKind, V::Kind(k)) => return system(l.to, &|s| s.kind = k),
        (A::FromLinkedToIdp, _) => {
            return Err(Derived::Drawing(
                "it follows from the drawing: link the caller with an identity provider, or remove that link",
            ));
        }
        (A::CrossesBoundary, _) => {
            return Err(Derived::Drawing(
                "it follows from the zones: put the two systems in the same zone or in different ones",
            ));
        }
        _ => return Err(Derived::WrongValue),
    }
    Ok(Edit::set_link(&label, new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::facts::LinkFacts;

    /// Every input a designer can set, set to each of its other values through
    /// `set_input`, gives the facts the decisions would see with that value.
    #[test]
    fn every_settable_input_lands_in_the_facts() {
        for sample in crate::samples::ALL {
            let design = crate::model::parse(sample.text).expect("sample parses");
            let analysis = analyze(&design);
            for a in analysis.links.iter() {
                for &attr in Attr::ALL {
                    a.facts.alternatives(attr, |value| {
                        match set_input(&design, a.link, attr, value) {
                            Ok(edit) => {
                                let mut changed = design.clone();
                                edit.apply(&mut changed);
                                let link = changed.link(a.link).expect("link");
                                let from = changed.system(link.from).expect("from");
                                let to = changed.system(link.to).expect("to");
                                let facts =
                                    LinkFacts::new(link, from, to, a.facts.from_linked_to_idp);
                                assert_eq!(facts.get(attr), value, "{attr} on {}", sample.title);
                            }
                            Err(Derived::Drawing(_)) => assert!(attr.is_drawn()),
                            Err(e) => panic!("{attr}: {e}"),
                        }
                        false
                    });
                }
            }
        }
    }
}
