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

use super::code_theme;

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

/// The light theme alone, for slide decks (always light).
pub fn light_stylesheet() -> String {
    code_theme::css(&code_theme::LIGHT, CLASS_STYLE)
}

/// A highlighting stylesheet read once into its rules, so that each deck keeps only the
/// colours its own code uses ([`HighlightRules::used_by`]) without reading the CSS again.
#[derive(Debug, Default)]
pub struct HighlightRules {
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    /// Each selector, with the `hl-` classes it names.
    selectors: Vec<(String, Vec<String>)>,
    /// The declarations, without whitespace.
    body: String,
}

impl HighlightRules {
    pub fn parse(css: &str) -> HighlightRules {
        let rules = css
            .split_inclusive('}')
            .filter_map(|rule| rule.split_once('{'))
            .map(|(selectors, body)| {
                let selectors = selectors.rsplit("*/").next().unwrap_or(selectors);
                let selectors = selectors
                    .split(',')
                    .map(str::trim)
                    .map(|sel| {
                        let classes = sel
                            .split(|c: char| c == '.' || c.is_whitespace())
                            .filter(|c| c.starts_with("hl-"))
                            .map(str::to_string)
                            .collect();
                        (sel.to_string(), classes)
                    })
                    .collect();
                Rule {
                    selectors,
                    body: body.split_whitespace().collect::<Vec<_>>().join(""),
                }
            })
            .collect();
        HighlightRules { rules }
    }

    /// The rules that can match the HTML of `slides`: a selector is kept when every `hl-`
    /// class it names occurs in the HTML; nothing when no code is highlighted.
    pub fn used_by<'h>(&self, slides: impl IntoIterator<Item = &'h str>) -> String {
        // Only the code's spans are read: syntect writes `class="hl-…"`, every class
        // prefixed, and a deck's HTML is mostly other tags (a tenth of a deck's time went
        // into splitting every `class` attribute of every slide).
        const OPEN: &str = "class=\"hl-";
        // memchr's SIMD search: `str::find` here was two thirds of this function's time.
        let finder = memchr::memmem::Finder::new(OPEN);
        let mut used: rustc_hash::FxHashSet<&str> = Default::default();
        for html in slides {
            let mut rest = html;
            while let Some(at) = finder.find(rest.as_bytes()) {
                let value = &rest[at + OPEN.len() - 3..];
                let end = value.find('"').unwrap_or(value.len());
                used.extend(value[..end].split_ascii_whitespace().filter(|c| c.starts_with("hl-")));
                rest = &value[end..];
            }
        }
        if used.is_empty() {
            return String::new();
        }
        let mut out = String::new();
        for Rule { selectors, body } in &self.rules {
            let keep: Vec<&str> = selectors
                .iter()
                .filter(|(_, classes)| classes.iter().all(|c| used.contains(c.as_str())))
                .map(|(sel, _)| sel.as_str())
                .collect();
            if !keep.is_empty() {
                out.push_str(&keep.join(","));
                out.push('{');
                out.push_str(body);
                out.push('\n');
            }
        }
        out
    }
}

