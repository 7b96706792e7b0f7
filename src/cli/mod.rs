//! The headless commands: everything a team needs to keep designs in git and check
//! them in CI, with no window.

use crate::analysis::{self, Severity, rules};
use crate::export::ExportFormat;
use crate::generate::{Params, generate};
use crate::{model, report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod lesson;

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
    /// Recommend a pattern, event mechanism, auth flow and mTLS for every link, decide
    /// the ESB question, and list findings.
    ///
    /// Exit code 0, or 1 with `--fail-on` when a finding of that severity or worse
    /// exists, or when the file has problems; 2 when it cannot be read.
    Analyze {
        /// The design file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Exit with 1 when a finding of this severity or worse exists (for CI gates).
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// List every rule: id, severity and title.
    Rules,
    /// Print one rule's full text (what it checks, why it matters, what to do instead),
    /// one concept card, `concepts` for the list of cards, or `facts` for the dated
    /// platform and standards facts the advice rests on.
    Explain {
        /// A rule id (AUTH-001), a concept id (pkce), `concepts` or `facts`.
        id: String,
    },
    /// Export the design: a diagram (SVG, PNG), a review (HTML, Markdown, JSON) or
    /// diagram-as-code (Mermaid, DOT, PlantUML).
    ///
    /// Writes to standard output unless `-o` is given (PNG always needs `-o`).
    Export {
        /// The design file.
        file: PathBuf,
        /// The format: svg, png, html, markdown, json, mermaid, dot or plantuml.
        #[arg(long, value_parser = export_format)]
        to: ExportFormat,
        /// Where to write it.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// PNG scale: pixels per design unit.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Write a Mermaid diagram even when it is over Mermaid's limits (50,000
        /// characters or 500 links), which mermaid-cli, GitHub and GitLab refuse.
        #[arg(long)]
        force: bool,
    },
    /// Compare two versions of a design: what was added, removed and changed, how each
    /// link's recommendations moved and why, findings resolved and introduced, and the
    /// ESB question before and after.
    ///
    /// Exit code 0 when the designs are the same, 1 when they differ (as `diff` does),
    /// 2 when a file cannot be read or is not a valid design.
    Diff {
        /// The design before.
        before: PathBuf,
        /// The design after.
        after: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Where to write it; standard output when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Exercises for students: list them, show one, check a design (or an answer)
    /// against its goal.
    #[command(subcommand)]
    Lesson(lesson::Lesson),
    /// Read a design from another tool: an interface catalogue (`.csv`, one row per
    /// link). Writes the design (to `-o` or standard output) and says on standard error
    /// what it guessed.
    ///
    /// Exit code 0 when it was read, 1 when it has problems (each with its row and
    /// column; nothing is written), 2 when the file cannot be read.
    Import {
        /// The file to read.
        file: PathBuf,
        /// Where to write the design (`.patchbay.ron`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The draw.io page to read; the first when left out.
        #[arg(long)]
        page: Option<String>,
    },
    /// Write a synthetic but plausible landscape, for benchmarks and scale tests.
    Generate {
        /// How many systems.
        #[arg(long)]
        systems: usize,
        /// About how many links start at each system.
        #[arg(long, default_value_t = 5)]
        links_per_system: usize,
        /// The random seed: the same seed gives the same design.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it; standard output when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// How `analyze` prints its report.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReportFormat {
    /// For a terminal.
    Text,
    /// For a design-review page or pull request.
    Markdown,
    /// The stable contract described in the README.
    Json,
}

/// How `diff` prints the comparison.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    /// For a terminal.
    Text,
    /// For a pull request.
    Markdown,
    /// The stable contract described in the README.
    Json,
    /// One self-contained page to send a reviewer.
    Html,
}

/// The severity at which `analyze --fail-on` fails.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    /// Warnings and high findings.
    Warning,
    /// High findings only.
    High,
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

impl Cli {
    /// The process's arguments; prints help or a usage error and exits on bad ones.
    pub fn from_args() -> Self {
        Self::parse()
    }

    /// Runs the command and returns its exit code; with no command, gives back the file
    /// to open in the window (which this module, headless, does not open).
    pub fn run(self) -> Result<ExitCode, Option<PathBuf>> {
        run(self).map(ExitCode::from)
    }
}

fn run(cli: Cli) -> Result<u8, Option<PathBuf>> {
    Ok(match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Analyze {
            file,
            format,
            fail_on,
        }) => analyze(&file, format, fail_on),
        Some(Command::Export {
            file,
            to,
            output,
            scale,
            force,
        }) => export(&file, to, output, scale, force),
        Some(Command::Rules) => list_rules(),
        Some(Command::Lesson(command)) => lesson::run(command),
        Some(Command::Import { file, output, page }) => {
            import(&file, output.as_deref(), page.as_deref())
        }
        Some(Command::Diff {
            before,
            after,
            format,
            output,
        }) => diff(&before, &after, format, output.as_deref()),
        Some(Command::Explain { id }) => explain(&id),
        Some(Command::Generate {
            systems,
            links_per_system,
            seed,
            output,
        }) => generate_design(
            Params {
                systems,
                links_per_system,
                seed,
            },
            output,
        ),
        None => return Err(cli.file),
    })
}

