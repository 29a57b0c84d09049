//! Edits to a chapter's text: references pointed somewhere new (and listed in the
//! report), references whose target is missing made plain text, and the edits applied.

use std::ops::Range;
use std::sync::Arc;

use super::place::{same_relative, written_as};
use super::plan::{Plan, Rewrite};
use super::refs::{Ref, RefKind};
use super::ImportOptions;
use crate::diag::{Diagnostic, SourceFile};

/// The reference `r` now points at `new`: written so, and listed in the report, when that
/// is not what it said.
pub(super) fn rewrite(
    p: &mut Plan,
    file: &Arc<SourceFile>,
    r: &Ref,
    new: String,
    edits: &mut Vec<(Range<usize>, String)>,
) {
    let new = written_as(&new, r.kind);
    if new != r.written && !same_relative(&r.written, &new) {
        let (line, col) = file.line_col(r.span.start);
        p.rewrites.push(Rewrite {
            at: format!("{}:{line}:{col}", file.path.display()),
            from: r.written.clone(),
            to: new.clone(),
        });
        edits.push((r.span.clone(), new));
    }
}

/// A reference to nothing: reported at SRC file:line:col and, unless `--keep-broken`,
/// made plain text (a link its text, an image its alt text, an HTML attribute removed).
pub(super) fn broken(
    p: &mut Plan,
    file: &Arc<SourceFile>,
    r: &Ref,
    why: &str,
    opts: &ImportOptions,
    edits: &mut Vec<(Range<usize>, String)>,
) {
    let plain = r.plain.clone().filter(|_| !opts.keep_broken);
    let what = if plain.is_some() {
        "made plain text"
    } else {
        "kept as it is"
    };
    p.broken.push(
        Diagnostic::warning(format!("broken reference in the source, {what}: {why}"))
            .at(file, r.span.clone())
            .label("names nothing in the source folder"),
    );
    if let (Some((whole, inner)), RefKind::Image) = (&plain, r.kind) {
        if let Some(alt) = without_marp_keywords(&file.text[inner.clone()]) {
            edits.push((whole.clone(), alt));
            return;
        }
    }
    if let Some((whole, inner)) = plain {
        // Two deletions around the text rather than one replacement of the whole, so that
        // a reference inside the text (`[![alt](a.png)](b.png)`) can be edited too.
        edits.push((whole.start..inner.start, String::new()));
        edits.push((inner.end..whole.end, String::new()));
    }
}

/// An image's alt text without Marp's keywords (`bg left:40% w:5cm 配图` → `配图`),
/// nothing for a background image (`bg …`); `None` when it has no keywords.
fn without_marp_keywords(alt: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "bg",
        "fit",
        "contain",
        "cover",
        "auto",
        "left",
        "right",
        "vertical",
        "horizontal",
        "blur",
        "sepia",
        "grayscale",
        "invert",
        "drop-shadow",
    ];
    const KEYS: &[&str] = &[
        "w",
        "h",
        "width",
        "height",
        "left",
        "right",
        "blur",
        "sepia",
        "grayscale",
        "brightness",
        "contrast",
        "hue-rotate",
        "invert",
        "opacity",
        "saturate",
        "drop-shadow",
    ];
    let is_keyword = |w: &str| {
        WORDS.contains(&w)
            || w.split_once(':').is_some_and(|(k, _)| KEYS.contains(&k))
            || (w.ends_with('%') && w[..w.len() - 1].parse::<f32>().is_ok())
    };
    let words: Vec<&str> = alt.split_whitespace().collect();
    if !words
        .iter()
        .any(|w| *w == "bg" || w.split_once(':').is_some_and(|(k, _)| KEYS.contains(&k)))
    {
        return None;
    }
    if words.contains(&"bg") {
        return Some(String::new());
    }
    Some(
        words
            .into_iter()
            .filter(|w| !is_keyword(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `text` with `edits` applied. Edits never overlap: of two that do, the one that starts
/// first (the longer, at the same start) wins and the other is dropped, as is one that
/// does not fall on character boundaries.
pub(super) fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.retain(|(span, new)| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
            && !(span.is_empty() && new.is_empty())
    });
    edits.sort_by(|(a, _), (b, _)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, new) in edits {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(&new);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reference in `md` made plain text, as when all their targets are missing.
    fn all_broken(md: &str) -> String {
        let mut edits = Vec::new();
        for r in super::super::refs::scan(md, 0) {
            if let Some((whole, inner)) = r.plain {
                edits.push((whole.start..inner.start, String::new()));
                edits.push((inner.end..whole.end, String::new()));
            }
        }
        apply_edits(md, edits)
    }

    #[test]
    fn a_linked_image_with_both_targets_missing_becomes_its_alt_text() {
        assert_eq!(
            all_broken("看 [![电影列表截图](_static/image2.png)](_static/image1.png) 这里\n"),
            "看 电影列表截图 这里\n"
        );
        assert_eq!(all_broken("[**爆款** ![图](a.png) 复盘](b.md)"), "**爆款** 图 复盘");
    }

    #[test]
    fn marp_keywords_are_not_alt_text() {
        assert_eq!(without_marp_keywords("bg left:40% w:5cm"), Some(String::new()));
        assert_eq!(without_marp_keywords("w:300 配图 sepia"), Some("配图".into()));
        assert_eq!(without_marp_keywords("左边的图"), None);
    }

    #[test]
    fn overlapping_edits_keep_the_outer_one() {
        let text = "0123456789";
        let edits = vec![
            (2..4, "x".to_string()),
            (1..8, "Y".into()),
            (3..5, "z".into()),
            (9..9, "+".into()),
        ];
        assert_eq!(apply_edits(text, edits), "0Y8+9");
    }

    proptest::proptest! {
        #[test]
        fn nested_links_and_images_never_panic(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "[", "]", "(", ")", "![", "截图", "a.png", "<b c.png>", " \"题\"", "\n", "`", "**",
                "<img src=\"x.png\">", "[r]: y.md\n", "\\", "é",
            ]),
            0..24,
        )) {
            let md: String = parts.concat();
            let _ = all_broken(&md);
        }
    }
}
