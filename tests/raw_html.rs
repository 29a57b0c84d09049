//! Raw HTML in Markdown: cleaned by default (students write Q&A answers), passed through
//! with `unsafe_html: true`. See src/markdown/raw_html.rs.

mod common;

use common::fixture::Fixture;

const ANSWER: &str = "---\nquestion: 直播时怎么切换镜头？\ntags: [直播]\n---\n按 <kbd>Ctrl</kbd>+<kbd>1</kbd> 切换。<img src=\"x.png\" onerror=\"alert(document.cookie)\">\n\n<div onclick=\"steal()\">\n<script>alert(1)</script>\n<a href=\"https://example.com/\" onclick=\"alert(2)\">点我</a>\n<iframe src=\"https://example.com/\"></iframe>\n<p style=\"position:fixed;top:0\">提示</p>\n</div>\n";

const LESSON: &str = "---\ntitle: 快捷键\n---\n\n## 常用键\n\n先按 <kbd>F5</kbd> 开始，<span onmouseover=\"x()\">悬停</span>。\n\n<details>\n<summary>答案</summary>\n看 GMV。\n</details>\n\n<!-- _class: lead -->\n\n- [ ] 练习一次<script>alert(3)</script>\n";

/// The built page for the question and the lesson, and the decks' slide.
fn build(unsafe_html: bool) -> (String, String, String) {
    let f = Fixture::new("good");
    f.write("content/qa/shortcut.md", ANSWER);
    f.write("content/lessons/02-advanced/20-keys.md", LESSON);
    f.write_bytes("content/qa/x.png", &[137, 80, 78, 71]);
    if unsafe_html {
        let config = std::fs::read_to_string(f.root().join("lectern.yaml")).unwrap();
        f.write("lectern.yaml", &format!("{config}unsafe_html: true\n"));
    }
    f.build_ok(&[]);
    (
        f.read_out("qa/shortcut.html"),
        f.read_out("lessons/02-advanced/20-keys.html"),
        f.read_out("decks/02-advanced/20-keys.html"),
    )
}

#[test]
fn raw_html_is_cleaned_by_default() {
    let (qa, lesson, deck) = build(false);
    for (name, html) in [("qa", &qa), ("lesson", &lesson), ("deck", &deck)] {
        let body = &html[html.find("<main").or_else(|| html.find("<body")).unwrap()..];
        for bad in [
            "onerror",
            "onclick",
            "onmouseover",
            "alert(",
            "javascript:",
            "<iframe",
            "position:fixed",
            "steal()",
        ] {
            assert!(!body.contains(bad), "{name} page keeps `{bad}`");
        }
    }
    // Harmless markup stays, and the text around it.
    assert!(qa.contains("<kbd>Ctrl</kbd>+<kbd>1</kbd>"), "{qa}");
    assert!(qa.contains("<img src=\"x.png\">"));
    assert!(qa.contains("<p>提示</p>") && qa.contains("点我"));
    assert!(lesson.contains("<kbd>F5</kbd>") && lesson.contains("<span>悬停</span>"));
    assert!(lesson.contains("<summary>答案</summary>"));
    // Directives in comments still work: the class reaches the deck's slide.
    assert!(deck.contains("lead"), "the _class directive was lost");
}

#[test]
fn unsafe_html_passes_raw_html_through() {
    let (qa, lesson, _) = build(true);
    assert!(qa.contains("onerror=\"alert(document.cookie)\""));
    assert!(qa.contains("<div onclick=\"steal()\">"));
    assert!(lesson.contains("<span onmouseover=\"x()\">"));
}

/// A `javascript:` URL in raw HTML is reported like one in a Markdown link, at the
/// attribute's value, whether or not the cleaner would have removed it.
#[test]
fn javascript_urls_in_raw_html_are_errors_like_in_markdown() {
    for unsafe_html in [false, true] {
        let f = Fixture::new("good");
        f.write(
            "content/qa/js.md",
            "---\nquestion: 点这里？\n---\n先看 <a title=\"x\" href=\"javascript:alert(2)\">点我</a>\n",
        );
        if unsafe_html {
            f.edit("lectern.yaml", |c| format!("{c}unsafe_html: true\n"));
        }
        let run = f.build(&[]);
        assert!(!run.success, "built with a javascript: link");
        assert!(
            run.stderr.contains("unsupported link scheme `javascript:`")
                && run.stderr.contains("content/qa/js.md:4:23"),
            "{}",
            run.stderr
        );
    }
}

