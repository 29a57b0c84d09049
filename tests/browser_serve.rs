//! Watch mode in Chromium: the open page reloads after an edit, shows a broken edit as an
//! overlay (FILE:LINE), and clears it when the file is fixed.

mod common;

use common::browser::{Browser, Page};
use common::fixture::Fixture;
use common::serve::Server;
use serde_json::json;

fn wait(page: &Page, js: &str, what: &str) {
    page.wait_true(what, js);
}

#[test]
fn the_open_page_follows_the_author() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let browser = Browser::launch();
    let page = browser.open(&format!("{}lessons/02-advanced/01-deep.html", server.url));
    wait(&page, "window.lecternLastMessage !== undefined", "the reload socket");
    page.eval_json("window.stillTheSamePage = true");

    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 实时更新\n---\n## A/B 测试\n",
    );
    wait(
        &page,
        "document.querySelector('h1') && document.querySelector('h1').textContent === '实时更新'",
        "the reload",
    );
    // A title edit takes serve's fast path: the open lesson page swaps in its new <main>
    // and title without a reload.
    assert_eq!(
        page.eval_json("[window.stillTheSamePage === true, document.title.startsWith('实时更新')]"),
        json!([true, true]),
        "the page updated in place, title included"
    );

    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 实时更新\nduration: 很久\n---\n",
    );
    wait(
        &page,
        "!!document.getElementById('lectern-error-overlay')",
        "the error overlay",
    );
    let overlay = page.text("#lectern-error-overlay");
    assert!(
        overlay.contains("content/lessons/02-advanced/01-deep.md:3"),
        "{overlay}"
    );
    assert_eq!(
        page.text("h1"),
        "实时更新",
        "the last good page stays under the overlay"
    );

    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 又好了\n---\n## A/B 测试\n",
    );
    wait(&page, "!document.getElementById('lectern-error-overlay') && (document.querySelector('h1') || {}).textContent === '又好了'", "the fix");
    page.assert_no_problems();
}

/// The README's way: `cd` into the programme and run `lectern serve` with no `--root`.
/// (Every other test passes an absolute `--root`; a relative root once broke every rebuild.)
#[test]
fn serve_run_inside_the_programme_folder_follows_edits() {
    let f = Fixture::new("good");
    let server = Server::start_in(&f.root(), &["serve", "--port", "0"]);
    let browser = Browser::launch();
    let page = browser.open(&format!("{}lessons/02-advanced/01-deep.html", server.url));
    wait(&page, "window.lecternLastMessage !== undefined", "the reload socket");

    // A new `order:` moves the lesson: a full rebuild, the path that once broke.
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 在文件夹里改的\norder: 3\n---\n## A/B 测试\n",
    );
    wait(
        &page,
        "(document.querySelector('h1') || {}).textContent === '在文件夹里改的'",
        "the page to follow an edit made next to `lectern serve`",
    );
    assert!(server.log().contains("rebuilt in"), "{}", server.log());
    page.assert_no_problems();
}
