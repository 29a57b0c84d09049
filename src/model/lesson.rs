//! A lesson's front matter: FORMAT.md's keys, plus the whole key set of Marp and reveal-md
//! decks, so a deck dropped into a module builds without edits.

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LessonFront {
    /// Required unless the lesson starts with a heading (then that is the title).
    pub title: Option<String>,
    pub order: Option<i64>,
    /// Minutes.
    pub duration: Option<u32>,
    pub summary: Option<String>,
    pub objectives: Vec<String>,
    pub roles: Vec<Spanned<String>>,
    pub prerequisites: Vec<Spanned<String>>,
    /// A list, or one tag as a string (`tags: css`, as VuePress and Hexo allow).
    #[serde(deserialize_with = "one_or_many")]
    pub tags: Vec<String>,
    pub draft: bool,
    /// Headings of this level or above start a slide, in lessons without `---` (`0`: never).
    pub slide_level: Option<u8>,
    /// Whether the deck may add a title slide (when the lesson does not open with a
    /// heading); `deck.title_slide` in lectern.yaml when unset.
    pub title_slide: Option<bool>,

    // Marp's global directives (https://marpit.marp.app/directives, marp-core's additions).
    pub marp: bool,
    pub theme: Option<String>,
    /// CSS for this deck's slides (`section { … }` means a slide).
    pub style: Option<String>,
    #[serde(rename = "headingDivider")]
    pub heading_divider: Option<HeadingDivider>,
    /// `16:9` or `4:3`.
    pub size: Option<String>,
    /// Marp's `mathjax`/`katex`; Hexo's and Fuwari's `math: true` is read as nothing.
    #[serde(deserialize_with = "string_or_flag")]
    pub math: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    // Accepted, and change nothing in Lectern (see docs/authoring.md's compatibility table).
    pub keywords: Option<IgnoredAny>,
    pub url: Option<IgnoredAny>,
    pub image: Option<IgnoredAny>,
    pub transition: Option<IgnoredAny>,
    #[serde(rename = "auto-scaling")]
    pub auto_scaling: Option<IgnoredAny>,

    // Marp's local directives: as written, for every slide; with `_`, for the first only.
    pub paginate: Option<bool>,
    pub header: Option<String>,
    pub footer: Option<String>,
    /// A string, or a list joined with spaces (as Marpit does).
    #[serde(deserialize_with = "words")]
    pub class: Option<String>,
    #[serde(rename = "backgroundColor")]
    pub background_color: Option<String>,
    /// CSS `background-image` (`url(…)`, `linear-gradient(…)`); `url(…)` targets are files.
    #[serde(rename = "backgroundImage")]
    pub background_image: Option<Spanned<String>>,
    #[serde(rename = "backgroundPosition")]
    pub background_position: Option<String>,
    #[serde(rename = "backgroundRepeat")]
    pub background_repeat: Option<String>,
    #[serde(rename = "backgroundSize")]
    pub background_size: Option<String>,
    pub color: Option<String>,
    #[serde(rename = "_paginate")]
    pub first_paginate: Option<bool>,
    #[serde(rename = "_header")]
    pub first_header: Option<String>,
    #[serde(rename = "_footer")]
    pub first_footer: Option<String>,
    #[serde(rename = "_class", deserialize_with = "words")]
    pub first_class: Option<String>,
    #[serde(rename = "_backgroundColor")]
    pub first_background_color: Option<String>,
    #[serde(rename = "_backgroundImage")]
    pub first_background_image: Option<Spanned<String>>,
    #[serde(rename = "_backgroundPosition")]
    pub first_background_position: Option<String>,
    #[serde(rename = "_backgroundRepeat")]
    pub first_background_repeat: Option<String>,
    #[serde(rename = "_backgroundSize")]
    pub first_background_size: Option<String>,
    #[serde(rename = "_color")]
    pub first_color: Option<String>,

    // reveal-md's keys (https://github.com/webpro/reveal-md#markdown): carried for slide
    // splitting, or accepted and ignored.
    #[serde(rename = "highlightTheme")]
    pub highlight_theme: Option<String>,
    /// reveal-md's slide separators: JavaScript regular expressions, matched line-wise.
    pub separator: Option<Spanned<String>>,
    #[serde(rename = "verticalSeparator")]
    pub vertical_separator: Option<Spanned<String>>,
    #[serde(rename = "notesSeparator")]
    pub notes_separator: Option<String>,
    /// reveal.js's settings, a nested map.
    #[serde(rename = "revealOptions")]
    pub reveal_options: Option<IgnoredAny>,
    pub css: Option<IgnoredAny>,
    pub scripts: Option<IgnoredAny>,
    pub preprocessor: Option<IgnoredAny>,
}

