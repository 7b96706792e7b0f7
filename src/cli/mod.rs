//! The headless commands: everything a team needs to keep designs in git and check
//! them in CI, with no window.

use crate::analysis::{self, Severity, rules};
use crate::export::ExportFormat;
use crate::generate::{Params, generate};
use crate::{model, report};
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod args;
mod baseline;
pub mod exit;
mod lesson;
mod load;

pub use args::Cli;
use args::{Command, DiffFormat, FailOn, ReportFormat};
use load::load_or_report;

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
            baseline,
        }) => analyze(&file, format, fail_on, baseline.as_deref()),
        Some(Command::Export {
            file,
            to,
            output,
            scale,
            page,
            force,
        }) => export(&file, to, output, scale, page, force),
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

fn analyze(
    path: &std::path::Path,
    format: ReportFormat,
    fail_on: Option<FailOn>,
    baseline: Option<&std::path::Path>,
) -> u8 {
    let (design, text) = match load::load_text_or_report(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let known = match baseline.map(baseline::read).transpose() {
        Ok(known) => known,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let analysis = analysis::analyze(&design);
    let threshold = fail_on.map(|f| match f {
        FailOn::Warning => Severity::Warning,
        FailOn::High => Severity::High,
    });
    // The large reports stream out as they are written; a closed pipe (`| head`) just
    // ends the output.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let _ = match format {
        ReportFormat::Text => report::text::write(&mut out, &design, &analysis),
        ReportFormat::Markdown => {
            out.write_all(report::markdown::render(&design, &analysis).as_bytes())
        }
        ReportFormat::Json => report::json::write(&mut out, &design, &analysis),
        ReportFormat::Sarif | ReportFormat::Junit => {
            let file = path.to_string_lossy();
            if format == ReportFormat::Sarif {
                let log = report::sarif::render(&design, &analysis, &file, &text);
                serde_json::to_writer_pretty(&mut out, &log)
                    .map_err(std::io::Error::other)
                    .and_then(|()| out.write_all(b"\n"))
            } else {
                let xml = report::junit::render(&design, &analysis, &file, &text, threshold);
                out.write_all(xml.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
            }
        }
    }
    .and_then(|()| out.flush());
    drop(out);
    // With a baseline, only the findings it does not have count, and stderr says so
    // (stdout stays the report).
    let counted: Vec<&analysis::findings::Finding> = match &known {
        Some(known) => {
            let new: Vec<_> = analysis
                .findings
                .iter()
                .filter(|f| !known.contains(&f.identity(&design)))
                .collect();
            eprintln!(
                "baseline {}: {} of the {} open findings were in it; {} new",
                baseline.map_or_else(String::new, |b| b.display().to_string()),
                analysis.findings.len() - new.len(),
                analysis.findings.len(),
                new.len()
            );
            new
        }
        None => analysis.findings.iter().collect(),
    };
    let Some(threshold) = threshold else {
        return exit::OK;
    };
    if counted.iter().any(|f| f.severity >= threshold) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

fn export(
    path: &std::path::Path,
    format: ExportFormat,
    output: Option<PathBuf>,
    scale: f32,
    page: Option<crate::report::pdf::PageSize>,
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
    let exported = match (format, page) {
        (ExportFormat::Pdf, Some(page)) => {
            let analysis = analysis::analyze(&design);
            let drawing = crate::geometry::Geometry::new(&design, &analysis);
            crate::export::pdf(&design, &analysis, &drawing, page)
        }
        _ => crate::export::export_design(&design, format, scale),
    };
    let bytes = match exported {
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
            "error: cannot import {}; Patchbay reads {}",
            path.display(),
            crate::interop::READS
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
