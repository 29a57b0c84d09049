//! Formulas in the pass: MathML for the page and the deck, the LaTeX source for search,
//! and a warning at the formula for one that does not convert (shown as its source).

use std::ops::Range;

use super::super::{layout, math};
use super::Pass;

impl Pass<'_, '_> {
    /// The HTML for the formula `tex` written at `range` (delimiters included).
    pub(super) fn math(&mut self, tex: &str, block: bool, range: Range<usize>) -> String {
        let span = self.base + range.start..self.base + range.end;
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
        let error = match math::to_mathml(tex, block) {
            Ok(mathml) => return mathml,
            Err(e) => e,
        };
        let written = &self.file.text[span.clone()];
        // Point at the command when the file holds the formula as given, between its
        // delimiters (not across `>` quotes); `\(…\)` was rewritten to `${…}$` of the same length.
        let delimiter = if block { 2 } else { 1 };
        let at = match written.len() == tex.len() + 2 * delimiter {
            true => span.start + delimiter + error.at.start..span.start + delimiter + error.at.end,
            false => span.clone(),
        };
        self.doc.diagnostics.push(math::warning(&error).at(self.file, at));
        math::source_as_code(written, &error)
    }
}