/// One stylesheet for both colour schemes: light unless `prefers-color-scheme: dark`.
/// Each theme sits in its own media block: a light rule that the dark theme has no
/// selector for (`.hl-storage.hl-type`) would otherwise win over a less specific dark one
/// (`.hl-storage`) and put a light-theme colour on the dark background.
pub fn stylesheet() -> String {
    let light = light_stylesheet();
    let dark = code_theme::css(&code_theme::DARK, CLASS_STYLE);
    format!(
        "/* Generated by Lectern from syntect's {} and {} themes, colours raised to {}:1 contrast. */\n\
         @media not all and (prefers-color-scheme: dark) {{\n{light}\n}}\n\
         @media (prefers-color-scheme: dark) {{\n{dark}\n}}\n",
        code_theme::LIGHT.syntect,
        code_theme::DARK.syntect,
        code_theme::MIN_CONTRAST
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::highlighting::Color;

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

    #[test]
    fn decks_keep_only_the_rules_their_code_uses() {
        let html = code_block("python", "x = 1  # note\n");
        let css = HighlightRules::parse(&light_stylesheet()).used_by([html.as_ref()]);
        assert!(css.contains(".hl-comment{"), "{css}");
        assert!(!css.contains("hl-regexp"), "{css}");
        assert!(
            css.len() < light_stylesheet().len() / 3,
            "{} of {}",
            css.len(),
            light_stylesheet().len()
        );
        assert_eq!(
            HighlightRules::parse(&light_stylesheet()).used_by(["<p>no code</p>"]),
            ""
        );
    }

    #[test]
    fn decks_keep_the_code_blocks_own_colours() {
        let html = code_block("rust", "let 播放量 = 1000;\n");
        let css = HighlightRules::parse(&light_stylesheet()).used_by([html.as_ref()]);
        assert!(css.contains("pre.code{color:#"), "{css}");
    }

    /// One rule of the generated CSS: its selector, text colour and background colour.
    struct ColourRule {
        selector: String,
        color: Option<Color>,
        background: Option<Color>,
    }

    fn colour_rules(css: &str) -> Vec<ColourRule> {
        let mut rules = Vec::new();
        for rule in css.split('}') {
            let Some((head, body)) = rule.rsplit_once('{') else {
                continue;
            };
            let selector = head.rsplit("*/").next().unwrap_or(head);
            let selector = selector.rsplit('{').next().unwrap_or(selector).trim().to_string();
            let (mut color, mut background) = (None, None);
            for declaration in body.split([';', '\n']) {
                let Some((property, value)) = declaration.split_once(':') else {
                    continue;
                };
                let value = code_theme::parse_hex(value.trim());
                match property.trim() {
                    "color" => color = value,
                    "background-color" => background = value,
                    _ => {}
                }
            }
            rules.push(ColourRule {
                selector,
                color,
                background,
            });
        }
        rules
    }

    #[test]
    fn contrast_matches_the_figures_of_the_issue() {
        let c = |a, b| code_theme::contrast(code_theme::parse_hex(a).unwrap(), code_theme::parse_hex(b).unwrap());
        assert!((c("#0086b3", "#f6f8fa") - 3.89).abs() < 0.02);
        assert!((c("#969896", "#f6f8fa") - 2.72).abs() < 0.02);
        assert!((c("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }

    /// Every text colour of the generated stylesheet, in both schemes, against what it is
    /// drawn on: its own background, or else the code block's and every background that a
    /// rule sets without a colour (diff lines); and the block's text on those. This covers
    /// every token of every language, not only the ones a test page happens to contain.
    #[test]
    fn every_token_colour_reaches_aa_contrast_in_both_schemes() {
        let css = stylesheet();
        let (light, dark) = css
            .split_once("@media (prefers-color-scheme: dark)")
            .expect("a dark part");
        for (scheme, part) in [("light", light), ("dark", dark)] {
            let rules = colour_rules(part);
            let block = rules
                .iter()
                .find(|r| r.selector == "pre.code")
                .unwrap_or_else(|| panic!("{scheme}: no pre.code rule"));
            let (block_fg, block_bg) = (block.color.unwrap(), block.background.unwrap());
            let regions: Vec<Color> = rules
                .iter()
                .filter(|r| r.color.is_none())
                .filter_map(|r| r.background)
                .collect();
            let (mut checked, mut failures) = (0, Vec::new());
            let mut check = |selector: &str, fg: Color, bg: Color| {
                checked += 1;
                let ratio = code_theme::contrast(fg, bg);
                if ratio < code_theme::MIN_CONTRAST {
                    failures.push(format!(
                        "{selector}: {} on {} is {ratio:.2}:1",
                        code_theme::hex(fg),
                        code_theme::hex(bg)
                    ));
                }
            };
            for r in &rules {
                match (r.color, r.background) {
                    (Some(fg), Some(bg)) => check(&r.selector, fg, bg),
                    (Some(fg), None) => {
                        for &bg in std::iter::once(&block_bg).chain(&regions) {
                            check(&r.selector, fg, bg);
                        }
                    }
                    (None, Some(bg)) => check("the block's text", block_fg, bg),
                    (None, None) => {}
                }
            }
            assert!(checked > 40, "{scheme}: only {checked} colours found in\n{part}");
            assert!(failures.is_empty(), "{scheme}:\n{}", failures.join("\n"));
        }
    }

    #[test]
    fn colours_that_pass_are_kept_and_the_others_keep_their_hue() {
        let css = light_stylesheet();
        let colour_of = |selector: &str| {
            colour_rules(&css)
                .into_iter()
                .find(|r| r.selector == selector)
                .and_then(|r| r.color)
                .unwrap_or_else(|| panic!("no {selector} in\n{css}"))
        };
        // InspiredGitHub's keywords (#a71d5d, 6.6:1) pass as they are.
        assert_eq!(code_theme::parse_hex("#a71d5d"), Some(colour_of(".hl-keyword")));
        // Numbers (#0086b3, 3.9:1) get darker and stay blue.
        let number = colour_of(".hl-constant.hl-numeric");
        assert!(number.b > number.g && number.g > number.r, "{number:?}");
        assert!(
            code_theme::contrast(number, code_theme::LIGHT.background) < 5.0,
            "{number:?} darker than needed"
        );
    }

    /// Every rule sits in the media block of its scheme, so no rule of one theme applies
    /// in the other (where it could win over a less specific rule of that theme).
    #[test]
    fn each_themes_rules_apply_only_in_its_own_scheme() {
        let css = stylesheet();
        // The heads of the top-level blocks: a rule outside the media blocks would be one.
        let (mut depth, mut blocks) = (0, Vec::new());
        for (i, c) in css.char_indices() {
            match c {
                '{' => {
                    if depth == 0 {
                        let head = css[..i].rsplit(['}', '/']).next().unwrap_or("").trim();
                        blocks.push(head.to_string());
                    }
                    depth += 1;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        assert_eq!(
            blocks,
            [
                "@media not all and (prefers-color-scheme: dark)",
                "@media (prefers-color-scheme: dark)"
            ]
        );
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
