//! Data every page shares, computed once per build: titles, paths, totals.

use serde::Serialize;

use super::i18n::{self, Strings};
use crate::model::{Frequency, Programme, SopIx};
use crate::urls;

#[derive(Serialize, Clone)]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub path: String,
    pub duration: Option<u32>,
    pub summary: Option<String>,
    pub module: String,
    /// `Lesson::version()`: what a learner's "read" and "quiz passed" are kept with.
    pub version: String,
}

#[derive(Serialize)]
pub struct ModuleSummary {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub path: String,
    pub lesson_count: usize,
    pub duration: u32,
}

#[derive(Serialize)]
pub struct SopSummary {
    pub id: String,
    pub title: String,
    pub path: String,
    pub frequency: &'static str,
    pub frequency_label: &'static str,
    pub duration: Option<u32>,
    pub summary: Option<String>,
    pub version: Option<String>,
    pub step_count: usize,
}

#[derive(Serialize)]
pub struct RoleSummary {
    pub id: String,
    pub title: String,
    pub path: String,
    pub headcount: Option<u32>,
}

#[derive(Serialize)]
pub struct QaSummary {
    pub id: String,
    pub question: String,
    pub path: String,
    pub tags: Vec<String>,
    pub updated: Option<String>,
}

pub struct SiteData<'a> {
    pub programme: &'a Programme,
    pub lessons: Vec<LessonSummary>,
    pub modules: Vec<ModuleSummary>,
    pub sops: Vec<SopSummary>,
    pub roles: Vec<RoleSummary>,
    pub qa: Vec<QaSummary>,
    pub strings: &'static Strings,
    /// `strings` as template data (`site.t`, and `t` in decks), made once for every page.
    pub strings_value: serde_json::Value,
    /// Copies of `strings_value` lent to pages being rendered and given back after
    /// ([`SiteData::lend_strings`]): a fresh copy per page was ~150 strings cloned and
    /// dropped each time, 3 % of a build.
    spare_strings: std::sync::Mutex<Vec<serde_json::Value>>,
    /// UI strings the search script shows, as JSON safe inside `<script>`.
    pub search_strings: String,
}

impl<'a> SiteData<'a> {
    pub fn new(p: &'a Programme) -> Self {
        let strings = i18n::strings(p.config.language);
        let lessons: Vec<LessonSummary> = p
            .lessons
            .iter()
            .map(|l| LessonSummary {
                id: l.id.0.clone(),
                title: l.title.clone(),
                path: urls::encode_path(&urls::lesson_page(&l.id)),
                duration: l.front.duration,
                summary: l.front.summary.clone(),
                module: p.modules[l.module].title.clone(),
                version: l.version().to_string(),
            })
            .collect();
        let modules = p
            .modules
            .iter()
            .map(|m| ModuleSummary {
                id: m.id.0.clone(),
                title: m.title.clone(),
                summary: m.summary.clone(),
                path: urls::encode_path(&urls::module_page(&m.id)),
                lesson_count: m.lessons.len(),
                duration: m.lessons.iter().filter_map(|&i| lessons[i].duration).sum(),
            })
            .collect();
        let sops = p
            .sops
            .iter()
            .map(|s| SopSummary {
                id: s.id.0.clone(),
                title: s.spec.title.clone(),
                path: urls::encode_path(&urls::sop_page(&s.id)),
                frequency: s.spec.frequency.key(),
                frequency_label: strings.frequency(s.spec.frequency),
                duration: s.spec.duration,
                summary: s.spec.summary.clone(),
                version: s.spec.version.clone(),
                step_count: s.steps().count(),
            })
            .collect();
        let roles = p
            .roles
            .iter()
            .map(|r| RoleSummary {
                id: r.id().to_string(),
                title: r.title.clone(),
                path: urls::encode_path(&urls::role_page(&crate::model::RoleId(r.id().to_string()))),
                headcount: r.headcount,
            })
            .collect();
        let qa =
            p.qa.iter()
                .map(|q| QaSummary {
                    id: q.id.0.clone(),
                    question: q.front.question.clone(),
                    path: urls::encode_path(&urls::qa_page(&q.id)),
                    tags: q.front.tags.clone(),
                    updated: q.front.updated.as_ref().map(|u| u.value.clone()),
                })
                .collect();
        SiteData {
            programme: p,
            lessons,
            modules,
            sops,
            roles,
            qa,
            strings,
            strings_value: serde_json::to_value(strings).expect("UI strings serialize"),
            spare_strings: Default::default(),
            search_strings: super::sops::script_json(&serde_json::json!({
                "lesson": strings.lessons, "sop": "SOP", "role": strings.roles, "qa": strings.qa,
                "term": strings.glossary, "none": strings.no_results, "loading": strings.searching,
                "count": strings.result_count,
            })),
        }
    }

    /// The SOPs in `list`, grouped by frequency in the usual order.
    pub fn sops_grouped<'s>(&'s self, list: &[SopIx]) -> Vec<SopGroup<'s>> {
        Frequency::ALL
            .iter()
            .filter_map(|&f| {
                let sops: Vec<&SopSummary> = list
                    .iter()
                    .map(|&i| &self.sops[i])
                    .filter(|s| s.frequency == f.key())
                    .collect();
                (!sops.is_empty()).then(|| SopGroup {
                    frequency: f.key(),
                    label: self.strings.frequency(f),
                    sops,
                })
            })
            .collect()
    }
}

#[derive(Serialize)]
pub struct SopGroup<'a> {
    pub frequency: &'static str,
    pub label: &'static str,
    pub sops: Vec<&'a SopSummary>,
}

impl SiteData<'_> {
    /// A copy of `strings_value` for one page's data; give it back with
    /// [`SiteData::give_back_strings`] once the page is rendered.
    pub fn lend_strings(&self) -> serde_json::Value {
        let spare = self.spare_strings.lock().unwrap_or_else(|e| e.into_inner()).pop();
        spare.unwrap_or_else(|| self.strings_value.clone())
    }

    pub fn give_back_strings(&self, strings: serde_json::Value) {
        self.spare_strings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(strings);
    }
}
