//! The rectangle every part of the drawing measures with.

use crate::model::Pos;

/// An axis-aligned rectangle, (x0, y0) top left, (x1, y1) bottom right.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

impl Rect {
    /// A rectangle from its edges.
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self { x0, y0, x1, y1 }
    }

    /// A `w` by `h` rectangle centred on `c`.
    pub fn centered(c: Pos, w: f32, h: f32) -> Self {
        Self::new(c.x - w / 2.0, c.y - h / 2.0, c.x + w / 2.0, c.y + h / 2.0)
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The centre.
    pub fn center(&self) -> Pos {
        Pos {
            x: (self.x0 + self.x1) / 2.0,
            y: (self.y0 + self.y1) / 2.0,
        }
    }

    /// The segment a-b as a rectangle `pad` thick on each side (a line has no area,
    /// and would overlap nothing).
    pub fn around_segment(a: Pos, b: Pos, pad: f32) -> Self {
        Self::new(a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y)).grow(pad)
    }

    /// Grown by `d` on every side.
    pub fn grow(&self, d: f32) -> Self {
        Self::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Self {
        Self::new(
            self.x0.min(o.x0),
            self.y0.min(o.y0),
            self.x1.max(o.x1),
            self.y1.max(o.y1),
        )
    }

    /// Whether the two overlap by more than `depth` both across and down.
    pub fn overlaps(&self, o: &Rect, depth: f32) -> bool {
        self.x1.min(o.x1) - self.x0.max(o.x0) > depth
            && self.y1.min(o.y1) - self.y0.max(o.y0) > depth
    }

    /// Whether `p` is inside or on the border.
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.x0 && p.x <= self.x1 && p.y >= self.y0 && p.y <= self.y1
    }

    /// Whether `p` is strictly inside.
    pub fn contains_strictly(&self, p: Pos) -> bool {
        p.x > self.x0 && p.x < self.x1 && p.y > self.y0 && p.y < self.y1
    }
}
