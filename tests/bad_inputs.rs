//! The bad-input catalogue (docs/bad-input.md): malformed programmes, each built by the real
//! binary on top of a previous good build.
//!
//! Every case must either build, or fail with a clear error that names FILE:LINE(:COL)
//! (or just FILE, for problems with a whole file), relative to the programme folder. It
//! must never panic (no "panicked", exit code 0 or 1), never hang (each build is killed
//! after `TIMEOUT`), and a failed build must leave the previous output byte for byte as
//! it was.
//!
//! The table is in `bad_inputs/cases.rs`. `BAD_INPUT_CASE=substring` runs only the cases
//! whose name contains it; `--nocapture` prints each case's outcome and time.

mod common;

#[path = "bad_inputs/cases.rs"]
mod cases;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::fixture::{copy_dir, snapshot, Fixture};

/// Longest a single build may take before it counts as a hang (`slow` cases: two minutes).
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One malformed programme.
pub struct Case {
    pub name: &'static str,
    /// Breaks a copy of `tests/fixtures/good`.
    pub setup: fn(&Prog),
    pub expect: Expect,
    pub timeout: Duration,
}

pub enum Expect {
    /// Exit 0; every relative link in the output resolves.
    Builds,
    /// As `Builds`, then a further check of the output.
    BuildsThen(fn(&Ctx) -> Result<(), String>),
    /// Exit 1 with `--> FILE:LINE:` (or `--> FILE` alone when `line` is `None`: a problem
    /// with the whole file, such as one that cannot be read) and every `contains` string,
    /// and the previous output untouched.
    Fails {
        file: &'static str,
        line: Option<usize>,
        contains: &'static [&'static str],
    },
}

/// The programme being broken: a copy of `tests/fixtures/good`.
pub struct Prog {
    pub root: PathBuf,
    /// Set by a setup that needs the build to run without the power to read any file
    /// (root ignores `chmod 000`).
    pub unprivileged: std::cell::Cell<bool>,
}

impl Prog {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Copy the programme's file `from` to `to` (both relative to the root).
    pub fn copy(&self, from: &str, to: &str) {
        std::fs::copy(self.path(from), self.path(to)).unwrap();
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replace the text of `rel` by `f(text)`.
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let text = self.read(rel);
        self.write(rel, &f(text));
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
        let mut files = common::files_with_suffix(&self.root, ".md");
        files.extend(common::files_with_suffix(&self.root, ".yaml"));
        files
    }
}

/// What a `BuildsThen` check sees.
pub struct Ctx<'a> {
    pub root: &'a Path,
    pub out: &'a Path,
    pub stderr: &'a str,
    /// The output of the good programme, before the case broke it.
    pub baseline: &'a BTreeMap<PathBuf, Vec<u8>>,
}

impl Ctx<'_> {
    pub fn read_out(&self, rel: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.out.join(rel)).map_err(|e| format!("output file {rel}: {e}"))
    }

    /// The output is byte for byte what the good programme produced.
    pub fn same_as_baseline(&self) -> Result<(), String> {
        let now = snapshot(self.out);
        if &now == self.baseline {
            return Ok(());
        }
        let differ: Vec<String> = now
            .keys()
            .chain(self.baseline.keys())
            .filter(|k| now.get(*k) != self.baseline.get(*k))
            .map(|k| k.display().to_string())
            .collect();
        Err(format!("output differs from the good build in: {differ:?}"))
    }
}

struct Outcome {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    timed_out: bool,
}

/// Run `lectern --root ROOT build --out OUT` with a time limit.
fn run_build(root: &Path, out: &Path, scratch: &Path, unprivileged: bool, limit: Duration) -> Result<Outcome, String> {
    let log = scratch.join("lectern.log");
    let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(common::lectern_bin());
    cmd.arg("--root")
        .arg(root)
        .arg("build")
        .arg("--out")
        .arg(out)
        .env("NO_COLOR", "1")
        .env_remove("LECTERN_TIMINGS")
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
        .stderr(log_file);
    if unprivileged {
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534); // nobody
    }
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("cannot start lectern: {e}"))?;
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break (Some(status), false);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let mut bytes = Vec::new();
    std::fs::File::open(&log)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    Ok(Outcome {
        code: status.and_then(|s| s.code()),
        stderr: String::from_utf8_lossy(&bytes).into_owned(),
        elapsed,
        timed_out,
    })
}

