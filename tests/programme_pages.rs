//! SOP, role and Q&A pages of the fixture programme: the HTML a student gets.

mod common;

use common::fixture::{lectern, Fixture};
use common::html::{attrs, sel, texts};
use scraper::Html;

fn built() -> Fixture {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    f
}

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&f.read_out(rel))
}

#[test]
fn role_page_answers_what_to_learn_and_do() {
    let f = built();
    let creator = page(&f, "roles/creator.html");
    assert_eq!(texts(&creator, "h1"), ["学员创作者"]);
    // Lessons that name the role, in reading order (02-next has `order: 1`).
    assert_eq!(texts(&creator, ".learn-link"), ["第二课", "切片入门"]);
    assert_eq!(texts(&creator, ".role-duration"), ["50"]);
    assert_eq!(
        texts(&creator, ".learn-list .prereq a"),
        ["切片入门"],
        "prerequisites are shown"
    );
    // SOPs it performs, grouped by frequency.
    assert_eq!(texts(&creator, ".to-do h4"), ["每日", "每条切片"]);
    assert_eq!(texts(&creator, ".role-sop"), ["每日工作日报", "切片发布检查"]);
    assert_eq!(texts(&creator, ".role-facts dd"), ["组长"]);

    let leader = page(&f, "roles/team-leader.html");
    // The role's own `lessons` ∪ lessons whose `roles` name it, in module/lesson order.
    assert_eq!(texts(&leader, ".learn-link"), ["第二课", "A/B 测试进阶"]);
    assert_eq!(texts(&leader, ".role-duration"), ["65"]);
    assert_eq!(texts(&leader, ".role-sop"), ["账号巡检表"], "from the role's `sops`");
    assert_eq!(texts(&leader, ".role-owned-sop"), ["每日工作日报"]);
    assert_eq!(texts(&leader, ".role-facts dt"), ["汇报给", "下属岗位", "人数"]);
    assert_eq!(texts(&leader, ".role-facts dd"), ["项目负责人", "学员创作者", "8"]);
    assert!(texts(&leader, "#role-qa + ul a").contains(&"日报几点前交？".to_string()));
}

#[test]
fn roles_index_draws_one_chart_node_per_role() {
    let f = built();
    let doc = page(&f, "roles/index.html");
    assert_eq!(doc.select(&sel("svg.org-chart a.org-node")).count(), 3);
    assert_eq!(
        texts(&doc, "svg.org-chart text"),
        ["项目负责人", "组长 ×8", "学员创作者"]
    );
    assert_eq!(
        attrs(&doc, "svg.org-chart a", "href"),
        ["lead.html", "team-leader.html", "creator.html"]
    );
}

#[test]
fn sop_page_has_a_real_control_for_every_step() {
    let f = built();
    let doc = page(&f, "sops/daily-report.html");
    assert_eq!(texts(&doc, "h1"), ["每日工作日报"]);
    let kinds = attrs(&doc, "li.step", "data-kind");
    assert_eq!(kinds, ["number", "choice", "check", "yesno", "time", "date", "text"]);
    let number = doc
        .select(&sel("li.step[data-kind=number] input[type=number]"))
        .next()
        .unwrap();
    assert_eq!(
        (number.value().attr("min"), number.value().attr("max")),
        (Some("0"), Some("20"))
    );
    assert_eq!(texts(&doc, "li.step[data-kind=number] .unit"), ["条"]);
    assert_eq!(
        attrs(&doc, "li.step[data-kind=choice] input[type=radio]", "value"),
        ["抖音", "快手", "小红书"]
    );
    assert_eq!(
        doc.select(&sel("li.step[data-kind=yesno] input[type=radio]")).count(),
        2
    );
    assert_eq!(doc.select(&sel("li.step[data-kind=time] input[type=time]")).count(), 1);
    assert_eq!(doc.select(&sel("li.step[data-kind=date] input[type=date]")).count(), 1);
    assert_eq!(doc.select(&sel("li.step[data-kind=text] textarea")).count(), 1);
    assert_eq!(
        doc.select(&sel("li.step[data-kind=check] input[type=checkbox]:not([data-na])"))
            .count(),
        1
    );
    assert_eq!(
        doc.select(&sel("li.step [data-na]")).count(),
        7,
        "every step has an N/A box"
    );
    assert_eq!(texts(&doc, ".sop-total"), ["6"], "one step is optional");
    assert!(
        doc.select(&sel("li.step[data-kind=check] .step-text strong"))
            .next()
            .is_some(),
        "step text is Markdown"
    );
    assert_eq!(
        attrs(&doc, ".step-help a", "href"),
        ["../lessons/01-%E5%9F%BA%E7%A1%80/01-intro.html#%E6%95%B0%E6%8D%AE"]
    );
    assert_eq!(attrs(&doc, "[data-field]", "data-field"), ["date", "account"]);
    assert_eq!(texts(&doc, ".signature > span:first-child"), ["学员签字", "组长签字"]);
    assert!(texts(&doc, ".sop-ident").join(" ").contains("版本 1.1"));
    assert!(texts(&doc, ".changelog li").len() == 2);
    assert_eq!(texts(&doc, ".sop-people dd"), ["组长", "学员创作者"]);
}

