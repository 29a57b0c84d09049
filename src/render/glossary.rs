//! The glossary page and the search page.

use serde::Serialize;

use super::{OutputPage, Renderer, RoleSummary};
use crate::diag::Diagnostic;
use crate::urls;

impl Renderer<'_> {
    pub fn glossary(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Term<'a> {
            id: &'a str,
            term: &'a str,
            aliases: &'a [String],
            definition: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Page<'a> {
            terms: Vec<Term<'a>>,
        }
        let terms = self
            .data
            .programme
            .glossary
            .iter()
            .map(|g| Term {
                id: &g.anchor,
                term: &g.term.value,
                aliases: &g.aliases,
                definition: g.definition.as_deref(),
            })
            .collect();
        self.page_from_template("glossary.html", urls::GLOSSARY, &Page { terms })
    }

    pub fn search_page(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Page<'a> {
            roles: &'a [RoleSummary],
        }
        self.page_from_template(
            "search.html",
            urls::SEARCH,
            &Page {
                roles: &self.data.roles,
            },
        )
    }
}
