//! FLOW-001: a flow that carries sensitive data into a step described as less sensitive.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "FLOW-001",
    title: "Flow carries data past a less sensitive step",
    severity: Severity::Warning,
    checks: "Declared flows in which a step is marked less sensitive than the data an earlier step of the same flow delivered to the system it starts from: the data of one exchange usually travels on.",
    why: "Protection follows the label: a step described as internal gets one-way TLS and no second look, while the exchange it belongs to carries confidential or regulated data; the weakest step decides what an attacker reads.",
    instead: "Mark the later step with the data it really carries (and let Patchbay recommend its protection), or record in its notes why the data is reduced before it (masked, tokenised, aggregated).",
    references: &[
        article!("What is TLS and mTLS?"),
        crate::cite!(crate::standards::RFC_8705),
    ],
    check,
    #[cfg(test)]
    fixture,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for fa in cx.flows {
        let flow = &cx.design.flows[fa.flow];
        let steps: Vec<&crate::model::Link> = cx.design.flow_links(flow).collect();
        // What each step may carry: the most sensitive data an earlier step of the
        // flow delivered to the system it starts from (a fan-out sibling delivers
        // nothing to it).
        for (k, l) in steps.iter().enumerate() {
            let incoming = steps[..k]
                .iter()
                .enumerate()
                .filter(|(_, p)| p.to == l.from)
                .max_by_key(|(j, p)| (p.sensitivity, std::cmp::Reverse(*j)));
            if let Some((at, p)) = incoming {
                if l.sensitivity < p.sensitivity {
                    out.push(RULE.finding(
                        Subject::Link(l.id),
                        format!(
                            "is step {} of flow \"{}\" and is marked {}, while step {} brings {} data to where it starts",
                            k + 1,
                            flow.name,
                            l.sensitivity.id(),
                            at + 1,
                            p.sensitivity.id()
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
fn fixture() -> Fixture {
    let design = |second| {
        let mut d = sketch(&[
            ("Portal", SystemKind::WebApp),
            ("Orders", SystemKind::BackendService),
            ("ERP", SystemKind::Erp),
        ])
        .link(1, 2, |l| {
            l.sensitivity = crate::model::Sensitivity::Confidential
        })
        .link(2, 3, |l| l.sensitivity = second)
        .build();
        d.flows.push(crate::model::Flow {
            id: 1,
            name: "Order".into(),
            steps: vec![d.links[0].id, d.links[1].id],
        });
        d
    };
    Fixture {
        fires: design(crate::model::Sensitivity::Internal),
        quiet: design(crate::model::Sensitivity::Confidential),
    }
}
