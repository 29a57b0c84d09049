//! Accessibility of the built sample in real headless Chromium: axe-core on every page type
//! (light and dark colour schemes, with search results, the deck's overview and help open),
//! and keyboard-only use with a visible focus indicator at every stop.
//!
//! Keys already covered elsewhere are not repeated here: `/`, ↑/↓ and Enter in the search
//! box (browser_search.rs) and the deck's arrow, Space, Home/End and O/Esc keys
//! (browser_deck.rs). This file adds Tab order, Space on SOP steps, the deck's keys with a
//! link focused and choosing a slide in the overview by keyboard.

#[path = "common/axe.rs"]
mod axe;
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::browser::{Browser, Page};
use common::static_server::StaticServer;
use common::{build_sample, file_url};
use headless_chrome::protocol::cdp::Emulation;
use serde_json::{json, Value};

/// What to do on a page after it has loaded and before axe looks at it.
enum Then {
    Nothing,
    /// Type into the header search box (after `/`) until the popup shows this element.
    SearchBox(&'static str, &'static str),
    /// Wait for an element the page's script makes.
    WaitFor(&'static str),
    /// Press these keys (a deck's overview, its help).
    Keys(&'static [&'static str]),
    /// Show the blocked-storage notice, as storage.js does when the browser refuses storage.
    StorageBlocked,
}

/// One of each page type the build writes, and the states scripts put them in.
const PAGES: &[(&str, &str, Then)] = &[
    ("home", "index.html", Then::Nothing),
    (
        "home, search popup",
        "index.html",
        // Each keystroke searches; wait for the answer to the whole word.
        Then::SearchBox("KOC", "a[href*='h=KOC']"),
    ),
    (
        "home, nothing found",
        "index.html",
        Then::SearchBox("xyzzyqwerty", ".search-none"),
    ),
    ("module", "lessons/02-editing/index.html", Then::Nothing),
    ("lesson", "lessons/02-editing/02-hit-formula.html", Then::Nothing),
    ("SOP", "sops/daily-report.html", Then::Nothing),
    ("SOP index", "sops/index.html", Then::Nothing),
    ("role", "roles/team-leader.html", Then::Nothing),
    ("role, storage blocked", "roles/team-leader.html", Then::StorageBlocked),
    ("roles index", "roles/index.html", Then::Nothing),
    ("Q&A index", "qa/index.html", Then::Nothing),
    ("question", "qa/618-promotion.html", Then::Nothing),
    ("glossary", "glossary.html", Then::Nothing),
    ("search", "search.html", Then::Nothing),
    // ?q=日报: results of several types.
    (
        "search, results",
        "search.html?q=%E6%97%A5%E6%8A%A5",
        Then::WaitFor(".search-page-results .search-result"),
    ),
    ("404", "404.html", Then::Nothing),
    ("deck", "decks/02-editing/02-hit-formula.html", Then::Nothing),
    (
        "deck, overview",
        "decks/02-editing/02-hit-formula.html",
        Then::Keys(&["o"]),
    ),
    ("deck, help", "decks/02-editing/02-hit-formula.html", Then::Keys(&["?"])),
    ("collect", "collect.html", Then::Nothing),
    // The last slide holds the quizzes: A shows their answers and explanations.
    (
        "deck, quiz answers shown",
        "decks/02-editing/02-hit-formula.html",
        Then::Keys(&["End", "a"]),
    ),
    ("quiz page", "quizzes/editing-check.html", Then::Nothing),
];

