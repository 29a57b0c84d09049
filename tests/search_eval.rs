//! Search quality on the bundled sample: Chinese, English and mixed queries, each with the
//! pages a person would expect in the top three. Reports recall@3 and MRR (also recorded
//! in docs/benchmarks.md) and fails below the bar.

use lectern::build::search_index;
use lectern::compile::compile;
use lectern::search::{search, Index};

/// (query, what it exercises, URLs of acceptable answers (prefixes))
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "爆款公式",
        "unspaced phrase",
        &["lessons/02-editing/02-hit-formula.html"],
    ),
    ("千川 预算", "spaced AND", &["qa/qianchuan-budget.html"]),
    ("预算 千川", "the same, reversed", &["qa/qianchuan-budget.html"]),
    ("KOC", "acronym inside Chinese text", &["glossary.html#koc"]),
    (
        "ＧＭＶ",
        "full-width letters",
        &["qa/gmv-vs-sales.html", "glossary.html#gmv"],
    ),
    (
        "巡",
        "one character",
        &[
            "sops/account-inspection.html",
            "lessons/04-operations/03-account-inspection.html",
        ],
    ),
    (
        "切片能不能直接用主播的原声",
        "a long natural question",
        &["qa/original-audio-copyright.html"],
    ),
    ("618 大促", "number + term", &["qa/618-promotion.html"]),
    (
        "日报",
        "trap: not 周日报名",
        &[
            "sops/daily-report.html",
            "lessons/04-operations/02-daily-report.html",
            "qa/daily-report-content.html",
        ],
    ),
    ("周日报名", "the trap's other side", &["qa/weekend-signup.html"]),
    (
        "成交总额",
        "glossary alias of GMV",
        &["qa/gmv-vs-sales.html", "glossary.html#gmv"],
    ),
    ("完播率", "metric", &["qa/completion-rate.html", "glossary.html#完播率"]),
    ("限流", "Q&A", &["qa/throttling.html", "glossary.html#限流"]),
    (
        "一鱼多吃",
        "jargon",
        &[
            "lessons/02-editing/03-one-material-every-platform.html",
            "glossary.html#一鱼多吃",
        ],
    ),
    (
        "组长 巡检",
        "role + task",
        &[
            "sops/account-inspection.html",
            "lessons/04-operations/03-account-inspection.html",
            "roles/team-leader.html",
        ],
    ),
    (
        "挂车",
        "jargon with an alias",
        &[
            "lessons/03-account/03-product-links.html",
            "qa/hang-product-links.html",
            "glossary.html#挂车",
        ],
    ),
    (
        "A/B 测试",
        "mixed Latin and Han",
        &["lessons/02-editing/01-ab-tests.html"],
    ),
    (
        "python",
        "English word",
        &["lessons/02-editing/01-ab-tests.html#用-python"],
    ),
    (
        "pyth",
        "a word being typed (prefix)",
        &["lessons/02-editing/01-ab-tests.html#用-python"],
    ),
    ("企业导师", "a role", &["roles/enterprise-mentor.html"]),
    (
        "300 人",
        "number + unit",
        &["lessons/05-operating-model/01-three-layers.html"],
    ),
    ("黄金时间", "phrase inside a question", &["qa/best-posting-time.html"]),
    ("剪映", "product name", &["qa/phone-or-pc-editing.html"]),
    (
        "搬运",
        "compliance",
        &[
            "qa/same-clip-multiple-platforms.html",
            "lessons/02-editing/04-compliance.html",
        ],
    ),
    (
        "DOU+",
        "term with a symbol",
        &[
            "qa/qianchuan-budget.html",
            "glossary.html#dou",
            "lessons/03-account/03-product-links.html",
        ],
    ),
    ("1000 粉", "number + Han", &["qa/follower-1000.html"]),
    (
        "发布 排期",
        "two words of a heading",
        &["lessons/03-account/02-account-management.html"],
    ),
    (
        "每天发多少条切片",
        "question without spaces",
        &["qa/clips-per-day.html"],
    ),
    (
        "巡检",
        "a lesson's sections must not hide the SOP",
        &["sops/account-inspection.html"],
    ),
    ("粉", "one character, the start of 粉丝", &["qa/follower-1000.html"]),
    (
        "钩",
        "one character, the start of 钩子",
        &["lessons/02-editing/02-hit-formula.html"],
    ),
];

fn sample_index() -> Index {
    let (compiled, diags) = compile(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), false);
    assert!(!diags.has_errors(), "the sample has errors");
    search_index(&compiled.expect("sample compiles"))
}

/// The address of each result's best hit (for a lesson, usually its best section).
fn urls(index: &Index, query: &str, n: usize) -> Vec<String> {
    search(index, query, n)
        .iter()
        .map(|p| index.records[p.best().id as usize].url.clone())
        .collect()
}

#[test]
fn recall_at_3_and_mrr_on_the_sample() {
    let index = sample_index();
    let mut found = 0;
    let mut reciprocal = 0.0;
    let mut misses = Vec::new();
    for (query, what, expected) in CASES {
        let got = urls(&index, query, 10);
        let rank = got.iter().position(|u| expected.iter().any(|e| u.starts_with(e)));
        if let Some(r) = rank {
            reciprocal += 1.0 / (r + 1) as f64;
        }
        if rank.is_some_and(|r| r < 3) {
            found += 1;
            if rank != Some(0) {
                println!(
                    "  rank {}: {query:?} ({what}), first: {:?}",
                    rank.unwrap_or(0) + 1,
                    got[0]
                );
            }
        } else {
            misses.push(format!(
                "{query:?} ({what}): expected one of {expected:?}, got {:?}",
                &got[..got.len().min(3)]
            ));
        }
    }
    let recall = found as f64 / CASES.len() as f64;
    let mrr = reciprocal / CASES.len() as f64;
    println!(
        "search evaluation: {} queries, recall@3 = {recall:.3}, MRR = {mrr:.3}",
        CASES.len()
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(CASES.len() >= 20);
    assert!(recall >= 0.9, "recall@3 {recall:.3} < 0.9:\n{}", misses.join("\n"));
}

#[test]
fn the_weekend_sign_up_question_is_not_a_daily_report() {
    let index = sample_index();
    let top = urls(&index, "日报", 3);
    assert!(!top.iter().any(|u| u.contains("weekend-signup")), "{top:?}");
}

#[test]
fn and_order_does_not_matter_and_partial_matches_beat_nothing() {
    let index = sample_index();
    assert_eq!(urls(&index, "千川 预算", 5), urls(&index, "预算 千川", 5));
    // One word matches nothing: the rest still finds the page.
    let partial = urls(&index, "千川 预算 xyzzyqwerty", 3);
    assert!(partial.iter().any(|u| u.contains("qianchuan-budget")), "{partial:?}");
}

#[test]
fn a_lesson_title_finds_the_lesson_and_a_long_search_page_gets_all_it_asks_for() {
    let index = sample_index();
    let top = urls(&index, "切片赛道与人才缺口", 1);
    assert_eq!(
        top,
        ["lessons/01-market-research/01-clip-sector.html"],
        "the lesson itself, not a page linking to it"
    );
    assert!(search(&index, "切片", 50).len() > 30, "more results than are re-ranked");
}
