//! The `patchbay` binary: a headless command, or the window when no command is given;
//! in the browser build, the app in the page.

#[cfg(not(target_arch = "wasm32"))]
use patchbay::cli::{Cli, exit};
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    match Cli::from_args().run() {
        Ok(code) => code,
        Err(file) => ExitCode::from(open_window(file)),
    }
}

/// In the browser: the page's canvas, no command line.
#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(feature = "gui")]
    patchbay::ui::start_in_page("patchbay");
}

#[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
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

#[cfg(all(not(feature = "gui"), not(target_arch = "wasm32")))]
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
