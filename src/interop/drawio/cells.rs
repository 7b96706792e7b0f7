//! The cells of a draw.io page: each `mxCell` with the `<object>` around it (its
//! shape data), its label, its geometry and its place on the page, and the ids the
//! import gives them.

use std::collections::HashMap;

/// One cell: its id, its `mxCell`, and the `<object>` around it, if any.
pub(super) struct Cell<'a, 'input> {
    pub(super) id: String,
    pub(super) cell: roxmltree::Node<'a, 'input>,
    pub(super) data: Option<roxmltree::Node<'a, 'input>>,
}

impl<'a> Cell<'a, '_> {
    /// A shape-data property, or else the cell's own attribute.
    pub(super) fn attr(&self, name: &str) -> Option<&'a str> {
        self.data
            .and_then(|d| d.attribute(name))
            .or_else(|| self.cell.attribute(name))
    }

    /// What the cell says on the page: Patchbay's own label as stored; another's as
    /// it shows, the text of an HTML label (`html=1`, how draw.io saves most), each
    /// line without the spaces at its ends.
    pub(super) fn label(&self) -> String {
        let raw = self
            .attr("label")
            .or_else(|| self.cell.attribute("value"))
            .unwrap_or("");
        if self.attr("patchbay").is_some() {
            return raw.to_owned();
        }
        let text = if self.style().contains("html=1") {
            crate::interop::markup::text(raw)
        } else {
            raw.to_owned()
        };
        // Each line as it shows: without the spaces at its ends.
        text.lines().map(str::trim).collect::<Vec<_>>().join("\n")
    }

    /// Its style string.
    pub(super) fn style(&self) -> &'a str {
        self.cell.attribute("style").unwrap_or("")
    }

    /// An edge.
    pub(super) fn is_edge(&self) -> bool {
        self.cell.attribute("edge") == Some("1")
    }

    /// The id of the cell it sits in.
    pub(super) fn parent(&self) -> Option<&'a str> {
        self.cell.attribute("parent")
    }

    /// A shape, not an edge or a layer.
    pub(super) fn is_vertex(&self) -> bool {
        self.cell.attribute("vertex") == Some("1")
    }

    /// Its `mxGeometry`: x, y, width, height (0 where missing).
    pub(super) fn geometry(&self) -> Option<(f32, f32, f32, f32)> {
        self.cell
            .children()
            .find(|g| g.has_tag_name("mxGeometry"))
            .map(|g| {
                let num = |k| {
                    g.attribute(k)
                        .and_then(|v| v.parse::<f32>().ok())
                        .unwrap_or(0.0)
                };
                (num("x"), num("y"), num("width"), num("height"))
            })
    }

    /// Patchbay's own id of this cell ("s12" is system 12), when it is Patchbay's.
    fn own_id(&self, prefix: char) -> Option<u32> {
        self.attr("patchbay")?;
        self.id.strip_prefix(prefix)?.parse().ok()
    }
}

/// Every cell of a page, findable by id.
pub(super) struct Cells<'a, 'input> {
    pub(super) all: Vec<Cell<'a, 'input>>,
    by_id: HashMap<String, usize>,
}

impl<'a, 'input> Cells<'a, 'input> {
    /// The cells of `model`.
    pub(super) fn of(model: &'a roxmltree::Document<'input>) -> Self {
        let all: Vec<Cell<'a, 'input>> = model
            .descendants()
            .filter(|n| n.has_tag_name("mxCell"))
            .filter_map(|cell| {
                let parent = cell
                    .parent()
                    .filter(|p| p.is_element() && !p.has_tag_name("root"));
                let id = cell
                    .attribute("id")
                    .or_else(|| parent.and_then(|p| p.attribute("id")))?;
                Some(Cell {
                    id: id.to_owned(),
                    cell,
                    data: parent,
                })
            })
            .collect();
        let by_id = all
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Self { all, by_id }
    }

    /// Absolute top-left of cell `i`: its offset plus its parents'.
    pub(super) fn origin(&self, i: usize) -> (f32, f32) {
        let (mut x, mut y) = (0.0, 0.0);
        let mut at = Some(i);
        // A parent loop in a broken file ends here.
        for _ in 0..=64 {
            let Some(k) = at else { break };
            let c = &self.all[k];
            if c.is_vertex() {
                if let Some((gx, gy, _, _)) = c.geometry() {
                    x += gx;
                    y += gy;
                }
            }
            at = c
                .cell
                .attribute("parent")
                .and_then(|p| self.by_id.get(p).copied());
        }
        (x, y)
    }

    /// The cell with this id.
    pub(super) fn get(&self, id: &str) -> Option<&Cell<'a, 'input>> {
        self.index(id).map(|i| &self.all[i])
    }

    /// The edge `c` is a label of (a label dragged onto an edge is its child cell).
    pub(super) fn edge_of(&self, c: &Cell<'_, '_>) -> Option<&Cell<'a, 'input>> {
        c.parent().and_then(|p| self.get(p)).filter(|p| p.is_edge())
    }

    /// The index of the cell with this id.
    pub(super) fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// The ids the import gives: Patchbay's own shapes keep theirs, so flows and waivers
/// still name them; other shapes are numbered above the highest.
pub(super) struct Ids(HashMap<char, u32>);

impl Ids {
    /// The next free id of each kind, above Patchbay's own in `cells`.
    pub(super) fn above(cells: &Cells<'_, '_>) -> Self {
        let mut next = HashMap::new();
        for c in &cells.all {
            for prefix in ['s', 'l', 'z'] {
                if let Some(n) = c.own_id(prefix) {
                    let e = next.entry(prefix).or_insert(1);
                    *e = (*e).max(n + 1);
                }
            }
        }
        Self(next)
    }

    /// The id of `c` as a system (`'s'`), link (`'l'`) or zone (`'z'`).
    pub(super) fn of(&mut self, c: &Cell<'_, '_>, prefix: char) -> u32 {
        c.own_id(prefix).unwrap_or_else(|| {
            let e = self.0.entry(prefix).or_insert(1);
            *e += 1;
            *e - 1
        })
    }
}
