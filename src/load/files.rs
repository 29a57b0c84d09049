//! Reading source files as text, with errors that say which file and why.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};

/// Read `root/rel` as UTF-8. A leading byte-order mark is dropped (editors on Windows add
/// one; it is invisible and would otherwise break the `---` of front matter).
pub fn read_source(root: &Path, rel: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        Diagnostic::error(format!("cannot read file: {e}"))
            .at_path(rel)
            .help("check that the file exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(format!(
            "file is not valid UTF-8 (first bad byte at offset {valid}, line {line})"
        ))
        .at_path(rel)
        .help("save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)")
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(SourceFile::new(rel, text))
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
