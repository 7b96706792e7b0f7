//! Tiny designs for unit tests, written in a line or two.

use crate::model::{Design, Link, System, SystemId, SystemKind};

/// A design under construction: systems are numbered from 1 in the order given.
pub struct Sketch(Design);

/// Starts a design with these systems, named and of these kinds.
pub fn sketch(systems: &[(&str, SystemKind)]) -> Sketch {
    let mut d = Design {
        name: "Sketch".into(),
        ..Design::default()
    };
    for (i, (name, kind)) in systems.iter().enumerate() {
        d.systems
            .push(System::new(SystemId(i as u32 + 1), *name, *kind));
    }
    Sketch(d)
}

impl Sketch {
    /// Adds a link from system `from` to system `to` (1-based), adjusted by `edit`.
    pub fn link(mut self, from: u32, to: u32, edit: impl FnOnce(&mut Link)) -> Self {
        let mut l = Link::new(self.0.next_link_id(), SystemId(from), SystemId(to));
        edit(&mut l);
        self.0.links.push(l);
        self
    }

    /// The finished design.
    pub fn build(self) -> Design {
        self.0
    }
}
