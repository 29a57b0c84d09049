//! Emit: write the site into a staging folder beside the output and swap it in only when
//! everything was written, so a failed build leaves the previous site exactly as it was.

mod guard;
pub mod pdf;
pub mod pdf_pages;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

pub use guard::{absolute, check_output_dir, MARKER};

use crate::diag::Diagnostic;

/// A half-built site. Dropped without [`Staging::commit`], it is removed.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Folders made so far, each with the lock its files are created under. A site is tens
    /// of thousands of files in a few hundred folders: asking the file system for each
    /// file's folder again (a failing `mkdir`, which locks the parent folder) cost a
    /// fiftieth of a 10,000-lesson build. And two threads creating files in one folder
    /// (the search index's thousands) make the kernel spin on that folder's lock:
    /// `rwsem_spin_on_owner` was 16 % of a 10,000-lesson build's samples on ext4 (`perf`,
    /// 2026-12-06), so the files of one folder are created one at a time; other folders'
    /// go on in parallel.
    made: Mutex<FxHashMap<PathBuf, Arc<Mutex<()>>>>,
}

impl Staging {
    /// Create a fresh staging folder next to `out` (same file system, so the final rename
    /// is atomic). `out` must already have passed [`check_output_dir`].
    pub fn create(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(parent).map_err(|e| io_error("cannot create the output's parent folder", parent, e))?;
        remove_stale_staging(parent, &name);
        let dir = parent.join(format!(".{name}.lectern-staging-{}", std::process::id()));
        if dir.exists() {
            let _ = fs::remove_dir_all(&dir);
        }
        fs::create_dir(&dir).map_err(|e| io_error("cannot create the staging folder", &dir, e))?;
        let staging = Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
            made: Mutex::default(),
        };
        staging
            .write(MARKER, guard::MARKER_TEXT.as_bytes())
            .map_err(|e| io_error("cannot write", &staging.dir, e))?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a `/`-separated path inside the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_for(rel)?;
        let folder = self.make_parent(&path)?;
        let _one_at_a_time = folder.lock();
        fs::write(path, bytes)
    }

    /// Copy the file at `src` to `rel` inside the output.
    pub fn copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        let path = self.path_for(rel)?;
        let folder = self.make_parent(&path)?;
        let _one_at_a_time = folder.lock();
        fs::copy(src, path).map(|_| ())
    }

    /// Make the folder `path` goes in, unless this staging already made it; the folder's
    /// lock.
    fn make_parent(&self, path: &Path) -> io::Result<Arc<Mutex<()>>> {
        let parent = path.parent().unwrap_or(&self.dir);
        if let Some(lock) = self.made.lock().expect("folder set").get(parent) {
            return Ok(Arc::clone(lock));
        }
        fs::create_dir_all(parent)?;
        let mut made = self.made.lock().expect("folder set");
        Ok(Arc::clone(made.entry(parent.to_path_buf()).or_default()))
    }

    /// Refuse any path that could land outside the output folder.
    fn path_for(&self, rel: &str) -> io::Result<PathBuf> {
        let p = Path::new(rel);
        if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: `{rel}`"),
            ));
        }
        Ok(self.dir.join(p))
    }

    /// Swap the staged site in for the old output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.out.with_file_name(format!(
            ".{}.lectern-old-{}",
            self.out.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old).map_err(|e| io_error("cannot move the previous output aside", &self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(io_error("cannot move the new site into place", &self.out, e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Staging and old-output folders left by a build that was killed. Only folders that
/// carry our marker are removed.
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&format!(".{name}.lectern-staging-"))
            || file_name.starts_with(&format!(".{name}.lectern-old-"));
        if ours && entry.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what} `{}`: {e}", path.display()))
        .help("check the folder's permissions and free disk space")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::create(&tmp.path().join("public")).unwrap();
        assert!(staging.write("../evil.txt", b"x").is_err());
        assert!(staging.write("/etc/evil", b"x").is_err());
        assert!(staging.write("a/./b", b"x").is_ok() || staging.write("a/b", b"x").is_ok());
        assert!(!tmp.path().join("evil.txt").exists());
    }

    #[test]
    fn commit_swaps_and_drop_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::create(&out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let s = Staging::create(&out).unwrap();
        s.write("index.html", b"two").unwrap();
        drop(s); // a failed build
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn parallel_writes_into_shared_and_separate_folders_all_land() {
        use rayon::prelude::*;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::create(&out).unwrap();
        // Half the files in one folder (as the search index's), half spread over nested
        // folders made on first use by whichever thread gets there first.
        (0..400).into_par_iter().for_each(|i| {
            let rel = match i % 2 {
                0 => format!("search/d-{i}.js"),
                _ => format!("lessons/m{}/deep/{i}.html", i % 7),
            };
            s.write(&rel, format!("file {i}").as_bytes()).unwrap();
        });
        assert_eq!(
            s.made.lock().unwrap().len(),
            1 + 1 + 7,
            "staging root, search, 7 lesson folders"
        );
        s.commit().unwrap();
        for i in 0..400 {
            let rel = match i % 2 {
                0 => format!("search/d-{i}.js"),
                _ => format!("lessons/m{}/deep/{i}.html", i % 7),
            };
            assert_eq!(fs::read_to_string(out.join(rel)).unwrap(), format!("file {i}"));
        }
    }
}
