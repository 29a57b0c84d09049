//! Formulas in the pass: MathML for the page and the deck, the LaTeX source for search,
//! and a warning at the formula for one that does not convert (shown as its source).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::Event;

use super::super::{layout, math};
use super::Pass;
use crate::diag::Diagnostic;

impl Pass<'_, '_> {
    /// Numbers the display formulas that carry a `\label{…}`, 1, 2, 3… in the order they are
    /// written (a `\tag{…}` of the same formula gives its number instead), so that `\eqref`
    /// and `\ref` can show them, as MathJax's numbered equations do. Formulas without a
    /// label stay unnumbered.
    pub(super) fn number_equations(&mut self, events: &[(Event<'_>, Range<usize>)]) {
        let mut count = 0;
        for (event, _) in events {
            let Event::DisplayMath(tex) = event else { continue };
            let labels = arguments(tex, "\\label");
            if labels.is_empty() {
                continue;
            }
            let number = match arguments(tex, "\\tag").first() {
                Some(tag) => tag.1.to_string(),
                None => {
                    count += 1;
                    count.to_string()
                }
            };
            for (_, label) in labels {
                self.equation_labels
                    .entry(label.to_string())
                    .or_insert_with(|| number.clone());
            }
        }
    }

    /// `tex` with its `\label` shown as the formula's number and each `\eqref{…}`/`\ref{…}`
    /// as the number it names; an unknown label is a warning at `span`.
    fn with_equation_numbers<'t>(&mut self, tex: &'t str, block: bool, span: Range<usize>) -> Cow<'t, str> {
        if !tex.contains("\\label") && !tex.contains("ref") {
            return Cow::Borrowed(tex);
        }
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        let tagged = tex.contains("\\tag");
        for (i, (range, label)) in arguments(tex, "\\label").into_iter().enumerate() {
            let shown = match (block && !tagged && i == 0, self.equation_labels.get(label)) {
                (true, Some(number)) => format!("\\tag{{{number}}}"),
                _ => String::new(),
            };
            edits.push((range, shown));
        }
        for (command, open, close) in [("\\eqref", "(", ")"), ("\\ref", "", "")] {
            for (range, label) in arguments(tex, command) {
                let number = match self.equation_labels.get(label) {
                    Some(n) => n.clone(),
                    None => {
                        self.doc.diagnostics.push(
                            Diagnostic::warning(format!("`{command}{{{label}}}` names no formula on this page"))
                                .at(self.file, span.clone())
                                .help(format!(
                                    "give the formula it means `\\label{{{label}}}`; it shows as (?) until then"
                                )),
                        );
                        "?".to_string()
                    }
                };
                edits.push((range, format!("\\text{{{open}{number}{close}}}")));
            }
        }
        if edits.is_empty() {
            return Cow::Borrowed(tex);
        }
        edits.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(tex.len() + 16);
        let mut at = 0;
        for (range, with) in edits {
            out.push_str(&tex[at..range.start]);
            out.push_str(&with);
            at = range.end;
        }
        out.push_str(&tex[at..]);
        Cow::Owned(out)
    }

    /// The HTML for the formula `tex` written at `range` (delimiters included).
    pub(super) fn math(&mut self, tex: &str, block: bool, range: Range<usize>) -> String {
        self.formula(tex, block, range, None)
    }

    /// As [`Self::math`]; `in_html` is the formula as a raw HTML block at `range` holds it
    /// (delimiters included): a warning then points at the block's line, and a formula that
    /// does not convert shows as that text.
    pub(super) fn formula(&mut self, tex: &str, block: bool, range: Range<usize>, in_html: Option<&str>) -> String {
        let span = self.base + range.start..self.base + range.end;
        self.doc.uses_math = true;
        // Search keeps what a student would type: the LaTeX, set apart from the words around it.
        self.search_text(" ");
        self.search_text(tex.trim());
        self.search_text(" ");
        self.last_char = tex.trim_end().chars().next_back();
        if !self.in_notes {
            match block {
                true => self.height += layout::formula_height(tex),
                false => self.block_width += layout::formula_width(tex),
            }
        }
        let numbered = self.with_equation_numbers(tex, block, span.clone());
        let error = match math::to_mathml(&numbered, block) {
            Ok(mathml) => return mathml,
            Err(e) => e,
        };
        let written = in_html.unwrap_or(&self.file.text[span.clone()]);
        // Point at the command when the file holds the formula as given, between its
        // delimiters (not across `>` quotes); `\(…\)` was rewritten to `${…}$` of the same length.
        let delimiter = if block { 2 } else { 1 };
        let as_written = matches!(numbered, Cow::Borrowed(_)) && in_html.is_none();
        let at = match as_written && written.len() == tex.len() + 2 * delimiter {
            true => span.start + delimiter + error.at.start..span.start + delimiter + error.at.end,
            false => span.clone(),
        };
        self.doc.diagnostics.push(math::warning(&error).at(self.file, at));
        math::source_as_code(written, &error)
    }
}

/// Each `command{argument}` in `tex` (`\label{eq:1}`, spaces allowed before the brace):
/// its byte range, command included, and the argument.
fn arguments<'t>(tex: &'t str, command: &str) -> Vec<(Range<usize>, &'t str)> {
    let mut found = Vec::new();
    for (start, _) in tex.match_indices(command) {
        let after = &tex[start + command.len()..];
        // `\refx` is another command.
        let gap = after.len() - after.trim_start().len();
        let Some(arg) = after[gap..].strip_prefix('{') else {
            continue;
        };
        let Some(end) = arg.find('}') else { continue };
        let stop = start + command.len() + gap + 1 + end + 1;
        found.push((start..stop, arg[..end].trim()));
    }
    found
}
