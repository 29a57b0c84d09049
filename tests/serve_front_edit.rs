//! `serve`'s fast path for an edit to one lesson's front matter or title
//! (src/compile/front_edit.rs, `build::pages_after_front_edit`): after each edit, every
//! file the server holds must be, byte for byte, what a full `lectern build` of the edited
//! programme writes. Edits that change the lesson's place or relations (`draft:`,
//! `roles:`) or that do not build take the full path and behave as before.

mod common;

use std::time::{Duration, Instant};

use common::fixture::{snapshot, Fixture};
use common::serve::Server;

const LESSON: &str = "content/lessons/01-基础/01-intro.md";
const RELOAD_TAG: &str = "<script src=\"/__lectern/livereload.js\"></script>";

/// The good fixture, with what shows the edited lesson's title elsewhere: a prerequisite
/// (02-next), a role path (creator), an SOP's and a question's references, a quiz file that
/// checks it and a quiz of its own (collect.html); plus a third module of short lessons.
fn programme() -> Fixture {
    let f = Fixture::new("good");
    f.write(
        "content/quizzes/week1.md",
        "---\ntitle: 第一周测验\nlesson: 01-基础/01-intro\n---\n学完切片入门后做这份测验。\n\n> [!QUIZ] GMV 指什么？\n> - [x] 成交总额\n> - [ ] 点击率\n",
    );
    f.edit(LESSON, |t| {
        format!("{t}\n> [!QUIZ] 切片从哪里剪？\n> - [x] 直播回放\n> - [ ] 图文笔记\n")
    });
    f.write("content/lessons/03-more/_module.yaml", "title: 更多练习\n");
    for i in 1..=6 {
        f.write(
            &format!("content/lessons/03-more/{i:02}-practice.md"),
            &format!("---\ntitle: 练习 {i}\nduration: {i}\n---\n\n练习 {i}：写 KOC 日报。\n"),
        );
    }
    f
}

