//! Slide decks in real headless Chromium, opened from disk the way a classroom would
//! open them from a USB stick: keys, fragments, overview, presenter view, printing, notes
//! and footnotes.

mod common;

use common::browser::{Browser, Page, PrintOptions};
use common::fixture::Fixture;
use common::{file_url, pdf_page_sizes};
use lectern::markdown::layout::{Canvas, PADDING_TOP, PADDING_X, TEXT_SIZE};
use serde_json::{json, Value};

/// The decks as instructors build them, with speaker notes (presenter view, handouts).
fn built() -> Fixture {
    let f = Fixture::new("decks");
    f.build_ok(&["--notes"]);
    f
}

/// The decks as the site publishes them by default: without speaker notes.
fn built_for_students() -> Fixture {
    let f = Fixture::new("decks");
    f.build_ok(&[]);
    f
}

fn deck_url(f: &Fixture, lesson: &str) -> String {
    file_url(&f.out().join(format!("decks/01-decks/{lesson}.html")))
}

fn at(page: &Page) -> Value {
    page.eval_json("lecternDeck.current()")
}

fn shown_fragments(page: &Page) -> usize {
    page.count(".slide.current .fragments > li.shown")
}

#[test]
fn keys_fragments_hash_and_jumps() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "01-fragments"));
    // The lesson does not open with a heading, so a title slide comes first.
    assert_eq!(at(&page), json!({"slide": 1, "step": 0, "slides": 6}));
    assert_eq!(page.text(".slide.current h1"), "逐条显示");
    page.press_key("ArrowRight");
    page.press_key("PageDown");
    assert_eq!(at(&page)["slide"], 3, "slide 3 holds the `*` list");
    assert_eq!(shown_fragments(&page), 0);
    for n in 1..=3 {
        page.press_key(" ");
        assert_eq!(shown_fragments(&page), n, "one item per step");
        assert_eq!(at(&page)["slide"], 3);
    }
    page.press_key("ArrowRight");
    assert_eq!(at(&page)["slide"], 4, "after the last item, the next slide");
    assert_eq!(page.count(".slide.current ul.fragments"), 0, "`-` lists show at once");
    page.press_shift_key(" ");
    assert_eq!(
        at(&page),
        json!({"slide": 3, "step": 3, "slides": 6}),
        "back onto the fully revealed slide"
    );
    page.press_key("PageUp");
    assert_eq!(shown_fragments(&page), 2);
    page.press_key("End");
    assert_eq!(at(&page)["slide"], 6);
    page.press_key("Home");
    assert_eq!(at(&page)["slide"], 1);
    page.press_key("5");
    page.press_key("Enter");
    assert_eq!(at(&page)["slide"], 5);
    assert!(page.url().ends_with("#5"), "the hash follows the slide: {}", page.url());
    // A reload returns to the same slide.
    let url = page.url();
    page.goto(&url);
    assert_eq!(at(&page)["slide"], 5);
    page.assert_no_problems();
}

#[test]
fn overview_black_screen_and_help() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "01-fragments"));
    page.press_key("o");
    assert_eq!(
        page.eval_json("document.body.classList.contains('overview')"),
        json!(true)
    );
    page.press_key("Escape");
    assert_eq!(
        page.eval_json("document.body.classList.contains('overview')"),
        json!(false)
    );
    page.press_key("b");
    assert_eq!(
        page.eval_json("document.querySelector('.deck-black').hidden"),
        json!(false)
    );
    page.press_key(".");
    assert_eq!(
        page.eval_json("document.querySelector('.deck-black').hidden"),
        json!(true)
    );
    page.press_key("?");
    assert_eq!(
        page.eval_json("document.querySelector('.deck-help').hidden"),
        json!(false)
    );
    page.assert_no_problems();
}

