//! Search records, built from the parsed content (not by scraping HTML): one per section
//! of each lesson, one per SOP, role, question and glossary term.

use rayon::prelude::*;
use serde::Serialize;

use crate::compile::Compiled;
use crate::model::{LessonIx, QaIx, RoleId, RoleIx, SopIx};
use crate::urls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Lesson,
    Sop,
    Role,
    Qa,
    Term,
}

impl Kind {
    /// In the order of their numbers (`Kind as u8`), which the index stores.
    pub const ALL: [Kind; 5] = [Kind::Lesson, Kind::Sop, Kind::Role, Kind::Qa, Kind::Term];
}

/// The searchable fields, in weight order.
pub const TITLE: usize = 0;
pub const HEADINGS: usize = 1;
pub const TAGS: usize = 2;
pub const BODY: usize = 3;

#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    pub title: String,
    /// Where it sits: "模块 › 课程".
    pub crumb: String,
    /// Root-relative, percent-encoded path, with `#anchor`.
    pub url: String,
    pub roles: Vec<String>,
    pub tags: Vec<String>,
    /// title, context headings, tags, body.
    pub fields: [String; 4],
}

impl Record {
    /// The text stored for excerpts and phrase checks: the whole body. The title is stored
    /// on its own, so a section's text, which starts with its heading, is stored without it.
    pub fn stored_text(&self) -> &str {
        let body = self.fields[BODY].as_str();
        body.strip_prefix(self.title.as_str()).map_or(body, str::trim_start)
    }

    /// The address of the page the record is on (its URL without the `#anchor`).
    pub fn page_url(&self) -> &str {
        self.url.split('#').next().unwrap_or_default()
    }
}

/// The page each record is on, as the id of the page's first record. A lesson's sections
/// come right after the lesson's own record ([`collect`]) and are on its page; every other
/// record (an SOP, a role, a question, a glossary term) is a page of its own. Search shows
/// one result per page, with its best sections beneath.
pub fn pages(records: &[Record]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let section = i > 0 && {
            let before = &records[i - 1];
            r.kind == Kind::Lesson
                && before.kind == Kind::Lesson
                && r.url.contains('#')
                && r.page_url() == before.page_url()
        };
        out.push(if section { out[i - 1] } else { i as u32 });
    }
    out
}

