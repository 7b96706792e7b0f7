//! One Mermaid flowchart statement read into its parts: groups of nodes (`A & B`) joined
//! by edges of any form Mermaid draws (solid, dotted, thick, invisible; with or without
//! arrowheads; labelled `-->|text|` or `-- text -->`), each node with its label, shape
//! and class. Nothing here knows about designs.

use super::text::label;

/// A node as a statement mentions it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeRef {
    pub id: String,
    /// Its label, when the statement gives one (`A[Label]`).
    pub label: Option<String>,
    /// Drawn as the database cylinder (`A[(Label)]`, `@{ shape: cyl }`).
    pub cylinder: bool,
    /// Its class (`A:::name`).
    pub class: Option<String>,
}

/// How an edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dotted,
    Thick,
    /// `~~~`: spacing only, drawn as nothing.
    Invisible,
}

/// An edge between two groups of nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub label: Option<String>,
    pub stroke: Stroke,
    /// An arrowhead (or circle, or cross) at the far end.
    pub head: bool,
    /// One at the near end too (`<-->`).
    pub both: bool,
}

/// Groups of nodes joined by edges: `A & B --> C -.-> D`.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    pub groups: Vec<Vec<NodeRef>>,
    pub edges: Vec<Edge>,
}

/// A problem with a statement: the byte offset it was found at, and what it is.
pub type Fault = (usize, String);

/// A cursor over one statement.
struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }
    fn skip_space(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start().len();
    }
    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.i += token.len();
            true
        } else {
            false
        }
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn done(&self) -> bool {
        self.rest().trim().is_empty()
    }
}

/// Shapes, as their opening and closing brackets, longest first; whether it is the
/// database cylinder.
const SHAPES: &[(&str, &[&str], bool)] = &[
    ("(((", &[")))"], false),
    ("([", &["])"], false),
    ("[(", &[")]"], true),
    ("[[", &["]]"], false),
    ("((", &["))"], false),
    ("{{", &["}}"], false),
    ("[/", &["/]", "\\]"], false),
    ("[\\", &["\\]", "/]"], false),
    ("[", &["]"], false),
    ("(", &[")"], false),
    ("{", &["}"], false),
    (">", &["]"], false),
];

/// Whether `c` may be part of a node id. A `-` or `.` is, only when a letter or digit
/// follows (so `A-->B` is A, an arrow, and B; `my-node` one id).
fn id_char(s: &str, at: usize, c: char) -> bool {
    if c.is_alphanumeric() || c == '_' {
        return true;
    }
    if c == '-' || c == '.' {
        return s[at + 1..]
            .chars()
            .next()
            .is_some_and(|n| n.is_alphanumeric() || n == '_');
    }
    false
}

fn node(sc: &mut Scan<'_>) -> Result<NodeRef, Fault> {
    sc.skip_space();
    let start = sc.i;
    let s = sc.s;
    let end = s[start..]
        .char_indices()
        .find(|&(k, c)| !id_char(s, start + k, c))
        .map_or(s.len(), |(k, _)| start + k);
    if end == start {
        let what = sc.rest().trim();
        return Err((start, format!("expected a node, found \"{what}\"")));
    }
    let mut n = NodeRef {
        id: s[start..end].to_owned(),
        label: None,
        cylinder: false,
        class: None,
    };
    sc.i = end;
    if sc.eat("@{") {
        shape_object(sc, &mut n)?;
    } else if let Some(&(open, closes, cylinder)) = SHAPES
        .iter()
        .find(|(open, _, _)| sc.rest().starts_with(open))
    {
        let at = sc.i;
        sc.i += open.len();
        let inner_start = sc.i;
        // A quoted label may hold the closing bracket.
        let from = if sc.rest().trim_start().starts_with('"') {
            let q = sc.rest().find('"').unwrap_or(0) + sc.i;
            s[q + 1..].find('"').map_or(q, |e| q + 1 + e)
        } else {
            inner_start
        };
        let close = closes
            .iter()
            .filter_map(|c| s[from..].find(c).map(|k| (from + k, c.len())))
            .min();
        let Some((close, len)) = close else {
            return Err((
                at,
                format!("the shape opened with \"{open}\" is not closed"),
            ));
        };
        n.label = Some(label(&s[inner_start..close]));
        n.cylinder = cylinder;
        sc.i = close + len;
    }
    if sc.eat(":::") {
        let start = sc.i;
        let len = sc
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(sc.rest().len());
        n.class = Some(s[start..start + len].to_owned());
        sc.i += len;
    }
    Ok(n)
}

/// `A@{ shape: cyl, label: "Orders" }`: the label and whether the shape is a cylinder.
fn shape_object(sc: &mut Scan<'_>, n: &mut NodeRef) -> Result<(), Fault> {
    let at = sc.i;
    let mut quoted = false;
    let close = sc.rest().char_indices().find(|&(_, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        c == '}' && !quoted
    });
    let Some((k, _)) = close else {
        return Err((at, "the shape's `@{` is not closed".into()));
    };
    let body = &sc.rest()[..k];
    for field in split_fields(body) {
        let Some((key, value)) = field.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "label" => n.label = Some(label(value)),
            "shape" => {
                n.cylinder = matches!(
                    value.trim_matches('"'),
                    "cyl" | "cylinder" | "db" | "database" | "h-cyl" | "das" | "lin-cyl"
                )
            }
            _ => {}
        }
    }
    sc.i += k + 1;
    Ok(())
}

