//! `#anchor`s of links between chapters, checked against the headings of the chapter they
//! name. Books carry stale ones (a heading renamed or translated, its links not): mdBook,
//! GitBook and docsify open the page at its top, but `lectern build` refuses a link to a
//! heading that is not there, so the import reports them and links to the page instead.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::front::existing_front_matter;
use super::plan::Plan;
use super::refs::Ref;
use super::tree::SourceTree;
use super::ImportOptions;
use crate::diag::{Diagnostic, SourceFile};
use crate::markdown::{parse_document, DocOptions, LinkKind, LinkResolver};

/// The ids each chapter's page answers to, read once per chapter.
#[derive(Default)]
pub struct Anchors {
    /// `None`: not checked (a deck, or text that the import splices in from elsewhere).
    ids: RefCell<BTreeMap<String, Option<Vec<String>>>>,
}

/// Links are not followed: only the headings are wanted.
struct AsWritten;

impl LinkResolver for AsWritten {
    fn resolve(&self, dest: &str, _: Range<usize>, _: LinkKind) -> Result<String, Diagnostic> {
        Ok(dest.to_string())
    }
}

/// What the page a link names says of its `#anchor`.
#[derive(Debug, PartialEq, Eq)]
pub enum AnchorCheck {
    /// A heading or an HTML id of the page, or a page not checked.
    Found,
    /// No id is the anchor as written, but one is the anchor made an id as Lectern makes
    /// heading ids: `#3.1 List` or `#Install` written for `## 3.1 List` (`31-list`) or
    /// `## Install` (`install`), as editors that slug differently write them.
    Spelled(String),
    Missing,
}

impl Anchors {
    /// Whether the page of `page` (a chapter of the source folder) has `#anchor`: its
    /// headings and HTML ids are read as the build reads them.
    pub fn check(&self, tree: &SourceTree, page: &str, anchor: &str) -> AnchorCheck {
        let mut cache = self.ids.borrow_mut();
        let ids = cache.entry(page.to_string()).or_insert_with(|| ids_of(tree, page));
        let Some(ids) = ids else {
            return AnchorCheck::Found;
        };
        let anchor = percent_encoding::percent_decode_str(anchor).decode_utf8_lossy();
        if ids.iter().any(|id| *id == anchor) {
            return AnchorCheck::Found;
        }
        let slug = crate::urls::slugify(&anchor);
        match ids.iter().find(|id| **id == slug) {
            Some(id) => AnchorCheck::Spelled(id.clone()),
            None => AnchorCheck::Missing,
        }
    }
}

/// A stale `#anchor` in the reference `r`: reported, and kept only with `--keep-broken`
/// (the build then reports it as an error). Whether to keep it.
pub(super) fn keep(p: &mut Plan, file: &Arc<SourceFile>, r: &Ref, anchor: &str, opts: &ImportOptions) -> bool {
    let what = match opts.keep_broken {
        true => "kept as it is",
        false => "the link goes to the top of the page",
    };
    p.broken.push(
        Diagnostic::warning(format!(
            "broken reference in the source, {what}: no heading `#{anchor}` in the linked chapter"
        ))
        .at(file, r.span.clone())
        .label("anchor not found")
        .help("link to the heading's id as Lectern writes it (docs/authoring.md, Heading ids)"),
    );
    opts.keep_broken
}

/// The `#anchor` of a link within its own page (`[目录](#目录)`); not docsify's routes.
pub(super) fn same_page_anchor(written: &str, docsify: bool) -> Option<&str> {
    let dest = written.trim_start_matches('<').trim_end_matches('>').trim();
    let anchor = dest.strip_prefix('#')?;
    let docsify_route = docsify && anchor.starts_with('/');
    (!anchor.is_empty() && !docsify_route).then_some(anchor)
}

fn ids_of(tree: &SourceTree, page: &str) -> Option<Vec<String>> {
    let mut file = tree.text(page)?.clone();
    // Headings may come from included files: mdBook's are expanded as the import expands
    // them; GitBook's and docsify's pages, and decks (whose slides answer to routes and
    // page numbers), are left to the build.
    if ["{% include", ":include"].iter().any(|s| file.text.contains(s))
        || super::detect::deck_kind(tree, page).is_some()
    {
        return None;
    }
    if file.text.contains("{{#") {
        let text = super::mdbook_links::expand_all(tree, &file.text, page, 0, &mut |_, _| {});
        file = SourceFile::new(page, text);
    }
    let (_, body, _) = existing_front_matter(&file);
    let doc = parse_document(&file, body, &DocOptions::default(), &AsWritten);
    let mut ids: Vec<String> = doc.headings.into_iter().map(|h| h.id).collect();
    ids.extend(doc.html_anchors);
    ids.push("top".to_string());
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_html_ids_and_encoded_anchors_are_found() {
        let tree = SourceTree::from_texts(
            "src",
            &[
                (
                    "a.md",
                    "# 所有权\n\n## 栈（Stack）与堆（Heap）\n\n## 1. 入门 & 安装\n\n<a name=\"faq\"></a>\n",
                ),
                ("b.md", "# 包含\n\n{{#include x.md}}\n"),
                ("c.md", "# 包含\n\n{% include \"x.md\" %}\n"),
                ("x.md", "## 任何\n"),
            ],
        );
        let a = Anchors::default();
        for id in [
            "栈stack与堆heap",
            "1-入门--安装",
            "faq",
            "top",
            "%E6%89%80%E6%9C%89%E6%9D%83",
        ] {
            assert_eq!(a.check(&tree, "a.md", id), AnchorCheck::Found, "{id}");
        }
        assert_eq!(a.check(&tree, "a.md", "使用变量储存值"), AnchorCheck::Missing);
        assert_eq!(
            a.check(&tree, "b.md", "任何"),
            AnchorCheck::Found,
            "mdBook's includes are expanded"
        );
        assert_eq!(a.check(&tree, "b.md", "别的"), AnchorCheck::Missing);
        assert_eq!(
            a.check(&tree, "c.md", "别的"),
            AnchorCheck::Found,
            "GitBook's includes are left to the build"
        );
        // Spelled as other editors make ids, or as the heading is written.
        for (written, id) in [
            ("1.%20入门%20&%20安装", "1-入门--安装"),
            ("栈（Stack）与堆（Heap）", "栈stack与堆heap"),
            ("FAQ", "faq"),
        ] {
            assert_eq!(
                a.check(&tree, "a.md", written),
                AnchorCheck::Spelled(id.into()),
                "{written}"
            );
        }
    }
}