/// `/path` with every byte outside ASCII letters, digits and `/-._~` percent-encoded.
fn url_path(rel: &str) -> String {
    let mut out = String::from("/");
    for b in rel.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Wait until the server has printed `n` lines starting with `prefix`; the last one.
fn nth_line(server: &Server, prefix: &str, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let log = server.log();
        let lines: Vec<&str> = log.lines().filter(|l| l.starts_with(prefix)).collect();
        if lines.len() >= n {
            return lines[n - 1].to_string();
        }
        assert!(Instant::now() < deadline, "no {prefix:?} number {n}:\n{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file of a fresh full build, compared with what the server holds.
fn assert_serves_a_full_build(f: &Fixture, server: &Server, what: &str) {
    let _ = std::fs::remove_dir_all(f.out());
    f.build_ok(&[]);
    let built = snapshot(&f.out());
    assert!(built.len() > 50, "{} files", built.len());
    let mut differ = Vec::new();
    for (rel, bytes) in &built {
        let rel = rel.to_str().unwrap().replace('\\', "/");
        if rel == ".lectern-output" {
            continue; // the build's mark on its output folder, not a file of the site
        }
        let (status, _, served) = server.get(&url_path(&rel));
        let served = match rel.ends_with(".html") {
            true => String::from_utf8(served)
                .unwrap()
                .replacen(RELOAD_TAG, "", 1)
                .into_bytes(),
            false => served,
        };
        if status != 200 || served != *bytes {
            differ.push(format!("{rel} ({status})"));
        }
    }
    assert!(
        differ.is_empty(),
        "{what}: served files differ from a full build: {differ:?}"
    );
}

/// An edit to the lesson's file, named.
type Edit = (&'static str, fn(String) -> String);

#[test]
fn after_each_front_matter_edit_serve_holds_what_a_full_build_writes() {
    let f = programme();
    let server = Server::start(&f.root(), &[]);
    let edits: [Edit; 6] = [
        ("title", |t| t.replace("title: 切片入门", "title: 切片入门（新版）")),
        ("duration", |t| t.replace("duration: 30", "duration: 45")),
        ("summary and objectives", |t| {
            t.replace("summary: 认识直播切片", "summary: 认识直播切片和 KOC 账号")
                .replace(
                    "objectives: [说出切片的定义, 算出完播率]",
                    "objectives: [说出切片的定义]",
                )
        }),
        ("prerequisites", |t| {
            t.replace(
                "tags: [入门, GMV]",
                "tags: [入门, GMV]\nprerequisites: [03-more/02-practice]",
            )
        }),
        ("tags", |t| t.replace("tags: [入门, GMV]", "tags: [入门, 复盘, UV]")),
        // The title from the first heading once `title:` is gone: a title edit in the body.
        ("title from the heading", |t| t.replace("title: 切片入门（新版）\n", "")),
    ];
    for (k, (what, edit)) in edits.into_iter().enumerate() {
        f.edit(LESSON, edit);
        let line = nth_line(&server, "updated in", k + 1);
        assert!(
            !server.log().contains("rebuilt in"),
            "{what} took the full path:\n{}",
            server.log()
        );
        assert!(line.contains("01-intro.md"), "{what}: {line}");
        assert_serves_a_full_build(&f, &server, what);
    }
    let page = String::from_utf8(server.get(&url_path("lessons/01-基础/02-next.html")).2).unwrap();
    assert!(
        page.contains("什么是切片"),
        "02-next names its prerequisite by its new title"
    );
}

#[test]
fn draft_and_broken_prerequisites_take_the_full_path_and_end_as_a_full_build() {
    let f = programme();
    let server = Server::start(&f.root(), &[]);
    let page = url_path("lessons/01-基础/01-intro.html");

    // `draft: true` takes a lesson out of the site: a full rebuild.
    let last = "content/lessons/03-more/06-practice.md";
    let last_page = url_path("lessons/03-more/06-practice.html");
    f.edit(last, |t| t.replace("duration: 6\n", "duration: 6\ndraft: true\n"));
    nth_line(&server, "rebuilt in", 1);
    assert_eq!(server.get(&last_page).0, 404);
    assert_serves_a_full_build(&f, &server, "draft: true");
    f.edit(last, |t| t.replace("draft: true\n", ""));
    nth_line(&server, "rebuilt in", 2);
    assert_eq!(server.get(&last_page).0, 200);

    // An unknown prerequisite is an error at its place; the last good site stays.
    f.edit(LESSON, |t| {
        t.replace(
            "tags: [入门, GMV]",
            "tags: [入门, GMV]\nprerequisites: [03-more/99-nope]",
        )
    });
    nth_line(&server, "still serving", 1);
    let log = server.log();
    assert!(log.contains("unknown lesson `03-more/99-nope`"), "{log}");
    assert!(log.contains("01-intro.md:9:"), "{log}");
    assert!(!log.contains("updated in"), "{log}");
    // Fixed: the page shows the prerequisite it names now.
    f.edit(LESSON, |t| t.replace("99-nope", "01-practice"));
    nth_line(&server, "rebuilt in", 3);
    assert_serves_a_full_build(&f, &server, "prerequisite fixed");
    let html = String::from_utf8(server.get(&page).2).unwrap();
    assert!(html.contains("练习 1"), "the fixed prerequisite is listed");

    // The next title edit takes the fast path again, and still ends as a full build.
    f.edit(LESSON, |t| t.replace("title: 切片入门", "title: 切片入门 2.0"));
    nth_line(&server, "updated in", 1);
    assert_serves_a_full_build(&f, &server, "title after the fix");

    // New `roles:` change role pages and the index's role files: a full rebuild.
    f.edit(LESSON, |t| t.replace("roles: [creator]", "roles: [creator, lead]"));
    nth_line(&server, "rebuilt in", 4);
    assert_serves_a_full_build(&f, &server, "roles");
}