/// `key: value` fields separated by commas outside quotes.
fn split_fields(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in body.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&body[start..]);
    out
}

/// The body of an edge: a run of `-`, `=`, `~`, or `-.…-`, with how it is drawn.
fn body(sc: &mut Scan<'_>) -> Option<Stroke> {
    let r = sc.rest();
    let run = |ch: char| r.chars().take_while(|c| *c == ch).count();
    if run('~') >= 3 {
        sc.i += run('~');
        return Some(Stroke::Invisible);
    }
    if run('=') >= 2 {
        sc.i += run('=');
        return Some(Stroke::Thick);
    }
    if r.starts_with("-.") {
        let dots = r[1..].chars().take_while(|c| *c == '.').count();
        let after = &r[1 + dots..];
        if after.starts_with('-') {
            sc.i += 1 + dots + 1;
            return Some(Stroke::Dotted);
        }
        // `-. text .->`: the opening of a dotted edge with text.
        sc.i += 1 + dots;
        return Some(Stroke::Dotted);
    }
    if run('-') >= 2 {
        sc.i += run('-');
        return Some(Stroke::Solid);
    }
    None
}

/// An arrowhead, circle or cross right after the body.
fn tail(sc: &mut Scan<'_>) -> bool {
    match sc.peek() {
        Some('>') => {
            sc.i += 1;
            true
        }
        Some('o' | 'x') => {
            // Only when the node id does not go on (`--o B`, not `--oB`).
            let next = sc.rest()[1..].chars().next();
            if next.is_none_or(|c| c.is_whitespace()) {
                sc.i += 1;
                true
            } else {
                false
            }
        }
        _ => false,
    }
}

/// The closing part of `-- text -->`, `== text ==>` or `-. text .->`: where it starts
/// after the text, by stroke.
fn text_close(rest: &str, stroke: Stroke) -> Option<usize> {
    let token = match stroke {
        Stroke::Solid => "--",
        Stroke::Thick => "==",
        Stroke::Dotted => ".-",
        Stroke::Invisible => return None,
    };
    rest.find(token)
}

fn edge(sc: &mut Scan<'_>) -> Result<Option<Edge>, Fault> {
    sc.skip_space();
    let at = sc.i;
    if sc.done() {
        return Ok(None);
    }
    let r = sc.rest();
    let both = match r.chars().next() {
        Some('<') => true,
        Some('o' | 'x') => r[1..].starts_with(['-', '=', '.']),
        _ => false,
    };
    if both {
        sc.i += 1;
    }
    let body_start = sc.i;
    let Some(stroke) = body(sc) else {
        sc.i = at;
        return Err((
            at,
            format!("expected an edge (such as -->), found \"{}\"", r.trim()),
        ));
    };
    // Only `--`, `==` and `-.` open an edge whose text follows (`-- text -->`).
    let drawn = &sc.s[body_start..sc.i];
    let opens_text =
        matches!(drawn, "--" | "==") || (drawn.starts_with("-.") && !drawn.ends_with('-'));
    let mut e = Edge {
        label: None,
        stroke,
        head: tail(sc),
        both,
    };
    if opens_text && !e.head {
        let rest = sc.rest();
        if let Some(k) = text_close(rest, stroke) {
            let text = &rest[..k];
            let after = &rest[k..];
            // Only a text edge when what follows closes it (`-->`, `---`, `==>`, `.->`).
            let mut probe = Scan { s: after, i: 0 };
            let closing = if stroke == Stroke::Dotted {
                // `.->` or `.-`: a dot, then at least one dash.
                probe.eat(".");
                let dashes = probe.rest().chars().take_while(|c| *c == '-').count();
                probe.i += dashes;
                dashes > 0
            } else {
                body(&mut probe).is_some()
            };
            if closing && !text.trim().is_empty() {
                let head = tail(&mut probe);
                e.label = Some(label(text));
                e.head = head;
                sc.i += k + probe.i;
            }
        }
    }
    sc.skip_space();
    if sc.eat("|") {
        let Some(k) = sc.rest().find('|') else {
            return Err((
                sc.i,
                "the edge's label opened with `|` is not closed".into(),
            ));
        };
        e.label = Some(label(&sc.rest()[..k]));
        sc.i += k + 1;
    }
    Ok(Some(e))
}

fn group(sc: &mut Scan<'_>) -> Result<Vec<NodeRef>, Fault> {
    let mut nodes = vec![node(sc)?];
    loop {
        sc.skip_space();
        if !sc.eat("&") {
            return Ok(nodes);
        }
        nodes.push(node(sc)?);
    }
}

