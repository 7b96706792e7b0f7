//! Which shapes on a draw.io page are containers, and which container each shape is
//! in. A container holds shapes either as draw.io's children (dropped into it) or
//! only by being drawn around them: cloud diagrams draw their groups (a cloud, a
//! VPC, a subnet) as frames over shapes that stay on the page's layer.

use super::cells::{Cell, Cells};

/// A shape's place on the page: left, top, right, bottom.
type Rect = [f32; 4];

/// The containers of a page and where every shape is.
pub(super) struct Frames {
    rects: Vec<Option<Rect>>,
    container: Vec<bool>,
    /// The containers' indices, the few that every shape is looked up among.
    containers: Vec<usize>,
    /// Each cell's outermost container, worked out once.
    outer: Vec<Option<usize>>,
}

fn area(r: &Rect) -> f32 {
    (r[2] - r[0]) * (r[3] - r[1])
}

impl Frames {
    /// The frames of `cells`; `eligible` says which vertices may be containers or be
    /// contained (not text boxes, pictures or edge labels).
    pub(super) fn of(cells: &Cells<'_, '_>, eligible: impl Fn(&Cell<'_, '_>) -> bool) -> Self {
        let rects: Vec<Option<Rect>> = (cells.all.iter().enumerate())
            .map(|(i, c)| {
                let (w, h) = c.geometry().map(|g| (g.2, g.3))?;
                if !c.is_vertex() || !eligible(c) || w <= 0.0 || h <= 0.0 {
                    return None;
                }
                let (x, y) = cells.origin(i);
                Some([x, y, x + w, y + h])
            })
            .collect();
        // Which cells hold shapes, in one pass.
        let mut holds = vec![false; cells.all.len()];
        for c in cells.all.iter().filter(|c| c.is_vertex()) {
            if let Some(p) = c.parent().and_then(|p| cells.index(p)) {
                holds[p] = true;
            }
        }
        let placed: Vec<(usize, Rect)> = (rects.iter().enumerate())
            .filter_map(|(k, r)| Some((k, (*r)?)))
            .collect();
        let container: Vec<bool> = (cells.all.iter().enumerate())
            .map(|(i, c)| {
                if !c.is_vertex() || !eligible(c) {
                    return false;
                }
                match c.attr("patchbay") {
                    Some(kind) => kind == "zone",
                    None => {
                        holds[i]
                            || rects[i].is_some_and(|r| {
                                placed.iter().any(|(k, o)| *k != i && encloses(&r, o))
                            })
                    }
                }
            })
            .collect();
        let containers = (0..container.len()).filter(|&i| container[i]).collect();
        let mut frames = Self {
            rects,
            container,
            containers,
            outer: Vec::new(),
        };
        frames.outer = (0..cells.all.len())
            .map(|i| frames.find_outermost(cells, i))
            .collect();
        frames
    }

    /// Whether cell `i` is a container.
    pub(super) fn is_container(&self, i: usize) -> bool {
        self.container[i]
    }

    /// The outermost container around cell `i`.
    pub(super) fn outermost(&self, i: usize) -> Option<usize> {
        self.outer[i]
    }

    /// The outermost container around cell `i`: the outermost it sits in as a
    /// child, when it is one; else, among those drawn around its centre, the largest.
    fn find_outermost(&self, cells: &Cells<'_, '_>, i: usize) -> Option<usize> {
        let mut parents = Vec::new();
        let mut at = cells.all[i].parent();
        for _ in 0..64 {
            let Some(p) = at.and_then(|p| cells.index(p)) else {
                break;
            };
            parents.push(p);
            at = cells.all[p].parent();
        }
        // Dropped into a container: that says where it is, whatever overlaps it.
        if let Some(&top) = parents.iter().rev().find(|&&p| self.container[p]) {
            let around = self.find_outermost(cells, top);
            return Some(around.unwrap_or(top));
        }
        // Patchbay's own files say every zone outright; drawing is no evidence there.
        if cells.all[i].attr("patchbay").is_some() {
            return None;
        }
        let centre = self.rects[i].map(|r| ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0));
        let own = self.rects[i].as_ref().map_or(0.0, area);
        (self.containers.iter().copied())
            .filter(|&k| k != i && cells.all[k].attr("patchbay").is_none())
            .filter(|&k| match (self.rects[k], centre) {
                (Some(r), Some((x, y))) => {
                    area(&r) > own && x > r[0] && x < r[2] && y > r[1] && y < r[3]
                }
                _ => false,
            })
            .max_by(|&a, &b| {
                let size = |k: usize| self.rects[k].as_ref().map_or(0.0, area);
                size(a).total_cmp(&size(b))
            })
    }
}

/// Whether `outer` is drawn wholly around `inner` and is larger.
fn encloses(outer: &Rect, inner: &Rect) -> bool {
    inner[0] >= outer[0]
        && inner[1] >= outer[1]
        && inner[2] <= outer[2]
        && inner[3] <= outer[3]
        && area(outer) > area(inner)
}
