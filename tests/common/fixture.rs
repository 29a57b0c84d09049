//! The one fixture type of the integration tests: a writable copy of a programme from
//! `tests/fixtures/` in a temp folder, edited by the test, and `run(args)` to run the real
//! `lectern` binary on it (the model is mdBook's `BookTest`).

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{lectern_bin, repo_root};

/// Longest any run may take before it is killed and counts as a hang: generous, so a
/// build with PDFs on busy cores passes, but CI never waits forever.
pub const RUN_LIMIT: Duration = Duration::from_secs(300);

/// What one run of `lectern` printed and how it ended.
pub struct Run {
    /// The exit code; `None` when the process was killed (a signal, or the time limit).
    pub code: Option<i32>,
    pub success: bool,
    /// Everything lectern printed, stderr and stdout together in the order written (as a
    /// terminal shows it).
    pub stderr: String,
    pub elapsed: Duration,
    /// Killed at the time limit.
    pub timed_out: bool,
}

/// Run `lectern ARGS…` in the current folder, with colour off.
pub fn lectern(args: &[&str]) -> Run {
    run_lectern(Path::new("."), args, false, RUN_LIMIT).unwrap_or_else(|e| panic!("{e}"))
}

/// `lectern ARGS…` in `cwd`, killed after `limit`; `Err` when it could not start.
fn run_lectern(cwd: &Path, args: &[&str], as_nobody: bool, limit: Duration) -> Result<Run, String> {
    // One file for both streams keeps their order; a file, unlike pipes, needs no reader
    // threads and cannot fill up and stall the child.
    let mut log = tempfile::tempfile().map_err(|e| format!("temp file: {e}"))?;
    let mut cmd = Command::new(lectern_bin());
    cmd.current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LECTERN_TIMINGS")
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log.try_clone().map_err(|e| e.to_string())?);
    if as_nobody {
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534);
    }
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", lectern_bin().display()))?;
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break (Some(status), false);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let mut bytes = Vec::new();
    log.rewind()
        .and_then(|_| log.read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    let code = status.and_then(|s| s.code());
    Ok(Run {
        code,
        success: code == Some(0),
        stderr: String::from_utf8_lossy(&bytes).into_owned(),
        elapsed,
        timed_out,
    })
}

/// A writable copy of `tests/fixtures/NAME` (the programme, `root()`) with an output
/// folder beside it (`out()`), both in one temp folder (`dir`).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    as_nobody: AtomicBool,
}

impl Fixture {
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo_root().join("tests/fixtures").join(name), &dir.path().join("prog"));
        Fixture {
            dir,
            as_nobody: AtomicBool::new(false),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("prog")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// `rel`, a path in the programme.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// `lectern --root prog ARGS…`, run in the fixture's folder as a user types it
    /// there: paths in ARGS and in lectern's output are relative to that folder
    /// (`--out out` is `out()`).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_within(args, RUN_LIMIT).unwrap_or_else(|e| panic!("{e}"))
    }

    /// As `run`, killed after `limit`; `Err` when lectern could not start.
    pub fn run_within(&self, args: &[&str], limit: Duration) -> Result<Run, String> {
        let mut all = vec!["--root", "prog"];
        all.extend_from_slice(args);
        run_lectern(self.dir.path(), &all, self.runs_as_nobody(), limit)
    }

    /// `lectern ARGS…` in the fixture's folder without `--root prog`: for commands that
    /// make a programme (`import`) or work on another one (`--root dest build`).
    pub fn run_bare(&self, args: &[&str]) -> Run {
        run_lectern(self.dir.path(), args, self.runs_as_nobody(), RUN_LIMIT).unwrap_or_else(|e| panic!("{e}"))
    }

    /// `lectern --root prog build --out out EXTRA…`.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--out", "out"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn build_ok(&self, extra: &[&str]) -> Run {
        let run = self.build(extra);
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    pub fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// Replace the text of `rel` by `f(text)`.
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let text = self.read(rel);
        self.write(rel, &f(text));
    }

    /// Copy the programme's file `from` to `to`.
    pub fn copy(&self, from: &str, to: &str) {
        std::fs::copy(self.path(from), self.path(to)).unwrap_or_else(|e| panic!("{from} → {to}: {e}"));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    pub fn mkdir(&self, rel: &str) {
        std::fs::create_dir_all(self.path(rel)).unwrap();
    }

    /// `rel` becomes a symbolic link to `target` (written as is: relative to `rel`'s folder).
    pub fn symlink(&self, target: &str, rel: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// Every `.md` and `.yaml` file of the programme.
    pub fn sources(&self) -> Vec<PathBuf> {
        let mut files = super::files_with_suffix(&self.root(), ".md");
        files.extend(super::files_with_suffix(&self.root(), ".yaml"));
        files
    }

    /// Make `rel` unreadable. Root (and CAP_DAC_OVERRIDE) reads it anyway, so then later
    /// runs are as `nobody`.
    pub fn make_unreadable(&self, rel: &str) {
        use std::os::unix::fs::PermissionsExt;
        let path = self.path(rel);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&path).is_ok() {
            // `nobody` must be able to reach the programme and the output.
            std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            self.as_nobody.store(true, Ordering::Relaxed);
        }
    }

    /// Whether runs are as `nobody` (see `make_unreadable`).
    pub fn runs_as_nobody(&self) -> bool {
        self.as_nobody.load(Ordering::Relaxed)
    }

    /// Names in the fixture's folder that look like lectern's staging folders.
    pub fn staging_leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("lectern-"))
            .collect()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes: compare two of these to prove nothing changed.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for path in super::files_with_suffix(dir, "") {
        let bytes = std::fs::read(&path).unwrap();
        files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
    }
    files
}

/// The bundled sample (the repository root is a programme) copied to a temp folder, so
/// edits to the working tree while the tests run cannot trigger rebuilds.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = repo_root();
    std::fs::copy(repo.join("lectern.yaml"), dir.path().join("lectern.yaml")).unwrap();
    for folder in ["content", "assets", "themes", "templates"] {
        if repo.join(folder).is_dir() {
            copy_dir(&repo.join(folder), &dir.path().join(folder));
        }
    }
    dir
}
