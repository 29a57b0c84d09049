//! Ranking on small programmes written for the purpose, not the sample: each test sets a
//! trap (a short query that is also part of a longer word, a phrase far down a long
//! section, a lesson whose sections all match) and checks the order `query::search` gives.

mod common;

use common::fixture::Fixture;
use lectern::build::search_index;
use lectern::compile::compile;
use lectern::search::{search, search_filtered, Filter, Index, Kind};

/// An empty programme (`tests/fixtures/search/minimal`) with these files added.
fn programme(files: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new("search/minimal");
    for (path, text) in files {
        f.write(path, text);
    }
    f
}

fn index_of(f: &Fixture) -> Index {
    let (compiled, diags) = compile(&f.root(), false);
    assert!(
        !diags.has_errors(),
        "{}",
        lectern::diag::format_all(diags.iter(), lectern::diag::Style::default())
    );
    search_index(&compiled.expect("the programme compiles"))
}

/// The address of each of the first `n` results (for a lesson, its best section).
fn top(index: &Index, query: &str, n: usize) -> Vec<String> {
    search(index, query, n)
        .iter()
        .map(|p| index.records[p.best().id as usize].url.clone())
        .collect()
}

fn page(url: &str) -> &str {
    url.split('#').next().unwrap_or_default()
}

const DAILY_REPORT_SOP: (&str, &str) = (
    "content/sops/daily-report.yaml",
    "title: 每日工作日报\nsummary: 学员每天睡前提交。\nfrequency: daily\nsections:\n  - title: 今日发布\n    steps:\n      - text: 今日发布切片数量\n      - text: 遇到的问题写进日报\n      - text: 组长核对日报名单\n",
);
const SUNDAY_SIGN_UP: (&str, &str) = (
    "content/qa/weekend-signup.md",
    "---\nquestion: 周日报名的直播活动还能参加吗？\ntags: [活动]\n---\n周日报名截止到周六晚上十点。周日报名成功后会收到短信。\n",
);

#[test]
fn daily_report_ranks_the_sop_above_a_question_about_sunday_sign_up() {
    // 周日报名 (signing up on Sunday) holds the pair 日报 three times, in a short text.
    let f = programme(&[DAILY_REPORT_SOP, SUNDAY_SIGN_UP]);
    let index = index_of(&f);
    let got = top(&index, "日报", 5);
    assert_eq!(
        got.first().map(String::as_str),
        Some("sops/daily-report.html"),
        "{got:?}"
    );
    let got = top(&index, "周日报名", 5);
    assert_eq!(
        got.first().map(String::as_str),
        Some("qa/weekend-signup.html"),
        "{got:?}"
    );
    // And the other way round: 日报名单 (the list of daily reports) holds 报名.
    let got = top(&index, "报名", 5);
    assert_eq!(
        got.first().map(String::as_str),
        Some("qa/weekend-signup.html"),
        "{got:?}"
    );
}

#[test]
fn one_character_finds_text_where_it_sits_inside_a_longer_run() {
    // 巡 appears only inside 组长每天巡检本组账号 in the lesson, and in the SOP's title.
    let f = programme(&[
        (
            "content/lessons/01-ops/01-account.md",
            "---\ntitle: 账号日常管理\n---\n## 每天做什么\n\n组长每天巡检本组账号，发现问题及时记录。\n",
        ),
        (
            "content/sops/account-inspection.yaml",
            "title: 账号巡检表\nfrequency: weekly\nsections:\n  - title: 检查\n    steps:\n      - text: 账号状态正常\n",
        ),
        (
            "content/qa/throttling.md",
            "---\nquestion: 账号被限流怎么办？\n---\n先停发两天，再看数据。\n",
        ),
    ]);
    let index = index_of(&f);
    let got = top(&index, "巡", 5);
    assert_eq!(
        got,
        [
            "sops/account-inspection.html",
            "lessons/01-ops/01-account.html#每天做什么"
        ],
        "the title first, then the body where 巡 is inside a longer run; nothing else"
    );
}

#[test]
fn a_phrase_far_down_a_long_section_ranks_that_section_first() {
    // The long section says 爆款公式 after 700 bytes; the short one has 爆款, 款公 and 公式
    // apart (爆款视频 … 新款公布 … 公式), which scores higher until phrases count.
    let filler = "直播间的节奏要跟着主播走，开场先讲福利，再讲产品卖点，最后催单。".repeat(8);
    let long = format!("---\ntitle: 选题笔记\n---\n## 选题记录\n\n{filler}记住这条爆款公式：钩子加反转。\n");
    let f = programme(&[
        ("content/lessons/01-editing/01-notes.md", long.as_str()),
        (
            "content/lessons/01-editing/02-misc.md",
            "---\ntitle: 剪辑随笔\n---\n## 随手记\n\n爆款视频看新款公布的公式。\n",
        ),
    ]);
    let index = index_of(&f);
    assert!(filler.len() > 500);
    let got = top(&index, "爆款公式", 5);
    assert_eq!(
        got.first().map(String::as_str),
        Some("lessons/01-editing/01-notes.html#选题记录"),
        "{got:?}"
    );
}

