//! Marp and reveal-md decks from `tests/fixtures/decks-wild` in real headless Chromium:
//! reveal.js hash routes go to their slide, in the deck and on the lesson page, and the
//! Marp front matter's CSS (gradient, `style`, header and footer) shows.

mod common;

use common::browser::{Browser, Page};
use common::file_url;
use common::fixture::Fixture;
use serde_json::json;

fn built() -> Fixture {
    let f = Fixture::new("decks-wild");
    f.build_ok(&[]);
    f
}

fn current_slide(page: &Page) -> serde_json::Value {
    page.eval_json("lecternDeck.current().slide")
}

/// Click a link in the deck and wait until the deck shows slide `n` (1-based).
fn click_to_slide(page: &Page, href: &str, n: usize) {
    page.click(&format!(".slide.current a[href=\"{href}\"]"));
    page.wait_true(
        &format!("`{href}` to show slide {n}"),
        &format!("lecternDeck.current().slide === {n} && location.hash === '#{n}'"),
    );
}

#[test]
fn reveal_hash_routes_go_to_their_slide_in_the_deck_and_on_the_page() {
    let f = built();
    let browser = Browser::launch();
    let deck_file = f.out().join("decks/02-reveal/01-positioning.html");
    let deck = browser.open(&file_url(&deck_file));
    assert_eq!(current_slide(&deck), json!(1));
    // `#/2/1`: column 2 (from 0), one slide down: 剪什么, the deck's fourth slide.
    click_to_slide(&deck, "#/2/1", 4);
    assert_eq!(deck.text(".slide.current h2"), "剪什么");
    deck.press_key("Home");
    click_to_slide(&deck, "#/3", 5);
    assert_eq!(deck.text(".slide.current h2"), "作业");
    click_to_slide(&deck, "#/0", 1);
    deck.press_key("End");
    deck.press_key("Home");
    click_to_slide(&deck, "#/", 1);
    // Typed into the address bar, as reveal.js users share slides.
    let typed = browser.open(&format!("{}#/2", file_url(&deck_file)));
    assert_eq!(current_slide(&typed), json!(3));
    assert_eq!(typed.text(".slide.current h2"), "为谁剪");
    deck.assert_no_problems();
    typed.assert_no_problems();

    // The lesson page has no script for this: the route is an id in the slide's section.
    let page = browser.open(&file_url(&f.out().join("lessons/02-reveal/01-positioning.html")));
    page.click("a[href=\"#/2/1\"]");
    page.wait_true(
        "the route to be the page's target",
        "document.querySelector(':target') !== null && location.hash === '#/2/1'",
    );
    assert_eq!(
        page.eval_json("document.querySelector(':target').closest('section').id"),
        json!("slide-4")
    );
    page.assert_no_problems();
}

#[test]
fn a_reveal_element_with_class_fragment_is_a_step_of_its_slide() {
    let f = built();
    let browser = Browser::launch();
    let deck = browser.open(&file_url(&f.out().join("decks/02-reveal/01-positioning.html")));
    // Slide 2, 你是谁: `- 口吻：像朋友推荐，不像广告 <!-- .element: class="fragment" -->`.
    deck.press_key("ArrowRight");
    let opacity = "getComputedStyle(document.querySelector('.slide.current li.fragment')).opacity";
    deck.wait_true("slide 2 to show", "lecternDeck.current().slide === 2");
    assert_eq!(deck.text(".slide.current li.fragment"), "口吻：像朋友推荐，不像广告");
    deck.wait_true("the step to be hidden", &format!("{opacity} === '0'"));
    // The next key shows the step, and stays on the slide; the one after moves on.
    deck.press_key("ArrowRight");
    deck.wait_true("the step to show", &format!("{opacity} === '1'"));
    assert_eq!(
        deck.eval_json("lecternDeck.current()"),
        json!({"slide": 2, "step": 1, "slides": 5})
    );
    deck.press_key("ArrowRight");
    deck.wait_true("slide 3 to show", "lecternDeck.current().slide === 3");
    deck.assert_no_problems();
}

#[test]
fn a_marp_split_background_sits_beside_the_content() {
    let f = built();
    let browser = Browser::launch();
    let deck = browser.open(&file_url(&f.out().join("decks/01-marp/01-hit-review.html")));
    // Slide 3, 留存曲线: `![bg right:40%](images/retention.svg)`.
    let box_of = deck.eval_json(
        "(() => { const s = document.querySelectorAll('.deck-stage .slide')[2];
            const layer = s.querySelector('.deck-bg'), before = getComputedStyle(layer.firstElementChild);
            const beside = layer.getBoundingClientRect();
            const slide = s.getBoundingClientRect(), content = s.querySelector('.slide-content').getBoundingClientRect();
            return { title: s.querySelector('h2').textContent, image: before.backgroundImage.slice(0, 24),
                     width: Math.round(beside.width / slide.width * 100) / 100, right: Math.round(slide.right - beside.right),
                     content_right: (content.right - slide.left) / slide.width,
                     slide_image: getComputedStyle(s).backgroundImage.includes('svg') }; })()",
    );
    assert_eq!(box_of["title"], json!("留存曲线"));
    assert_eq!(box_of["image"], json!("url(\"data:image/svg+xml;"), "{box_of}");
    assert_eq!(
        box_of["width"],
        json!(0.4),
        "the image takes 40 % of the slide: {box_of}"
    );
    assert_eq!(box_of["right"], json!(0), "{box_of}");
    assert!(
        box_of["content_right"].as_f64().unwrap() <= 0.6,
        "the text keeps left of it: {box_of}"
    );
    assert_eq!(
        box_of["slide_image"],
        json!(false),
        "not under the text as well: {box_of}"
    );
    deck.assert_no_problems();
}

