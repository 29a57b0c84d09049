//! Fixture programmes copied into temp folders, built with the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{lectern_bin, repo_root};

/// What one run of `lectern` printed and how it ended.
pub struct Run {
    pub success: bool,
    pub stderr: String,
}

/// Run `lectern ARGS…` with colour off.
pub fn lectern(args: &[&str]) -> Run {
    let out = Command::new(lectern_bin())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run lectern");
    Run {
        success: out.status.success(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout),
    }
}

/// A writable copy of `tests/fixtures/NAME` with an output folder beside it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo_root().join("tests/fixtures").join(name), &dir.path().join("prog"));
        Fixture { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("prog")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let root = self.root();
        let out = self.out();
        let mut args = vec![
            "--root",
            root.to_str().unwrap(),
            "build",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        lectern(&args)
    }

    pub fn build_ok(&self, extra: &[&str]) -> Run {
        let run = self.build(extra);
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    pub fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
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

/// Build once (good), break the programme, build again: it must fail with `expect` in the
/// output and leave the first build untouched.
pub fn assert_build_fails(edits: &[(&str, &str)], expect: &[&str]) -> String {
    let f = Fixture::new("good");
    f.build_ok(&[]);
    let before = snapshot(&f.out());
    for (rel, text) in edits {
        f.write(rel, text);
    }
    let run = f.build(&[]);
    assert!(!run.success, "build should fail; output:\n{}", run.stderr);
    for e in expect {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("left unchanged"), "{}", run.stderr);
    assert_eq!(before, snapshot(&f.out()), "previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lectern-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
    run.stderr
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
