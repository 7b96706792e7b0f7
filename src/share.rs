//! Designs and lessons in a link: what follows `#` in the browser build's address.
//!
//! `#design=…` holds a whole design: its file text, deflated, in URL-safe base64. The
//! part after `#` never reaches a server, so a shared design stays between the people
//! who have the link. `#lesson=ID` opens an exercise, so a teacher can hand one out.

use crate::model::{self, Design};
use base64::Engine;

/// The longest link payload made: links longer than this are cut by mail programs,
/// chat tools and some browsers' address bars (Chromium keeps 2 MB, but pasting one
/// that long is not sharing). A larger design is downloaded and sent as a file.
pub const MAX_PAYLOAD_CHARS: usize = 32_000;

/// What an address's fragment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fragment {
    /// A design, as [`encode`] wrote it.
    Design(String),
    /// An exercise, by id.
    Lesson(String),
}

/// What the fragment of an address (with or without its `#`) asks for, if anything.
pub fn fragment(hash: &str) -> Option<Fragment> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if let Some(payload) = hash.strip_prefix("design=") {
        return Some(Fragment::Design(payload.to_owned()));
    }
    hash.strip_prefix("lesson=")
        .filter(|id| !id.is_empty())
        .map(|id| Fragment::Lesson(id.to_owned()))
}

/// Why a design was not put in a link.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ShareError {
    /// The design does not fit: its payload's length.
    #[error(
        "the design needs a link of {0} characters, more than the {MAX_PAYLOAD_CHARS} a link can carry safely; download it (File > Save) and send the file instead"
    )]
    TooLarge(usize),
    /// The design could not be written as a file.
    #[error("the design could not be written: {0}")]
    Unwritable(String),
}

/// The payload of a `#design=` link: the design's file text, deflated, in URL-safe
/// base64 without padding.
pub fn encode(design: &Design) -> Result<String, ShareError> {
    let text =
        model::file::to_ron_string(design).map_err(|e| ShareError::Unwritable(e.to_string()))?;
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed);
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareError::TooLarge(payload.len()));
    }
    Ok(payload)
}

/// The design in a `#design=` payload, checked as a file is; a damaged or cut link
/// says what is wrong with it.
pub fn decode(payload: &str) -> Result<Design, String> {
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim().as_bytes())
        .map_err(|e| format!("the link's design is not valid (was the link cut short? {e})"))?;
    // A link is small; its design may not unpack to more than a design file may hold.
    let limit = usize::try_from(model::file::MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, limit)
        .map_err(|_| "the link's design does not unpack (was the link cut short?)".to_owned())?;
    let text = String::from_utf8(raw).map_err(|_| "the link's design is not text".to_owned())?;
    model::parse(&text).map_err(|problems| {
        let first = problems
            .first()
            .map_or_else(String::new, |p| match p.location {
                Some(at) => format!(" (line {}, column {}: {})", at.line, at.col, p.message),
                None => format!(" ({})", p.message),
            });
        format!("the link's design is not a valid design{first}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_goes_through_a_link_unchanged() {
        for sample in crate::samples::ALL {
            let design = model::parse(sample.text).expect("sample");
            let payload = encode(&design).expect("fits");
            assert!(
                payload
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{payload}"
            );
            let link = format!("https://example.org/patchbay/#design={payload}");
            let Some(Fragment::Design(back)) = fragment(link.split_once('#').expect("#").1) else {
                panic!("not a design link");
            };
            assert_eq!(decode(&back).expect("decodes"), design, "{}", sample.title);
        }
    }

    #[test]
    fn a_design_too_large_for_a_link_says_so() {
        let design = crate::generate::generate(crate::generate::Params {
            systems: 2_000,
            links_per_system: 3,
            seed: 1,
        });
        match encode(&design) {
            Err(ShareError::TooLarge(n)) => assert!(n > MAX_PAYLOAD_CHARS),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_cut_or_damaged_link_is_refused_with_a_reason() {
        let design = model::parse(crate::samples::ALL[0].text).expect("sample");
        let payload = encode(&design).expect("fits");
        let cut = &payload[..payload.len() / 2];
        assert!(decode(cut).expect_err("cut").contains("cut short"));
        assert!(
            decode("not base64 at all!")
                .expect_err("not base64")
                .contains("not valid")
        );
        let not_a_design = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(b"(hello: 1)", 9));
        assert!(
            decode(&not_a_design)
                .expect_err("not a design")
                .contains("not a valid design")
        );
    }

    #[test]
    fn lessons_and_designs_are_told_apart() {
        assert_eq!(
            fragment("#lesson=first-pattern"),
            Some(Fragment::Lesson("first-pattern".into()))
        );
        assert_eq!(fragment("lesson="), None);
        assert_eq!(fragment("#somewhere"), None);
        assert_eq!(fragment(""), None);
    }
}
