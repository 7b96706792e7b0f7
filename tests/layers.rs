//! The crate's top-level modules form layers: no two import each other, directly or
//! round a longer loop. Read from the code's own `crate::` paths (test modules left
//! out), so anyone can run it: `cargo test --test layers`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules `src/lib.rs` declares.
fn modules() -> Vec<String> {
    let lib = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_owned())
        .collect()
}

/// Every `.rs` file of a module, whether it is `src/m.rs` or `src/m/`.
fn files(module: &str) -> Vec<std::path::PathBuf> {
    let single = Path::new("src").join(format!("{module}.rs"));
    if single.exists() {
        return vec![single];
    }
    let mut out = Vec::new();
    let mut dirs = vec![Path::new("src").join(module)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("module folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// The file without its test module (`#[cfg(test)]` followed by `mod`), which may
/// reach anywhere.
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    while let Some(i) = text[at..].find("#[cfg(test)]") {
        let start = at + i;
        let rest = text[start + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") || rest.starts_with("pub(crate) mod ") {
            return &text[..start];
        }
        at = start + 1;
    }
    text
}

/// The first path segments after `crate::` in `text`, including each name of a
/// `use crate::{a, b::c}` group.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let after = &text[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                out.insert(ident(part.trim()));
            }
        } else {
            out.insert(ident(after));
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for m in &modules {
        let mut uses = BTreeSet::new();
        for file in files(m) {
            let text = std::fs::read_to_string(&file).expect("readable");
            for name in crate_paths(without_tests(&text)) {
                if &name != m && modules.contains(&name) {
                    uses.insert(name);
                }
            }
        }
        graph.insert(m.clone(), uses);
    }
    graph
}

/// A loop through `graph`, if there is one.
fn find_loop(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_top_level_module_imports_back_up() {
    let graph = graph();
    assert!(graph.len() > 10, "{graph:?}");
    if let Some(cycle) = find_loop(&graph) {
        panic!("import loop: {}", cycle.join(" -> "));
    }
    // What the layers are meant to be, spot-checked.
    assert!(graph["export"].contains("report") && graph["export"].contains("interop"));
    assert!(!graph["report"].contains("interop"));
    assert!(!graph["analysis"].contains("report"));
    // The model stands on nothing but the file layer, which stands on nothing.
    assert!(
        graph["model"].iter().all(|m| m == "fs"),
        "{:?}",
        graph["model"]
    );
    assert!(graph["fs"].is_empty(), "{:?}", graph["fs"]);
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let mut g = BTreeMap::new();
    g.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    g.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    g.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(
        find_loop(&g).expect("a loop"),
        ["a", "b", "c", "a"].map(String::from)
    );
    g.get_mut("c").expect("c").clear();
    assert!(find_loop(&g).is_none());
    assert_eq!(
        crate_paths("use crate::{model, report::escape};\nlet x = crate::analysis::analyze(d);"),
        BTreeSet::from(["model", "report", "analysis"].map(String::from))
    );
}

/// A source file's module path: `src/ui/app.rs` is `ui::app`, `src/ui/mod.rs` is
/// `ui`, `src/lib.rs` is the crate.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The file that defines the module at `path`, or its deepest ancestor that has one.
fn file_of(path: &[String]) -> Option<std::path::PathBuf> {
    for n in (0..=path.len()).rev() {
        let dir = path[..n]
            .iter()
            .fold(Path::new("src").to_path_buf(), |p, s| p.join(s));
        let candidates = if n == 0 {
            vec![Path::new("src/lib.rs").to_path_buf()]
        } else {
            vec![dir.with_extension("rs"), dir.join("mod.rs")]
        };
        if let Some(found) = candidates.into_iter().find(|c| c.exists()) {
            return Some(found);
        }
    }
    None
}

/// Splits `a, b::{c, d}` at its top-level commas.
fn top_level(list: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}

/// Every module path a path expression starting at `text` names, from `base`:
/// `a::b::{c, d::e}` gives `a::b::c` and `a::b::d::e`.
fn expand(base: &[String], text: &str, out: &mut Vec<Vec<String>>) {
    let mut path = base.to_vec();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            for part in top_level(&group[..end]) {
                if !part.trim().is_empty() {
                    expand(&path, part, out);
                }
            }
            return;
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            break;
        }
        rest = &rest[ident.len()..];
        if ident == "super" {
            path.pop();
        } else if ident != "self" {
            path.push(ident);
        }
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    out.push(path);
}

