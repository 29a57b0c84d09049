//! How much of an A4 page an SOP's paper form takes, estimated at build time, so the build
//! can say which SOPs print on more than one page, and where the first page ends.
//!
//! The figures mirror the print rules for `.page-sop` in `lectern.css` and the `@page` of
//! `sop.html`: 9 pt step text in lines of 1.25, 7 pt help in lines of 1.15, one row per
//! step, sections kept whole on a page. Text widths are estimated per character, as for
//! slides (`markdown/layout.rs`): Chinese characters are square, Latin ones about half as
//! wide. The estimate errs on the long side; `tests/browser_print.rs` compares it with
//! what Chromium prints.

use crate::compile::SopStepText;
use crate::diag::Diagnostic;
use crate::model::{Sop, Step, StepKind};
use crate::yaml;

const MM: f64 = 72.0 / 25.4;
/// A4 portrait less `sop.html`'s margins (10 mm top and bottom, 12 mm left and right), in pt.
const PAGE_H: f64 = 842.0 - 20.0 * MM;
const PAGE_W: f64 = 595.0 - 24.0 * MM;
/// A step's text and blanks: the page less the number and `不适用` columns and their gaps.
const BODY_W: f64 = PAGE_W - 70.0;
const TEXT_PT: f64 = 9.0;
const TEXT_LINE: f64 = TEXT_PT * 1.25;
/// A step on one line: a text line, a little taller for its box or blank.
const FIRST_LINE: f64 = 12.0;
const HELP_PT: f64 = 7.0;
const HELP_LINE: f64 = HELP_PT * 1.15;
/// A step's padding and rule.
const STEP_EXTRA: f64 = 3.5;
/// The title (14 pt) and the id/version/people line under it, with their margins.
const HEADER: f64 = 36.0;
/// The summary's 8.5 pt lines.
const SUMMARY_LINE: f64 = 12.6;
/// A row of (at most three) form fields, and the widest label that stays on one line.
const FIELD_ROW: f64 = 17.5;
const FIELD_LABEL_W: f64 = 60.0;
/// A section's legend and the space after it.
const SECTION: f64 = 16.5;
/// The signature lines (two to a row) and the space above them.
const SIGNOFF_ROW: f64 = 20.0;
const SIGNOFF_TOP: f64 = 6.0;

/// Width in pt of `text` set at `size` pt.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum::<f64>() * size
}

/// Width of what follows a step's text on its row: the box, blank or options to fill in.
fn blank_width(step: &Step) -> f64 {
    let option = |label: &str| 11.0 + 4.0 + text_width(label, TEXT_PT) + 8.0;
    match step.kind {
        StepKind::Check => 15.0,
        StepKind::Number => 55.0 + step.unit.as_deref().map_or(0.0, |u| 4.0 + text_width(u, TEXT_PT)),
        StepKind::Text => 90.0,
        StepKind::Time => 70.0,
        StepKind::Date => 90.0,
        StepKind::Yesno => option("是") + option("否"),
        StepKind::Choice => step.options.iter().map(|o| option(o)).sum(),
    }
}

/// Height in pt of one step's row: its text and blank, then its help beside them when it
/// fits there, else on lines of its own.
fn step_height(step: &Step, text: &str, help: Option<&str>) -> f64 {
    let main = text_width(text, TEXT_PT) + 6.0 + blank_width(step);
    let help = help.map_or(0.0, |h| text_width(h, HELP_PT));
    let lines = |width: f64| (width / BODY_W).ceil().max(1.0);
    let text = lines(main) * TEXT_LINE;
    if help == 0.0 || main + 6.0 + help <= BODY_W {
        text.max(FIRST_LINE) + STEP_EXTRA
    } else {
        text + lines(help) * HELP_LINE + STEP_EXTRA
    }
}

/// Where the first printed page of an SOP ends, when it does not hold the whole form.
#[derive(Debug, PartialEq)]
pub struct Spill {
    /// Steps printed on the first page.
    pub steps_on_first_page: usize,
    pub steps: usize,
}

