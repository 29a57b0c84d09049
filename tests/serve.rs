//! `lectern serve` end to end: a real server on a free loopback port, a real WebSocket.

mod common;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::fixture::Fixture;
use common::serve::{http_get, Server};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

fn connect(server: &Server) -> Socket {
    let url = format!("{}__lectern/ws", server.url.replace("http://", "ws://"));
    let (mut socket, _) = tungstenite::connect(url).expect("websocket connects");
    if let MaybeTlsStream::Plain(s) = socket.get_mut() {
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    }
    let first = next_message(&mut socket);
    assert!(first.contains("\"ok\""), "first message is the current state: {first}");
    socket
}

fn next_message(socket: &mut Socket) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        assert!(Instant::now() < deadline, "no message from the server");
        match socket.read().expect("a message") {
            Message::Text(t) => return t.to_string(),
            _ => continue,
        }
    }
}

fn body(server: &Server, path: &str) -> String {
    String::from_utf8_lossy(&server.get(path).2).into_owned()
}

#[test]
fn edits_reload_errors_overlay_and_deletions_404() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("<h1>A/B 测试进阶</h1>"));
    assert!(
        body(&server, "/index.html").contains("/__lectern/livereload.js"),
        "served pages get the reload script"
    );

    // Edit a lesson: a reload message, then the new page.
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 改过的标题\nduration: 45\n---\n## A/B 测试\n\n新内容。\n",
    );
    let m = next_message(&mut ws);
    assert!(m.contains("\"reload\""), "{m}");
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("<h1>改过的标题</h1>"));

    // Break the front matter: the error, with FILE:LINE, for every page; the old site stays.
    f.write("content/lessons/02-advanced/01-deep.md", "---\ntitle: [broken\n---\n");
    let m = next_message(&mut ws);
    assert!(
        m.contains("\"error\"") && m.contains("content/lessons/02-advanced/01-deep.md:2"),
        "{m}"
    );
    assert!(
        body(&server, "/lessons/02-advanced/01-deep.html").contains("<h1>改过的标题</h1>"),
        "last good site still served"
    );
    let late = connect_error(&server);
    assert!(
        late.contains("01-deep.md:2"),
        "a page opened now sees the error too: {late}"
    );
    server.wait_log("still serving the last good build");

    // Fix it: a reload, and the error is gone.
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 修好了\n---\n## A/B 测试\n",
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("<h1>修好了</h1>"));

    // Delete a lesson that others link to: the links are reported, the site kept.
    std::fs::remove_file(f.root().join("content/lessons/01-基础/02-next.md")).unwrap();
    let m = next_message(&mut ws);
    assert!(
        m.contains("\"error\"") && m.contains("content/lessons/01-基础/01-intro.md:"),
        "the page that linked to it: {m}"
    );
    // (`## 数据` stays: the daily-report SOP's help links to it.)
    f.write(
        "content/lessons/01-基础/01-intro.md",
        "---\ntitle: 切片入门\nroles: [creator]\n---\n## 数据\n\n## 小结\n",
    );
    f.write("content/index.md", "---\ntitle: 首页\n---\n欢迎。\n");
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 修好了\n---\n## A/B 测试\n",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let m = next_message(&mut ws);
        if m.contains("\"reload\"") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never built again after the links were fixed: {m}"
        );
    }
    assert_eq!(server.get("/lessons/01-%E5%9F%BA%E7%A1%80/02-next.html").0, 404);
    assert_eq!(server.interrupt().code(), Some(0), "Ctrl-C stops cleanly");
}

fn connect_error(server: &Server) -> String {
    let url = format!("{}__lectern/ws", server.url.replace("http://", "ws://"));
    let (mut socket, _) = tungstenite::connect(url).unwrap();
    next_message(&mut socket)
}

