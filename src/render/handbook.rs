//! The printed handbook: one self-contained HTML file (CSS inside, images embedded) with a
//! cover, a table of contents, the selection's lessons, its SOPs as their paper forms, and
//! the Q&A and glossary as appendices; printed to PDF by `handbook::write`.

use std::collections::HashMap;

use serde::Serialize;

use super::handbook_links::{demote_headings, scope_ids, BookLinks, PageNumbers, Target};
use super::lessons::opening_title;
use super::{qr, OutputPage, Renderer};
use crate::compile::Compiled;
use crate::diag::Diagnostic;
use crate::model::{content_version, RoleIx};
use crate::urls;

/// The handbook's own print rules, after the site's stylesheet.
const HANDBOOK_CSS: &str = include_str!("../../themes/default/static/handbook.css");

/// What a handbook holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Selection {
    All,
    /// A role's path: the lessons it must learn, in order, and the SOPs it carries out.
    Role(usize),
    /// A module's lessons, and the SOPs they link to.
    Module(usize),
}

impl Selection {
    /// The file name in the output folder: `handbook.html`, `handbook-ROLE.html`,
    /// `handbook-module-MODULE.html`.
    pub fn file_name(self, c: &Compiled) -> String {
        let p = &c.programme;
        match self {
            Selection::All => "handbook.html".into(),
            Selection::Role(i) => format!("handbook-{}.html", p.roles[i].id()),
            Selection::Module(i) => format!("handbook-module-{}.html", p.modules[i].id.as_str()),
        }
    }

    /// The lessons, in reading order.
    pub fn lessons(self, c: &Compiled) -> Vec<usize> {
        match self {
            Selection::All => (0..c.programme.lessons.len()).collect(),
            Selection::Role(i) => c.relations.role_lessons[RoleIx(i)].iter().map(|l| l.0).collect(),
            Selection::Module(i) => c.programme.modules[i].lessons.clone(),
        }
    }

    fn sops(self, c: &Compiled, lessons: &[usize]) -> Vec<usize> {
        let r = &c.relations;
        let mut sops: Vec<usize> = match self {
            Selection::All => (0..c.programme.sops.len()).collect(),
            Selection::Role(i) => r.role_sops[RoleIx(i)].iter().map(|s| s.0).collect(),
            Selection::Module(_) => lessons
                .iter()
                .flat_map(|&l| r.lesson_sops[crate::model::LessonIx(l)].iter().map(|s| s.0))
                .collect(),
        };
        sops.sort_unstable();
        sops.dedup();
        sops
    }

    fn questions(self, c: &Compiled, lessons: &[usize]) -> Vec<usize> {
        let r = &c.relations;
        let mut qa: Vec<usize> = match self {
            Selection::All => (0..c.programme.qa.len()).collect(),
            Selection::Role(i) => r.role_qa[RoleIx(i)].iter().map(|q| q.0).collect(),
            Selection::Module(_) => lessons
                .iter()
                .flat_map(|&l| r.lesson_qa[crate::model::LessonIx(l)].iter().map(|q| q.0))
                .collect(),
        };
        qa.sort_unstable();
        qa.dedup();
        qa
    }
}

#[derive(Serialize)]
struct Chapter {
    anchor: String,
    title: String,
    /// The module title above a lesson, or "SOP" / "附录 A".
    kicker: String,
    /// A TOC group heading that starts at this chapter (a new module, the SOPs, the appendices).
    group: Option<String>,
    page: Option<String>,
    html: String,
    qr_svg: Option<String>,
    /// `lesson`, `sop` (`html` is the SOP's paper form, with its own `<h1>`) or `appendix`.
    kind: &'static str,
}

