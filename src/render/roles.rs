//! Role pages ("what must I learn and do?") and the roles index with its org chart.

use serde::Serialize;

use super::data::SopGroup;
use super::orgchart::{self, OrgNode};
use super::{LessonSummary, OutputPage, QaSummary, Renderer, RoleSummary, SopSummary};
use crate::diag::Diagnostic;
use crate::model::{RoleId, RoleIx};
use crate::urls;

#[derive(Serialize)]
struct LessonToLearn<'a> {
    #[serde(flatten)]
    lesson: &'a LessonSummary,
    prerequisites: Vec<&'a LessonSummary>,
}

impl Renderer<'_> {
    pub fn role_index(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Index<'a> {
            chart_svg: Option<String>,
            roles: &'a [RoleSummary],
        }
        let r = &self.input.relations;
        let nodes: Vec<OrgNode> = self
            .data
            .programme
            .roles
            .iter()
            .enumerate()
            .map(|(i, role)| OrgNode {
                label: match role.headcount {
                    Some(n) if n > 1 => format!("{} ×{n}", role.title),
                    _ => role.title.clone(),
                },
                href: urls::relative(urls::ROLES, &urls::role_page(&RoleId(role.id().to_string()))),
                children: r
                    .role_children
                    .get(RoleIx(i))
                    .map_or_else(Vec::new, |c| c.iter().map(|c| c.0).collect()),
            })
            .collect();
        let chart_svg = r
            .role_root
            .map(|root| orgchart::svg(&nodes, root.0, self.data.strings.org_chart));
        self.page_from_template(
            "roles.html",
            urls::ROLES,
            &Index {
                chart_svg,
                roles: &self.data.roles,
            },
        )
    }

    pub fn role(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct RolePage<'a> {
            role: &'a RoleSummary,
            summary: Option<&'a str>,
            responsibilities: &'a [String],
            parent: Option<&'a RoleSummary>,
            children: Vec<&'a RoleSummary>,
            lessons: Vec<LessonToLearn<'a>>,
            total_duration: u32,
            sop_groups: Vec<SopGroup<'a>>,
            owned_sops: Vec<&'a SopSummary>,
            qa: Vec<&'a QaSummary>,
            path_json: String,
            /// The role's handbook (and its PDF), when the build writes it.
            handbook: Option<(String, Option<String>)>,
        }
        let p = self.data.programme;
        let r = &self.input.relations;
        let role = &p.roles[index];
        let lessons: Vec<LessonToLearn> = r.role_lessons[RoleIx(index)]
            .iter()
            .map(|&l| LessonToLearn {
                lesson: &self.data.lessons[l],
                prerequisites: self.input.prerequisites[l]
                    .iter()
                    .map(|&x| &self.data.lessons[x])
                    .collect(),
            })
            .collect();
        let total_duration = lessons.iter().filter_map(|l| l.lesson.duration).sum();
        self.page_from_template(
            "role.html",
            &urls::role_page(&RoleId(role.id().to_string())),
            &RolePage {
                role: &self.data.roles[index],
                summary: role.summary.as_deref(),
                responsibilities: &role.responsibilities,
                parent: r
                    .role_parent
                    .get(RoleIx(index))
                    .copied()
                    .flatten()
                    .map(|i| &self.data.roles[i]),
                children: r
                    .role_children
                    .get(RoleIx(index))
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.data.roles[i])
                    .collect(),
                lessons,
                total_duration,
                sop_groups: self.data.sops_grouped(&r.role_sops[RoleIx(index)]),
                owned_sops: r.role_owned_sops[RoleIx(index)]
                    .iter()
                    .map(|&i| &self.data.sops[i])
                    .collect(),
                qa: r.role_qa[RoleIx(index)].iter().map(|&i| &self.data.qa[i]).collect(),
                path_json: self.path_data([RoleIx(index)]),
                handbook: self.handbook_links(super::Selection::Role(index)),
            },
        )
    }
}
