//! The browser's search (search.js, run under Node) and the Rust implementation give the
//! same answers: the same tokens for the shared tokenizer cases, and the same records in
//! the same order with the same scores for every query.

mod common;

use std::process::Command;

use lectern::build::search_index;
use lectern::compile::compile;
use lectern::search::{search, tokenize};
use serde_json::Value;

const QUERIES: &[&str] = &[
    "日报",
    "周日报名",
    "爆款公式",
    "千川 预算",
    "预算 千川",
    "KOC",
    "ＧＭＶ",
    "巡",
    "618 大促",
    "成交总额",
    "a/b 测试",
    "python",
    "pyth",
    "切片能不能直接用主播的原声",
    "DOU+",
    "1000 粉",
    "发布 排期",
    "xyzzy",
    "千川 预算 xyzzy",
    "完播率 ",
];

fn tokenize_cases() -> Vec<Value> {
    let text = std::fs::read_to_string(common::repo_root().join("tests/fixtures/search/tokenize.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn rust_tokenizer_matches_the_shared_cases() {
    for case in tokenize_cases() {
        let input = case["input"].as_str().unwrap();
        if let Some(n) = case.get("normalize") {
            assert_eq!(tokenize::normalize(input), n.as_str().unwrap(), "normalize({input:?})");
        }
        if let Some(t) = case.get("index") {
            assert_eq!(
                serde_json::json!(tokenize::index_terms(input)),
                *t,
                "index_terms({input:?})"
            );
        }
        if let Some(t) = case.get("query") {
            assert_eq!(
                serde_json::json!(tokenize::query_terms(input)),
                *t,
                "query_terms({input:?})"
            );
        }
    }
}

#[test]
fn javascript_search_gives_the_same_answers_as_rust() {
    let site = tempfile::tempdir().unwrap();
    common::build_sample(site.path());
    let queries = site.path().join("queries.json");
    std::fs::write(&queries, serde_json::to_string(QUERIES).unwrap()).unwrap();
    let root = common::repo_root();
    let output = Command::new("node")
        .arg(root.join("tests/js/search_runner.js"))
        .arg(root.join("themes/default/static/search.js"))
        .arg(site.path())
        .arg(&queries)
        .arg(root.join("tests/fixtures/search/tokenize.json"))
        .output()
        .expect("node runs (scripts/test installs nodejs when it is missing)");
    assert!(
        output.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let js: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        js["tokenize"],
        serde_json::json!([]),
        "search.js tokenizer differs from the shared cases"
    );

    let (compiled, _) = compile(&root, false);
    let index = search_index(&compiled.unwrap());
    for (q, js_hits) in QUERIES.iter().zip(js["results"].as_array().unwrap()) {
        let rust: Vec<(u64, f64)> = search(&index, q, 10)
            .iter()
            .map(|h| (u64::from(h.id), h.score))
            .collect();
        let js: Vec<(u64, f64)> = js_hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h[0].as_u64().unwrap(), h[1].as_f64().unwrap()))
            .collect();
        let ids = |v: &[(u64, f64)]| v.iter().map(|h| h.0).collect::<Vec<_>>();
        assert_eq!(ids(&rust), ids(&js), "query {q:?}: different records or order");
        for ((_, a), (_, b)) in rust.iter().zip(&js) {
            assert!((a - b).abs() < 1e-9, "query {q:?}: score {a} (Rust) vs {b} (JS)");
        }
    }
}
