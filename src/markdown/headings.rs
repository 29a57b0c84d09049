//! Heading ids: readable, Chinese kept, unique within a page.

use std::collections::HashSet;

/// Ids the default theme gives its own elements on the pages that show Markdown (every
/// page's frame, lesson, home, Q&A and question pages). A heading never takes one, so a
/// `## main` or `## Slide 2` cannot clash with `<main id="main">` or `<section id="slide-2">`.
/// A test checks this list against the templates.
const PAGE_IDS: &[&str] = &[
    "main",
    "site-search-input",
    "site-search-results",
    "search-strings",
    "modules-heading",
    "sops-heading",
    "roles-heading",
    "qa-heading",
    "related-heading",
    "module-nav-heading",
    "my-path-heading",
    "path-data",
    "path-role",
    "handin-template",
    "handin-title",
];

/// Numbered ids of the templates and the Markdown pass: `slide-3` (a lesson's slides),
/// `tag-2` (Q&A tag groups), `fn-1` (footnotes), `quiz-1` (quizzes).
const NUMBERED_PAGE_IDS: &[&str] = &["slide-", "tag-", "fn-", "quiz-"];

/// Whether the page's template uses `id` itself.
pub fn is_page_id(id: &str) -> bool {
    PAGE_IDS.contains(&id)
        || NUMBERED_PAGE_IDS.iter().any(|prefix| {
            id.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Hands out ids, suffixing repeats: `小结`, `小结-1`, `小结-2`; the template's own ids
/// ([`is_page_id`]) count as taken.
#[derive(Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// Claim `id` as written; `false` if the page already uses it.
    pub fn reserve(&mut self, id: &str) -> bool {
        !is_page_id(id) && self.used.insert(id.to_string())
    }

    pub fn unique(&mut self, base: String) -> String {
        if self.reserve(&base) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.reserve(candidate))
            .expect("an unused suffix exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::slugify;

    #[test]
    fn the_templates_own_ids_are_never_given_to_headings() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique(slugify("main")), "main-1");
        assert_eq!(ids.unique(slugify("Slide 2")), "slide-2-1");
        assert_eq!(ids.unique(slugify("slide-x")), "slide-x");
        assert_eq!(ids.unique(slugify("fn 1")), "fn-1-1");
        assert!(!ids.reserve("related-heading"));
    }

    /// Every id written in a template that shows Markdown is reserved: a literal one is in
    /// `PAGE_IDS`, a numbered one (`slide-{{ loop.index }}`) in `NUMBERED_PAGE_IDS`.
    #[test]
    fn reserved_ids_match_the_templates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        for name in [
            "base.html",
            "404.html",
            "lesson.html",
            "index.html",
            "qa.html",
            "question.html",
            "_handin.html",
            "_path_status.html",
            "_storage_notice.html",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            for part in text.split(" id=\"").skip(1) {
                let id = &part[..part.find('"').unwrap()];
                match id.split_once("{{") {
                    None => assert!(is_page_id(id), "{name}: id `{id}` is not in PAGE_IDS"),
                    Some((prefix, rest)) if rest.contains("loop.index") => {
                        assert!(
                            is_page_id(&format!("{prefix}7")),
                            "{name}: `{id}` is not in NUMBERED_PAGE_IDS"
                        )
                    }
                    // Ids made from content ids (`q-{{ q.id }}`) cannot be told from a heading's.
                    Some(_) => {}
                }
            }
        }
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("小结".into()), "小结");
        assert_eq!(ids.unique("小结".into()), "小结-1");
        assert_eq!(ids.unique("小结".into()), "小结-2");
        ids.reserve("x-1");
        assert_eq!(ids.unique("x".into()), "x");
        assert_eq!(ids.unique("x".into()), "x-2");
    }
}
