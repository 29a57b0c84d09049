//! Bad SOPs, roles and Q&A: FILE:LINE:COL, a hint, and the previous output untouched.

mod common;

use common::fixture::{assert_build_fails, Fixture};

fn assert_fails(edits: &[(&str, &str)], expect: &[&str]) {
    assert_build_fails(edits, expect);
}

const ROLES: &str = "content/roles.yaml";
const SOP: &str = "content/sops/account-inspection.yaml";

fn sop_with_step(step: &str) -> String {
    format!("title: 巡检\nsections:\n  - title: 巡检\n    steps:\n{step}")
}

#[test]
fn unknown_role_in_a_lesson_suggests_the_near_miss() {
    assert_fails(
        &[(
            "content/lessons/02-advanced/01-deep.md",
            "---\ntitle: x\nroles: [creater]\n---\n",
        )],
        &[
            "content/lessons/02-advanced/01-deep.md:3:9",
            "unknown role `creater`",
            "did you mean `creator`?",
        ],
    );
}

#[test]
fn unknown_performer_owner_and_lesson_in_an_sop() {
    assert_fails(
        &[(SOP, "title: 巡检\nowner: boss\nperformers: [creator, leader]\nlessons: [01-基础/01-intr]\nsections:\n  - title: a\n    steps:\n      - text: b\n")],
        &[&format!("{SOP}:2:8"), "unknown role `boss`", &format!("{SOP}:3:23"), "unknown role `leader`", &format!("{SOP}:4:11"), "unknown lesson `01-基础/01-intr`"],
    );
}

#[test]
fn duplicate_role_ids() {
    assert_fails(
        &[(ROLES, "- id: lead\n  title: A\n- id: team\n  title: B\n  reports_to: lead\n- id: team\n  title: C\n  reports_to: lead\n")],
        &[&format!("{ROLES}:6:7"), "duplicate role id `team`", "first defined on line 3"],
    );
}

#[test]
fn a_cycle_names_its_members() {
    assert_fails(
        &[(
            ROLES,
            "- id: lead\n  title: A\n- id: a\n  title: B\n  reports_to: b\n- id: b\n  title: C\n  reports_to: a\n",
        )],
        &["`reports_to` forms a cycle: a → b → a", &format!("{ROLES}:")],
    );
}

#[test]
fn two_top_roles() {
    assert_fails(
        &[(
            ROLES,
            "- id: lead\n  title: A\n- id: mentor\n  title: B\n- id: creator\n  title: C\n  reports_to: lead\n",
        )],
        &[&format!("{ROLES}:3:7"), "more than one top role: lead, mentor"],
    );
}

#[test]
fn unknown_parent_role() {
    assert_fails(
        &[(
            ROLES,
            "- id: lead\n  title: A\n- id: creator\n  title: C\n  reports_to: leed\n",
        )],
        &[&format!("{ROLES}:5:15"), "unknown role `leed`", "did you mean `lead`?"],
    );
}

#[test]
fn unknown_step_type() {
    assert_fails(
        &[(SOP, &sop_with_step("      - text: a\n        type: textarea\n"))],
        &[&format!("{SOP}:6:15"), "unknown variant `textarea`", "yesno"],
    );
}

#[test]
fn choice_without_options_and_min_over_max() {
    assert_fails(
        &[(SOP, &sop_with_step("      - text: 平台\n        type: choice\n      - text: 条数\n        type: number\n        min: 5\n        max: 2\n"))],
        &[&format!("{SOP}:5:9"), "a `choice` step needs `options`", &format!("{SOP}:7:9"), "`min` (5) is greater than `max` (2)"],
    );
}

#[test]
fn question_is_required_and_related_must_say_its_kind() {
    assert_fails(
        &[
            ("content/qa/gmv.md", "---\ntags: [数据]\n---\n答案\n"),
            (
                "content/qa/report-time.md",
                "---\nquestion: 几点交？\nrelated: [daily-report, foo:bar, sop:daily-reprot]\n---\n答\n",
            ),
        ],
        &[
            "content/qa/gmv.md:",
            "missing field `question`",
            "content/qa/report-time.md:3:11",
            "does not say what it refers to",
            "content/qa/report-time.md:3:25",
            "unknown kind `foo:`",
            "content/qa/report-time.md:3:34",
            "did you mean `daily-report`?",
        ],
    );
}

#[test]
fn a_broken_sop_is_reported_once_not_at_every_reference() {
    let f = Fixture::new("good");
    f.write("content/sops/daily-report.yaml", "title: [broken\n");
    let run = f.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("content/sops/daily-report.yaml:"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("unknown SOP"),
        "references to the broken SOP are not errors of their own:\n{}",
        run.stderr
    );
}

#[test]
fn two_sop_files_with_one_id() {
    let f = Fixture::new("good");
    std::fs::copy(f.root().join(SOP), f.root().join("content/sops/account-inspection.yml")).unwrap();
    let run = f.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("content/sops/account-inspection.yml") && run.stderr.contains("same id"),
        "{}",
        run.stderr
    );
}

#[test]
fn updated_must_be_a_date_and_question_anchors_are_checked() {
    assert_fails(
        &[
            (
                "content/qa/gmv.md",
                "---\nquestion: GMV 是什么？\nupdated: 上周五\n---\n## 定义\n\n成交总额。\n",
            ),
            (
                "content/qa/report-time.md",
                "---\nquestion: 几点交？\n---\n见 [定义](qa:gmv#定义) 和 [不存在](qa:gmv#口径)。\n",
            ),
        ],
        &[
            "content/qa/gmv.md:3:10",
            "is not a date",
            "content/qa/report-time.md:4:",
            "no heading `#口径`",
        ],
    );
}

#[test]
fn id_lists_accept_their_own_prefix() {
    let f = Fixture::new("good");
    let roles = std::fs::read_to_string(f.root().join(ROLES)).unwrap();
    f.write(
        ROLES,
        &roles.replace("sops: [account-inspection]", "sops: [sop:account-inspection]"),
    );
    f.write(
        SOP,
        "title: 巡检\nowner: role:lead\nsections:\n  - title: a\n    steps:\n      - text: b\n",
    );
    f.build_ok(&[]);
}

#[test]
fn no_roles_means_no_roles_page_to_link_to() {
    assert_fails(
        &[
            (ROLES, "[]\n"),
            (
                "content/lessons/02-advanced/01-deep.md",
                "---\ntitle: x\n---\n[岗位](../../roles.yaml)\n",
            ),
        ],
        &["content/lessons/02-advanced/01-deep.md:4:1"],
    );
}

#[test]
fn glossary_terms_are_named_once() {
    assert_fails(
        &[(
            "content/glossary.yaml",
            "- term: GMV\n  aliases: [成交总额]\n- term: gmv\n- term: \"\"\n",
        )],
        &[
            "content/glossary.yaml:3:9",
            "listed twice",
            "first listed on line 1",
            "content/glossary.yaml:4:9",
            "`term` is empty",
        ],
    );
}
