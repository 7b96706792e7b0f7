//! Every colour and size the window uses, in one place.

use crate::analysis::{Pattern, Severity};
use crate::model::SystemKind;
use egui::Color32;

/// Systems narrower than this on screen are drawn without rounded corners or outline.
pub const DETAIL_MIN_PX: f32 = 60.0;
/// Arrowheads smaller than this on screen are left out.
pub const ARROWHEAD_MIN_PX: f32 = 4.0;
/// Link labels smaller than this are unreadable and are left out (zoom in to read them).
pub const MIN_LINK_LABEL_PX: f32 = 7.0;
/// Labels never grow past this on-screen size, however far the view is zoomed in.
pub const MAX_LABEL_PX: f32 = 40.0;
/// Below this on-screen font size, labels are not drawn (the design is zoomed far out).
pub const MIN_LABEL_PX: f32 = 5.0;
/// A link's colour while an exercise's question hides its recommendation: no pattern's.
pub const HIDDEN_ADVICE: Color32 = Color32::from_rgb(150, 150, 150);

fn color([r, g, b]: crate::report::palette::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The fill of a system and the short tag shown on its box.
pub fn kind_style(kind: SystemKind) -> (Color32, &'static str) {
    let (rgb, tag) = crate::report::palette::kind(kind);
    (color(rgb), tag)
}

/// The colour of a link, by its recommended pattern, and its short name on the canvas.
pub fn pattern_style(pattern: Pattern) -> (Color32, &'static str) {
    (
        color(crate::report::palette::pattern(pattern)),
        crate::geometry::short_tag(pattern),
    )
}

/// egui's built-in fonts have no arrow glyph; show text from the model with an ASCII one.
pub fn plain(text: &str) -> String {
    text.replace('→', "->")
}

/// A paragraph set flush on both sides across the width it has (the finding details
/// read as the text they are, not as ragged notes).
pub fn justified(ui: &mut egui::Ui, text: &str) {
    let mut job = egui::text::LayoutJob::simple(
        plain(text),
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().text_color(),
        ui.available_width(),
    );
    job.justify = true;
    ui.label(job);
}

/// The colour that marks a finding of this severity.
pub fn severity_color(severity: Severity) -> Color32 {
    color(crate::report::palette::severity(severity))
}

/// A finding's colour for text on the canvas's dark label backdrop, lightened where
/// needed to 4.5:1.
pub fn severity_text(severity: Severity) -> Color32 {
    use crate::report::palette;
    color(palette::readable_on_dark(
        palette::severity(severity),
        palette::WINDOW_LABEL_BG,
    ))
}

/// The outline of a selected system or link.
pub const SELECTION: Color32 = Color32::from_rgb(255, 215, 0);
/// The fill of a zone.
pub const ZONE_FILL: Color32 = Color32::from_rgba_premultiplied(60, 80, 110, 40);
/// The outline and label of a zone (4.5:1 on the zone's fill over the canvas).
pub const ZONE_STROKE: Color32 = {
    let [r, g, b] = crate::report::palette::WINDOW_ZONE_TEXT;
    Color32::from_rgb(r, g, b)
};
