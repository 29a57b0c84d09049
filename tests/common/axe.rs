//! axe-core (the accessibility engine behind Lighthouse and browser devtools) run inside
//! a page of the real headless Chromium that [`super::browser`] drives.
//!
//! axe comes from npm, pinned in `tests/js/package.json` and installed with
//! `npm ci --ignore-scripts --prefix tests/js` (scripts/test does this). A missing axe fails the test with
//! that command in the message; it never skips.
//!
//! Not declared in `common/mod.rs`: a test uses it with
//! `#[path = "common/axe.rs"] mod axe;` next to `mod common;`.

use std::path::PathBuf;

use serde::Deserialize;

use crate::common::browser::Page;
use crate::common::repo_root;

/// One rule axe found broken on a page, with every element it found it on.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    /// "minor", "moderate", "serious" or "critical".
    pub impact: String,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Deserialize)]
pub struct Node {
    /// CSS selector(s) of the element.
    pub target: String,
    pub html: String,
    pub summary: String,
}

impl Violation {
    /// The impacts that fail a test: people are blocked or seriously hindered.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

/// Where the test expects axe: `tests/js/node_modules/axe-core/axe.min.js`.
pub fn axe_path() -> PathBuf {
    repo_root().join("tests/js/node_modules/axe-core/axe.min.js")
}

/// The source of axe.min.js; panics with the install command when it is missing.
pub fn axe_source() -> String {
    let path = axe_path();
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not installed ({}: {e}). Install it with \
             `npm ci --ignore-scripts --prefix tests/js` (scripts/test does this); \
             the accessibility tests do not skip without it.",
            path.display()
        )
    })
}

/// The installed axe-core version, from its package.json.
pub fn axe_version() -> String {
    let manifest = axe_path().with_file_name("package.json");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("axe-core's package.json is JSON");
    json["version"].as_str().unwrap_or("?").to_string()
}

/// Inject axe into the page's current document (each navigation needs it again) and run
/// every rule axe enables by default (WCAG 2.x A/AA and best practices) on the whole page.
pub fn run(page: &Page, axe: &str) -> Vec<Violation> {
    // `true` at the end, so evaluating the script doesn't try to return the axe object.
    page.eval_json(&format!("{axe}\n;true"));
    let report = page.eval_json(
        r#"axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact || "unknown", help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({
                target: n.target.map(t => [].concat(t).join(" >>> ")).join(", "),
                html: n.html.slice(0, 160),
                summary: (n.failureSummary || "").replace(/\s+/g, " "),
            })),
        })))"#,
    );
    serde_json::from_value(report).unwrap_or_else(|e| panic!("unexpected axe report: {e}"))
}

/// Every violation of one page as readable lines: rule, impact, help URL, then each element.
pub fn describe(label: &str, violations: &[Violation]) -> String {
    let mut out = String::new();
    for v in violations {
        out.push_str(&format!(
            "{label}: [{}] {} — {} ({})\n",
            v.impact, v.id, v.help, v.help_url
        ));
        for n in &v.nodes {
            out.push_str(&format!("    at {}  {}\n      {}\n", n.target, n.html, n.summary));
        }
    }
    out
}
