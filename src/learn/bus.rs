//! The bus question side by side: today's point-to-point links against the same
//! systems connected through one hub, found by introducing the bus on a copy of the
//! design and deciding the ESB question again.

use crate::analysis::esb::{self, Esb, SignalKind};
use crate::analysis::graph::DesignGraph;
use crate::model::{Design, bus};

/// Today's ESB counts and signals next to those with a hub.
#[derive(Clone, Debug, PartialEq)]
pub struct SideBySide {
    /// The design as it is.
    pub today: Esb,
    /// The design with every link routed through one middleware system; `None` when
    /// every link already goes through one.
    pub with_hub: Option<Esb>,
}

impl SideBySide {
    /// Compares `design` with the same design after [`bus::introduce`].
    pub fn of(design: &Design) -> Self {
        let today = esb::assess(design, &DesignGraph::new(design));
        let with_hub = bus::introduce(design).map(|edit| {
            let mut hubbed = design.clone();
            edit.apply(&mut hubbed);
            esb::assess(&hubbed, &DesignGraph::new(&hubbed))
        });
        Self { today, with_hub }
    }

    /// Today's signals that a hub would not make go away (a hub mediates protocols, it
    /// does not remove them), and those that would go.
    pub fn signals(&self) -> (Vec<SignalKind>, Vec<SignalKind>) {
        // With every link already through a hub, today's signals are the hub's.
        let after: Vec<SignalKind> = self
            .with_hub
            .as_ref()
            .unwrap_or(&self.today)
            .signals
            .iter()
            .map(|s| s.kind)
            .collect();
        self.today
            .signals
            .iter()
            .map(|s| s.kind)
            .partition(|k| after.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_systems_in_a_mesh_need_ten_connections_and_five_through_a_hub() {
        let exercise = super::super::exercises::get("mesh-count").expect("exercise");
        let s = SideBySide::of(&exercise.start());
        assert_eq!(
            (s.today.systems, s.today.point_to_point, s.today.full_mesh),
            (5, 6, 10)
        );
        let hub = s.with_hub.as_ref().expect("links to route");
        // The hub is in place: it is not one of the n systems, every one of them has one
        // connection to it, and no direct connection is left.
        assert_eq!((hub.systems, hub.point_to_point, hub.via_hub), (5, 0, 5));
        let (remain, gone) = s.signals();
        assert!(
            gone.contains(&SignalKind::MoreConnectionsThanSystems),
            "{gone:?}"
        );
        assert!(
            remain.contains(&SignalKind::ProtocolMediation),
            "{remain:?}"
        );
    }
}
