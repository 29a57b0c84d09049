//! docsify: an `index.html` that loads docsify, `README.md` as the home page,
//! `_sidebar.md` with nested groups (a group may be a plain text line), links written
//! without `.md` (`[安装](guide/install)`) or as routes (`#/guide/install`),
//! `_coverpage.md` and `_navbar.md`, images in `img/`.

use super::outline::{self, Chapter, Group, Outline, TocLine};
use super::tree::SourceTree;

pub fn outline(tree: &SourceTree) -> Outline {
    // The site may live in a `docs/` folder (GitHub Pages).
    let root = ["", "docs"]
        .into_iter()
        .find(|r| tree.has(&outline::join(r, "index.html").unwrap_or_default()))
        .unwrap_or("")
        .to_string();
    let at = |name: &str| outline::join(&root, name).unwrap_or_default();
    let mut out = Outline {
        title: tree.text(&at("index.html")).and_then(|f| site_name(&f.text)),
        machinery: vec![
            at("_sidebar.md"),
            at("_navbar.md"),
            at("_coverpage.md"),
            at("index.html"),
        ],
        root: root.clone(),
        ..Outline::default()
    };
    if tree.has(&at("README.md")) {
        out.home = Some(Chapter {
            title: None,
            path: at("README.md"),
        });
    }
    if let Some(cover) = tree.text(&at("_coverpage.md")) {
        out.problems.push(
            crate::diag::Diagnostic::warning("the cover page is not imported: Lectern's home page is README.md")
                .at(cover, 0..0)
                .help("copy what it says that README.md lacks into content/index.md"),
        );
    }
    let Some(sidebar) = tree.text(&at("_sidebar.md")).cloned() else {
        return super::folder::outline_of(tree, &root, out, 10);
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut loose_run = false;
    let lines = outline::toc_lines(&sidebar);
    // Without plain-text group lines, each top-level page with pages under it is a module.
    let by_nesting = !lines.iter().any(|l| {
        matches!(
            l,
            TocLine::Item {
                depth: 0,
                dest: None,
                ..
            }
        )
    });
    for line in lines {
        let TocLine::Item {
            depth,
            title,
            dest,
            offset,
        } = line
        else {
            continue;
        };
        let Some(dest) = dest else {
            if depth == 0 {
                groups.push(Group {
                    title: Some(title),
                    chapters: Vec::new(),
                });
                loose_run = false;
            }
            continue;
        };
        let Some(path) = page_path(tree, &root, &root, &dest) else {
            if !dest.starts_with("http://") && !dest.starts_with("https://") {
                out.problems.push(outline::dead_entry(&sidebar, offset, &title, &dest));
            }
            continue;
        };
        if out.home.as_ref().is_some_and(|h| h.path == path) {
            if let Some(home) = out.home.as_mut() {
                home.title = Some(title);
            }
            continue;
        }
        if depth == 0 && by_nesting {
            groups.push(Group {
                title: Some(title.clone()),
                chapters: Vec::new(),
            });
        } else if depth == 0 && !loose_run {
            groups.push(Group {
                title: None,
                chapters: Vec::new(),
            });
            loose_run = true;
        }
        groups
            .last_mut()
            .expect("a group was pushed above")
            .chapters
            .push(Chapter {
                title: Some(title),
                path,
            });
    }
    groups.retain(|g| !g.chapters.is_empty());
    out.groups = if by_nesting {
        outline::merge_single_chapters(groups)
    } else {
        groups
    };
    out
}

/// The Markdown file a docsify link or route names, relative to SRC: `guide/install`,
/// `guide/install.md`, `#/guide/install?id=x`, `/guide/` (its README.md), `/` (the home
/// page). Absolute paths start at the site root; others at the linking file's folder
/// (`from_dir`), as docsify's relativePath option does, then at the root, as it does
/// by default.
pub fn page_path(tree: &SourceTree, root: &str, from_dir: &str, dest: &str) -> Option<String> {
    let route = dest.strip_prefix('#').unwrap_or(dest);
    let route = route.split(['?', '#']).next().unwrap_or("");
    let route = percent_encoding::percent_decode_str(route).decode_utf8_lossy();
    let absolute = route.starts_with('/');
    let bases: &[&str] = if absolute { &[root] } else { &[from_dir, root] };
    for base in bases {
        let Some(path) = outline::join(base, route.trim_start_matches('/')) else {
            continue;
        };
        let candidates = if path.is_empty() || path == *base || route.ends_with('/') {
            vec![outline::join(&path, "README.md").unwrap_or_default()]
        } else {
            vec![path.clone(), format!("{path}.md"), format!("{path}/README.md")]
        };
        if let Some(found) = candidates
            .into_iter()
            .find(|c| super::tree::is_markdown(c) && tree.has(c))
        {
            return Some(found);
        }
    }
    None
}

/// `name: '…'` in the `window.$docsify` settings of index.html.
fn site_name(html: &str) -> Option<String> {
    let start = html.find("$docsify")?;
    let rest = &html[start..];
    let at = rest.find("name:")?;
    let value = rest[at + 5..].trim_start();
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let end = value[1..].find(quote)?;
    Some(value[1..1 + end].to_string()).filter(|s| !s.is_empty())
}
