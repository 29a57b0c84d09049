//! Resolving links and images written in Markdown.

use std::cell::RefCell;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use percent_encoding::percent_decode_str;

use super::outside::{computer_path_error, is_computer_path, is_remote};
use super::{ContentIndex, RefKind};
use crate::diag::{did_you_mean, Diagnostic, SourceFile};
use crate::markdown::{LinkKind, LinkResolver};
use crate::urls;

/// Which document an anchor must exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorTarget {
    Lesson(usize),
    Qa(usize),
    Home,
    Sop(usize),
    Role(usize),
}

/// `#anchor` must be an id on `target`'s page; checked after every document is rendered
/// (`validate::check_anchors`).
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target: AnchorTarget,
    pub anchor: String,
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
}

/// Resolves the links of one document, whose page is at `page` in the output.
pub struct DocResolver<'a> {
    index: &'a ContentIndex,
    file: Arc<SourceFile>,
    /// This document, as an anchor target (for `#anchor` links within it).
    this: Option<AnchorTarget>,
    page: String,
    pub anchors: RefCell<Vec<AnchorCheck>>,
    /// Root-relative files to copy into the output (images next to lessons, …).
    pub files: RefCell<Vec<PathBuf>>,
    /// Where the document shows images from the internet (for `remote_images_warning`).
    pub remote_images: RefCell<Vec<Range<usize>>>,
}

impl<'a> DocResolver<'a> {
    pub fn new(index: &'a ContentIndex, file: &Arc<SourceFile>, this: Option<AnchorTarget>, page: String) -> Self {
        DocResolver {
            index,
            file: Arc::clone(file),
            this,
            page,
            anchors: RefCell::default(),
            files: RefCell::default(),
            remote_images: RefCell::default(),
        }
    }

    fn error(&self, message: String, span: &Range<usize>) -> Diagnostic {
        Diagnostic::error(message).at(&self.file, span.clone())
    }

    fn with_anchor(&self, target: AnchorTarget, url: String, fragment: Option<&str>, span: &Range<usize>) -> String {
        match fragment {
            Some(f) if !f.is_empty() => {
                let anchor = percent_decode_str(f).decode_utf8_lossy().into_owned();
                self.anchors.borrow_mut().push(AnchorCheck {
                    target,
                    anchor,
                    file: Arc::clone(&self.file),
                    span: span.clone(),
                });
                format!("{url}#{f}")
            }
            _ => url,
        }
    }

    fn lesson_url(&self, lesson: usize, fragment: Option<&str>, span: &Range<usize>) -> String {
        let url = urls::relative(&self.page, &urls::lesson_page(&self.index.lesson_ids[lesson]));
        self.with_anchor(AnchorTarget::Lesson(lesson), url, fragment, span)
    }

    fn resolve_lesson_id(&self, id: &str, fragment: Option<&str>, span: &Range<usize>) -> Result<String, Diagnostic> {
        match self.index.lookup(RefKind::Lesson, id) {
            Ok(i) => Ok(self.lesson_url(i, fragment, span)),
            Err(Some(d)) => Err(d.at(&self.file, span.clone())),
            Err(None) => Ok(format!("lesson:{id}")), // that lesson's own error is reported already
        }
    }

    /// `sop:`, `role:` and `qa:` targets. Every anchor is recorded for
    /// `validate::check_anchors`: question headings, SOP sections and steps, role sections.
    fn resolve_other(
        &self,
        kind: RefKind,
        id: &str,
        fragment: Option<&str>,
        span: &Range<usize>,
    ) -> Result<String, Diagnostic> {
        let i = match self.index.lookup(kind, id) {
            Ok(i) => i,
            Err(Some(d)) => return Err(d.at(&self.file, span.clone())),
            Err(None) => return Ok(format!("{}:{id}", kind.noun())), // reported where it failed
        };
        let (page, target) = match kind {
            RefKind::Sop => (urls::sop_page(&self.index.sop_ids[i]), AnchorTarget::Sop(i)),
            RefKind::Role => (urls::role_page(&self.index.role_ids[i]), AnchorTarget::Role(i)),
            RefKind::Qa => (urls::qa_page(&self.index.qa_ids[i]), AnchorTarget::Qa(i)),
            RefKind::Lesson => return Ok(self.lesson_url(i, fragment, span)),
        };
        let url = urls::relative(&self.page, &page);
        Ok(self.with_anchor(target, url, fragment, span))
    }

