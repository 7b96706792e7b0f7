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
    assert!(graph["model"].is_empty(), "{:?}", graph["model"]);
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
