//! What the command line takes: the subcommands, their arguments and the formats
//! they write, as clap reads them (and `--help` shows them).

use super::lesson;
use crate::export::ExportFormat;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Patchbay: draw how your systems talk and get a reasoned integration recommendation
/// for every link.
#[derive(Debug, Parser)]
#[command(name = "patchbay", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
    /// A design to open in the window (`.patchbay.ron`); the built-in retail sample when
    /// left out.
    pub(super) file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
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
        /// An earlier JSON report (`--format json`) or design file: `--fail-on` counts
        /// only findings it does not have, matched by rule and subject name.
        #[arg(long, value_name = "REPORT.json|DESIGN")]
        baseline: Option<PathBuf>,
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
    /// Export the design: a diagram (SVG, PNG), a review (HTML, Markdown, JSON, the PDF
    /// review pack), diagram-as-code (Mermaid, DOT, PlantUML) or another tool's file
    /// (CSV catalogue, draw.io, FINOS CALM).
    ///
    /// Writes to standard output unless `-o` is given (PNG always needs `-o`).
    Export {
        /// The design file.
        file: PathBuf,
        /// The format: svg, png, pdf, html, markdown, json, mermaid, dot, plantuml, csv,
        /// drawio or calm.
        #[arg(long, value_parser = export_format)]
        to: ExportFormat,
        /// Where to write it.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// PNG scale: pixels per design unit.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// PDF page size: a4 or letter (default: letter in a US or Canadian locale,
        /// A4 elsewhere).
        #[arg(long, value_parser = page_size)]
        page: Option<crate::report::pdf::PageSize>,
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
    /// Read a design from another tool, by the file's extension: an interface catalogue
    /// (`.csv`, one row per link), a draw.io diagram (`.drawio`, `.xml`), a Mermaid
    /// flowchart (`.mmd`, or the first `mermaid` block of a `.md`) or a FINOS CALM
    /// architecture (`.json`). Writes the design (to `-o` or standard output) and says
    /// on standard error what it guessed and what it skipped.
    ///
    /// Exit code 0 when it was read, 1 when it has problems (each with its line and
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ReportFormat {
    /// For a terminal.
    Text,
    /// For a design-review page or pull request.
    Markdown,
    /// The stable contract described in the README.
    Json,
    /// SARIF 2.1.0, for code scanning: each finding on its line of the design file.
    Sarif,
    /// JUnit XML, for CI dashboards: a test case per link and per finding; findings at
    /// `--fail-on` or worse are failures.
    Junit,
}

/// How `diff` prints the comparison.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum DiffFormat {
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
pub(super) enum FailOn {
    /// Warnings and high findings.
    Warning,
    /// High findings only.
    High,
}

pub(super) fn page_size(s: &str) -> Result<crate::report::pdf::PageSize, String> {
    crate::report::pdf::page_named(s)
        .ok_or_else(|| format!("`{s}` is not a page size; use a4 or letter"))
}

fn export_format(id: &str) -> Result<ExportFormat, String> {
    ExportFormat::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.id()).collect();
        format!("unknown format {id:?}; choose one of: {}", ids.join(", "))
    })
}
