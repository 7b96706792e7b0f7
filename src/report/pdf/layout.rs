//! Text flowed onto pages: headings (numbered in the contents and kept as bookmarks),
//! wrapped paragraphs, label–value rows, pictures, and a page break where the next
//! piece does not fit. Nothing is drawn here; each page is a list of what to draw.

use super::fonts::{Fonts, Which};

/// A page size in points, upright.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

/// Room left around the text.
pub(super) const MARGIN: f32 = 56.0;
/// Room at the foot of a page for its number.
pub(super) const FOOT: f32 = 34.0;
pub(super) const BODY: f32 = 10.0;
pub(super) const INK: [u8; 3] = [0x1e, 0x1e, 0x1e];
pub(super) const MUTED: [u8; 3] = [0x4a, 0x55, 0x66];

/// A parsed picture: its index among the document's, its width and height.
pub(super) type Placed = (usize, f32, f32);

/// One thing to draw.
pub(super) enum Op {
    /// A run of text in one face, its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Which,
        colour: [u8; 3],
        text: String,
    },
    /// A straight line.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// A picture (by index among the document's parsed SVGs), its top left at `x`,
    /// `y`, drawn `w` wide and `h` high; `clip`, when the picture is split over pages,
    /// is the part of the page (x, y, w, h) it shows through.
    Picture {
        tree: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        clip: Option<[f32; 4]>,
    },
    /// A link to the heading with this index, over this rectangle.
    Link { rect: [f32; 4], heading: usize },
}

/// A laid-out page.
pub(super) struct Page {
    pub(super) size: PageSize,
    pub(super) ops: Vec<Op>,
    /// Whether the page counts in the footer (every page but the title page does).
    pub(super) numbered: bool,
}

/// A heading: its text, depth (1 or 2), page and height on the page, for the contents
/// and the bookmarks.
pub(super) struct Heading {
    pub(super) text: String,
    pub(super) level: u8,
    pub(super) page: usize,
    pub(super) y: f32,
}

/// Pages being filled from the top.
pub(super) struct Flow<'f> {
    pub(super) fonts: &'f mut Fonts,
    pub(super) size: PageSize,
    pub(super) pages: Vec<Page>,
    pub(super) headings: Vec<Heading>,
    y: f32,
}

impl<'f> Flow<'f> {
    pub(super) fn new(fonts: &'f mut Fonts, size: PageSize) -> Self {
        Self {
            fonts,
            size,
            pages: Vec::new(),
            headings: Vec::new(),
            y: f32::INFINITY,
        }
    }

    fn bottom(&self) -> f32 {
        self.page_size().height - MARGIN - FOOT
    }

    fn page_size(&self) -> PageSize {
        self.pages.last().map_or(self.size, |p| p.size)
    }

    pub(super) fn text_width(&self) -> f32 {
        self.page_size().width - 2.0 * MARGIN
    }

    /// Starts a page of `size`.
    pub(super) fn page_of(&mut self, size: PageSize, numbered: bool) {
        self.pages.push(Page {
            size,
            ops: Vec::new(),
            numbered,
        });
        self.y = MARGIN;
    }

    /// Starts an upright page.
    pub(super) fn page(&mut self) {
        self.page_of(self.size, true);
    }

    /// Room for `h` more points on this page, or a new page.
    pub(super) fn need(&mut self, h: f32) {
        if self.pages.is_empty() || self.y + h > self.bottom() {
            self.page();
        }
    }

    pub(super) fn space(&mut self, h: f32) {
        self.y += h;
    }

    pub(super) fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    /// A heading at `level` 1 (a part, on a new page) or 2 (a section), kept for the
    /// contents and bookmarks.
    pub(super) fn heading(&mut self, level: u8, text: &str) {
        let size = if level == 1 { 17.0 } else { 12.5 };
        if level == 1 {
            self.page();
        } else {
            self.need(size * 4.0);
            self.space(6.0);
        }
        let top = self.y;
        self.headings.push(Heading {
            text: text.to_owned(),
            level,
            page: self.pages.len() - 1,
            y: top,
        });
        self.lines(text, size, true, INK, 0.0);
        self.space(if level == 1 { 8.0 } else { 3.0 });
    }

