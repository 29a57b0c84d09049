//! Decks from classic Marp (the desktop app before Marp Next, 2016–2018): many Chinese
//! course decks on GitHub still use its syntax, `![70%](…)` image scales and directives
//! such as `<!-- page_number: true -->`, `<!-- *template: invert -->`, `<!-- $theme: gaia -->`.

mod common;

use common::fixture::Fixture;
use common::html::sel;
use scraper::Html;

/// A classic Marp deck as such repositories have it: no front matter, the directives in
/// comments at the top.
const DECK: &str = "<!-- page_number: true -->
<!--$theme: gaia-->
<!-- $size: 16:9 -->
<!-- footer: 遥感图像处理 · 2017 -->

# 遥感数字图像处理实验课

崔家梁

---
<!-- *template: invert -->
# 直方图均衡化-效果

![50%](figures/h1.svg)![50%](figures/h1.svg)
![120% center](figures/h1.svg)

![转化率提升 30%](figures/h1.svg)

---

# 高通与低通滤波 filter
";

fn built() -> Fixture {
    let f = Fixture::new("good");
    f.write_bytes(
        "content/lessons/03-old/figures/h1.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"/>",
    );
    f.write("content/lessons/03-old/01-old.md", DECK);
    f.build_ok(&[]);
    f
}

fn images(html: &Html) -> Vec<(String, String)> {
    html.select(&sel("img[src$='h1.svg'], .slide img"))
        .map(|i| {
            let attr = |a| i.value().attr(a).unwrap_or_default().to_string();
            (attr("alt"), attr("style"))
        })
        .collect()
}

#[test]
fn a_percentage_alt_text_scales_the_image_and_center_centres_it() {
    let f = built();
    for page in ["lessons/03-old/01-old.html", "decks/03-old/01-old.html"] {
        let html = Html::parse_document(&f.read_out(page));
        assert_eq!(
            images(&html),
            [
                ("".into(), "zoom:50%;".into()),
                ("".into(), "zoom:50%;".into()),
                ("".into(), "zoom:120%;display:block;margin:0 auto;".into()),
                // A percentage in a description is text.
                ("转化率提升 30%".into(), "".into()),
            ],
            "{page}"
        );
    }
}

fn slide_classes(f: &Fixture) -> Vec<String> {
    let html = Html::parse_document(&f.read_out("decks/03-old/01-old.html"));
    html.select(&sel(".deck-stage > section.slide"))
        .map(|s| s.value().attr("class").unwrap_or_default().to_string())
        .collect()
}

#[test]
fn classic_directives_mean_what_marp_next_spells_otherwise() {
    let f = built();
    // `*template: invert` is `_class: invert`: that slide only (its pictures make it long
    // enough to continue on a second deck slide).
    let mut classes = slide_classes(&f);
    classes.dedup();
    assert_eq!(classes, ["slide", "slide invert", "slide"]);
    let f = Fixture::new("good");
    f.write(
        "content/lessons/03-old/01-old.md",
        "<!-- template: invert -->\n\n# 第一页\n\n---\n\n<!-- *page_number: false -->\n\n# 第二页\n\n---\n\n# 第三页\n",
    );
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(
        slide_classes(&f),
        ["slide invert", "slide invert no-paginate", "slide invert"],
        "`template` is `class`; `*page_number: false` hides the number on that slide"
    );
}
