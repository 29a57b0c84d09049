//! A lesson's front matter: FORMAT.md's keys, plus the ones Marp decks carry, so a Marp
//! deck dropped into a module builds without edits.

use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    /// Required unless the lesson starts with a heading (then that is the title).
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    #[serde(default)]
    pub prerequisites: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// Headings of this level or above start a slide, in lessons without `---`.
    #[serde(default)]
    pub slide_level: Option<u8>,

    // Marp's front matter (https://marpit.marp.app/directives).
    #[serde(default)]
    pub marp: bool,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub paginate: Option<bool>,
    /// `16:9` or `4:3`.
    #[serde(default)]
    pub size: Option<String>,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default, rename = "backgroundColor")]
    pub background_color: Option<String>,
    #[serde(default, rename = "backgroundImage")]
    pub background_image: Option<String>,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default, rename = "headingDivider")]
    pub heading_divider: Option<u8>,
    #[serde(default)]
    pub header: Option<String>,
    #[serde(default)]
    pub footer: Option<String>,
    #[serde(default)]
    pub style: Option<String>,
    #[serde(default)]
    pub math: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}
