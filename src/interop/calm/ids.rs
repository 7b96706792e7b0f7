//! CALM `unique-id`s made from names: readable, and unique across the document.

use crate::model::{Design, LinkId, Protocol, SystemId, ZoneId};
use std::collections::{HashMap, HashSet};

/// The ids given so far.
#[derive(Default)]
pub(super) struct UniqueIds {
    taken: HashSet<String>,
    /// The next number to try after each base, so many equal names stay linear.
    next: HashMap<String, u32>,
}

impl UniqueIds {
    /// An unused id made of `name`'s letters and digits ("Web shop backend" as
    /// `web-shop-backend`), with `-2`, `-3`… after it when taken, and `fallback` for a
    /// name with no ASCII letter or digit.
    pub(super) fn claim(&mut self, name: &str, fallback: &str) -> String {
        let mut base = String::with_capacity(name.len());
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                base.push(c.to_ascii_lowercase());
            } else if !base.is_empty() && !base.ends_with('-') {
                base.push('-');
            }
        }
        while base.ends_with('-') {
            base.pop();
        }
        if base.is_empty() {
            base = fallback.to_owned();
        }
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Every zone's, system's and link's CALM id, made from its name.
pub(super) struct Ids {
    pub(super) zones: HashMap<ZoneId, String>,
    pub(super) systems: HashMap<SystemId, String>,
    pub(super) links: HashMap<LinkId, String>,
}

impl Ids {
    pub(super) fn new(design: &Design, taken: &mut UniqueIds) -> Self {
        let zones = (design.zones.iter())
            .map(|z| (z.id, taken.claim(&z.name, "zone")))
            .collect();
        let systems: HashMap<SystemId, String> = (design.systems.iter())
            .map(|s| (s.id, taken.claim(&s.name, "system")))
            .collect();
        let links = (design.links.iter())
            .filter_map(|l| {
                let from = systems.get(&l.from)?;
                let to = systems.get(&l.to)?;
                Some((l.id, taken.claim(&format!("{from} to {to}"), "link")))
            })
            .collect();
        Self {
            zones,
            systems,
            links,
        }
    }

    /// The interface of `system` for links that reach it by `p`.
    pub(super) fn interface(&self, system: SystemId, p: Protocol) -> String {
        let node = self.systems.get(&system).map_or("", String::as_str);
        format!("{node}-{}", p.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_unique_readable_ids() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.claim("Web shop backend", "system"), "web-shop-backend");
        assert_eq!(
            ids.claim("Web shop (backend)", "system"),
            "web-shop-backend-2"
        );
        assert_eq!(
            ids.claim("Zahlungsdienst «neu»", "system"),
            "zahlungsdienst-neu"
        );
        assert_eq!(ids.claim("東京", "system"), "system");
        assert_eq!(ids.claim("東京", "system"), "system-2");
    }
}
