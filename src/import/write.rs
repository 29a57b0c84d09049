//! The I/O of `lectern import`: which folders it may write, and writing a [`Plan`]. The
//! programme is written into a staging folder beside DEST and moved into place when
//! complete, so an import that fails half-way leaves DEST as it was.

use std::fs;
use std::path::Path;

use super::plan::{Content, Plan};
use crate::diag::Diagnostic;
use crate::emit::absolute;

/// The file that marks a folder as made by `lectern import`: only such a folder is
/// replaced, and only with `--force`.
pub const MARKER: &str = ".lectern-import";
const MARKER_TEXT: &str = "This programme was made by `lectern import`; `lectern import --force` replaces it.\n";

/// Refuse a DEST that is or holds SRC, is inside it, or is not empty (without `--force`,
/// or not made by an import).
pub fn check_folders(src: &Path, dest: &Path, force: bool) -> Result<(), Diagnostic> {
    let src_abs = absolute(src)?;
    let dest_abs = absolute(dest)?;
    let refuse = |why: String| {
        Diagnostic::error(format!("refusing to import into `{}`: {why}", dest.display()))
            .help("choose a new folder for the programme, beside the source: `lectern import book my-course`")
    };
    if dest_abs == src_abs {
        return Err(refuse("it is the source folder".into()));
    }
    if dest_abs.starts_with(&src_abs) {
        return Err(refuse(format!("it is inside the source folder `{}`", src.display())));
    }
    if src_abs.starts_with(&dest_abs) {
        return Err(refuse(format!("it contains the source folder `{}`", src.display())));
    }
    if dest_abs.parent().is_none() {
        return Err(refuse("it is the file-system root".into()));
    }
    if dest_abs.exists() {
        if !dest_abs.is_dir() {
            return Err(refuse("it is a file".into()));
        }
        let empty = fs::read_dir(&dest_abs).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty && !force {
            return Err(Diagnostic::error(format!("`{}` is not empty", dest.display())).help(
                "choose a new folder, or pass `--force` to replace a programme an earlier `lectern import` made there",
            ));
        }
        if !empty && !dest_abs.join(MARKER).is_file() {
            return Err(refuse(format!(
                "it is not empty and was not made by `lectern import` (no {MARKER} file)"
            ))
            .help("choose a new folder; `--force` only replaces a folder an earlier import made"));
        }
    }
    Ok(())
}

/// Write every file of `plan` (copies read from `src`) as the programme `dest`.
pub fn write(plan: &Plan, src: &Path, dest: &Path) -> Result<(), Diagnostic> {
    let dest = absolute(dest)?;
    let parent = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map_or("programme".into(), |n| n.to_string_lossy().into_owned());
    fs::create_dir_all(parent).map_err(|e| io_error("cannot create", parent, e))?;
    let staging = parent.join(format!(".{name}.lectern-import-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let written = write_all(plan, src, &staging).and_then(|()| {
        if dest.exists() {
            fs::remove_dir_all(&dest).map_err(|e| io_error("cannot replace", &dest, e))?;
        }
        fs::rename(&staging, &dest).map_err(|e| io_error("cannot move the programme into", &dest, e))
    });
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    written
}

fn write_all(plan: &Plan, src: &Path, dir: &Path) -> Result<(), Diagnostic> {
    let marker = (MARKER.to_string(), Content::Bytes(MARKER_TEXT.as_bytes().to_vec()));
    for (rel, content) in plan.files.iter().chain(std::iter::once((&marker.0, &marker.1))) {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| io_error("cannot create", p, e))?;
        }
        let done = match content {
            Content::Bytes(b) => fs::write(&path, b),
            Content::Copy(from) => fs::copy(src.join(from), &path).map(|_| ()),
        };
        done.map_err(|e| io_error("cannot write", &path, e))?;
    }
    Ok(())
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what} `{}`: {e}", path.display()))
}
