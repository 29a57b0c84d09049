//! The team leader's collation page (`collect.html`, at the output root): hand-in records
//! (static/record.js) scanned, imported or pasted, collated by `static/collect.js` into a
//! table per SOP and period. The page carries what the script checks records against:
//! every SOP (id, version, the older versions its changelog names, steps and form fields
//! by id, with their labels) and every quiz set with its version.

mod strings;

use serde::Serialize;

use super::sops::{script_json, ScriptData};
use super::{OutputPage, Renderer};
use crate::diag::Diagnostic;
use crate::urls;
pub use strings::{collect_strings, CollectStrings};

#[derive(Serialize)]
struct CollectSop<'a> {
    #[serde(flatten)]
    sop: ScriptData<'a>,
    /// Versions named in the changelog other than the current one: a record of one of
    /// these is shown with an "older version" badge; any other version is unknown.
    older: Vec<&'a str>,
}

#[derive(Serialize)]
struct QuizSet<'a> {
    id: String,
    title: &'a str,
    version: String,
}

#[derive(Serialize)]
struct CollectData<'a> {
    sops: Vec<CollectSop<'a>>,
    quizzes: Vec<QuizSet<'a>>,
}

impl Renderer<'_> {
    pub fn collect(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Page {
            c: &'static CollectStrings,
            data_json: String,
            strings_json: String,
        }
        let p = self.data.programme;
        let sops = (0..p.sops.len())
            .map(|i| {
                let spec = &p.sops[i].spec;
                let older = spec
                    .changelog
                    .iter()
                    .map(|c| c.version.as_str())
                    .filter(|v| Some(*v) != spec.version.as_deref())
                    .collect();
                CollectSop {
                    sop: self.sop_script_data(i),
                    older,
                }
            })
            .collect();
        let quizzes = p
            .lessons
            .iter()
            .zip(&self.input.docs)
            .zip(&self.data.lessons)
            .filter(|((_, doc), _)| !doc.quizzes.is_empty())
            .map(|((lesson, _), summary)| QuizSet {
                id: summary.id.clone(),
                title: &summary.title,
                version: lesson.version().to_string(),
            })
            // A quiz file is a set of its own (`quizzes/<id>`), as quiz.js keeps it.
            .chain(p.quizzes.iter().map(|q| QuizSet {
                id: q.set_id(),
                title: &q.front.title,
                version: q.version().to_string(),
            }))
            .collect();
        let strings = collect_strings(p.config.language);
        self.page_from_template(
            "collect.html",
            urls::COLLECT,
            &Page {
                c: strings,
                data_json: script_json(&CollectData { sops, quizzes }),
                strings_json: script_json(strings),
            },
        )
    }
}