#[test]
fn marp_style_elements_style_the_deck_and_scoped_ones_only_their_slide() {
    let f = built();
    let browser = Browser::launch();
    let deck = browser.open(&file_url(&f.out().join("decks/01-marp/02-script-breakdown.html")));
    let look = |page: &Page, slide: &str| {
        page.eval_json(&format!(
            "(() => {{ const s = {slide}; const h = s.querySelector('h2');
                return {{ title: h.textContent, color: getComputedStyle(h).color,
                          spacing: getComputedStyle(s).letterSpacing }}; }})()"
        ))
    };
    // 开场三十秒 (slide 2) and 逼单 (slide 4, with `<style scoped>`), in the deck.
    let deck_slide = |n: usize| format!("document.querySelectorAll('.deck-stage .slide')[{}]", n - 1);
    let plain = look(&deck, &deck_slide(2));
    let scoped = look(&deck, &deck_slide(4));
    assert_eq!(scoped["title"], json!("逼单"));
    assert_eq!(scoped["color"], json!("rgb(192, 28, 40)"), "{scoped}");
    assert_ne!(plain["color"], json!("rgb(192, 28, 40)"), "{plain}");
    // The body's `<style>` (not scoped) is the whole deck's: `section` is every slide.
    assert_eq!(plain["spacing"], json!("2px"), "{plain}");
    assert_eq!(scoped["spacing"], json!("2px"), "{scoped}");
    deck.assert_no_problems();

    // On the lesson page the scoped style stays on its slide, and the deck's style is the deck's.
    let page = browser.open(&file_url(&f.out().join("lessons/01-marp/02-script-breakdown.html")));
    let section_of = |title: &str| {
        format!("[...document.querySelectorAll('h2')].find(h => h.textContent === '{title}').closest('section')")
    };
    assert_eq!(look(&page, &section_of("逼单"))["color"], json!("rgb(192, 28, 40)"));
    let other = look(&page, &section_of("开场三十秒"));
    assert_ne!(other["color"], json!("rgb(192, 28, 40)"), "{other}");
    assert_ne!(other["spacing"], json!("2px"), "{other}");
    page.assert_no_problems();
}

#[test]
fn marp_front_matter_css_shows_in_the_deck() {
    let f = built();
    let browser = Browser::launch();
    let deck = browser.open(&file_url(&f.out().join("decks/01-marp/01-hit-review.html")));
    let look = deck.eval_json(
        "(() => { const s = document.querySelectorAll('.slide'); const css = e => getComputedStyle(e); return {
            gradient: css(s[1]).backgroundImage,
            grid: css(s[3]).backgroundImage.startsWith('url(\"data:image/svg+xml;base64,'),
            repeat: css(s[3]).backgroundRepeat,
            lead_h1: css(s[0].querySelector('h1')).color,
            other_h2: css(s[1].querySelector('h2')).color !== css(s[0].querySelector('h1')).color,
            spacing: css(s[1]).letterSpacing,
            help_spacing: css(document.querySelector('.deck-help h2')).letterSpacing,
            header: s[1].querySelector('.deck-header').textContent,
            footer: s[1].querySelector('.deck-footer').innerHTML,
            last_footer: s[3].querySelector('.deck-footer').textContent,
            lang: document.documentElement.lang,
            author: document.querySelector('meta[name=author]').content,
        }; })()",
    );
    assert_eq!(
        look["gradient"],
        json!("linear-gradient(rgb(255, 251, 230) 0%, rgb(255, 255, 255) 100%)"),
        "{look}"
    );
    assert_eq!(look["grid"], json!(true), "{look}");
    assert_eq!(look["repeat"], json!("repeat"), "{look}");
    assert_eq!(
        look["lead_h1"],
        json!("rgb(192, 28, 40)"),
        "`style: |` wins over the theme: {look}"
    );
    assert_eq!(look["other_h2"], json!(true), "{look}");
    assert_eq!(look["spacing"], json!("1px"), "`section` is a slide: {look}");
    assert_eq!(
        look["help_spacing"],
        json!("normal"),
        "the deck's CSS stays on its slides: {look}"
    );
    assert_eq!(look["header"], json!("直播切片 KOC 训练营"), "{look}");
    assert_eq!(look["footer"], json!("第 3 周 · <strong>剪辑组</strong>"), "{look}");
    assert_eq!(
        look["last_footer"],
        json!("作业页 · 周五前交"),
        "`_footer` on that slide: {look}"
    );
    assert_eq!(
        (look["lang"].clone(), look["author"].clone()),
        (json!("zh-CN"), json!("张老师"))
    );
    deck.assert_no_problems();
}
