//! The browser's search (search.js, run under Node) and the Rust implementation give the
//! same answers: the same tokens for the shared tokenizer cases, and for every query (with
//! its type and role filter) the same pages in the same order, each with the same hits in
//! the same order with the same scores; also with every number of `Tuning` changed,
//! which search.js must take from `meta.js`.

mod common;

use std::path::Path;
use std::process::Command;

use lectern::build::search_index;
use lectern::compile::compile;
use lectern::search::{search_filtered, tokenize, Filter, Index, Kind, Tuning};
use serde_json::Value;

/// (query, type filter, role filter); "" for none.
const QUERIES: &[(&str, &str, &str)] = &[
    ("日报", "", ""),
    ("周日报名", "", ""),
    ("爆款公式", "", ""),
    ("千川 预算", "", ""),
    ("预算 千川", "", ""),
    ("KOC", "", ""),
    ("ＧＭＶ", "", ""),
    ("巡", "", ""),
    ("检", "", ""),
    ("站", "", ""),
    ("618 大促", "", ""),
    ("成交总额", "", ""),
    ("a/b 测试", "", ""),
    ("python", "", ""),
    ("pyth", "", ""),
    // A prefix with several expansions: click, clicks, clip, clips.
    ("cli", "", ""),
    ("切片能不能直接用主播的原声", "", ""),
    ("DOU+", "", ""),
    ("1000 粉", "", ""),
    ("发布 排期", "", ""),
    ("xyzzy", "", ""),
    ("千川 预算 xyzzy", "", ""),
    ("完播率 ", "", ""),
    // Many sections of few lessons: pages with sections beneath.
    ("切片", "", ""),
    ("复盘", "", ""),
    // Filters, applied before anything is cut.
    ("日报", "sop", ""),
    ("切片", "qa", ""),
    ("切片", "term", ""),
    ("切片", "", "team-leader"),
    ("切片", "lesson", "student-creator"),
    ("日报", "", "no-such-role"),
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

/// Per query, the pages with their hits: (page, [(record, score)]).
type Answers = Vec<Vec<(u64, Vec<(u64, f64)>)>>;

/// search.js's answers to `QUERIES` on the index files under `site/search/`.
fn javascript_answers(site: &Path) -> Value {
    let queries = site.join("queries.json");
    std::fs::write(&queries, serde_json::to_string(QUERIES).unwrap()).unwrap();
    let root = common::repo_root();
    let output = Command::new("node")
        .arg(root.join("tests/js/search_runner.js"))
        .arg(root.join("themes/default/static/search.js"))
        .arg(site)
        .arg(&queries)
        .arg(root.join("tests/fixtures/search/tokenize.json"))
        .output()
        .expect("node runs (scripts/test installs nodejs when it is missing)");
    assert!(
        output.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn filter_of(kind: &str, role: &str) -> Filter {
    let filter = Filter {
        kind: Kind::ALL.into_iter().find(|k| serde_json::to_value(k).unwrap() == kind),
        role: (!role.is_empty()).then(|| role.to_string()),
    };
    assert_eq!(filter.kind.is_some(), !kind.is_empty(), "unknown type {kind:?}");
    filter
}

/// Rust's answers to `QUERIES`, ten pages each, as the runner gives search.js's.
fn rust_answers(index: &Index) -> Answers {
    QUERIES
        .iter()
        .map(|&(q, kind, role)| {
            search_filtered(index, q, 10, &filter_of(kind, role))
                .iter()
                .map(|p| {
                    let hits = p.hits.iter().map(|h| (u64::from(h.id), h.score)).collect();
                    (u64::from(p.page), hits)
                })
                .collect()
        })
        .collect()
}

/// The same pages in the same order, each with the same hits in the same order and the
/// same scores (within 1e-9); returns how many pages had several hits.
fn assert_same_answers(rust: &Answers, js: &Value, case: &str) -> usize {
    let js: Answers = serde_json::from_value(js["results"].clone()).unwrap();
    let mut grouped = 0;
    for ((&(q, kind, role), rust), js) in QUERIES.iter().zip(rust).zip(&js) {
        let ids = |v: &[(u64, Vec<(u64, f64)>)]| {
            v.iter()
                .map(|(page, hits)| (*page, hits.iter().map(|h| h.0).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        let what = format!("{case}: query {q:?} (type {kind:?}, role {role:?})");
        grouped += rust.iter().filter(|p| p.1.len() > 1).count();
        assert_eq!(ids(rust), ids(js), "{what}: different pages, hits or order");
        let scores = |v: &[(u64, Vec<(u64, f64)>)]| v.iter().flat_map(|p| p.1.iter().map(|h| h.1)).collect::<Vec<_>>();
        for (a, b) in scores(rust).iter().zip(scores(js)) {
            assert!((a - b).abs() < 1e-9, "{what}: score {a} (Rust) vs {b} (JS)");
        }
    }
    grouped
}

fn sample_index() -> Index {
    let (compiled, _) = compile(&common::repo_root(), false);
    search_index(&compiled.unwrap())
}

#[test]
fn javascript_search_gives_the_same_answers_as_rust() {
    let site = tempfile::tempdir().unwrap();
    common::build_sample(site.path());
    let js = javascript_answers(site.path());
    assert_eq!(
        js["tokenize"],
        serde_json::json!([]),
        "search.js tokenizer differs from the shared cases"
    );
    let rust = rust_answers(&sample_index());
    for (&(q, _, role), pages) in QUERIES.iter().zip(&rust) {
        assert!(
            !pages.is_empty() || q.contains("xyzzy") || role == "no-such-role",
            "query {q:?}: nothing found, so nothing compared"
        );
    }
    let grouped = assert_same_answers(&rust, &js, "built sample");
    assert!(grouped >= 5, "pages with several hits compared: {grouped}");
}

/// Sets one number of a `Tuning`.
type TuningChange = fn(&mut Tuning);

/// search.js keeps no copy of the numbers in `Tuning`: with each one changed alone in the
/// index (and so in `meta.js`), Rust's answers change and search.js still gives the same.
#[test]
fn javascript_search_takes_every_tuning_number_from_meta_js() {
    let mut index = sample_index();
    let before = rust_answers(&index);
    let changes: [(&str, TuningChange); 8] = [
        ("max_parts", |t| t.max_parts = 1),
        ("prefix_min_chars", |t| t.prefix_min_chars = 5),
        ("prefix_expansions", |t| t.prefix_expansions = 1),
        ("glossary_min_chars", |t| t.glossary_min_chars = 4),
        ("rerank", |t| t.rerank = 0),
        ("sections", |t| t.sections = 0),
        ("k1", |t| t.k1 = 2.0),
        ("weight_scale", |t| t.weight_scale = 7.0),
    ];
    for (name, change) in changes {
        index.tuning = Tuning::DEFAULT;
        change(&mut index.tuning);
        let rust = rust_answers(&index);
        assert!(
            rust != before,
            "{name}: changing it changes no answer, so this proves nothing"
        );
        let site = tempfile::tempdir().unwrap();
        for (path, text) in index.files() {
            let path = site.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        assert_same_answers(&rust, &javascript_answers(site.path()), &format!("{name} changed"));
    }
}
