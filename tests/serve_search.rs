//! `serve`'s fast path keeps the search index up to date by rewriting only the files an
//! edit changes (src/search/live.rs). What it serves after each edit must be, file for
//! file and byte for byte, what a full build of the edited programme writes.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::fixture::Fixture;
use common::serve::Server;

/// The good fixture, a glossary, and `n` lessons of two sections each with varied text.
fn programme(n: usize) -> Fixture {
    let f = Fixture::new("good");
    f.write(
        "content/glossary.yaml",
        "- term: GMV\n  aliases: [成交总额]\n  definition: 下单商品的总金额。\n- term: KOC\n  aliases: [关键意见消费者]\n  definition: 真实分享的普通消费者。\n",
    );
    f.write("content/lessons/03-more/_module.yaml", "title: 更多练习\n");
    let topics = [
        "直播间",
        "短视频",
        "小红书",
        "千川投放",
        "切片剪辑",
        "选品",
        "复盘",
        "话术",
    ];
    for i in 1..=n {
        let t = topics[i % topics.len()];
        let u = topics[(i * 3 + 1) % topics.len()];
        f.write(
            &format!("content/lessons/03-more/{i:02}-practice.md"),
            &format!(
                "---\ntitle: 练习 {i}：{t}\n---\n\n本课讲{t}与{u}的 SOP。\n\n## {t}要点 {i}\n\n- 看 **GMV** 和 UV\n- 写{u}日报，第 {i} 天\n\n## 小结 {i}\n\n{t}练习 {i} 完成，下一步是{u}。\n"
            ),
        );
    }
    f
}

/// Every file under `search/` of a full build of the programme as it is now.
fn full_build_search_files(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(f.out());
    f.build_ok(&[]);
    std::fs::read_dir(f.out().join("search"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Wait until the server has printed `n` fast-path updates; the last one's line.
fn nth_update(server: &Server, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let log = server.log();
        let updates: Vec<&str> = log.lines().filter(|l| l.starts_with("updated in")).collect();
        if updates.len() >= n {
            return updates[n - 1].to_string();
        }
        assert!(!log.contains("rebuilt in"), "an edit took the full path:\n{log}");
        assert!(Instant::now() < deadline, "no update {n}:\n{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn after_each_body_edit_serve_has_the_search_files_of_a_full_build() {
    let f = programme(30);
    let server = Server::start(&f.root(), &[]);
    let lesson = "content/lessons/03-more/07-practice.md";
    let original = f.read(lesson);
    let body_at = original.find("\n---\n").unwrap() + 5;
    let (front, body) = original.split_at(body_at);
    let edits = [
        // A line more: the section's length and its terms' weights change.
        body.replace("第 7 天\n", "第 7 天\n- 新增一条：对比 KOC 的转化率和完播率\n"),
        // Words replaced: terms leave the index (this lesson alone had them) and others arrive.
        body.replace("**GMV** 和 UV", "**成交总额** 和 PV")
            .replace("日报", "周报"),
        // Much shorter: the record blocks holding its text shrink.
        "\n复盘。\n\n## 复盘要点 7\n\n短。\n\n## 小结 7\n\n完。\n".to_string(),
        // Long: the average section length moves, and with it every weight: the one edit
        // here that rebuilds the index whole.
        format!(
            "\n复盘。\n\n## 复盘要点 7\n\n{}\n\n## 小结 7\n\n完。\n",
            "直播间的话术要点与 KOC 转化率分析。".repeat(300)
        ),
    ];
    for (k, body) in edits.iter().enumerate() {
        f.write(lesson, &format!("{front}{body}"));
        let line = nth_update(&server, k + 1);
        let whole = k == edits.len() - 1;
        assert_eq!(line.contains("index rebuilt"), whole, "edit {k}: {line}");
        let expected = full_build_search_files(&f);
        for (name, bytes) in &expected {
            let (status, _, served) = server.get(&format!("/search/{name}"));
            assert_eq!(status, 200, "edit {k}: search/{name} is missing");
            assert!(
                served == *bytes,
                "edit {k}: search/{name} differs from a full build ({} vs {} bytes)",
                served.len(),
                bytes.len()
            );
        }
        // Nothing beyond the files a full build has (a block too many, a stale shard).
        for family in ["d", "t", "c"] {
            let n = expected.keys().filter(|p| p.starts_with(&format!("{family}-"))).count();
            assert_eq!(
                server.get(&format!("/search/{family}-{n}.js")).0,
                404,
                "edit {k}: {family}-{n}.js"
            );
        }
    }
}
