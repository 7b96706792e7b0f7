//! `analyze --baseline`: the findings an earlier report (or an earlier design file)
//! already had, so `--fail-on` gates only on new ones and an existing landscape can
//! adopt the gate without fixing everything first.

use crate::analysis::{self, Analysis, findings::Identity};
use crate::model::{self, Design};
use std::collections::HashSet;
use std::path::Path;

/// The findings the baseline at `path` has, open or accepted: a JSON report
/// (`analyze --format json`) or a design file, analysed here.
pub fn read(path: &Path) -> Result<HashSet<Identity>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    if text.trim_start().starts_with('{') {
        return from_report(&text).map_err(|e| format!("the baseline {}: {e}", path.display()));
    }
    let design = model::load(path).map_err(|e| format!("the baseline: {e}"))?;
    let a = analysis::analyze(&design);
    Ok(keys(&design, &a))
}

/// Every finding of an analysis, open or accepted.
pub fn keys(design: &Design, a: &Analysis) -> HashSet<Identity> {
    a.findings
        .iter()
        .chain(a.accepted.iter().map(|w| &w.finding))
        .map(|f| f.identity(design))
        .collect()
}

/// The findings of a JSON report: its `findings` and `accepted` lists.
fn from_report(text: &str) -> Result<HashSet<Identity>, String> {
    let report: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let mut found = HashSet::new();
    for list in ["findings", "accepted"] {
        let Some(items) = report.get(list) else {
            continue;
        };
        let items = items
            .as_array()
            .ok_or_else(|| format!("`{list}` is not a list"))?;
        for (i, item) in items.iter().enumerate() {
            let field = |v: &serde_json::Value| v.as_str().map(str::to_owned);
            let rule = item.get("rule").and_then(field);
            let subject = item.get("subject");
            let kind = subject.and_then(|s| s.get("kind")).and_then(field);
            let name = subject.and_then(|s| s.get("name")).and_then(field);
            match (rule, kind, name) {
                (Some(r), Some(k), Some(n)) => {
                    found.insert(Identity {
                        rule: r,
                        kind: k,
                        name: n,
                    });
                }
                _ => {
                    return Err(format!(
                        "{list}[{i}] has no rule, subject kind or subject name (is it a report of `patchbay analyze --format json`?)"
                    ));
                }
            }
        }
    }
    if report.get("findings").is_none() {
        return Err("no `findings` list: not a report of `patchbay analyze --format json`".into());
    }
    Ok(found)
}
