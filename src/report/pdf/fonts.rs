//! The faces the review pack's text is set in, and how wide a piece of text is in
//! them: the sans-serif the diagram asks for (regular and bold), and for a character
//! it lacks, the first face of the system's fonts that has it.

use krilla::text::Font;
use resvg::usvg::fontdb::{Database, Family, ID, Query, Weight};
use skrifa::MetadataProvider;
use std::collections::HashMap;
use std::sync::Arc;

/// One face: for krilla to embed, and its advances to measure with.
pub(super) struct Face {
    pub(super) font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
    /// Each character's advance as a fraction of the font size; `None` when the face
    /// has no glyph for it.
    advances: HashMap<char, Option<f32>>,
}

impl Face {
    fn load(db: &Database, id: ID) -> Option<Self> {
        let (data, index) = db.with_face_data(id, |data, index| (data.to_vec(), index))?;
        let data = Arc::new(data);
        let font = Font::new(
            krilla::Data::from(Arc::clone(&data) as Arc<dyn AsRef<[u8]> + Send + Sync>),
            index,
        )?;
        Some(Self {
            font,
            data,
            index,
            advances: HashMap::new(),
        })
    }

    /// The advance of `c` in ems, or `None` when the face lacks it.
    fn advance(&mut self, c: char) -> Option<f32> {
        if let Some(a) = self.advances.get(&c) {
            return *a;
        }
        let a = skrifa::FontRef::from_index(&self.data, self.index)
            .ok()
            .and_then(|f| {
                let gid = f.charmap().map(c)?;
                let (size, at) = (
                    skrifa::instance::Size::unscaled(),
                    skrifa::instance::LocationRef::default(),
                );
                let upem = f.metrics(size, at).units_per_em;
                Some(f.glyph_metrics(size, at).advance_width(gid)? / f32::from(upem.max(1)))
            });
        self.advances.insert(c, a);
        a
    }
}

/// Which face a run of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    Regular,
    Bold,
    Fallback(usize),
}

/// The review pack's faces.
pub(super) struct Fonts {
    db: Arc<Database>,
    regular: Face,
    bold: Face,
    fallbacks: Vec<Face>,
    /// For each character neither main face has: the fallback that has it, if any.
    fallback_for: HashMap<char, Option<usize>>,
}

/// The families the text is set in, in order: the diagram's.
const FAMILIES: &[&str] = crate::report::svg::FONT_FAMILIES;

impl Fonts {
    /// The faces from `db`: the diagram's sans-serif, regular and bold (the regular
    /// again when there is no bold).
    pub(super) fn new(db: Arc<Database>) -> Result<Self, String> {
        let mut families: Vec<Family<'_>> = FAMILIES.iter().map(|f| Family::Name(f)).collect();
        families.push(Family::SansSerif);
        let find = |weight| {
            db.query(&Query {
                families: &families,
                weight,
                ..Query::default()
            })
        };
        let regular = find(Weight::NORMAL)
            .or_else(|| db.faces().next().map(|f| f.id))
            .ok_or("no font is installed to set the text in")?;
        let bold = find(Weight::BOLD).unwrap_or(regular);
        let load = |id| Face::load(&db, id).ok_or_else(|| "a font could not be read".to_owned());
        let (regular, bold) = (load(regular)?, load(bold)?);
        Ok(Self {
            db: Arc::clone(&db),
            regular,
            bold,
            fallbacks: Vec::new(),
            fallback_for: HashMap::new(),
        })
    }

    pub(super) fn face(&self, which: Which) -> &Face {
        match which {
            Which::Regular => &self.regular,
            Which::Bold => &self.bold,
            Which::Fallback(i) => &self.fallbacks[i],
        }
    }

    /// The fallback face that has `c`, loaded the first time it is needed.
    fn fallback(&mut self, c: char) -> Option<usize> {
        if let Some(found) = self.fallback_for.get(&c) {
            return *found;
        }
        let mut found = (0..self.fallbacks.len()).find(|&i| self.fallbacks[i].advance(c).is_some());
        if found.is_none() {
            let ids: Vec<ID> = self.db.faces().map(|f| f.id).collect();
            for id in ids {
                let Some(mut face) = Face::load(&self.db, id) else {
                    continue;
                };
                if face.advance(c).is_some() {
                    self.fallbacks.push(face);
                    found = Some(self.fallbacks.len() - 1);
                    break;
                }
            }
        }
        self.fallback_for.insert(c, found);
        found
    }

    /// `text` in runs of one face each, with each run's width in ems. A character no
    /// face has is set in the main face (drawn as its missing-glyph box, still text).
    pub(super) fn runs(&mut self, text: &str, bold: bool) -> Vec<(Which, String, f32)> {
        let main = if bold { Which::Bold } else { Which::Regular };
        let mut runs: Vec<(Which, String, f32)> = Vec::new();
        for c in text.chars() {
            let own = match main {
                Which::Bold => self.bold.advance(c),
                _ => self.regular.advance(c),
            };
            let (which, advance) = match own {
                Some(a) => (main, a),
                None if c.is_whitespace() || c.is_control() => (main, 0.3),
                None => match self.fallback(c) {
                    Some(i) => (
                        Which::Fallback(i),
                        self.fallbacks[i].advance(c).unwrap_or(0.6),
                    ),
                    None => (main, 0.6),
                },
            };
            match runs.last_mut() {
                Some((w, s, width)) if *w == which => {
                    s.push(c);
                    *width += advance;
                }
                _ => runs.push((which, c.to_string(), advance)),
            }
        }
        runs
    }

    /// How wide `text` is at `size` points.
    pub(super) fn width(&mut self, text: &str, bold: bool, size: f32) -> f32 {
        self.runs(text, bold).iter().map(|r| r.2).sum::<f32>() * size
    }
}
