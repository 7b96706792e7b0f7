//! Far out, every unselected link as a bare line in one mesh, its pieces merged per
//! pixel row and column for the zoom; a large design's merge is made on another
//! thread while the last one is drawn.

use crate::geometry::Geometry;
use crate::job::{Job, Polled, Waker};
use crate::model::Pos;
use egui::{Pos2, Rect, Shape};
use egui_graphs::MetadataFrame;
use std::collections::HashMap;
use std::sync::Arc;

use super::super::theme;

/// A piece of a link's route in design units, with the link's colour.
type Line = (Pos2, Pos2, egui::Color32);
/// Intervals along one pixel row or column.
type Spans = Vec<(f32, f32)>;

/// What a merge of the far-out lines is for: a zoom, a drawing (by identity) and
/// whether advice is hidden (all links one colour).
#[derive(Clone)]
struct LinesOf {
    zoom: f32,
    geometry: Arc<Geometry>,
    hidden: bool,
}

impl PartialEq for LinesOf {
    fn eq(&self, o: &Self) -> bool {
        self.zoom == o.zoom && self.hidden == o.hidden && Arc::ptr_eq(&self.geometry, &o.geometry)
    }
}

/// Every link's route as pieces in design units, with its colour: its pattern's, or
/// one colour for all while an exercise hides the advice.
fn link_lines_of(geometry: &Geometry, hidden: bool) -> Vec<Line> {
    let p2 = |p: Pos| Pos2::new(p.x, p.y);
    let mut lines = Vec::new();
    for l in &geometry.links {
        let color = if hidden {
            theme::HIDDEN_ADVICE
        } else {
            theme::pattern_style(l.pattern).0
        };
        lines.extend(
            l.route
                .windows(2)
                .filter(|w| w[0] != w[1])
                .map(|w| (p2(w[0]), p2(w[1]), color)),
        );
    }
    lines
}

/// Route pieces joined where they fall on the same row or column of pixels `step`
/// design units apart (one pixel at the zoom they are drawn at): horizontal ones by
/// row and colour, vertical ones by column and colour, overlapping or touching
/// intervals made one. Slanted pieces (a link drawn straight while a box is dragged)
/// are kept as they are.
fn merge_lines(lines: &[Line], step: f32) -> Vec<Line> {
    let step = step.max(f32::EPSILON);
    let cell = |v: f32| (v / step).round() as i64;
    // (vertical, row or column, colour) -> intervals along it.
    let mut runs: HashMap<(bool, i64, [u8; 4]), Spans> = HashMap::new();
    let mut out = Vec::new();
    for &(a, b, color) in lines {
        if a.y == b.y {
            runs.entry((false, cell(a.y), color.to_array()))
                .or_default()
                .push((a.x.min(b.x), a.x.max(b.x)));
        } else if a.x == b.x {
            runs.entry((true, cell(a.x), color.to_array()))
                .or_default()
                .push((a.y.min(b.y), a.y.max(b.y)));
        } else {
            out.push((a, b, color));
        }
    }
    let mut keys: Vec<_> = runs.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let (vertical, at, [r, g, b, a]) = key;
        let color = egui::Color32::from_rgba_premultiplied(r, g, b, a);
        let Some(mut spans) = runs.remove(&key) else {
            continue;
        };
        spans.sort_by(|x, y| x.0.total_cmp(&y.0));
        let at = at as f32 * step;
        let mut push = |from: f32, to: f32| {
            out.push(if vertical {
                (Pos2::new(at, from), Pos2::new(at, to), color)
            } else {
                (Pos2::new(from, at), Pos2::new(to, at), color)
            });
        };
        let mut current = spans[0];
        for &(from, to) in &spans[1..] {
            if from <= current.1 + step {
                current.1 = current.1.max(to);
            } else {
                push(current.0, current.1);
                current = (from, to);
            }
        }
        push(current.0, current.1);
    }
    out
}

/// The merged lines of the last zoom and drawing, and a merge being made.
#[derive(Default)]
pub(super) struct FarLines {
    /// The drawing's links as lines merged for one zoom: pieces on the same pixel row
    /// or column joined, so a channel of a hundred parallel links is a few long quads.
    /// Kept while only the pan changes, and drawn until a newer merge is ready.
    merged: Option<(LinesOf, Vec<Line>)>,
    /// A merge of a large design's lines being made on another thread.
    merging: Option<Job<LinesOf, Vec<Line>>>,
}

