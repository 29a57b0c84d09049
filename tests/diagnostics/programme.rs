//! Cases about SOPs, roles, questions and the glossary, and the references between them.

use super::{case, lesson, Case, DEEP, GLOSSARY, GMV, INSPECTION, NEXT, REPORT_TIME, ROLES};
use crate::common::fixture::Fixture;

/// An SOP whose one section has the steps `steps` (YAML lines indented six spaces).
fn sop_with_steps(steps: &str) -> String {
    format!("title: 巡检\nsections:\n  - title: 巡检\n    steps:\n{steps}")
}

pub static CASES: &[Case] = &[
    // ── Roles ───────────────────────────────────────────────────────────────────────
    case("lesson_role_near_miss", |p| {
        p.edit(DEEP, |s| {
            s.replacen("duration: 45\n", "duration: 45\nroles: [creater]\n", 1)
        })
    }),
    // The roles below are added to the fixture's, so nothing else breaks.
    case("duplicate_role_ids", |p| {
        p.edit(ROLES, |s| {
            s + "\n- id: team-leader\n  title: 副组长\n  reports_to: lead\n"
        })
    }),
    case("roles_cycle_of_two", |p| {
        p.edit(ROLES, |s| {
            s + "\n- id: a\n  title: 甲\n  reports_to: b\n- id: b\n  title: 乙\n  reports_to: a\n"
        })
    }),
    case("roles_report_to_each_other", |p| {
        p.edit(ROLES, |s| {
            s.replacen("- id: lead\n", "- id: lead\n  reports_to: creator\n", 1)
        })
    }),
    case("two_top_roles", |p| {
        p.edit(ROLES, |s| s + "\n- id: mentor\n  title: 导师\n")
    }),
    case("reports_to_near_miss", |p| {
        p.edit(ROLES, |s| s + "\n- id: mentor\n  title: 导师\n  reports_to: leed\n")
    }),
    case("role_id_index", |p| {
        p.edit(ROLES, |s| s + "\n- id: index\n  title: 索引\n  reports_to: lead\n")
    }),
    case("no_roles_and_a_link_to_roles_yaml", |p| {
        p.write(ROLES, "[]\n");
        p.edit(DEEP, |s| s + "\n[岗位](../../roles.yaml)\n");
    }),
    // ── SOPs ────────────────────────────────────────────────────────────────────────
    case("sop_unknown_owner_performer_and_lesson", |p| {
        p.write(
            INSPECTION,
            "title: 巡检\nowner: boss\nperformers: [creator, leader]\nlessons: [01-基础/01-intr]\nsections:\n  - title: a\n    steps:\n      - text: b\n",
        )
    }),
    case("sop_unknown_step_type", |p| {
        p.write(INSPECTION, &sop_with_steps("      - text: a\n        type: textarea\n"))
    }),
    case("sop_choice_without_options_and_min_over_max", |p| {
        p.write(
            INSPECTION,
            &sop_with_steps(
                "      - text: 平台\n        type: choice\n      - text: 条数\n        type: number\n        min: 5\n        max: 2\n",
            ),
        )
    }),
    // References to a broken SOP are not errors of their own.
    case("broken_sop_reported_once", |p| {
        p.write("content/sops/daily-report.yaml", "title: [broken\n")
    }),
    case("id_lists_with_their_own_prefix", |p| {
        p.edit(ROLES, |s| {
            s.replace("sops: [account-inspection]", "sops: [sop:account-inspection]")
        });
        p.write(
            INSPECTION,
            "title: 巡检\nowner: role:lead\nsections:\n  - title: a\n    steps:\n      - text: b\n",
        );
    }),
    // ── Questions ───────────────────────────────────────────────────────────────────
    case("question_missing_and_related_without_kind", |p| {
        p.write(GMV, "---\ntags: [数据]\n---\n答案\n");
        p.write(
            REPORT_TIME,
            "---\nquestion: 几点交？\nrelated: [daily-report, foo:bar, sop:daily-reprot]\n---\n答\n",
        );
    }),
    case("question_updated_not_a_date_and_missing_anchor", |p| {
        p.write(
            GMV,
            "---\nquestion: GMV 是什么？\nupdated: 上周五\n---\n## 定义\n\n成交总额。\n",
        );
        p.write(
            REPORT_TIME,
            "---\nquestion: 几点交？\n---\n见 [定义](qa:gmv#定义) 和 [不存在](qa:gmv#口径)。\n",
        );
    }),
    // ── Glossary ────────────────────────────────────────────────────────────────────
    // `GMV` and `gmv` would share one anchor on the glossary page.
    case("glossary_term_twice_and_an_empty_term", |p| {
        p.write(
            GLOSSARY,
            "- term: GMV\n  aliases: [成交总额]\n- term: gmv\n- term: \"\"\n",
        )
    }),
    // ── Many warnings of one kind ──────────────────────────────────────────────────
    // Six lessons of one long slide each: one folded warning (`--verbose`: six), while
    // the four broken links, errors, are each shown.
    case("many_long_slides_are_folded", six_long_lessons_and_four_broken_links),
    case("many_long_slides_verbose", six_long_lessons_and_four_broken_links).args(&[
        "build",
        "--out",
        "out",
        "--verbose",
    ]),
];

/// A module `03-长课` of six lessons whose one paragraph is far too long for a slide (a
/// paragraph is never cut into continued slides), and four links to lessons that do not exist.
fn six_long_lessons_and_four_broken_links(p: &Fixture) {
    p.mkdir("content/lessons/03-长课");
    p.write("content/lessons/03-长课/_module.yaml", "title: 长课\n");
    let body: String = (1..=60)
        .map(|i| format!("第 {i} 条：GMV 与 KOC 的复盘要点。"))
        .collect::<String>()
        + "\n";
    for n in 1..=6 {
        p.write(
            &format!("content/lessons/03-长课/0{n}-课.md"),
            &format!("---\ntitle: 长课 {n}\n---\n{body}"),
        );
    }
    p.write(
        NEXT,
        &lesson("[a](lesson:x/1) [b](lesson:x/2) [c](lesson:x/3) [d](lesson:x/4)\n"),
    );
}
