//! The compatibility table in docs/authoring.md ("Bringing an existing Marp or reveal.js
//! deck") stays true: every feature it calls supported or accepted is used by a deck in
//! `tests/fixtures/decks-wild` (which `tests/decks_wild.rs` builds), so a row cannot claim
//! what no fixture shows.

mod common;

use std::path::Path;

use lectern::model::REVEAL_MD_KEYS;

struct Row {
    tool: String,
    feature: String,
    status: String,
    fixture: Option<String>,
}

fn table() -> Vec<Row> {
    let doc = std::fs::read_to_string(common::repo_root().join("docs/authoring.md")).unwrap();
    let section = doc
        .split("### Bringing an existing Marp or reveal.js deck")
        .nth(1)
        .expect("the section is there");
    // To the next `## ` heading outside the section's code examples.
    let mut in_code = false;
    let lines = section.lines().take_while(|l| {
        in_code ^= l.starts_with("```");
        in_code || !l.starts_with("## ")
    });
    let rows: Vec<Row> = lines
        .filter(|l| l.starts_with("| Marp |") || l.starts_with("| reveal.js |"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 4, "four cells: {l}");
            let fixture = cells[3].strip_prefix('`').and_then(|c| c.strip_suffix('`'));
            Row {
                tool: cells[0].into(),
                feature: cells[1].into(),
                status: cells[2].into(),
                fixture: fixture.map(str::to_string),
            }
        })
        .collect();
    assert!(rows.len() > 20, "the table is found: {} rows", rows.len());
    rows
}

fn fixture_texts() -> Vec<(String, String)> {
    let root = common::repo_root().join("tests/fixtures/decks-wild/content/lessons");
    let mut out = Vec::new();
    for module in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(module.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path.strip_prefix(&root).unwrap_or(Path::new("")).display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

#[test]
fn every_supported_or_accepted_row_is_used_by_a_fixture_deck() {
    let decks = fixture_texts();
    for row in table() {
        let shown = row.status.starts_with("supported") || row.status.starts_with("accepted");
        assert!(
            shown || row.status == "not supported",
            "{} {}: status is supported, accepted… or not supported, not `{}`",
            row.tool,
            row.feature,
            row.status
        );
        if !shown {
            continue;
        }
        let snippet = row
            .fixture
            .unwrap_or_else(|| panic!("{} {}: a {} row names its fixture", row.tool, row.feature, row.status));
        let deck_tool = if row.tool == "Marp" { "marp: true" } else { "" };
        let found = decks
            .iter()
            .find(|(_, text)| text.contains(&snippet) && text.contains(deck_tool));
        assert!(
            found.is_some(),
            "{} {}: no {} deck in decks-wild has `{snippet}`",
            row.tool,
            row.feature,
            row.tool
        );
    }
}

#[test]
fn every_reveal_md_key_has_a_row() {
    let features: String = table()
        .iter()
        .filter(|r| r.tool == "reveal.js")
        .map(|r| r.feature.clone())
        .collect();
    for key in REVEAL_MD_KEYS {
        assert!(features.contains(&format!("`{key}`")), "no row for reveal-md's `{key}`");
    }
}
