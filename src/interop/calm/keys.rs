//! The names Patchbay's CALM documents use: the schema, the metadata keys and the
//! requirements its controls meet.

/// The CALM schema an architecture declares.
pub const SCHEMA: &str = "https://calm.finos.org/release/1.2/meta/calm.json";

/// The metadata key of what Patchbay reads back.
pub(super) const PATCHBAY: &str = "patchbay";

/// The metadata key of Patchbay's advice, written for people and other tools and not
/// read back (it is derived from the design).
pub(super) const ADVICE: &str = "patchbay-advice";

/// The version of what is under [`PATCHBAY`].
pub(super) const FORMAT: u32 = 1;

/// The requirements Patchbay's controls meet. Patchbay publishes no requirement schema,
/// so these name the requirement rather than point at a file; each control's
/// configuration gives the standard it rests on.
pub(super) const REQUIREMENT_AUTH: &str = "urn:patchbay:control:authentication";
pub(super) const REQUIREMENT_MTLS: &str = "urn:patchbay:control:mutual-tls";
