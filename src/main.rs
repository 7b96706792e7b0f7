//! The `patchbay` binary: the CLI, or the window when no command is given.

fn main() -> std::process::ExitCode {
    patchbay::cli::main()
}