    /// A near miss among lesson files, compared by file name (the part people mistype),
    /// written as a path relative to this file.
    fn suggest_path(&self, wanted: &Path) -> Option<String> {
        let name = wanted.file_name()?.to_string_lossy();
        let here = self.file.path.parent().unwrap_or(Path::new(""));
        let candidates: Vec<(String, String)> = self
            .index
            .lesson_by_path
            .keys()
            .filter(|p| **p != self.file.path)
            .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), relative_path(here, p))))
            .collect();
        let best = did_you_mean(&name, candidates.iter().map(|(n, _)| n.as_str()))?;
        let (_, path) = candidates.iter().find(|(n, _)| best.contains(&format!("`{n}`")))?;
        Some(format!("did you mean `{path}`?"))
    }

    fn resolve_path(
        &self,
        path: &str,
        fragment: Option<&str>,
        span: &Range<usize>,
        kind: LinkKind,
    ) -> Result<String, Diagnostic> {
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let (rel, written_from_root) = match decoded.strip_prefix('/') {
            Some(r) => (normalize(Path::new(""), r), true),
            None => (
                normalize(self.file.path.parent().unwrap_or(Path::new("")), &decoded),
                false,
            ),
        };
        let Some(rel) = rel else {
            return Err(self
                .error(format!("`{path}` points outside the programme folder"), span)
                .help("link only to files inside the programme; put shared files in assets/"));
        };
        if written_from_root && !rel.starts_with("assets") {
            return Err(self
                .error(format!("absolute path `{path}` is not under /assets/"), span)
                .help("write `/assets/…` for shared files, or a path relative to this file"));
        }
        if rel.extension().is_some_and(|e| e == "md") {
            if let Some(&i) = self.index.lesson_by_path.get(&rel) {
                return Ok(self.lesson_url(i, fragment, span));
            }
            if let Some(stem) = rel.strip_prefix("content/qa").ok().and_then(|r| r.file_stem()) {
                if !self.index.failed_files.contains(&rel) {
                    return self.resolve_other(RefKind::Qa, &stem.to_string_lossy(), fragment, span);
                }
            }
            if rel == Path::new("content/index.md") && self.index.has_home {
                let url = urls::relative(&self.page, urls::HOME);
                return Ok(self.with_anchor(AnchorTarget::Home, url, fragment, span));
            }
            if self.index.failed_files.contains(&rel) {
                return Ok(path.to_string()); // already reported where that file is
            }
            if let Some(id) = draft_id_of(&rel).filter(|id| self.index.draft_ids.contains(id)) {
                return self.resolve_lesson_id(&id, fragment, span);
            }
            let d = self
                .error(format!("link to `{}`, which is not a lesson", rel.display()), span)
                .label("no such lesson file");
            let hint = self.suggest_path(&rel);
            return Err(d.help(hint.unwrap_or_else(|| "link to a lesson's .md file, relative to this file".into())));
        }
        if rel.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            if rel == Path::new("content/roles.yaml") && self.index.has_roles {
                // The roles index (its anchors are not checked).
                let url = urls::relative(&self.page, urls::ROLES);
                return Ok(match fragment {
                    Some(f) if !f.is_empty() => format!("{url}#{f}"),
                    _ => url,
                });
            }
            if let Some(stem) = rel.strip_prefix("content/sops").ok().and_then(|r| r.file_stem()) {
                return self.resolve_other(RefKind::Sop, &stem.to_string_lossy(), fragment, span);
            }
            return Err(self
                .error(format!("link to `{}`, which is not an SOP", rel.display()), span)
                .help("link to a file in content/sops/, or write `sop:ID`"));
        }
        let full = self.index.root.join(&rel);
        if !full.is_file() {
            let what = if kind == LinkKind::Image { "image" } else { "file" };
            return Err(self
                .error(format!("{what} not found: `{}`", rel.display()), span)
                .label(format!("no file at {}", rel.display()))
                .help("paths are relative to this Markdown file, or start with /assets/"));
        }
        if !inside_root(&self.index.root, &full) {
            return Err(self
                .error(
                    format!("`{path}` resolves (through a symbolic link) outside the programme folder"),
                    span,
                )
                .help("copy the file into assets/ instead of linking to it"));
        }
        let out = match rel.strip_prefix("content") {
            Ok(r) => r.to_path_buf(),
            Err(_) if rel.starts_with("assets") => rel.clone(),
            Err(_) => {
                return Err(self
                    .error(format!("`{}` is outside content/ and assets/", rel.display()), span)
                    .help("move files that lessons use into assets/"));
            }
        };
        self.files.borrow_mut().push(rel);
        let out = urls::slash_path(&out);
        Ok(match fragment {
            Some(f) => format!("{}#{f}", urls::relative(&self.page, &out)),
            None => urls::relative(&self.page, &out),
        })
    }
}

