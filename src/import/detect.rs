//! Which tool a source folder was written for.

use super::outline::Outline;
use super::tree::SourceTree;
use super::{docsify, folder, gitbook, mdbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    MdBook,
    Docsify,
    GitBook,
    Folder,
    Marp,
    Reveal,
}

impl Layout {
    pub fn parse(name: &str) -> Option<Layout> {
        Some(match name {
            "mdbook" => Layout::MdBook,
            "docsify" => Layout::Docsify,
            "gitbook" => Layout::GitBook,
            "folder" => Layout::Folder,
            "marp" => Layout::Marp,
            "reveal" => Layout::Reveal,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::MdBook => "mdbook",
            Layout::Docsify => "docsify",
            Layout::GitBook => "gitbook",
            Layout::Folder => "folder",
            Layout::Marp => "marp",
            Layout::Reveal => "reveal",
        }
    }

    /// The source read the way this layout's tool reads it.
    pub fn outline(self, tree: &SourceTree, per_module: usize) -> Outline {
        match self {
            Layout::MdBook => mdbook::outline(tree),
            Layout::Docsify => docsify::outline(tree),
            Layout::GitBook => gitbook::outline(tree),
            Layout::Folder => folder::outline(tree, per_module, false),
            Layout::Marp | Layout::Reveal => folder::outline(tree, per_module, true),
        }
    }
}

/// The layout of `tree`, from the files each tool needs: `book.toml`, `src/SUMMARY.md` or
/// a top `SUMMARY.md` with prefix chapters (mdBook), an `index.html` that loads docsify,
/// `.gitbook.yaml` / `book.json` / a top `SUMMARY.md` (GitBook), the same docsify files in
/// `docs/`, decks when most Markdown files are Marp or reveal-md decks, else a folder.
pub fn detect(tree: &SourceTree) -> Layout {
    if tree.has("book.toml") {
        return Layout::MdBook;
    }
    let docsify_page = tree.text("index.html").is_some_and(|f| f.text.contains("docsify"));
    if docsify_page || tree.has("_sidebar.md") {
        return Layout::Docsify;
    }
    if tree.has(".gitbook.yaml") || tree.has("book.json") {
        return Layout::GitBook;
    }
    // An mdBook's `src/` folder handed over alone, or a book without its book.toml.
    if tree.text("SUMMARY.md").is_some_and(mdbook_summary) || tree.has("src/SUMMARY.md") {
        return Layout::MdBook;
    }
    if tree.has("SUMMARY.md") {
        return Layout::GitBook;
    }
    // A docsify site in `docs/` (GitHub Pages), beside the repository's README.
    let docs_page = tree.text("docs/index.html").is_some_and(|f| f.text.contains("docsify"));
    if docs_page || tree.has("docs/_sidebar.md") {
        return Layout::Docsify;
    }
    let chapters: Vec<&str> = tree.markdown_under("").collect();
    let count = |kind: DeckKind| chapters.iter().filter(|p| deck_kind(tree, p) == Some(kind)).count();
    let (marp, reveal) = (count(DeckKind::Marp), count(DeckKind::Reveal));
    if !chapters.is_empty() && (marp + reveal) * 2 > chapters.len() {
        return if marp >= reveal { Layout::Marp } else { Layout::Reveal };
    }
    Layout::Folder
}

/// Whether a SUMMARY.md is mdBook's: a prefix chapter (a link outside the list) before the
/// first list item, or a `---` separator. GitBook's has only lists and headings.
fn mdbook_summary(summary: &std::sync::Arc<crate::diag::SourceFile>) -> bool {
    for line in super::outline::toc_lines(summary) {
        match line {
            super::outline::TocLine::Loose { .. } | super::outline::TocLine::Rule => return true,
            super::outline::TocLine::Item { .. } => return false,
            super::outline::TocLine::Heading { .. } => {}
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckKind {
    Marp,
    Reveal,
}

/// Keys only reveal-md's front matter has.
const REVEAL_KEYS: &[&str] = &["revealOptions:", "separator:", "verticalSeparator:", "highlightTheme:"];

/// Whether a Markdown file is a Marp deck (`marp: true` in its front matter) or a
/// reveal-md deck (reveal-md's keys in its front matter).
pub fn deck_kind(tree: &SourceTree, path: &str) -> Option<DeckKind> {
    let file = tree.text(path)?;
    let crate::load::frontmatter::FrontMatter::Found(split) = crate::load::frontmatter::split(&file.text) else {
        return None;
    };
    let front = &file.text[split.front];
    let has = |key: &str| front.lines().any(|l| l.trim_start().starts_with(key));
    if front.lines().any(|l| l.trim() == "marp: true") {
        Some(DeckKind::Marp)
    } else if REVEAL_KEYS.iter().any(|k| has(k)) {
        Some(DeckKind::Reveal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_is_told_by_its_files() {
        let layout = |files: &[(&str, &str)]| detect(&SourceTree::from_texts("b", files));
        let gitbook_summary = "# Table of contents\n\n* [介绍](README.md)\n";
        let mdbook_summary = "# Summary\n\n[前言](foreword.md)\n\n- [第一章](ch1.md)\n";
        assert_eq!(layout(&[("SUMMARY.md", gitbook_summary)]), Layout::GitBook);
        assert_eq!(layout(&[("SUMMARY.md", mdbook_summary)]), Layout::MdBook);
        assert_eq!(layout(&[("src/SUMMARY.md", gitbook_summary)]), Layout::MdBook);
        assert_eq!(
            layout(&[(".gitbook.yaml", "root: ./src/\n"), ("src/SUMMARY.md", gitbook_summary)]),
            Layout::GitBook
        );
        assert_eq!(
            layout(&[("README.md", "# 仓库\n"), ("docs/_sidebar.md", "* [a](a.md)\n")]),
            Layout::Docsify
        );
        assert_eq!(
            layout(&[("README.md", "# 仓库\n"), ("docs/a.md", "# a\n")]),
            Layout::Folder
        );
    }
}