/// Set up, build and judge one case. `Ok(note)` when it passed.
fn run_case(case: &Case, good_out: &Path, baseline: &BTreeMap<PathBuf, Vec<u8>>) -> Result<String, String> {
    let f = Fixture::new("good");
    let (root, out) = (f.root(), f.out());
    copy_dir(good_out, &out); // the previous, good build
    let prog = Prog {
        root: root.clone(),
        unprivileged: std::cell::Cell::new(false),
    };
    (case.setup)(&prog);
    let unprivileged = prog.unprivileged.get();
    if unprivileged {
        // `nobody` must be able to reach the programme and the output.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = snapshot(&out);
    let run = match run_build(&root, &out, f.dir.path(), unprivileged, case.timeout) {
        // Privileged but not allowed to become `nobody` (a container without CAP_SETUID):
        // nothing here can make a file unreadable to this user.
        Err(e) if unprivileged && e.starts_with("cannot start") => {
            return Ok(format!(
                "skipped: `chmod 000` does not stop this user, who cannot run as nobody ({e})"
            ));
        }
        other => other?,
    };
    let stderr = &run.stderr;
    let show = |why: String| format!("{why}\n--- lectern output ---\n{}", excerpt(stderr));

    if run.timed_out {
        return Err(show(format!("no result after {:?}: killed (a hang?)", case.timeout)));
    }
    if stderr.contains("panicked") || stderr.contains("stack overflow") {
        return Err(show("lectern panicked".into()));
    }
    let code = run.code.ok_or_else(|| show("lectern was killed by a signal".into()))?;
    if code != 0 && code != 1 {
        return Err(show(format!("exit code {code}, expected 0 or 1")));
    }
    // Messages name files relative to the programme folder.
    let root_text = root.to_string_lossy();
    if stderr.contains(root_text.as_ref()) {
        return Err(show(format!("the output names the absolute path {root_text}")));
    }
    let leftovers: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lectern-"))
        .collect();
    if !leftovers.is_empty() {
        return Err(show(format!("staging folders left behind: {leftovers:?}")));
    }

    match &case.expect {
        Expect::Builds | Expect::BuildsThen(_) => {
            if code != 0 {
                return Err(show("expected the build to succeed".into()));
            }
            check_links(&out).map_err(show)?;
            if let Expect::BuildsThen(check) = &case.expect {
                let ctx = Ctx {
                    root: &root,
                    out: &out,
                    stderr,
                    baseline,
                };
                check(&ctx).map_err(show)?;
            }
            Ok(format!("builds      {:>6.2}s", run.elapsed.as_secs_f64()))
        }
        Expect::Fails { file, line, contains } => {
            if code != 1 {
                return Err(show("expected the build to fail".into()));
            }
            let at = match line {
                Some(l) => format!("--> {file}:{l}:"),
                None => format!("--> {file}\n"),
            };
            if !stderr.contains(&at) {
                return Err(show(format!("expected the error at `{}`", at.trim_end())));
            }
            for c in *contains {
                if !stderr.contains(c) {
                    return Err(show(format!("expected {c:?} in the output")));
                }
            }
            if !stderr.contains("left unchanged") {
                return Err(show("expected \"the previous output … was left unchanged\"".into()));
            }
            if snapshot(&out) != before {
                return Err(show("the previous output changed".into()));
            }
            Ok(format!(
                "fails       {:>6.2}s  {}",
                run.elapsed.as_secs_f64(),
                first_error(stderr)
            ))
        }
    }
}

/// The first `error:` line and its `-->` line, for the summary.
fn first_error(stderr: &str) -> String {
    let mut lines = stderr.lines();
    let Some(message) = lines.find(|l| l.starts_with("error: ")) else {
        return String::new();
    };
    let at = lines.next().unwrap_or("").trim().trim_start_matches("--> ");
    let message: String = message.chars().take(200).collect();
    format!("{at}  {message}")
}

fn excerpt(text: &str) -> String {
    let text: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    text.chars().take(4000).collect()
}

/// Every relative `href`/`src` of every page points at a file of the output.
fn check_links(out: &Path) -> Result<(), String> {
    let mut broken = Vec::new();
    for page in common::files_with_suffix(out, ".html") {
        if std::fs::metadata(&page).map_or(true, |m| m.len() > 8 << 20) {
            continue; // the 50 MB lesson: not worth scanning in a debug build
        }
        let html = std::fs::read_to_string(&page).map_err(|e| e.to_string())?;
        let dir = page.parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for (at, _) in html.match_indices(attr) {
                let rest = &html[at + attr.len()..];
                let url = &rest[..rest.find('"').unwrap_or(0)];
                let url = url.replace("&amp;", "&");
                if url.is_empty()
                    || url.starts_with('#')
                    || url.starts_with("//")
                    || ["http:", "https:", "mailto:", "tel:", "data:"]
                        .iter()
                        .any(|s| url.starts_with(s))
                {
                    continue;
                }
                let path = url.split(['#', '?']).next().unwrap_or("");
                let target = normalize(&dir.join(percent_decode(path)));
                if !target.starts_with(out) || !target.is_file() {
                    broken.push(format!("{} → {url}", page.strip_prefix(out).unwrap().display()));
                }
            }
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        broken.truncate(10);
        Err(format!("links that lead nowhere: {broken:#?}"))
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn bad_input_catalogue() {
    let started = Instant::now();
    let only = std::env::var("BAD_INPUT_CASE").ok();
    let cases: Vec<&Case> = cases::CASES
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o)))
        .collect();
    let mut names: Vec<&str> = cases::CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases::CASES.len(), "two cases share a name");

    // The good build every case starts from.
    let good = Fixture::new("good");
    good.build_ok(&[]);
    let baseline = snapshot(&good.out());

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(&str, Result<String, String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(case, &good.out(), &baseline)))
                        .unwrap_or_else(|p| {
                            let why = p
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            Err(format!("the test's own setup panicked: {why}"))
                        });
                results.lock().unwrap().push((case.name, result));
            });
        }
    });

    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(name, _)| cases.iter().position(|c| c.name == *name));
    let mut failed = Vec::new();
    for (name, result) in &results {
        match result {
            Ok(note) => println!("ok    {name:<40} {note}"),
            Err(why) => {
                println!("FAIL  {name:<40}");
                failed.push(format!("=== case `{name}`: {why}"));
            }
        }
    }
    println!(
        "{} cases, {} failed, {:.1}s",
        results.len(),
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failed.is_empty(), "\n{}", failed.join("\n\n"));
}
