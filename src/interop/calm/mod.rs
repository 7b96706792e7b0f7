//! Designs as FINOS CALM 1.2 architectures (Common Architecture Language Model), both
//! ways, with Patchbay as the recommender: CALM can record an authentication control on
//! a relationship, and Patchbay says which one and why.
//!
//! How a design maps:
//! - a system is a node (its kind mapped to the nearest CALM node type, the kind itself
//!   kept in the node's metadata);
//! - a zone is a `network` node, and its systems are in it by one `deployed-in`
//!   relationship. A zone is a trust boundary: where systems run and whom they trust,
//!   not what they are part of, so `composed-of` (a system made of these nodes) would
//!   say something the design does not;
//! - a link is a `connects` relationship from the system that starts the exchange to
//!   the other, with the CALM protocol nearest to the link's and an interface on the
//!   destination per protocol it is reached by; the recommended OAuth flow and, where
//!   warranted, mutual TLS are its controls, and all four decisions (with reason,
//!   runner-up and what would change each) and who opens the connection are in its
//!   metadata;
//! - a flow is a CALM flow whose transitions are its steps;
//! - waivers, the environment and what CALM has no field for are in metadata under
//!   `patchbay`, which the import reads back, so a design survives the round trip.
//!
//! Reading another tool's architecture, what Patchbay cannot draw (people, options) is
//! skipped and said so, and kinds are guessed from node types and names.

mod ids;
mod keys;
mod read;
mod vocab;
mod write;

pub use keys::SCHEMA;
pub use read::import;
pub use write::{architecture, export};
