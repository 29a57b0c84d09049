//! mdBook: `book.toml` (`[book] src`, `title`, `language`) and `SRC/SUMMARY.md`: prefix
//! chapters, `# Part` titles, nested `- [Title](path.md)` lists, draft chapters
//! `- [Title]()`, `---` separators, suffix chapters.

use super::outline::{self, Chapter, Group, Outline, TocLine};
use super::tree::SourceTree;

pub fn outline(tree: &SourceTree) -> Outline {
    let config = tree.text("book.toml").map(|f| f.text.as_str()).unwrap_or("");
    // Without book.toml (a book handed over as its `src/` folder), SUMMARY.md may be at the top.
    let bare = !tree.has("book.toml") && !tree.has("src/SUMMARY.md") && tree.has("SUMMARY.md");
    let root = toml_value(config, "book", "src").unwrap_or_else(|| if bare { "" } else { "src" }.to_string());
    let root = outline::join("", &root).unwrap_or_default();
    let summary_path = outline::join(&root, "SUMMARY.md").unwrap_or_default();
    let mut out = Outline {
        title: toml_value(config, "book", "title"),
        language: toml_value(config, "book", "language"),
        machinery: vec!["book.toml".to_string(), summary_path.clone()],
        root: root.clone(),
        mdbook: true,
        ..Outline::default()
    };
    let Some(summary) = tree.text(&summary_path) else {
        return super::folder::outline_of(tree, &root, out, 10);
    };
    let summary = summary.clone();
    let lines = outline::toc_lines(&summary);
    // Without part titles, each top-level chapter with sub-chapters is a module, as in
    // GitBook (the mdBook guide's "Command Line Tool", "Format").
    let has_parts = lines
        .iter()
        .skip_while(|l| matches!(l, TocLine::Heading { .. }))
        .any(|l| matches!(l, TocLine::Heading { .. }));
    let mut current: Option<Group> = None;
    let mut seen_chapter = false;
    // Loose links before the first list are prefix chapters, after it suffix chapters.
    let mut numbered_started = false;
    let mut suffix = Group {
        title: None,
        chapters: Vec::new(),
    };
    let mut prefix = Group {
        title: None,
        chapters: Vec::new(),
    };
    for line in lines {
        match line {
            TocLine::Heading { text, .. } => {
                if !seen_chapter {
                    continue; // `# Summary`: the file's own title
                }
                if let Some(g) = current.take() {
                    out.groups.push(g);
                }
                current = Some(Group {
                    title: Some(text),
                    chapters: Vec::new(),
                });
            }
            TocLine::Item {
                title,
                dest,
                offset,
                depth,
            } => {
                seen_chapter = true;
                numbered_started = true;
                let Some(dest) = dest.filter(|d| !d.is_empty()) else {
                    out.problems.push(outline::dead_entry(&summary, offset, &title, ""));
                    continue;
                };
                let Some(path) = chapter_path(tree, &root, &dest) else {
                    out.problems.push(outline::dead_entry(&summary, offset, &title, &dest));
                    continue;
                };
                if !has_parts && depth == 0 {
                    out.groups.extend(current.take());
                    current = Some(Group {
                        title: Some(title.clone()),
                        chapters: Vec::new(),
                    });
                }
                current
                    .get_or_insert_with(|| Group {
                        title: None,
                        chapters: Vec::new(),
                    })
                    .chapters
                    .push(Chapter {
                        title: Some(title),
                        path,
                    });
            }
            TocLine::Loose { title, dest, offset } => {
                seen_chapter = true;
                let Some(path) = chapter_path(tree, &root, &dest) else {
                    out.problems.push(outline::dead_entry(&summary, offset, &title, &dest));
                    continue;
                };
                let chapter = Chapter {
                    title: Some(title),
                    path,
                };
                if numbered_started {
                    suffix.chapters.push(chapter);
                } else if out.home.is_none() && prefix.chapters.is_empty() {
                    out.home = Some(chapter);
                } else {
                    prefix.chapters.push(chapter);
                }
            }
            TocLine::Rule => {}
        }
    }
    if let Some(g) = current.take() {
        out.groups.push(g);
    }
    if !has_parts {
        let groups = std::mem::take(&mut out.groups);
        out.groups = outline::merge_single_chapters(groups);
    }
    if !prefix.chapters.is_empty() {
        out.groups.insert(0, prefix);
    }
    if !suffix.chapters.is_empty() {
        out.groups.push(suffix);
    }
    out
}

/// A chapter link of SUMMARY.md as a path relative to SRC, if the file exists.
fn chapter_path(tree: &SourceTree, root: &str, dest: &str) -> Option<String> {
    let dest = percent_encoding::percent_decode_str(dest.split('#').next().unwrap_or("")).decode_utf8_lossy();
    let path = outline::join(root, &dest)?;
    tree.has(&path).then_some(path)
}

/// `key = "value"` in the `[table]` of a TOML file: the few keys an import needs, read
/// without a TOML parser.
fn toml_value(text: &str, table: &str, key: &str) -> Option<String> {
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line.trim_matches(['[', ']']).trim() == table;
            continue;
        }
        let Some((k, v)) = line.split_once('=') else { continue };
        if in_table && k.trim() == key {
            let v = v.trim();
            let v = v.split(" #").next().unwrap_or(v).trim();
            return Some(v.trim_matches(['"', '\'']).to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_book_toml_keys_of_one_table() {
        let toml = "[book]\ntitle = \"直播切片 KOC 手册\"\nsrc = 'text' # the chapters\n[output.html]\nsrc = \"x\"\n";
        assert_eq!(toml_value(toml, "book", "title").as_deref(), Some("直播切片 KOC 手册"));
        assert_eq!(toml_value(toml, "book", "src").as_deref(), Some("text"));
        assert_eq!(toml_value(toml, "book", "language"), None);
    }
}
