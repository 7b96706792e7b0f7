//! Finding the page to read in a `.drawio` file, and where in the file a problem
//! on it is.

use crate::model::Problem;
use crate::model::locate::Location;

/// A problem with no more to it than where and what.
pub(super) fn fail(location: Option<Location>, message: String) -> Vec<Problem> {
    vec![Problem { location, message }]
}

/// The page being read: its model's XML, and how to find a place in the file.
pub(super) struct Page {
    /// The `mxGraphModel` element's text, inflated if the page was compressed.
    pub(super) xml: String,
    /// Where the `<diagram>` starts in the file, when the file has pages.
    diagram_start: Option<usize>,
    /// Where the model starts in the file, when the page is stored plainly.
    model_start: Option<usize>,
    /// The page's name, if it has one.
    pub(super) name: Option<String>,
}

impl Page {
    /// The page named `wanted`, or the first; the whole file when it is one model.
    pub(super) fn open(text: &str, wanted: Option<&str>) -> Result<Self, Vec<Problem>> {
        let doc = roxmltree::Document::parse(text).map_err(|e| {
            let p = e.pos();
            fail(
                Some(Location {
                    line: p.row as usize,
                    col: p.col as usize,
                }),
                format!("this is not well-formed XML: {e}"),
            )
        })?;
        if doc.root_element().has_tag_name("mxGraphModel") {
            return Ok(Self {
                xml: text.to_owned(),
                diagram_start: None,
                model_start: Some(0),
                name: None,
            });
        }
        let diagrams: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("diagram"))
            .collect();
        let diagram = match (wanted, diagrams.as_slice()) {
            (Some(name), ds) => *ds
                .iter()
                .find(|d| d.attribute("name") == Some(name))
                .ok_or_else(|| {
                    let names: Vec<&str> = ds.iter().filter_map(|d| d.attribute("name")).collect();
                    fail(
                        None,
                        format!(
                            "there is no page \"{name}\"; the pages are: {}",
                            names.join(", ")
                        ),
                    )
                })?,
            (None, [d, ..]) => *d,
            (None, []) => {
                return Err(fail(
                    Some(place(text, 0)),
                    "there is no diagram in this file (no <diagram> or <mxGraphModel>)".into(),
                ));
            }
        };
        let start = diagram.range().start;
        let xml = page_xml(diagram).map_err(|e| fail(Some(place(text, start)), e))?;
        // A compressed page has no places inside it: its problems are at the page.
        let model_start = diagram
            .children()
            .find(|c| c.has_tag_name("mxGraphModel"))
            .map(|m| m.range().start);
        Ok(Self {
            xml,
            diagram_start: Some(start),
            model_start,
            name: diagram.attribute("name").map(str::to_owned),
        })
    }

    /// Where the page is in `text`, for a problem with the page as a whole.
    pub(super) fn place(&self, text: &str) -> Option<Location> {
        self.diagram_start.map(|at| place(text, at))
    }

    /// Where `node` of the page's model is in `text`: exactly for a page stored
    /// plainly, at the page for a compressed one.
    pub(super) fn at(&self, text: &str, node: roxmltree::Node<'_, '_>) -> Option<Location> {
        match self.model_start {
            Some(offset) => Some(place(text, offset + node.range().start)),
            None => self.place(text),
        }
    }
}

/// The XML of a `<diagram>`: its `mxGraphModel` child, or its text when draw.io saved
/// it compressed (base64 of raw deflate of the URI-encoded XML).
fn page_xml(diagram: roxmltree::Node<'_, '_>) -> Result<String, String> {
    if diagram.children().any(|c| c.has_tag_name("mxGraphModel")) {
        let range = diagram.range();
        let text = diagram.document().input_text();
        // The model element's own text, cut from the file.
        let model = diagram
            .children()
            .find(|c| c.has_tag_name("mxGraphModel"))
            .map(|m| text[m.range()].to_owned());
        return model.ok_or_else(|| format!("no model in {:?}", &text[range]));
    }
    use base64::Engine;
    let packed: String = diagram.text().unwrap_or("").split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed.as_bytes())
        .map_err(|e| format!("the compressed page is not valid base64 ({e})"))?;
    let raw = miniz_oxide::inflate::decompress_to_vec(&bytes)
        .map_err(|_| "the compressed page does not inflate (it is not deflate data)".to_owned())?;
    let encoded =
        String::from_utf8(raw).map_err(|_| "the compressed page is not text".to_owned())?;
    percent_encoding::percent_decode_str(&encoded)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "the compressed page is not URI-encoded UTF-8".to_owned())
}

/// The line and column of a byte offset.
pub(super) fn place(text: &str, at: usize) -> crate::model::locate::Location {
    let before = &text[..at.min(text.len())];
    crate::model::locate::Location {
        line: before.matches('\n').count() + 1,
        col: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    }
}
