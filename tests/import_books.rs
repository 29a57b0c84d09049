//! `lectern import` on the idioms of real public books and decks: mdBook's `{{#include}}`,
//! GitBook's `{% hint %}` blocks, docsify's `':include'`, invalid front matter, images
//! named by deck directives, a deck as `README.md`, nested links whose targets are missing.

mod common;

use common::fixture::Fixture;

/// `tests/fixtures/import/NAME` as `prog` with `files` written into it, imported into
/// `dest`: (fixture, exit code, stderr).
fn import(name: &str, files: &[(&str, &str)], extra: &[&str]) -> (Fixture, Option<i32>, String) {
    let f = Fixture::new(&format!("import/{name}"));
    for (rel, text) in files {
        f.write(rel, text);
    }
    let mut args = vec!["import", "prog", "dest"];
    args.extend_from_slice(extra);
    let run = f.run_bare(&args);
    (f, run.code, run.stderr)
}

fn dest(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.dir.path().join("dest").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_linked_image_whose_targets_are_both_missing_becomes_its_alt_text() {
    let (f, code, report) = import(
        "blank",
        &[(
            "01-电影.md",
            "# 电影列表\n\n[![电影列表截图](_static/image2.png)](_static/image1.png)\n",
        )],
        &[],
    );
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("references broken in the source: 2"), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/01-电影.md");
    assert!(lesson.ends_with("\n电影列表截图\n"), "{lesson}");
}

#[test]
fn mdbook_includes_are_expanded_as_mdbook_does() {
    let (f, code, report) = import("mdbook-include", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/01-ownership.md");
    assert!(
        lesson.starts_with("---\ntitle: \"所有权（Ownership）入门\"\n---\n"),
        "{lesson}"
    );
    // A Markdown fragment spliced in, and not a lesson of its own.
    assert!(lesson.contains("\n> 小提示：`cargo run` 会先编译"), "{lesson}");
    assert!(!report.contains("tip.md"), "{report}");
    // rustdoc_include: the anchor's lines shown, the others hidden, anchor lines gone.
    assert!(
        lesson.contains("```rust\n# use std::fmt;\n# \nfn first_word(s: &str) -> &str {\n    s.split(' ')"),
        "{lesson}"
    );
    assert_eq!(
        lesson.matches("ANCHOR").count(),
        2,
        "only the playground's whole file has them: {lesson}"
    );
    assert!(
        lesson.contains("```rust\nfn first_word(s: &str) -> &str {\n    s.split(' ').next().unwrap_or(\"\")\n}\n```"),
        "{lesson}"
    );
    assert!(lesson.contains("```console\n$ cargo run\n你好\n```"), "{lesson}");
    assert!(lesson.contains("```rust,editable\nuse std::fmt;"), "{lesson}");
    assert!(lesson.contains("要转义：`{{#include file.rs}}`。"), "{lesson}");
    // A file that is not there: reported where it is written, the directive kept.
    assert!(lesson.contains("{{#include 不存在.rs}}"), "{lesson}");
    assert!(
        report.contains("prog/src/ownership.md:28:1") && report.contains("`src/不存在.rs` does not exist"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}

#[test]
fn gitbook_blocks_become_callouts_captions_and_links() {
    let (f, code, report) = import("gitbook-blocks", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    let install = dest(&f, "content/lessons/01-第-1-部分/01-install.md");
    for part in [
        "::: warning\n安装前先**备份**草稿（drafts）。\n:::\n",
        "**macOS**\n\n```bash\n",
        "**Windows**\n\n```powershell\n",
        "**导出设置.yaml**\n```yaml\n",
        "[剪映入门：十分钟学会粗剪](<https://www.bilibili.com/video/BV1xx411c7mD>)",
        "\n[shortcuts.md](02-shortcuts.md)\n",
        "[剪辑速查表（PDF）](.gitbook/assets/剪辑速查表.pdf)",
        "\n旧版速查表\n",
        // GitBook's syntax shown in a code block stays as written.
        "```markdown\n{% hint style=\"success\" %}\n做得好！\n{% endhint %}\n```",
    ] {
        assert!(install.contains(part), "{part}:\n{install}");
    }
    assert_eq!(install.matches("{%").count(), 2, "{install}");
    let shortcuts = dest(&f, "content/lessons/01-第-1-部分/02-shortcuts.md");
    assert!(
        shortcuts.contains("::: tip\n") && shortcuts.contains("::: danger\n"),
        "{shortcuts}"
    );
    assert!(dest(&f, "content/index.md").contains("::: info\n本手册"));
    assert!(
        report.contains("prog/install.md:40:1") && report.contains("不存在.pdf"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success && !build.stderr.contains("warning"), "{}", build.stderr);
    let page = std::fs::read_to_string(f.out().join("lessons/01-第-1-部分/01-install.html")).unwrap();
    assert!(page.contains("callout-warning") && !page.contains("{% tab"), "{page}");
    assert!(f
        .out()
        .join("lessons/01-第-1-部分/.gitbook/assets/剪辑速查表.pdf")
        .is_file());
}

#[test]
fn docsify_embeds_are_inlined_and_link_options_are_not_titles() {
    let (f, code, report) = import("docsify-embed", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("references broken in the source: 0"), "{report}");
    let rules = dest(&f, "content/lessons/01-入门/01-rules.md");
    for part in [
        // Found from the site's root, as docsify looks, and inlined.
        "# 剪辑规范\n\n> 片头三秒决定完播率（completion rate）。\n\n导出预设",
        "```js\nconst preset = { fps: 30, resolution: '1080p' };\n```",
        "```markdown\n> 片头三秒决定完播率（completion rate）。\n```",
        // An existing .html file is that file, not a chapter `流程.md`.
        "[剪辑流程](/assets/_media/流程.html)",
        "[在新窗口打开](https://example.com/flow)。",
        "[流程](/assets/_media/流程.html)\n",
        // A remote page embedded in a frame stays a link to it.
        "演示站点：[官方示例](https://example.com/demo)\n",
    ] {
        assert!(rules.contains(part), "{part}:\n{rules}");
    }
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}

#[test]
fn invalid_front_matter_is_reported_not_turned_into_slide_text() {
    let (f, code, report) = import("decks-invalid", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("imported a marp source"), "{report}");
    assert!(
        report.contains("prog/01-docker.md:4:14") && report.contains("front matter is not valid YAML"),
        "{report}"
    );
    // The help quotes the very line that is wrong.
    assert!(report.contains(r#"(`title: "Docker: 从入门到上线"`)"#), "{report}");
    // Kept as written, with no title made of its lines.
    let deck = dest(&f, "content/lessons/01-第-1-部分/01-docker.md");
    assert_eq!(deck, std::fs::read_to_string(f.path("01-docker.md")).unwrap());
    assert!(!report.contains("01-docker.md (title front matter added)"), "{report}");
}

#[test]
fn images_named_by_deck_directives_are_copied_or_reported() {
    let (f, code, report) = import("decks-images", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    for file in [
        "img/封面.png",
        "img/网格.png",
        "img/人物.png",
        "asset/城市.png",
        "asset/夜景.png",
        "asset/航拍.mp4",
        "asset/懒加载.png",
    ] {
        assert!(
            f.dir
                .path()
                .join("dest/content/lessons/01-第-1-部分")
                .join(file)
                .is_file(),
            "{file}:\n{report}"
        );
    }
    assert!(!report.contains("#1e1e1e") && !report.contains("#000"), "{report}");
    // Missing: reported; Marp's keywords are not left as text, a background goes whole.
    assert!(report.contains("references broken in the source: 2"), "{report}");
    let deck = dest(&f, "content/lessons/01-第-1-部分/01-运营.md");
    assert!(deck.contains("## 数据看板\n\n\n\n旧版截图\n"), "{deck}");
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
}

#[test]
fn a_deck_that_is_the_readme_is_a_lesson_not_the_home_page() {
    for extra in [&[][..], &["--from", "marp"][..]] {
        let (f, code, report) = import("decks-readme", &[], extra);
        assert_eq!(code, Some(0), "{report}");
        assert!(report.contains("1 modules, 1 lessons"), "{report}");
        assert!(!f.dir.path().join("dest/content/index.md").exists(), "{report}");
        let deck = dest(&f, "content/lessons/01-第-1-部分/01-readme.md");
        assert!(deck.starts_with("---\nmarp: true\n"), "{deck}");
        let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
        assert!(build.success, "{}", build.stderr);
        assert!(f.out().join("decks/01-第-1-部分/01-readme.html").is_file());
    }
}

#[test]
fn layouts_are_detected_where_books_keep_them() {
    // An mdBook's src/ folder alone: prefix chapters make it mdBook, not GitBook.
    for extra in [&[][..], &["--from", "mdbook"][..]] {
        let (_, code, report) = import("mdbook-src", &[], extra);
        assert_eq!(code, Some(0), "{report}");
        assert!(
            report.contains("imported a mdbook source: 3 modules, 4 lessons, a home page"),
            "{report}"
        );
        assert!(report.contains("content/index.md ← title-page.md"), "{report}");
        assert!(!report.contains("未列入目录"), "{report}");
    }
    // A docsify site in docs/, beside the repository's README.
    let (_, code, report) = import("docsify-docs", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("imported a docsify source: 2 modules, 2 lessons"),
        "{report}"
    );
    assert!(report.contains("content/index.md ← docs/README.md"), "{report}");
    // --from mdbook on a folder that is no mdBook: a clear failure, nothing written.
    let (f, code, report) = import("folder", &[], &["--from", "mdbook"]);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("no chapters to import") && report.contains("SUMMARY.md"),
        "{report}"
    );
    assert!(!f.dir.path().join("dest/lectern.yaml").exists());
}

#[test]
fn one_chinese_line_in_code_does_not_make_an_english_book_chinese() {
    let readme = "# Editing handbook\n\nShort-video editing for new staff, in English.\n";
    let chapter = "# Subtitles\n\nWrite subtitles in the viewer's language:\n\n```md\n### 你好，世界！\n```\n\nMore in [简体中文](zh.md).\n";
    let (f, code, report) = import("blank", &[("README.md", readme), ("01-subtitles.md", chapter)], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains(", en)"), "{report}");
    assert!(dest(&f, "lectern.yaml").ends_with("language: en\n"));
    let (_, _, report) = import("blank", &[], &[]);
    assert!(report.contains(", zh-CN)"), "{report}");
}

#[test]
fn books_grouped_by_nesting_get_a_module_per_top_chapter_and_readable_ids() {
    let (_, code, report) = import("mdbook-nested", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    for line in [
        "imported a mdbook source: 4 modules, 8 lessons",
        "content/lessons/01-第-1-部分/01-简介.md ← src/README.md",
        "content/lessons/02-命令行-cli/01-cli.md ← src/cli/README.md",
        "content/lessons/02-命令行-cli/03-build.md ← src/cli/build.md",
        "content/lessons/03-格式/02-summary.md ← src/format/summary.md",
        "content/lessons/04-第-4-部分/01-faq.md ← src/faq.md",
        "content/lessons/04-第-4-部分/02-history.md ← src/history.md",
    ] {
        assert!(report.contains(line), "{line}:\n{report}");
    }
    let (_, code, report) = import("docsify-nested", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    for line in [
        "imported a docsify source: 2 modules, 5 lessons",
        "content/lessons/01-基础篇/02-ch1.md ← basics/ch1/main.md",
        "content/lessons/01-基础篇/03-ch2.md ← basics/ch2/main.md",
        "content/lessons/02-使用文档/01-docs.md ← docs/main.md",
    ] {
        assert!(report.contains(line), "{line}:\n{report}");
    }
}

#[test]
fn the_home_page_shows_its_title_once_and_external_toc_links_are_skipped() {
    let (f, code, report) = import("gitbook-blocks", &[], &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(dest(&f, "content/index.md").starts_with("# 欢迎\n"));
    assert!(
        report.contains("table of contents links to another site, skipped: `服务条款` (https://example.com/terms)")
            && !report.contains("which does not exist"),
        "{report}"
    );
    let build = f.run_bare(&["--root", "dest", "build", "--out", "out"]);
    assert!(build.success, "{}", build.stderr);
    let home = std::fs::read_to_string(f.out().join("index.html")).unwrap();
    assert_eq!(home.matches("<h1").count(), 1, "{home}");
}

/// marp-cli and reveal-md take any Markdown file: named with `--from`, every chapter becomes
/// that tool's deck (its HTML comments notes, its slides by the tool's rules).
#[test]
fn from_marp_or_reveal_makes_every_chapter_that_tools_deck() {
    let files = [
        (
            "01-开场.md",
            "# 开场\n\n主讲：张老师\n2026 年 12 月\n\n<!-- 先做自我介绍 -->\n\n---\n\n## 今天讲什么\n",
        ),
        ("02-选题.md", "---\ntitle: 选题\n---\n\n# 选题\n\n- 热点\n- 常青\n"),
        ("03-已是.md", "---\nmarp: true\n---\n\n# 已经是 Marp\n"),
    ];
    let (f, code, report) = import("blank", &files, &["--from", "marp"]);
    assert_eq!(code, Some(0), "{report}");
    let read = |name: &str| dest(&f, &format!("content/lessons/01-第-1-部分/{name}"));
    assert!(
        read("01-开场.md").starts_with("---\nmarp: true\ntitle: \"开场\"\n---\n# 开场"),
        "{}",
        read("01-开场.md")
    );
    assert!(
        read("02-选题.md").starts_with("---\nmarp: true\ntitle: 选题\n---\n"),
        "{}",
        read("02-选题.md")
    );
    assert_eq!(read("03-已是.md").matches("marp: true").count(), 1);
    // Built, the comment is a speaker note (kept out of the page), as in Marp.
    let built = f.run_bare(&["--root", "dest", "build"]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let page = std::fs::read_to_string(f.dir.path().join("dest/public/lessons/01-第-1-部分/01-开场.html")).unwrap();
    assert!(!page.contains("先做自我介绍"), "a Marp note is not on the page");
    assert!(page.contains("主讲：张老师<br />"), "Marp's line breaks: {page}");

    let (f, code, report) = import("blank", &files[..1], &["--from", "reveal"]);
    assert_eq!(code, Some(0), "{report}");
    let lesson = dest(&f, "content/lessons/01-第-1-部分/01-开场.md");
    assert!(
        lesson.starts_with("---\nseparator: '^(\\r\\n?|\\n)---(\\r\\n?|\\n)$'\ntitle: \"开场\"\n---\n"),
        "{lesson}"
    );
    let built = f.run_bare(&["--root", "dest", "build"]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
}
