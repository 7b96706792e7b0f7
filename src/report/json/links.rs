//! Each link's part of the JSON report: its ends, who connects, and each decision
//! with its path and flips. Explanations are shared between links with the same
//! inputs, so a 10,000-system design writes each one once.

use super::super::options;
use super::schema::{
    Chosen, ChosenMtls, Connects, End, Explanation, FlipReport, Input, LinkReport, value,
};
use crate::analysis::LinkAnalysis;
use crate::analysis::decision::Decision;
use crate::analysis::facts::{LinkFacts, Value};
use crate::analysis::findings::link_name;
use crate::model::{Design, SystemId};

pub(super) fn inputs<T>(d: &Decision<T>, facts: &LinkFacts) -> Vec<Input> {
    d.inputs(facts)
        .map(|(a, v)| Input {
            attribute: a.id(),
            value: value(v),
        })
        .collect()
}

pub(super) fn flips<T: Copy>(
    d: &Decision<T>,
    show: impl Fn(T) -> serde_json::Value + Copy,
) -> Vec<FlipReport> {
    d.flips
        .iter()
        .map(|f| {
            let mut changes = vec![Input {
                attribute: f.attr.id(),
                value: value(f.to),
            }];
            if let Some((attr, _, to)) = f.also {
                changes.push(Input {
                    attribute: attr.id(),
                    value: value(to),
                });
            }
            FlipReport {
                changes,
                result: show(f.result),
                text: match show(f.result) {
                    serde_json::Value::String(s) => format!("{}: {s}", f.condition()),
                    other => format!("{}: {other}", f.condition()),
                },
            }
        })
        .collect()
}

/// A value as a key: its kind, its number (bits for seconds) and its id.
#[derive(Clone, Copy, Hash, PartialEq, Eq)]
pub(super) struct ValueKey(u8, u64, &'static str);

pub(super) fn value_key(v: Value) -> ValueKey {
    match v {
        Value::Bool(b) => ValueKey(0, u64::from(b), ""),
        Value::Trigger(t) => ValueKey(1, 0, t.id()),
        Value::Latency(l) => ValueKey(2, 0, l.id()),
        Value::Count(n) => ValueKey(3, n as u64, ""),
        Value::Seconds(x) => ValueKey(4, x.to_bits(), ""),
        Value::Sensitivity(x) => ValueKey(5, 0, x.id()),
        Value::Protocol(x) => ValueKey(6, 0, x.id()),
        Value::Kind(x) => ValueKey(7, 0, x.id()),
    }
}

/// A flip as a key: input, from, to, the second input if any, and the result.
pub(super) type FlipKey = (
    &'static str,
    ValueKey,
    ValueKey,
    Option<(&'static str, ValueKey, ValueKey)>,
    &'static str,
);

/// Everything an explanation is written from, borrowed: two decisions with equal keys
/// have the same explanation, so most links find theirs without building or writing
/// anything.
#[derive(Hash, PartialEq, Eq)]
pub(super) struct Key<'a> {
    pub(super) decision: &'static str,
    pub(super) choice: &'static str,
    pub(super) reason: Text<'a>,
    pub(super) inputs: Vec<(&'static str, ValueKey)>,
    pub(super) runner_up: Option<&'static str>,
    pub(super) flips: Vec<FlipKey>,
    /// Static, so its address tells it apart.
    pub(super) out_of_reach: Option<(usize, usize)>,
    /// Where each option's text is: the texts are static, and the same text is the same
    /// pointer. (Two equal texts elsewhere give two keys and one written line.)
    pub(super) options: Vec<(usize, usize)>,
}

/// A reason as a key: a static text by where it is, a made one by its words.
#[derive(Hash, PartialEq, Eq)]
pub(super) enum Text<'a> {
    Static(usize, usize),
    Made(&'a str),
}

#[expect(
    clippy::ptr_arg,
    reason = "whether the text is static or made is the point"
)]
pub(super) fn text_key<'a>(t: &'a std::borrow::Cow<'static, str>) -> Text<'a> {
    match t {
        std::borrow::Cow::Borrowed(s) => Text::Static(s.as_ptr() as usize, s.len()),
        std::borrow::Cow::Owned(s) => Text::Made(s),
    }
}

/// Explanations written so far, each once, in the order links first use them.
#[derive(Default)]
pub(super) struct Explanations<'a> {
    pub(super) keys: std::collections::HashMap<Key<'a>, usize>,
    pub(super) index: std::collections::HashMap<Vec<u8>, usize>,
    pub(super) lines: Vec<Vec<u8>>,
}