/// Chromium drops input to a new page until it has drawn a frame, which on a busy machine
/// can come after `load`: wait for two before pressing keys.
fn wait_for_frames(page: &Page) {
    page.eval_json("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
}

/// A page of the sample in a tab that takes key presses from the first one on.
fn keyboard_page(browser: &Browser, site: &Path, rel: &str) -> Page {
    let page = browser.open(&file_url(&site.join(rel)));
    wait_for_frames(&page);
    page
}

/// `prefers-color-scheme` for the page's CSS: the theme has a dark palette of its own.
fn color_scheme(page: &Page, scheme: &str) {
    page.raw()
        .call_method(Emulation::SetEmulatedMedia {
            media: None,
            features: Some(vec![Emulation::MediaFeature {
                name: "prefers-color-scheme".into(),
                value: scheme.into(),
            }]),
        })
        .unwrap_or_else(|e| panic!("could not emulate prefers-color-scheme: {scheme}: {e:#}"));
}

#[test]
fn axe_finds_nothing_serious_on_any_page_type_in_light_or_dark() {
    let axe_js = axe::axe_source();
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    // Over http, not file://: axe reads the stylesheets with XHR (for css-orientation-lock),
    // which Chromium refuses for file:// pages.
    let server = StaticServer::start(site.path());
    let browser = Browser::launch();
    let page = browser.page();

    let mut report = String::new();
    let (mut serious, mut total) = (0, 0);
    for scheme in ["light", "dark"] {
        color_scheme(&page, scheme);
        for (label, rel, then) in PAGES {
            // Decks have one palette; their light run is enough.
            if scheme == "dark" && rel.starts_with("decks/") {
                continue;
            }
            page.goto(&format!("{}{rel}", server.url));
            wait_for_frames(&page);
            match then {
                Then::Nothing => {}
                Then::SearchBox(query, shows) => {
                    page.press_key("/");
                    page.type_text(query);
                    page.wait_for(&format!("#site-search-results {shows}"));
                }
                Then::WaitFor(selector) => page.wait_for(selector),
                Then::Keys(keys) => keys.iter().for_each(|k| page.press_key(k)),
                Then::StorageBlocked => {
                    page.eval_json("document.querySelectorAll('.storage-notice').forEach(p => p.hidden = false)");
                }
            }
            let violations = axe::run(&page, &axe_js);
            total += violations.len();
            serious += violations.iter().filter(|v| v.is_serious()).count();
            report.push_str(&axe::describe(&format!("{label} ({rel}, {scheme})"), &violations));
            page.assert_no_problems();
        }
    }
    // Every finding is printed (see it with --nocapture), the minor ones too.
    eprintln!(
        "axe-core {}: {total} violation(s), {serious} serious or critical\n{report}",
        axe::axe_version()
    );
    assert_eq!(
        serious, 0,
        "axe-core found {serious} serious or critical violation(s):\n{report}"
    );
}

/// The languages of `fixtures/highlight/code-in-nine-languages.md`, as its fences name them.
const CODE_LANGUAGES: [&str; 9] = [
    "python",
    "javascript",
    "rust",
    "go",
    "bash",
    "sql",
    "yaml",
    "json",
    "diff",
];

/// Highlighted code in the nine languages a course shows, with Chinese comments: axe's
/// colour-contrast rule on every token of the lesson page in light and dark, and on every
/// slide of its deck (one of them inverted). highlight.rs checks every colour of the
/// stylesheet on its own; this is what a browser really draws.
#[test]
fn code_in_nine_languages_passes_axe_on_the_page_in_light_and_dark_and_in_the_deck() {
    use common::fixture::Fixture;
    let axe_js = axe::axe_source();
    let f = Fixture::new("good");
    f.write(
        "content/lessons/02-advanced/20-code.md",
        include_str!("fixtures/highlight/code-in-nine-languages.md"),
    );
    f.build_ok(&[]);
    let server = StaticServer::start(&f.out());
    let browser = Browser::launch();
    let page = browser.page();
    let highlighted = "[...document.querySelectorAll('pre.code')].filter(p => p.querySelector('[class*=hl-]')).map(p => p.dataset.lang)";
    // Every block highlighted; the last one, on the inverted slide, is Python again.
    let every_block = json!(CODE_LANGUAGES.iter().chain(&["python"]).collect::<Vec<_>>());

    let mut report = String::new();
    let mut serious = 0;
    let mut run_axe = |page: &Page, label: String| {
        let violations = axe::run(page, &axe_js);
        serious += violations.iter().filter(|v| v.is_serious()).count();
        report.push_str(&axe::describe(&label, &violations));
    };
    for scheme in ["light", "dark"] {
        color_scheme(&page, scheme);
        page.goto(&format!("{}lessons/02-advanced/20-code.html", server.url));
        wait_for_frames(&page);
        assert_eq!(page.eval_json(highlighted), every_block);
        run_axe(&page, format!("lesson ({scheme})"));
    }
    // A deck has one palette, and axe sees only the slide on screen: each slide in turn.
    color_scheme(&page, "light");
    page.goto(&format!("{}decks/02-advanced/20-code.html", server.url));
    wait_for_frames(&page);
    // A block too tall for one slide continues on the next (cut between lines): count it once.
    let highlighted_blocks = format!("{highlighted}.filter((lang, i, all) => i === 0 || all[i - 1] !== lang)");
    assert_eq!(page.eval_json(&highlighted_blocks), every_block);
    assert_eq!(page.count(".slide.invert pre.code"), 1, "the last slide is inverted");
    let slides = page.count(".deck-stage > .slide");
    for n in 0..slides {
        page.eval_json(&format!("lecternDeck.go({n})"));
        run_axe(&page, format!("deck slide {}", n + 1));
    }
    page.assert_no_problems();
    eprintln!("{report}");
    assert_eq!(
        serious, 0,
        "axe-core found {serious} serious or critical violation(s):\n{report}"
    );
}

/// The harness itself: a page with known problems must be reported, so a broken injection
/// or an empty report can't pass as "no violations".
#[test]
fn axe_reports_a_page_with_known_problems() {
    let axe_js = axe::axe_source();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>\
         <img src=\"x.png\"><button></button><input type=\"text\">\
         <p style=\"color:#bbb;background:#fff\">faint text</p></main></body></html>",
    )
    .unwrap();
    let browser = Browser::launch();
    let page = browser.open(&file_url(&bad));
    let violations = axe::run(&page, &axe_js);
    let found: Vec<(&str, bool)> = violations.iter().map(|v| (v.id.as_str(), v.is_serious())).collect();
    for id in ["html-has-lang", "image-alt", "button-name", "label", "color-contrast"] {
        assert!(
            found.contains(&(id, true)),
            "axe should report {id} as serious or critical; it found {found:?}"
        );
    }
}

