//! Reading the design a command is given, saying what is wrong with it and where.

use super::exit;
use crate::model;

/// Loads a design for a command, printing its problems; `Err` carries the exit code.
pub(crate) fn load_or_report(path: &std::path::Path) -> Result<model::Design, u8> {
    load_text_or_report(path).map(|(design, _)| design)
}

/// As [`load_or_report`], with the file's text too.
pub(crate) fn load_text_or_report(path: &std::path::Path) -> Result<(model::Design, String), u8> {
    match model::file::load_with_text(path) {
        Ok(loaded) => Ok(loaded),
        Err(model::LoadError::Invalid { file, problems }) => {
            for p in &problems {
                eprintln!("{}", p.display_in(&file));
            }
            Err(exit::PROBLEMS)
        }
        Err(e @ model::LoadError::Unreadable { .. }) => {
            eprintln!("error: {e}");
            Err(exit::USAGE)
        }
    }
}
