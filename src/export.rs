//! One export path for the CLI and the window: a design and its analysis in any format.
//!
//! It sits above both writers it dispatches to: the review and diagram writers
//! (`report`) and the interchange writers (`interop`), so neither of those imports the
//! other's direction back.

use crate::analysis::Analysis;
use crate::model::Design;

/// Every export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The diagram as SVG.
    Svg,
    /// The diagram rendered to PNG from the SVG.
    Png,
    /// A self-contained review page.
    Html,
    /// The review for a wiki or pull request, with a Mermaid diagram.
    Markdown,
    /// The analyze contract.
    Json,
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz digraph.
    Dot,
    /// A PlantUML component diagram.
    Plantuml,
    /// The interface catalogue: one row per link, with its recommendations.
    Csv,
    /// An editable draw.io diagram.
    Drawio,
    /// A FINOS CALM 1.2 architecture, the advice written in as controls.
    Calm,
    /// The review pack: title page, contents, diagram, decisions, findings, flows.
    Pdf,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Html,
        ExportFormat::Markdown,
        ExportFormat::Json,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Plantuml,
        ExportFormat::Csv,
        ExportFormat::Drawio,
        ExportFormat::Calm,
        ExportFormat::Pdf,
    ];

    /// The name used on the command line (`--to`).
    pub const fn id(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Html => "html",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Json => "json",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
            ExportFormat::Plantuml => "plantuml",
            ExportFormat::Csv => "csv",
            ExportFormat::Drawio => "drawio",
            ExportFormat::Calm => "calm",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// The usual file extension.
    pub const fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Html => "html",
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Dot => "dot",
            ExportFormat::Plantuml => "puml",
            ExportFormat::Csv => "csv",
            ExportFormat::Drawio => "drawio",
            ExportFormat::Calm => "calm.json",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// A label for menus.
    pub const fn label(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG image",
            ExportFormat::Png => "PNG image",
            ExportFormat::Html => "HTML review page",
            ExportFormat::Markdown => "Markdown report",
            ExportFormat::Json => "JSON report",
            ExportFormat::Mermaid => "Mermaid flowchart",
            ExportFormat::Dot => "Graphviz DOT",
            ExportFormat::Plantuml => "PlantUML diagram",
            ExportFormat::Csv => "CSV interface catalogue",
            ExportFormat::Drawio => "draw.io diagram",
            ExportFormat::Calm => "CALM architecture",
            ExportFormat::Pdf => "PDF review pack",
        }
    }

    /// The format with this command-line name.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.id() == id)
    }

    /// Binary formats are never written to a terminal.
    pub const fn is_binary(self) -> bool {
        matches!(self, ExportFormat::Png | ExportFormat::Pdf)
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The SVG could not be rendered to PNG.
    #[error("could not render the PNG: {0}")]
    Render(String),
    /// The catalogue could not be written.
    #[error("could not write the CSV: {0}")]
    Csv(String),
    /// The review pack could not be written.
    #[error("could not write the PDF: {0}")]
    Pdf(String),
}

/// The export's bytes. `scale` applies to PNG only (1.0 = one pixel per design unit).
pub fn export(
    design: &Design,
    analysis: &Analysis,
    format: ExportFormat,
    scale: f32,
) -> Result<Vec<u8>, ExportError> {
    use crate::report::{graphs, html, json, markdown};
    Ok(match format {
        // The page's tables are written while the diagram is drawn.
        ExportFormat::Html => html::render(design, analysis).into_bytes(),
        ExportFormat::Svg | ExportFormat::Png | ExportFormat::Drawio | ExportFormat::Pdf => {
            let drawing = crate::geometry::Geometry::new(design, analysis);
            return export_drawn(design, analysis, &drawing, format, scale);
        }
        ExportFormat::Markdown => markdown::render(design, analysis).into_bytes(),
        ExportFormat::Json => json::render(design, analysis).into_bytes(),
        ExportFormat::Mermaid => graphs::mermaid(design, analysis).into_bytes(),
        ExportFormat::Dot => graphs::dot(design, analysis).into_bytes(),
        ExportFormat::Plantuml => graphs::plantuml(design, analysis).into_bytes(),
        ExportFormat::Csv => crate::interop::csv::export(design, analysis)
            .map_err(ExportError::Csv)?
            .into_bytes(),
        ExportFormat::Calm => crate::interop::calm::export(design, analysis).into_bytes(),
    })
}

/// `design` exported as `format` from its analysis and a drawing of it made already
/// (the window's, of the revision it shows): the same bytes as [`export`], without
/// placing and routing again.
pub fn export_drawn(
    design: &Design,
    analysis: &Analysis,
    drawing: &crate::geometry::Geometry,
    format: ExportFormat,
    scale: f32,
) -> Result<Vec<u8>, ExportError> {
    use crate::report::{html, svg};
    Ok(match format {
        ExportFormat::Svg => svg::render_drawn(design, drawing, false).into_bytes(),
        ExportFormat::Png => png(&svg::render_drawn(design, drawing, true), scale)?,
        ExportFormat::Html => html::render_drawn(design, analysis, drawing).into_bytes(),
        ExportFormat::Drawio => {
            crate::interop::drawio::export_drawn(design, analysis, drawing).into_bytes()
        }
        ExportFormat::Pdf => pdf(
            design,
            analysis,
            drawing,
            crate::report::pdf::default_page(),
        )?,
        // Nothing drawn in these.
        ExportFormat::Markdown
        | ExportFormat::Json
        | ExportFormat::Mermaid
        | ExportFormat::Dot
        | ExportFormat::Plantuml
        | ExportFormat::Csv
        | ExportFormat::Calm => return export(design, analysis, format, scale),
    })
}

