//! `#anchor`s in links, checked once every document's headings are known: into lessons,
//! questions and the home page (their heading ids), and into SOP and role pages (the ids
//! those pages are generated with).

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::markdown::RenderedDoc;
use crate::model::{Programme, RoleIx};

use super::{AnchorCheck, AnchorTarget, Relations};

/// Every page an anchor can point into.
pub struct AnchorPages<'a> {
    pub programme: &'a Programme,
    pub relations: &'a Relations,
    pub docs: &'a [RenderedDoc],
    pub qa_docs: &'a [RenderedDoc],
    pub home: Option<&'a RenderedDoc>,
}

impl AnchorPages<'_> {
    /// The ids a link may name on `target`'s page (`None`: the page is not known, because
    /// its file failed to load and was reported already).
    fn ids(&self, target: AnchorTarget) -> Option<Vec<String>> {
        // Heading ids, then the `id`s and `<a name>`s of raw HTML.
        let headings = |doc: &RenderedDoc| {
            let ids = doc.headings.iter().map(|h| h.id.clone());
            ids.chain(doc.html_anchors.iter().cloned()).collect()
        };
        // A lesson's slides answer to reveal.js's hash routes too (`#/2/1`), and a Marp
        // deck's to its page numbers (`#3`).
        let headings_and_routes = |doc: &RenderedDoc| {
            let mut ids: Vec<String> = headings(doc);
            ids.extend(doc.slides.iter().flat_map(|s| s.route.ids()));
            if doc.page_numbers {
                ids.extend((1..=doc.slides.len()).map(|n| n.to_string()));
            }
            ids
        };
        match target {
            AnchorTarget::Lesson(i) => self.docs.get(i).map(headings_and_routes),
            AnchorTarget::Qa(i) => self.qa_docs.get(i).map(headings),
            AnchorTarget::Home => self.home.map(headings),
            AnchorTarget::Sop(i) => self.programme.sops.get(i).map(|s| s.page_anchors().collect()),
            AnchorTarget::Role(i) => {
                let role = self.programme.roles.get(i)?;
                let r = self.relations;
                // As `role.html` shows its sections: "learn" always, the others when they have content.
                let sections = [
                    ("duties", !role.responsibilities.is_empty()),
                    ("learn", true),
                    (
                        "do",
                        !r.role_sops[RoleIx(i)].is_empty() || !r.role_owned_sops[RoleIx(i)].is_empty(),
                    ),
                    ("role-qa", !r.role_qa[RoleIx(i)].is_empty()),
                ];
                Some(
                    sections
                        .iter()
                        .filter(|(_, shown)| *shown)
                        .map(|(id, _)| id.to_string())
                        .collect(),
                )
            }
        }
    }
}

pub fn check_anchors(checks: &[AnchorCheck], pages: &AnchorPages, problems: &mut Diagnostics) {
    for check in checks {
        let Some(ids) = pages.ids(check.target) else { continue };
        // `#top` is the top of any page (the HTML standard's fragment rule), element or not.
        if ids.contains(&check.anchor) || check.anchor.eq_ignore_ascii_case("top") {
            continue;
        }
        if let (AnchorTarget::Lesson(i), true) = (check.target, check.anchor.starts_with('/')) {
            problems.push(route_past_the_end(check, &pages.docs[i]));
            continue;
        }
        if let AnchorTarget::Lesson(i) = check.target {
            let doc = &pages.docs[i];
            if doc.page_numbers && !check.anchor.is_empty() && check.anchor.bytes().all(|b| b.is_ascii_digit()) {
                problems.push(page_past_the_end(check, doc));
                continue;
            }
        }
        let (what, fallback) = match check.target {
            AnchorTarget::Sop(_) => (
                "section or step",
                "anchors on an SOP page are its sections (`s1`, `s2`, …) and steps (`s1-1`, `s1-2`, …)",
            ),
            AnchorTarget::Role(_) => (
                "section",
                "anchors on a role page are `learn`, and `duties`, `do` and `role-qa` when the page has them",
            ),
            _ => (
                "heading",
                "anchors are heading ids (the heading text, lowercased, spaces as `-`, punctuation dropped, or \
                 `{#id}`), the `id` of a raw HTML element or the `name` of an `<a>` (`<a name=\"faq\"></a>`), \
                 `#top`, reveal.js routes (`#/2`) and, in a Marp deck, page numbers (`#3`)",
            ),
        };
        let d = Diagnostic::error(format!("no {what} `#{}` in the linked page", check.anchor))
            .at(&check.file, check.span.clone())
            .label("anchor not found");
        // Headings only: a route (`/2`) is never what a mistyped heading id meant.
        let headings = ids.iter().map(String::as_str).filter(|id| !id.starts_with('/'));
        let hint = did_you_mean(&check.anchor, headings);
        problems.push(d.help(hint.unwrap_or_else(|| fallback.into())));
    }
}

