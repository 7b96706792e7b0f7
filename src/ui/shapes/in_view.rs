//! Which links have anything in view: an index of every link's route pieces and
//! labels, filled on another thread for a large design.

use egui::Rect;
use std::sync::Arc;

/// Which links have a piece of route or a label in view, by their place in the
/// drawing's links: worked out once a frame from a spatial index of every link's
/// pieces, the first time a link asks, so no link looks through its own route. Until
/// the index is ready (it is built on another thread for a large design), every link
/// whose bounds meet the view is drawn.
#[derive(Default)]
pub struct InView(std::sync::Mutex<InViewState>);

#[derive(Default)]
pub(super) struct InViewState {
    /// Route pieces and labels in design units; none until filled.
    pieces: Option<crate::geometry::index::Grid>,
    /// Which link each piece belongs to.
    owners: Vec<usize>,
    /// The view `shown` was worked out for.
    view: Option<Rect>,
    shown: Vec<bool>,
}

impl std::fmt::Debug for InView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InView")
    }
}

impl InViewState {
    /// An index of these pieces (rectangle, link's place) of `links` links.
    fn of(pieces: Vec<(crate::geometry::Rect, usize)>, links: usize) -> Self {
        let mut grid = crate::geometry::index::Grid::new(512.0);
        let mut owners = Vec::with_capacity(pieces.len());
        for (r, owner) in pieces {
            grid.insert(r);
            owners.push(owner);
        }
        Self {
            pieces: Some(grid),
            owners,
            view: None,
            shown: vec![false; links],
        }
    }
}

impl InView {
    /// Indexes the route pieces and labels of `geometry`'s links (a link's place is
    /// its place in `geometry.links`), on another thread for a large design: it has
    /// millions of route pieces, and until the index is ready each link looks through
    /// its own route.
    pub fn fill(
        self: &Arc<Self>,
        geometry: Arc<crate::geometry::Geometry>,
        waker: &crate::job::Waker,
    ) {
        let (this, waker) = (Arc::clone(self), waker.clone());
        let links = geometry.links.len();
        let build = move || {
            let mut pieces = Vec::new();
            for (slot, l) in geometry.links.iter().enumerate() {
                for w in l.route.windows(2) {
                    pieces.push((crate::geometry::Rect::around_segment(w[0], w[1], 1.0), slot));
                }
                for p in l.label.iter().chain(&l.overview) {
                    pieces.push((p.rect, slot));
                }
                if l.route.len() < 2 {
                    let ends = (geometry.system(l.from), geometry.system(l.to));
                    if let (Some(a), Some(b)) = ends {
                        let (a, b) = (a.rect.center(), b.rect.center());
                        pieces.push((crate::geometry::Rect::around_segment(a, b, 1.0), slot));
                    }
                }
            }
            if let Ok(mut state) = this.0.lock() {
                *state = InViewState::of(pieces, links);
            }
            // The next frame draws only what is in view.
            waker.wake();
        };
        if links <= crate::document::BACKGROUND_DRAWING_LINKS {
            build();
        } else {
            // Until it is filled, every link whose bounds meet the view is drawn.
            crate::job::detach("links in view", build);
        }
    }

    /// Whether link `slot` has anything in `view` (design units).
    pub(super) fn shows(&self, slot: usize, view: Rect) -> bool {
        let Ok(mut state) = self.0.lock() else {
            return true;
        };
        if state.view != Some(view) {
            let state = &mut *state;
            let Some(pieces) = &state.pieces else {
                return true;
            };
            state.shown.iter_mut().for_each(|s| *s = false);
            let area = crate::geometry::Rect::new(view.min.x, view.min.y, view.max.x, view.max.y);
            let (owners, shown) = (&state.owners, &mut state.shown);
            pieces.any_near(&area, |i, r| {
                if r.overlaps(&area, 0.0) {
                    if let Some(s) = owners.get(i).and_then(|&o| shown.get_mut(o)) {
                        *s = true;
                    }
                }
                false
            });
            state.view = Some(view);
        }
        state.shown.get(slot).copied().unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Pos2;

    #[test]
    fn a_link_is_in_view_only_where_a_piece_of_it_is() {
        use crate::geometry::Rect as R;
        let in_view = InView::default();
        // Not indexed yet: every link draws itself.
        let view = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        assert!(in_view.shows(0, view));
        // Link 0 runs around the view (an L whose bounds cover it), link 1 crosses it.
        let in_view = InView(std::sync::Mutex::new(InViewState::of(
            vec![
                (R::new(-500.0, -10.0, 500.0, -8.0), 0),
                (R::new(498.0, -10.0, 500.0, 500.0), 0),
                (R::new(50.0, -500.0, 52.0, 500.0), 1),
            ],
            2,
        )));
        assert!(!in_view.shows(0, view));
        assert!(in_view.shows(1, view));
        let elsewhere = Rect::from_min_max(Pos2::new(450.0, 100.0), Pos2::new(550.0, 200.0));
        assert!(in_view.shows(0, elsewhere));
        assert!(!in_view.shows(1, elsewhere));
    }
}
