//! Reading built HTML in tests.

use scraper::{Html, Selector};

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The text of each match, whitespace folded.
pub fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(doc: &Html, s: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(s))
        .filter_map(|e| e.value().attr(attr))
        .map(str::to_string)
        .collect()
}
