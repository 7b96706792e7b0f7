//! Applies the design's waivers: findings a reviewer accepted are set apart; a waiver
//! that expired, whose subject changed since it was accepted, or that accepts nothing
//! any more, lapses and says why.

use super::LinkAnalysis;
use super::facts::Attr;
use super::findings::{Finding, Subject};
use crate::model::{Date, Design, Waiver};

/// A finding a waiver accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct Waived {
    /// The finding, as the rule raised it.
    pub finding: Finding,
    /// The waiver, by index in `design.waivers`.
    pub waiver: usize,
}

/// A waiver that does not hold (any more), and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Lapsed {
    /// The waiver, by index in `design.waivers`.
    pub waiver: usize,
    /// Why it does not hold.
    pub why: String,
}

/// The subject a waiver is about.
pub fn subject(w: &Waiver) -> Subject {
    match (w.system, w.link) {
        (_, Some(id)) => Subject::Link(id),
        (Some(id), None) => Subject::System(id),
        (None, None) => Subject::Design,
    }
}

/// What a subject looks like to the analysis, as a short stable code: for a link,
/// every input its decisions and rules read (the link's own attributes and its two
/// ends' kinds and capabilities) and its auth in use; for a system, its kind, zone and
/// capabilities; nothing for the design. A waiver remembers it, and lapses when it
/// changes.
pub fn fingerprint(design: &Design, links: &[LinkAnalysis], s: Subject) -> String {
    let mut text = String::new();
    match s {
        Subject::Design => return String::new(),
        Subject::System(id) => {
            let Some(sys) = design.system(id) else {
                return String::new();
            };
            let c = sys.capabilities();
            text = format!("{} {:?} {:?}", sys.kind, sys.zone, c);
        }
        Subject::Link(id) => {
            let Some(l) = design.link(id) else {
                return String::new();
            };
            if let Some(a) = links.iter().find(|a| a.link == id) {
                for attr in Attr::ALL {
                    text.push_str(&format!("{}={} ", attr.id(), a.facts.get(*attr)));
                }
            }
            text.push_str(&format!("auth={:?}", l.auth));
        }
    }
    // FNV-1a, 64 bits: the same text gives the same code on every machine and run.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Splits `findings` into the open ones and those a waiver accepts on `today`, and
/// lists the waivers that do not hold.
pub fn apply(
    design: &Design,
    links: &[LinkAnalysis],
    findings: Vec<Finding>,
    today: Date,
) -> (Vec<Finding>, Vec<Waived>, Vec<Lapsed>) {
    let mut lapsed = Vec::new();
    // The waivers that hold today, by index.
    let mut holding: Vec<(usize, Subject, &str)> = Vec::new();
    for (i, w) in design.waivers.iter().enumerate() {
        let s = subject(w);
        let exists = match s {
            Subject::Design => true,
            Subject::System(id) => design.system(id).is_some(),
            Subject::Link(id) => design.link(id).is_some(),
        };
        let expired = w
            .until
            .as_deref()
            .and_then(Date::parse)
            .filter(|until| *until < today);
        let why = if !exists {
            Some("its subject is no longer in the design".to_owned())
        } else if let Some(until) = expired {
            Some(format!("it expired after {until}"))
        } else if !w.seen.is_empty() && w.seen != fingerprint(design, links, s) {
            Some(format!(
                "its {} changed since it was accepted",
                match s {
                    Subject::Link(_) => "link",
                    Subject::System(_) => "system",
                    Subject::Design => "design",
                }
            ))
        } else {
            None
        };
        match why {
            Some(why) => lapsed.push(Lapsed { waiver: i, why }),
            None => holding.push((i, s, w.rule.as_str())),
        }
    }
    let mut open = Vec::with_capacity(findings.len());
    let mut waived = Vec::new();
    let mut used = vec![false; design.waivers.len()];
    for f in findings {
        match holding
            .iter()
            .find(|(_, s, rule)| *s == f.subject && *rule == f.rule.id)
        {
            Some(&(i, ..)) => {
                used[i] = true;
                waived.push(Waived {
                    finding: f,
                    waiver: i,
                });
            }
            None => open.push(f),
        }
    }
    for (i, ..) in holding {
        if !used[i] {
            lapsed.push(Lapsed {
                waiver: i,
                why: "the finding it accepts is gone".into(),
            });
        }
    }
    lapsed.sort_by_key(|l| l.waiver);
    (open, waived, lapsed)
}
