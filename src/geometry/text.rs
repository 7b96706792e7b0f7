//! Text sizes without a font engine: every picture (the window, SVG, PNG) reserves the
//! same room for a piece of text, so a name that fits in one fits in all.

/// Width of one character as a fraction of the font size. DejaVu Sans and egui's
/// default font average less than this, so text measured with it always fits.
pub const CHAR_WIDTH: f32 = 0.6;

/// Font size of a system's name, in design units.
pub const NAME_FONT: f32 = 13.0;
/// Font size of a system's kind tag.
pub const TAG_FONT: f32 = 9.0;
/// Font size of a link's label.
pub const LABEL_FONT: f32 = 10.0;
/// Font size of a zone's title.
pub const ZONE_FONT: f32 = 13.0;
/// Distance between the baselines of two lines of a name.
pub const NAME_LINE_HEIGHT: f32 = 16.0;

/// The narrowest and widest a system's box gets; past the widest, names wrap further.
pub const MIN_BOX_WIDTH: f32 = 160.0;
const MAX_BOX_WIDTH: f32 = 280.0;
/// Height of a box with a one-line name; each further line adds a line height.
pub const BASE_BOX_HEIGHT: f32 = 56.0;
/// Room left and right of a name inside its box.
const NAME_PADDING: f32 = 10.0;

/// How wide `text` is at `font` size.
pub fn width(text: &str, font: f32) -> f32 {
    text.chars().count() as f32 * CHAR_WIDTH * font
}

/// Breaks `text` into lines of at most `max_chars` characters at spaces; a word longer
/// than a line is split inside the word (never cut off).
pub fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let room = if line_len == 0 {
                max_chars
            } else {
                max_chars.saturating_sub(line_len + 1)
            };
            if word.len() <= room {
                if line_len > 0 {
                    line.push(' ');
                    line_len += 1;
                }
                line.extend(word.iter());
                line_len += word.len();
                word.clear();
            } else if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
            } else {
                let rest = word.split_off(max_chars);
                lines.push(word.iter().collect());
                word = rest;
            }
        }
    }
    if line_len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A name laid out in its box: the lines and the box's size.
#[derive(Clone, Debug, PartialEq)]
pub struct NameLayout {
    /// The name's lines, top to bottom; together they hold every character.
    pub lines: Vec<String>,
    /// Box width.
    pub width: f32,
    /// Box height.
    pub height: f32,
}

/// The box for a system name: one line when it fits the narrowest box, else the
/// narrowest box (up to the widest) that holds it in two lines, else as many lines as
/// it takes in the widest box.
pub fn name_layout(name: &str) -> NameLayout {
    let per_char = CHAR_WIDTH * NAME_FONT;
    let chars_at = |w: f32| ((w - 2.0 * NAME_PADDING) / per_char).floor() as usize;
    let name = if name.trim().is_empty() {
        "(unnamed)"
    } else {
        name
    };
    let mut lines = wrap(name, chars_at(MIN_BOX_WIDTH));
    let mut width = MIN_BOX_WIDTH;
    let mut w = MIN_BOX_WIDTH;
    while lines.len() > 2 && w < MAX_BOX_WIDTH {
        w = (w + per_char).min(MAX_BOX_WIDTH);
        width = w;
        lines = wrap(name, chars_at(w));
    }
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    width = width.max(longest as f32 * per_char + 2.0 * NAME_PADDING);
    let height = BASE_BOX_HEIGHT + (lines.len().saturating_sub(1)) as f32 * NAME_LINE_HEIGHT;
    NameLayout {
        lines,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_take_one_line_in_the_narrowest_box() {
        let l = name_layout("ERP");
        assert_eq!(l.lines, vec!["ERP"]);
        assert_eq!((l.width, l.height), (MIN_BOX_WIDTH, BASE_BOX_HEIGHT));
    }

    #[test]
    fn long_names_wrap_and_keep_every_character() {
        let name = "Salesforce Sales & Service Cloud";
        let l = name_layout(name);
        assert_eq!(l.lines.len(), 2, "{l:?}");
        assert_eq!(l.lines.join(" "), name);
        for line in &l.lines {
            assert!(width(line, NAME_FONT) <= l.width - 2.0 * NAME_PADDING + 0.01);
        }
        assert!(l.height > BASE_BOX_HEIGHT);
    }

    #[test]
    fn a_word_longer_than_any_box_is_split_not_cut() {
        let name = "x".repeat(100);
        let l = name_layout(&name);
        assert_eq!(l.lines.concat(), name);
        assert!(l.lines.len() >= 3);
        assert!(l.width <= MAX_BOX_WIDTH);
    }
}