/// `s` with each run of whitespace (Unicode's, so `U+3000` too) made one space, and none
/// at either end. In one pass over the bytes, copying the text between runs whole: every
/// record's text goes through here. Only the lead bytes of whitespace outside ASCII
/// (`C2`, `E1`, `E2`, `E3`) are decoded; the ideographs of Chinese text start with others.
fn squash(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let space = match bytes[i] {
            b'\t'..=b'\r' | b' ' => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        match (space, word_start) {
            (0, None) => word_start = Some(i),
            (0, Some(_)) => {}
            (_, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
                word_start = None;
            }
            (_, None) => {}
        }
        i += space.max(1);
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
    out
}

/// Every record of the programme, from the model, the Markdown pass's text and the
/// relations — never from HTML.
pub fn collect(s: &Compiled) -> Vec<Record> {
    let p = &s.programme;
    let r = &s.relations;
    let role_ids = |list: &[RoleIx]| list.iter().map(|&i| p.roles[i].id().to_string()).collect::<Vec<_>>();
    let mut out = Vec::new();

    // Lessons are most of the records: theirs are made in parallel, in order.
    let lessons: Vec<Vec<Record>> = (0..p.lessons.len())
        .into_par_iter()
        .map(|i| {
            let mut records = Vec::new();
            lesson_records(s, i, &mut records);
            records
        })
        .collect();
    out.extend(lessons.into_iter().flatten());

    // Quiz files are pages for learning too, so they sit in the lessons' range: found by
    // title and question, never by answer (the Markdown pass keeps answers out of its text).
    for (i, quiz) in p.quizzes.iter().enumerate() {
        let lesson = r.quiz_lesson[i];
        let questions: Vec<&str> = s.quiz_docs[i].sections.iter().map(|s| s.text.as_str()).collect();
        let crumb = lesson.map(|li| p.lessons[li.0].title.clone()).unwrap_or_default();
        out.push(Record {
            kind: Kind::Lesson,
            title: quiz.front.title.clone(),
            crumb: crumb.clone(),
            url: urls::encode_path(&urls::quiz_page(&quiz.id)),
            roles: lesson.map(|li| role_ids(&r.lesson_roles[li])).unwrap_or_default(),
            tags: Vec::new(),
            fields: [
                quiz.front.title.clone(),
                crumb,
                String::new(),
                squash(&questions.join(" ")),
            ],
        });
    }

    for (i, sop) in p.sops.iter().enumerate() {
        let spec = &sop.spec;
        let mut body = spec.summary.clone().unwrap_or_default();
        for ((_, step), text) in sop.steps().zip(&s.sop_steps[i]) {
            body.push(' ');
            body.push_str(&text.text.plain);
            body.push(' ');
            body.push_str(&step.value.options.join(" "));
            if let Some(help) = &text.help {
                body.push(' ');
                body.push_str(&help.plain);
            }
        }
        // Everyone who carries it out (named here or in their role) and its owner.
        let roles = role_ids(&r.sop_roles[SopIx(i)]);
        let headings: Vec<&str> = spec.sections.iter().map(|s| s.title.as_str()).collect();
        out.push(Record {
            kind: Kind::Sop,
            title: spec.title.clone(),
            crumb: "SOP".into(),
            url: urls::encode_path(&urls::sop_page(&sop.id)),
            roles,
            tags: vec![spec.frequency.key().to_string()],
            fields: [
                spec.title.clone(),
                headings.join(" "),
                sop.id.0.replace('-', " "),
                squash(&body),
            ],
        });
    }

    for (i, role) in p.roles.iter().enumerate() {
        let body = format!(
            "{} {}",
            role.summary.as_deref().unwrap_or(""),
            role.responsibilities.join(" ")
        );
        let parent = r
            .role_parent
            .get(RoleIx(i))
            .copied()
            .flatten()
            .map(|x| p.roles[x].title.clone())
            .unwrap_or_default();
        out.push(Record {
            kind: Kind::Role,
            title: role.title.clone(),
            crumb: parent.clone(),
            url: urls::encode_path(&urls::role_page(&RoleId(role.id().to_string()))),
            roles: vec![role.id().to_string()],
            tags: Vec::new(),
            fields: [role.title.clone(), parent, role.id().replace('-', " "), squash(&body)],
        });
    }

    for (i, q) in p.qa.iter().enumerate() {
        let answer: Vec<&str> = s.qa_docs[i].sections.iter().map(|s| s.text.as_str()).collect();
        out.push(Record {
            kind: Kind::Qa,
            title: q.front.question.clone(),
            crumb: q.front.tags.join(" · "),
            url: urls::encode_path(&urls::qa_page(&q.id)),
            roles: role_ids(&r.qa_roles[QaIx(i)]),
            tags: q.front.tags.clone(),
            fields: [
                q.front.question.clone(),
                String::new(),
                q.front.tags.join(" "),
                squash(&answer.join(" ")),
            ],
        });
    }

    for entry in &p.glossary {
        let term = entry.term.value.clone();
        out.push(Record {
            kind: Kind::Term,
            crumb: entry.aliases.join(" · "),
            url: format!("{}#{}", urls::GLOSSARY, urls::fragment_iri(&entry.anchor)),
            roles: Vec::new(),
            tags: Vec::new(),
            // Aliases are part of the stored text too, so a phrase match on one ranks the term.
            fields: [
                term.clone(),
                entry.aliases.join(" "),
                String::new(),
                format!(
                    "{} {}",
                    entry.aliases.join(" "),
                    entry.definition.as_deref().unwrap_or("")
                ),
            ],
            title: term,
        });
    }
    out
}

/// The records of lesson `i`: the lesson itself, then each of its sections (the records
/// of one lesson are what `serve` replaces after an edit to its body).
pub fn lesson_records(s: &Compiled, i: usize, out: &mut Vec<Record>) {
    let p = &s.programme;
    let lesson = &p.lessons[i];
    let roles: Vec<String> = s.relations.lesson_roles[LessonIx(i)]
        .iter()
        .map(|&r| p.roles[r].id().to_string())
        .collect();
    let doc = &s.docs[i];
    let module = &p.modules[lesson.module].title;
    let page = urls::encode_path(&urls::lesson_page(&lesson.id));
    // The lesson itself: title, summary, objectives, and any text before its first heading.
    let intro = doc
        .sections
        .iter()
        .find(|s| s.heading.is_none())
        .map(|s| squash(&s.text))
        .unwrap_or_default();
    let body = format!(
        "{} {} {intro}",
        lesson.front.summary.as_deref().unwrap_or(""),
        lesson.front.objectives.join(" ")
    );
    out.push(Record {
        kind: Kind::Lesson,
        title: lesson.title.clone(),
        crumb: module.clone(),
        url: page.clone(),
        roles: roles.clone(),
        tags: lesson.front.tags.clone(),
        fields: [
            lesson.title.clone(),
            module.clone(),
            lesson.front.tags.join(" "),
            squash(&body),
        ],
    });
    for section in doc.sections.iter().filter(|s| s.heading.is_some()) {
        let h = &doc.headings[section.heading.unwrap_or_default()];
        out.push(Record {
            kind: Kind::Lesson,
            title: h.text.clone(),
            crumb: format!("{module} › {}", lesson.title),
            url: format!("{page}#{}", urls::fragment_iri(&h.id)),
            roles: roles.clone(),
            tags: lesson.front.tags.clone(),
            fields: [
                h.text.clone(),
                format!("{} {module}", lesson.title),
                lesson.front.tags.join(" "),
                squash(&section.text),
            ],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::squash;

    #[test]
    fn squash_makes_each_run_of_whitespace_one_space() {
        let palette: Vec<char> = " \t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{1680}\u{2003}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{3001}a直Éé€\u{10000}"
            .chars()
            .collect();
        let mut texts: Vec<String> = ["", " ", "直播", "  GMV  与\t成交\n\n总额 ", "\u{3000}复盘\u{a0}"]
            .map(String::from)
            .to_vec();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..20_000 {
            let len = (seed % 9) as usize;
            texts.push(
                (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        palette[(seed % palette.len() as u64) as usize]
                    })
                    .collect(),
            );
        }
        for text in texts {
            assert_eq!(
                squash(&text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }
}