#[test]
fn presenter_window_and_audience_stay_in_sync() {
    let f = built();
    let browser = Browser::launch();
    let audience = browser.open(&deck_url(&f, "01-fragments"));
    audience.press_key("ArrowRight");
    audience.press_key("p");
    let presenter = browser.opened_page("?presenter");
    presenter.wait_for(".pv-current .slide");
    assert_eq!(
        at(&presenter)["slide"],
        2,
        "the presenter opens on the audience's slide"
    );
    assert!(presenter.text(".pv-notes").is_empty());
    // Drive the presenter window: the audience follows.
    presenter.press_key("ArrowRight");
    wait_until(|| at(&audience)["slide"] == 3, "the audience to follow the presenter");
    assert!(
        presenter.text(".pv-notes").contains("一条一条讲"),
        "notes of the current slide"
    );
    assert!(presenter.text(".pv-elapsed").contains(':'));
    assert!(presenter.text(".pv-clock").len() >= 5);
    // And the other way round, including fragment steps.
    audience.press_key("ArrowRight");
    wait_until(
        || at(&presenter) == json!({"slide": 3, "step": 1, "slides": 6}),
        "the presenter to follow the audience",
    );
    assert_eq!(presenter.count(".pv-current .fragments > li.shown"), 1);
    assert_eq!(
        presenter.count(".pv-next .fragments > li.shown"),
        2,
        "the next view shows the next step"
    );
    audience.assert_no_problems();
    presenter.assert_no_problems();
}

fn wait_until(mut ok: impl FnMut() -> bool, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !ok() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn decks_load_nothing_from_outside_the_file() {
    let f = built();
    let browser = Browser::launch();
    for lesson in ["01-fragments", "02-marp", "03-reveal", "04-overflow"] {
        let page = browser.open(&deck_url(&f, lesson));
        page.assert_no_problems();
        let html = std::fs::read_to_string(f.out().join(format!("decks/01-decks/{lesson}.html"))).unwrap();
        assert!(
            !html.contains("rel=\"stylesheet\"")
                && !html.contains("<script src")
                && !html.contains("<link href=\"http"),
            "{lesson}: external stylesheet or script"
        );
        let external =
            page.eval_json("[...document.querySelectorAll('img')].filter(i => !i.src.startsWith('data:')).length");
        assert_eq!(external, json!(0), "{lesson}: every image is inside the file");
    }
}

#[test]
fn background_images_and_directives() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "01-fragments"));
    let style = page.eval_json("(() => { const s = document.querySelectorAll('.slide')[4]; return [s.className, getComputedStyle(s.querySelector('.deck-bg > figure')).backgroundImage.startsWith('url(\"data:image/svg+xml;base64,')]; })()");
    assert!(style[0].as_str().unwrap().split(' ').any(|c| c == "lead"), "{style}");
    assert_eq!(style[1], true, "the background image is inside the file: {style}");
    page.assert_no_problems();
}

#[test]
fn existing_marp_and_reveal_decks_build_unchanged() {
    let f = built();
    let browser = Browser::launch();
    let marp = browser.open(&deck_url(&f, "02-marp"));
    assert_eq!(
        at(&marp)["slides"],
        3,
        "no title slide: the deck opens with its heading"
    );
    assert_eq!(
        marp.eval_json("['lead', 'no-paginate'].every(c => document.querySelector('.slide').classList.contains(c))"),
        json!(true)
    );
    assert_eq!(
        marp.eval_json("getComputedStyle(document.querySelectorAll('.slide')[1]).backgroundColor"),
        json!("rgb(255, 251, 230)")
    );
    assert!(
        marp.eval_json("document.querySelectorAll('.slide')[1].querySelector('.notes').textContent")
            .as_str()
            .unwrap()
            .contains("口径差异"),
        "non-directive comments are notes"
    );
    let title = std::fs::read_to_string(f.out().join("lessons/01-decks/02-marp.html")).unwrap();
    assert!(
        title.contains(">Marp 幻灯片：直播切片复盘</h1>") && title.matches("<h1").count() == 1,
        "the title comes from the first heading, shown once"
    );

    let reveal = browser.open(&deck_url(&f, "03-reveal"));
    assert_eq!(at(&reveal)["slides"], 4, "`---` and `----` both split");
    assert_eq!(
        reveal.eval_json("getComputedStyle(document.querySelectorAll('.slide')[2]).backgroundColor"),
        json!("rgb(255, 0, 0)")
    );
    assert!(reveal
        .eval_json("document.querySelectorAll('.slide')[1].querySelector('.notes').textContent")
        .as_str()
        .unwrap()
        .contains("reveal 的备注写法"));
    marp.assert_no_problems();
    reveal.assert_no_problems();
}

