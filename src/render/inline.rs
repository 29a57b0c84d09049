//! Making a deck self-contained: every image becomes a `data:` URI, and links are rebased
//! from the lesson page (where the HTML was rendered) to the deck's own location.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::markdown::html_urls::srcset_urls;
use crate::urls;

/// Reads each referenced file once per build, however many decks use it.
pub struct Inliner {
    root: PathBuf,
    cache: RwLock<HashMap<String, Option<Arc<str>>>>,
}

impl Inliner {
    pub fn new(root: &Path) -> Self {
        Inliner {
            root: root.to_path_buf(),
            cache: RwLock::default(),
        }
    }

    /// `data:` URI of the output file at `path` (root-relative), read from its source.
    fn data_uri(&self, path: &str) -> Option<Arc<str>> {
        if let Some(hit) = self.cache.read().expect("cache lock").get(path) {
            return hit.clone();
        }
        let source = if path.starts_with("assets/") {
            self.root.join(path)
        } else {
            self.root.join("content").join(path)
        };
        let uri = std::fs::read(&source).ok().map(|bytes| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            Arc::from(format!("data:{};base64,{b64}", mime(path)).as_str())
        });
        self.cache
            .write()
            .expect("cache lock")
            .insert(path.to_string(), uri.clone());
        uri
    }

    /// Rewrite `html` rendered for the page at `from` so it works as the file at `to`:
    /// local images are embedded, other local links point at the same targets as before.
    /// Only the attributes of tags are touched: text and code that merely show
    /// `src='…'` or `url('…')` stay as written.
    pub fn rebase(&self, html: &str, from: &str, to: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut copied = 0;
        for tag in start_tags(html) {
            out.push_str(&html[copied..tag.start]);
            self.rebase_tag(&html[tag.clone()], from, to, &mut out);
            copied = tag.end;
        }
        out.push_str(&html[copied..]);
        out
    }

    /// One start tag, `<img src="…" …>`, with its URL attributes rewritten into `out`.
    fn rebase_tag(&self, tag: &str, from: &str, to: &str, out: &mut String) {
        let mut rest = tag;
        while let Some((attr_start, value_start, quote)) = find_url_attribute(rest) {
            out.push_str(&rest[..value_start]);
            let after = &rest[value_start..];
            let end = after.find(quote).unwrap_or(after.len());
            let url = &after[..end];
            let attr = &rest[attr_start..value_start];
            if attr.starts_with("srcset") {
                // Each candidate (`a.png 1x, b.png 2x`) is an image of its own.
                let mut at = 0;
                for candidate in srcset_urls(url) {
                    out.push_str(&url[at..candidate.start]);
                    out.push_str(&self.rewrite(&url[candidate.clone()], from, to, true));
                    at = candidate.end;
                }
                out.push_str(&url[at..]);
            } else {
                let embed = attr.starts_with("src") || attr.starts_with("poster") || attr.starts_with("url(");
                out.push_str(&self.rewrite(url, from, to, embed));
            }
            rest = &after[end..];
        }
        out.push_str(rest);
    }

    /// One URL: embedded when it is a local image, rebased when it is a local link.
    pub fn rewrite(&self, url: &str, from: &str, to: &str, embed: bool) -> String {
        let unescaped = url.replace("&amp;", "&");
        if url.is_empty() || url.starts_with('#') || has_scheme(&unescaped) || unescaped.starts_with("//") {
            return url.to_string();
        }
        let (path, fragment) = match unescaped.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (unescaped.as_str(), None),
        };
        let Some(target) = resolve(from, &percent_decode_str(path).decode_utf8_lossy()) else {
            return url.to_string();
        };
        if embed {
            if let Some(uri) = self.data_uri(&target) {
                return uri.to_string();
            }
        }
        let mut rebased = urls::relative(to, &target);
        if let Some(f) = fragment {
            rebased.push('#');
            rebased.push_str(f);
        }
        rebased.replace('&', "&amp;")
    }
}

/// The byte ranges of the start tags in `html` (`<` and a letter up to the `>` that no
/// quoted attribute value holds). Text is escaped, so a `<` there is always a tag.
fn start_tags(html: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let lt = i + html[i..].find('<')?;
            i = lt + 1;
            if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let mut quote = None;
            while i < bytes.len() {
                match (quote, bytes[i]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            return Some(lt..i);
        }
        None
    })
}

