//! One chapter converted: its references resolved and rewritten, the files they name
//! placed, a `title:` block added where Lectern needs one; every other byte kept.

use std::collections::BTreeMap;

use super::anchors::AnchorCheck;
use super::detect::Layout;
use super::docsify_embed;
use super::edits::{apply_edits, broken, rewrite};
use super::front::{comment_out, commented_out_keys, existing_front_matter, first_heading};
use super::liquid;
use super::mdbook_links;
use super::outline;
use super::place::relative;
pub(super) use super::place::Placer;
use super::plan::{chapter_stem, yaml_string, Content, Plan, PlannedDoc};
use super::refs::{self, Resolver, Target};
use super::tree::SourceTree;
use super::ImportOptions;
use crate::compile::REVEAL_SEPARATOR;
use crate::diag::Diagnostic;
use crate::model::PageFront;
use crate::urls;

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
        if let Some(anchor) = super::anchors::same_page_anchor(&r.written, resolver.docsify) {
            match resolver.anchors.check(tree, &doc.source, anchor) {
                AnchorCheck::Found => {}
                AnchorCheck::Spelled(id) => rewrite(p, &file, &r, format!("#{}", urls::fragment_iri(&id)), &mut edits),
                AnchorCheck::Missing => broken(
                    p,
                    &file,
                    &r,
                    &format!("no heading `#{anchor}` on this page"),
                    opts,
                    &mut edits,
                ),
            }
            continue;
        }
        let target = target.unwrap_or_else(|| resolver.resolve(&r.written, &doc.source));
        let new = match target {
            Target::Outside => continue,
            Target::Page(page, anchor) => match dest_of.get(&page) {
                Some(dest) => {
                    let mut link = relative(outline::parent(&doc.dest), dest);
                    let anchor = anchor.and_then(|a| match resolver.anchors.check(tree, &page, &a) {
                        AnchorCheck::Found => Some(a),
                        AnchorCheck::Spelled(id) => Some(urls::fragment_iri(&id)),
                        AnchorCheck::Missing => super::anchors::keep(p, &file, &r, &a, opts).then_some(a),
                    });
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
        rewrite(p, &file, &r, new, &mut edits);
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
