//! The colours of kinds, patterns and severities: one table for the window and every
//! exported picture, so a review page looks like the canvas.

use crate::analysis::{Pattern, Severity};
use crate::model::SystemKind;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// The fill of a system kind and the short tag drawn on its box. Every fill carries
/// white text at WCAG AA contrast (4.5:1 or more); a test checks each.
pub const fn kind(kind: SystemKind) -> (Rgb, &'static str) {
    match kind {
        SystemKind::SalesforceOrg => ([0, 112, 210], "SF"),
        SystemKind::WebApp => ([42, 127, 79], "WEB"),
        SystemKind::Spa => ([60, 120, 40], "SPA"),
        SystemKind::MobileApp => ([24, 128, 112], "MOB"),
        SystemKind::DesktopApp => ([67, 124, 105], "APP"),
        SystemKind::BackendService => ([95, 100, 120], "SVC"),
        SystemKind::Middleware => ([140, 70, 170], "ESB"),
        SystemKind::Erp => ([168, 100, 23], "ERP"),
        SystemKind::Database => ([144, 105, 57], "DB"),
        SystemKind::IdentityProvider => ([180, 60, 90], "IDP"),
        SystemKind::IotDevice => ([32, 126, 160], "IOT"),
        SystemKind::LimitedInputDevice => ([60, 120, 170], "KIO"),
        SystemKind::MarketingPlatform => ([184, 78, 122], "MKT"),
        SystemKind::PaymentService => ([137, 112, 15], "PAY"),
        SystemKind::FileServer => ([115, 115, 76], "FTP"),
        SystemKind::MessageBroker => ([120, 80, 200], "MQ"),
        SystemKind::LegacySystem => ([130, 90, 80], "OLD"),
        SystemKind::PartnerApi => ([82, 128, 54], "EXT"),
        SystemKind::Other => ([110, 110, 110], "SYS"),
    }
}

/// The colour of a link with this recommended pattern.
pub const fn pattern(p: Pattern) -> Rgb {
    match p {
        Pattern::RequestReply => [30, 110, 220],
        Pattern::FireAndForget => [230, 120, 20],
        Pattern::BatchDataSync => [120, 120, 120],
        Pattern::RemoteCallIn => [20, 150, 90],
        Pattern::UiUpdate => [170, 60, 200],
        Pattern::DataVirtualization => [0, 160, 170],
        Pattern::SignIn => [150, 150, 190],
    }
}

/// The colour that marks a finding of this severity.
pub const fn severity(s: Severity) -> Rgb {
    match s {
        Severity::High => [220, 40, 40],
        Severity::Warning => [235, 165, 0],
        Severity::Info => [90, 150, 230],
    }
}

/// The relative luminance of an sRGB colour (WCAG 2).
pub fn luminance([r, g, b]: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG AA's least contrast for text: 4.5:1.
pub const AA: f64 = 4.5;

/// White.
pub const WHITE: Rgb = [255, 255, 255];
/// The dark text colour.
pub const INK: Rgb = [29, 35, 48];

/// The text colour for a fill: white where it reads, else dark ink.
pub fn text_on(fill: Rgb) -> Rgb {
    if contrast(fill, WHITE) >= AA {
        WHITE
    } else {
        INK
    }
}

/// Which way a colour moves to read as text: darker on light backgrounds, lighter
/// on dark ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Towards {
    /// Towards black, for text on light backgrounds.
    Darker,
    /// Towards white, for text on dark backgrounds.
    Lighter,
}

/// `rgb` itself where it reads as text (4.5:1) on every one of `backgrounds`, else
/// the same hue moved `towards` black or white in small steps until it does (or it
/// is black or white). The one rule for text colours, in pictures and the window.
pub fn readable_on(rgb: Rgb, backgrounds: &[Rgb], towards: Towards) -> Rgb {
    let reads = |c: Rgb| backgrounds.iter().all(|bg| contrast(c, *bg) >= AA);
    let (end, step): (Rgb, fn(u8) -> u8) = match towards {
        Towards::Darker => ([0, 0, 0], |v| (f64::from(v) * 0.9) as u8),
        Towards::Lighter => (WHITE, |v| {
            v.saturating_add(((255 - u16::from(v)) / 8).max(1) as u8)
        }),
    };
    let mut c = rgb;
    while !reads(c) && c != end {
        c = c.map(step);
    }
    c
}

/// The colour itself where it reads as text on white (4.5:1), else the same hue
/// darkened until it does: for labels written in a link's colour.
pub fn readable_on_white(rgb: Rgb) -> Rgb {
    readable_on(rgb, &[WHITE], Towards::Darker)
}

/// The colour itself where it reads as text on a dark background `bg` (4.5:1), else
/// the same hue lightened until it does: for labels on the window's dark canvas.
pub fn readable_on_dark(rgb: Rgb, bg: Rgb) -> Rgb {
    readable_on(rgb, &[bg], Towards::Lighter)
}

/// The darkest the window's label backdrop gets behind text: black at 75% over the
/// dark canvas.
pub const WINDOW_LABEL_BG: Rgb = [34, 34, 34];
/// The window's canvas behind zone titles, zone fill included.
pub const WINDOW_ZONE_BG: Rgb = [36, 39, 44];
/// Zone outlines and titles in the window.
pub const WINDOW_ZONE_TEXT: Rgb = [140, 160, 190];

/// `#rrggbb`.
pub fn hex([r, g, b]: Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour of a pattern as `#rrggbb`, the same hue the window uses.
pub fn pattern_hex(p: Pattern) -> String {
    hex(pattern(p))
}

/// The fill of a system kind as `#rrggbb`, and its short tag.
pub fn kind_hex(k: SystemKind) -> (String, &'static str) {
    let (rgb, tag) = kind(k);
    (hex(rgb), tag)
}

/// The colour of a severity as `#rrggbb`.
pub fn severity_hex(s: Severity) -> String {
    hex(severity(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_on_a_colour_passes_wcag_aa() {
        for k in SystemKind::ALL {
            let (fill, _) = kind(*k);
            let ratio = contrast(fill, WHITE);
            assert!(ratio >= 4.5, "white on {k}: {ratio:.2}");
            assert_eq!(text_on(fill), WHITE, "{k}");
        }
        // Link labels and severity marks written in their colour on white.
        for p in Pattern::ALL {
            let ratio = contrast(readable_on_white(pattern(*p)), WHITE);
            assert!(ratio >= 4.5, "{p} label on white: {ratio:.2}");
        }
        for s in [Severity::High, Severity::Warning, Severity::Info] {
            let ratio = contrast(readable_on_white(severity(s)), WHITE);
            assert!(ratio >= 4.5, "{s:?} on white: {ratio:.2}");
        }
        assert!(contrast(INK, WHITE) >= 4.5);
        // The window: finding-coloured labels and zone titles on the dark canvas.
        for s in [Severity::High, Severity::Warning, Severity::Info] {
            let c = readable_on_dark(severity(s), WINDOW_LABEL_BG);
            assert!(contrast(c, WINDOW_LABEL_BG) >= 4.5, "{s:?} in the window");
        }
        assert!(contrast(WINDOW_ZONE_TEXT, WINDOW_ZONE_BG) >= 4.5);
        assert!(contrast([235, 235, 235], WINDOW_LABEL_BG) >= 4.5);
        // The HTML report's own text colours.
        for css in [
            [180, 30, 30],
            [154, 107, 0],
            [45, 95, 166],
            [91, 101, 118],
            INK,
        ] {
            assert!(contrast(css, WHITE) >= 4.5, "{css:?}");
        }
    }
}
