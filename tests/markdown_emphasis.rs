//! Emphasis through Lectern's Markdown pass: the markdown-cjk-friendly test cases bold as
//! that specification says, and CommonMark's own emphasis examples keep their HTML.
//! Both tables are data files in `tests/fixtures/markdown/`.

use std::ops::Range;

use lectern::diag::{Diagnostic, SourceFile};
use lectern::markdown::{parse_document, DocOptions, LinkKind, LinkResolver};

/// Keeps every destination as written, so only emphasis is under test.
struct AsWritten;

impl LinkResolver for AsWritten {
    fn resolve(&self, dest: &str, _span: Range<usize>, _kind: LinkKind) -> Result<String, Diagnostic> {
        Ok(dest.to_string())
    }
}

fn page_html(markdown: &str) -> String {
    let file = SourceFile::new("content/lessons/m/l.md", markdown.to_string());
    let opts = DocOptions {
        unsafe_html: true, // the examples carry raw HTML that must come out as written
        ..DocOptions::default()
    };
    let doc = parse_document(&file, 0, &opts, &AsWritten);
    doc.body_html()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/markdown/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn cjk_friendly_cases_bold_as_the_specification_says() {
    let table = fixture("cjk-friendly-emphasis.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (markdown, want) = line.split_once('\t').expect("MARKDOWN<TAB>HTML");
        let got = page_html(&format!("{markdown}\n"));
        if got.trim_end() != want {
            failures.push(format!("{markdown}\n  want {want}\n  got  {}", got.trim_end()));
        }
        count += 1;
    }
    assert!(count > 100, "only {count} cases read");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[derive(serde::Deserialize)]
struct Example {
    example: u32,
    markdown: String,
    html: String,
}

#[derive(serde::Deserialize)]
struct Spec {
    cases: Vec<Example>,
}

#[test]
fn commonmark_emphasis_examples_keep_their_html() {
    let spec: Spec = serde_json::from_str(&fixture("commonmark-emphasis.json")).unwrap();
    assert_eq!(spec.cases.len(), 132);
    let failures: Vec<String> = spec
        .cases
        .iter()
        .filter_map(|case| {
            let got = page_html(&case.markdown);
            (got != case.html).then(|| {
                format!(
                    "example {}: {:?}\n  want {:?}\n  got  {got:?}",
                    case.example, case.markdown, case.html
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
