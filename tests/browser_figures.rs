//! Figures as course books write them (raw HTML `<img>`, `srcset`, `<video poster>`,
//! `/assets/…` and `../images/…` paths, size hints from docsify, Marp and pandoc), built
//! from `tests/fixtures/figures` and opened over file:// in headless Chromium; and remote
//! images, which must keep their box when there is no network.

mod common;

use common::browser::{Browser, Page};
use common::fixture::Fixture;
use common::{file_url, files_with_suffix};
use serde_json::Value;

/// Every image URL of the page that the browser could fetch (each `srcset` candidate and
/// `poster` too, not only the one the browser picked): those that failed to load.
fn candidates_not_loaded(page: &Page) -> Vec<String> {
    let js = r#"(async () => {
        const urls = new Set();
        for (const el of document.querySelectorAll("[srcset]"))
            for (const c of el.getAttribute("srcset").split(/,\s+/)) urls.add(c.trim().split(/\s+/)[0]);
        for (const v of document.querySelectorAll("video[poster]")) urls.add(v.getAttribute("poster"));
        const failed = [];
        await Promise.all([...urls].map(u => new Promise(done => {
            const img = new Image();
            img.onload = () => { if (!img.naturalWidth) failed.push(u); done(); };
            img.onerror = () => { failed.push(u); done(); };
            img.src = u;
        })));
        return failed;
    })()"#;
    serde_json::from_value(page.eval_json(js)).expect("a list of URLs")
}

#[test]
fn every_figure_of_every_page_loads_over_file_urls() {
    let f = Fixture::new("figures");
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.page();
    let mut images = 0;
    for html in files_with_suffix(&f.out(), ".html") {
        page.goto(&file_url(&html));
        let broken = page.images_not_loaded();
        assert!(
            broken.is_empty(),
            "{}: images that did not load: {broken:?}",
            html.display()
        );
        let broken = candidates_not_loaded(&page);
        assert!(
            broken.is_empty(),
            "{}: srcset/poster images that did not load: {broken:?}",
            html.display()
        );
        images += page.count("img");
        page.assert_no_problems();
    }
    // The lesson, its deck, the second lesson, the question and the home page all show figures.
    assert!(images >= 30, "only {images} images in the whole site");

    // A raw-HTML link to a lesson's `.md` file with an anchor lands on that heading.
    let lesson = f.out().join("lessons/01-基础/01-图表.html");
    page.goto(&file_url(&lesson));
    page.click_and_wait_navigation("a[href*='01-%E9%93%BE%E6%8E%A5.html']");
    assert!(
        page.url()
            .contains("/lessons/02-%E8%BF%9B%E9%98%B6/01-%E9%93%BE%E6%8E%A5.html#"),
        "{}",
        page.url()
    );
    assert_eq!(
        page.eval_json("document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null"),
        Value::Bool(true)
    );
}

#[test]
fn size_hints_from_docsify_marp_and_pandoc_set_the_image_size() {
    let f = Fixture::new("figures");
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.page();
    page.set_viewport(1280, 900);
    page.goto(&file_url(&f.out().join("lessons/01-基础/01-图表.html")));
    assert!(page.images_not_loaded().is_empty());
    // The fixture's seven sized images of `img/价值迭代.png` (400 × 200), in order:
    // docsify 300, 50 %, 200x100; Marp w:240 h:120, width:160px; pandoc 40 %, kramdown 120 × 60.
    let sizes = page.eval_json(
        r#"[...document.querySelectorAll("img[alt='价值迭代']")].map(img => {
            const r = img.getBoundingClientRect();
            return [Math.round(r.width), Math.round(r.height), Math.round(img.parentElement.getBoundingClientRect().width)];
        })"#,
    );
    let sizes: Vec<(f64, f64, f64)> = serde_json::from_value(sizes).unwrap();
    assert_eq!(sizes.len(), 7, "{sizes:?}");
    let widths: Vec<f64> = sizes.iter().map(|s| s.0).collect();
    let parent = sizes[1].2;
    assert_eq!(
        [widths[0], widths[2], widths[3], widths[4], widths[6]],
        [300.0, 200.0, 240.0, 160.0, 120.0],
        "{sizes:?}"
    );
    assert!((widths[1] - parent * 0.5).abs() <= 1.0, "50 %: {sizes:?}");
    assert!((widths[5] - parent * 0.4).abs() <= 1.0, "40 %: {sizes:?}");
    assert_eq!([sizes[2].1, sizes[3].1, sizes[6].1], [100.0, 120.0, 60.0], "{sizes:?}");
    // The hints are not text: not in the alt text, the title or the paragraph.
    let text = page.text("article");
    for hint in [":size", "w:240", "width:160px", "{width", "{:"] {
        assert!(!text.contains(hint), "`{hint}` shows on the page");
    }
    assert_eq!(page.count("img[title^=':']"), 0);
}

