//! Cases about links, images, anchors, formulas, quizzes and prerequisites in lessons, and `lectern deck`.

use super::files::PASSWD_UP;
use super::{case, lesson, Case, Ctx, INTRO, NEXT};

pub static CASES: &[Case] = &[
    // ── Links ───────────────────────────────────────────────────────────────────────
    case("link_to_missing_lesson", |p| {
        p.write(NEXT, &lesson("[a](lesson:01-基础/nope)\n"))
    }),
    case("lesson_link_near_miss", |p| {
        p.write(NEXT, &lesson("复习 [入门](lesson:01-基础/01-intr)\n"))
    }),
    case("relative_link_to_missing_lesson", |p| {
        p.write(NEXT, &lesson("[b](03-nope.md)\n"))
    }),
    case("relative_links_to_missing_pages_and_anchors", |p| {
        p.write(
            NEXT,
            &lesson("[a](nope.md)\n\n[b](01-intro.md#没有这个标题)\n\n[c](#本页没有)\n"),
        )
    }),
    // Anchors GitHub, GitBook and docsify honour are anchors; `#top` needs no element;
    // only the one that names nothing is an error, and its hint says what counts.
    case("html_ids_a_names_and_top_are_anchors", |p| {
        p.write(
            NEXT,
            &lesson(
                "<span id=\"nav-1\"></span>\n\n## 常见问题 <a href=\"#faq-cn\" id=\"faq-cn\"></a>\n\n<a name=\"faq\"></a>\n\n### 设置 :id=setup\n\n[国际化](#nav-1)、[FAQ](#faq)、[常见问题](#faq-cn)、[设置](#setup)、[顶部](#top)、[没有](#nowhere)\n",
            ),
        )
    }),
    // A Marp deck's page links: `#2` is its second slide; past the last, a warning.
    case("marp_page_number_links", |p| {
        p.write(
            NEXT,
            "---\nmarp: true\ntitle: 第二课\n---\n\n## 目录\n\n- [导入 Introduction](#2)\n- [总结](#5)\n\n---\n\n## 导入\n",
        )
    }),
    // docsify's `?id=` is the anchor: a missing heading is reported like `#…`, at the link.
    case("docsify_id_query_to_a_missing_heading", |p| {
        p.write(
            NEXT,
            &lesson("见[小结](01-intro.md?id=_2-没有这个标题)和[数据](01-intro.md?id=数据)。\n"),
        )
    }),
    case("link_to_the_config_file", |p| {
        p.write(NEXT, &lesson("[e](../../../lectern.yaml)\n"))
    }),
    case("link_to_a_draft", |p| p.write(NEXT, &lesson("[草稿](10-draft.md)\n"))),
    // A `:::` container of a kind Lectern does not know: a warning, its content kept.
    case("unknown_container_kind", |p| {
        p.write(
            NEXT,
            &lesson("## 提示\n\n::: spoiler 答案（Answer）\nGMV 是成交总额。\n:::\n"),
        )
    }),
    case("javascript_link", |p| {
        p.write(NEXT, &lesson("[x](javascript:alert(1))\n"))
    }),
    case("unknown_sop_role_and_question_links", |p| {
        p.write(
            NEXT,
            &lesson("见 [日报](sop:daily-reprot)、[组长](role:team-leeder)、[问](qa:nope)\n"),
        )
    }),
    // Links in SOP step texts are checked like any other, anchors included.
    case("sop_step_link_to_a_missing_anchor", |p| {
        p.write(
            "content/sops/anchor-check.yaml",
            "title: 锚点检查\nsections:\n  - title: 步骤\n    steps:\n      - text: 先读 [入门](lesson:01-基础/01-intro#没有这节)\n",
        )
    }),
    // `[text]()` is valid CommonMark (a link to the page itself): a warning at the link,
    // not a failed build.
    case("empty_link_and_image", |p| {
        p.write(NEXT, &lesson("见 [这里]() 和 ![图]()\n"))
    })
    .then(|ctx| page_contains(ctx, "lessons/01-基础/02-next.html", "<a href=\"\">这里</a>")),
    // Two broken files at once: every problem is reported, not just the first (the home
    // page links to `01-intro#小结`, which goes too).
    case("every_problem_is_reported", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nbad_key: 1\n---\n");
        p.write(INTRO, "---\ntitle: 入门\n---\n[x](lesson:nope/nope)\n![y](gone.png)\n");
    }),
    // ── Anchors on `sop:` and `role:` links: SOP sections and steps, role sections ──
    case("sop_and_role_anchors", |p| {
        p.write(
            NEXT,
            &lesson("按 [第一步](sop:daily-report#s1-1) 和 [要学的](role:creator#learn) 做。\n"),
        )
    })
    .then(|ctx| {
        page_contains(ctx, "lessons/01-基础/02-next.html", "sops/daily-report.html#s1-1")?;
        page_contains(ctx, "lessons/01-基础/02-next.html", "roles/creator.html#learn")?;
        page_contains(ctx, "sops/daily-report.html", r#"id="s1-1""#)
    }),
    case("missing_sop_step_anchor", |p| {
        p.write(NEXT, &lesson("按 [日报](sop:daily-report#s9-9) 做。\n"))
    }),
    case("role_anchor_near_miss", |p| {
        p.write(NEXT, &lesson("看 [达人](role:creator#lern)。\n"))
    }),
    // ── Images ──────────────────────────────────────────────────────────────────────
    case("image_dot_dot_etc_passwd", |p| {
        p.write(NEXT, &lesson("![a](../../etc/passwd)\n"))
    }),
    case("image_climbing_out_of_the_programme", |p| {
        p.write(NEXT, &lesson(&format!("![a]({PASSWD_UP})\n")))
    }),
    case("image_absolute_etc_passwd", |p| {
        p.write(NEXT, &lesson("![b](/etc/passwd)\n"))
    }),
    case("image_file_url", |p| {
        p.write(NEXT, &lesson("![c](file:///etc/passwd)\n"))
    }),
    // Raw HTML resolves like Markdown: reported at the attribute value's column.
    case("raw_html_missing_image_lesson_and_poster", |p| {
        p.write(
            NEXT,
            &lesson("<div align=\"center\">\n<img width=\"550\" src=\"/assets/img/ch2/2.1.png\">\n</div>\n\n见 <a href=\"03-nope.md#小结\">下一课</a>。\n\n<video controls poster=\"img/封面.png\"><source src=\"demo.mp4\"></video>\n"),
        )
    }),
    case("raw_html_srcset_candidate_missing", |p| {
        p.write(
            NEXT,
            &lesson("<img src=\"/assets/logo.svg\" srcset=\"/assets/logo.svg 1x, /assets/logo@2x.svg 2x\">\n"),
        )
    }),
    // Paths pasted from the author's computer, in Markdown and in raw HTML.
    case("image_paths_on_the_authors_computer", |p| {
        p.write(
            NEXT,
            &lesson("![图 1](C:\\Users\\李雷\\Pictures\\图1.png)\n\n<img src=\"/Users/han/Library/Containers/图2.png\">\n"),
        )
    }),
    // Remote images build, with one warning for all of them.
    case("remote_images_one_warning", |p| {
        p.write(
            NEXT,
            &lesson("![曲线](https://example.org/a.png)\n\n<img src=\"https://example.org/b.png\">\n\n![w:300](//cdn.example.org/c.png)\n"),
        );
        p.edit(INTRO, |s| s + "\n![封面](https://example.org/d.png) 和 ![图](https://example.org/e.png)\n");
    })
    .then(|ctx| page_contains(ctx, "lessons/01-基础/02-next.html", "src=\"https://example.org/b.png\"")),
    // ── Prerequisites ───────────────────────────────────────────────────────────────
    case("unknown_prerequisite_near_miss", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nprerequisites: [01-基础/01-intr]\n---\n")
    }),
    case("prerequisite_is_itself", |p| {
        p.write(
            NEXT,
            "---\ntitle: 第二课\nprerequisites: [01-基础/02-next]\n---\n## 正文\n",
        )
    }),
    case("prerequisites_a_b_a", |p| {
        p.edit(INTRO, |s| {
            s.replacen(
                "title: 切片入门\n",
                "title: 切片入门\nprerequisites: [01-基础/02-next]\n",
                1,
            )
        })
    }),
    case("prerequisites_a_b_c_a", |p| {
        p.edit(INTRO, |s| {
            s.replacen(
                "title: 切片入门\n",
                "title: 切片入门\nprerequisites: [02-advanced/01-deep]\n",
                1,
            )
        });
        p.edit(super::DEEP, |s| {
            s.replacen("duration: 45\n", "duration: 45\nprerequisites: [01-基础/02-next]\n", 1)
        });
    }),
    // ── Formulas: one that does not convert is a warning at its command ────────────────
    case("formula_that_does_not_convert", |p| {
        p.write(
            NEXT,
            &lesson("回报 $G_t + \\nosuch{x}$ 与\n\n- 矩阵 $$\\begin{pmatrix} 1 \\end{bmatrix}$$\n- 写成 \\(\\frac{1}{2} + \\oops\\) 也是\n"),
        )
    }),
    case("formula_in_an_sop_step_that_does_not_convert", |p| {
        p.write(
            "content/sops/formula-check.yaml",
            "title: 公式检查\nsections:\n  - title: 步骤\n    steps:\n      - text: 核对 $\\nosuch{GMV}$ 的数值\n",
        )
    }),
    // ── Quizzes (`> [!QUIZ]`): each rule at the line that breaks it ──────────────────
    case("quiz_without_a_correct_answer", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 直播间的 GMV 指什么？\n> - [ ] 观看人数\n> - [ ] 点赞数\n"))
    }),
    case("quiz_with_a_duplicate_option", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 哪些是 KOC？\n> - [x] 普通买家\n> - [ ] 明星\n> - [ ] 明星\n"))
    }),
    case("quiz_with_an_empty_option", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] SOP 每天都要执行。\n> - [x] 对\n> - [ ]\n"))
    }),
    case("quiz_without_options", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 切片的 CTR 怎么算？\n>\n> 点击数除以曝光数。\n"))
    }),
    case("quiz_option_without_a_box", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 谁写日报？\n> - [x] 剪辑师\n> - 主播\n"))
    }),
    case("fill_in_quiz_without_an_accepted_answer", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 成交总额的英文缩写是？\n> - [=] GMV\n> - [=]\n"))
    }),
    case("fill_in_quiz_with_the_same_answer_twice", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 成交总额的英文缩写是？\n> - [=] GMV\n> - [=] ｇｍｖ\n"))
    }),
    case("quiz_mixing_fill_in_and_choices", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 成交总额的英文缩写是？\n> - [=] GMV\n> - [ ] UV\n"))
    }),
    case("ordering_quiz_with_one_item", |p| {
        p.write(NEXT, &lesson("> [!QUIZ] 把开播流程排好顺序\n> 1. 检查设备\n"))
    }),
    // ── `content/quizzes/` files: front matter and the lesson they name ────────────
    case("quiz_file_naming_an_unknown_lesson", |p| {
        p.write(
            "content/quizzes/week1.md",
            "---\ntitle: 第一周测验\nlesson: 01-基础/01-intr\n---\n> [!QUIZ] GMV 是什么？\n> - [x] 成交总额\n> - [ ] 点赞数\n",
        )
    }),
    case("quiz_file_with_an_unknown_key", |p| {
        p.write(
            "content/quizzes/week1.md",
            "---\ntitle: 第一周测验\npassmark: 0.8\n---\n> [!QUIZ] GMV 是什么？\n> - [x] 成交总额\n> - [ ] 点赞数\n",
        )
    }),
    case("quiz_file_with_a_pass_mark_out_of_range", |p| {
        p.write(
            "content/quizzes/week1.md",
            "---\ntitle: 第一周测验\npass: 80\n---\n> [!QUIZ] GMV 是什么？\n> - [x] 成交总额\n> - [ ] 点赞数\n",
        )
    }),
    case("quiz_pass_out_of_range_in_lectern_yaml", |p| {
        p.write("lectern.yaml", "title: 测试项目\nlanguage: zh-CN\nquiz_pass: 1.5\n")
    }),
    // ── `lectern deck`: the lesson's own errors stop its export ─────────────────────
    case("deck_of_a_lesson_with_a_broken_link", |p| {
        p.write(NEXT, &lesson("[a](lesson:01-基础/nope)\n"))
    })
    .args(&["deck", "01-基础/02-next", "--out", "decks"]),
];

fn page_contains(ctx: &Ctx, page: &str, text: &str) -> Result<(), String> {
    match String::from_utf8_lossy(&ctx.read_out(page)?).contains(text) {
        true => Ok(()),
        false => Err(format!("expected {text:?} in {page}")),
    }
}