#[test]
fn css_changes_swap_stylesheets_without_a_reload() {
    let f = Fixture::new("good");
    f.write("lectern.yaml", "title: t\nlanguage: zh-CN\ntheme: campus\n");
    f.write("themes/campus/static/lectern.css", "body { color: black; }\n");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    f.write("themes/campus/static/lectern.css", "body { color: rebeccapurple; }\n");
    let m = next_message(&mut ws);
    assert!(m.contains("\"css\""), "{m}");
    assert!(body(&server, "/static/lectern.css").contains("rebeccapurple"));
}

#[test]
fn only_the_built_site_is_served() {
    let f = Fixture::new("good");
    f.write("assets/font.woff2", "wOF2");
    f.write("assets/handout.pdf", "%PDF-1.4");
    let server = Server::start(&f.root(), &[]);
    for path in [
        "/../lectern.yaml",
        "/%2e%2e/lectern.yaml",
        "/%2E%2E%2Flectern.yaml",
        "/lessons/..%2f..%2flectern.yaml",
        "/lectern.yaml",
        "/content/index.md",
        "/..%5c..%5clectern.yaml",
        "/etc/passwd",
        "//etc/passwd",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("language: zh-CN"),
            "{path} leaked a source file"
        );
    }
    let (status, head, body) = server.get("/lessons/01-%E5%9F%BA%E7%A1%80/");
    assert_eq!(status, 200, "a folder is its index.html");
    assert!(
        head.contains("text/html") && String::from_utf8_lossy(&body).contains("lesson-link"),
        "not a listing"
    );
    let (status, _, body) = server.get("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("页面不存在"),
        "the site's 404 page"
    );
    for (path, mime) in [
        ("/static/lectern.js", "text/javascript"),
        ("/static/lectern.css", "text/css"),
        ("/assets/logo.svg", "image/svg+xml"),
        ("/assets/font.woff2", "font/woff2"),
        ("/assets/handout.pdf", "application/pdf"),
        ("/search/meta.js", "text/javascript"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.to_ascii_lowercase().contains(&format!("content-type: {mime}")),
            "{path}: {head}"
        );
    }
    let (status, head, body) = http_get(&server.url, "/index.html", "HEAD");
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("content-length"), "{head}");
    assert!(body.is_empty(), "HEAD has no body");
    let (status, _, _) = http_get(&server.url, "/index.html", "DELETE");
    assert_eq!(status, 405);
}

#[test]
fn fifty_concurrent_connections() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let url = server.url.clone();
    let threads: Vec<_> = (0..60)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/index.html"
                } else {
                    "/lessons/02-advanced/01-deep.html"
                };
                http_get(&url, path, "GET").0
            })
        })
        .collect();
    let ok = threads
        .into_iter()
        .map(|t| t.join().unwrap())
        .filter(|&s| s == 200)
        .count();
    assert_eq!(ok, 60);
}

#[test]
fn binding_beyond_loopback_warns() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &["--bind", "0.0.0.0"]);
    server.wait_log("warning: serving on 0.0.0.0");
}

#[test]
fn serve_writes_nothing_into_the_programme() {
    let f = Fixture::new("good");
    let before = common::fixture::snapshot(&f.root());
    let server = Server::start(&f.root(), &[]);
    assert_eq!(server.get("/index.html").0, 200);
    drop(server);
    assert_eq!(before, common::fixture::snapshot(&f.root()));
}

#[test]
fn a_body_edit_redraws_one_lesson_and_still_checks_links_into_it() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    let lesson = "content/lessons/02-advanced/01-deep.md";
    let front = "---\ntitle: A/B 测试进阶\nduration: 45\n---\n";
    f.write(lesson, &format!("{front}## A/B 测试\n\n标记词甲乙丙。\n"));
    assert!(next_message(&mut ws).contains("\"reload\""));
    server.wait_log("updated in");
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("标记词甲乙丙"));
    assert!(body(&server, "/decks/02-advanced/01-deep.html").contains("标记词甲乙丙"));
    // The search index follows right after.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(0..8).any(|n| body(&server, &format!("/search/d-{n}.js")).contains("标记词甲乙丙")) {
        assert!(Instant::now() < deadline, "the search index never saw the edit");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Removing the heading another lesson links to is an error at that link.
    f.write(lesson, &format!("{front}## 改名了\n"));
    let m = next_message(&mut ws);
    assert!(
        m.contains("\"error\"") && m.contains("content/lessons/01-基础/01-intro.md:") && m.contains("ab-测试"),
        "{m}"
    );
    assert!(
        body(&server, "/lessons/02-advanced/01-deep.html").contains("标记词甲乙丙"),
        "last good page kept"
    );
}