impl FarLines {
    /// Brings `merged` to this zoom and drawing: at once for a design of up to
    /// [`crate::document::BACKGROUND_DRAWING_LINKS`] links, on another thread for a
    /// larger one (where it takes a few hundred milliseconds), drawing the last merge
    /// meanwhile; a merge made for another zoom or drawing is still about right, only
    /// joined at another pixel size.
    fn merge_for(&mut self, zoom: f32, geometry: &Arc<Geometry>, hidden: bool, waker: &Waker) {
        let wanted = LinesOf {
            zoom,
            geometry: Arc::clone(geometry),
            hidden,
        };
        if self.merged.as_ref().is_some_and(|(of, _)| *of == wanted) {
            return;
        }
        if let Some(job) = &self.merging {
            match job.poll() {
                Polled::Ready(lines) => {
                    let fresh = *job.key() == wanted;
                    self.merged = self.merging.take().map(|job| (job.key().clone(), lines));
                    if fresh {
                        return;
                    }
                }
                Polled::Waiting => return,
                Polled::Ended => self.merging = None,
            }
        }
        let merge = {
            let of = wanted.clone();
            move || merge_lines(&link_lines_of(&of.geometry, of.hidden), 1.0 / of.zoom)
        };
        if wanted.geometry.links.len() <= crate::document::BACKGROUND_DRAWING_LINKS {
            self.merged = Some((wanted, merge()));
            return;
        }
        self.merging = Some(Job::one("merge lines", wanted, waker, merge));
    }

    /// Every unselected link as a bare line, in one mesh: zoomed this far out a link
    /// has no arrowhead and no readable label, and tens of thousands of them drawn as
    /// shapes of their own would cost a frame each to tessellate. Lines thinner than a
    /// pixel are drawn one pixel wide and fainter, as egui draws thin lines.
    pub(super) fn shape(
        &mut self,
        meta: &MetadataFrame,
        clip: Rect,
        (geometry, hidden): (&Arc<Geometry>, bool),
        waker: &Waker,
    ) -> Shape {
        let width = super::super::shapes::link_width(meta.zoom, false);
        let (half, fade) = (width.max(1.0) / 2.0, width.min(1.0));
        self.merge_for(meta.zoom, geometry, hidden, waker);
        let lines = self.merged.as_ref().map_or(&[][..], |(_, l)| l.as_slice());
        let mut mesh = egui::Mesh::default();
        mesh.reserve_vertices(4 * lines.len());
        mesh.reserve_triangles(2 * lines.len());
        for &(a, b, color) in lines {
            let (a, b) = (meta.canvas_to_screen_pos(a), meta.canvas_to_screen_pos(b));
            // A piece shorter than a pixel adds nothing the pieces beside it do not show.
            if (b - a).length_sq() < 0.5 || !clip.intersects(Rect::from_two_pos(a, b).expand(half))
            {
                continue;
            }
            let n = (b - a).normalized().rot90() * half;
            let color = color.gamma_multiply(fade);
            let i = mesh.vertices.len() as u32;
            for p in [a + n, a - n, b - n, b + n] {
                mesh.colored_vertex(p, color);
            }
            mesh.add_triangle(i, i + 1, i + 2);
            mesh.add_triangle(i, i + 2, i + 3);
        }
        Shape::mesh(mesh)
    }
}

#[cfg(test)]
mod tests {
    use super::merge_lines;
    use egui::{Color32, Pos2};

    #[test]
    fn pieces_on_one_pixel_row_are_one_line_and_colours_stay_apart() {
        let p = Pos2::new;
        let (red, blue) = (Color32::RED, Color32::BLUE);
        let lines = [
            (p(0.0, 10.0), p(50.0, 10.0), red),
            // Half a pixel lower at zoom 0.1 (10 units a pixel), overlapping: joined.
            (p(40.0, 14.0), p(120.0, 14.0), red),
            // Same row, another colour: kept apart.
            (p(0.0, 10.0), p(50.0, 10.0), blue),
            // Same row and colour, far along: a line of its own.
            (p(400.0, 10.0), p(500.0, 10.0), red),
            // A column, its pieces touching.
            (p(7.0, 0.0), p(7.0, 30.0), red),
            (p(7.0, 35.0), p(7.0, 60.0), red),
            // Slanted: as it is.
            (p(0.0, 0.0), p(30.0, 40.0), blue),
        ];
        let merged = merge_lines(&lines, 10.0);
        assert_eq!(merged.len(), 5, "{merged:?}");
        let red_rows: Vec<_> = merged
            .iter()
            .filter(|(a, b, c)| *c == red && a.y == b.y)
            .map(|(a, b, _)| (a.x, b.x))
            .collect();
        assert_eq!(red_rows, vec![(0.0, 120.0), (400.0, 500.0)]);
        assert!(merged.contains(&(p(10.0, 0.0), p(10.0, 60.0), red)));
        assert!(merged.contains(&(p(0.0, 0.0), p(30.0, 40.0), blue)));
    }
}
