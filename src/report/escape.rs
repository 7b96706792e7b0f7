//! Escaping of user text (names, purposes, notes, descriptions) for every output format.
//! Designs are shared files: their text must always appear as text, never as markup.

/// Text for HTML and SVG element content and attribute values.
pub fn xml(text: &str) -> String {
    Xml(text).to_string()
}

/// Text as an XML attribute value for a file that is read back as data (draw.io,
/// JUnit): markup escaped, and line breaks and tabs as character references, which a
/// parser keeps (it turns a literal line break in an attribute into a space).
pub fn xml_attribute(text: &str) -> String {
    xml(text)
        .replace('\n', "&#xa;")
        .replace('\r', "&#xd;")
        .replace('\t', "&#x9;")
}

/// Text for HTML and SVG element content and attribute values, escaped as it is
/// written into a page (no string of its own: a large design's review page writes
/// hundreds of thousands of them).
pub struct Xml<'a>(pub &'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0;
        // Runs of plain text are written whole; only what needs escaping is looked at.
        let mut plain = 0;
        for (i, c) in text.char_indices() {
            let escaped = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters other than tab and newline are not allowed in XML.
                c if c.is_control() && c != '\n' && c != '\t' => "\u{FFFD}",
                _ => continue,
            };
            f.write_str(&text[plain..i])?;
            f.write_str(escaped)?;
            plain = i + c.len_utf8();
        }
        f.write_str(&text[plain..])
    }
}

/// Text inside a quoted Mermaid label (`id["..."]`): everything that could end the
/// label or be read as markup becomes a Mermaid entity code.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        // Where a line of the label starts or ends.
        let edge = i == 0 || i == last || chars[i - 1] == '\n' || chars[i + 1] == '\n';
        match c {
            // Mermaid trims each line's ends; a space written as a code stays.
            ' ' if edge => out.push_str("#32;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '.' | ',' | '-' | '_' | ':' | '/' | '(' | ')' | '\'' | '+' | '?' | '!'
                ) =>
            {
                out.push(c);
            }
            // Mermaid's entity codes: #35; for '#', #quot; for '"', and so on.
            c => out.push_str(&format!("#{};", c as u32)),
        }
    }
    out
}

/// Text inside a double-quoted Graphviz DOT string.
///
/// Neutralises: the quote and backslash that would end the string or start an escape
/// (`\N`, `\G`, `\l` are Graphviz's own label escapes), newlines (written as
/// `\n`), and `&`: Graphviz decodes HTML entities in every label, so `&lt;` would
/// show as `<` and an unknown one like `&copy;` made its SVG output invalid XML.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a double-quoted PlantUML name or label.
///
/// PlantUML reads a name three times, and each must see plain text:
/// - its preprocessor runs first, on every line: `%date()`, `%dirpath()`,
///   `%getenv(..)` are expanded and `$x` read as a variable, so `%` and `$` are
///   written as `<U+0025>` and `<U+0024>`;
/// - creole markup is applied to the text: `**b**`, `//i//`, `__u__`, `--s--`,
///   `~~w~~`, `==m==`, `""m""`, and `~` escapes, so every one of those characters is
///   written as its `<U+XXXX>` code, which PlantUML shows as the character without
///   reading it as markup;
/// - character references (`&#36;`) are decoded by a regular-expression replacement
///   that crashes PlantUML 1.2020 on `$` and `\` (the picture becomes a Java stack
///   trace while the exit code stays 0), so `&` is encoded too, and no `&#..;` is ever
///   written.
///
/// The quote that would end the name, `\` (an escape), `@` (`@enduml` ends the
/// diagram wherever it appears), `<`/`>` (HTML-like tags), and `[`, `]`, `{`, `}`,
/// `|`, `#`, `` ` ``, `!`, `'` are encoded the same way. Line breaks become spaces.
/// Checked with PlantUML 1.2020 (Debian): the text of the SVG equals the name.
pub fn plantuml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '@' | '<' | '>' | '%' | '$' | '&' | '*' | '/' | '_' | '-' | '~' | '='
            | '[' | ']' | '{' | '}' | '|' | '#' | '`' | '!' | '\'' | '^' => {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_neutralises_its_own_syntax() {
        assert_eq!(
            xml("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(mermaid("a\"]; b"), "a#34;#93;#59; b");
        assert_eq!(dot("\"]; evil [label=\"x"), "\\\"]; evil [label=\\\"x");
        assert_eq!(plantuml("@enduml"), "<U+0040>enduml");
        assert_eq!(plantuml("%date() $x"), "<U+0025>date() <U+0024>x");
        assert_eq!(plantuml("--s--"), "<U+002D><U+002D>s<U+002D><U+002D>");
        assert!(!plantuml("&#36; \\").contains("&#"));
        assert_eq!(dot("two\nlines"), "two\\nlines");
    }
}
