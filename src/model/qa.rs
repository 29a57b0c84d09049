//! The Q&A information center (`content/qa/*.md`, id = file stem).

use serde::Deserialize;

use super::{MarkdownSource, QaId};
use crate::yaml::Spanned;

#[derive(Debug)]
pub struct QaItem {
    pub id: QaId,
    pub source: MarkdownSource,
    pub front: QaFront,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaFront {
    pub question: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    /// `lesson:…`, `sop:…`, `qa:…` or `role:…` references.
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
}
