//! One chapter converted: its references resolved and rewritten, the files they name
//! placed, a `title:` block added where Lectern needs one; every other byte kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::docsify_embed;
use super::liquid;
use super::mdbook_links;
use super::outline;
use super::plan::{chapter_stem, yaml_string, Content, Plan, PlannedDoc, Rewrite};
use super::refs::{self, Ref, RefKind, Resolver, Target};
use super::tree::SourceTree;
use super::ImportOptions;
use crate::diag::{Diagnostic, SourceFile};
use crate::load::frontmatter::{self, FrontMatter};
use crate::model::{LessonFront, PageFront};

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
        let checked = if is_home {
            crate::yaml::parse::<PageFront>(&file, range.clone()).map(|_| ())
        } else {
            crate::yaml::parse::<LessonFront>(&file, range.clone()).map(|_| ())
        };
        if let (Err(_), true) = (&checked, is_home) {
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
        } else if let Err(d) = checked {
            if !is_deck {
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
        mdbook_directives(tree, &file, body, doc, p, &mut edits);
    }
    if resolver.liquid {
        for (span, out) in liquid::convert(text, body) {
            let new = match out {
                liquid::Out::Text(t) => t,
                liquid::Out::File { src, text: caption } => match resolver.resolve(&src, &doc.source) {
                    Target::File(path) | Target::Page(path, _) => {
                        let link = placer.place(&path, &doc.source, &doc.dest, is_home, resolver.root);
                        format!("[{caption}]({})", written_as(&link, RefKind::Link))
                    }
                    Target::Outside => format!("[{caption}](<{src}>)"),
                    Target::Missing(why) => {
                        p.broken.push(
                            Diagnostic::warning(format!("broken reference in the source, made plain text: {why}"))
                                .at(&file, span.clone())
                                .label("names nothing in the source folder"),
                        );
                        caption
                    }
                },
            };
            edits.push((span, new));
        }
    }
    if doc.title.is_empty() {
        doc.title = first_heading(&text[body..]).unwrap_or_default();
    }
    let add_title =
        front.is_none() && body == 0 && (is_home || !doc.title.is_empty() || first_heading(&text[body..]).is_none());
    if doc.title.is_empty() {
        doc.title = chapter_stem(&doc.source);
    }

    for r in refs::scan(text, body) {
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
                    if let Some(a) = anchor {
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
    let mut out = apply_edits(text, edits);
    if add_title {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let title = if is_home && doc.title.is_empty() {
            String::new()
        } else {
            format!("title: {}{newline}", yaml_string(&doc.title))
        };
        out = format!("---{newline}{title}---{newline}{out}");
        doc.front_matter_added = true;
    }
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if entry.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(out.as_bytes());
    p.files.insert(doc.dest.clone(), Content::Bytes(bytes));
}

/// mdBook's `{{#include}}`, `{{#rustdoc_include}}`, `{{#playground}}` expanded (an
/// unreadable file reported as a broken reference and the directive kept), `{{#title}}`
/// taken as the lesson's title, `\{{#…}}` written without its backslash.
fn mdbook_directives(
    tree: &SourceTree,
    file: &Arc<SourceFile>,
    body: usize,
    doc: &mut PlannedDoc,
    p: &mut Plan,
    edits: &mut Vec<(std::ops::Range<usize>, String)>,
) {
    for mut d in mdbook_links::find(&file.text[body..]) {
        d.span = d.span.start + body..d.span.end + body;
        if d.kind == mdbook_links::Kind::Title {
            doc.title = d.arg.clone();
        }
        match mdbook_links::expand(tree, &d, &doc.source, 0) {
            Ok(new) => edits.push((d.span, new)),
            Err(why) => p.broken.push(
                Diagnostic::warning(format!("broken reference in the source, kept as it is: {why}"))
                    .at(file, d.span)
                    .label("mdBook could not include this file"),
            ),
        }
    }
}

fn span_in(d: &Diagnostic) -> Option<std::ops::Range<usize>> {
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
    if let Some((whole, inner)) = plain {
        // Two deletions around the text rather than one replacement of the whole, so that
        // a reference inside the text (`[![alt](a.png)](b.png)`) can be edited too.
        edits.push((whole.start..inner.start, String::new()));
        edits.push((inner.end..whole.end, String::new()));
    }
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

/// Where copied files go: beside the lesson when they sit in the chapter's folder (its
/// relative links then stay as written), else into `assets/` under their path in the
/// source (without leading dots: `.gitbook/assets/x.png` → `assets/gitbook/assets/x.png`).
#[derive(Default)]
pub(super) struct Placer {
    /// destination → source
    claimed: BTreeMap<String, String>,
    pub copies: Vec<(String, String)>,
}

impl Placer {
    /// The link from the document at `doc_dest` to `file`, placing the file if it is not yet.
    fn place(&mut self, file: &str, doc_source: &str, doc_dest: &str, is_home: bool, root: &str) -> String {
        let dir = outline::parent(doc_source);
        let inside = if dir.is_empty() {
            Some(file)
        } else {
            file.strip_prefix(&format!("{dir}/"))
        };
        if let (Some(rel), false) = (inside, is_home) {
            let dest = format!("{}/{rel}", outline::parent(doc_dest));
            if self.claim(&dest, file) {
                return rel.to_string();
            }
        }
        let in_root = if root.is_empty() {
            file
        } else {
            file.strip_prefix(&format!("{root}/")).unwrap_or(file)
        };
        let clean: Vec<&str> = in_root.split('/').map(|s| s.trim_start_matches('.')).collect();
        let dest = format!("assets/{}", clean.join("/"));
        self.claim(&dest, file);
        format!("/{dest}")
    }

    fn claim(&mut self, dest: &str, src: &str) -> bool {
        match self.claimed.get(dest) {
            Some(owner) => owner == src,
            None => {
                self.claimed.insert(dest.to_string(), src.to_string());
                self.copies.push((src.to_string(), dest.to_string()));
                true
            }
        }
    }
}

/// The relative path from the folder `from_dir` to `to` (both in DEST).
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// A destination as Markdown or HTML needs it written.
fn written_as(dest: &str, kind: RefKind) -> String {
    match kind {
        RefKind::Html => dest.replace('"', "%22"),
        _ if dest.contains([' ', '(', ')', '<', '>']) => format!("<{dest}>"),
        _ => dest.to_string(),
    }
}

/// `./img/a.png` and `img/a.png` name the same file: no rewrite.
fn same_relative(written: &str, new: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
    decoded.trim_start_matches("./") == new || decoded == new
}

/// The top-level keys of the YAML in `range` that are not in `allowed`.
fn commented_out_keys(text: &str, range: std::ops::Range<usize>, allowed: &[&str]) -> Vec<String> {
    text[range]
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !allowed.contains(&k.as_str()))
        .collect()
}

/// The YAML in `range` with every top-level key not in `allowed`, and the lines that
/// belong to it, turned into comments: (range, new text).
fn comment_out(text: &str, range: std::ops::Range<usize>, allowed: &[&str]) -> (std::ops::Range<usize>, String) {
    let mut out = String::new();
    let mut commenting = false;
    for line in text[range.clone()].split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty() {
            let key = line.split_once(':').map_or("", |(k, _)| k.trim());
            commenting = !allowed.contains(&key);
        }
        if commenting {
            out.push_str("# ");
        }
        out.push_str(line);
    }
    (range, out)
}

/// The front matter Lectern would read (its YAML range) and where the body starts. A
/// leading `---` that opens no YAML mapping (a thematic break) is no front matter; one
/// whose lines look like YAML (`key: value`) but do not parse is front matter all the
/// same (the body starts after it, so no title is made of its lines), with an error that
/// says why.
fn existing_front_matter(file: &Arc<SourceFile>) -> (Option<std::ops::Range<usize>>, usize, Option<Diagnostic>) {
    match frontmatter::split(&file.text) {
        FrontMatter::Found(split) => match crate::yaml::parse::<serde_json::Value>(file, split.front.clone()) {
            Ok(v) if v.is_object() => (Some(split.front), split.body_start, None),
            Err(d) if looks_like_yaml(&file.text[split.front.clone()]) => {
                let at = span_in(&d).unwrap_or(split.front.start..split.front.start);
                let d = Diagnostic::warning(format!(
                    "front matter is not valid YAML, and `lectern build` will refuse the file: {}",
                    d.message
                ))
                .at(file, at)
                .help(
                    "quote a value that holds `: `, `#` or starts with `!`, `&`, `*`, `[`, `{`, `@` \
                             (`title: \"Docker: 入门\"`), then import again; the file is imported as it is",
                );
                (None, split.body_start, Some(d))
            }
            _ => (None, 0, None),
        },
        _ => (None, 0, None),
    }
}

/// Whether every line of `yaml` is a `key: value` line, a continuation (indented or a
/// `- ` item), a comment or blank, and there is at least one key.
fn looks_like_yaml(yaml: &str) -> bool {
    let key = |l: &str| {
        let name = l.split(':').next().unwrap_or("").trim_end();
        l.contains(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || "_-.$ ".contains(c))
            && !name.starts_with(' ')
    };
    let mut keys = 0;
    for l in yaml.lines() {
        if l.trim().is_empty() || l.trim_start().starts_with('#') || l.starts_with([' ', '\t', '-']) {
            continue;
        }
        if !key(l) {
            return false;
        }
        keys += 1;
    }
    keys > 0
}

/// The text of the first heading (ATX or setext), outside code, as Lectern's title.
fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text: Option<String> = None;
    for event in Parser::new_ext(body, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => text = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = text.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => return text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            _ => {}
        }
    }
    None
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