/// Where keyboard focus is now, and whether a sighted keyboard user can see it.
fn focus(page: &Page) -> Value {
    page.eval_json(
        r##"(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {nowhere: true, pageHasFocus: document.hasFocus()};
            // A visually hidden control (the SOP's JSON import) shows its focus on its label.
            const own = el.getBoundingClientRect();
            const shown = own.width <= 1 && own.height <= 1 && el.closest("label") || el;
            const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
                && s.outlineColor !== "rgba(0, 0, 0, 0)";
            const ring = s.boxShadow !== "none";
            return {
                what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                    + (el.name ? "[name=" + el.name + "]" : "")
                    + " " + (el.textContent || el.value || "").trim().slice(0, 30),
                indicator: outline || ring,
                style: s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor + " / " + s.boxShadow,
                onScreen: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0
                    && r.top < innerHeight && r.left < innerWidth,
                href: el.href || null,
            };
        })()"##,
    )
}

/// Press Tab until `done` accepts the focused element (at most `max` times), checking at
/// every stop that focus landed somewhere visible with an outline or ring around it.
fn tab_until(page: &Page, max: usize, done: impl Fn(&Value) -> bool) -> Value {
    let mut stops = Vec::new();
    for _ in 0..max {
        page.press_key("Tab");
        let at = focus(page);
        assert!(
            at.get("nowhere").is_none(),
            "Tab left focus nowhere after {stops:?}: {at}"
        );
        assert_eq!(
            at["indicator"],
            json!(true),
            "no visible focus indicator on {} ({}) on {}",
            at["what"],
            at["style"],
            page.url()
        );
        assert_eq!(at["onScreen"], json!(true), "the focused {} is off screen", at["what"]);
        if done(&at) {
            return at;
        }
        stops.push(at["what"].as_str().unwrap_or("?").to_string());
    }
    panic!("{max} presses of Tab did not get there; focus went through {stops:?}");
}

