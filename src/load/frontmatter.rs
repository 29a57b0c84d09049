//! Splitting a Markdown file into YAML front matter and body.

use std::ops::Range;

/// Where the front matter and the body are, in bytes. `None` when the file does not
/// start with a `---` line.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub front: Range<usize>,
    pub body_start: usize,
}

/// Outcome of looking for front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatter {
    Found(Split),
    /// The file has no opening `---` line.
    Missing,
    /// An opening `---` with no closing `---`; the offset of the opening line.
    Unclosed,
}

pub fn split(text: &str) -> FrontMatter {
    split_at_fence(text, "---")
}

/// Hugo's TOML front matter: between `+++` lines, at the start of the file. `None` without
/// one (an unclosed `+++` is no front matter either: the line is shown as text).
pub fn split_toml(text: &str) -> Option<Split> {
    match split_at_fence(text, "+++") {
        FrontMatter::Found(split) => Some(split),
        _ => None,
    }
}

fn split_at_fence(text: &str, fence: &str) -> FrontMatter {
    let Some(first_end) = line_end(text, 0) else {
        return FrontMatter::Missing;
    };
    if text[..first_end].trim_end() != fence {
        return FrontMatter::Missing;
    }
    let front_start = next_line(text, first_end);
    let mut pos = front_start;
    while pos < text.len() {
        let end = line_end(text, pos).unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return FrontMatter::Found(Split {
                front: front_start..pos,
                body_start: next_line(text, end),
            });
        }
        pos = next_line(text, end);
    }
    FrontMatter::Unclosed
}

/// Where the line starting at `from` ends: at `\n`, `\r\n` or a lone `\r` (old Mac files),
/// the line endings CommonMark knows, so the body and the front matter agree on lines.
fn line_end(text: &str, from: usize) -> Option<usize> {
    if from >= text.len() {
        return None;
    }
    Some(text[from..].find(['\n', '\r']).map_or(text.len(), |i| from + i))
}

fn next_line(text: &str, line_end: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(line_end) {
        Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => line_end + 2,
        Some(_) => line_end + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_front_matter_and_body() {
        let t = "---\ntitle: 切片\n---\n# 正文\n";
        let FrontMatter::Found(s) = split(t) else { panic!() };
        assert_eq!(&t[s.front.clone()], "title: 切片\n");
        assert_eq!(&t[s.body_start..], "# 正文\n");
    }

    #[test]
    fn crlf_and_empty_front_matter() {
        let t = "---\r\n---\r\nbody";
        let FrontMatter::Found(s) = split(t) else { panic!() };
        assert!(s.front.is_empty());
        assert_eq!(&t[s.body_start..], "body");
    }

    #[test]
    fn lone_carriage_returns_end_lines_too() {
        let t = "---\rtitle: 切片\r---\r正文\r";
        let FrontMatter::Found(s) = split(t) else { panic!() };
        assert_eq!(&t[s.front.clone()], "title: 切片\r");
        assert_eq!(&t[s.body_start..], "正文\r");
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("# no front matter\n"), FrontMatter::Missing);
        assert_eq!(split(""), FrontMatter::Missing);
        assert_eq!(split("---\ntitle: x\n"), FrontMatter::Unclosed);
    }
}
