//! The headless commands: everything a team needs to keep designs in git and check
//! them in CI, with no window.

use crate::model;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Patchbay: draw how your systems talk and get a reasoned integration recommendation
/// for every link.
#[derive(Debug, Parser)]
#[command(name = "patchbay", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A design to open in the window (`.patchbay.ron`); the built-in retail sample when
    /// left out.
    file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate design files and print every problem with its file, line and column.
    ///
    /// Exit code 0 when every file is valid, 1 when any has problems, 2 when a file
    /// cannot be read.
    Check {
        /// The design files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Exit codes shared by the commands.
pub mod exit {
    /// Everything was fine.
    pub const OK: u8 = 0;
    /// The input has problems (or findings at the `--fail-on` level).
    pub const PROBLEMS: u8 = 1;
    /// Wrong usage, or a file could not be read.
    pub const USAGE: u8 = 2;
}

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

fn run(cli: Cli) -> u8 {
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        None => open_window(cli.file),
    }
}

fn check(files: &[PathBuf]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let mut worst = exit::OK;
    for path in files {
        match model::load(path) {
            Ok(design) => {
                let _ = writeln!(
                    stdout,
                    "{}: ok ({} systems, {} links)",
                    path.display(),
                    design.systems.len(),
                    design.links.len()
                );
            }
            Err(model::LoadError::Invalid { file, problems }) => {
                for p in &problems {
                    let _ = writeln!(stdout, "{}", p.display_in(&file));
                }
                let _ = writeln!(
                    stdout,
                    "{file}: {} problem{}",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                );
                worst = worst.max(exit::PROBLEMS);
            }
            Err(e @ model::LoadError::Unreadable { .. }) => {
                eprintln!("error: {e}");
                worst = exit::USAGE;
            }
        }
    }
    worst
}

fn open_window(file: Option<PathBuf>) -> u8 {
    let what = file.map_or_else(
        || "the built-in retail sample".to_owned(),
        |f| f.display().to_string(),
    );
    eprintln!(
        "patchbay: the design window is not available in this version yet, so {what} cannot be opened in it.\n\
         The headless commands work: run `patchbay --help` to list them, e.g. `patchbay check FILE`."
    );
    exit::USAGE
}