impl<'a> Explanations<'a> {
    /// The index of `d`'s explanation, written to `lines` the first time it is met.
    fn add<T: Copy>(
        &mut self,
        decision: &'static str,
        d: &'a Decision<T>,
        facts: &LinkFacts,
        id: fn(T) -> &'static str,
        show: impl Fn(T) -> serde_json::Value + Copy,
        options: &[&'static str],
    ) -> serde_json::Result<usize> {
        let key = Key {
            decision,
            choice: id(d.choice),
            reason: text_key(d.reason.text()),
            inputs: d
                .inputs(facts)
                .map(|(a, v)| (a.id(), value_key(v)))
                .collect(),
            runner_up: d.runner_up.map(id),
            flips: d
                .flips
                .iter()
                .map(|f| {
                    (
                        f.attr.id(),
                        value_key(f.from),
                        value_key(f.to),
                        f.also
                            .map(|(a, from, to)| (a.id(), value_key(from), value_key(to))),
                        id(f.result),
                    )
                })
                .collect(),
            out_of_reach: d.out_of_reach.map(|t| (t.as_ptr() as usize, t.len())),
            options: options
                .iter()
                .map(|o| (o.as_ptr() as usize, o.len()))
                .collect(),
        };
        if let Some(&i) = self.keys.get(&key) {
            return Ok(i);
        }
        let line = serde_json::to_vec(&explanation(decision, d, facts, show, options))?;
        let next = self.lines.len();
        let i = *self.index.entry(line).or_insert_with_key(|line| {
            self.lines.push(line.clone());
            next
        });
        self.keys.insert(key, i);
        Ok(i)
    }
}

pub(super) fn explanation<T: Copy>(
    decision: &'static str,
    d: &Decision<T>,
    facts: &LinkFacts,
    show: impl Fn(T) -> serde_json::Value + Copy,
    options: &[&'static str],
) -> Explanation {
    Explanation {
        decision,
        choice: show(d.choice),
        reason: d.reason.to_string(),
        decided_by: inputs(d, facts),
        runner_up: d.runner_up.map_or(serde_json::Value::Null, show),
        flips: flips(d, show),
        out_of_reach: d.out_of_reach,
        options: options.to_vec(),
    }
}

pub(super) fn chosen<'a, T: Copy>(
    explanations: &mut Explanations<'a>,
    decision: &'static str,
    d: &'a Decision<T>,
    facts: &LinkFacts,
    id: fn(T) -> &'static str,
    options: &[&'static str],
) -> serde_json::Result<Chosen> {
    let why = explanations.add(decision, d, facts, id, |t| id(t).into(), options)?;
    Ok(Chosen {
        id: id(d.choice),
        why,
    })
}

pub(super) fn end(design: &Design, id: SystemId) -> End<'_> {
    End {
        id: id.0,
        name: design.system(id).map_or("", |s| s.name.as_str()),
    }
}

pub(super) fn link<'a, 'b>(
    design: &'a Design,
    a: &'b LinkAnalysis,
    explanations: &mut Explanations<'b>,
) -> serde_json::Result<LinkReport<'a>> {
    let l = &design.links[a.index];
    let [pattern, events, auth, mtls] = options(a);
    let (pattern, events, auth, mtls) = (&pattern[..], &events[..], &auth[..], &mtls[..]);
    let pattern = chosen(
        explanations,
        "pattern",
        &a.pattern,
        &a.facts,
        |p| p.id(),
        pattern,
    )?;
    let events = chosen(
        explanations,
        "events",
        &a.events,
        &a.facts,
        |e| e.id(),
        events,
    )?;
    let auth_flow = chosen(
        explanations,
        "auth_flow",
        &a.auth_flow,
        &a.facts,
        |f| f.id(),
        auth,
    )?;
    let mtls = ChosenMtls {
        recommended: a.mtls.choice,
        why: explanations.add(
            "mtls",
            &a.mtls,
            &a.facts,
            |b| if b { "true" } else { "false" },
            serde_json::Value::Bool,
            mtls,
        )?,
    };
    let c = crate::analysis::connection::of(&a.facts);
    let opener = match c.opener {
        crate::analysis::connection::Opener::Source => l.from,
        crate::analysis::connection::Opener::Target => l.to,
    };
    Ok(LinkReport {
        id: l.id.0,
        name: link_name(design, l),
        from: end(design, l.from),
        to: end(design, l.to),
        purpose: &l.purpose,
        kind: if a.facts.is_sign_in() {
            "sign-in"
        } else {
            "data"
        },
        connects: Connects {
            side: c.opener.id(),
            system: opener.0,
            how: c.how.id(),
            text: super::super::connects(design, a),
        },
        pattern,
        events,
        auth_flow,
        mtls,
    })
}
