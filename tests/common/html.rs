//! Reading built HTML in tests.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The text of each match, whitespace folded.
pub fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(doc: &Html, s: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(s))
        .filter_map(|e| e.value().attr(attr))
        .map(str::to_string)
        .collect()
}

/// Every relative `href`/`src` of every page points at a file of the output; how many were checked.
pub fn check_links(out: &Path) -> Result<usize, String> {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in super::files_with_suffix(out, ".html") {
        if std::fs::metadata(&page).map_or(true, |m| m.len() > 8 << 20) {
            continue; // the 50 MB lesson: not worth scanning in a debug build
        }
        let html = std::fs::read_to_string(&page).map_err(|e| e.to_string())?;
        let dir = page.parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len()..];
                let url = rest[..rest.find('"').unwrap_or(0)].replace("&amp;", "&");
                let external = ["http:", "https:", "mailto:", "tel:", "data:", "//", "#"]
                    .iter()
                    .any(|s| url.starts_with(s));
                if url.is_empty() || external {
                    continue;
                }
                checked += 1;
                let path = url.split(['#', '?']).next().unwrap_or("");
                let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
                let target = lexically_normal(&dir.join(decoded.as_ref()));
                if !target.starts_with(out) || !target.is_file() {
                    broken.push(format!("{} → {url}", page.strip_prefix(out).unwrap().display()));
                }
            }
        }
    }
    broken.truncate(10);
    match broken.is_empty() {
        true => Ok(checked),
        false => Err(format!("links that lead nowhere: {broken:#?}")),
    }
}

/// `a/b/../c` → `a/c`, without touching the disk (symbolic links are not followed).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