/// A list of strings, or one string: scalars of any type are their text (`2024`), and an
/// empty value is no item.
struct Strings;

impl<'de> serde::de::Visitor<'de> for Strings {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of text, or one text")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            out.push(item);
        }
        Ok(out)
    }
}

/// `tags: css` or `tags: [css, layout]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(Strings)
}

/// Marp's `class: lead` or `class: [invert, lead]` (Marpit joins a list with spaces).
fn words<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let words = d.deserialize_any(Strings)?;
    Ok((!words.is_empty()).then(|| words.join(" ")))
}

/// Marp's `math: katex`, or Hexo's `math: true`, or nothing.
struct StringOrFlag;

impl<'de> serde::de::Visitor<'de> for StringOrFlag {
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("`mathjax`, `katex`, or true/false")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `math: katex` (Marp), or `math: true` (Hexo, Fuwari): Lectern's math needs neither.
fn string_or_flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(StringOrFlag)
}

/// Marp's `headingDivider`: a level (headings of that level or above start a slide), a
/// list of levels (`[1, 3]`: only those), or `false`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum HeadingDivider {
    Level(u8),
    Levels(Vec<u8>),
    Off(bool),
}

impl HeadingDivider {
    /// The levels that start a slide, as a bit set (bit `n` for level `n`).
    pub fn level_bits(&self) -> u8 {
        let bit = |l: u8| if (1..=6).contains(&l) { 1 << l } else { 0 };
        match self {
            HeadingDivider::Level(n) => (1..=(*n).min(6)).map(bit).fold(0, |a, b| a | b),
            HeadingDivider::Levels(levels) => levels.iter().map(|&l| bit(l)).fold(0, |a, b| a | b),
            HeadingDivider::Off(_) => 0,
        }
    }
}

/// The tool a lesson was written for, when it is a deck of another tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckTool {
    /// `marp: true`.
    Marp,
    /// A reveal-md key ([`REVEAL_MD_KEYS`]), or `theme` naming a reveal.js theme.
    Reveal,
}

/// Front-matter keys only reveal-md uses: one of them makes a lesson a reveal.js deck.
pub const REVEAL_MD_KEYS: &[&str] = &[
    "revealOptions",
    "highlightTheme",
    "separator",
    "verticalSeparator",
    "notesSeparator",
    "preprocessor",
    "scripts",
    "css",
];

/// reveal.js's bundled themes (`theme: solarized`); Marp's are `default`, `gaia`, `uncover`.
const REVEAL_THEMES: &[&str] = &[
    "black",
    "white",
    "league",
    "beige",
    "sky",
    "night",
    "serif",
    "simple",
    "solarized",
    "blood",
    "moon",
    "dracula",
    "black-contrast",
    "white-contrast",
];

/// Which tool's deck front matter with these keys is: `marp` is its value of `marp`,
/// `theme` its `theme`. The one rule, for typed and for not-yet-typed front matter.
pub fn deck_tool<'k>(marp: bool, theme: Option<&str>, mut keys: impl Iterator<Item = &'k str>) -> Option<DeckTool> {
    if marp {
        return Some(DeckTool::Marp);
    }
    let reveal_theme = theme.is_some_and(|t| REVEAL_THEMES.contains(&t) || t.ends_with(".css"));
    (reveal_theme || keys.any(|k| REVEAL_MD_KEYS.contains(&k))).then_some(DeckTool::Reveal)
}

impl LessonFront {
    /// Marp or reveal.js deck, or `None` for a Lectern lesson.
    pub fn deck_tool(&self) -> Option<DeckTool> {
        let present = [
            ("revealOptions", self.reveal_options.is_some()),
            ("highlightTheme", self.highlight_theme.is_some()),
            ("separator", self.separator.is_some()),
            ("verticalSeparator", self.vertical_separator.is_some()),
            ("notesSeparator", self.notes_separator.is_some()),
            ("preprocessor", self.preprocessor.is_some()),
            ("scripts", self.scripts.is_some()),
            ("css", self.css.is_some()),
        ];
        deck_tool(
            self.marp,
            self.theme.as_deref(),
            present.into_iter().filter(|(_, p)| *p).map(|(k, _)| k),
        )
    }
}