    /// A part's heading for the contents and bookmarks, at the top of this page, which
    /// draws its own title.
    pub(super) fn heading_here(&mut self, text: &str) {
        self.headings.push(Heading {
            text: text.to_owned(),
            level: 1,
            page: self.pages.len().saturating_sub(1),
            y: MARGIN,
        });
    }

    /// A wrapped paragraph.
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: [u8; 3]) {
        self.lines(text, size, bold, colour, 0.0);
        self.space(size * 0.45);
    }

    /// `text` wrapped to the text width, from the current height on.
    pub(super) fn lines(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: [u8; 3],
        indent: f32,
    ) {
        let width = self.text_width() - indent;
        for line in self.wrap(text, size, bold, width) {
            self.need(size * 1.35);
            self.y += size;
            self.run(MARGIN + indent, self.y, size, bold, colour, &line);
            self.y += size * 0.35;
        }
    }

    /// A label in bold and its value after it, the value wrapped under itself.
    pub(super) fn pair(&mut self, label: &str, value: &str, label_width: f32) {
        let width = self.text_width() - label_width;
        let lines = self.wrap(value, BODY, false, width);
        self.need(BODY * 1.35);
        self.y += BODY;
        self.run(MARGIN, self.y, BODY, true, INK, label);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.need(BODY * 1.35);
                self.y += BODY;
            }
            self.run(MARGIN + label_width, self.y, BODY, false, INK, line);
            self.y += BODY * 0.35;
        }
        if lines.is_empty() {
            self.y += BODY * 0.35;
        }
    }

    /// A thin rule across the text width.
    pub(super) fn rule(&mut self) {
        self.need(8.0);
        self.y += 4.0;
        let (x1, x2, y) = (MARGIN, MARGIN + self.text_width(), self.y);
        self.push(Op::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
        });
        self.y += 4.0;
    }

    /// A picture `w` by `h` points at the left margin, on a new page when it does not
    /// fit on this one.
    pub(super) fn picture(&mut self, tree: usize, w: f32, h: f32) {
        self.need(h + 6.0);
        let y = self.y;
        self.push(Op::Picture {
            tree,
            x: MARGIN,
            y,
            w,
            h,
            clip: None,
        });
        self.y += h + 6.0;
    }

    /// One line of text at `x`, baseline `y`, in runs of the faces that have its
    /// characters.
    pub(super) fn run(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: [u8; 3],
        text: &str,
    ) {
        let mut x = x;
        for (face, text, width) in self.fonts.runs(text, bold) {
            self.push(Op::Text {
                x,
                y,
                size,
                face,
                colour,
                text,
            });
            x += width * size;
        }
    }

    /// `text` broken at spaces into lines no wider than `width`; a word wider than a
    /// line is broken inside. A width is the sum of its characters' advances, so each
    /// word and character is measured once, not the whole line again for each.
    pub(super) fn wrap(&mut self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let space = self.fonts.width(" ", bold, size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut used) = (String::new(), 0.0);
            for word in paragraph.split_whitespace() {
                let wide = self.fonts.width(word, bold, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if used + gap + wide <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    used += gap + wide;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                used = 0.0;
                // The word alone, split where it must be.
                let mut buf = [0; 4];
                for c in word.chars() {
                    let advance = self.fonts.width(c.encode_utf8(&mut buf), bold, size);
                    if !line.is_empty() && used + advance > width {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += advance;
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word_and_character() {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_system_fonts();
        let mut fonts = Fonts::new(std::sync::Arc::new(db)).expect("a font");
        let mut flow = Flow::new(&mut fonts, super::super::A4);
        let text = "Orders go from the web shop to Salesforce as they are placed, \
                    each one answered.\nA_very_long_identifier_with_no_spaces_at_all_\
                    that_cannot_fit_on_one_line and after it ünïcödé words.";
        for width in [40.0, 120.0, 300.0] {
            let lines = flow.wrap(text, BODY, false, width);
            for line in &lines {
                let wide = flow.fonts.width(line, false, BODY);
                assert!(
                    wide <= width + 0.01 || line.chars().count() == 1,
                    "{line:?} is {wide} wide, more than {width}"
                );
            }
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&lines.concat()), squeeze(text), "at {width}");
            assert!(lines.len() >= 3, "the break is kept, and long text wraps");
        }
    }
}