#[test]
fn poll_mode_sees_edits_to_existing_files() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &["--poll"]);
    let mut ws = connect(&server);
    std::thread::sleep(Duration::from_millis(1200)); // let the first scan record the files
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 轮询看到了\n---\n## A/B 测试\n",
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("轮询看到了"));
}

#[test]
fn a_programme_that_does_not_build_yet_still_serves_a_page_that_waits_for_it() {
    let f = Fixture::new("good");
    f.write("content/lessons/02-advanced/01-deep.md", "---\ntitle: [broken\n---\n");
    let server = Server::start(&f.root(), &[]);
    let (status, head, page) = server.get("/");
    assert_eq!(status, 503);
    assert!(head.contains("text/html") && String::from_utf8_lossy(&page).contains("/__lectern/livereload.js"));
    let late = connect_error(&server);
    assert!(late.contains("01-deep.md:2"), "{late}");
    // After a failure, even a body-only edit elsewhere is a full build, so the error stays.
    f.write(
        "content/lessons/02-advanced/2-second.md",
        "---\ntitle: 第二节\n---\n## 第二\n\n改了正文。\n",
    );
    server.wait_log("still serving the last good build");
    assert!(
        !server.log().contains("updated in"),
        "no fast path while the programme is broken"
    );
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 好了\n---\n## A/B 测试\n",
    );
    server.wait_log("rebuilt in");
    assert_eq!(server.get("/").0, 200);
}

/// `lectern --root sv serve` from the folder above the programme: a relative root.
#[test]
fn a_relative_root_still_sees_edits() {
    let f = Fixture::new("good");
    let server = Server::start_in(f.dir.path(), &["--root", "prog", "serve", "--port", "0"]);
    let mut ws = connect(&server);
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 相对路径也行\n---\n## A/B 测试\n",
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("相对路径也行"));
}