fn wait_for_url_change(page: &Page, from: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = page.url();
        if now != from {
            return now;
        }
        assert!(Instant::now() < deadline, "the page stayed at {from}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn tab_reaches_the_search_box_and_its_results_and_enter_opens_one() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = keyboard_page(&browser, site.path(), "index.html");

    // The skip link comes first, so keyboard users can jump past the header.
    let first = tab_until(&page, 1, |_| true);
    assert!(first["what"].as_str().unwrap().starts_with("a "), "first stop: {first}");
    assert_eq!(page.eval_json("document.activeElement.className"), json!("skip-link"));

    tab_until(&page, 15, |at| {
        at["what"].as_str().unwrap().starts_with("input#site-search-input")
    });
    page.type_text("爆款公式");
    // The results for the whole query, not those of its first characters (each keystroke
    // starts a search, and a later answer replaces the popup): h=爆款公式 in the links.
    page.wait_for("#site-search-results a[href*='h=%E7%88%86%E6%AC%BE%E5%85%AC%E5%BC%8F']");
    let result = tab_until(&page, 1, |_| true);
    assert_eq!(
        page.eval_json("document.activeElement.closest('#site-search-results') !== null"),
        json!(true),
        "Tab from the box goes to the first result, not to {result}"
    );
    let href = result["href"].as_str().expect("the result is a link").to_string();

    let from = page.url();
    page.press_key("Enter");
    let landed = wait_for_url_change(&page, &from);
    assert_eq!(landed, href, "Enter opens the focused result");
    page.wait_for("mark.search-hit");
    page.assert_no_problems();
}

#[test]
fn sop_steps_tick_with_the_space_bar() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = keyboard_page(&browser, site.path(), "sops/daily-task-list.html");
    let total = page.eval_json("lecternSop.progress().total");
    let progress = |done: u32| json!({"done": done, "total": total});
    let is = |name: &'static str| move |at: &Value| at["what"].as_str().unwrap().contains(&format!("[name={name}]"));

    // Through the header, the toolbar (print, export, import…) and the form's date field to
    // the first step, a checkbox.
    tab_until(&page, 40, is("s1-1"));
    page.press_key(" ");
    assert_eq!(
        page.eval_json(r#"document.querySelector('[name="s1-1"]').checked"#),
        json!(true)
    );
    assert_eq!(page.eval_json("lecternSop.progress()"), progress(1));
    page.press_key(" ");
    assert_eq!(
        page.eval_json("lecternSop.progress()"),
        progress(0),
        "Space again unticks"
    );
    page.press_key(" ");

    // Then its "not applicable" box, the text step (s1-2) and its box, the next checkbox.
    for name in ["s1-1-na", "s1-2", "s1-2-na", "s1-3"] {
        tab_until(&page, 1, is(name));
    }
    page.press_key(" ");
    assert_eq!(page.eval_json("lecternSop.progress()"), progress(2));
    assert_eq!(page.text(".sop-done"), "2");
    page.assert_no_problems();
}

#[test]
fn deck_keys_work_with_a_link_focused_and_the_overview_is_usable_by_keyboard() {
    let site = tempfile::tempdir().unwrap();
    build_sample(site.path());
    let browser = Browser::launch();
    let page = keyboard_page(&browser, site.path(), "decks/02-editing/02-hit-formula.html");
    let at = |page: &Page| page.eval_json("lecternDeck.current().slide");

    // Go to the first slide with a link; Tab reaches only that slide's links.
    let slide = page.eval_json(
        "[...document.querySelectorAll('.deck-stage > .slide')].findIndex(s => s.querySelector('.slide-content a')) + 1",
    );
    let slide = slide
        .as_u64()
        .filter(|&n| n > 0)
        .expect("the sample deck has a slide with a link");
    page.eval_json(&format!("lecternDeck.go({})", slide - 1));
    let link = tab_until(&page, 1, |_| true);
    assert_eq!(
        page.eval_json("document.activeElement.closest('.slide.current') !== null"),
        json!(true),
        "Tab goes to a link on the slide being shown, not to {link}"
    );

    // With the link focused, the arrow keys still turn slides.
    page.press_key("ArrowRight");
    assert_eq!(at(&page), json!(slide + 1));
    page.press_key("ArrowLeft");
    assert_eq!(at(&page), json!(slide));

    // Overview: the arrows move the highlight and Esc shows the chosen slide.
    page.press_key("o");
    assert_eq!(
        page.eval_json("document.body.classList.contains('overview')"),
        json!(true)
    );
    page.press_key("ArrowRight");
    page.press_key("ArrowRight");
    page.press_key("Escape");
    assert_eq!(
        page.eval_json("document.body.classList.contains('overview')"),
        json!(false)
    );
    assert_eq!(at(&page), json!(slide + 2));
    assert_eq!(
        page.eval_json("getComputedStyle(document.querySelector('.slide.current')).visibility"),
        json!("visible")
    );
    page.assert_no_problems();
}
