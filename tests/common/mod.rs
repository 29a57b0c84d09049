//! Helpers shared by Lectern's integration tests (`mod common;` in a test file).
#![allow(dead_code)] // each test binary uses a different subset

pub mod browser;
pub mod fixture;
pub mod html;
pub mod qr;
pub mod serve;
pub mod static_server;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `lectern` binary cargo built for this test run.
pub fn lectern_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_lectern"))
}

/// The repository root, which is also the bundled sample programme.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `lectern --root <repo root> build --out <out>` and fail the test, with lectern's
/// output, if it doesn't succeed.
pub fn build_sample(out: &Path) {
    let root = repo_root();
    let output = Command::new(lectern_bin())
        .arg("--root")
        .arg(&root)
        .arg("build")
        .arg("--out")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", lectern_bin().display()));
    if !output.status.success() {
        panic!(
            "`lectern --root {} build --out {}` failed ({}).\n--- stderr ---\n{}\n--- stdout ---\n{}",
            root.display(),
            out.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout),
        );
    }
}

/// A `file://` URL for `path` (made absolute), percent-encoding every byte that isn't an
/// unreserved URL character or `/` — so spaces, `#`, `?`, `%` and Chinese names are all safe.
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|e| panic!("cannot make {} absolute: {e}", path.display()));
    let mut url = String::from("file://");
    for &byte in absolute.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// All files under `dir` (recursively) whose name ends with `suffix`, sorted.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries =
            std::fs::read_dir(&current).unwrap_or_else(|e| panic!("cannot read directory {}: {e}", current.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// (width, height) in points of every page of a PDF that Chromium printed. Its page
/// objects are not compressed, so each `/Type /Page` has its `/MediaBox` nearby.
pub fn pdf_page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let mut sizes = Vec::new();
    for (at, _) in text.match_indices("/Type /Page") {
        let rest = &text[at + "/Type /Page".len()..];
        if rest.starts_with('s') {
            continue; // `/Type /Pages`, the page tree
        }
        let object = &text[text[..at].rfind(" obj").unwrap_or(0)..];
        let object = &object[..object.find("endobj").unwrap_or(object.len())];
        let Some(start) = object.find("/MediaBox [") else {
            continue;
        };
        let numbers: Vec<f64> = object[start + 11..]
            .split(']')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [x0, y0, x1, y1] = numbers[..] {
            sizes.push((x1 - x0, y1 - y0));
        }
    }
    sizes
}
