//! Each declared flow as a sequence diagram: Mermaid for Markdown pages (GitHub and
//! GitLab draw it), PlantUML beside the component diagram. A call that waits is drawn
//! with a solid arrow, one that does not with the asynchronous arrow; step numbers and
//! purposes label the messages.

use super::escape;
use crate::model::{Design, Flow, Link, SystemId};

fn steps<'a>(design: &'a Design, flow: &'a Flow) -> Vec<&'a Link> {
    design.flow_links(flow).collect()
}

/// The systems in the order the flow first meets them.
fn participants(steps: &[&Link]) -> Vec<SystemId> {
    let mut out = Vec::new();
    for l in steps {
        for id in [l.from, l.to] {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn message(k: usize, l: &Link) -> String {
    if l.purpose.is_empty() {
        format!("{}.", k + 1)
    } else {
        format!("{}. {}", k + 1, l.purpose)
    }
}

/// A Mermaid `sequenceDiagram` of the flow.
pub fn mermaid(design: &Design, flow: &Flow) -> String {
    let steps = steps(design, flow);
    let mut s = String::from("sequenceDiagram\n");
    s.push_str(&format!("    title {}\n", escape::mermaid(&flow.name)));
    for id in participants(&steps) {
        let name = design.system(id).map_or("?", |s| s.name.as_str());
        s.push_str(&format!(
            "    participant s{} as {}\n",
            id.0,
            escape::mermaid(name)
        ));
    }
    for (k, l) in steps.iter().enumerate() {
        let arrow = if l.needs_response { "->>" } else { "-)" };
        s.push_str(&format!(
            "    s{}{arrow}s{}: {}\n",
            l.from.0,
            l.to.0,
            escape::mermaid(&message(k, l))
        ));
    }
    s
}

/// A PlantUML sequence diagram of the flow, as its own `@startuml` block.
pub fn plantuml(design: &Design, flow: &Flow) -> String {
    let steps = steps(design, flow);
    let mut s = String::from("@startuml\n");
    s.push_str(&format!("title {}\n", escape::plantuml(&flow.name)));
    for id in participants(&steps) {
        let name = design.system(id).map_or("?", |s| s.name.as_str());
        s.push_str(&format!(
            "participant \"{}\" as s{}\n",
            escape::plantuml(name),
            id.0
        ));
    }
    for (k, l) in steps.iter().enumerate() {
        let arrow = if l.needs_response { "->" } else { "->>" };
        s.push_str(&format!(
            "s{} {arrow} s{} : {}\n",
            l.from.0,
            l.to.0,
            escape::plantuml(&message(k, l))
        ));
    }
    s.push_str("@enduml\n");
    s
}
