//! The designs the report tests run on: every sample, and designs with names no
//! output format should trip on.

use patchbay::model::{self, Design, Link, LinkId, Protocol, System, SystemId, SystemKind};
use std::path::Path;

/// Every sample in `samples/`, by name: the design and its file's text.
pub fn samples() -> Vec<(String, Design, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".patchbay.ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .trim_end_matches(".patchbay.ron")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("sample");
            (name, model::load(&path).expect("sample loads"), text)
        })
        .collect()
}

/// A design named `name` with `systems` (numbered from 1 in order) and a link from
/// each `(from, protocol)` into system 1, with a purpose `purpose(i)` for the i-th link.
pub fn hostile(
    name: &str,
    systems: &[(&str, SystemKind)],
    links: &[(u32, Protocol)],
    purpose: impl Fn(usize) -> String,
) -> Design {
    let mut d = Design {
        name: name.into(),
        ..Design::default()
    };
    for (i, (system, kind)) in systems.iter().enumerate() {
        d.systems
            .push(System::new(SystemId(i as u32 + 1), *system, *kind));
    }
    for (i, (from, protocol)) in links.iter().enumerate() {
        let mut l = Link::new(LinkId(i as u32 + 1), SystemId(*from), SystemId(1));
        l.protocol = *protocol;
        l.purpose = purpose(i);
        d.links.push(l);
    }
    d
}
