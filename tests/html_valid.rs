//! Every HTML file of the built sample passes the Nu HTML Checker (vnu), the W3C's own
//! validator: each page type (home, module, lesson, SOP and its index, role and the roles
//! index, Q&A and a question, glossary, search, 404) and every slide deck. So do the
//! stylesheets the build writes (`static/*.css`), checked as CSS; the CSS inside pages
//! (deck.css, inlined into every deck, and `style` attributes) is checked with its page.
//! Any error fails, CSS ones included.
//!
//! vnu.jar comes from npm's `vnu-jar`, the checker's official release, pinned in
//! `tests/js/package.json` and `package-lock.json` and installed with
//! `npm ci --ignore-scripts --prefix tests/js` (`--ignore-scripts` skips its postinstall,
//! which would download a Java runtime). It runs on the system's Java
//! (`apt-get install default-jre-headless`); scripts/test installs both. A missing checker
//! or Java fails the test with that advice; it never skips. Set LECTERN_VNU_JAR to use
//! another vnu.jar.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build_sample, files_with_suffix, repo_root};
use serde_json::Value;

/// `$LECTERN_VNU_JAR`, else the vnu.jar that npm installed under `tests/js/node_modules`.
fn vnu_jar() -> PathBuf {
    const HINT: &str = "The HTML check needs vnu.jar from npm's vnu-jar: \
                        `npm ci --ignore-scripts --prefix tests/js` (scripts/test runs it), \
                        or LECTERN_VNU_JAR=/path/to/vnu.jar.";
    if let Some(jar) = std::env::var_os("LECTERN_VNU_JAR").filter(|v| !v.is_empty()) {
        let jar = PathBuf::from(jar);
        assert!(
            jar.is_file(),
            "LECTERN_VNU_JAR is {}, which is not a file. {HINT}",
            jar.display()
        );
        return jar;
    }
    let jar = repo_root().join("tests/js/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "{} does not exist. {HINT}", jar.display());
    jar
}

/// Run vnu once over all `files` (the JVM takes seconds to start) and return its messages.
/// `.css` files are checked as CSS, the others as HTML.
fn vnu(jar: &Path, files: &[PathBuf]) -> Vec<Value> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--also-check-css", "--format", "json"])
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("could not run java: {e}. Install Java with `apt-get install -y default-jre-headless`")
        });
    // vnu writes its report to stderr and exits 1 when it found errors.
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu did not write a JSON report ({e}; exit {}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"].as_array().cloned().unwrap_or_default()
}

fn vnu_version(jar: &Path) -> String {
    let out = Command::new("java").arg("-jar").arg(jar).arg("--version").output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

#[test]
fn every_page_and_deck_of_the_sample_is_valid_html() {
    let jar = vnu_jar();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_sample(&site);

    let files = files_with_suffix(&site, ".html");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&site).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    for expected in [
        "index.html",
        "lessons/02-editing/index.html",
        "lessons/02-editing/02-hit-formula.html",
        "decks/02-editing/02-hit-formula.html",
        "sops/index.html",
        "sops/daily-report.html",
        "roles/index.html",
        "roles/team-leader.html",
        "qa/index.html",
        "qa/618-promotion.html",
        "quizzes/editing-check.html",
        "glossary.html",
        "search.html",
        "404.html",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "the sample build has no {expected}"
        );
    }
    let stylesheets = files_with_suffix(&site.join("static"), ".css");
    assert!(
        stylesheets.iter().any(|f| f.ends_with("static/lectern.css")),
        "the sample build has no static/lectern.css"
    );

    // A page and a stylesheet with known errors, CSS ones among them, go through the same
    // run, so a checker that reports nothing, skips CSS (or a report we fail to read)
    // cannot pass as "valid".
    let broken = dir.path().join("known-bad.html");
    std::fs::write(
        &broken,
        "<!DOCTYPE html><html lang=\"en\"><head><title>x</title><style>p { colr: red }</style></head>\
         <body><p id=\"a\" id=\"a\"><div></div></p><img src=\"x.png\"></body></html>",
    )
    .unwrap();
    let broken_css = dir.path().join("known-bad.css");
    std::fs::write(&broken_css, "p { margin: 1px 2px 3px 4px 5px; widht: 1px }\n").unwrap();
    let mut all = files.clone();
    all.extend(stylesheets.iter().cloned());
    all.push(broken.clone());
    all.push(broken_css.clone());

    let messages = vnu(&jar, &all);
    let on = |file: &Path| -> Vec<&Value> {
        let name = format!("/{}", file.file_name().unwrap().to_string_lossy());
        messages
            .iter()
            .filter(|m| m["url"].as_str().is_some_and(|u| u.ends_with(&name)))
            .collect()
    };
    let is_css = |m: &&Value| m["message"].as_str().is_some_and(|t| t.starts_with("CSS: "));
    let on_broken = on(&broken);
    assert!(
        on_broken.len() >= 3 && on_broken.iter().any(is_css),
        "vnu should report the known errors of {}, its CSS one too; it reported: {on_broken:?}",
        broken.display()
    );
    let on_broken_css = on(&broken_css);
    assert!(
        on_broken_css.len() >= 2 && on_broken_css.iter().all(is_css),
        "vnu should report the known CSS errors of {}; it reported: {on_broken_css:?}",
        broken_css.display()
    );
    let errors: Vec<&Value> = messages
        .iter()
        .filter(|m| {
            m["url"]
                .as_str()
                .is_none_or(|u| !u.ends_with("/known-bad.html") && !u.ends_with("/known-bad.css"))
        })
        .collect();

    let report: Vec<String> = errors
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url.rsplit_once("/site/").map_or(url, |(_, f)| f);
            format!(
                "{file}:{}: [{}] {}\n      {}",
                m["lastLine"],
                m["type"].as_str().unwrap_or("?"),
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect();
    eprintln!(
        "vnu {} over {} HTML files and {} stylesheets: {} error(s)",
        vnu_version(&jar),
        files.len(),
        stylesheets.len(),
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "vnu found {} error(s) in the built sample:\n  - {}",
        errors.len(),
        report.join("\n  - ")
    );
}