/// Reads one statement: nodes, or groups of nodes joined by edges.
pub fn chain(statement: &str) -> Result<Chain, Fault> {
    let mut sc = Scan { s: statement, i: 0 };
    let mut c = Chain {
        groups: vec![group(&mut sc)?],
        edges: Vec::new(),
    };
    while let Some(e) = edge(&mut sc)? {
        c.edges.push(e);
        c.groups.push(group(&mut sc)?);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(c: &Chain) -> Vec<Vec<&str>> {
        c.groups
            .iter()
            .map(|g| g.iter().map(|n| n.id.as_str()).collect())
            .collect()
    }

    fn labels(c: &Chain) -> Vec<Option<&str>> {
        c.edges.iter().map(|e| e.label.as_deref()).collect()
    }

    #[test]
    fn every_edge_form_reads_with_its_label_and_stroke() {
        let cases: &[(&str, Option<&str>, Stroke, bool)] = &[
            ("A-->B", None, Stroke::Solid, true),
            ("A --> B", None, Stroke::Solid, true),
            ("A --- B", None, Stroke::Solid, false),
            ("A ----> B", None, Stroke::Solid, true),
            ("A -->|calls| B", Some("calls"), Stroke::Solid, true),
            ("A-->|calls|B", Some("calls"), Stroke::Solid, true),
            ("A --> |calls| B", Some("calls"), Stroke::Solid, true),
            ("A -- calls --> B", Some("calls"), Stroke::Solid, true),
            ("A--calls-->B", Some("calls"), Stroke::Solid, true),
            ("A -- calls --- B", Some("calls"), Stroke::Solid, false),
            ("A -.-> B", None, Stroke::Dotted, true),
            ("A -..-> B", None, Stroke::Dotted, true),
            ("A -.- B", None, Stroke::Dotted, false),
            ("A -. events .-> B", Some("events"), Stroke::Dotted, true),
            ("A -.->|events| B", Some("events"), Stroke::Dotted, true),
            ("A ==> B", None, Stroke::Thick, true),
            ("A === B", None, Stroke::Thick, false),
            ("A == bulk ==> B", Some("bulk"), Stroke::Thick, true),
            ("A ==>|bulk| B", Some("bulk"), Stroke::Thick, true),
            ("A ~~~ B", None, Stroke::Invisible, false),
            ("A --o B", None, Stroke::Solid, true),
            ("A --x B", None, Stroke::Solid, true),
        ];
        for &(text, want_label, stroke, head) in cases {
            let c = chain(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(ids(&c), vec![vec!["A"], vec!["B"]], "{text}");
            assert_eq!(labels(&c), vec![want_label], "{text}");
            assert_eq!(
                (c.edges[0].stroke, c.edges[0].head),
                (stroke, head),
                "{text}"
            );
        }
        let both = chain("A <--> B").expect("both ways");
        assert!(both.edges[0].both && both.edges[0].head);
    }

    #[test]
    fn chains_groups_shapes_and_classes() {
        let c = chain("A & B --> C[\"Order service\"] -->|x| D[(Orders DB)]:::db").expect("chain");
        assert_eq!(ids(&c), vec![vec!["A", "B"], vec!["C"], vec!["D"]]);
        assert_eq!(c.groups[1][0].label.as_deref(), Some("Order service"));
        let d = &c.groups[2][0];
        assert_eq!((d.label.as_deref(), d.cylinder), (Some("Orders DB"), true));
        assert_eq!(d.class.as_deref(), Some("db"));
        for (text, want) in [
            ("n1([Stadium])", "Stadium"),
            ("n1[[Sub]]", "Sub"),
            ("n1((Circle))", "Circle"),
            ("n1(((Double)))", "Double"),
            ("n1{Decision}", "Decision"),
            ("n1{{Hex}}", "Hex"),
            ("n1>Flag]", "Flag"),
            ("n1[/Lean right/]", "Lean right"),
            ("n1[\\Lean left\\]", "Lean left"),
            ("n1[/Trapezoid\\]", "Trapezoid"),
            ("n1[\"Quoted ] bracket\"]", "Quoted ] bracket"),
            ("n1[\"`Markdown **bold**`\"]", "Markdown bold"),
            ("n1[Line one<br/>line two]", "Line one\nline two"),
            ("n1@{ shape: cyl, label: \"Ledger\" }", "Ledger"),
            ("my-node.v2[Dashed id]", "Dashed id"),
        ] {
            let c = chain(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(c.groups[0][0].label.as_deref(), Some(want), "{text}");
        }
        assert!(chain("n1@{ shape: cyl }").expect("cyl").groups[0][0].cylinder);
        assert_eq!(
            chain("my-node --> b").expect("id").groups[0][0].id,
            "my-node"
        );
    }

    #[test]
    fn broken_statements_say_where() {
        assert_eq!(chain("A --> ").map_err(|e| e.0), Err(6));
        assert!(chain("A[unclosed --> B").is_err());
        assert!(chain("--> B").is_err());
    }
}
