//! The colours of kinds, patterns and severities: one table for the window and every
//! exported picture, so a review page looks like the canvas.

use crate::analysis::{Pattern, Severity};
use crate::model::SystemKind;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// The fill of a system kind and the short tag drawn on its box.
pub const fn kind(kind: SystemKind) -> (Rgb, &'static str) {
    match kind {
        SystemKind::SalesforceOrg => ([0, 112, 210], "SF"),
        SystemKind::WebApp => ([46, 139, 87], "WEB"),
        SystemKind::Spa => ([60, 170, 113], "SPA"),
        SystemKind::MobileApp => ([34, 160, 140], "MOB"),
        SystemKind::DesktopApp => ([70, 130, 110], "APP"),
        SystemKind::BackendService => ([95, 100, 120], "SVC"),
        SystemKind::Middleware => ([140, 70, 170], "ESB"),
        SystemKind::Erp => ([200, 120, 30], "ERP"),
        SystemKind::Database => ([150, 110, 60], "DB"),
        SystemKind::IdentityProvider => ([180, 60, 90], "IDP"),
        SystemKind::IotDevice => ([40, 150, 190], "IOT"),
        SystemKind::LimitedInputDevice => ([60, 120, 170], "KIO"),
        SystemKind::MarketingPlatform => ([210, 90, 140], "MKT"),
        SystemKind::PaymentService => ([170, 140, 20], "PAY"),
        SystemKind::FileServer => ([120, 120, 80], "FTP"),
        SystemKind::MessageBroker => ([120, 80, 200], "MQ"),
        SystemKind::LegacySystem => ([130, 90, 80], "OLD"),
        SystemKind::PartnerApi => ([90, 140, 60], "EXT"),
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