fn check(files: &[PathBuf]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let mut worst = exit::OK;
    for path in files {
        match model::load(path) {
            Ok(design) => {
                // Waivers that accept nothing the design has: reported, the design is
                // still valid (it opens), but the check fails so they get cleaned up.
                let mut stale = model::validate::stale_waivers(&design);
                for (i, w) in design.waivers.iter().enumerate() {
                    if rules::find(&w.rule).is_none() {
                        stale.push(model::validate::Issue {
                            path: format!("waivers[{i}].rule"),
                            message: format!(
                                "waiver {} accepts {}, which is no rule; `patchbay rules` lists them",
                                i + 1,
                                w.rule
                            ),
                        });
                    }
                }
                if stale.is_empty() {
                    let _ = writeln!(
                        stdout,
                        "{}: ok ({}, {})",
                        path.display(),
                        report::counted(design.systems.len(), "system"),
                        report::counted(design.links.len(), "link")
                    );
                } else {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    let paths: Vec<&str> = stale.iter().map(|i| i.path.as_str()).collect();
                    let places = model::locate::locate(&text, &paths);
                    let file = path.display().to_string();
                    for issue in &stale {
                        let p = model::Problem {
                            location: places.get(&issue.path).copied(),
                            message: issue.message.clone(),
                        };
                        let _ = writeln!(stdout, "{}", p.display_in(&file));
                    }
                    let _ = writeln!(
                        stdout,
                        "{file}: {}",
                        report::counted(stale.len(), "problem")
                    );
                    worst = worst.max(exit::PROBLEMS);
                }
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

/// Loads a design for a command, printing its problems; `Err` carries the exit code.
pub(crate) fn load_or_report(path: &std::path::Path) -> Result<model::Design, u8> {
    match model::load(path) {
        Ok(design) => Ok(design),
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

fn analyze(path: &std::path::Path, format: ReportFormat, fail_on: Option<FailOn>) -> u8 {
    let design = match load_or_report(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let analysis = analysis::analyze(&design);
    // The large reports stream out as they are written; a closed pipe (`| head`) just
    // ends the output.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let _ = match format {
        ReportFormat::Text => report::text::write(&mut out, &design, &analysis),
        ReportFormat::Markdown => {
            out.write_all(report::markdown::render(&design, &analysis).as_bytes())
        }
        ReportFormat::Json => report::json::write(&mut out, &design, &analysis),
    }
    .and_then(|()| out.flush());
    drop(out);
    let threshold = match fail_on {
        None => return exit::OK,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::High) => Severity::High,
    };
    if analysis.worst().is_some_and(|w| w >= threshold) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

fn export_format(id: &str) -> Result<ExportFormat, String> {
    ExportFormat::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.id()).collect();
        format!("unknown format {id:?}; choose one of: {}", ids.join(", "))
    })
}

fn export(
    path: &std::path::Path,
    format: ExportFormat,
    output: Option<PathBuf>,
    scale: f32,
    force: bool,
) -> u8 {
    let design = match load_or_report(path) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if format.is_binary() && output.is_none() {
        eprintln!("error: {} is binary; give a file with -o", format.label());
        return exit::USAGE;
    }
    let bytes = match crate::export::export_design(&design, format, scale) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::PROBLEMS;
        }
    };
    if format == ExportFormat::Mermaid {
        let text = String::from_utf8_lossy(&bytes);
        if let Some(why) = report::graphs::mermaid_too_big(&text, design.links.len()) {
            if !force {
                eprintln!(
                    "error: {why}, so it would not render where it is pasted. Export SVG or \
                     PNG for a picture of this size, or add --force to write it anyway."
                );
                return exit::PROBLEMS;
            }
            eprintln!("warning: {why}; written anyway (--force)");
        }
    }
    match output {
        Some(out) => match model::file::write_atomic(&out, |w| w.write_all(&bytes)) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("error: could not write {}: {e}", out.display());
                exit::USAGE
            }
        },
        None => {
            let _ = std::io::stdout().lock().write_all(&bytes);
            exit::OK
        }
    }
}

