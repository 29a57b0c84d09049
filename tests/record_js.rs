//! The hand-in record format (`themes/default/static/record.js`) under Node: encode and
//! decode, the checksum, split and join, the file form (cases in `tests/js/record_test.js`).

mod common;

use std::process::Command;

#[test]
fn record_js_passes_its_cases_under_node() {
    let root = common::repo_root();
    let output = Command::new("node")
        .arg(root.join("tests/js/record_test.js"))
        .arg(root.join("themes/default/static/record.js"))
        .output()
        .expect("node runs (scripts/test installs nodejs when it is missing)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "record.js failed cases:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.lines().filter(|l| l.starts_with("ok ")).count() >= 9, "{report}");
}
