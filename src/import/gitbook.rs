//! GitBook (and HonKit): `SUMMARY.md` with `## Part` headings (or `---` between parts)
//! and nested `* [Title](path.md)` lists, `README.md` as the first page, images in
//! `.gitbook/assets/`; `.gitbook.yaml` (`root:`, `structure: readme/summary`) or
//! `book.json` (`"root"`, `"title"`, `"language"`) move the book into a folder.

use super::outline::{self, Chapter, Group, Outline, TocLine};
use super::tree::SourceTree;

pub fn outline(tree: &SourceTree) -> Outline {
    let yaml = tree.text(".gitbook.yaml").map(|f| f.text.clone()).unwrap_or_default();
    let json: serde_json::Value = tree
        .text("book.json")
        .and_then(|f| serde_json::from_str(&f.text).ok())
        .unwrap_or_default();
    let json_str = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let root = yaml_value(&yaml, "root")
        .or_else(|| json_str("root"))
        .and_then(|r| outline::join("", &r))
        .unwrap_or_default();
    let summary_name = yaml_value(&yaml, "summary").unwrap_or_else(|| "SUMMARY.md".to_string());
    let readme_name = yaml_value(&yaml, "readme").unwrap_or_else(|| "README.md".to_string());
    let summary_path = outline::join(&root, &summary_name).unwrap_or_default();
    let readme_path = outline::join(&root, &readme_name).unwrap_or_default();
    let mut out = Outline {
        title: json_str("title"),
        language: json_str("language"),
        machinery: vec![".gitbook.yaml".into(), "book.json".into(), summary_path.clone()],
        root: root.clone(),
        gitbook: true,
        ..Outline::default()
    };
    if tree.has(&readme_path) {
        out.home = Some(Chapter {
            title: None,
            path: readme_path.clone(),
        });
    }
    let Some(summary) = tree.text(&summary_path).cloned() else {
        return super::folder::outline_of(tree, &root, out, 10);
    };
    let lines = outline::toc_lines(&summary);
    // A `#` heading before the first entry is the file's own title (`# Summary`).
    let first_item = lines.iter().position(|l| matches!(l, TocLine::Item { .. }));
    let is_part = |i: usize, level: usize| level > 1 || first_item.is_some_and(|f| i > f);
    let has_parts = lines
        .iter()
        .enumerate()
        .any(|(i, l)| matches!(l, TocLine::Heading { level, .. } if is_part(i, *level)));
    let mut groups: Vec<Group> = Vec::new();
    let mut seen_item = false;
    for (i, line) in lines.into_iter().enumerate() {
        match line {
            TocLine::Heading { text, level } if is_part(i, level) => groups.push(Group {
                title: Some(text),
                chapters: Vec::new(),
            }),
            TocLine::Rule if seen_item => groups.push(Group {
                title: None,
                chapters: Vec::new(),
            }),
            TocLine::Item {
                depth,
                title,
                dest,
                offset,
            } => {
                seen_item = true;
                let dest = dest.unwrap_or_default();
                let path = percent_encoding::percent_decode_str(dest.split('#').next().unwrap_or(""))
                    .decode_utf8_lossy()
                    .into_owned();
                let path = outline::join(outline::parent(&summary_path), &path).filter(|p| tree.has(p));
                let Some(path) = path else {
                    out.problems.push(outline::dead_entry(&summary, offset, &title, &dest));
                    continue;
                };
                if path == readme_path {
                    out.home = Some(Chapter {
                        title: Some(title),
                        path,
                    });
                    continue;
                }
                // Without part headings, each top-level chapter with sub-chapters is a module.
                let starts_group = groups.is_empty() || (!has_parts && depth == 0);
                if starts_group {
                    groups.push(Group {
                        title: None,
                        chapters: Vec::new(),
                    });
                }
                let group = groups.last_mut().expect("pushed above");
                if !has_parts && depth == 0 {
                    group.title = Some(title.clone());
                }
                group.chapters.push(Chapter {
                    title: Some(title),
                    path,
                });
            }
            _ => {}
        }
    }
    groups.retain(|g| !g.chapters.is_empty());
    out.groups = if has_parts {
        groups
    } else {
        outline::merge_single_chapters(groups)
    };
    out
}

/// `key: value` anywhere in `.gitbook.yaml` (`root:` at the top, `readme:` and `summary:`
/// under `structure:`).
fn yaml_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (k, v) = l.trim().split_once(':')?;
        (k.trim() == key).then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}
