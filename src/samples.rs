//! The sample designs shipped inside the binary, so the app and the CLI can show them
//! without any file on disk. The same files live in `samples/`.

/// A sample design: its file name and its text.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// The file name under `samples/`.
    pub file_name: &'static str,
    /// A short title for menus.
    pub title: &'static str,
    /// The file's text.
    pub text: &'static str,
}

macro_rules! sample {
    ($file:literal, $title:literal) => {
        Sample {
            file_name: $file,
            title: $title,
            text: include_str!(concat!("../samples/", $file)),
        }
    };
}

/// Every sample, the default one first.
pub const ALL: &[Sample] = &[
    sample!("retail.patchbay.ron", "Retail company"),
    sample!("healthcare.patchbay.ron", "Healthcare provider"),
    sample!("iot-fleet.patchbay.ron", "IoT fleet"),
    sample!("startup.patchbay.ron", "Two-system startup"),
    sample!("enterprise.patchbay.ron", "Enterprise landscape"),
    sample!(
        "enterprise-to-be.patchbay.ron",
        "Enterprise landscape, moved onto a bus"
    ),
    sample!("legacy.patchbay.ron", "Legacy anti-patterns"),
];

/// The design the app opens when no file is given.
pub const DEFAULT: Sample = ALL[0];
