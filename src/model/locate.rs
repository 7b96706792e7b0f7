//! Finds where a value sits in RON text, so problems found after parsing (a dangling
//! link, a duplicate id) can still be reported at a line and column.
//!
//! ron gives positions only for its own parse errors, so this is a small scanner over
//! the same text: it tracks brackets and field names, keeps the path of the value under
//! the cursor (`links[3].from`) and records the places asked for. It allocates nothing
//! per value, so a file of many megabytes scans in one pass.

use std::collections::{HashMap, HashSet};

/// A 1-based line and column in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// Where the values at `paths` start. A path that is absent from the text (a field left
/// to its default) is answered with its nearest parent that is present.
pub fn locate(text: &str, paths: &[&str]) -> HashMap<String, Location> {
    let mut wanted = HashSet::new();
    for path in paths {
        let mut p = *path;
        wanted.insert(p.to_owned());
        while let Some(cut) = p.rfind(['.', '[']) {
            p = &p[..cut];
            wanted.insert(p.to_owned());
        }
    }
    let mut found = HashMap::new();
    Scanner::new(text).run(|path, at| {
        if wanted.contains(path) {
            found.entry(path.to_owned()).or_insert(at);
        }
        false
    });
    paths
        .iter()
        .filter_map(|path| {
            let mut p = *path;
            loop {
                if let Some(at) = found.get(p) {
                    return Some(((*path).to_owned(), *at));
                }
                let cut = p.rfind(['.', '['])?;
                p = &p[..cut];
            }
        })
        .collect()
}

/// The path of the value that starts at `at`, the innermost when several do.
pub fn path_at(text: &str, at: Location) -> Option<String> {
    let mut best: Option<String> = None;
    Scanner::new(text).run(|path, loc| {
        if loc == at {
            best = Some(path.to_owned());
        }
        loc > at
    });
    best
}

