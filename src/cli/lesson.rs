//! `patchbay lesson`: the built-in exercises without a window, so a teacher can hand
//! them out and grade submitted designs in CI.

use super::exit;
use crate::learn::concepts;
use crate::learn::exercises::{self, Asks, Exercise, Goal};
use crate::learn::progress::Progress;
use crate::model;
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub(super) enum Lesson {
    /// List the exercises with their ids and your progress.
    List,
    /// Print an exercise's task, the concepts it practises and, on request, its hints
    /// and its starting design.
    Show {
        /// The exercise's id, as `lesson list` prints it.
        id: String,
        /// Print the hints too.
        #[arg(long)]
        hints: bool,
        /// Write the starting design to this file, to open or edit.
        #[arg(long, value_name = "FILE")]
        design: Option<PathBuf>,
    },
    /// Check a design against an exercise's goal, or an answer to its question.
    ///
    /// Exit code 0 when the goal is met, 1 when it is not (the feedback says why), 2
    /// on wrong usage or an unreadable file.
    Check {
        /// The exercise's id.
        id: String,
        /// The student's design; a question's exercise uses its starting design when
        /// left out.
        file: Option<PathBuf>,
        /// The answer to a question, e.g. `device` or `10`.
        #[arg(long)]
        answer: Option<String>,
    },
}

pub(super) fn run(command: Lesson) -> u8 {
    match command {
        Lesson::List => list(),
        Lesson::Show { id, hints, design } => show(&id, hints, design.as_deref()),
        Lesson::Check { id, file, answer } => check(&id, file.as_deref(), answer.as_deref()),
    }
}

fn find(id: &str) -> Result<&'static Exercise, u8> {
    exercises::get(id).ok_or_else(|| {
        eprintln!("error: no exercise {id:?}; `patchbay lesson list` lists them");
        exit::USAGE
    })
}

fn list() -> u8 {
    let progress = Progress::default_path()
        .and_then(|p| {
            Progress::load(&p)
                .map_err(|e| eprintln!("warning: {e}"))
                .ok()
        })
        .unwrap_or_default();
    let mut out = std::io::stdout().lock();
    for e in exercises::ALL {
        let _ = writeln!(
            out,
            "{:<22} {:<7} {:<9} {}",
            e.id,
            progress.status(e.id).label(),
            if e.is_choice() { "question" } else { "design" },
            e.title
        );
    }
    exit::OK
}

fn show(id: &str, hints: bool, design: Option<&Path>) -> u8 {
    let e = match find(id) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}: {}\n\n{}\n", e.id, e.title, e.task);
    if let Goal::Choose { asks, options } = e.goal {
        let _ = writeln!(out, "Answer with one of: {}", options.join(", "));
        let _ = writeln!(
            out,
            "  patchbay lesson check {} --answer {}\n",
            e.id,
            match asks {
                Asks::FullMesh | Asks::Retention(_) => "NUMBER",
                Asks::Auth(_) | Asks::Events(_) | Asks::Protection(_) | Asks::Esb => "ID",
            }
        );
    } else {
        let _ = writeln!(
            out,
            "Change the starting design, then: patchbay lesson check {} FILE\n",
            e.id
        );
    }
    let _ = writeln!(out, "Concepts");
    for c in e.concepts.iter().filter_map(|c| concepts::get(c)) {
        let _ = writeln!(out, "  {}: patchbay explain {}", c.title, c.id);
    }
    if hints {
        let _ = writeln!(out, "\nHints");
        for (i, h) in e.hints.iter().enumerate() {
            let _ = writeln!(out, "  {}. {h}", i + 1);
        }
    } else {
        let _ = writeln!(out, "\n{} hints: add --hints to see them.", e.hints.len());
    }
    if let Some(path) = design {
        let text = e.design.as_bytes();
        if let Err(err) = model::file::write_atomic(path, |w| w.write_all(text)) {
            eprintln!("error: could not write {}: {err}", path.display());
            return exit::USAGE;
        }
        let _ = writeln!(out, "\nWrote the starting design to {}", path.display());
    }
    exit::OK
}

fn check(id: &str, file: Option<&Path>, answer: Option<&str>) -> u8 {
    let e = match find(id) {
        Ok(e) => e,
        Err(code) => return code,
    };
    match (e.is_choice(), file, answer) {
        (true, _, None) => {
            eprintln!(
                "error: {} asks a question; give the answer with --answer",
                e.id
            );
            return exit::USAGE;
        }
        (false, None, _) => {
            eprintln!(
                "error: {} is checked on a design; give the design file",
                e.id
            );
            return exit::USAGE;
        }
        (false, Some(_), Some(_)) => {
            eprintln!(
                "error: {} is checked on a design, not an answer; leave out --answer",
                e.id
            );
            return exit::USAGE;
        }
        _ => {}
    }
    let design = match file {
        Some(path) => match super::load::load_or_report(path) {
            Ok(d) => d,
            Err(code) => return code,
        },
        None => e.start(),
    };
    let feedback = e.check(&design, answer);
    let mut out = std::io::stdout().lock();
    for (ok, line) in &feedback.lines {
        let _ = writeln!(out, "{} {line}", if *ok { "ok  " } else { "todo" });
    }
    if feedback.solved {
        let _ = writeln!(out, "Solved: {}", e.title);
        exit::OK
    } else {
        exit::PROBLEMS
    }
}
