//! The formulas of `tests/fixtures/math` in real headless Chromium, opened over file://:
//! MathML with no error elements, every formula drawn with a size, a fraction taller
//! than a line of text and a matrix laid out in rows and columns, on the page, in print
//! and in the deck.

mod common;

use common::browser::{Browser, Page};
use common::file_url;
use common::fixture::Fixture;
use serde_json::Value;

const PAGE: &str = "lessons/01-数学/01-公式.html";
const DECK: &str = "decks/01-数学/01-公式.html";

/// Every `<math>` of the document, and the `<merror>`s and those drawn with no size.
const DRAWN: &str = r#"(() => {
  const all = [...document.querySelectorAll('math')];
  const empty = all.filter(m => { const r = m.getBoundingClientRect(); return r.width < 1 || r.height < 1; })
                   .map(m => m.textContent.slice(0, 40));
  return { count: all.length, merror: document.querySelectorAll('merror').length, empty };
})()"#;

/// Heights of a line of text and of the display fraction `满足条件的样本数 / 样本总数`, and
/// the boxes of the 2×2 matrix `1 2 / 3 4`.
const SHAPES: &str = r#"(() => {
  const box = e => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }; };
  const p = [...document.querySelectorAll('.prose p')].find(p => p.textContent.startsWith('本课把'));
  const range = document.createRange();
  range.selectNodeContents(p.firstChild);
  const line = range.getBoundingClientRect().height;
  const frac = [...document.querySelectorAll('mfrac')].find(f => f.textContent.includes('样本总数'));
  const table = [...document.querySelectorAll('mtable')].find(t => t.textContent.replace(/\s/g, '') === '1234');
  const rows = [...table.querySelectorAll('mtr')].map(r => [...r.querySelectorAll('mtd')].map(box));
  return { line, frac: box(frac).height, rows };
})()"#;

fn assert_drawn(page: &Page, what: &str, expected: u64) {
    let drawn = page.eval_json(DRAWN);
    assert_eq!(drawn["merror"], 0, "{what}: MathML error elements");
    assert_eq!(drawn["count"], expected, "{what}: formulas");
    assert_eq!(
        drawn["empty"],
        Value::Array(vec![]),
        "{what}: formulas drawn with no size"
    );
}

#[test]
fn formulas_are_drawn_on_the_page_in_print_and_in_the_deck() {
    let f = Fixture::new("math");
    f.build_ok(&[]);
    let page_html = f.read_out(PAGE);
    let formulas = page_html.matches("<math").count() as u64;
    assert!(formulas >= 60);

    let browser = Browser::launch();
    let page = browser.page();
    page.set_viewport(1000, 800);
    page.goto(&file_url(&f.out().join(PAGE)));
    page.assert_no_problems();
    assert_drawn(&page, "page", formulas);

    let shapes = page.eval_json(SHAPES);
    let line = shapes["line"].as_f64().unwrap();
    let frac = shapes["frac"].as_f64().unwrap();
    assert!(line > 10.0, "a line of text is {line}px");
    assert!(
        frac > 1.5 * line,
        "the fraction ({frac}px) should be taller than a line of text ({line}px)"
    );
    let rows = shapes["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{shapes}");
    let cell = |r: usize, c: usize, k: &str| rows[r][c][k].as_f64().unwrap();
    assert!(
        cell(1, 0, "top") >= cell(0, 0, "bottom") - 1.0,
        "rows stacked: {shapes}"
    );
    assert!(
        cell(0, 1, "left") >= cell(0, 0, "right") - 1.0,
        "columns side by side: {shapes}"
    );
    assert!(
        (cell(0, 0, "top") - cell(0, 1, "top")).abs() < 2.0,
        "a row on one line: {shapes}"
    );
    page.screenshot_png(&f.dir.path().join("math.png"));

    page.emulate_media("print");
    assert_drawn(&page, "print", formulas);

    page.goto(&file_url(&f.out().join(DECK)));
    page.assert_no_problems();
    assert_drawn(&page, "deck", formulas);
}
