//! Bad input: every problem gets FILE:LINE:COL, a message and a hint, and a failed build
//! leaves the previous output byte for byte as it was.

mod common;

use common::fixture::{assert_build_fails as assert_fails, snapshot, Fixture};

const INTRO: &str = "content/lessons/01-基础/01-intro.md";
const NEXT: &str = "content/lessons/01-基础/02-next.md";

#[test]
fn unknown_front_matter_key() {
    let err = assert_fails(
        &[(NEXT, "---\ntitle: 第二课\ndurration: 20\n---\n正文\n")],
        &[&format!("{NEXT}:3:1"), "durration", "help:"],
    );
    assert!(err.contains("durration: 20"), "shows the source line:\n{err}");
}

#[test]
fn unknown_config_key_and_bad_language() {
    assert_fails(
        &[("lectern.yaml", "title: t\nlanguage: zh-CN\nthme: x\n")],
        &["lectern.yaml:3:1", "thme"],
    );
    assert_fails(&[("lectern.yaml", "title: t\nlanguage: fr\n")], &["lectern.yaml:2:"]);
}

#[test]
fn yaml_syntax_error_in_front_matter_points_into_the_file() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\ntags: [剪辑, 数据\nduration: 3\n---\n正文\n")],
        &[&format!("{NEXT}:"), "invalid YAML"],
    );
}

#[test]
fn tab_indentation() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\nobjectives:\n\t- 一\n---\n")],
        &[&format!("{NEXT}:")],
    );
}

#[test]
fn missing_and_unclosed_front_matter() {
    // Without front matter the first heading is the title (reveal.js decks have none);
    // with neither, it is an error.
    assert_fails(
        &[(NEXT, "只有正文，没有标题。\n")],
        &[&format!("{NEXT}:1:1"), "missing front matter"],
    );
    assert_fails(
        &[(NEXT, "---\ntitle: x\n正文\n")],
        &[&format!("{NEXT}:1:1"), "not closed"],
    );
}

#[test]
fn missing_title() {
    assert_fails(
        &[(NEXT, "---\nduration: 3\n---\n正文\n")],
        &[&format!("{NEXT}:"), "title"],
    );
}

#[test]
fn broken_lesson_link_with_suggestion() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\n---\n复习 [入门](lesson:01-基础/01-intr)\n")],
        &[
            &format!("{NEXT}:4:4"),
            "does not exist",
            "did you mean `01-基础/01-intro`?",
        ],
    );
}

#[test]
fn broken_relative_link_and_missing_anchor() {
    assert_fails(
        &[(
            NEXT,
            "---\ntitle: 第二课\n---\n[a](nope.md)\n\n[b](01-intro.md#没有这个标题)\n\n[c](#本页没有)\n",
        )],
        &[
            &format!("{NEXT}:4:1"),
            "not a lesson",
            &format!("{NEXT}:6:1"),
            "没有这个标题",
            &format!("{NEXT}:8:1"),
            "本页没有",
        ],
    );
}

#[test]
fn missing_image_and_path_escape() {
    assert_fails(
        &[(
            NEXT,
            "---\ntitle: 第二课\n---\n![图](images/nope.png)\n\n![x](../../../../../etc/passwd)\n\n![y](/etc/passwd)\n",
        )],
        &[
            &format!("{NEXT}:4:1"),
            "image not found",
            &format!("{NEXT}:6:1"),
            "outside the programme",
            &format!("{NEXT}:8:1"),
            "/assets/",
        ],
    );
}

#[test]
fn unknown_sop_role_and_qa_links() {
    assert_fails(
        &[(
            NEXT,
            "---\ntitle: 第二课\n---\n见 [日报](sop:daily-reprot)、[组长](role:team-leeder)、[问](qa:nope)\n",
        )],
        &[
            &format!("{NEXT}:4:3"),
            "unknown SOP `daily-reprot`",
            "did you mean `daily-report`?",
            "unknown role `team-leeder`",
            "unknown question `nope`",
        ],
    );
}