/// A lesson with remote images: two without a size, one with.
const REMOTE: &str = "---\ntitle: 远程图片\n---\n## 外链的图\n\n\
    ![远程的 GMV 曲线](https://example.invalid/gmv.png)\n\n\
    <img src=\"https://example.invalid/logo.png\" alt=\"远程 HTML 图\">\n\n\
    ![w:300 h:150 有尺寸的远程图](https://example.invalid/sized.png)\n\n本地的图 ![本地](../../images/流程图.png)\n";

#[test]
fn remote_images_keep_their_box_offline_and_decks_keep_them_remote() {
    let f = Fixture::new("figures");
    f.write("content/lessons/02-进阶/02-远程.md", REMOTE);
    let run = f.build_ok(&[]);
    assert_eq!(run.stderr.matches("remote image").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("3 remote images in 1 lesson will not show offline"),
        "{}",
        run.stderr
    );

    let deck = f.read_out("decks/02-进阶/02-远程.html");
    for url in [
        "https://example.invalid/gmv.png",
        "https://example.invalid/logo.png",
        "https://example.invalid/sized.png",
    ] {
        assert!(deck.contains(&format!("src=\"{url}\"")), "the deck lost {url}");
    }
    assert!(
        deck.contains("src=\"data:image/png;base64,"),
        "the local image is not embedded"
    );

    let browser = Browser::launch();
    let page = browser.page();
    page.goto(&file_url(&f.out().join("lessons/02-进阶/02-远程.html")));
    // Offline (the test browser resolves no host): all three fail to load…
    let failed = page.images_not_loaded();
    assert_eq!(failed.len(), 3, "{failed:?}");
    // …and each keeps a box: the given size, or room for its alt text.
    let boxes = page.eval_json(
        r#"[...document.images].filter(i => i.src.startsWith("https:")).map(i => {
            const r = i.getBoundingClientRect();
            return [i.alt, r.width, r.height, parseFloat(getComputedStyle(i).fontSize)];
        })"#,
    );
    let boxes: Vec<(String, f64, f64, f64)> = serde_json::from_value(boxes).unwrap();
    assert_eq!(boxes.len(), 3, "{boxes:?}");
    for (alt, w, h, font) in &boxes {
        if alt.contains("有尺寸") {
            assert!((w - 300.0).abs() < 1.0 && (h - 150.0).abs() < 1.0, "{alt} is {w}×{h}");
        } else {
            assert!(
                *w >= 12.0 * font - 1.0 && *h >= 6.0 * font - 1.0,
                "{alt} is only {w}×{h}"
            );
        }
    }
    page.clear_problems();
}

/// mdBook's own classes in a book's HTML (its guide, "HTML classes provided by mdBook"):
/// `hidden` is not shown and `warning` is a box, on the lesson page and in the deck.
#[test]
fn mdbook_hidden_and_warning_classes_look_as_in_mdbook() {
    let f = Fixture::new("figures");
    f.write(
        "content/lessons/01-基础/09-mdbook.md",
        "---\ntitle: mdBook 的类\n---\n\n## 注意事项\n\n<div class=\"hidden\">只给编辑看的备注</div>\n\n<div class=\"warning\">\n\n发布前**务必**检查商品链接。\n\n</div>\n",
    );
    f.build_ok(&[]);
    let browser = Browser::launch();
    let page = browser.page();
    let style = r#"(() => {
        const hidden = document.querySelector(".slide .hidden"), warning = document.querySelector(".slide div.warning");
        const s = getComputedStyle(warning);
        return [getComputedStyle(hidden).display, hidden.getClientRects().length, s.borderLeftStyle, parseFloat(s.borderLeftWidth) > 0];
    })()"#;
    for html in ["lessons/01-基础/09-mdbook.html", "decks/01-基础/09-mdbook.html"] {
        page.goto(&file_url(&f.out().join(html)));
        assert_eq!(
            page.eval_json(style),
            serde_json::json!(["none", 0, "solid", true]),
            "{html}"
        );
    }
}