/// Lay the form out on A4 pages: sections stay whole when they fit on a page (the print
/// CSS's `break-inside: avoid`), steps always do.
pub fn spill(sop: &Sop, rendered: &[SopStepText]) -> Option<Spill> {
    let spec = &sop.spec;
    let summary = spec
        .summary
        .as_deref()
        .map_or(0.0, |s| (text_width(s, 8.5) / PAGE_W).ceil() * SUMMARY_LINE);
    // Three fields to a row; a label longer than about a third of its column wraps.
    let fields: f64 = spec
        .form
        .chunks(3)
        .map(|row| {
            let longest = row.iter().map(|f| text_width(&f.label, TEXT_PT)).fold(0.0, f64::max);
            FIELD_ROW + ((longest / FIELD_LABEL_W).ceil() - 1.0).max(0.0) * TEXT_LINE
        })
        .sum();
    let mut y = HEADER + summary + fields;
    let mut heights = sop
        .steps()
        .zip(rendered)
        .map(|((_, step), t)| step_height(&step.value, &t.text.plain, t.help.as_ref().map(|h| h.plain.as_str())));
    let steps = rendered.len();
    let mut placed = 0;
    for section in &spec.sections {
        let rows: Vec<f64> = heights.by_ref().take(section.steps.len()).collect();
        let whole = SECTION + rows.iter().sum::<f64>();
        if y + whole <= PAGE_H {
            y += whole;
            placed += rows.len();
            continue;
        }
        if whole > PAGE_H {
            // Too tall for any page: it breaks between steps.
            y += SECTION;
            for h in rows {
                y += h;
                if y > PAGE_H {
                    break;
                }
                placed += 1;
            }
        }
        return Some(Spill {
            steps_on_first_page: placed,
            steps,
        });
    }
    let signoff = if spec.signoff.is_empty() {
        0.0
    } else {
        SIGNOFF_TOP + spec.signoff.len().div_ceil(2) as f64 * SIGNOFF_ROW
    };
    (y + signoff > PAGE_H).then_some(Spill {
        steps_on_first_page: placed,
        steps,
    })
}

/// A warning for each SOP whose paper form will not fit one A4 page, at the first step
/// that goes on to the next page (or the last step, when only the signatures do).
pub fn paper_warnings(sops: &[Sop], rendered: &[Vec<SopStepText>]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (sop, steps) in sops.iter().zip(rendered) {
        let Some(spill) = spill(sop, steps) else {
            continue;
        };
        let at = spill.steps_on_first_page.min(spill.steps.saturating_sub(1));
        let Some((_, step)) = sop.steps().nth(at) else {
            continue;
        };
        let span = yaml::span_of(&sop.file, &sop.range(), step);
        let message = if spill.steps_on_first_page == spill.steps {
            format!(
                "SOP `{}` prints on more than one A4 page: its {} steps fit on the first, the signature lines do not",
                sop.id, spill.steps
            )
        } else {
            format!(
                "SOP `{}` prints on more than one A4 page: about {} of its {} steps fit on the first",
                sop.id, spill.steps_on_first_page, spill.steps
            )
        };
        warnings.push(
            Diagnostic::warning(message)
                .at(&sop.file, span)
                .label("the second page starts about here")
                .help("one page holds about 25 steps of up to 40 characters with a line of help each: shorten step texts or help, or split the SOP"),
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: StepKind) -> Step {
        Step {
            text: String::new(),
            kind,
            min: None,
            max: None,
            unit: None,
            options: Vec::new(),
            required: true,
            help: None,
        }
    }

    #[test]
    fn help_goes_beside_a_short_step_and_below_a_long_one() {
        let short = step_height(&step(StepKind::Check), "检查封面", Some("问组长"));
        let long_text = "确认直播间标题、封面、挂车商品链接和开播提醒已按当天排期表全部更新完毕";
        let long = step_height(
            &step(StepKind::Check),
            long_text,
            Some("排期表在群公告里，以组长最后一次修改的版本为准"),
        );
        assert_eq!(short, FIRST_LINE + STEP_EXTRA);
        assert_eq!(long, TEXT_LINE + HELP_LINE + STEP_EXTRA);
        // Options that no longer fit beside the text take a line of their own.
        let mut choice = step(StepKind::Choice);
        choice.options = ["抖音", "快手", "小红书", "视频号", "淘宝直播", "B站"]
            .map(String::from)
            .to_vec();
        assert_eq!(step_height(&choice, long_text, None), 2.0 * TEXT_LINE + STEP_EXTRA);
    }

    #[test]
    fn widths_count_latin_letters_narrower() {
        assert_eq!(text_width("切片", 9.0), 18.0);
        assert!(text_width("GMV", 9.0) < text_width("切片", 9.0));
    }
}