impl Renderer<'_> {
    /// The handbook of `selection`; `notes` keeps the speaker notes; `date` is printed on
    /// the cover; `numbers` fills the page numbers of the table of contents and references.
    pub fn handbook(
        &self,
        selection: Selection,
        notes: bool,
        date: &str,
        numbers: PageNumbers,
    ) -> Result<OutputPage, Diagnostic> {
        let c = self.input;
        let p = &c.programme;
        let t = self.data.strings;
        let book = selection.file_name(c);
        let base_url = p.config.base_url.as_deref();
        let lessons = selection.lessons(c);
        let sops = selection.sops(c, &lessons);
        let questions = selection.questions(c, &lessons);

        // Where each site page went: lessons and SOPs are chapters, questions sit in the
        // Q&A appendix, glossary terms in the glossary appendix.
        let mut targets = HashMap::new();
        let chapter_target = |n: usize| Target {
            anchor: format!("ch-{n}"),
            id_prefix: format!("c{n}-"),
        };
        let mut n = 0;
        for &l in &lessons {
            n += 1;
            targets.insert(urls::lesson_page(&p.lessons[l].id), chapter_target(n));
        }
        for &s in &sops {
            n += 1;
            targets.insert(urls::sop_page(&p.sops[s].id), chapter_target(n));
        }
        let qa_chapter = (!questions.is_empty()).then(|| {
            n += 1;
            n
        });
        for &q in &questions {
            let id = p.qa[q].id.as_str();
            targets.insert(
                urls::qa_page(&p.qa[q].id),
                Target {
                    anchor: format!("qa-{id}"),
                    id_prefix: format!("qa-{id}-"),
                },
            );
        }
        let glossary_chapter = (!p.glossary.is_empty()).then(|| {
            n += 1;
            targets.insert(
                urls::GLOSSARY.to_string(),
                Target {
                    anchor: format!("ch-{n}"),
                    id_prefix: "gl-".into(),
                },
            );
            n
        });
        let links = BookLinks {
            targets,
            numbers,
            page_ref: t.page_ref,
            base_url,
        };
        // A page's HTML as part of the book: images embedded, ids scoped, links into the book.
        let in_book = |html: &str, from: &str, prefix: &str, demote: usize| {
            let html = scope_ids(&self.inliner.rebase(html, from, &book), prefix);
            links.rewrite(&demote_headings(&html, demote))
        };

        let mut chapters = Vec::new();
        let mut previous_module = None;
        for (k, &l) in lessons.iter().enumerate() {
            let n = k + 1;
            let lesson = &p.lessons[l];
            let doc = &c.docs[l];
            let page = urls::lesson_page(&lesson.id);
            let opening = opening_title(doc, &lesson.title);
            let mut html = String::new();
            for (i, s) in doc.slides.iter().enumerate() {
                let slide = match &opening {
                    Some((_, at, rest)) if *at == i => rest.as_str(),
                    _ => &s.html,
                };
                html.push_str("<section class=\"hb-slide\">");
                html.push_str(slide);
                if notes && !s.notes_html.is_empty() {
                    html.push_str("<aside class=\"hb-notes\">");
                    html.push_str(&s.notes_html);
                    html.push_str("</aside>");
                }
                html.push_str("</section>");
            }
            html.push_str(&doc.footnotes_html);
            let module = &p.modules[lesson.module].title;
            let group = (previous_module != Some(lesson.module)).then(|| module.clone());
            previous_module = Some(lesson.module);
            // The title's own id (links to the opening heading) moves to the chapter's h1.
            let title_id = opening
                .as_ref()
                .map(|(id, _, _)| format!(" id=\"c{n}-{}\"", escape(id)));
            chapters.push(Chapter {
                anchor: format!("ch-{n}"),
                title: lesson.title.clone(),
                kicker: module.clone(),
                group,
                page: links.numbers.of(&format!("ch-{n}")),
                html: format!(
                    "<h1{}>{}</h1>{}",
                    title_id.unwrap_or_default(),
                    escape(&lesson.title),
                    in_book(&html, &page, &format!("c{n}-"), 1)
                ),
                qr_svg: qr::online_page_svg(base_url, &page),
                kind: "lesson",
            });
        }
        for (k, &s) in sops.iter().enumerate() {
            let n = lessons.len() + k + 1;
            let form = self.sop_form(s);
            let html = self.page_from_template("_sop_header.html", &book, &form)?.into_text()
                + &self.page_from_template("_sop_form.html", &book, &form)?.into_text();
            chapters.push(Chapter {
                anchor: format!("ch-{n}"),
                title: p.sops[s].spec.title.clone(),
                kicker: t.sops.to_string(),
                group: (k == 0).then(|| t.sops.to_string()),
                page: links.numbers.of(&format!("ch-{n}")),
                html: in_book(&html, &book, &format!("c{n}-"), 0),
                qr_svg: None,
                kind: "sop",
            });
        }
        let appendix = |letter: char, title: &str| format!("{} {letter} {title}", t.appendix);
        let mut letters = 'A'..;
        if let Some(n) = qa_chapter {
            let mut html = String::new();
            for &q in &questions {
                let item = &p.qa[q];
                let id = item.id.as_str();
                html.push_str(&format!(
                    "<section class=\"hb-question\"><h2 id=\"qa-{}\">{}</h2>{}</section>",
                    escape(id),
                    escape(&item.front.question),
                    in_book(
                        &c.qa_docs[q].body_html(),
                        &urls::qa_page(&item.id),
                        &format!("qa-{id}-"),
                        2
                    )
                ));
            }
            let title = appendix(letters.next().unwrap_or('A'), t.qa);
            chapters.push(self.appendix_chapter(n, title, html, &links, base_url, urls::QA));
        }
        if let Some(n) = glossary_chapter {
            let mut html = String::from("<dl class=\"glossary\">");
            for g in &p.glossary {
                html.push_str(&format!(
                    "<dt id=\"gl-{}\">{}",
                    escape(&g.anchor),
                    escape(&g.term.value)
                ));
                if !g.aliases.is_empty() {
                    html.push_str(&format!(
                        " <span class=\"meta\">{} {}</span>",
                        t.aliases,
                        escape(&g.aliases.join(" · "))
                    ));
                }
                html.push_str(&format!(
                    "</dt><dd>{}</dd>",
                    escape(g.definition.as_deref().unwrap_or(""))
                ));
            }
            html.push_str("</dl>");
            let title = appendix(letters.next().unwrap_or('B'), t.glossary);
            chapters.push(self.appendix_chapter(n, title, html, &links, base_url, urls::GLOSSARY));
        }
        if let Some(first) = chapters.iter_mut().find(|ch| ch.kicker.starts_with(t.appendix)) {
            first.group = Some(t.appendix.to_string());
        }

        #[derive(Serialize)]
        struct Handbook<'a> {
            title: &'a str,
            description: Option<&'a str>,
            selection: String,
            version: String,
            date: &'a str,
            lesson_count: usize,
            sop_count: usize,
            chapters: Vec<Chapter>,
            /// The site stylesheet, the light code colours and the handbook's print rules.
            css: String,
            /// One `@page` per chapter, for its running header.
            page_css: String,
            base_url: Option<&'a str>,
        }
        let version_text: String = lessons
            .iter()
            .map(|&l| p.lessons[l].version().to_string())
            .chain(sops.iter().map(|&s| content_version(&p.sops[s].file.text)))
            .collect();
        let page_css = chapters
            .iter()
            .enumerate()
            .map(|(i, ch)| {
                // An SOP form keeps the margins it is laid out for on its own page.
                let (running, margin) = match ch.kind {
                    "sop" => (ch.title.clone(), "margin: 10mm 12mm; "),
                    _ => (format!("{} · {}", ch.kicker, ch.title), ""),
                };
                format!(
                    "@page hb-{} {{ {margin}@top-center {{ content: \"{}\"; }} }}\n",
                    i + 1,
                    css_string(&running)
                )
            })
            .collect();
        let selection_label = match selection {
            Selection::All => t.handbook_all.to_string(),
            Selection::Role(i) => format!("{} · {}", t.roles, p.roles[i].title),
            Selection::Module(i) => format!("{} · {}", t.modules, p.modules[i].title),
        };
        self.page_from_template(
            "handbook.html",
            &book,
            &Handbook {
                title: &p.config.title,
                description: p.config.description.as_deref(),
                selection: selection_label,
                version: content_version(&version_text),
                date,
                lesson_count: lessons.len(),
                sop_count: sops.len(),
                chapters,
                css: format!(
                    "{}\n{}\n{HANDBOOK_CSS}",
                    self.theme.inline_css, self.theme.deck.highlight_css
                ),
                page_css,
                base_url,
            },
        )
    }

    fn appendix_chapter(
        &self,
        n: usize,
        title: String,
        html: String,
        links: &BookLinks,
        base_url: Option<&str>,
        page: &str,
    ) -> Chapter {
        Chapter {
            anchor: format!("ch-{n}"),
            kicker: self.data.strings.appendix.to_string(),
            group: None,
            page: links.numbers.of(&format!("ch-{n}")),
            html: format!("<h1>{}</h1>{html}", escape(&title)),
            title,
            qr_svg: qr::online_page_svg(base_url, page),
            kind: "appendix",
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// `text` as the inside of a CSS string: quotes, backslashes and line breaks escaped, and
/// `<` too, so the stylesheet cannot close its `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3C "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