#[derive(Clone, Copy)]
enum Frame {
    /// `( ... )`: a struct with `key: value` fields, or a tuple.
    Struct { base: usize, index: usize },
    /// `[ ... ]`: a list.
    List { base: usize, index: usize },
    /// `{ ... }`: a map; its entries are not addressed.
    Map { base: usize },
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    loc: Location,
    stack: Vec<Frame>,
    path: String,
    expect_value: bool,
    pending_key: Option<String>,
    key: Option<String>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars().peekable(),
            loc: Location { line: 1, col: 1 },
            stack: Vec::new(),
            path: String::new(),
            expect_value: true,
            pending_key: None,
            key: None,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.loc.line += 1;
            self.loc.col = 1;
        } else {
            self.loc.col += 1;
        }
        Some(c)
    }

    /// Sets `path` to the path of the value about to start, once per value, and tells
    /// `seen`. Returns true when `seen` asks to stop.
    fn value_starts(
        &mut self,
        at: Location,
        seen: &mut impl FnMut(&str, Location) -> bool,
    ) -> bool {
        if !self.expect_value {
            return false;
        }
        self.expect_value = false;
        let Some(frame) = self.stack.last() else {
            self.path.clear();
            return false;
        };
        match *frame {
            Frame::Struct { base, index } => {
                self.path.truncate(base);
                match self.key.take() {
                    Some(k) => {
                        if base > 0 {
                            self.path.push('.');
                        }
                        self.path.push_str(&k);
                    }
                    None => self.path.push_str(&format!("[{index}]")),
                }
            }
            Frame::List { base, index } => {
                self.path.truncate(base);
                self.path.push_str(&format!("[{index}]"));
            }
            Frame::Map { base } => {
                self.path.truncate(base);
                self.path.push_str("{}");
            }
        }
        seen(&self.path, at)
    }

    fn run(mut self, mut seen: impl FnMut(&str, Location) -> bool) {
        while let Some(&c) = self.chars.peek() {
            let at = self.loc;
            let stop = match c {
                c if c.is_whitespace() => {
                    self.bump();
                    false
                }
                '/' => {
                    self.comment();
                    false
                }
                '#' => {
                    self.attribute();
                    false
                }
                '"' | '\'' => {
                    let stop = self.value_starts(at, &mut seen);
                    self.bump();
                    self.quoted(c);
                    stop
                }
                '(' | '[' | '{' => {
                    let stop = self.value_starts(at, &mut seen);
                    self.bump();
                    let base = self.path.len();
                    self.stack.push(match c {
                        '(' => Frame::Struct { base, index: 0 },
                        '[' => Frame::List { base, index: 0 },
                        _ => Frame::Map { base },
                    });
                    self.expect_value = true;
                    stop
                }
                ')' | ']' | '}' => {
                    self.bump();
                    self.stack.pop();
                    self.expect_value = false;
                    false
                }
                ',' => {
                    self.bump();
                    if let Some(Frame::Struct { index, .. } | Frame::List { index, .. }) =
                        self.stack.last_mut()
                    {
                        *index += 1;
                    }
                    self.key = None;
                    self.expect_value = true;
                    false
                }
                ':' => {
                    self.bump();
                    if matches!(self.stack.last(), Some(Frame::Struct { .. })) {
                        self.key = self.pending_key.take();
                    }
                    self.expect_value = true;
                    false
                }
                _ => {
                    let word = self.word();
                    if word.is_empty() {
                        // A character the scanner does not know; skip it.
                        self.bump();
                        false
                    } else {
                        self.word_seen(&word, at, &mut seen)
                    }
                }
            };
            if stop {
                return;
            }
        }
    }

    fn word_seen(
        &mut self,
        word: &str,
        at: Location,
        seen: &mut impl FnMut(&str, Location) -> bool,
    ) -> bool {
        // An identifier directly followed by `:` inside `( )` is a field name.
        self.skip_trivia();
        let is_key = self.chars.peek() == Some(&':')
            && matches!(self.stack.last(), Some(Frame::Struct { .. }))
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_');
        if is_key {
            self.pending_key = Some(word.trim_start_matches("r#").to_owned());
            false
        } else {
            // A number, bool, unit variant or struct name starts a value. A struct name
            // is followed by `(`, which then finds the value already recorded.
            self.value_starts(at, seen)
        }
    }

    fn word(&mut self) -> String {
        let mut w = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.' | '#') {
                w.push(c);
                self.bump();
            } else {
                break;
            }
        }
        w
    }

    fn skip_trivia(&mut self) {
        while let Some(&c) = self.chars.peek() {
            if c.is_whitespace() {
                self.bump();
            } else if c == '/' {
                self.comment();
            } else {
                break;
            }
        }
    }

    fn comment(&mut self) {
        self.bump();
        match self.chars.peek() {
            Some('/') => {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            Some('*') => {
                self.bump();
                let mut depth = 1;
                let mut prev = '\0';
                while let Some(c) = self.bump() {
                    match (prev, c) {
                        ('*', '/') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            prev = '\0';
                        }
                        ('/', '*') => {
                            depth += 1;
                            prev = '\0';
                        }
                        _ => prev = c,
                    }
                }
            }
            _ => {}
        }
    }

    /// `#![enable(...)]` at the top of a file.
    fn attribute(&mut self) {
        while let Some(c) = self.bump() {
            if c == ']' {
                break;
            }
        }
    }

    /// The rest of a string or char literal whose opening quote was consumed.
    fn quoted(&mut self, quote: char) {
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == quote {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"#![enable(implicit_some)]
// A comment with (brackets] and "quotes
(
    format_version: 1,
    name: "A (tricky) name, with: commas",
    systems: [
        (id: 1, name: "Shop", kind: "web-app", position: (x: 1.0, y: -2.5)),
        /* block /* nested */ comment */
        (id: 2, name: "Org", kind: "salesforce-org"),
    ],
    links: [(id: 7, from: 1, to: 3)],
)
"#;

    fn at(path: &str) -> Option<(usize, usize)> {
        locate(TEXT, &[path]).get(path).map(|l| (l.line, l.col))
    }

    #[test]
    fn finds_fields_and_list_items() {
        assert_eq!(at("format_version"), Some((4, 21)));
        assert_eq!(at("name"), Some((5, 11)));
        assert_eq!(at("systems[0]"), Some((7, 9)));
        assert_eq!(at("systems[0].kind"), Some((7, 37)));
        assert_eq!(at("systems[0].position.y"), Some((7, 70)));
        assert_eq!(at("systems[1].id"), Some((9, 14)));
        assert_eq!(at("links[0].to"), Some((11, 34)));
    }

    #[test]
    fn missing_fields_fall_back_to_their_item() {
        assert_eq!(
            at("systems[1].zone"),
            Some((9, 9)),
            "an absent field is reported at its system"
        );
        assert_eq!(at("nothing[3]"), None);
    }

    #[test]
    fn names_the_value_at_a_place() {
        assert_eq!(
            path_at(TEXT, Location { line: 11, col: 34 }).as_deref(),
            Some("links[0].to")
        );
        assert_eq!(path_at(TEXT, Location { line: 1, col: 1 }), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "(((",
            ")]}",
            "\"unterminated",
            "/* open",
            "a: b: c",
            "#![",
            "(a:(b:[1,2,)",
        ] {
            let _ = locate(text, &["a", "a.b[1]"]);
            let _ = path_at(text, Location { line: 1, col: 2 });
        }
    }
}