/// The files `file` imports from inside the crate (its test module left out).
fn file_imports(file: &Path) -> BTreeSet<std::path::PathBuf> {
    let text = std::fs::read_to_string(file).expect("readable");
    // Comments (a doc link to another module) import nothing.
    let text: String = without_tests(&text)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let here = module_of(file);
    let parent = || here[..here.len().saturating_sub(1)].to_vec();
    let is_mod = file.ends_with("mod.rs") || file.ends_with("lib.rs");
    let mut paths = Vec::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        for (i, _) in text.match_indices(start) {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':') {
                continue;
            }
            let base = match start {
                "crate::" => Vec::new(),
                "super::" => parent(),
                _ => here.clone(),
            };
            expand(&base, &text[i + start.len()..], &mut paths);
        }
    }
    // A module file names its children relatively, in `use child::Item;` and in
    // code (`child::function(..)`).
    if is_mod {
        for (i, _) in text.match_indices("::") {
            let start = text[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |j| j + 1);
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c == ':') {
                continue;
            }
            let first = &text[start..i];
            let mut child = here.clone();
            child.push(first.to_owned());
            if !first.is_empty() && file_of(&child).is_some_and(|f| module_of(&f) == child) {
                expand(&here, &text[start..], &mut paths);
            }
        }
    }
    paths
        .iter()
        .filter_map(|p| file_of(p))
        .filter(|f| f != file && !f.ends_with("lib.rs"))
        .collect()
}

fn file_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut all = Vec::new();
    let mut dirs = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                all.push(path);
            }
        }
    }
    all.iter()
        .map(|f| {
            let uses = file_imports(f)
                .iter()
                .map(|u| u.display().to_string())
                .collect();
            (f.display().to_string(), uses)
        })
        .collect()
}

/// No file imports a file that imports it back, directly or round a longer loop:
/// within `src/ui`, within `src/analysis`, anywhere in the crate.
#[test]
fn no_source_file_imports_back_up() {
    let graph = file_graph();
    assert!(graph.len() > 100, "{} files", graph.len());
    if let Some(cycle) = find_loop(&graph) {
        panic!("import loop: {}", cycle.join(" -> "));
    }
    // The window's layers, spot-checked: the vocabulary is a leaf, the runner sits
    // above the app, and no component reaches up to either.
    let ui = |f: &str| format!("src/ui/{f}");
    assert!(
        graph[&ui("command.rs")]
            .iter()
            .all(|f| !f.starts_with("src/ui")),
        "{:?}",
        graph[&ui("command.rs")]
    );
    assert!(graph[&ui("runner/mod.rs")].contains(&ui("app.rs")));
    for (file, uses) in graph.iter().filter(|(f, _)| f.starts_with("src/ui/")) {
        if !file.contains("runner") && !file.ends_with("window.rs") {
            assert!(
                !uses.iter().any(|u| u.contains("runner")),
                "{file}: {uses:?}"
            );
        }
        // Above the app: the runner, the frame's glue and the native window, which add
        // to the app's impl; every other file of the window is a component below it.
        let above = ["runner", "frame.rs", "window.rs", "mod.rs"];
        if !above.iter().any(|a| file.contains(a)) {
            assert!(
                !uses.contains(&ui("app.rs")),
                "{file} reaches up to the app"
            );
        }
    }
}

#[test]
fn the_path_reader_follows_groups_and_super() {
    let mut out = Vec::new();
    let base = vec!["ui".to_owned()];
    expand(&base, "command::{Command, run::{a, b}}, x", &mut out);
    let joined: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "ui::command::Command",
            "ui::command::run::a",
            "ui::command::run::b"
        ]
    );
    let mut out = Vec::new();
    expand(&base, "super::model::Design;", &mut out);
    assert_eq!(out, [vec!["model".to_owned(), "Design".to_owned()]]);
}
