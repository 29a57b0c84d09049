//! Links and images that point outside the programme: paths on the author's own computer
//! (an error with a hint), and images on the internet (kept, and counted in one warning).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};

/// Folders that start absolute paths on Windows, macOS and Linux computers, not in a
/// programme (`/assets/…` is the programme's).
const COMPUTER_FOLDERS: &[&str] = &[
    "/Users/",
    "/home/",
    "/Volumes/",
    "/private/",
    "/var/folders/",
    "/tmp/",
    "/mnt/",
    "/media/",
    "/root/",
];

/// Whether `dest` is a path on the author's computer, as editors paste them:
/// `C:\Users\…`, `D:/课件/…`, `file:///…`, `\\server\share\…`, `~/…`, `/Users/…`.
pub fn is_computer_path(dest: &str) -> bool {
    let b = dest.as_bytes();
    let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/');
    drive
        || dest.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        || dest.starts_with("\\\\")
        || dest.starts_with("~/")
        || COMPUTER_FOLDERS.iter().any(|f| dest.starts_with(f))
}

/// The error for a path on the author's computer, at `span`.
pub fn computer_path_error(dest: &str, file: &Arc<SourceFile>, span: Range<usize>) -> Diagnostic {
    let name = dest
        .rsplit(['/', '\\'])
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("FILE");
    Diagnostic::error(format!("`{dest}` is a path on your computer, not in the programme"))
        .at(file, span)
        .label("readers do not have this file")
        .help(format!(
            "copy `{name}` into the programme's assets/ folder and write `/assets/{name}`, \
             or put it next to this file and write a relative path"
        ))
}

/// Whether an image source is on the internet (and so not there offline).
pub fn is_remote(dest: &str) -> bool {
    let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Remote images of one document: its file, whether it is a lesson, and where each image is.
pub struct RemoteImages {
    pub file: Arc<SourceFile>,
    pub lesson: bool,
    pub spans: Vec<Range<usize>>,
}

/// One warning for all the remote images of a build, at the first, naming the next few.
pub fn remote_images_warning(found: &[RemoteImages]) -> Option<Diagnostic> {
    let found: Vec<&RemoteImages> = found.iter().filter(|r| !r.spans.is_empty()).collect();
    // In source order: raw HTML is resolved before the Markdown around it.
    let first_span = |r: &RemoteImages| r.spans.iter().min_by_key(|s| s.start).cloned();
    let first = found.first()?;
    let first_span = first_span(first)?;
    let images: usize = found.iter().map(|r| r.spans.len()).sum();
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let files = match found.iter().all(|r| r.lesson) {
        true => noun(found.len(), "lesson", "lessons"),
        false => noun(found.len(), "file", "files"),
    };
    let others: Vec<String> = found
        .iter()
        .flat_map(|r| {
            let mut spans = r.spans.clone();
            spans.sort_by_key(|s| s.start);
            spans.into_iter().map(move |s| position(&r.file, &s))
        })
        .skip(1)
        .collect();
    const NAMED: usize = 3;
    let mut help = String::from("download them into assets/ and link the copies to show them offline");
    if !others.is_empty() {
        help.push_str("; also at ");
        help.push_str(&others[..others.len().min(NAMED)].join(", "));
        if others.len() > NAMED {
            help.push_str(&format!(" and {} more", others.len() - NAMED));
        }
    }
    Some(
        Diagnostic::warning(format!(
            "{} in {files} will not show offline",
            noun(images, "remote image", "remote images")
        ))
        .at(&first.file, first_span)
        .label("the first of them")
        .help(help),
    )
}

fn position(file: &SourceFile, span: &Range<usize>) -> String {
    let (line, col) = file.line_col(span.start);
    format!("{}:{line}:{col}", Path::new(&file.path).display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computer_paths() {
        for p in [
            r"C:\Users\李雷\Pictures\图1.png",
            "D:/课件/第二章/2.1.png",
            "file:///Users/han/Desktop/a.png",
            r"\\nas\share\a.png",
            "~/Downloads/a.png",
            "/Users/han/Library/Containers/a.png",
            "/home/han/图/a.png",
        ] {
            assert!(is_computer_path(p), "{p}");
        }
        for p in [
            "/assets/img/a.png",
            "images/a.png",
            "../x.md",
            "https://a.org/x.png",
            "lesson:a/b",
            "c:d",
        ] {
            assert!(!is_computer_path(p), "{p}");
        }
    }

    #[test]
    fn one_warning_names_the_first_and_counts_the_rest() {
        let a = SourceFile::new(
            "content/lessons/m/a.md",
            "![x](https://a.org/x.png)\n![y](https://a.org/y.png)\n".into(),
        );
        let b = SourceFile::new("content/qa/q.md", "\n\n<img src=\"//cdn.org/z.png\">".into());
        assert!(remote_images_warning(&[]).is_none());
        let found = [
            RemoteImages {
                file: a.clone(),
                lesson: true,
                spans: vec![0..25, 26..51],
            },
            RemoteImages {
                file: b,
                lesson: false,
                spans: vec![Range { start: 12, end: 26 }],
            },
        ];
        let d = remote_images_warning(&found).unwrap();
        let text = crate::diag::format(&d, false);
        assert!(
            text.contains("3 remote images in 2 files will not show offline"),
            "{text}"
        );
        assert!(text.contains("content/lessons/m/a.md:1:1"), "{text}");
        assert!(
            text.contains("also at content/lessons/m/a.md:2:1, content/qa/q.md:3:11"),
            "{text}"
        );
        let one = [RemoteImages {
            file: a,
            lesson: true,
            spans: vec![Range { start: 0, end: 26 }],
        }];
        let text = crate::diag::format(&remote_images_warning(&one).unwrap(), false);
        assert!(
            text.contains("1 remote image in 1 lesson will not show offline"),
            "{text}"
        );
    }
}
