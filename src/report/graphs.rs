//! Diagram-as-code: Mermaid flowcharts, Graphviz DOT and PlantUML component diagrams of
//! the design, with the recommendations on the links and zones as groups.

use super::escape;
use super::palette::pattern_hex as pattern_color;
use crate::analysis::Analysis;
use crate::model::{Design, ZoneId};
use std::fmt::Write;

/// "batch-data-sync · jwt-bearer": what every diagram-as-code format writes on a link.
fn link_label(a: &crate::analysis::LinkAnalysis) -> String {
    format!("{} · {}", a.pattern.choice.id(), a.auth_flow.choice.id())
}

/// Systems grouped by zone (zones in id order), then those in no zone.
fn by_zone(design: &Design) -> Vec<(Option<ZoneId>, Vec<usize>)> {
    let mut groups: Vec<(Option<ZoneId>, Vec<usize>)> = design
        .zones
        .iter()
        .map(|z| (Some(z.id), Vec::new()))
        .collect();
    groups.push((None, Vec::new()));
    for (i, s) in design.systems.iter().enumerate() {
        let slot = s
            .zone
            .and_then(|z| groups.iter().position(|(id, _)| *id == Some(z)))
            .unwrap_or(groups.len() - 1);
        groups[slot].1.push(i);
    }
    groups
}

fn zone_name(design: &Design, id: ZoneId) -> &str {
    design.zone(id).map_or("", |z| z.name.as_str())
}

/// Mermaid's default limits, as mermaid-cli, GitHub and GitLab apply them: a diagram
/// over this many characters is refused ("Maximum text size in diagram exceeded")...
pub const MERMAID_MAX_TEXT: usize = 50_000;
/// ...and one with more links than this.
pub const MERMAID_MAX_EDGES: usize = 500;

/// Up to this many links the DOT export asks Graphviz for its best drawing (curved
/// edges, full crossing reduction): `dot` 2.43 draws a 30-system design of 156 links in
/// half a second. Past it, straight edges and short passes: with curves, 100 systems
/// (477 links) took `dot` 94 to 104 s and 300 systems did not finish in five minutes;
/// without, 4 s and 16 s (2 cores, 2026-12-06).
pub const DOT_FULL_LINKS: usize = 250;

