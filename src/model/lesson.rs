//! A lesson's front matter: FORMAT.md's keys, plus the ones Marp decks carry, so a Marp
//! deck dropped into a module builds without edits.

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
    pub tags: Vec<String>,
    pub draft: bool,
    /// Headings of this level or above start a slide, in lessons without `---` (`0`: never).
    pub slide_level: Option<u8>,
    /// Whether the deck may add a title slide (when the lesson does not open with a
    /// heading); `deck.title_slide` in lectern.yaml when unset.
    pub title_slide: Option<bool>,

    // Marp's front matter (https://marpit.marp.app/directives).
    pub marp: bool,
    pub theme: Option<String>,
    pub paginate: Option<bool>,
    /// `16:9` or `4:3`.
    pub size: Option<String>,
    pub class: Option<String>,
    #[serde(rename = "backgroundColor")]
    pub background_color: Option<String>,
    #[serde(rename = "backgroundImage")]
    pub background_image: Option<String>,
    pub color: Option<String>,
    #[serde(rename = "headingDivider")]
    pub heading_divider: Option<HeadingDivider>,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub style: Option<String>,
    pub math: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,

    // reveal-md's slide separators: JavaScript regular expressions, matched line-wise.
    pub separator: Option<Spanned<String>>,
    #[serde(rename = "verticalSeparator")]
    pub vertical_separator: Option<Spanned<String>>,
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