/// The next `src="`, `srcset="`, `poster="`, `href="` or `url('` in the start tag `tag`:
/// (attribute start, value start, closing quote). An attribute name counts only after a
/// space (`data-src="…"` is not `src`).
fn find_url_attribute(tag: &str) -> Option<(usize, usize, char)> {
    let bytes = tag.as_bytes();
    // Only at `=` and `(`: tags are many and short, and most of their bytes are neither.
    bytes.iter().enumerate().find_map(|(i, &b)| match b {
        b'=' => {
            let name_start = bytes[..i]
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |k| k + 1);
            let quote = *bytes.get(i + 1)?;
            let after_space = name_start > 0 && bytes[name_start - 1].is_ascii_whitespace();
            let known = match &tag[name_start..i] {
                "src" => quote == b'"' || quote == b'\'',
                "srcset" | "poster" | "href" => quote == b'"',
                _ => false,
            };
            (after_space && known).then_some((name_start, i + 2, quote as char))
        }
        b'(' if tag[..i].ends_with("url") && bytes.get(i + 1) == Some(&b'\'') => Some((i - 3, i + 2, '\'')),
        _ => None,
    })
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) && !s.contains('/')
    })
}

/// `url`, relative to the page at `from`, as a root-relative output path.
fn resolve(from: &str, url: &str) -> Option<String> {
    let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    crate::urls::join(folder, url.trim_start_matches('/'))
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_images_and_rebases_links() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("assets")).unwrap();
        std::fs::write(tmp.path().join("assets/logo.svg"), "<svg/>").unwrap();
        std::fs::create_dir_all(tmp.path().join("content/lessons/m/img")).unwrap();
        std::fs::write(tmp.path().join("content/lessons/m/img/a.png"), [137, 80]).unwrap();
        let inliner = Inliner::new(tmp.path());
        let html = r##"<img src="../../assets/logo.svg" alt="x"><img src="img/a.png"><a href="02-next.html#小结">n</a><a href="https://x.org/a">e</a><a href="#top">t</a><img srcset="img/a.png 1x, https://x.org/b.png 2x"><video poster="img/a.png"></video>"##;
        let out = inliner.rebase(html, "lessons/m/01.html", "decks/m/01.html");
        assert!(
            out.contains(r#"srcset="data:image/png;base64,iVA= 1x, https://x.org/b.png 2x""#),
            "{out}"
        );
        assert!(out.contains(r#"poster="data:image/png;base64,iVA=""#), "{out}");
        assert!(out.contains(r#"src="data:image/svg+xml;base64,PHN2Zy8+""#), "{out}");
        assert!(out.contains(r#"src="data:image/png;base64,iVA=""#), "{out}");
        assert!(out.contains(r##"href="../../lessons/m/02-next.html#小结""##), "{out}");
        assert!(
            out.contains(r#"href="https://x.org/a""#) && out.contains(r##"href="#top""##),
            "{out}"
        );
    }

    #[test]
    fn leaves_urls_in_text_and_code_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content/lessons/m")).unwrap();
        std::fs::write(tmp.path().join("content/lessons/m/bg.jpg"), "x").unwrap();
        let inliner = Inliner::new(tmp.path());
        let html = concat!(
            "<p>Set <code>background-image:url('./bg.jpg');</code> or src='bg.jpg' in text</p>",
            "<pre><code>img { src='bg.jpg' }</code></pre>",
            r#"<p style="background-image:url('bg.jpg')" title="a > b"><img alt="x>y" src="bg.jpg" data-src="bg.jpg"></p>"#,
        );
        let out = inliner.rebase(html, "lessons/m/01.html", "decks/m/01.html");
        assert!(out.starts_with("<p>Set <code>background-image:url('./bg.jpg');</code> or src='bg.jpg' in text</p><pre><code>img { src='bg.jpg' }</code></pre>"), "{out}");
        assert!(
            out.contains(r#"style="background-image:url('data:image/jpeg;base64,eA==')""#),
            "{out}"
        );
        assert!(
            out.contains(r#"alt="x>y" src="data:image/jpeg;base64,eA==" data-src="bg.jpg""#),
            "{out}"
        );
    }
}
