//! One chapter converted: its references resolved and rewritten, the files they name
//! placed, a `title:` block added where Lectern needs one; every other byte kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::detect::Layout;
use super::docsify_embed;
use super::front::{comment_out, commented_out_keys, existing_front_matter, first_heading};
use super::liquid;
use super::mdbook_links;
use super::outline;
pub(super) use super::place::Placer;
use super::place::{relative, same_relative, written_as};
use super::plan::{chapter_stem, yaml_string, Content, Plan, PlannedDoc, Rewrite};
use super::refs::{self, Ref, RefKind, Resolver, Target};
use super::tree::SourceTree;
use super::ImportOptions;
use crate::compile::REVEAL_SEPARATOR;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::PageFront;

/// One chapter: its references resolved and rewritten, a `title:` front matter block
/// added where it needs one, everything else byte for byte.
#[allow(clippy::too_many_arguments)]
pub(super) fn convert(
    tree: &SourceTree,
    resolver: &Resolver,
    dest_of: &BTreeMap<String, String>,
    placer: &mut Placer,
    doc: &mut PlannedDoc,
    p: &mut Plan,
    opts: &ImportOptions,
    is_home: bool,
    is_deck: bool,
) {
    let Some(entry) = tree.files.get(&doc.source) else {
        return;
    };
    let Some(file) = entry.text.clone() else { return };
    let text = &file.text;
    let (front, body, invalid) = existing_front_matter(&file);
    if let Some(d) = invalid {
        p.problems.push(d);
    }
    let mut home_front: Option<(std::ops::Range<usize>, String)> = None;
    if let Some(range) = &front {
        // A lesson's front matter is read as the build reads it: keys of other tools are
        // only a warning there; what the build refuses is named here, each at its key.
        let refused: Vec<Diagnostic> = match is_home {
            true => crate::yaml::parse::<PageFront>(&file, range.clone())
                .err()
                .into_iter()
                .collect(),
            false => match crate::load::lesson_front(&file, range.clone()) {
                Ok((_, problems)) => problems.into_iter().filter(|d| d.is_error()).collect(),
                Err(d) => vec![d],
            },
        };
        if !refused.is_empty() && is_home {
            // The home page takes only `title`: other keys (GitBook's `description`) are
            // kept as YAML comments, so the page builds and nothing is lost.
            let keys = commented_out_keys(text, range.clone(), &["title"]);
            if !keys.is_empty() {
                p.problems.push(
                    Diagnostic::warning(format!(
                        "home page front matter: `{}` kept as YAML comments",
                        keys.join("`, `")
                    ))
                    .at(&file, range.start..range.start)
                    .help("Lectern's home page takes only `title`"),
                );
                home_front = Some(comment_out(text, range.clone(), &["title"]));
            }
        } else if !is_deck {
            for d in refused {
                p.problems.push(
                    Diagnostic::warning(format!(
                        "front matter kept as it is, but Lectern will not accept it: {}",
                        d.message
                    ))
                    .at(&file, span_in(&d).unwrap_or(range.clone()))
                    .help("edit the front matter of the imported file (docs/authoring.md lists the keys)"),
                );
            }
        }
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    if resolver.mdbook {
        mdbook_links::expand_in(tree, &file, body, doc, p, &mut edits);
    }
    if resolver.liquid {
        let found = liquid::convert(text, body);
        edits.extend(liquid::resolve(found, tree, resolver, placer, &file, doc, p, is_home));
    }
    let heading = first_heading(&text[body..]);
    if doc.title.is_empty() {
        doc.title = heading.clone().unwrap_or_default();
    }
    // The home page shows a `title:` above its own text: not when its first heading says
    // the same (it was shown twice).
    let needed = match is_home {
        true => heading.as_deref() != Some(doc.title.as_str()),
        false => !doc.title.is_empty() || heading.is_none(),
    };
    let add_title = front.is_none() && body == 0 && needed;
    if doc.title.is_empty() {
        doc.title = chapter_stem(&doc.source);
    }

    let mut scanned = front
        .as_ref()
        .map_or_else(Vec::new, |f| refs::background_urls(text, f.clone()));
    scanned.extend(refs::scan(text, body));
    for r in scanned {
        let mut target = None;
        if let (true, Some((title, after))) = (resolver.docsify, &r.title) {
            if let Some(o) = docsify_embed::Options::parse(title) {
                let file = docsify_embed::file_of(tree, &r.written, &doc.source, resolver.root);
                if let (true, Some((whole, _))) = (o.include, &r.plain) {
                    match docsify_embed::embed(tree, &r.written, &doc.source, resolver.root, &o) {
                        docsify_embed::Embed::Text(t) => {
                            edits.push((whole.clone(), liquid::own_line(text, whole, &t)));
                            continue;
                        }
                        docsify_embed::Embed::Link(path) => target = Some(Target::File(path)),
                        docsify_embed::Embed::Remote => target = Some(Target::Outside),
                        docsify_embed::Embed::Missing(why) => target = Some(Target::Missing(why)),
                    }
                } else if let (true, Some(path)) = (o.ignore, file) {
                    // A file as it is; Markdown is a lesson or nothing, as without it.
                    if !super::tree::is_markdown(&path) {
                        target = Some(Target::File(path));
                    }
                }
                // docsify's options, not a title (`':target=_blank'` was a tooltip).
                edits.push((after.clone(), String::new()));
            }
        }
        let target = target.unwrap_or_else(|| resolver.resolve(&r.written, &doc.source));
        let new = match target {
            Target::Outside => continue,
            Target::Page(page, anchor) => match dest_of.get(&page) {
                Some(dest) => {
                    let mut link = relative(outline::parent(&doc.dest), dest);
                    let stale = |a: &String| resolver.anchors.missing(tree, &page, a);
                    if let Some(a) = anchor.filter(|a| !stale(a) || super::anchors::keep(p, &file, &r, a, opts)) {
                        link.push('#');
                        link.push_str(&a);
                    }
                    link
                }
                None => {
                    broken(
                        p,
                        &file,
                        &r,
                        &format!("`{page}` is not a chapter of the book"),
                        opts,
                        &mut edits,
                    );
                    continue;
                }
            },
            Target::File(path) => placer.place(&path, &doc.source, &doc.dest, is_home, resolver.root),
            Target::Missing(why) => {
                broken(p, &file, &r, &why, opts, &mut edits);
                continue;
            }
        };
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
    edits.extend(home_front);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // `--from marp` / `--from reveal`: every chapter is that tool's deck, as marp-cli and
    // reveal-md take any Markdown file; one without the tool's key gets it.
    let mark = match (opts.from, is_home, super::detect::deck_kind(tree, &doc.source)) {
        (Some(Layout::Marp), false, None) => Some("marp: true".to_string()),
        (Some(Layout::Reveal), false, None) => Some(format!("separator: '{REVEAL_SEPARATOR}'")),
        _ => None,
    };
    if let (Some(mark), Some(range)) = (&mark, &front) {
        edits.push((range.start..range.start, format!("{mark}{newline}")));
    }
    let mut out = apply_edits(text, edits);
    let mark_block = front.is_none() && body == 0 && mark.is_some();
    if add_title || mark_block {
        let title = if !add_title || is_home && doc.title.is_empty() {
            String::new()
        } else {
            format!("title: {}{newline}", yaml_string(&doc.title))
        };
        let mark = mark.map(|m| format!("{m}{newline}")).unwrap_or_default();
        out = format!("---{newline}{mark}{title}---{newline}{out}");
        doc.front_matter_added = true;
    }
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if entry.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(out.as_bytes());
    p.files.insert(doc.dest.clone(), Content::Bytes(bytes));
}

pub(super) fn span_in(d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    match &d.location {
        Some(crate::diag::Location::Span { span, .. }) => Some(span.clone()),
        _ => None,
    }
}

/// A reference to nothing: reported at SRC file:line:col and, unless `--keep-broken`,
/// made plain text (a link its text, an image its alt text, an HTML attribute removed).
fn broken(
    p: &mut Plan,
    file: &Arc<SourceFile>,
    r: &Ref,
    why: &str,
    opts: &ImportOptions,
    edits: &mut Vec<(std::ops::Range<usize>, String)>,
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
pub(super) fn apply_edits(text: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
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
        for r in refs::scan(md, 0) {
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