#[test]
fn qa_center_groups_by_tag_and_links_both_ways() {
    let f = built();
    let doc = page(&f, "qa/index.html");
    // File-name order; each question under its first tag.
    assert_eq!(texts(&doc, ".qa-group > h2"), ["数据", "版权", "日报"]);
    assert_eq!(
        attrs(&doc, ".qa-item", "id"),
        ["q-gmv", "q-original-audio", "q-report-time"]
    );
    assert_eq!(attrs(&doc, "#q-original-audio", "data-tags"), ["版权|剪辑"]);
    assert_eq!(attrs(&doc, "#q-report-time", "data-roles"), ["creator|team-leader"]);
    assert!(texts(&doc, "#q-original-audio .prose").join("").contains("授权主播"));
    assert!(texts(&doc, "#q-gmv .meta").join("").contains("2024-11-20"));
    // `related` works both ways: the lesson and the SOP list the question.
    let lesson = page(&f, "lessons/01-基础/01-intro.html");
    assert!(texts(&lesson, ".related a").contains(&"切片可以直接用主播的原声吗？".to_string()));
    let sop = page(&f, "sops/daily-report.html");
    assert!(texts(&sop, ".related a").contains(&"切片可以直接用主播的原声吗？".to_string()));
    let question = page(&f, "qa/original-audio.html");
    assert_eq!(texts(&question, "h1"), ["切片可以直接用主播的原声吗？"]);
    assert!(texts(&question, "li a").iter().any(|t| t.contains("切片入门")));
}

#[test]
fn home_shows_sops_roles_and_questions() {
    let f = built();
    let home = page(&f, "index.html");
    assert_eq!(texts(&home, ".home-sops a").len(), 3);
    assert_eq!(texts(&home, ".home-roles li a"), ["项目负责人", "组长", "学员创作者"]);
    assert_eq!(texts(&home, ".site-nav a"), ["课程", "SOP 清单", "岗位", "问答"]);
}

#[test]
fn text_from_content_is_escaped_everywhere() {
    let f = Fixture::new("good");
    f.write(
        "content/qa/xss.md",
        "---\nquestion: \"<script>alert(1)</script> 能用吗？\"\ntags: [\"<img src=x onerror=alert(2)>\"]\n---\n答案。\n",
    );
    f.write(
        "content/roles.yaml",
        &std::fs::read_to_string(f.root().join("content/roles.yaml"))
            .unwrap()
            .replace("title: 学员创作者", "title: \"<b onmouseover=alert(3)>学员</b>\""),
    );
    f.write(
        "content/sops/clip-check.yaml",
        "title: \"<svg onload=alert(4)>\"\nperformers: [creator]\nsections:\n  - title: \"<i>节</i>\"\n    steps:\n      - text: 检查\n",
    );
    f.build_ok(&[]);
    for page in common::files_with_suffix(&f.out(), ".html") {
        let html = std::fs::read_to_string(&page).unwrap();
        for bad in ["<script>alert", "<img src=x", "<b onmouseover", "<svg onload", "<i>节"] {
            assert!(!html.contains(bad), "{bad} unescaped in {}", page.display());
        }
    }
    let qa = f.read_out("qa/index.html");
    assert!(qa.contains("&lt;script&gt;alert(1)&lt;/script&gt; 能用吗？"));
    assert!(f
        .read_out("roles/index.html")
        .contains("&lt;b onmouseover=alert(3)&gt;学员&lt;/b&gt;"));
}

#[test]
fn strict_check_fails_on_warnings() {
    let f = Fixture::new("good");
    let root = f.root();
    let plain = lectern(&["--root", root.to_str().unwrap(), "check"]);
    assert!(plain.success, "{}", plain.stderr);
    assert!(
        plain
            .stderr
            .contains("warning: no role is required to complete lesson `02-advanced/2-second`"),
        "{}",
        plain.stderr
    );
    let strict = lectern(&["--root", root.to_str().unwrap(), "check", "--strict"]);
    assert!(!strict.success, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("content/lessons/02-advanced/2-second.md"),
        "{}",
        strict.stderr
    );
}

/// Speaker notes are for instructors: a published deck carries them only when asked for
/// (`build --notes`, `notes: show`, or `deck.notes: true` from older configs), and then
/// `lectern deck` follows the same rule.
#[test]
fn published_decks_carry_notes_only_when_asked() {
    const DECK: &str = "decks/01-基础/01-intro.html";
    const NOTE: &str = "先问学员看过哪些切片账号";
    // Not the text, and no notes box a script could read either.
    let carries_notes = |html: &str| html.contains(NOTE) || html.contains("class=\"notes\"");
    let f = built();
    assert!(!carries_notes(&f.read_out(DECK)), "the default deck has no notes");
    f.build_ok(&["--notes"]);
    assert!(
        f.read_out(DECK).contains(NOTE),
        "`build --notes` is the instructors' build"
    );

    for (config, carries) in [
        ("notes: hide\n", false),
        ("notes: show\n", true),
        ("deck:\n  notes: true\n", true),
        ("deck:\n  notes: false\n", false),
        ("notes: show\ndeck:\n  notes: false\n", false),
    ] {
        let g = Fixture::new("good");
        g.write("lectern.yaml", &format!("title: 测试项目\nlanguage: zh-CN\n{config}"));
        g.build_ok(&[]);
        assert_eq!(carries_notes(&g.read_out(DECK)), carries, "{config}");
    }

    let root = f.root();
    let export = |extra: &[&str]| {
        let out = f.dir.path().join(format!("mine{}", extra.len()));
        let mut args = vec!["--root", root.to_str().unwrap(), "deck", "01-基础/01-intro"];
        args.extend_from_slice(&["--out", out.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let run = lectern(&args);
        assert!(run.success, "{}", run.stderr);
        std::fs::read_to_string(out.join("01-基础/01-intro.html")).unwrap()
    };
    assert!(!carries_notes(&export(&[])), "`lectern deck` follows the same default");
    assert!(
        export(&["--notes"]).contains(NOTE),
        "`lectern deck --notes` includes them"
    );
}