impl LinkResolver for DocResolver<'_> {
    fn resolve(&self, dest: &str, span: Range<usize>, kind: LinkKind) -> Result<String, Diagnostic> {
        let dest = dest.trim();
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if dest.is_empty() {
            // CommonMark and every other renderer accept `[text]()` (a link to the page
            // itself): keep it, and say that it is probably unfinished.
            return Err(Diagnostic::warning(match kind {
                LinkKind::Link => "empty link destination",
                LinkKind::Image => "empty image source",
            })
            .at(&self.file, span)
            .help("write the target inside the parentheses: [文字](目标)"));
        }
        let (path, docsify_anchor) = match scheme_of(path) {
            Some(_) => (path, None),
            None => split_query(path),
        };
        let fragment = fragment.or(docsify_anchor.as_deref());
        if path.is_empty() {
            return match self.this {
                Some(target) => Ok(self.with_anchor(target, String::new(), fragment, &span)),
                None => Ok(dest.to_string()),
            };
        }
        if kind == LinkKind::Image && is_remote(dest) {
            self.remote_images.borrow_mut().push(span);
            return Ok(dest.to_string());
        }
        if dest.starts_with("//") {
            return Ok(dest.to_string());
        }
        if is_computer_path(dest) {
            return Err(computer_path_error(dest, &self.file, span));
        }
        if let Some((scheme, rest)) = scheme_of(path) {
            return match scheme.as_str() {
                "http" | "https" | "mailto" | "tel" => Ok(dest.to_string()),
                "data" if kind == LinkKind::Image => Ok(dest.to_string()),
                "lesson" => self.resolve_lesson_id(rest.trim_matches('/'), fragment, &span),
                "sop" | "role" | "qa" => {
                    let kind = RefKind::from_scheme(&scheme).expect("known scheme");
                    self.resolve_other(kind, rest.trim_matches('/'), fragment, &span)
                }
                _ => Err(self.error(format!("unsupported link scheme `{scheme}:`"), &span).help(
                    "use http(s):, mailto:, tel:, lesson:MODULE/LESSON, sop:ID, role:ID, qa:ID, or a relative path",
                )),
            };
        }
        self.resolve_path(path, fragment, &span, kind)
    }
}

/// A local link without its query string, which means nothing to a static file (over
/// `file://` it is not even sent anywhere): `a.png?raw=true` is `a.png`. On a page link
/// (`.md`, or none: this page) docsify's `?id=HEADING` is the anchor, given back as the
/// heading id Lectern makes: docsify puts `_` before an id that starts with a digit
/// (`?id=_21-马尔可夫过程` for `## 2.1 马尔可夫过程`) and keeps some punctuation that
/// [`urls::slugify`] drops.
fn split_query(path: &str) -> (&str, Option<String>) {
    let Some((path, query)) = path.split_once('?') else {
        return (path, None);
    };
    let page = path.is_empty() || path.to_ascii_lowercase().ends_with(".md");
    let anchor = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("id="))
        .filter(|id| page && !id.is_empty())
        .map(|id| {
            let id = percent_decode_str(id).decode_utf8_lossy();
            let id = match id.strip_prefix('_') {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
                _ => &id,
            };
            urls::slugify(id)
        });
    (path, anchor)
}

/// `lesson:01/02` → ("lesson", "01/02"). Windows drive letters (`C:\`) count as a scheme
/// and are rejected as such, which is what we want.
fn scheme_of(dest: &str) -> Option<(String, &str)> {
    let (scheme, rest) = dest.split_once(':')?;
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// Join `rel` onto `dir` and fold `.`/`..` lexically; `None` if it climbs out of the root.
fn normalize(dir: &Path, rel: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = dir
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    Some(parts.iter().collect())
}

/// `to` relative to the folder `from` (both relative to the programme root).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn inside_root(root: &Path, full: &Path) -> bool {
    match (root.canonicalize(), full.canonicalize()) {
        (Ok(r), Ok(f)) => f.starts_with(r),
        _ => false,
    }
}

/// `content/lessons/m/l.md` → `m/l`.
fn draft_id_of(rel: &Path) -> Option<String> {
    let inner = rel.strip_prefix("content/lessons").ok()?;
    let s = urls::slash_path(&inner.with_extension(""));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_refuses_escape() {
        assert_eq!(
            normalize(Path::new("content/lessons/m"), "../n/x.md"),
            Some(PathBuf::from("content/lessons/n/x.md"))
        );
        assert_eq!(
            normalize(Path::new("content/lessons/m"), "../../../assets/a.png"),
            Some(PathBuf::from("assets/a.png"))
        );
        assert_eq!(
            normalize(Path::new("content/lessons/m"), "../../../../etc/passwd"),
            None
        );
    }

    #[test]
    fn docsify_id_queries_are_anchors_other_queries_go() {
        assert_eq!(
            split_query("../chapter2/chapter2.md?id=_21-马尔可夫过程"),
            ("../chapter2/chapter2.md", Some("21-马尔可夫过程".into()))
        );
        assert_eq!(
            split_query("chapter3.md?id=%E7%AD%96%E7%95%A5%E8%BF%AD%E4%BB%A3&lang=zh"),
            ("chapter3.md", Some("策略迭代".into()))
        );
        // docsify keeps full-width brackets in its ids; Lectern's ids drop them.
        assert_eq!(
            split_query("a.md?id=价值迭代（value-iteration）").1.as_deref(),
            Some("价值迭代value-iteration")
        );
        assert_eq!(split_query("?id=_3-小结"), ("", Some("3-小结".into())));
        assert_eq!(split_query("images/q-table.png?raw=true"), ("images/q-table.png", None));
        assert_eq!(split_query("slides.pdf?id=2"), ("slides.pdf", None));
        assert_eq!(split_query("a.md"), ("a.md", None));
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme_of("lesson:m/l"), Some(("lesson".into(), "m/l")));
        assert_eq!(scheme_of("JavaScript:alert(1)").map(|s| s.0), Some("javascript".into()));
        assert_eq!(scheme_of("../x.md"), None);
        assert_eq!(scheme_of("02-top.md"), None);
    }
}
