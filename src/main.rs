//! The `patchbay` binary: a headless command, or the window when no command is given.

use patchbay::cli::{Cli, exit};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::from_args().run() {
        Ok(code) => code,
        Err(file) => ExitCode::from(open_window(file)),
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<PathBuf>) -> u8 {
    match patchbay::ui::run(file) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            eprintln!("The headless commands work without a display: run `patchbay --help`.");
            exit::PROBLEMS
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(file: Option<PathBuf>) -> u8 {
    let what = file.map_or_else(
        || "the built-in retail sample".to_owned(),
        |f| f.display().to_string(),
    );
    eprintln!(
        "patchbay: this build has no window (it was built without the `gui` feature), so {what} cannot be opened.\n\
         The headless commands work: run `patchbay --help` to list them, e.g. `patchbay check FILE`."
    );
    exit::USAGE
}
