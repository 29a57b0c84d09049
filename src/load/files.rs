//! Reading source files as text, with errors that say which file and why.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// Read `root/rel` as UTF-8 ([`source_file`]); a symbolic link must stay in the programme.
pub fn read_source(root: &Path, rel: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let full = root.join(rel);
    if full.is_symlink() {
        confined(root, rel)?;
    }
    let bytes = std::fs::read(&full).map_err(|e| {
        Diagnostic::error(format!("cannot read file: {e}"))
            .at_path(rel)
            .help("check that the file exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        // Shown with the bad bytes replaced by U+FFFD; the text before them is unchanged,
        // so `valid` is still where they start (and LINE:COL is right).
        let shown = SourceFile::new(rel, String::from_utf8_lossy(bytes).into_owned());
        Diagnostic::error(format!(
            "file is not valid UTF-8 (first bad byte at offset {valid}, line {line})"
        ))
        .at(&shown, valid..valid + '\u{fffd}'.len_utf8())
        .label("not UTF-8")
        .help("save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)")
    })?;
    Ok(source_file(rel, text))
}

/// The text of a file as loading sees it: a leading byte-order mark dropped (editors on
/// Windows add one; it is invisible and would otherwise break the `---` of front matter).
pub fn source_file(rel: &Path, text: String) -> Arc<SourceFile> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    SourceFile::new(rel, text)
}

/// A problem met while walking a folder (a symbolic link loop, a broken link, a folder that
/// cannot be read), with paths relative to the programme folder like every other message.
pub fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let path = e.path().map(rel).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(format!(
            "symbolic link loop: `{}` leads back to `{}`, a folder that holds it",
            path.display(),
            rel(ancestor).display()
        ))
        .at_path(path)
        .help("remove the link, or point it somewhere else");
    }
    let broken_link = e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        && e.path().is_some_and(|p| p.is_symlink());
    let (message, help) = match e.io_error() {
        Some(_) if broken_link => (
            "cannot read: broken symbolic link (what it points to does not exist)".to_string(),
            "fix the link or remove it",
        ),
        Some(io) => (format!("cannot read: {io}"), "check that it exists and is readable"),
        None => (format!("cannot read: {e}"), "check that it exists and is readable"),
    };
    Diagnostic::error(message).at_path(path).help(help)
}

/// Whether `root/rel` leads, through symbolic links, to a place inside the programme
/// folder. Everything read from `content/` is published, so a link to a file elsewhere
/// (`/etc/passwd`, another course) must not be followed: an error names the link and
/// where it points. A path that does not resolve is left to the read that follows.
pub fn confined(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), root.join(rel).canonicalize()) else {
        return Ok(());
    };
    if real.starts_with(&real_root) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "`{}` is a symbolic link to `{}`, outside the programme folder",
        rel.display(),
        real.display()
    ))
    .at_path(rel)
    .help("everything in content/ and assets/ is published: copy the file or folder into the programme instead of linking to it"))
}

/// Everything in `assets/` is published as it is, so, like a file a lesson links to, each
/// must be inside the programme folder: a symbolic link to `/etc/passwd` would otherwise
/// put that file on the site. A link loop would make `assets/` endless.
pub fn check_assets(root: &Path, diags: &mut Diagnostics) {
    let dir = root.join("assets");
    if !dir.is_dir() {
        return;
    }
    let walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        if !entry.path_is_symlink() {
            continue;
        }
        let rel: PathBuf = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        if let Err(d) = confined(root, &rel) {
            diags.push(d);
        }
    }
}

/// Files editors and operating systems leave behind that are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913" // Vim checks it may write a folder by creating this file
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"---\ntitle: \xb1\xea\n---\n").unwrap();
        let d = read_source(dir.path(), Path::new("a.md")).unwrap_err();
        assert_eq!(d.position().unwrap(), "a.md:2:8");
    }
}