/// A reveal.js route (`#/9`) past the deck's last slide: a warning, as reveal.js just
/// stays on the last slide.
fn route_past_the_end(check: &AnchorCheck, doc: &RenderedDoc) -> Diagnostic {
    let columns = doc.slides.last().map_or(0, |s| s.route.h + 1);
    let count = doc.slides.len();
    Diagnostic::warning(format!(
        "no slide `#{}` in the deck: it has {count} slides in {columns} columns",
        check.anchor
    ))
    .at(&check.file, check.span.clone())
    .label("no such slide")
    .help(format!(
        "reveal.js counts from `#/0` (the first slide) to `#/{}`; `#/H/V` is the V-th slide below column H",
        columns.saturating_sub(1)
    ))
}

/// A Marp page link (`#9`) past the deck's last slide: a warning, as Marp stays put.
fn page_past_the_end(check: &AnchorCheck, doc: &RenderedDoc) -> Diagnostic {
    let count = doc.slides.len();
    Diagnostic::warning(format!(
        "no slide `#{}` in the deck: it has {count} slides",
        check.anchor
    ))
    .at(&check.file, check.span.clone())
    .label("no such slide")
    .help(format!("in a Marp deck `#N` is slide N, from `#1` to `#{count}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The ids anchors are checked against are the ids the SOP and role pages really have
    /// (the bundled sample, rendered by the default theme).
    #[test]
    fn checked_ids_are_on_the_rendered_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (c, diags) = crate::compile::compile(root, false);
        let c = c.unwrap_or_else(|| panic!("{diags:?}"));
        let site = crate::build::site_in_memory(&c, root, &mut Diagnostics::default()).expect("sample renders");
        let page = |path: String| {
            let page = site.pages.iter().find(|p| p.path == path).expect("page");
            String::from_utf8(page.html.clone()).expect("UTF-8")
        };
        let pages = AnchorPages {
            programme: &c.programme,
            relations: &c.relations,
            docs: &c.docs,
            qa_docs: &c.qa_docs,
            home: c.home.as_ref(),
        };
        let mut checked = 0;
        for (i, sop) in c.programme.sops.iter().enumerate() {
            let html = page(crate::urls::sop_page(&sop.id));
            for id in pages.ids(AnchorTarget::Sop(i)).unwrap() {
                assert!(html.contains(&format!(" id=\"{id}\"")), "{}: no #{id}", sop.id.0);
                checked += 1;
            }
        }
        for (i, role) in c.programme.roles.iter().enumerate() {
            let html = page(crate::urls::role_page(&crate::model::RoleId(role.id().to_string())));
            let ids = pages.ids(AnchorTarget::Role(i)).unwrap();
            for id in ["duties", "learn", "do", "role-qa"] {
                let on_page = html.contains(&format!(" id=\"{id}\""));
                assert_eq!(on_page, ids.iter().any(|x| x == id), "{}: #{id}", role.id());
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked}");
    }
}
