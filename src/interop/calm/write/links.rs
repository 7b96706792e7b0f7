//! Links as `connects` relationships (and zones' `deployed-in`), written one by one
//! straight into the document.

use super::super::ids::Ids;
use super::super::vocab::calm_protocol;
use super::advice::{Advice, Controls, advice, controls};
use super::fields::link_metadata;
use crate::analysis::Analysis;
use crate::model::Design;
use serde::Serialize;
use serde_json::{Value, json};

/// A `deployed-in` per zone with systems, then a `connects` per link with its
/// controls and advice, each written as it is made.
pub(super) struct Relationships<'a> {
    design: &'a Design,
    analysis: &'a Analysis,
    ids: Ids,
}

impl<'a> Relationships<'a> {
    pub(super) fn new(design: &'a Design, analysis: &'a Analysis, ids: Ids) -> Self {
        Self {
            design,
            analysis,
            ids,
        }
    }
}

impl Serialize for Relationships<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let (design, ids) = (self.design, &self.ids);
        let mut seq = s.serialize_seq(None)?;
        // Each zone's members, in one pass over the systems (not one per zone).
        let mut deployed: std::collections::HashMap<_, Vec<&String>> = Default::default();
        for s in &design.systems {
            if let Some(z) = s.zone {
                deployed.entry(z).or_default().push(&ids.systems[&s.id]);
            }
        }
        for z in &design.zones {
            let Some(members) = deployed.remove(&z.id) else {
                continue;
            };
            let zone = &ids.zones[&z.id];
            seq.serialize_element(&json!({
                "unique-id": format!("{zone}-deployment"),
                "description": format!("The systems deployed in trust boundary {}.", z.name),
                "relationship-type": { "deployed-in": { "container": zone, "nodes": members } },
            }))?;
        }
        for l in &design.links {
            let Some(unique_id) = ids.links.get(&l.id) else {
                continue;
            };
            let analysed = self.analysis.link(l.id);
            seq.serialize_element(&Connection {
                unique_id,
                relationship_type: ConnectsType {
                    connects: Ends {
                        source: End {
                            node: &ids.systems[&l.from],
                            interfaces: None,
                        },
                        destination: End {
                            node: &ids.systems[&l.to],
                            interfaces: Some([ids.interface(l.to, l.protocol)]),
                        },
                    },
                },
                description: (!l.purpose.is_empty()).then_some(l.purpose.as_str()),
                protocol: calm_protocol(l.protocol),
                controls: analysed.map(controls).filter(|c| !c.is_empty()),
                metadata: LinkMetadata {
                    patchbay: link_metadata(l),
                    advice: analysed.map(|a| advice(design, l, a, &ids.systems)),
                },
            })?;
        }
        seq.end()
    }
}

/// A link as a `connects` relationship.
#[derive(Serialize)]
struct Connection<'a> {
    #[serde(rename = "unique-id")]
    unique_id: &'a str,
    #[serde(rename = "relationship-type")]
    relationship_type: ConnectsType<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    controls: Option<Controls<'a>>,
    metadata: LinkMetadata<'a>,
}

#[derive(Serialize)]
struct ConnectsType<'a> {
    connects: Ends<'a>,
}

#[derive(Serialize)]
struct Ends<'a> {
    source: End<'a>,
    destination: End<'a>,
}

#[derive(Serialize)]
struct End<'a> {
    node: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    interfaces: Option<[String; 1]>,
}

#[derive(Serialize)]
struct LinkMetadata<'a> {
    patchbay: Value,
    #[serde(rename = "patchbay-advice", skip_serializing_if = "Option::is_none")]
    advice: Option<Advice<'a>>,
}
