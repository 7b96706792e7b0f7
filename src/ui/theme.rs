//! Every colour and size the window uses, in one place.

use crate::analysis::{Pattern, Severity};
use crate::model::SystemKind;
use egui::Color32;

use crate::model::layout::{SYSTEM_HEIGHT, SYSTEM_WIDTH};

/// Canvas size of a system box, in design units.
pub const SYSTEM_SIZE: egui::Vec2 = egui::vec2(SYSTEM_WIDTH, SYSTEM_HEIGHT);
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

/// The fill of a system, by kind family, and a short tag shown on its box.
pub fn kind_style(kind: SystemKind) -> (Color32, &'static str) {
    match kind {
        SystemKind::SalesforceOrg => (Color32::from_rgb(0, 112, 210), "SF"),
        SystemKind::WebApp => (Color32::from_rgb(46, 139, 87), "WEB"),
        SystemKind::Spa => (Color32::from_rgb(60, 170, 113), "SPA"),
        SystemKind::MobileApp => (Color32::from_rgb(34, 160, 140), "MOB"),
        SystemKind::DesktopApp => (Color32::from_rgb(70, 130, 110), "APP"),
        SystemKind::BackendService => (Color32::from_rgb(95, 100, 120), "SVC"),
        SystemKind::Middleware => (Color32::from_rgb(140, 70, 170), "ESB"),
        SystemKind::Erp => (Color32::from_rgb(200, 120, 30), "ERP"),
        SystemKind::Database => (Color32::from_rgb(150, 110, 60), "DB"),
        SystemKind::IdentityProvider => (Color32::from_rgb(180, 60, 90), "IDP"),
        SystemKind::IotDevice => (Color32::from_rgb(40, 150, 190), "IOT"),
        SystemKind::LimitedInputDevice => (Color32::from_rgb(60, 120, 170), "KIO"),
        SystemKind::MarketingPlatform => (Color32::from_rgb(210, 90, 140), "MKT"),
        SystemKind::PaymentService => (Color32::from_rgb(170, 140, 20), "PAY"),
        SystemKind::FileServer => (Color32::from_rgb(120, 120, 80), "FTP"),
        SystemKind::MessageBroker => (Color32::from_rgb(120, 80, 200), "MQ"),
        SystemKind::LegacySystem => (Color32::from_rgb(130, 90, 80), "OLD"),
        SystemKind::PartnerApi => (Color32::from_rgb(90, 140, 60), "EXT"),
        SystemKind::Other => (Color32::from_rgb(110, 110, 110), "SYS"),
    }
}

/// The colour of a link, by its recommended pattern, and its short name on the canvas.
pub fn pattern_style(pattern: Pattern) -> (Color32, &'static str) {
    match pattern {
        Pattern::RequestReply => (Color32::from_rgb(30, 110, 220), "req-reply"),
        Pattern::FireAndForget => (Color32::from_rgb(230, 120, 20), "fire&forget"),
        Pattern::BatchDataSync => (Color32::from_rgb(120, 120, 120), "batch"),
        Pattern::RemoteCallIn => (Color32::from_rgb(20, 150, 90), "call-in"),
        Pattern::UiUpdate => (Color32::from_rgb(170, 60, 200), "ui-update"),
        Pattern::DataVirtualization => (Color32::from_rgb(0, 160, 170), "virtual"),
    }
}

/// egui's built-in fonts have no arrow glyph; show text from the model with an ASCII one.
pub fn plain(text: &str) -> String {
    text.replace('→', "->")
}

/// The colour that marks a finding of this severity.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::High => Color32::from_rgb(220, 40, 40),
        Severity::Warning => Color32::from_rgb(235, 165, 0),
        Severity::Info => Color32::from_rgb(90, 150, 230),
    }
}

/// The outline of a selected system or link.
pub const SELECTION: Color32 = Color32::from_rgb(255, 215, 0);
/// The fill of a zone.
pub const ZONE_FILL: Color32 = Color32::from_rgba_premultiplied(60, 80, 110, 40);
/// The outline and label of a zone.
pub const ZONE_STROKE: Color32 = Color32::from_rgb(110, 130, 160);
