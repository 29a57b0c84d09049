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

/// The layout of `tree`, from the files each tool needs: `book.toml` (mdBook), an
/// `index.html` that loads docsify, `.gitbook.yaml` / `book.json` / a top `SUMMARY.md`
/// (GitBook), decks when most Markdown files are Marp or reveal-md decks, else a folder.
pub fn detect(tree: &SourceTree) -> Layout {
    if tree.has("book.toml") {
        return Layout::MdBook;
    }
    let docsify_page = tree.text("index.html").is_some_and(|f| f.text.contains("docsify"));
    if docsify_page || tree.has("_sidebar.md") {
        return Layout::Docsify;
    }
    if tree.has(".gitbook.yaml") || tree.has("book.json") || tree.has("SUMMARY.md") {
        return Layout::GitBook;
    }
    let chapters: Vec<&str> = tree.markdown_under("").collect();
    let count = |kind: DeckKind| chapters.iter().filter(|p| deck_kind(tree, p) == Some(kind)).count();
    let (marp, reveal) = (count(DeckKind::Marp), count(DeckKind::Reveal));
    if !chapters.is_empty() && (marp + reveal) * 2 > chapters.len() {
        return if marp >= reveal { Layout::Marp } else { Layout::Reveal };
    }
    Layout::Folder
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
