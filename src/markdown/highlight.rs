//! Build-time syntax highlighting with syntect, into CSS classes (no JavaScript in pages).
//!
//! Syntax definitions load once per process; results are cached by (language, code) so a
//! snippet repeated across lessons — common in a course — is highlighted once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock, RwLock};

use pulldown_cmark_escape::escape_html;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

type Cache = RwLock<HashMap<u64, Arc<str>>>;

/// Snippets kept before the cache starts over: far more than a programme repeats, and a
/// bound on memory in a long-running process.
const CACHE_ENTRIES: usize = 10_000;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// A `<pre>` block for a fenced code block. `info` is the fence's info string.
pub fn code_block(info: &str, code: &str) -> Arc<str> {
    let lang = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("");
    let key = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (lang, code).hash(&mut h);
        h.finish()
    };
    if let Some(hit) = cache().read().expect("cache lock").get(&key) {
        return Arc::clone(hit);
    }
    let html: Arc<str> = highlight_html(lang, code).into();
    let mut cache = cache().write().expect("cache lock");
    if cache.len() >= CACHE_ENTRIES {
        cache.clear(); // `serve` adds an entry for every edit of a code block
    }
    cache.insert(key, Arc::clone(&html));
    html
}

fn highlight_html(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let syntax = (!lang.is_empty())
        .then(|| syntaxes().find_syntax_by_token(lang))
        .flatten();
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        let mut escaped = String::new();
        let _ = escape_html(&mut escaped, lang);
        format!(" data-lang=\"{escaped}\"")
    };
    out.push_str(&format!("<pre class=\"code\"{lang_attr}><code>"));
    match syntax {
        Some(syntax) => {
            let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
            let highlighted = LinesWithEndings::from(code)
                .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
            match highlighted {
                Ok(()) => out.push_str(&generator.finalize()),
                Err(_) => {
                    let _ = escape_html(&mut out, code);
                }
            }
        }
        None => {
            let _ = escape_html(&mut out, code);
        }
    }
    out.push_str("</code></pre>\n");
    out
}

/// One stylesheet for both colour schemes: light by default, dark under
/// `prefers-color-scheme: dark`.
/// The light theme alone, for slide decks (always light).
pub fn light_stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE).unwrap_or_default()
}

/// The rules of `css` that can match `html`: a deck carries only the colours its own code
/// uses. (A selector is kept when every `hl-` class it names occurs in the HTML.)
pub fn used_rules(css: &str, html: &str) -> String {
    let used: std::collections::HashSet<&str> = html
        .split("class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(str::split_whitespace)
        .filter(|c| c.starts_with("hl-"))
        .collect();
    if used.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for rule in css.split_inclusive('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            continue;
        };
        let selectors = selectors.rsplit("*/").next().unwrap_or(selectors);
        let keep: Vec<&str> = selectors
            .split(',')
            .map(str::trim)
            .filter(|sel| {
                sel.split(|c: char| c == '.' || c.is_whitespace())
                    .filter(|c| c.starts_with("hl-"))
                    .all(|c| used.contains(c))
            })
            .collect();
        if !keep.is_empty() {
            out.push_str(&keep.join(","));
            out.push('{');
            out.push_str(&body.split_whitespace().collect::<Vec<_>>().join(""));
            out.push('\n');
        }
    }
    out
}

pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE).unwrap_or_default();
    format!("/* Generated by Lectern from syntect's InspiredGitHub and base16-ocean.dark themes. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("python", "views = 1000\nprint(views)\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"python\">"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("no-such-lang", "<script>alert(1)</script>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn cache_returns_same_result() {
        let a = code_block("yaml", "a: 1\n");
        let b = code_block("yaml", "a: 1\n");
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn decks_keep_only_the_rules_their_code_uses() {
        let html = code_block("python", "x = 1  # note\n");
        let css = used_rules(&light_stylesheet(), &html);
        assert!(css.contains(".hl-comment{"), "{css}");
        assert!(!css.contains("hl-regexp"), "{css}");
        assert!(
            css.len() < light_stylesheet().len() / 3,
            "{} of {}",
            css.len(),
            light_stylesheet().len()
        );
        assert_eq!(used_rules(&light_stylesheet(), "<p>no code</p>"), "");
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
