//! What the inspector's forms are made of: a drop-down over a vocabulary, the captions
//! and help of the decision inputs, and how a widget's change becomes an undo step.

use crate::analysis::facts::Attr;
use std::borrow::Cow;

impl Change {
    pub(super) fn label(&self) -> &str {
        match self {
            Change::Step(l) | Change::Merged(l) => l,
        }
    }
}

/// A decision input's caption and help text, from the one table the flips and the
/// reports also read.
pub(super) fn field(attr: Attr) -> (&'static str, &'static str) {
    (attr.field(), attr.help())
}

/// The format is no input of a link's decisions, but of the design's: the bus's
/// transformation signal.
pub(super) const FORMAT: (&str, &str) = (
    "Format",
    "The data format on the wire. Different formats at one system are a reason for a \
     bus that transforms them.",
);

/// Every drop-down in the inspector is this wide, its choice cut short with an
/// ellipsis when longer: a long choice never widens the panel.
pub(super) const COMBO_WIDTH: f32 = 190.0;

/// How a widget's change becomes an undo step.
pub(super) enum Change {
    /// One step per change (a checkbox, a choice), with the undo menu's label.
    Step(Cow<'static, str>),
    /// Merged while the same field of the same item is edited (typing, dragging a
    /// number), with the undo menu's label.
    Merged(Cow<'static, str>),
}

/// A combo box over a vocabulary, showing labels and storing ids.
pub(super) fn choice<T: Copy + PartialEq + 'static>(
    ui: &mut egui::Ui,
    (label, help): (&str, &str),
    value: &mut T,
    all: &[T],
    text: impl Fn(T) -> &'static str,
) -> bool {
    let mut changed = false;
    ui.label(label).on_hover_text(help);
    egui::ComboBox::from_id_salt(label)
        // A long choice is cut short with an ellipsis rather than widen the panel.
        .width(COMBO_WIDTH)
        .truncate()
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for &v in all {
                changed |= ui.selectable_value(value, v, text(v)).changed();
            }
        });
    ui.end_row();
    changed
}
