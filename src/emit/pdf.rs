//! PDF export: decks are printed by the Chromium already on the machine (headless), which
//! honours the deck's `@page` size, so each slide is one page. No browser is downloaded.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

use crate::diag::{Diagnostic, Diagnostics};

const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The Chromium to print with: `explicit` (from `--chromium`), else the first on PATH.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(path) = explicit {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(
                Diagnostic::error(format!("`--chromium {}`: no such file", path.display()))
                    .help("give the path of a Chromium or Chrome executable"),
            )
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(Diagnostic::error("PDF export needs Chromium (or Chrome), and none was found on PATH").help(
        "install it (Debian/Ubuntu: `sudo apt-get install chromium fonts-noto-cjk`; macOS: `brew install --cask chromium`), \
         or pass its path with `--chromium PATH`",
    ))
}

/// Print each deck to its PDF; two Chromiums at a time, with a progress bar when there are
/// several. A PDF counts only when this run printed it with one page per slide: any old
/// file is deleted first, and a missing PDF or another page count is an error (and leaves
/// no PDF). A Chromium that cannot print stops the rest. Errors go into `diags`.
pub fn print_all(chromium: &Path, jobs: &[PdfJob], diags: &mut Diagnostics) {
    // All of them before any printing: a deck left unprinted must not keep an old PDF.
    let stale: Vec<Diagnostic> = jobs.iter().filter_map(|job| remove_old(&job.pdf).err()).collect();
    if !stale.is_empty() {
        diags.extend(stale);
        return;
    }
    let bar = if jobs.len() > 1 {
        ProgressBar::new(jobs.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("PDF");
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let errors = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(2));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                bar.set_message(job.name.clone());
                let result = print_one(chromium, &job.html, &job.pdf, false).map(|bytes| page_count(&bytes));
                if result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                if let Err(d) = result.and_then(|pages| job.check(pages)) {
                    let _ = std::fs::remove_file(&job.pdf);
                    errors.lock().expect("lock").push(d);
                }
                bar.inc(1);
            });
        }
    });
    bar.finish_and_clear();
    diags.extend(errors.into_inner().expect("lock"));
}

pub struct PdfJob {
    /// The lesson id, for messages.
    pub name: String,
    /// The lesson's source file, where a problem with its PDF is reported.
    pub source: PathBuf,
    pub html: PathBuf,
    pub pdf: PathBuf,
    pub expected_pages: usize,
}

impl PdfJob {
    /// One page per slide, or the PDF is not the deck.
    fn check(&self, pages: usize) -> Result<(), Diagnostic> {
        if pages == self.expected_pages {
            return Ok(());
        }
        Err(Diagnostic::error(format!(
            "PDF page count differs from the slide count: {}: {pages} pages for {} slides",
            self.name, self.expected_pages
        ))
        .at_path(&self.source)
        .help(
            "a slide ran over onto another page, or the page size was not used (a theme's deck.css may change \
             the print rules); print the deck from Chromium (Ctrl+P) to see which",
        ))
    }
}

/// Delete a PDF left from an earlier run, so that a file found after printing was printed now.
fn remove_old(pdf: &Path) -> Result<(), Diagnostic> {
    match std::fs::remove_file(pdf) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Diagnostic::error(format!("cannot replace {}: {e}", pdf.display())))
        }
        _ => Ok(()),
    }
}

/// Print a document (a handbook) to `pdf`, with the PDF outline Chromium makes from its
/// headings, and return the PDF's bytes. An old `pdf` is deleted first.
pub fn print_document(chromium: &Path, html: &Path, pdf: &Path) -> Result<Vec<u8>, Diagnostic> {
    remove_old(pdf)?;
    print_one(chromium, html, pdf, true)
}

/// Print `html` to `pdf` (which must not exist yet); `outline` adds the PDF outline
/// (bookmarks) from the headings.
fn print_one(chromium: &Path, html: &Path, pdf: &Path, outline: bool) -> Result<Vec<u8>, Diagnostic> {
    let profile =
        tempfile::tempdir().map_err(|e| Diagnostic::error(format!("cannot create a temporary folder: {e}")))?;
    let url = file_url(html);
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=1500",
    ]);
    if outline {
        cmd.arg("--generate-pdf-document-outline");
    }
    if running_as_root() {
        cmd.arg("--no-sandbox"); // Chromium refuses to start as root with its sandbox on
    }
    cmd.arg(format!("--user-data-dir={}", profile.path().display()));
    cmd.arg(format!("--print-to-pdf={}", pdf.display()));
    cmd.arg(url);
    let output = cmd
        .output()
        .map_err(|e| Diagnostic::error(format!("cannot run {}: {e}", chromium.display())))?;
    let bytes = std::fs::read(pdf).ok().filter(|b| !b.is_empty());
    match bytes {
        Some(bytes) => Ok(bytes),
        None => Err(Diagnostic::error(format!(
            "Chromium did not print {} ({}): {}",
            html.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or("")
        ))
        .help("check that Chromium starts: run it with --headless --dump-dom about:blank")),
    }
}

/// Pages in a PDF that Chromium printed (its page objects are not compressed).
pub fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}

fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for b in absolute.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}
