//! LaTeX math to MathML Core, at build time: pages, decks and printouts show formulas
//! with no script, no web font and no network, from `file://` too.
//!
//! The converter is [math-core](https://docs.rs/math-core) (MIT). Tried on 74 course-book
//! formulas (those of `tests/fixtures/math` and more) beside pulldown-latex 0.8 and latex2mathml 0.2:
//!
//! | of 74 course-book formulas      | math-core 0.7 | pulldown-latex 0.8 | latex2mathml 0.2 |
//! |---------------------------------|---------------|--------------------|------------------|
//! | converted                       | 72 (with the `\tag` wrap below) | 71 | 68, ten of them with `[PARSE ERROR` in the output |
//! | `aligned`, `cases`, `array`, `gathered`, `Bmatrix` | yes | yes | no |
//! | `\mathcal`, `\boldsymbol`       | yes           | yes                | no (plain letters) |
//! | `\operatorname*`, `\bm`         | yes           | garbled without an error, unknown | no |
//! | `\tag`                          | in `equation*`/`align` | no        | ignored            |
//! | `\substack`                     | no            | yes                | no                 |
//! | errors                          | byte range + message | message       | text in the output |
//!
//! All three put `\text{中文}` into `<mtext>` correctly. math-core is the one written for
//! MathML Core (no `mstyle`/`mfenced`/`mlabeledtr`), is released often, reports where a
//! formula is wrong (so the warning points at the command, not just the formula), needs
//! no stylesheet or font of its own (pulldown-latex wants its CSS and fonts), and takes
//! about 2 µs a formula. Its dependencies (phf, strum, memchr) are small and mostly
//! already in the tree.

use std::ops::Range;
use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

use crate::diag::Diagnostic;

/// Why a formula could not be converted, and where in its LaTeX (a byte range of `tex`).
#[derive(Debug, Clone)]
pub struct MathError {
    pub at: Range<usize>,
    pub message: String,
    /// A few words for the source line under the error (`unknown command`).
    pub label: &'static str,
}

fn converter() -> &'static LatexToMathML {
    static CONVERTER: OnceLock<LatexToMathML> = OnceLock::new();
    CONVERTER.get_or_init(|| LatexToMathML::new(MathCoreConfig::default()).expect("no custom macros to parse"))
}

/// Numbered environments, written as their unnumbered forms: math-core numbers each
/// formula on its own, so every equation would be (1). A `\tag{…}` still shows.
const NUMBERED: [&str; 6] = [
    "\\begin{equation}",
    "\\end{equation}",
    "\\begin{align}",
    "\\end{align}",
    "\\begin{gather}",
    "\\end{gather}",
];

/// `<math>` for `tex`; `block` for `$$…$$` and `\[…\]`.
pub fn to_mathml(tex: &str, block: bool) -> Result<String, MathError> {
    let display = if block { MathDisplay::Block } else { MathDisplay::Inline };
    let (latex, shifts) = unnumbered(tex, block);
    converter()
        .convert_with_local_state(&latex, display)
        .map(|r| r.mathml)
        .map_err(|e| {
            let back = |at: usize| shifts.back(at).min(tex.len());
            MathError {
                at: back(e.0.start)..back(e.0.end.max(e.0.start)),
                message: e.error_message(),
                label: e.label(),
            }
        })
}

/// What `tex` was changed into for the converter, and how to map offsets back.
struct Shifts {
    /// Bytes added before the formula (a wrapping `\begin{equation*}`).
    prefix: usize,
    /// Where a `*` was inserted, as offsets in the changed text (without the prefix).
    stars: Vec<usize>,
}

impl Shifts {
    /// The offset in `tex` of `at`, an offset in the text given to the converter.
    fn back(&self, at: usize) -> usize {
        let at = at.saturating_sub(self.prefix);
        at - self.stars.iter().filter(|&&s| s < at).count()
    }
}

/// Display formulas with `\tag` outside any numbered environment go into `equation*`,
/// where math-core allows it; numbered environments become starred (see [`NUMBERED`]).
fn unnumbered(tex: &str, block: bool) -> (std::borrow::Cow<'_, str>, Shifts) {
    let mut shifts = Shifts {
        prefix: 0,
        stars: Vec::new(),
    };
    if !block || !tex.contains("\\begin{") && !tex.contains("\\tag") {
        return (tex.into(), shifts);
    }
    let mut out = String::with_capacity(tex.len() + 32);
    let mut rest = tex;
    while let Some(i) = NUMBERED
        .iter()
        .filter_map(|env| rest.find(env).map(|i| i + env.len() - 1))
        .min()
    {
        out.push_str(&rest[..i]);
        shifts.stars.push(out.len());
        out.push('*');
        rest = &rest[i..];
    }
    out.push_str(rest);
    let in_env = [
        "\\begin{equation",
        "\\begin{align",
        "\\begin{gather",
        "\\begin{multline",
    ]
    .iter()
    .any(|env| out.contains(env) && !out.contains(&format!("{env}ed")));
    if out.contains("\\tag") && !in_env {
        const OPEN: &str = "\\begin{equation*}";
        shifts.prefix = OPEN.len();
        return (format!("{OPEN}{out}\\end{{equation*}}").into(), shifts);
    }
    (out.into(), shifts)
}

/// The warning for a formula that could not be converted (the caller places it).
pub fn warning(error: &MathError) -> Diagnostic {
    Diagnostic::warning(format!("formula not converted to MathML: {}", error.message))
        .label(error.label)
        .help("the page shows this formula as LaTeX source; `Math` in docs/authoring.md lists what converts")
}

/// The HTML for a formula that could not be converted: its source as code, as written.
pub fn source_as_code(written: &str, error: &MathError) -> String {
    let mut html = String::from("<code class=\"math-error\" title=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut html, &error.message);
    html.push_str("\">");
    let _ = pulldown_cmark_escape::escape_html(&mut html, written);
    html.push_str("</code>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_outside_an_environment_is_shown() {
        let html = to_mathml(r"E = mc^2 \tag{1.2}", true).expect("converts");
        assert!(html.contains("(1.2)"), "{html}");
    }

    #[test]
    fn numbered_environments_are_not_numbered_per_formula() {
        let html = to_mathml(r"\begin{equation} a = b \end{equation}", true).expect("converts");
        assert!(!html.contains("(1)"), "{html}");
        let html = to_mathml(r"\begin{align} a &= b \tag{2} \\ c &= d \end{align}", true).expect("converts");
        assert!(html.contains("(2)") && !html.contains("(1)"), "{html}");
    }

    #[test]
    fn errors_point_into_the_formula_as_written() {
        let tex = r"\begin{align} x \end{align} + \nosuch{y}";
        let e = to_mathml(tex, true).expect_err("unknown command");
        assert_eq!(&tex[e.at.clone()], r"\nosuch", "{e:?}");
        let e = to_mathml(r"a + \nosuch", false).expect_err("unknown command");
        assert_eq!(e.at.start, 4);
        assert_eq!(e.label, "unknown command");
    }
}
