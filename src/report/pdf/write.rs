//! Laid-out pages into a PDF with krilla: text, rules, pictures (a picture shown on
//! several pages drawn once), the contents' links, page numbers, bookmarks, and the
//! document's title, author and date.

use super::fonts::{Fonts, Which};
use super::layout::{Heading, MARGIN, MUTED, Op, Page};
use crate::model::Design;
use krilla::Document;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::graphic::Graphic;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;
use std::collections::HashMap;

/// What the title page says besides the design: when the pack was made, and who made
/// it (the document's author).
pub struct Made<'a> {
    pub date: &'a str,
    pub author: &'a str,
}

/// What drawing the pages shares: the pictures, and the graphics already made of them.
struct Drawing<'a> {
    fonts: &'a Fonts,
    trees: &'a [usvg::Tree],
    graphics: HashMap<usize, Graphic>,
}

/// The whole document.
pub(super) fn document(
    design: &Design,
    pages: &[Page],
    headings: &[Heading],
    trees: &[usvg::Tree],
    fonts: &Fonts,
    made: &Made<'_>,
) -> Result<Vec<u8>, String> {
    let total = pages.len();
    let mut document = Document::new();
    let mut drawing = Drawing {
        fonts,
        trees,
        graphics: HashMap::new(),
    };
    for (number, page) in (1..).zip(pages) {
        let settings =
            PageSettings::from_wh(page.size.width, page.size.height).ok_or("a page has no size")?;
        let mut p = document.start_page_with(settings);
        let mut links = Vec::new();
        let mut s = p.surface();
        if number == 1 {
            claim_missing_glyph(&mut s, fonts);
        }
        for op in &page.ops {
            match op {
                Op::Link { rect, heading } => links.push((*rect, *heading)),
                op => drawing.draw(&mut s, op),
            }
        }
        if page.numbered {
            let footer = format!("{} · page {number} of {total}", design.name);
            let at = Point::from_xy(MARGIN, page.size.height - MARGIN + 10.0);
            s.set_fill(Some(fill(MUTED)));
            let font = fonts.face(Which::Regular).font.clone();
            s.draw_text(at, font, 8.0, &footer, false, TextDirection::Auto);
        }
        s.finish();
        for ([x, y, w, h], heading) in links {
            let (Some(rect), Some(target)) = (Rect::from_xywh(x, y, w, h), headings.get(heading))
            else {
                continue;
            };
            let to = XyzDestination::new(target.page, Point::from_xy(0.0, target.y));
            p.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(to))),
                Some(target.text.clone()),
            ));
        }
        p.finish();
    }
    document.set_outline(outline(headings));
    document.set_metadata(metadata(design, made));
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

fn fill([r, g, b]: [u8; 3]) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

/// Characters no installed face has are set as the main face's missing-glyph box.
/// krilla maps a glyph to the first text drawn with it and puts any later, other text
/// in an `ActualText` span; but it never writes the missing glyph's own mapping, so
/// the first such character would be lost to copying and search. Drawing the missing
/// glyph once, invisibly and off the page, with text of its own makes every real
/// character after it carry its `ActualText`.
fn claim_missing_glyph(s: &mut Surface<'_>, fonts: &Fonts) {
    use krilla::text::{GlyphId, KrillaGlyph};
    let glyph = [KrillaGlyph::new(
        GlyphId::new(0),
        0.0,
        0.0,
        0.0,
        0.0,
        0..3,
        None,
    )];
    s.set_fill(None);
    for face in [Which::Regular, Which::Bold] {
        let font = fonts.face(face).font.clone();
        s.draw_glyphs(
            Point::from_xy(-100.0, -100.0),
            &glyph,
            font,
            "\u{FFFD}",
            1.0,
            false,
        );
    }
}

