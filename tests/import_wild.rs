//! `lectern import` on shapes found in real public books that the other import tests do
//! not cover: GitBook's newer layout blocks (`{% stepper %}`, `{% columns %}`), legacy
//! GitBook's Nunjucks (`{% raw %}`, `{% include "x.md" %}`), its old `{% swagger %}`
//! blocks and tags Lectern does not know.

mod common;

use common::fixture::Fixture;

/// The `blank` fixture as `prog` with `files` written into it, imported into `dest`:
/// (fixture, exit code, everything printed).
fn import(files: &[(&str, &str)]) -> (Fixture, Option<i32>, String) {
    let f = Fixture::new("import/blank");
    for (rel, text) in files {
        f.write(rel, text);
    }
    let run = f.run_bare(&["import", "prog", "dest"]);
    (f, run.code, run.stderr)
}

fn dest(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.dir.path().join("dest").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn gitbook_layout_blocks_raw_includes_and_unknown_tags_do_not_leak_as_text() {
    let (f, code, report) = import(&[
        (
            "SUMMARY.md",
            "# Table of contents\n\n* [欢迎](README.md)\n* [安装](install.md)\n* [接口](api.md)\n",
        ),
        (
            "install.md",
            "# 安装\n\n{% stepper %}\n{% step %}\n### 第一步\n\n注册账号。\n{% endstep %}\n\n\
             {% step %}\n### 第二步\n\n登录。\n{% endstep %}\n{% endstepper %}\n\n\
             {% columns %}\n{% column width=\"50%\" %}\n左栏\n{% endcolumn %}\n{% endcolumns %}\n\n\
             模板写作 {% raw %}{{ name }} 与 {% hint %}{% endraw %}。\n\n\
             {% include \"./_parts/footer.md\" %}\n\n{% include \"没有.md\" %}\n\n\
             {% if book.pdf %}下载{% endif %}\n\n```liquid\n{% stepper %}\n```\n",
        ),
        ("_parts/footer.md", "> 版权所有，转载请注明出处。\n"),
        ("footer2.md", "# 页脚\n"),
        (
            "api.md",
            "# 接口\n\n{% swagger method=\"get\" path=\"/users\" baseUrl=\"https://api.example.com\" \
             summary=\"获取用户\" %}\n{% swagger-description %}\n返回用户列表。\n{% endswagger-description %}\n\n\
             {% swagger-parameter in=\"query\" name=\"page\" type=\"integer\" required=\"true\" %}\n页码\n\
             {% endswagger-parameter %}\n\n{% swagger-response status=\"200: OK\" description=\"成功\" %}\n\
             ```json\n[]\n```\n{% endswagger-response %}\n{% endswagger %}\n\n{% include \"footer2.md\" %}\n",
        ),
    ]);
    assert_eq!(code, Some(0), "{report}");
    let install = dest(&f, "content/lessons/01-第-1-部分/01-install.md");
    for part in [
        "\n### 第一步\n\n注册账号。\n",
        "\n### 第二步\n\n登录。\n",
        "\n左栏\n",
        // What `{% raw %}` holds is text, even a tag.
        "模板写作 {{ name }} 与 {% hint %}。\n",
        "\n> 版权所有，转载请注明出处。\n",
        // A tag of a code block's example stays.
        "```liquid\n{% stepper %}\n```",
    ] {
        assert!(install.contains(part), "{part}:\n{install}");
    }
    assert!(
        !install.contains("{% step %}")
            && !install.contains("endstep")
            && !install.contains("column")
            && !install.contains("raw %}"),
        "{install}"
    );
    // What is not converted stays, and is reported where it is written.
    assert!(install.contains("{% include \"没有.md\" %}") && install.contains("{% if book.pdf %}"));
    assert!(
        report.contains("prog/install.md:27:1") && report.contains("`{% include \"没有.md\" %}` names no text file"),
        "{report}"
    );
    assert!(
        report.contains("prog/install.md:29:1") && report.contains("GitBook's `{% if %}` is not converted"),
        "{report}"
    );
    assert!(report.contains("GitBook's `{% endif %}` is not converted"), "{report}");
    let api = dest(&f, "content/lessons/01-第-1-部分/02-api.md");
    for part in [
        "**GET `https://api.example.com/users`** 获取用户\n",
        "\n返回用户列表。\n",
        "- `page` (query, integer, required)\n页码\n",
        "**200: OK** 成功\n```json\n[]\n```\n",
        "\n# 页脚\n",
    ] {
        assert!(api.contains(part), "{part}:\n{api}");
    }
    assert!(!api.contains("{%"), "{api}");
    // Included files are part of the chapter, not chapters of their own.
    assert!(report.contains("not in the table of contents: 0"), "{report}");
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}

#[test]
fn a_stale_anchor_between_chapters_is_reported_and_the_link_goes_to_the_page() {
    // A heading renamed in translation, its link not: mdBook opens the page at its top,
    // Lectern's build refused the link.
    let (f, code, report) = import(&[
        (
            "SUMMARY.md",
            "# Summary\n\n[前言](README.md)\n\n- [所有权](ownership.md)\n- [借用](borrowing.md)\n",
        ),
        (
            "ownership.md",
            "# 所有权\n\n## 栈（Stack）与堆（Heap）\n\n{{#include parts/rules.md}}\n",
        ),
        ("parts/rules.md", "## 所有权规则\n"),
        (
            "borrowing.md",
            "# 借用\n\n见[栈与堆](ownership.html#the-stack-and-the-heap)、[堆](ownership.md#栈stack与堆heap)、\
             [规则](ownership.md#所有权规则)。\n",
        ),
    ]);
    assert_eq!(code, Some(0), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/02-borrowing.md");
    assert!(
        lesson.contains(
            "见[栈与堆](01-ownership.md)、[堆](01-ownership.md#栈stack与堆heap)、[规则](01-ownership.md#所有权规则)。"
        ),
        "{lesson}"
    );
    assert!(report.contains("references broken in the source: 1"), "{report}");
    assert!(
        report.contains("prog/borrowing.md:3:8")
            && report.contains("no heading `#the-stack-and-the-heap` in the linked chapter"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
    // With --keep-broken the anchor stays, for the build to report.
    let kept = f.run_bare(&["import", "prog", "kept", "--keep-broken"]);
    let lesson =
        std::fs::read_to_string(f.dir.path().join("kept/content/lessons/01-第-1-部分/02-borrowing.md")).unwrap();
    assert!(
        lesson.contains("(01-ownership.md#the-stack-and-the-heap)"),
        "{}\n{lesson}",
        kept.stderr
    );
}

#[test]
fn anchors_in_a_folder_of_notes_are_respelled_or_reported_not_left_to_break_the_build() {
    // A GitHub notes repo: a contents list written by hand or by an editor that makes ids
    // its own way (`#3.1 List`, `#Install`), one anchor that names nothing, one that
    // another chapter spells as the heading reads.
    let (f, code, report) = import(&[
        ("README.md", "# 学习笔记\n\n- [第一章](第1章-入门.md)\n- [第二章](第2章-进阶.md)\n"),
        (
            "第1章-入门.md",
            "# 第 1 章 入门\n\n- [3.1 List](#3.1%20List)\n- [安装](#Install)\n- [小结](#小结)\n- [旧目录](#old-toc)\n\n\
             ## 3.1 List\n\n列表。\n\n## Install\n\n安装。\n\n## 小结\n\n完。\n",
        ),
        ("第2章-进阶.md", "# 第 2 章 进阶\n\n回顾[列表](第1章-入门.md#3.1%20List)。\n"),
    ]);
    assert_eq!(code, Some(0), "{report}");
    let one = dest(&f, "content/lessons/01-第-1-部分/01-第1章-入门.md");
    assert!(
        one.contains("- [3.1 List](#31-list)\n- [安装](#install)\n- [小结](#小结)\n- 旧目录\n"),
        "{one}"
    );
    let two = dest(&f, "content/lessons/01-第-1-部分/02-第2章-进阶.md");
    assert!(two.contains("[列表](01-第1章-入门.md#31-list)"), "{two}");
    assert!(
        report.contains("references broken in the source: 1") && report.contains("no heading `#old-toc` on this page"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}