/// A lesson whose four sections are all about 复盘, an SOP and a question about it.
const REVIEW: &[(&str, &str)] = &[
    (
        "content/lessons/01-review/01-method.md",
        "---\ntitle: 复盘方法\ntags: [复盘]\n---\n## 复盘第一步：看数据\n\n复盘先看完播率和转化率。\n\n## 复盘第二步：找原因\n\n复盘时把原因写清楚。\n\n## 复盘第三步：定动作\n\n复盘要落到下周的动作。\n\n## 复盘第四步：写总结\n\n复盘总结发到群里。\n",
    ),
    (
        "content/sops/weekly-review.yaml",
        "title: 每周复盘会\nfrequency: weekly\nsections:\n  - title: 会前\n    steps:\n      - text: 准备本周数据\n      - text: 列出要复盘的切片\n",
    ),
    (
        "content/qa/review-time.md",
        "---\nquestion: 复盘一次要多久？\n---\n一般半小时。每条切片看完数据就复盘，不要拖到周末。\n",
    ),
];

#[test]
fn sections_of_one_lesson_do_not_fill_the_top_three() {
    let f = programme(REVIEW);
    let index = index_of(&f);
    let got = top(&index, "复盘", 3);
    let pages: std::collections::BTreeSet<&str> = got.iter().map(|u| page(u)).collect();
    assert_eq!(pages.len(), 3, "three results on three pages: {got:?}");
    assert!(got[0].starts_with("lessons/01-review/01-method.html#"), "{got:?}");
}

#[test]
fn a_page_holds_its_own_hit_and_at_most_three_sections_in_rank_order() {
    let f = programme(REVIEW);
    let index = index_of(&f);
    let results = search(&index, "复盘", 10);
    let pages: std::collections::BTreeSet<u32> = results.iter().map(|p| p.page).collect();
    assert_eq!(pages.len(), results.len(), "one result per page");
    let lesson = &results[0];
    assert_eq!(
        index.records[lesson.page as usize].url,
        "lessons/01-review/01-method.html"
    );
    assert!(
        lesson.hits.iter().any(|h| h.id == lesson.page),
        "the lesson's own record (title 复盘方法, tag 复盘) matched too"
    );
    let sections: Vec<_> = lesson.hits.iter().filter(|h| h.id != lesson.page).collect();
    assert_eq!(sections.len(), 3, "four sections match; three are shown");
    assert!(
        sections.windows(2).all(|w| w[0].score >= w[1].score),
        "best first: {sections:?}"
    );
    for p in &results[1..] {
        assert_eq!(p.hits.len(), 1, "an SOP or a question is a page of one record");
    }
}

#[test]
fn type_and_role_filters_apply_before_the_results_are_cut() {
    // 55 lessons about 剪辑 rank above the one question, which concerns the editor role.
    let f = programme(&[
        (
            "content/roles.yaml",
            "- id: lead\n  title: 项目负责人\n\n- id: editor\n  title: 后期组长\n  reports_to: lead\n",
        ),
        (
            "content/qa/pc-or-phone.md",
            "---\nquestion: 用电脑还是手机？\nroles: [editor]\n---\n两种都可以。刚开始用手机更快，熟练以后换电脑，素材多的时候用电脑做剪辑。\n",
        ),
    ]);
    for n in 1..=55 {
        f.write(
            &format!("content/lessons/01-drills/{n:02}-drill.md"),
            &format!("---\ntitle: 剪辑练习 {n}\n---\n## 剪辑要点\n\n剪辑时先粗剪再精剪。\n"),
        );
    }
    let index = index_of(&f);
    let first_fifty = top(&index, "剪辑", 50);
    assert_eq!(first_fifty.len(), 50);
    assert!(
        !first_fifty.iter().any(|u| u.starts_with("qa/")),
        "the trap is set: {first_fifty:?}"
    );
    let filtered = |kind: Option<Kind>, role: Option<&str>| -> Vec<String> {
        let filter = Filter {
            kind,
            role: role.map(str::to_string),
        };
        search_filtered(&index, "剪辑", 50, &filter)
            .iter()
            .map(|p| index.records[p.best().id as usize].url.clone())
            .collect()
    };
    assert_eq!(filtered(Some(Kind::Qa), None), ["qa/pc-or-phone.html"]);
    assert_eq!(filtered(None, Some("editor")), ["qa/pc-or-phone.html"]);
    assert_eq!(filtered(Some(Kind::Lesson), Some("editor")), Vec::<String>::new());
    assert_eq!(filtered(Some(Kind::Lesson), None).len(), 50);
}

#[test]
fn quizzes_are_found_by_their_question_never_by_answer_hint_or_explanation() {
    let quiz = "> [!QUIZ] 直播间里成交总额的英文缩写是什么\n> - [=] 甲乙丙\n>\n> 提示：丁戊己庚\n>\n> 辛壬癸子\n";
    let f = programme(&[
        (
            "content/lessons/01-基础/01-intro.md",
            &format!("---\ntitle: 第一课\n---\n## 练习\n\n{quiz}"),
        ),
        (
            "content/quizzes/week1.md",
            &format!("---\ntitle: 第一周测验\n---\n{}", quiz.replace("直播间", "测验里")),
        ),
    ]);
    let index = index_of(&f);
    let found: Vec<String> = top(&index, "英文缩写", 5).iter().map(|u| page(u).to_string()).collect();
    assert!(
        found.contains(&"lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"quizzes/week1.html".to_string()), "{found:?}");
    for secret in ["甲乙丙", "丁戊己", "辛壬癸"] {
        assert!(
            top(&index, secret, 5).is_empty(),
            "{secret} finds {:?}",
            top(&index, secret, 5)
        );
    }
}
