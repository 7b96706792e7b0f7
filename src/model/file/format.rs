//! The file's shape on disk: its format version, its extension, the largest file
//! read, and the document the RON text holds.

use super::super::design::{Link, System, Zone};
use super::super::vocab::Environment;
use serde::{Deserialize, Serialize};

/// The format version this build writes; it reads this one and every older one.
pub const FORMAT_VERSION: u32 = 1;

/// The file extension of a design, without the leading dot.
pub const EXTENSION: &str = "patchbay.ron";

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The file's top level: the design plus its format version.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Design")]
pub(super) struct DesignFile {
    pub(super) format_version: u32,
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) description: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(super) environment: Environment,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(super) central_governance: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) zones: Vec<Zone>,
    pub(super) systems: Vec<System>,
    #[serde(default)]
    pub(super) links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) flows: Vec<super::super::design::Flow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) waivers: Vec<super::super::waiver::Waiver>,
}

pub(super) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Reads only the version, ignoring everything else, so that a newer file is named as
/// such instead of failing on fields this build does not know.
#[derive(Deserialize)]
pub(super) struct VersionProbe {
    #[serde(default)]
    pub(super) format_version: Option<u32>,
}