/// Figures in raw HTML get the same relative URLs and copied files as Markdown images,
/// whether the HTML is cleaned or passed through (`tests/fixtures/figures`).
#[test]
fn raw_html_urls_are_rewritten_with_and_without_cleaning() {
    for unsafe_html in [false, true] {
        let f = Fixture::new("figures");
        if unsafe_html {
            f.edit("lectern.yaml", |c| format!("{c}unsafe_html: true\n"));
        }
        f.build_ok(&[]);
        let lesson = f.read_out("lessons/01-基础/01-图表.html");
        for url in [
            "src=\"../../assets/img/ch2/2.1.png\"",
            "srcset=\"../../assets/img/ch2/2.2@1x.png 1x, ../../assets/img/ch2/2.2@2x.png 2x\"",
            "srcset=\"../../assets/img/ch2/2.2@2x.png\"",
            "poster=\"img/poster.png\"",
            "href=\"../02-%E8%BF%9B%E9%98%B6/01-%E9%93%BE%E6%8E%A5.html#策略梯度\"",
        ] {
            assert!(lesson.contains(url), "unsafe_html: {unsafe_html}: no {url}");
        }
        assert!(f.read_out("index.html").contains("src=\"assets/img/ch2/2.1.png\""));
        assert!(f
            .read_out("qa/图片路径.html")
            .contains("src=\"../images/%E6%B5%81%E7%A8%8B%E5%9B%BE.png\""));
        for copied in [
            "images/流程图.png",
            "lessons/01-基础/img/poster.png",
            "lessons/01-基础/img/demo.mp4",
        ] {
            assert!(f.out().join(copied).is_file(), "{copied} was not copied");
        }
    }
}

/// A README and a GitBook page as pasted: anchors GitHub honours.
const ANCHORS: &str = "---\ntitle: 锚点\n---\n\n<div id=\"top\"></div>\n\n## 目录 (Contents)\n\n- [国际化 i18n](#nav-1)\n- [常见问题 FAQ](#faq)\n- [应用类型](#application_type)\n- [你好](#hello-world)\n\n<span id=\"nav-1\"></span>\n\n## 国际化\n\n<a name=\"faq\"></a>\n\n## 常见问题\n\n### 应用类型 <a href=\"#application_type\" id=\"application_type\"></a>\n\n### 你好，世界！ :id=hello-world\n\n<div id=\"main\">撞名 (clashes with the page's own id)</div>\n\n[回到顶部 back to top](#top)\n";

#[test]
fn html_ids_and_a_names_are_kept_and_are_anchors() {
    for unsafe_html in [false, true] {
        let f = Fixture::new("good");
        f.write("content/lessons/02-advanced/21-anchors.md", ANCHORS);
        if unsafe_html {
            f.edit("lectern.yaml", |c| format!("{c}unsafe_html: true\n"));
        }
        f.build_ok(&[]);
        let page = f.read_out("lessons/02-advanced/21-anchors.html");
        for kept in [
            "<div id=\"top\">",
            "<span id=\"nav-1\">",
            "name=\"faq\"",
            "id=\"application_type\"",
            "<h3 id=\"hello-world\">你好，世界！</h3>",
        ] {
            assert!(page.contains(kept), "unsafe_html {unsafe_html}: `{kept}` lost");
        }
        assert!(!page.contains(":id="), "docsify's `:id=` is not shown");
        assert_eq!(
            page.matches("id=\"main\"").count(),
            1,
            "the page's own `main` stays unique"
        );
    }
}

/// A reveal.js talk as its author wrote it: lazy media, an embedded demo, a body style.
const LAZY: &str = "---\ntitle: 光照 Lighting\nrevealOptions:\n  transition: slide\n---\n\n## 日光 (sunlight)\n\n<img data-src=\"asset/sun.png\" alt=\"日光\">\n\n---\n\n<video data-autoplay><source data-src=\"asset/clip.mp4\" type=\"video/mp4\"></video>\n\n---\n\n## 演示 demo\n\n<iframe class=\"fullscreen\" data-src=\"asset/globe.html\"></iframe>\n\n<style>.reveal h2 { color: #fff; }</style>\n";

#[test]
fn reveal_lazy_media_is_kept_and_removed_elements_are_one_warning() {
    let f = Fixture::new("good");
    f.write("content/lessons/02-advanced/22-lazy.md", LAZY);
    f.write_bytes("content/lessons/02-advanced/asset/sun.png", &[137, 80, 78, 71]);
    f.write_bytes("content/lessons/02-advanced/asset/clip.mp4", &[0, 0, 0, 24]);
    let run = f.build_ok(&[]);
    let page = f.read_out("lessons/02-advanced/22-lazy.html");
    assert!(page.contains("src=\"asset/sun.png\""), "<img data-src> lost");
    assert!(page.contains("src=\"asset/clip.mp4\""), "<source data-src> lost");
    let deck = f.read_out("decks/02-advanced/22-lazy.html");
    assert!(deck.contains("<img src=\"data:image/png;base64,"), "the deck embeds it");
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.contains("raw HTML removed")).collect();
    assert_eq!(
        warnings,
        ["warning: raw HTML removed from the page: `<iframe>`, `<style>` (2 elements, the first here)"],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("22-lazy.md:19:1"), "{}", run.stderr);
    assert!(run.stderr.contains("unsafe_html: true"), "{}", run.stderr);
}
