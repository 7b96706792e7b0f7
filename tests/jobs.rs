//! Every thread in `src/` is started by `src/job.rs`, the one job type: named, waking
//! whoever waits, dropped when stale, and run inline where no thread can be had (the
//! browser build has none). A new `spawn` anywhere else fails here.

mod common;

use std::path::Path;

/// Where `text` starts a thread: `thread::spawn`, a builder's `.spawn(` or
/// `.spawn_scoped(`, a scope's `s.spawn(`, or `thread::scope`.
fn spawns(text: &str) -> Vec<(usize, String)> {
    const STARTS: [&str; 4] = [
        "thread::spawn",
        ".spawn(",
        ".spawn_scoped(",
        "thread::scope",
    ];
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| STARTS.iter().any(|s| line.contains(s)))
        .map(|(i, line)| (i + 1, line.trim().to_owned()))
        .collect()
}

#[test]
fn every_thread_is_started_by_the_job_type() {
    let files = common::source_files();
    let mut listed = Vec::new();
    let mut outside = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source file");
        for (line, code) in spawns(&text) {
            let at = format!("{}:{line}: {code}", file.display());
            if file == Path::new("src/job.rs") {
                listed.push(at);
            } else {
                outside.push(at);
            }
        }
    }
    assert!(
        outside.is_empty(),
        "threads started outside src/job.rs (use job::Job, job::beside or job::detach):\n{}",
        outside.join("\n")
    );
    // The job type's own: one builder that spawns, one that spawns beside a scope.
    let builders: Vec<_> = listed
        .iter()
        .filter(|l| l.contains(".spawn(") || l.contains(".spawn_scoped("))
        .collect();
    assert_eq!(
        builders.len(),
        2,
        "the job type's spawns:\n{}",
        listed.join("\n")
    );
}

#[test]
fn the_scan_finds_each_way_of_starting_a_thread() {
    let text = "let a = std::thread::spawn(f);\n// thread::spawn in a comment\nlet b = Builder::new().name(n).spawn(f);\nstd::thread::scope(|s| s.spawn(f));\n";
    let found: Vec<usize> = spawns(text).into_iter().map(|(l, _)| l).collect();
    assert_eq!(found, [1, 3, 4]);
}