fn diff(
    before: &std::path::Path,
    after: &std::path::Path,
    format: DiffFormat,
    output: Option<&std::path::Path>,
) -> u8 {
    // Any design that cannot be compared is an error (2): 1 means "they differ".
    let (Ok(a), Ok(b)) = (load_or_report(before), load_or_report(after)) else {
        return exit::USAGE;
    };
    let d = crate::review::diff(&a, &b);
    let text = match format {
        DiffFormat::Text => crate::review::render::text(&d),
        DiffFormat::Markdown => crate::review::render::markdown(&d),
        DiffFormat::Json => crate::review::render::json(&d),
        DiffFormat::Html => crate::review::render::html(&d),
    };
    let written = match output {
        Some(out) => model::file::write_atomic(out, |w| w.write_all(text.as_bytes()))
            .map_err(|e| format!("could not write {}: {e}", out.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    match written {
        Err(e) => {
            eprintln!("error: {e}");
            exit::USAGE
        }
        Ok(()) if d.is_empty() => exit::OK,
        Ok(()) => exit::PROBLEMS,
    }
}

fn import(path: &std::path::Path, output: Option<&std::path::Path>, page: Option<&str>) -> u8 {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!(
                    "{}:1:1: the file is not UTF-8 text; save it as UTF-8 CSV",
                    path.display()
                );
                return exit::PROBLEMS;
            }
        },
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return exit::USAGE;
        }
    };
    let Some(imported) = crate::interop::import(path, &text, page) else {
        eprintln!(
            "error: cannot import {}; Patchbay reads interface catalogues (.csv), draw.io diagrams (.drawio) and Mermaid flowcharts (.mmd, or the first mermaid block of a .md)",
            path.display()
        );
        return exit::USAGE;
    };
    let file = path.display().to_string();
    let imported = match imported {
        Ok(i) => i,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", p.display_in(&file));
            }
            eprintln!(
                "{file}: {}; nothing was imported",
                report::counted(problems.len(), "problem")
            );
            return exit::PROBLEMS;
        }
    };
    for line in &imported.report {
        eprintln!("note: {line}");
    }
    let written = match output {
        Some(out) => model::save(&imported.design, out).map_err(|e| e.to_string()),
        None => model::to_ron_string(&imported.design)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                std::io::stdout()
                    .lock()
                    .write_all(t.as_bytes())
                    .map_err(|e| e.to_string())
            }),
    };
    match written {
        Ok(()) => {
            eprintln!(
                "imported {} and {} from {file}",
                report::counted(imported.design.systems.len(), "system"),
                report::counted(imported.design.links.len(), "link")
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::USAGE
        }
    }
}

fn list_rules() -> u8 {
    let mut out = std::io::stdout().lock();
    for r in rules::ALL {
        let _ = writeln!(out, "{:<10} {:<8} {}", r.id, r.severity.id(), r.title);
    }
    exit::OK
}

fn explain(id: &str) -> u8 {
    let text = if id.eq_ignore_ascii_case("facts") {
        crate::learn::explain::facts()
    } else if id.eq_ignore_ascii_case("concepts") {
        crate::learn::explain::concept_list()
    } else if let Some(r) = rules::find(id) {
        crate::learn::explain::rule(r)
    } else if let Some(c) = crate::learn::concepts::get(&id.to_ascii_lowercase()) {
        crate::learn::explain::concept(c)
    } else {
        eprintln!(
            "error: no rule or concept {id:?}; `patchbay rules` lists the rules, `patchbay explain concepts` the concept cards, `patchbay explain facts` the dated facts"
        );
        return exit::USAGE;
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    exit::OK
}

fn generate_design(params: Params, output: Option<PathBuf>) -> u8 {
    let design = generate(params);
    match output {
        Some(path) => match model::save(&design, &path) {
            Ok(()) => {
                eprintln!(
                    "wrote {} ({}, {})",
                    path.display(),
                    report::counted(design.systems.len(), "system"),
                    report::counted(design.links.len(), "link")
                );
                exit::OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                exit::USAGE
            }
        },
        None => match model::to_ron_string(&design) {
            Ok(text) => {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                exit::OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                exit::PROBLEMS
            }
        },
    }
}
