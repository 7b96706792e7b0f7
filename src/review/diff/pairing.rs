//! Which item of one design is which of the other: by id where both have it, else
//! by name (systems, zones, flows) or by the names of a link's ends.

use super::parts::Matched;
use crate::model::{Design, Link, LinkId, SystemId};
use std::collections::HashMap;

/// Pairs items of two lists: same id and name first, then same (unique) name under
/// another id, then what is left with the same id (renamed).
pub(super) fn pair_named<T, Id: Copy + Eq + std::hash::Hash + Ord>(
    xs: &[T],
    ys: &[T],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> &str,
) -> Vec<(Id, Id, Matched)> {
    let by_id: HashMap<Id, &T> = ys.iter().map(|y| (id(y), y)).collect();
    let mut used_x: std::collections::HashSet<Id> = Default::default();
    let mut used_y: std::collections::HashSet<Id> = Default::default();
    let mut pairs = Vec::new();
    for x in xs {
        if let Some(y) = by_id.get(&id(x)) {
            if name(x) == name(y) {
                pairs.push((id(x), id(y), Matched::Id));
                used_x.insert(id(x));
                used_y.insert(id(y));
            }
        }
    }
    // Names that are unique on both sides.
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for x in xs.iter().filter(|x| !used_x.contains(&id(x))) {
        count.entry(name(x)).or_default().0 += 1;
    }
    for y in ys.iter().filter(|y| !used_y.contains(&id(y))) {
        count.entry(name(y)).or_default().1 += 1;
    }
    let by_name: HashMap<&str, &T> = ys
        .iter()
        .filter(|y| !used_y.contains(&id(y)) && count.get(name(y)) == Some(&(1, 1)))
        .map(|y| (name(y), y))
        .collect();
    let rest: Vec<&T> = xs.iter().filter(|x| !used_x.contains(&id(x))).collect();
    for x in rest {
        if let Some(y) = by_name.get(name(x)) {
            pairs.push((id(x), id(y), Matched::Name));
            used_x.insert(id(x));
            used_y.insert(id(y));
        }
    }
    let rest: Vec<&T> = xs.iter().filter(|x| !used_x.contains(&id(x))).collect();
    for x in rest {
        if let Some(y) = by_id.get(&id(x)).filter(|y| !used_y.contains(&id(y))) {
            pairs.push((id(x), id(y), Matched::IdRenamed));
            used_x.insert(id(x));
            used_y.insert(id(y));
        }
    }
    pairs.sort_by_key(|p| p.1);
    pairs
}

/// Pairs links: same id and the same ends (after pairing systems) first, then the same
/// ends and purpose under another id, then what is left with the same id.
pub(super) fn pair_links(
    before: &Design,
    after: &Design,
    systems: &HashMap<SystemId, SystemId>,
) -> Vec<(LinkId, LinkId, Matched)> {
    let ends = |l: &Link| (systems.get(&l.from).copied(), systems.get(&l.to).copied());
    let by_id: HashMap<LinkId, &Link> = after.links.iter().map(|l| (l.id, l)).collect();
    let mut used_x = std::collections::HashSet::new();
    let mut used_y = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for x in before.links.iter() {
        if let Some(y) = by_id.get(&x.id) {
            if ends(x) == (Some(y.from), Some(y.to)) {
                pairs.push((x.id, y.id, Matched::Id));
                used_x.insert(x.id);
                used_y.insert(y.id);
            }
        }
    }
    let mut by_key: HashMap<(SystemId, SystemId, &str), Vec<LinkId>> = HashMap::new();
    for y in after.links.iter().filter(|y| !used_y.contains(&y.id)) {
        by_key
            .entry((y.from, y.to, y.purpose.as_str()))
            .or_default()
            .push(y.id);
    }
    let rest: Vec<&Link> = before
        .links
        .iter()
        .filter(|x| !used_x.contains(&x.id))
        .collect();
    for x in rest {
        let (Some(from), Some(to)) = ends(x) else {
            continue;
        };
        if let Some(ids) = by_key.get_mut(&(from, to, x.purpose.as_str())) {
            if !ids.is_empty() {
                let y = ids.remove(0);
                pairs.push((x.id, y, Matched::Name));
                used_x.insert(x.id);
                used_y.insert(y);
            }
        }
    }
    let rest: Vec<&Link> = before
        .links
        .iter()
        .filter(|x| !used_x.contains(&x.id))
        .collect();
    for x in rest {
        if by_id.contains_key(&x.id) && !used_y.contains(&x.id) {
            pairs.push((x.id, x.id, Matched::IdRenamed));
            used_x.insert(x.id);
            used_y.insert(x.id);
        }
    }
    pairs.sort_by_key(|p| p.1);
    pairs
}
