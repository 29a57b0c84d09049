//! The learning path block (`<script type="application/json" id="path-data">`) on role
//! pages and the home page: each role's lessons and SOPs, and for each of them what
//! `path.js` needs to show the learner's state — the lesson's current version (to tell
//! "changed since you finished"), whether it has a quiz, the SOP's run frequency. The
//! state itself lives only in the learner's browser.

use std::collections::BTreeMap;

use serde::Serialize;

use super::i18n::LearnerStrings;
use super::sops::script_json;
use super::Renderer;
use crate::model::RoleIx;

#[derive(Serialize)]
struct PathLesson<'a> {
    title: &'a str,
    path: &'a str,
    version: &'a str,
    quiz: bool,
}

#[derive(Serialize)]
struct PathSop<'a> {
    title: &'a str,
    path: &'a str,
    frequency: &'static str,
}

#[derive(Serialize)]
struct PathRole<'a> {
    title: &'a str,
    path: &'a str,
    /// In the order the role page lists them.
    lessons: Vec<&'a str>,
    sops: Vec<&'a str>,
}

#[derive(Serialize)]
struct PathData<'a> {
    roles: BTreeMap<&'a str, PathRole<'a>>,
    lessons: BTreeMap<&'a str, PathLesson<'a>>,
    sops: BTreeMap<&'a str, PathSop<'a>>,
    strings: &'static LearnerStrings,
}

impl Renderer<'_> {
    /// The path block for `roles`, as JSON safe inside `<script>`.
    pub(super) fn path_data(&self, roles: impl IntoIterator<Item = RoleIx>) -> String {
        let r = &self.input.relations;
        let mut data = PathData {
            roles: BTreeMap::new(),
            lessons: BTreeMap::new(),
            sops: BTreeMap::new(),
            strings: self.data.strings.learner,
        };
        for ri in roles {
            let role = &self.data.roles[ri];
            for &li in &r.role_lessons[ri] {
                let l = &self.data.lessons[li];
                data.lessons.entry(&l.id).or_insert_with(|| PathLesson {
                    title: &l.title,
                    path: &l.path,
                    version: &l.version,
                    quiz: !self.input.docs[li].quizzes.is_empty(),
                });
            }
            for &si in &r.role_sops[ri] {
                let s = &self.data.sops[si];
                data.sops.entry(&s.id).or_insert_with(|| PathSop {
                    title: &s.title,
                    path: &s.path,
                    frequency: s.frequency,
                });
            }
            data.roles.insert(
                &role.id,
                PathRole {
                    title: &role.title,
                    path: &role.path,
                    lessons: r.role_lessons[ri]
                        .iter()
                        .map(|&l| self.data.lessons[l].id.as_str())
                        .collect(),
                    sops: r.role_sops[ri].iter().map(|&s| self.data.sops[s].id.as_str()).collect(),
                },
            );
        }
        script_json(&data)
    }
}