impl Drawing<'_> {
    /// One text run, rule or picture.
    fn draw(&mut self, s: &mut Surface<'_>, op: &Op) {
        match op {
            Op::Text {
                x,
                y,
                size,
                face,
                colour,
                text,
            } => {
                s.set_fill(Some(fill(*colour)));
                let font = self.fonts.face(*face).font.clone();
                s.draw_text(
                    Point::from_xy(*x, *y),
                    font,
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Rule { x1, y1, x2, y2 } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                if let Some(path) = pb.finish() {
                    s.set_fill(None);
                    s.set_stroke(Some(Stroke {
                        paint: krilla::color::rgb::Color::new(0xc4, 0xcc, 0xd6).into(),
                        width: 0.6,
                        ..Stroke::default()
                    }));
                    s.draw_path(&path);
                    s.set_stroke(None);
                }
            }
            Op::Picture {
                tree,
                x,
                y,
                w,
                h,
                clip,
            } => self.picture(s, *tree, [*x, *y, *w, *h], *clip),
            Op::Link { .. } => {}
        }
    }

    /// A picture at `x, y`, `w` by `h`, seen through `clip` when it is split over
    /// pages. A picture shown on several pages is drawn once, as a graphic each page
    /// refers to: the 1,000-system diagram on 81 pages took 35 s and 137 MB drawn on
    /// each, 7.8 s and 11 MB drawn once.
    fn picture(
        &mut self,
        s: &mut Surface<'_>,
        index: usize,
        [x, y, w, h]: [f32; 4],
        clip: Option<[f32; 4]>,
    ) {
        let Some(tree) = self.trees.get(index) else {
            return;
        };
        let clip = clip.and_then(|[cx, cy, cw, ch]| {
            let mut pb = PathBuilder::new();
            pb.push_rect(Rect::from_xywh(cx, cy, cw, ch)?);
            pb.finish()
        });
        if let Some(path) = &clip {
            s.push_clip_path(path, &FillRule::NonZero);
        }
        s.push_transform(&Transform::from_translate(x, y));
        let graphic = match self.graphics.get(&index) {
            Some(g) => Some(g.clone()),
            None => Size::from_wh(w, h).map(|size| {
                let mut builder = s.stream_builder();
                let mut inner = builder.surface();
                let settings = SvgSettings {
                    embed_text: true,
                    filter_scale: 1.0,
                };
                inner.draw_svg(tree, size, settings);
                inner.finish();
                Graphic::new(builder.finish(), false)
            }),
        };
        if let Some(g) = graphic {
            self.graphics.insert(index, g.clone());
            s.draw_graphic(g);
        }
        s.pop();
        if clip.is_some() {
            s.pop();
        }
    }
}

/// The bookmarks: each part, with its sections under it.
fn outline(headings: &[Heading]) -> Outline {
    let mut outline = Outline::new();
    let mut part: Option<OutlineNode> = None;
    for h in headings {
        let node = OutlineNode::new(
            h.text.clone(),
            XyzDestination::new(h.page, Point::from_xy(0.0, h.y)),
        );
        if h.level == 1 {
            if let Some(done) = part.take() {
                outline.push_child(done);
            }
            part = Some(node);
        } else if let Some(p) = part.as_mut() {
            p.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = part {
        outline.push_child(done);
    }
    outline
}

/// The document's title, author, creator, language, subject and date.
fn metadata(design: &Design, made: &Made<'_>) -> Metadata {
    let mut metadata = Metadata::new()
        .title(format!("{}: integration design review", design.name))
        .authors(vec![made.author.to_owned()])
        .creator(concat!("Patchbay ", env!("CARGO_PKG_VERSION")).to_owned())
        .language("en".to_owned());
    if !design.description.is_empty() {
        metadata = metadata.description(design.description.clone());
    }
    if let Some(date) = crate::model::waiver::Date::parse(made.date) {
        metadata = metadata.creation_date(
            krilla::metadata::DateTime::new(u16::try_from(date.year).unwrap_or(2026))
                .month(date.month)
                .day(date.day),
        );
    }
    metadata
}
