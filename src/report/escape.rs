//! Escaping of user text (names, purposes, notes, descriptions) for every output format.
//! Designs are shared files: their text must always appear as text, never as markup.

/// Text for HTML and SVG element content and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a quoted Mermaid label (`id["..."]`): everything that could end the
/// label or be read as markup becomes a Mermaid entity code.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '.' | ',' | '-' | '_' | ':' | '/' | '(' | ')' | '\'' | '+' | '?' | '!'
            )
        {
            out.push(c);
        } else if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            // Mermaid's entity codes: #35; for '#', #quot; for '"', and so on.
            out.push_str(&format!("#{};", c as u32));
        }
    }
    out
}

/// Text inside a double-quoted Graphviz DOT string.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a double-quoted PlantUML name or label. PlantUML has no escape for
/// quotes inside quotes and reads `@startuml`/`@enduml` anywhere on a line, so those
/// characters become HTML-style character references, which it renders as text.
pub fn plantuml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '@' | '<' | '>' | '[' | ']' | '\\' | '{' | '}' | '|' | '#' | '`' | '*' => {
                out.push_str(&format!("&#{};", c as u32));
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
        assert_eq!(plantuml("@enduml"), "&#64;enduml");
        assert_eq!(dot("two\nlines"), "two\\nlines");
    }
}
