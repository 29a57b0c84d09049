//! `content/glossary.yaml`: terms with their aliases (GMV ↔ 成交总额), shown as a page
//! and used by search so that either name finds the other.

use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub definition: Option<String>,
    /// The term's id on the glossary page (`slugify` of the term), worked out once at
    /// load: the duplicate check, the page and the search index's links all use it.
    #[serde(skip)]
    pub anchor: String,
}

impl GlossaryEntry {
    /// The term and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.value.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}
