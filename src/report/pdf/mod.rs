//! The review pack: one PDF a review board can circulate. A title page with the
//! design's counts and the dates the advice rests on, the contents (each entry a link),
//! the diagram as vector, the ESB verdict, a section per link with its four decisions
//! and their reasons, the findings with what to do instead, and each flow's sequence.
//! Text is real text (selectable and searchable), set in the diagram's sans-serif;
//! parts and sections are bookmarks; every page but the title carries its number.
//!
//! Written with krilla (the typst project's PDF writer) and krilla-svg for the
//! pictures, which are the same SVG the diagram export writes.

mod fonts;
mod layout;
mod sections;
mod write;

use crate::analysis::Analysis;
use crate::model::Design;
use fonts::Fonts;
pub use layout::PageSize;
use layout::{Flow, INK, MARGIN, MUTED, Op};
use resvg::usvg;
use std::sync::Arc;
pub use write::Made;

/// A4, in points.
pub const A4: PageSize = PageSize {
    width: 595.28,
    height: 841.89,
};
/// US Letter, in points.
pub const LETTER: PageSize = PageSize {
    width: 612.0,
    height: 792.0,
};

/// The page size people here print on: US Letter where the locale is the United
/// States' or Canada's (`LC_PAPER`, then `LC_ALL`, then `LANG`), A4 everywhere else.
pub fn default_page() -> PageSize {
    let locale = ["LC_PAPER", "LC_ALL", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default();
    if ["_US", "_CA"].iter().any(|c| locale.contains(c)) {
        LETTER
    } else {
        A4
    }
}

/// The page size named on the command line: `a4` or `letter`.
pub fn page_named(name: &str) -> Option<PageSize> {
    match name.to_ascii_lowercase().as_str() {
        "a4" => Some(A4),
        "letter" => Some(LETTER),
        _ => None,
    }
}

/// The smallest the diagram's system names are drawn, in points. A diagram that would
/// need smaller names to fit one page is split over several pages at this size.
pub const MIN_DIAGRAM_TEXT: f32 = 7.0;

/// The size of the diagram's system names, in its own units.
const DIAGRAM_NAME_TEXT: f32 = crate::geometry::text::NAME_FONT;

/// The review pack of `design`, with `diagram` its SVG (light, as exported) and the
/// text set in faces from `db`.
pub fn render(
    design: &Design,
    analysis: &Analysis,
    diagram: &str,
    page: PageSize,
    db: Arc<usvg::fontdb::Database>,
    made: &Made<'_>,
) -> Result<Vec<u8>, String> {
    let mut fonts = Fonts::new(Arc::clone(&db))?;
    let options = usvg::Options {
        fontdb: Arc::clone(&db),
        ..usvg::Options::default()
    };
    let mut trees: Vec<usvg::Tree> = Vec::new();
    let mut parse = |svg: &str| -> Option<layout::Placed> {
        let tree = usvg::Tree::from_str(svg, &options).ok()?;
        let size = tree.size();
        trees.push(tree);
        Some((trees.len() - 1, size.width(), size.height()))
    };

    // The body first, so the contents know where everything is.
    let mut body = Flow::new(&mut fonts, page);
    let drawn = parse(diagram).ok_or("the diagram's SVG could not be read")?;
    diagram_pages(&mut body, drawn, page);
    sections::esb(&mut body, analysis);
    sections::links(&mut body, design, analysis);
    sections::findings(&mut body, design, analysis);
    sections::flows(&mut body, design, analysis, &mut parse);
    let (body_pages, mut headings) = (
        std::mem::take(&mut body.pages),
        std::mem::take(&mut body.headings),
    );
    drop(body);

    let mut front = Flow::new(&mut fonts, page);
    title_page(&mut front, design, analysis, made);
    let contents_pages = contents_page_count(headings.len(), page);
    for h in &mut headings {
        h.page += 1 + contents_pages;
    }
    contents(&mut front, &headings, contents_pages);
    let mut pages = std::mem::take(&mut front.pages);
    drop(front);
    pages.extend(body_pages);
    write::document(design, &pages, &headings, &trees, &fonts, made)
}

/// The diagram on its own page, landscape when wider than tall: on one page when its
/// smallest text stays at least [`MIN_DIAGRAM_TEXT`], else split over pages at that
/// size, left to right and top to bottom.
fn diagram_pages(f: &mut Flow<'_>, (tree, w, h): layout::Placed, page: PageSize) {
    let size = if w > h {
        PageSize {
            width: page.height,
            height: page.width,
        }
    } else {
        page
    };
    let top = MARGIN + 30.0;
    let (room_w, room_h) = (
        size.width - 2.0 * MARGIN,
        size.height - top - MARGIN - layout::FOOT,
    );
    let fit = (room_w / w).min(room_h / h).min(1.0);
    let smallest = MIN_DIAGRAM_TEXT / DIAGRAM_NAME_TEXT;
    let (scale, cols, rows) = if fit >= smallest {
        (fit, 1, 1)
    } else {
        (
            smallest,
            (w * smallest / room_w).ceil().max(1.0) as usize,
            (h * smallest / room_h).ceil().max(1.0) as usize,
        )
    };
    for row in 0..rows {
        for col in 0..cols {
            f.page_of(size, true);
            if row == 0 && col == 0 {
                f.heading_here("Diagram");
            }
            let title = if cols * rows == 1 {
                "Diagram".to_owned()
            } else {
                format!(
                    "Diagram, part {} of {} (row {}, column {}; names at {} pt)",
                    row * cols + col + 1,
                    cols * rows,
                    row + 1,
                    col + 1,
                    MIN_DIAGRAM_TEXT
                )
            };
            f.run(MARGIN, MARGIN + 14.0, 14.0, true, INK, &title);
            let (x, y) = (MARGIN - col as f32 * room_w, top - row as f32 * room_h);
            f.push(Op::Picture {
                tree,
                x,
                y,
                w: w * scale,
                h: h * scale,
                clip: (cols * rows > 1).then_some([MARGIN, top, room_w, room_h]),
            });
        }
    }
}

/// How many pages the contents take for `entries` headings.
fn contents_page_count(entries: usize, page: PageSize) -> usize {
    let per_page = ((page.height - 2.0 * MARGIN - layout::FOOT - 40.0) / CONTENTS_LINE) as usize;
    entries.div_ceil(per_page.max(1)).max(1)
}

const CONTENTS_LINE: f32 = 15.0;

/// The contents: every part and section with its page, each line a link to it.
fn contents(f: &mut Flow<'_>, headings: &[layout::Heading], pages: usize) {
    let per_page = headings.len().div_ceil(pages.max(1)).max(1);
    for (n, chunk) in headings.chunks(per_page).enumerate() {
        f.page();
        if n == 0 {
            f.run(MARGIN, MARGIN + 17.0, 17.0, true, INK, "Contents");
        }
        let mut y = MARGIN + 40.0;
        let right = f.size.width - MARGIN;
        for (k, h) in chunk.iter().enumerate() {
            let index = n * per_page + k;
            let (indent, bold, size) = if h.level == 1 {
                (0.0, true, 10.5)
            } else {
                (14.0, false, 9.5)
            };
            let number = (h.page + 1).to_string();
            let number_w = f.fonts.width(&number, bold, size);
            let room = right - MARGIN - indent - number_w - 12.0;
            let mut text = h.text.clone();
            if f.fonts.width(&text, bold, size) > room {
                while !text.is_empty() && f.fonts.width(&format!("{text}…"), bold, size) > room {
                    text.pop();
                }
                text.push('…');
            }
            y += CONTENTS_LINE;
            f.run(MARGIN + indent, y - 3.0, size, bold, INK, &text);
            f.run(right - number_w, y - 3.0, size, bold, MUTED, &number);
            f.push(Op::Link {
                rect: [
                    MARGIN,
                    y - CONTENTS_LINE + 1.0,
                    right - MARGIN,
                    CONTENTS_LINE,
                ],
                heading: index,
            });
        }
    }
}

/// The title page: the design, its description and environment, the dates and the
/// counts.
fn title_page(f: &mut Flow<'_>, design: &Design, analysis: &Analysis, made: &Made<'_>) {
    f.page_of(f.size, false);
    f.space(120.0);
    f.paragraph("Integration design review", 12.0, false, MUTED);
    f.paragraph(&design.name, 26.0, true, INK);
    f.space(10.0);
    if !design.description.is_empty() {
        f.paragraph(&design.description, 11.0, false, INK);
    }
    f.space(14.0);
    let (high, warning, info) = analysis.counts();
    let label = 150.0;
    f.pair("Environment", design.environment.label(), label);
    f.pair("Exported", made.date, label);
    f.pair(
        "Facts the advice rests on",
        &crate::standards::checked_line(),
        label,
    );
    f.pair("Systems", &design.systems.len().to_string(), label);
    f.pair("Links", &design.links.len().to_string(), label);
    f.pair("Flows", &design.flows.len().to_string(), label);
    f.pair(
        "Findings",
        &format!("{high} high, {warning} warning, {info} info"),
        label,
    );
    f.pair("Accepted", &analysis.accepted.len().to_string(), label);
    f.pair("ESB verdict", analysis.esb.verdict.label(), label);
}