/// A panic inside a rebuild (a bug) is reported on the page and in the terminal, the last
/// good site stays, and the next save rebuilds as usual. Debug builds panic on request
/// when a changed file has the name in `LECTERN_TEST_PANIC_ON`.
#[test]
fn a_panic_while_rebuilding_is_reported_and_watching_goes_on() {
    let f = Fixture::new("good");
    std::env::set_var("LECTERN_TEST_PANIC_ON", "boom.md");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    f.write("content/qa/boom.md", "---\nquestion: 会崩吗？\n---\n不会。\n");
    let m = next_message(&mut ws);
    assert!(m.contains("\"error\"") && m.contains("crashed while rebuilding"), "{m}");
    server.wait_log("still serving the last good build");
    assert_eq!(server.get("/index.html").0, 200);
    f.write(
        "content/lessons/02-advanced/01-deep.md",
        "---\ntitle: 崩溃之后\n---\n## A/B 测试\n",
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    assert!(body(&server, "/lessons/02-advanced/01-deep.html").contains("崩溃之后"));
}

/// Every search file's text, joined.
fn search_text(server: &Server) -> String {
    let meta = body(server, "/search/meta.js");
    let mut all = meta.clone();
    for n in 0.. {
        let (status, _, bytes) = server.get(&format!("/search/d-{n}.js"));
        if status != 200 {
            break;
        }
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

/// A lesson without `title:` takes its title from its first heading. Editing that heading
/// changes what other pages show, so it is not a body-only edit: module page, neighbours'
/// prev/next, deck and search all follow.
#[test]
fn a_title_taken_from_the_first_heading_follows_an_edit_everywhere() {
    let f = Fixture::new("good");
    let lesson = "content/lessons/02-advanced/05-notitle.md";
    f.write(lesson, "---\nduration: 10\n---\n# 旧的标题\n\n正文一段。\n");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    assert!(body(&server, "/lessons/02-advanced/index.html").contains("旧的标题"));

    f.write(lesson, "---\nduration: 10\n---\n# 新的标题\n\n正文一段。\n");
    assert!(next_message(&mut ws).contains("\"reload\""));
    for page in [
        "/lessons/02-advanced/05-notitle.html",
        "/lessons/02-advanced/index.html",
        "/lessons/02-advanced/2-second.html",
        "/lessons/02-advanced/10-tenth.html",
        "/decks/02-advanced/05-notitle.html",
    ] {
        let html = body(&server, page);
        assert!(
            html.contains("新的标题") && !html.contains("旧的标题"),
            "{page} is stale"
        );
    }
    let search = search_text(&server);
    assert!(
        search.contains("新的标题") && !search.contains("旧的标题"),
        "search is stale"
    );
}

/// The fast path's page and search index are published together: the moment the page
/// reloads, search finds the new text.
#[test]
fn after_a_body_edit_the_page_and_search_change_together() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    f.write(
        "content/lessons/02-advanced/2-second.md",
        "---\ntitle: 第二节\n---\n## 第二\n\n同步标记词戊己庚。\n",
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    assert!(body(&server, "/lessons/02-advanced/2-second.html").contains("同步标记词戊己庚"));
    assert!(
        search_text(&server).contains("同步标记词戊己庚"),
        "search lags the page"
    );
    server.wait_log("updated in");
}

/// An overflow warning from the fast path names the lesson that was edited (not the
/// programme's first lesson), at the slide's line.
#[test]
fn fast_path_overflow_warnings_name_the_edited_lesson() {
    let f = Fixture::new("good");
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    // One paragraph: it cannot continue on the next slide, so it stays too long.
    let long: String = (1..=60)
        .map(|n| format!("第 {n} 条要点，写得很长很长很长很长很长。"))
        .collect();
    f.write(
        "content/lessons/02-advanced/2-second.md",
        &format!("---\ntitle: 第二节\n---\n## 第二\n\n{long}"),
    );
    assert!(next_message(&mut ws).contains("\"reload\""));
    server.wait_log("updated in");
    let log = server.log();
    assert!(
        log.contains("is too long for the deck") && log.contains("content/lessons/02-advanced/2-second.md:4:1"),
        "{log}"
    );
}

/// A body edit changes the lesson's content version; the pages that carry it for learner
/// progress (home, the role pages whose path lists the lesson) follow, or a learner who
/// finished the edited lesson under `serve` would be told it changed since.
#[test]
fn after_a_body_edit_the_home_and_role_pages_carry_the_lessons_new_version() {
    let f = Fixture::new("good");
    let lesson = "content/lessons/02-advanced/01-deep.md";
    let server = Server::start(&f.root(), &[]);
    let mut ws = connect(&server);
    let version_on = |page: &str| {
        let html = body(&server, page);
        let at = html
            .find("class=\"lesson-end\"")
            .unwrap_or_else(|| panic!("{page} has no end marker"));
        let v = &html[at..];
        let v = &v[v.find("data-version=\"").unwrap() + 14..];
        v[..v.find('"').unwrap()].to_string()
    };
    let before = version_on("/lessons/02-advanced/01-deep.html");
    for page in ["/index.html", "/roles/lead.html", "/roles/team-leader.html"] {
        assert!(body(&server, page).contains(&before), "{page} lacks the first version");
    }

    let text = std::fs::read_to_string(f.root().join(lesson)).unwrap();
    f.write(lesson, &format!("{text}\n版本标记段落。\n"));
    assert!(next_message(&mut ws).contains("\"reload\""));
    let after = version_on("/lessons/02-advanced/01-deep.html");
    assert_ne!(after, before, "the edit changes the lesson's version");
    for page in ["/index.html", "/roles/lead.html", "/roles/team-leader.html"] {
        let html = body(&server, page);
        assert!(
            html.contains(&after) && !html.contains(&before),
            "{page} carries a stale version"
        );
    }
}
