//! Newtype ids: a system id can never be passed where a link id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a system within one design.
    SystemId,
    "system "
);
id_type!(
    /// Identifies a link within one design.
    LinkId,
    "link "
);
id_type!(
    /// Identifies a zone (trust boundary) within one design.
    ZoneId,
    "zone "
);
