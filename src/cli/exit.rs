//! Exit codes shared by the commands.

/// Everything was fine.
pub const OK: u8 = 0;
/// The input has problems (or findings at the `--fail-on` level).
pub const PROBLEMS: u8 = 1;
/// Wrong usage, or a file could not be read.
pub const USAGE: u8 = 2;
