//! One diagnostic type for every problem Lectern reports.
//!
//! Everything that can go wrong with a programme — a YAML typo, a broken link, a missing
//! image — becomes a [`Diagnostic`] that names the file and a byte span in it. The span is
//! turned into LINE:COL (columns count characters, so Chinese text lines up) only when the
//! diagnostic is shown, by [`format`] at the edge of the program.

mod format;
mod group;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use format::{format, format_all, Style};

/// A file Lectern read, kept whole so diagnostics can quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the programme root (what users see in messages).
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Arc<Self> {
        Arc::new(SourceFile {
            path: path.into(),
            text,
        })
    }

    /// 1-based line and character column of a byte offset. Lines end at `\n`, `\r\n` or a
    /// lone `\r` (old Mac files), as CommonMark and YAML read them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = line_breaks(before) + 1;
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and character column (the inverse of [`Self::line_col`]).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut start = 0;
        for _ in 1..line.max(1) {
            match self.text[start..].find(['\n', '\r']) {
                Some(i) if self.text[start + i..].starts_with("\r\n") => start += i + 2,
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[start..];
        let end_of_line = rest.find(['\n', '\r']).unwrap_or(rest.len());
        start
            + rest[..end_of_line]
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(end_of_line, |(i, _)| i)
    }
}

/// Line breaks in `text`: each `\n`, and each `\r` not followed by `\n`.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a span in a file we read, or just a path when the file
/// could not be read as text at all.
#[derive(Debug, Clone)]
pub enum Location {
    Span { file: Arc<SourceFile>, span: Range<usize> },
    Path(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Short text under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        self.location = Some(Location::Span {
            file: Arc::clone(file),
            span,
        });
        self
    }

    pub fn at_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.location = Some(Location::Path(path.into()));
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.location {
            Some(Location::Span { file, .. }) => Some(&file.path),
            Some(Location::Path(p)) => Some(p),
            None => None,
        }
    }

    /// `FILE:LINE:COL` (or just `FILE`), the way editors and terminals link to it.
    pub fn position(&self) -> Option<String> {
        match &self.location {
            Some(Location::Span { file, span }) => {
                let (line, col) = file.line_col(span.start);
                Some(format!("{}:{line}:{col}", file.path.display()))
            }
            Some(Location::Path(p)) => Some(p.display().to_string()),
            None => None,
        }
    }
}

/// The problems found by one run, collected rather than stopping at the first.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// `--strict`: every warning fails the run.
    pub fn make_warnings_errors(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    /// Every `Ok` value of `results`, or `None` with every error collected here (work done
    /// in parallel, where each item can fail on its own).
    pub fn all_ok<T>(&mut self, results: Vec<Result<T, Diagnostic>>) -> Option<Vec<T>> {
        let mut failed = false;
        let ok: Vec<T> = results
            .into_iter()
            .filter_map(|r| {
                r.map_err(|d| {
                    failed = true;
                    self.push(d)
                })
                .ok()
            })
            .collect();
        (!failed).then_some(ok)
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Errors first, then by file and position, so output is stable across parallel runs.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let start = match &d.location {
                    Some(Location::Span { span, .. }) => span.start,
                    _ => 0,
                };
                (d.severity, d.path().map(Path::to_path_buf), start)
            };
            key(a).cmp(&key(b))
        });
    }
}

/// Near-miss suggestions for "did you mean …?" hints.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.md", "标题\n小结：GMV 很高\n".to_string());
        let offset = f.text.find("GMV").unwrap();
        assert_eq!(f.line_col(offset), (2, 4));
        assert_eq!(f.offset_of(2, 4), offset);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        for text in [
            "标题\r\n正文\r\n小结：GMV\r\n",
            "标题\r正文\r小结：GMV\r",
            "标题\n正文\r\n小结：GMV\r",
        ] {
            let f = SourceFile::new("a.md", text.to_string());
            let offset = f.text.find("GMV").unwrap();
            assert_eq!(f.line_col(offset), (3, 4), "{text:?}");
            assert_eq!(f.offset_of(3, 4), offset, "{text:?}");
        }
    }

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["01-market/01-clip-sector", "02-editing/01-ab-tests"];
        assert_eq!(
            did_you_mean("01-market/01-clip-sectr", ids),
            Some("did you mean `01-market/01-clip-sector`?".into())
        );
        assert_eq!(did_you_mean("zzz", ids), None);
    }
}
