//! Where each kind of page lives in the output, and relative URLs between them.
//!
//! Every link Lectern writes is relative and names a file (`…/index.html`), so a site
//! works from a web server and straight from a USB stick (`file://`) alike.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::model::{LessonId, ModuleId, QaId, RoleId, SopId};

/// Characters escaped in a path segment. Non-ASCII (Chinese file names) is escaped too, so
/// the href is a valid URL everywhere; browsers show it decoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\'');

pub const HOME: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";

pub const SOPS: &str = "sops/index.html";
pub const ROLES: &str = "roles/index.html";
pub const QA: &str = "qa/index.html";
pub const GLOSSARY: &str = "glossary.html";
pub const SEARCH: &str = "search.html";
/// The team leader's collation page: hand-in QR codes link here (`record.js`, `url`).
pub const COLLECT: &str = "collect.html";

pub fn sop_page(id: &SopId) -> String {
    format!("sops/{}.html", id.as_str())
}

pub fn role_page(id: &RoleId) -> String {
    format!("roles/{}.html", id.as_str())
}

pub fn qa_page(id: &QaId) -> String {
    format!("qa/{}.html", id.as_str())
}

/// A `content/quizzes/` file's page; `id` is its file stem.
pub fn quiz_page(id: &str) -> String {
    format!("quizzes/{id}.html")
}

/// A lesson's slide deck: the same depth as its page, so relative URLs carry over.
pub fn deck_page(id: &LessonId) -> String {
    format!("decks/{}.html", id.as_str())
}

pub fn lesson_page(id: &LessonId) -> String {
    format!("lessons/{}.html", id.as_str())
}

pub fn module_page(id: &ModuleId) -> String {
    format!("lessons/{}/index.html", id.as_str())
}

/// The relative URL from the page at output path `from` to output path `to` (both
/// `/`-separated, relative to the output root).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    let rest: Vec<String> = to_parts[common..]
        .iter()
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect();
    url.push_str(&rest.join("/"));
    url
}

/// A root-relative output path, percent-encoded for an href (`lessons/模块/a.html` →
/// `lessons/%E6%A8%A1%E5%9D%97/a.html`). Templates write `{{ site.root }}{{ path }}`.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// `../../` from the page at `from` back to the output root (empty at the root).
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Escape a `#fragment` for use in an href.
pub fn fragment(anchor: &str) -> String {
    utf8_percent_encode(anchor, SEGMENT).to_string()
}

/// A `#fragment` with ASCII escaped as in [`fragment`] but other characters left as they
/// are (an IRI, which browsers encode themselves): `#小结` instead of `#%E5%B0%8F%E7%BB%93`,
/// a third of the bytes in the search index, where it is set as a link's `href` by script.
pub fn fragment_iri(anchor: &str) -> String {
    let mut out = String::with_capacity(anchor.len());
    let mut buf = [0u8; 4];
    for c in anchor.chars() {
        if c.is_ascii() {
            out.extend(utf8_percent_encode(c.encode_utf8(&mut buf), SEGMENT));
        } else {
            out.push(c);
        }
    }
    out
}

/// The `/`-separated `path` joined to the folder `dir` and normalised (`a/./b/../c` →
/// `a/c`; a leading `/` starts at the top); `None` when it climbs above the top.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A relative path as an output path: `/` between parts on every system.
pub fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// A readable id for a heading or a glossary term (a URL fragment): `## 小结` → `小结`; `## A/B 测试设计` → `ab-测试设计`. Letters and digits of any script
/// are kept (lowercased), spaces become `-`, other punctuation is dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if c == '-' || c == '_' {
            slug.push(c);
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("小结"), "小结");
        assert_eq!(slugify("A/B 测试设计"), "ab-测试设计");
        assert_eq!(slugify("GMV：成交总额？"), "gmv成交总额");
        assert_eq!(slugify("  ！！ "), "section");
    }

    #[test]
    fn iri_fragments_escape_ascii_only() {
        assert_eq!(fragment_iri("小结 a\"b#c"), "小结%20a%22b%23c");
        assert_eq!(fragment("小结"), "%E5%B0%8F%E7%BB%93");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("index.html", "lessons/m/a.html"), "lessons/m/a.html");
        assert_eq!(relative("lessons/m/a.html", "lessons/m/b.html"), "b.html");
        assert_eq!(relative("lessons/m/a.html", "lessons/n/index.html"), "../n/index.html");
        assert_eq!(relative("lessons/m/a.html", "index.html"), "../../index.html");
        assert_eq!(relative("lessons/m/a.html", "assets/x y.png"), "../../assets/x%20y.png");
        assert_eq!(
            relative("index.html", "lessons/模块/课.html"),
            "lessons/%E6%A8%A1%E5%9D%97/%E8%AF%BE.html"
        );
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("lessons/m/a.html"), "../../");
    }
}
