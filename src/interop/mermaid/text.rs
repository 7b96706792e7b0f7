//! The text of Mermaid labels as the diagram shows it: quotes, Markdown strings, HTML
//! tags and character references, Mermaid's entity codes and icon codes; and lines cut
//! into statements, or joined where a label runs on.

/// Label text as shown: HTML tags and character references as a browser shows them
/// ([`markup::text`]), then Mermaid's entity codes (`#38;`, `#quot;`) decoded.
///
/// [`markup::text`]: crate::interop::markup::text
fn decode(text: &str) -> String {
    let text = crate::interop::markup::text(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail.find(';').filter(|&e| e > 0 && e <= 8);
        let decoded = end.and_then(|e| match &tail[..e] {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            code => code.parse::<u32>().ok().and_then(char::from_u32),
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('#');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Font Awesome icon codes (`fa:fa-server`, `fab:fa-github`) out of a label: Mermaid
/// draws them as icons, so they are no part of the name.
fn without_icons(text: &str) -> String {
    let icon = |w: &str| {
        w.split_once(':').is_some_and(|(set, name)| {
            (2..=3).contains(&set.len())
                && set.chars().all(|c| c.is_ascii_lowercase())
                && name.starts_with("fa-")
        })
    };
    if !text.split_whitespace().any(icon) {
        return text.to_owned();
    }
    text.split('\n')
        .map(|line| {
            line.split_whitespace()
                .filter(|w| !icon(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of a label: quotes (and a Markdown string's backticks and emphasis)
/// taken off, tags, entities and icon codes decoded or dropped, each line trimmed.
/// Space at either end is kept only where it is written as an entity (`#32;`), as
/// Mermaid itself shows it.
pub fn label(raw: &str) -> String {
    let t = raw.trim();
    let t = t
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(t);
    let (t, markdown) = match t.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let t = if markdown {
        t.replace("**", "")
    } else {
        t.to_owned()
    };
    // Lines of a label written over several lines of the file lose their indent.
    let t: Vec<&str> = t.split('\n').map(str::trim).collect();
    // A break at either end (`Name<br/>`) shows as nothing.
    decode(&without_icons(t.join("\n").trim()))
        .trim_matches('\n')
        .to_owned()
}

/// Splits a line into statements at `;` outside quotes and brackets.
pub fn statements(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth -= 1,
            ';' if !quoted && depth <= 0 => {
                out.push((start, &line[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &line[start..]));
    out.retain(|(_, s)| !s.trim().is_empty());
    out
}

/// Whether a statement is still open at the end of its line: a quote, a Markdown
/// string or a bracket not yet closed.
pub fn unclosed(text: &str) -> bool {
    let (mut depth, mut quoted, mut ticked) = (0i32, false, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '`' if quoted => ticked = !ticked,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth -= 1,
            _ => {}
        }
    }
    quoted || ticked || depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_spaces_come_back_as_written() {
        assert_eq!(
            label("\"#32;Leading and trailing#32;\""),
            " Leading and trailing "
        );
        assert_eq!(
            label("\"A #quot;quoted#quot; #35;1 #38; co\""),
            "A \"quoted\" #1 & co"
        );
        assert_eq!(label("\"keep # alone\""), "keep # alone");
    }

    #[test]
    fn html_in_labels_reads_as_its_text() {
        assert_eq!(label("Cache<br/>&#40Valkey&#41"), "Cache\n(Valkey)");
        assert_eq!(label("\"OTLP<br/>HTTP POST\""), "OTLP\nHTTP POST");
        assert_eq!(
            label("🔄 Orchestration<br/><i>SF / Airflow</i>"),
            "🔄 Orchestration\nSF / Airflow"
        );
        assert_eq!(label("A &amp; B &lt;C&gt; &#x41;"), "A & B <C> A");
        assert_eq!(label("fa:fa-server API Gateway"), "API Gateway");
        assert_eq!(label("a < b and c > d"), "a < b and c > d");
        assert_eq!(label("R&D"), "R&D");
    }

    #[test]
    fn lines_split_at_semicolons_outside_labels_and_run_on_while_open() {
        assert_eq!(statements("A-->B; B-->C;").len(), 2);
        assert_eq!(statements("A[\"x; y\"]-->B").len(), 1);
        assert!(unclosed("a(\"`The **cat**"));
        assert!(!unclosed("a(\"`The **cat**\nin the hat`\")"));
        assert!(!unclosed("A>Flag] --> B{Is it?}"));
    }
}
