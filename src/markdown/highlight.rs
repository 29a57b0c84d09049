//! Build-time syntax highlighting with syntect, into CSS classes (no JavaScript in pages).
//!
//! Syntax definitions load once per process; results are cached by (language, code) so a
//! snippet repeated across lessons — common in a course — is highlighted once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock, RwLock};

use pulldown_cmark_escape::escape_html;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub(super) const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

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

/// The language a fence's info string names: `rust,ignore` → `rust`.
pub fn language(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
}

/// Whether a fence with this info string is highlighted (its language is known).
pub fn highlights(info: &str) -> bool {
    let lang = language(info);
    !lang.is_empty() && syntaxes().find_syntax_by_token(lang).is_some()
}

/// The lines of a code block a reader sees. In Rust blocks, as mdBook and rustdoc show
/// them, a line that is `#` or starts with `# ` (after its indentation) is hidden: the
/// boilerplate that lets an example compile (`# fn main() {`), and `##` at the start of a
/// line is a `#` shown. `#[derive(Debug)]` and other languages' `# 注释` stay.
pub fn visible_code<'c>(info: &str, code: &'c str) -> std::borrow::Cow<'c, str> {
    let hides = |line: &str| {
        let t = line.trim_start();
        t == "#" || t.starts_with("# ") || t.starts_with("#\t") || t.starts_with("##")
    };
    if language(info) != "rust" || !code.lines().any(hides) {
        return code.into();
    }
    let mut shown = String::with_capacity(code.len());
    for line in LinesWithEndings::from(code) {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim_start();
        if let Some(rest) = t.strip_prefix("##") {
            shown.push_str(&body[..body.len() - t.len()]);
            shown.push('#');
            shown.push_str(rest);
            shown.push_str(&line[body.len()..]);
        } else if !hides(body) {
            shown.push_str(line);
        }
    }
    shown.into()
}

/// A `<pre>` block for a fenced code block. `info` is the fence's info string.
pub fn code_block(info: &str, code: &str) -> Arc<str> {
    let lang = language(info);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_blocks_hide_mdbook_hidden_lines() {
        let code = "# fn main() {\n#[derive(Debug)]\nstruct 订单 { 金额: f64 }\n    # let hidden = 1;\n#\n##[allow(dead_code)]\nlet total = 52.4;\n# }\n";
        assert_eq!(
            visible_code("rust,ignore", code),
            "#[derive(Debug)]\nstruct 订单 { 金额: f64 }\n#[allow(dead_code)]\nlet total = 52.4;\n"
        );
        assert_eq!(
            visible_code("rust", "# fn main() {\r\nlet x = 1;\r\n# }"),
            "let x = 1;\r\n"
        );
        // Only Rust: in Python and shell `# ` starts a comment a reader needs.
        let python = "# 计算完播率 completion rate\nrate = plays / views\n";
        assert_eq!(visible_code("python", python), python);
        assert_eq!(visible_code("", python), python);
    }

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("python", "views = 1000\nprint(views)\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"python\">"), "{html}");
    }

    #[test]
    fn known_languages_are_the_highlighted_ones() {
        for (info, highlighted) in [
            ("python", true),
            ("rust,ignore", true),
            ("yaml {1,3}", true),
            ("", false),
            ("text", false),
            ("no-such-lang", false),
        ] {
            assert_eq!(highlights(info), highlighted, "{info:?}");
            assert_eq!(
                code_block(info, "a = 1\n").contains("class=\"hl-"),
                highlighted,
                "{info:?}"
            );
        }
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
}
