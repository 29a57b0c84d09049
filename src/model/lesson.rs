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
    /// Headings of this level or above start a slide, in lessons without `---`.
    pub slide_level: Option<u8>,

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
    pub heading_divider: Option<u8>,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub style: Option<String>,
    pub math: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}
