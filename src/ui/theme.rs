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

fn rgb(c: Color32) -> crate::report::palette::Rgb {
    [c.r(), c.g(), c.b()]
}

/// `fg` as near its own hue as it can stay while reading at 4.5:1 on every one of
/// `backgrounds`: lightened on a dark theme, darkened on a light one, by the same rule
/// as the exported pictures' text ([`palette::readable_on`]).
///
/// [`palette::readable_on`]: crate::report::palette::readable_on
pub fn readable_on(fg: Color32, backgrounds: &[Color32], dark: bool) -> Color32 {
    use crate::report::palette::{self, Towards};
    let on: Vec<_> = backgrounds.iter().map(|c| rgb(*c)).collect();
    let towards = if dark {
        Towards::Lighter
    } else {
        Towards::Darker
    };
    color(palette::readable_on(rgb(fg), &on, towards))
}

/// The fills text sits on in the panels of `v`: panels, windows, text fields and
/// striped rows, each as it shows over the panel (some are translucent tints).
pub fn text_backgrounds(v: &egui::Visuals) -> [Color32; 4] {
    [
        v.panel_fill,
        v.window_fill,
        v.extreme_bg_color,
        v.faint_bg_color,
    ]
    .map(|c| over(c, v.panel_fill))
}

/// `top` (premultiplied, maybe translucent) as it shows over the opaque `base`.
fn over(top: Color32, base: Color32) -> Color32 {
    let keep = 1.0 - f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), base.r()),
        mix(top.g(), base.g()),
        mix(top.b(), base.b()),
    )
}

/// The window's looks in the light or the dark theme: egui's own, with every kind of
/// text (body, weak, strong, links, warnings, errors, and the labels of buttons in each
/// state on their own fill) at 4.5:1 or more on what it sits on.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let on = text_backgrounds(&v);
    v.weak_text_color = Some(readable_on(v.weak_text_color(), &on, dark));
    v.hyperlink_color = readable_on(v.hyperlink_color, &on, dark);
    v.warn_fg_color = readable_on(v.warn_fg_color, &on, dark);
    v.error_fg_color = readable_on(v.error_fg_color, &on, dark);
    let w = &mut v.widgets;
    w.noninteractive.fg_stroke.color = readable_on(w.noninteractive.fg_stroke.color, &on, dark);
    for state in [&mut w.inactive, &mut w.hovered, &mut w.active, &mut w.open] {
        let fills = [state.bg_fill, state.weak_bg_fill].map(|c| over(c, v.panel_fill));
        let mut all = on.to_vec();
        all.extend(fills);
        state.fg_stroke.color = readable_on(state.fg_stroke.color, &all, dark);
    }
    v
}

/// A colour that carries a meaning in panel text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// Solved, met, added: green.
    Good,
    /// Not met yet, changed: amber.
    Pending,
    /// Removed, a problem: red.
    Bad,
}

impl Meaning {
    #[cfg(test)]
    pub const ALL: [Meaning; 3] = [Meaning::Good, Meaning::Pending, Meaning::Bad];

    /// The hue itself, for outlines and fills; text takes [`meaning`].
    pub const fn hue(self) -> Color32 {
        match self {
            Meaning::Good => Color32::from_rgb(70, 190, 100),
            Meaning::Pending => Color32::from_rgb(235, 170, 60),
            Meaning::Bad => Color32::from_rgb(225, 80, 80),
        }
    }
}

/// The colour of text that means `m` in the theme of `v`, at 4.5:1 on its panels.
pub fn meaning(v: &egui::Visuals, m: Meaning) -> Color32 {
    readable_on(m.hue(), &text_backgrounds(v), v.dark_mode)
}

/// The outline and label of a zone on the canvas of `v`'s theme.
pub fn zone_stroke(v: &egui::Visuals) -> Color32 {
    if v.dark_mode {
        ZONE_STROKE
    } else {
        readable_on(ZONE_STROKE, &[v.panel_fill, v.extreme_bg_color], false)
    }
}

/// Where the window's theme comes from: the desktop's preference, or a choice made
/// in View and remembered.
pub const THEME_KEY: &str = "patchbay.theme";

/// The theme preference as it is remembered.
pub fn theme_id(t: egui::ThemePreference) -> &'static str {
    match t {
        egui::ThemePreference::System => "system",
        egui::ThemePreference::Light => "light",
        egui::ThemePreference::Dark => "dark",
    }
}

/// A remembered theme preference, read back.
pub fn theme_from_id(id: &str) -> Option<egui::ThemePreference> {
    [
        egui::ThemePreference::System,
        egui::ThemePreference::Light,
        egui::ThemePreference::Dark,
    ]
    .into_iter()
    .find(|t| theme_id(*t) == id)
}

/// Sets both themes' looks on `ctx` and follows `preference`.
pub fn apply(ctx: &egui::Context, preference: egui::ThemePreference) {
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_theme(preference);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::palette::AA;

    fn contrast(a: Color32, b: Color32) -> f64 {
        crate::report::palette::contrast(rgb(a), rgb(b))
    }

    /// Every text colour the window uses against every fill it sits on, in both
    /// themes: 4.5:1 or more (WCAG AA).
    #[test]
    fn text_reads_at_wcag_aa_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let on = text_backgrounds(&v);
            let mut texts = vec![
                ("text", v.text_color()),
                ("weak text", v.weak_text_color()),
                ("strong text", v.strong_text_color()),
                ("link", v.hyperlink_color),
                ("warning", v.warn_fg_color),
                ("error", v.error_fg_color),
            ];
            for m in Meaning::ALL {
                texts.push(("meaning", meaning(&v, m)));
            }
            for (what, fg) in &texts {
                for bg in on {
                    let c = contrast(*fg, bg);
                    assert!(c >= AA, "dark {dark}: {what} {fg:?} on {bg:?} is {c:.2}:1");
                }
            }
            let w = &v.widgets;
            for (what, state) in [
                ("button", &w.inactive),
                ("hovered button", &w.hovered),
                ("pressed button", &w.active),
                ("open menu", &w.open),
            ] {
                for bg in [state.bg_fill, state.weak_bg_fill].map(|c| over(c, v.panel_fill)) {
                    let c = contrast(state.fg_stroke.color, bg);
                    assert!(c >= AA, "dark {dark}: {what} label on {bg:?} is {c:.2}:1");
                }
            }
            let zone = zone_stroke(&v);
            assert!(
                contrast(zone, v.panel_fill) >= AA,
                "dark {dark}: zone label"
            );
        }
    }

    #[test]
    fn a_remembered_theme_reads_back() {
        for t in [
            egui::ThemePreference::System,
            egui::ThemePreference::Light,
            egui::ThemePreference::Dark,
        ] {
            assert_eq!(theme_from_id(theme_id(t)), Some(t));
        }
        assert_eq!(theme_from_id("sepia"), None);
    }
}