fn grouped(n: usize) -> String {
    crate::analysis::facts::grouped(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Why a Mermaid diagram would not render where people paste it, if it would not.
pub fn mermaid_too_big(text: &str, links: usize) -> Option<String> {
    if text.len() > MERMAID_MAX_TEXT {
        Some(format!(
            "the Mermaid diagram is {} characters, and Mermaid (mermaid-cli, GitHub, GitLab) \
             refuses diagrams over {}",
            grouped(text.len()),
            grouped(MERMAID_MAX_TEXT)
        ))
    } else if links > MERMAID_MAX_EDGES {
        Some(format!(
            "the design has {} links, and Mermaid (mermaid-cli, GitHub, GitLab) \
             refuses diagrams with more than {MERMAID_MAX_EDGES}",
            grouped(links)
        ))
    } else {
        None
    }
}

/// A Mermaid flowchart. Compact, so large designs stay within Mermaid's limits: one
/// `classDef` per kind used and one `class` line listing its systems, one `linkStyle`
/// line per pattern listing its links (no style line per item).
pub fn mermaid(design: &Design, analysis: &Analysis) -> String {
    let mut s = String::from("flowchart LR\n");
    for (zone, members) in by_zone(design) {
        let indent = if zone.is_some() { "    " } else { "  " };
        if let Some(z) = zone {
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "  subgraph z{}[\"{}\"]",
                z.0,
                escape::mermaid(zone_name(design, z))
            );
        }
        for i in members {
            let sys = &design.systems[i];
            let _ = writeln!(
                s,
                "{indent}s{}[\"{}\"]",
                sys.id.0,
                escape::mermaid(&sys.name)
            );
        }
        if zone.is_some() {
            s.push_str("  end\n");
        }
    }
    // Links in drawing order; Mermaid numbers them from 0 for linkStyle.
    let mut by_pattern: Vec<(crate::analysis::Pattern, Vec<usize>)> = Vec::new();
    for (n, a) in analysis.links.iter().enumerate() {
        let l = &design.links[a.index];
        // The edge shows the advice; its purpose rides along in a comment Mermaid
        // does not draw, for Patchbay's import to give back.
        if !l.purpose.is_empty() {
            let _ = writeln!(s, "  %% purpose: {}", escape::mermaid(&l.purpose));
        }
        let _ = writeln!(
            s,
            "  s{} -->|\"{}\"| s{}",
            l.from.0,
            escape::mermaid(&link_label(a)),
            l.to.0
        );
        match by_pattern.iter_mut().find(|(p, _)| *p == a.pattern.choice) {
            Some((_, list)) => list.push(n),
            None => by_pattern.push((a.pattern.choice, vec![n])),
        }
    }
    for (p, links) in &by_pattern {
        let list: Vec<String> = links.iter().map(usize::to_string).collect();
        let _ = writeln!(
            s,
            "  linkStyle {} stroke:{},stroke-width:2px",
            list.join(","),
            pattern_color(*p)
        );
    }
    for kind in crate::model::SystemKind::ALL {
        let ids: Vec<String> = design
            .systems
            .iter()
            .filter(|x| x.kind == *kind)
            .map(|x| format!("s{}", x.id.0))
            .collect();
        if ids.is_empty() {
            continue;
        }
        let (fill, _) = super::palette::kind(*kind);
        let class = kind.id().replace('-', "_");
        let _ = writeln!(
            s,
            "  classDef {class} fill:{},color:{},stroke:#1e1e1e",
            super::palette::hex(fill),
            super::palette::hex(super::palette::text_on(fill))
        );
        let _ = writeln!(s, "  class {} {class}", ids.join(","));
    }
    s
}

/// A Graphviz DOT digraph.
pub fn dot(design: &Design, analysis: &Analysis) -> String {
    let mut s = String::new();
    let large = design.links.len() > DOT_FULL_LINKS;
    if large {
        let _ = writeln!(
            s,
            "// {} links, over {DOT_FULL_LINKS}: straight edges and short ordering passes, so that\n// dot finishes in seconds (curved edges took it over a minute from about 100 systems,\n// and past five minutes at 300). Patchbay's own SVG export draws this design better.",
            design.links.len()
        );
    }
    let _ = writeln!(s, "digraph \"{}\" {{", escape::dot(&design.name));
    // newrank: clusters (zones) with labelled edges otherwise make Graphviz 2.43 fail
    // ("trouble in init_rank") and drop edges on most designs of 8 systems and more.
    s.push_str("  rankdir=LR;\n  newrank=true;\n");
    if large {
        s.push_str("  splines=line; mclimit=0.01; nslimit=0.1; nslimit1=0.1; searchsize=10;\n");
    }
    let _ = writeln!(
        s,
        "  graph [fontname=\"Helvetica\", fontsize=13, label=\"{}\", labelloc=t];",
        escape::dot(&design.name)
    );
    s.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (zone, members) in by_zone(design) {
        let indent = if zone.is_some() { "    " } else { "  " };
        if let Some(z) = zone {
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(s, "  subgraph cluster_z{} {{", z.0);
            let _ = writeln!(
                s,
                "    label=\"{}\"; style=\"rounded,filled\"; fillcolor=\"#eef2f7\"; color=\"#8aa0bc\";",
                escape::dot(zone_name(design, z))
            );
        }
        for i in members {
            let sys = &design.systems[i];
            let (fill, _) = super::palette::kind(sys.kind);
            let _ = writeln!(
                s,
                "{indent}s{} [label=\"{}\", fillcolor=\"{}\", fontcolor=\"{}\"];",
                sys.id.0,
                escape::dot(&sys.name),
                super::palette::hex(fill),
                super::palette::hex(super::palette::text_on(fill))
            );
        }
        if zone.is_some() {
            s.push_str("  }\n");
        }
    }
    for a in analysis.links.iter() {
        let l = &design.links[a.index];
        let line = super::palette::pattern(a.pattern.choice);
        let _ = writeln!(
            s,
            "  s{} -> s{} [label=\"{}\", color=\"{}\", fontcolor=\"{}\"];",
            l.from.0,
            l.to.0,
            escape::dot(&link_label(a)),
            super::palette::hex(line),
            // The label is text on the white page: the same hue, dark enough to read.
            super::palette::hex(super::palette::readable_on_white(line))
        );
    }
    s.push_str(&dot_legend());
    s.push_str("}\n");
    s
}

/// The key to the link colours, as one HTML-like table node beside the drawing (fixed
/// text: nothing of the user's goes into it).
fn dot_legend() -> String {
    let mut rows = String::new();
    for p in crate::analysis::Pattern::ALL {
        let _ = write!(
            rows,
            "<TR><TD BGCOLOR=\"{}\" WIDTH=\"18\"></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            pattern_color(*p),
            p.id()
        );
    }
    format!(
        "  legend [shape=plaintext, fontsize=9, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\"><TR><TD COLSPAN=\"2\"><B>Pattern</B></TD></TR>{rows}</TABLE>>];\n"
    )
}

/// A PlantUML component diagram. Systems are `sys_N` and zones `zone_N` (aliases no
/// name can take, since names are always quoted), so a zone called `s1` or two zones
/// with one name stay apart.
pub fn plantuml(design: &Design, analysis: &Analysis) -> String {
    let mut s = String::from("@startuml\n");
    let _ = writeln!(s, "title {}", escape::plantuml(&design.name));
    s.push_str("skinparam componentStyle rectangle\nleft to right direction\n");
    for (zone, members) in by_zone(design) {
        let indent = if zone.is_some() { "  " } else { "" };
        if let Some(z) = zone {
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "package \"{}\" as zone_{} {{",
                escape::plantuml(zone_name(design, z)),
                z.0
            );
        }
        for i in members {
            let sys = &design.systems[i];
            let (fill, _) = super::palette::kind(sys.kind);
            let _ = writeln!(
                s,
                "{indent}component \"{}\" as sys_{} {};text:{}",
                escape::plantuml(&sys.name),
                sys.id.0,
                super::palette::hex(fill),
                // PlantUML takes the text colour's hex digits without `#`.
                super::palette::hex(super::palette::text_on(fill)).trim_start_matches('#')
            );
        }
        if zone.is_some() {
            s.push_str("}\n");
        }
    }
    for a in analysis.links.iter() {
        let l = &design.links[a.index];
        let _ = writeln!(
            s,
            "sys_{} -[{}]-> sys_{} : {}",
            l.from.0,
            pattern_color(a.pattern.choice),
            l.to.0,
            escape::plantuml(&link_label(a))
        );
    }
    // The key to the link colours (fixed text).
    s.push_str("legend right\n  Links by pattern\n");
    for p in crate::analysis::Pattern::ALL {
        let _ = writeln!(s, "  <color:{}>━━</color> {}", pattern_color(*p), p.id());
    }
    s.push_str("endlegend\n@enduml\n");
    // Each declared flow as a sequence diagram of its own, after the landscape.
    for flow in &design.flows {
        s.push('\n');
        s.push_str(&super::sequence::plantuml(design, flow));
    }
    s
}
