//! A plain folder of Markdown chapters (`01-intro.md`, `第一章.md`, folders of them) or
//! of Marp / reveal-md decks: each folder a module (its sub-folders flattened into it),
//! chapters at the top in modules of `per_module`, in natural order (`2-…` before
//! `10-…`, `第二章` before `第十章`), `README.md` or `index.md` at the top as the home page (unless it is a deck).

use super::outline::{Chapter, Group, Outline};
use super::tree::SourceTree;
use crate::load::order::sort_key;

pub fn outline(tree: &SourceTree, per_module: usize, decks: bool) -> Outline {
    let out = Outline {
        decks,
        ..Outline::default()
    };
    outline_of(tree, "", out, per_module)
}

/// The chapters under `root` read as a folder: what the layouts fall back to when their
/// table of contents is missing.
pub fn outline_of(tree: &SourceTree, root: &str, mut out: Outline, per_module: usize) -> Outline {
    let at = |name: &str| {
        if root.is_empty() {
            name.to_string()
        } else {
            format!("{root}/{name}")
        }
    };
    if out.home.is_none() {
        out.home = ["README.md", "index.md", "readme.md"]
            .into_iter()
            .map(at)
            .find(|p| tree.has(p))
            // A deck (`marp: true`, reveal-md's keys) is slides, not a home page: a lesson.
            .filter(|p| super::detect::deck_kind(tree, p).is_none())
            .map(|path| Chapter { title: None, path });
    }
    let mut top: Vec<&str> = Vec::new();
    let mut folders: Vec<(String, Vec<&str>)> = Vec::new();
    for path in tree.markdown_under(root) {
        let inner = if root.is_empty() { path } else { &path[root.len() + 1..] };
        if out.machinery.iter().any(|m| m == path)
            || out.home.as_ref().is_some_and(|h| h.path == path)
            || !super::tree::may_be_chapter(inner)
        {
            continue;
        }
        match inner.split_once('/') {
            None => top.push(path),
            Some((folder, _)) => match folders.last_mut() {
                Some((f, files)) if f == folder => files.push(path),
                _ => folders.push((folder.to_string(), vec![path])),
            },
        }
    }
    let natural = |p: &&str| sort_key(None, &chinese_numbers(p));
    top.sort_by_key(natural);
    folders.sort_by_key(|(f, _)| sort_key(None, &chinese_numbers(f)));
    for chunk in top.chunks(per_module.max(1)) {
        out.groups.push(Group {
            title: None,
            chapters: chunk.iter().map(|p| untitled(p)).collect(),
        });
    }
    for (folder, mut files) in folders {
        files.sort_by_key(natural);
        out.groups.push(Group {
            title: Some(folder),
            chapters: files.iter().map(|p| untitled(p)).collect(),
        });
    }
    out
}

fn untitled(path: &str) -> Chapter {
    Chapter {
        title: None,
        path: path.to_string(),
    }
}

/// Chinese numerals written as digits, for sorting only: `第十二章` → `第12章`.
fn chinese_numbers(name: &str) -> String {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '〇').then_some(0))
    };
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let (mut total, mut current) = (0usize, 0usize);
        for &c in run.iter() {
            match c {
                '十' => {
                    total += current.max(1) * 10;
                    current = 0;
                }
                '百' => {
                    total += current.max(1) * 100;
                    current = 0;
                }
                '两' => current = 2,
                c => current = current * 10 + digit(c).unwrap_or(0),
            }
        }
        out.push_str(&(total + current).to_string());
        run.clear();
    };
    for c in name.chars() {
        if digit(c).is_some() || matches!(c, '十' | '百' | '两') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_chapter_numbers_sort_as_numbers() {
        assert_eq!(chinese_numbers("第十二章 复盘.md"), "第12章 复盘.md");
        assert_eq!(chinese_numbers("第二十章"), "第20章");
        let mut names = vec!["第十章.md", "第二章.md", "第一章.md", "第十一章.md"];
        names.sort_by_key(|n| sort_key(None, &chinese_numbers(n)));
        assert_eq!(names, ["第一章.md", "第二章.md", "第十章.md", "第十一章.md"]);
    }
}