#[test]
fn overflowing_slides_shrink_and_the_build_says_where() {
    let f = Fixture::new("decks");
    let run = f.build_ok(&[]);
    // Slide 1 is a little too tall: shrunk, no warning. Slide 2 is one paragraph that no
    // slide can hold and that cannot be cut: the warning names it.
    assert!(
        run.stderr.contains("content/lessons/01-decks/04-overflow.md:22:1")
            && run.stderr.contains("slide 2 is too long")
            && !run.stderr.contains("slide 1 is too long"),
        "{}",
        run.stderr
    );
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "04-overflow"));
    let scales = page.eval_json("[...document.querySelectorAll('.slide')].map(s => parseFloat(s.dataset.scale))");
    let (first, second) = (scales[0].as_f64().unwrap(), scales[1].as_f64().unwrap());
    assert!((0.6..1.0).contains(&first), "slide 1 shrunk to {first}");
    assert_eq!(second, 0.6, "never below 60 %: the end of the paragraph is cut off");
    let fits = page.eval_json("(() => { const c = document.querySelector('.slide-content').getBoundingClientRect(), s = document.querySelector('.slide').getBoundingClientRect(); return c.bottom <= s.bottom + 1; })()");
    assert_eq!(fits, json!(true), "the shrunk content stays inside the canvas");

    // It is laid out and shrunk by the numbers the build's estimate uses, which it carries.
    let content = "getComputedStyle(document.querySelector('.slide-content'))";
    let placed = page.eval_json(&format!("(c => [c.left, c.top, c.fontSize])({content})"));
    assert_eq!(
        placed,
        json!([
            format!("{PADDING_X}px"),
            format!("{PADDING_TOP}px"),
            format!("{TEXT_SIZE}px")
        ])
    );
    let shrunk_to = || {
        page.eval_json("(s => s.querySelector('.slide-content').getBoundingClientRect().height * s.offsetHeight / s.getBoundingClientRect().height)(document.querySelector('.slide'))").as_f64().unwrap()
    };
    let room = f64::from(Canvas::default().content_height());
    assert!(
        (shrunk_to() - room).abs() < 2.0,
        "shrunk to {} px, not {room}",
        shrunk_to()
    );
    // Given other margins it follows them: the deck has no layout numbers of its own.
    page.eval_json("(r => { r.setProperty('--deck-pad-x', '100px'); r.setProperty('--deck-pad-top', '156px'); dispatchEvent(new Event('beforeprint')); return 1; })(document.documentElement.style)");
    assert_eq!(page.eval_json(&format!("{content}.left")), json!("100px"));
    assert!(
        (shrunk_to() - (room - 100.0)).abs() < 2.0,
        "shrunk to {} px",
        shrunk_to()
    );
}

#[test]
fn print_gives_one_page_per_slide_without_notes_and_handouts_on_a4() {
    let f = built();
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "01-fragments"));
    let sizes = pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 6, "pages == slides");
    assert!(
        sizes
            .iter()
            .all(|&(w, h)| (w - 960.0).abs() < 1.0 && (h - 540.0).abs() < 1.0),
        "each page is the slide (1280×720 px): {sizes:?}"
    );
    page.emulate_media("print");
    let printed = page.eval_json("[getComputedStyle(document.querySelector('.notes')).display, [...document.querySelectorAll('.fragments > li')].every(li => getComputedStyle(li).opacity === '1'), getComputedStyle(document.querySelector('.deck-progress')).display]");
    assert_eq!(
        printed,
        json!(["none", true, "none"]),
        "notes hidden, fragments whole, no controls"
    );
    page.emulate_media("screen");

    let handout = browser.open(&format!("{}?handout", deck_url(&f, "01-fragments")));
    let sizes = pdf_page_sizes(&handout.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 6);
    assert!(
        sizes
            .iter()
            .all(|&(w, h)| (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0),
        "A4 portrait: {sizes:?}"
    );
    assert!(
        handout
            .text(".handout-page:nth-child(3) .handout-notes")
            .contains("一条一条讲"),
        "notes under the slide"
    );
    handout.assert_no_problems();
}

