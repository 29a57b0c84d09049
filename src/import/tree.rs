//! Reading the source folder: the only reading `lectern import` does. Every file is
//! listed; the text files a layout or a lesson needs are read whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diag::{Diagnostic, SourceFile};
use crate::urls;

/// Folders that are tools' output or machinery, never course material.
const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "node_modules", "_book", ".lectern-import"];

/// Extensions read as text: chapters and the layouts' configuration.
const TEXT_EXTENSIONS: &[&str] = &["md", "markdown", "toml", "json", "yaml", "yml", "html"];

/// One file of the source folder.
pub struct SourceEntry {
    /// The text (a leading BOM removed, see `bom`), for the extensions in
    /// [`TEXT_EXTENSIONS`] that are valid UTF-8; positions in messages point into it.
    pub text: Option<Arc<SourceFile>>,
    /// Whether the file started with a byte-order mark, written back unchanged.
    pub bom: bool,
}

/// The source folder as read: `/`-separated paths relative to it, in name order.
pub struct SourceTree {
    /// The folder as the user named it (messages show `SRC/path`).
    pub src: PathBuf,
    pub files: BTreeMap<String, SourceEntry>,
    /// Files that could not be read or are not UTF-8 text, and symbolic links.
    pub unreadable: Vec<Diagnostic>,
}

impl SourceTree {
    /// Texts from `(path, text)` pairs (unit tests).
    pub fn from_texts(src: &str, texts: &[(&str, &str)]) -> SourceTree {
        let mut files = BTreeMap::new();
        for (rel, text) in texts {
            files.insert(rel.to_string(), entry_of(Path::new(src), rel, text.to_string()));
        }
        SourceTree {
            src: PathBuf::from(src),
            files,
            unreadable: Vec::new(),
        }
    }

    pub fn text(&self, rel: &str) -> Option<&Arc<SourceFile>> {
        self.files.get(rel).and_then(|e| e.text.as_ref())
    }

    pub fn has(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// The Markdown files under `dir` (`""` for all), in name order.
    pub fn markdown_under<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.files
            .keys()
            .map(String::as_str)
            .filter(move |p| is_markdown(p) && (dir.is_empty() || p.starts_with(&format!("{dir}/"))))
    }
}

/// Markdown files that are tables of contents or project files, never chapters, in any
/// layout; like names starting with `.` or `_` (docsify's `_sidebar.md`).
const NOT_CHAPTERS: &[&str] = &["summary.md", "changelog.md", "license.md", "contributing.md"];

/// Whether the Markdown file `path` may be a chapter.
pub fn may_be_chapter(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    !NOT_CHAPTERS.contains(&name.as_str())
        && !path
            .split('/')
            .any(|part| part.starts_with('.') || part.starts_with('_'))
}

pub fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

fn entry_of(src: &Path, rel: &str, text: String) -> SourceEntry {
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    };
    SourceEntry {
        text: Some(SourceFile::new(src.join(rel), text)),
        bom,
    }
}

/// List every file under `src` and read the text ones.
pub fn read(src: &Path) -> Result<SourceTree, Diagnostic> {
    if !src.is_dir() {
        return Err(Diagnostic::error(format!("`{}` is not a folder", src.display()))
            .help("name the folder of the book or decks to import: `lectern import SRC DEST`"));
    }
    let mut tree = SourceTree {
        src: src.to_path_buf(),
        files: BTreeMap::new(),
        unreadable: Vec::new(),
    };
    let walker = WalkDir::new(src)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && SKIPPED_DIRS.contains(&&*e.file_name().to_string_lossy())));
    for e in walker {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                tree.unreadable.push(Diagnostic::warning(format!("cannot read: {err}")));
                continue;
            }
        };
        let rel = urls::slash_path(e.path().strip_prefix(src).unwrap_or(e.path()));
        if e.path_is_symlink() {
            tree.unreadable.push(
                Diagnostic::warning("symbolic link not imported")
                    .at_path(e.path())
                    .help("copy the file it points to into the source folder"),
            );
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let is_text = Path::new(&rel)
            .extension()
            .is_some_and(|x| TEXT_EXTENSIONS.contains(&&*x.to_string_lossy()));
        if !is_text {
            tree.files.insert(rel, SourceEntry { text: None, bom: false });
            continue;
        }
        match std::fs::read(e.path()).map(String::from_utf8) {
            Ok(Ok(text)) => {
                let entry = entry_of(src, &rel, text);
                tree.files.insert(rel, entry);
            }
            // An attachment that is not UTF-8 (a GBK .html) is still copied as it is.
            Ok(Err(_)) if !is_markdown(&rel) => {
                tree.files.insert(rel, SourceEntry { text: None, bom: false });
            }
            Ok(Err(_)) => tree.unreadable.push(
                Diagnostic::warning("not imported: the file is not valid UTF-8")
                    .at_path(e.path())
                    .help("convert it (e.g. `iconv -f GBK -t UTF-8`) and import again"),
            ),
            Err(err) => tree
                .unreadable
                .push(Diagnostic::warning(format!("not imported: cannot read the file: {err}")).at_path(e.path())),
        }
    }
    read_included(&mut tree, src);
    Ok(tree)
}

/// Reads the files that mdBook's `{{#include}}` directives and docsify's `':include'`
/// links name (source code, output listings), which are not text by their extension,
/// and those they include in turn.
fn read_included(tree: &mut SourceTree, src: &Path) {
    const LIMIT: u64 = 1 << 20;
    let mut pending: Vec<String> = tree
        .files
        .iter()
        .filter(|(p, _)| is_markdown(p))
        .filter_map(|(p, e)| {
            e.text.as_ref().map(|t| {
                let mut all = super::mdbook_links::targets(&t.text, p);
                all.extend(super::docsify_embed::targets(&t.text, p));
                all
            })
        })
        .flatten()
        .collect();
    let mut reads = 0;
    while let Some(rel) = pending.pop() {
        let Some(entry) = tree.files.get(&rel) else { continue };
        if entry.text.is_some() || reads >= 10_000 {
            continue;
        }
        reads += 1;
        let path = src.join(&rel);
        let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= LIMIT);
        if let (true, Ok(Ok(text))) = (small, std::fs::read(&path).map(String::from_utf8)) {
            pending.extend(super::mdbook_links::targets(&text, &rel));
            let read = entry_of(src, &rel, text);
            tree.files.insert(rel, read);
        }
    }
}
