//! Presentation mode, for a review meeting round a projector: the canvas alone, full
//! screen, stepping with the arrow keys through the design's flows step by step and
//! then through its findings, each with a caption in large text that says why.

use super::command::Selection;
use crate::analysis::{Analysis, Subject};
use crate::model::Design;

/// What one press of an arrow key shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// Step `step` (0-based) of the flow at `flow` in the design's list.
    Step { flow: usize, step: usize },
    /// The finding at this place in the analysis's open findings.
    Finding(usize),
}

/// Every slide of a design: each flow's steps in order, then the findings, worst
/// first.
pub fn slides(design: &Design, analysis: &Analysis) -> Vec<Slide> {
    let steps = design.flows.iter().enumerate().flat_map(|(flow, f)| {
        (0..design.flow_links(f).count()).map(move |step| Slide::Step { flow, step })
    });
    steps
        .chain((0..analysis.findings.len()).map(Slide::Finding))
        .collect()
}

/// The caption of a slide: a title and what to say about it.
pub fn caption(design: &Design, analysis: &Analysis, slide: Slide) -> (String, String) {
    match slide {
        Slide::Step { flow, step } => {
            let f = &design.flows[flow];
            let steps: Vec<_> = design.flow_links(f).collect();
            let Some(l) = steps.get(step) else {
                return (f.name.clone(), String::new());
            };
            let title = format!(
                "{}, step {} of {}: {}",
                f.name,
                step + 1,
                steps.len(),
                crate::analysis::findings::link_name(design, l)
            );
            let body = match analysis.link(l.id) {
                Some(a) if a.facts.is_sign_in() => format!(
                    "Sign-in: {}. {}",
                    a.auth_flow.choice.label(),
                    a.auth_flow.reason.text()
                ),
                Some(a) => format!(
                    "{}: {}\n{}: {}",
                    a.pattern.choice.label(),
                    a.pattern.reason.text(),
                    a.auth_flow.choice.label(),
                    a.auth_flow.reason.text()
                ),
                None => String::new(),
            };
            (title, body)
        }
        Slide::Finding(i) => {
            let Some(f) = analysis.findings.get(i) else {
                return (String::new(), String::new());
            };
            (
                format!(
                    "{} {} · {}: {}",
                    f.severity.label(),
                    f.rule.id,
                    f.rule.title,
                    f.subject.name(design)
                ),
                format!("{}\nInstead: {}", f.message, f.rule.instead),
            )
        }
    }
}

/// What a slide highlights: the step's link or the finding's subject, selected, and
/// the flow shown (the steps' numbers on the canvas).
pub fn highlight(design: &Design, analysis: &Analysis, slide: Slide) -> (Selection, Option<u32>) {
    match slide {
        Slide::Step { flow, step } => {
            let f = &design.flows[flow];
            let link = design.flow_links(f).nth(step).map(|l| l.id);
            (
                link.map_or_else(Selection::default, Selection::of_link),
                Some(f.id),
            )
        }
        Slide::Finding(i) => {
            let selection = match analysis.findings.get(i).map(|f| f.subject) {
                Some(Subject::System(id)) => Selection::of_system(id),
                Some(Subject::Link(id)) => Selection::of_link(id),
                _ => Selection::default(),
            };
            (selection, None)
        }
    }
}

/// Where a presentation is, and its slides as of the design's last revision (worked
/// out again only when the design changes, not each frame).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presenting {
    /// The slide shown; `None` before the first arrow key (the whole design).
    pub at: Option<usize>,
    slides: Vec<Slide>,
    revision: Option<u64>,
}

impl Presenting {
    /// The slides of the design at `revision`; after an edit, the place is kept as far
    /// as the slides still reach.
    pub fn refresh(&mut self, revision: u64, design: &Design, analysis: &Analysis) {
        if self.revision != Some(revision) {
            self.slides = slides(design, analysis);
            self.revision = Some(revision);
            self.at = self.at.map(|i| i.min(self.slides.len().saturating_sub(1)));
            if self.slides.is_empty() {
                self.at = None;
            }
        }
    }

    /// Every slide.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }

    /// The slide shown, if one is.
    pub fn current(&self) -> Option<Slide> {
        self.at.and_then(|i| self.slides.get(i).copied())
    }

    /// Moves to the slide after (`forward`) or before this one; before the first is
    /// the whole design.
    pub fn step(&mut self, forward: bool) {
        let count = self.slides.len();
        self.at = match (self.at, forward) {
            (None, true) if count > 0 => Some(0),
            (None, _) => None,
            (Some(i), true) => Some((i + 1).min(count.saturating_sub(1))),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
    }
}

/// The caption over the bottom of the canvas, in large text on a backdrop: real
/// labels, so a screen reader reads them too.
pub(super) fn caption_ui(ui: &egui::Ui, rect: egui::Rect, title: &str, body: &str, position: &str) {
    let width = (rect.width() - 80.0).max(200.0);
    egui::Area::new(egui::Id::new("presentation caption"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(egui::pos2(rect.center().x, rect.bottom() - 20.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(width);
                ui.label(
                    egui::RichText::new(super::theme::plain(title))
                        .size(26.0)
                        .strong(),
                );
                if !body.is_empty() {
                    ui.label(egui::RichText::new(super::theme::plain(body)).size(19.0));
                }
                ui.label(egui::RichText::new(position).size(14.0).weak());
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrows_go_through_the_slides_and_stop_at_both_ends() {
        let mut p = Presenting {
            slides: vec![Slide::Finding(0), Slide::Finding(1), Slide::Finding(2)],
            ..Presenting::default()
        };
        p.step(false);
        assert_eq!(p.at, None);
        for want in [0, 1, 2, 2] {
            p.step(true);
            assert_eq!(p.at, Some(want));
        }
        for want in [Some(1), Some(0), None, None] {
            p.step(false);
            assert_eq!(p.at, want);
        }
        let mut empty = Presenting::default();
        empty.step(true);
        assert_eq!(empty.at, None);
    }

    #[test]
    fn slides_are_worked_out_once_per_revision_and_an_edit_keeps_the_place_in_reach() {
        let mut design = crate::model::parse(crate::samples::DEFAULT.text).expect("sample");
        let analysis = crate::analysis::analyze(&design);
        let mut p = Presenting::default();
        p.refresh(1, &design, &analysis);
        let all = p.slides().len();
        assert!(all > 2);
        p.at = Some(all - 1);
        // The same revision is not worked out again, whatever is passed.
        p.refresh(1, &crate::model::Design::default(), &analysis);
        assert_eq!(p.slides().len(), all);
        design.flows.clear();
        let fewer = crate::analysis::analyze(&design);
        p.refresh(2, &design, &fewer);
        assert_eq!(p.slides().len(), fewer.findings.len());
        assert_eq!(p.at, Some(p.slides().len() - 1));
        p.refresh(
            3,
            &crate::model::Design::default(),
            &crate::analysis::analyze(&Default::default()),
        );
        assert_eq!((p.slides().len(), p.at), (0, None));
    }

    #[test]
    fn the_retail_sample_steps_through_its_flows_then_its_findings() {
        let design = crate::model::parse(crate::samples::DEFAULT.text).expect("sample");
        let analysis = crate::analysis::analyze(&design);
        let slides = slides(&design, &analysis);
        let steps: usize = design
            .flows
            .iter()
            .map(|f| design.flow_links(f).count())
            .sum();
        assert_eq!(slides.len(), steps + analysis.findings.len());
        assert_eq!(slides[0], Slide::Step { flow: 0, step: 0 });
        let (title, body) = caption(&design, &analysis, slides[1]);
        assert!(title.starts_with("Checkout, step 2 of 4: "), "{title}");
        assert!(!body.is_empty());
        let (selection, flow) = highlight(&design, &analysis, slides[1]);
        assert_eq!(flow, Some(design.flows[0].id));
        assert_eq!(selection.links.len(), 1);
        let last = *slides.last().expect("a finding");
        assert!(matches!(last, Slide::Finding(_)));
        let (title, _) = caption(&design, &analysis, last);
        assert!(title.contains(analysis.findings[analysis.findings.len() - 1].rule.id));
    }
}