#[test]
fn javascript_links_are_rejected() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\n---\n[x](javascript:alert(1))\n")],
        &[&format!("{NEXT}:4:1"), "unsupported link scheme"],
    );
}

#[test]
fn unknown_and_cyclic_prerequisites() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\nprerequisites: [01-基础/01-intr]\n---\n")],
        &[&format!("{NEXT}:3:17"), "unknown prerequisite", "did you mean"],
    );
    assert_fails(
        &[
            (NEXT, "---\ntitle: 第二课\nprerequisites: [01-基础/01-intro]\n---\n"),
            (INTRO, "---\ntitle: 入门\nprerequisites: [01-基础/02-next]\n---\n"),
        ],
        &["cycle", "01-基础/01-intro", "01-基础/02-next"],
    );
}

#[test]
fn link_to_a_draft_says_so() {
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\n---\n[草稿](10-draft.md)\n")],
        &["draft", "--drafts"],
    );
}

#[test]
fn invalid_utf8_names_the_file() {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    let before = snapshot(&f.out());
    // "标题" in GBK.
    f.write_bytes(NEXT, b"---\ntitle: \xb1\xea\xcc\xe2\n---\n");
    let run = f.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(NEXT) && run.stderr.contains("not valid UTF-8") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
    assert_eq!(before, snapshot(&f.out()));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let err = assert_fails(
        &[
            (NEXT, "---\ntitle: 第二课\nbad_key: 1\n---\n"),
            (INTRO, "---\ntitle: 入门\n---\n[x](lesson:nope/nope)\n![y](gone.png)\n"),
        ],
        &[&format!("{NEXT}:3:1"), &format!("{INTRO}:4:1"), &format!("{INTRO}:5:1")],
    );
    assert!(err.contains("4 errors"), "{err}"); // the home page links to `01-intro#小结`, now gone too
}

#[test]
fn module_yaml_errors_are_located() {
    assert_fails(
        &[("content/lessons/02-advanced/_module.yaml", "title: 进阶\nordr: 2\n")],
        &["content/lessons/02-advanced/_module.yaml:2:1", "ordr"],
    );
}

/// `[text]()` is valid CommonMark (a link to the page itself): a warning at the link,
/// not a failed build.
#[test]
fn empty_link_is_a_warning() {
    let f = Fixture::new("good");
    f.write(NEXT, "---\ntitle: 第二课\n---\n见 [这里]() 和 ![图]()\n");
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.contains("warning: empty link destination")
            && run.stderr.contains(&format!("{NEXT}:4:3"))
            && run.stderr.contains("warning: empty image source"),
        "{}",
        run.stderr
    );
    assert!(f
        .read_out("lessons/01-基础/02-next.html")
        .contains("<a href=\"\">这里</a>"));
}

/// Anchors on `sop:` and `role:` links are checked against the ids those pages have:
/// SOP sections and steps (`s1`, `s1-2`), role sections (`learn`, `do`, …).
#[test]
fn anchors_on_sop_and_role_links_are_checked() {
    let f = Fixture::new("good");
    f.write(
        NEXT,
        "---\ntitle: 第二课\n---\n按 [第一步](sop:daily-report#s1-1) 和 [要学的](role:creator#learn) 做。\n",
    );
    let run = f.build_ok(&[]);
    let html = f.read_out("lessons/01-基础/02-next.html");
    assert!(html.contains("sops/daily-report.html#s1-1") && html.contains("roles/creator.html#learn"));
    assert!(
        f.read_out("sops/daily-report.html").contains(r#"id="s1-1""#),
        "{}",
        run.stderr
    );

    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\n---\n按 [日报](sop:daily-report#s9-9) 做。\n")],
        &[&format!("{NEXT}:4:3"), "no section or step `#s9-9` in the linked page"],
    );
    assert_fails(
        &[(NEXT, "---\ntitle: 第二课\n---\n看 [达人](role:creator#lern)。\n")],
        &[&format!("{NEXT}:4:3"), "no section `#lern`", "did you mean `learn`?"],
    );
}