#[test]
fn without_notes_the_presenter_view_and_handouts_still_work() {
    let f = built_for_students();
    let html = std::fs::read_to_string(f.out().join("decks/01-decks/01-fragments.html")).unwrap();
    assert!(
        !html.contains("一条一条讲") && !html.contains("class=\"notes\""),
        "no notes in the published deck"
    );
    let browser = Browser::launch();
    let audience = browser.open(&deck_url(&f, "01-fragments"));
    audience.press_key("ArrowRight");
    audience.press_key("ArrowRight");
    audience.press_key("p");
    let presenter = browser.opened_page("?presenter");
    presenter.wait_for(".pv-current .slide");
    assert_eq!(presenter.text(".pv-current .slide h2"), "三件事");
    assert_eq!(presenter.count(".pv-next .slide"), 1, "the next step is shown");
    assert!(
        presenter.text(".pv-notes").contains("不含讲师备注"),
        "the presenter is told there are no notes: {:?}",
        presenter.text(".pv-notes")
    );
    presenter.press_key("ArrowRight");
    wait_until(|| at(&audience)["step"] == 1, "the audience to follow the presenter");
    assert!(presenter.text(".pv-notes").contains("不含讲师备注"));
    assert!(presenter.text(".pv-elapsed").contains(':'));

    let handout = browser.open(&format!("{}?handout", deck_url(&f, "01-fragments")));
    let sizes = pdf_page_sizes(&handout.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 6, "one A4 page per slide");
    assert!(
        sizes
            .iter()
            .all(|&(w, h)| (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0),
        "A4 portrait: {sizes:?}"
    );
    assert_eq!(handout.count(".handout-page .handout-frame .slide"), 6);
    audience.assert_no_problems();
    presenter.assert_no_problems();
    handout.assert_no_problems();
}

#[test]
fn footnotes_show_on_the_slide_that_cites_them_and_clicks_stay_there() {
    let f = built_for_students();
    let browser = Browser::launch();
    let page = browser.open(&deck_url(&f, "05-footnotes"));
    assert_eq!(at(&page), json!({"slide": 1, "step": 0, "slides": 3}));
    let small_print = page.text(".slide.current .deck-footnotes");
    assert!(
        small_print.contains("Gross Merchandise Volume") && !small_print.contains("抖音创作者服务中心"),
        "only the footnote this slide cites: {small_print}"
    );
    let below = page.eval_json("(() => { const s = document.querySelector('.slide.current').getBoundingClientRect(), c = document.querySelector('.slide.current .slide-content').getBoundingClientRect(), n = document.querySelector('.slide.current .deck-footnotes').getBoundingClientRect(); return n.height > 0 && n.top >= c.bottom - 1 && n.bottom <= s.bottom + 1; })()");
    assert_eq!(
        below,
        json!(true),
        "small print at the bottom, below the content, inside the slide"
    );

    // The reference sits in the first step-by-step item: clicking it keeps slide and step.
    page.press_key("ArrowRight");
    click_in_deck(&page, ".slide.current .footnote-reference a");
    assert_eq!(at(&page), json!({"slide": 1, "step": 1, "slides": 3}));

    // `[^1]` on slide 2 is a footnote, not a way to slide 1.
    page.press_key("2");
    page.press_key("Enter");
    click_in_deck(&page, ".slide.current .footnote-reference a");
    assert_eq!(at(&page)["slide"], 2);
    let small_print = page.text(".slide.current .deck-footnotes");
    assert!(
        small_print.contains("抖音创作者服务中心") && small_print.contains("Gross Merchandise Volume"),
        "{small_print}"
    );
    assert!(
        !small_print.contains("次日中午"),
        "a footnote cited only in the notes stays off the slide"
    );
    assert_eq!(
        page.count(".slide:nth-child(3) .deck-footnotes"),
        0,
        "no small print where nothing is cited"
    );
    page.assert_no_problems();
}

/// Click an in-deck link and wait until the deck has handled the address it set.
fn click_in_deck(page: &Page, selector: &str) {
    page.eval_json("window.__hashes = 0, addEventListener('hashchange', () => window.__hashes++), true");
    page.click(selector);
    wait_until(
        || page.eval_json("__hashes > 0 && location.hash === '#' + lecternDeck.current().slide") == json!(true),
        "the deck to settle on a slide",
    );
}