/// `design` analysed and exported as `format`: what `patchbay export` does. For the
/// pictures and the review page the systems are placed and the links routed while
/// the design is analysed; the bytes are the same as [`export`]'s.
pub fn export_design(
    design: &Design,
    format: ExportFormat,
    scale: f32,
) -> Result<Vec<u8>, ExportError> {
    use crate::geometry::Geometry;
    let svg = |raster: bool| {
        let drawn = |g: Geometry| crate::report::svg::render_drawn(design, &g, raster);
        Geometry::analysed_with(design, drawn, |_| ()).0
    };
    Ok(match format {
        ExportFormat::Svg => svg(false).into_bytes(),
        ExportFormat::Png => png(&svg(true), scale)?,
        ExportFormat::Html => crate::report::html::render_design(design).into_bytes(),
        _ => export(design, &crate::analysis::analyze(design), format, scale)?,
    })
}

/// The review pack of `design` on pages of `page` size, from its analysis and drawing.
pub fn pdf(
    design: &Design,
    analysis: &Analysis,
    drawing: &crate::geometry::Geometry,
    page: crate::report::pdf::PageSize,
) -> Result<Vec<u8>, ExportError> {
    let svg = crate::report::svg::render_drawn(design, drawing, false);
    let today = crate::model::waiver::Date::today().to_string();
    let author = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "Patchbay".to_owned());
    let made = crate::report::pdf::Made {
        date: &today,
        author: &author,
    };
    crate::report::pdf::render(design, analysis, &svg, page, fonts(), &made)
        .map_err(ExportError::Pdf)
}

/// The system's fonts (in the browser, the window's own), loaded once per process. The faces of the families the picture
/// asks for are read into memory: otherwise every text element maps and parses its
/// font file again, and a large design's PNG spent most of its time doing that (300
/// systems: 10.4 s before, see the README).
fn fonts() -> std::sync::Arc<resvg::usvg::fontdb::Database> {
    use resvg::usvg::fontdb::{Database, Source};
    static FONTS: std::sync::OnceLock<std::sync::Arc<Database>> = std::sync::OnceLock::new();
    std::sync::Arc::clone(FONTS.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        // A page has no system fonts: the face the window itself draws with is in the
        // bundle already, and the picture's text falls back to it (sans-serif).
        #[cfg(target_arch = "wasm32")]
        {
            db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            db.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
            let family = db
                .faces()
                .find(|f| f.post_script_name.starts_with("Ubuntu"))
                .and_then(|f| f.families.first())
                .map(|(name, _)| name.clone());
            if let Some(family) = family {
                db.set_sans_serif_family(family);
            }
        }
        let wanted = crate::report::svg::FONT_FAMILIES;
        let files: Vec<_> = db
            .faces()
            .filter(|f| {
                f.families
                    .iter()
                    .any(|(name, _)| wanted.contains(&name.as_str()))
            })
            .filter_map(|f| match &f.source {
                Source::File(path) => Some((f.id, path.clone())),
                _ => None,
            })
            .collect();
        let mut read = std::collections::HashSet::new();
        for (id, path) in files {
            match crate::fs::read(&path) {
                Ok(data) => {
                    db.remove_face(id);
                    // A collection file holds several faces: load it once.
                    if read.insert(path) {
                        db.load_font_data(data);
                    }
                }
                Err(_) => continue,
            }
        }
        std::sync::Arc::new(db)
    }))
}

/// The largest PNG written, in pixels: image libraries refuse larger ones as
/// decompression bombs (Pillow warns past 89 megapixels and refuses past 179), and
/// viewers open them slowly if at all.
pub const PNG_MAX_PIXELS: u64 = 50_000_000;

/// Renders SVG text to PNG with resvg, using the system's fonts for text. A picture
/// over [`PNG_MAX_PIXELS`] is refused, saying the scale that fits and that SVG and
/// PDF have no such limit.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};
    if !(scale.is_finite() && scale > 0.0 && scale <= 8.0) {
        return Err(ExportError::Render(format!(
            "scale {scale} is outside 0 to 8"
        )));
    }
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ExportError::Render("the picture has no size".into()))?;
    let pixels = u64::from(size.width()) * u64::from(size.height());
    if pixels > PNG_MAX_PIXELS {
        let fits = f64::from(scale) * (PNG_MAX_PIXELS as f64 / pixels as f64).sqrt();
        let fits = (fits * 100.0).floor() / 100.0;
        return Err(ExportError::Render(format!(
            "the picture would be {} × {} pixels ({} megapixels), more than the {} megapixels image libraries and viewers open; export SVG or PDF for a design this large, or a PNG with --scale {fits} or less",
            crate::model::words::grouped(i64::from(size.width())),
            crate::model::words::grouped(i64::from(size.height())),
            pixels / 1_000_000,
            PNG_MAX_PIXELS / 1_000_000
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        ExportError::Render(format!(
            "{}×{} pixels is too large",
            size.width(),
            size.height()
        ))
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
