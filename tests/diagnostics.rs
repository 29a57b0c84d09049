//! Every diagnostic, one table (docs/bad-input.md). Each case edits a copy of
//! `tests/fixtures/good` (`prog`) beside a good build of it (`out`), runs `lectern --root
//! prog ARGS…` there (`Fixture::run`), and compares the whole output, with the exit code,
//! with its snapshot `tests/snapshots/diagnostics/NAME.snap`.
//!
//! For every case lectern must also never panic (exit code 0 or 1), never hang (killed
//! after the case's timeout), never print the absolute path of the programme, leave no
//! staging folders, and leave the previous output byte for byte as it was unless a build
//! succeeded; a successful build's relative links must all resolve.
//!
//! The cases are in `diagnostics/*.rs`, by topic. `DIAGNOSTICS_CASE=a,b` runs only the
//! cases whose name contains `a` or `b`; `--nocapture` prints each case's outcome and time.
//! Review new or changed output with `cargo insta review`.

mod common;

#[path = "diagnostics/decks.rs"]
mod decks;
#[path = "diagnostics/files.rs"]
mod files;
#[path = "diagnostics/links.rs"]
mod links;
#[path = "diagnostics/programme.rs"]
mod programme;
#[path = "diagnostics/yaml.rs"]
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::fixture::{copy_dir, snapshot, Fixture, Run};

/// Longest a single case may run before it counts as a hang (`slow` cases: two minutes).
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// `lectern build` into the output folder beside the programme.
pub const BUILD: &[&str] = &["build", "--out", "out"];

// Files of `tests/fixtures/good` that cases break.
pub const INTRO: &str = "content/lessons/01-基础/01-intro.md";
pub const NEXT: &str = "content/lessons/01-基础/02-next.md";
pub const DEEP: &str = "content/lessons/02-advanced/01-deep.md";
pub const DAILY_REPORT: &str = "content/sops/daily-report.yaml";
pub const CLIP_CHECK: &str = "content/sops/clip-check.yaml";
pub const INSPECTION: &str = "content/sops/account-inspection.yaml";
pub const ROLES: &str = "content/roles.yaml";
pub const GMV: &str = "content/qa/gmv.md";
pub const REPORT_TIME: &str = "content/qa/report-time.md";
pub const GLOSSARY: &str = "content/glossary.yaml";
pub const CONFIG: &str = "lectern.yaml";

/// A lesson (for `NEXT`) with a title and `body`.
pub fn lesson(body: &str) -> String {
    format!("---\ntitle: 第二课\n---\n{body}")
}

/// A further check of the output of a command that succeeded.
pub type Check = fn(&Ctx) -> Result<(), String>;

/// One row: a way to break (or bend) the good programme, and what to run on it.
pub struct Case {
    /// Also the snapshot's name.
    pub name: &'static str,
    /// Edits the copy of `tests/fixtures/good`.
    pub setup: fn(&Fixture),
    /// After `lectern --root prog`; relative paths are beside the programme.
    pub args: &'static [&'static str],
    pub then: Option<Check>,
    pub timeout: Duration,
}

/// A case that runs `lectern build`.
pub const fn case(name: &'static str, setup: fn(&Fixture)) -> Case {
    Case {
        name,
        setup,
        args: BUILD,
        then: None,
        timeout: TIMEOUT,
    }
}

impl Case {
    /// Run `lectern ARGS…` instead of `build` (`check`, `deck …`).
    pub const fn args(self, args: &'static [&'static str]) -> Case {
        Case { args, ..self }
    }

    /// Check the output further when the command succeeds.
    pub const fn then(self, check: Check) -> Case {
        Case {
            then: Some(check),
            ..self
        }
    }

    /// A lot to build: two minutes before it counts as a hang (such a case takes 15–40 s
    /// when other builds share the cores).
    pub const fn slow(self) -> Case {
        Case {
            timeout: Duration::from_secs(120),
            ..self
        }
    }
}

/// What a `then` check sees.
pub struct Ctx<'a> {
    pub fixture: &'a Fixture,
    /// The output of the good programme, before the case changed it.
    pub baseline: &'a BTreeMap<PathBuf, Vec<u8>>,
}

impl Ctx<'_> {
    pub fn read_out(&self, rel: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.fixture.out().join(rel)).map_err(|e| format!("output file {rel}: {e}"))
    }
}

/// A `then` check: the output is byte for byte what the good programme produced.
pub fn same_as_baseline(ctx: &Ctx) -> Result<(), String> {
    let now = snapshot(&ctx.fixture.out());
    let differ: Vec<String> = now
        .keys()
        .chain(ctx.baseline.keys())
        .filter(|k| now.get(*k) != ctx.baseline.get(*k))
        .map(|k| k.display().to_string())
        .collect();
    match differ.is_empty() {
        true => Ok(()),
        false => Err(format!("output differs from the good build in: {differ:?}")),
    }
}

/// The table, slow cases first so they do not finish last.
fn all_cases() -> Vec<&'static Case> {
    let mut cases: Vec<&Case> = [files::CASES, yaml::CASES, links::CASES, programme::CASES, decks::CASES]
        .into_iter()
        .flatten()
        .collect();
    cases.sort_by_key(|c| c.timeout == TIMEOUT);
    cases
}

/// Set up, run and judge one case: `Ok(note)` when it passed.
fn run_case(case: &Case, good_out: &Path, baseline: &BTreeMap<PathBuf, Vec<u8>>) -> Result<String, String> {
    let f = Fixture::new("good");
    copy_dir(good_out, &f.out()); // the previous, good build
    (case.setup)(&f);
    let before = snapshot(&f.out());
    let run = match f.run_within(case.args, case.timeout) {
        // Privileged but not allowed to become `nobody` (a container without CAP_SETUID):
        // nothing here can make a file unreadable to this user.
        Err(e) if f.runs_as_nobody() => {
            return Ok(format!("skipped: cannot run as nobody to make a file unreadable ({e})"));
        }
        other => other?,
    };
    let mut problems = invariants(case, &f, &run, &before);
    if problems.is_empty() && run.success {
        if let Some(check) = case.then {
            let ctx = Ctx { fixture: &f, baseline };
            problems.extend(check(&ctx).err());
        }
    }
    let output = normalise(&run, f.dir.path());
    let snapped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_output(case, &output)));
    if snapped.is_err() {
        problems.push(format!(
            "the output does not match tests/snapshots/diagnostics/{}.snap (see insta's report above)",
            case.name
        ));
    }
    if !problems.is_empty() {
        return Err(format!(
            "{}\n--- lectern output ---\n{}",
            problems.join("\n"),
            excerpt(&run.stderr)
        ));
    }
    let outcome = if run.success { "ok    " } else { "error " };
    Ok(format!(
        "{outcome} {:>6.2}s  {}",
        run.elapsed.as_secs_f64(),
        first_error(&run.stderr)
    ))
}

/// What must hold whatever the output says.
fn invariants(case: &Case, f: &Fixture, run: &Run, before: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("no result after {:?}: killed (a hang?)", case.timeout));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("stack overflow") {
        problems.push("lectern panicked".into());
    }
    match run.code {
        Some(0 | 1) => {}
        Some(code) => problems.push(format!("exit code {code}, expected 0 or 1")),
        None if !run.timed_out => problems.push("lectern was killed by a signal".into()),
        None => {}
    }
    // Also through a symbolic link to the temp folder (macOS's /tmp), or resolved.
    let root = f.root();
    let real = root.canonicalize().unwrap_or_else(|_| root.clone());
    if [&root, &real]
        .iter()
        .any(|r| run.stderr.contains(r.to_string_lossy().as_ref()))
    {
        problems.push(format!("the output names the absolute path {}", root.display()));
    }
    let leftovers = f.staging_leftovers();
    if !leftovers.is_empty() {
        problems.push(format!("staging folders left behind: {leftovers:?}"));
    }
    let built = run.success && case.args.first() == Some(&"build");
    if built {
        problems.extend(common::html::check_links(&f.out()).err());
    } else if snapshot(&f.out()) != *before {
        problems.push("the previous output changed".into());
    }
    problems
}

/// Compare with the snapshot (panics when it differs, as insta does).
fn assert_output(case: &Case, output: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/diagnostics");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!("lectern --root prog {}", case.args.join(" ")));
    settings.bind(|| insta::assert_snapshot!(case.name, output));
}

/// The output as the snapshot holds it: the exit code, then every line, with what differs
/// from run to run replaced — the temp folder by `[TMP]`, durations by `[TIME]` — and the
/// figures of the search index by `[N]`: the `search index:` line and the count of other
/// files (mostly search files) in the `built` line. They belong to the search tests, and
/// the huge lesson, so its search index, is smaller in a debug build.
fn normalise(run: &Run, tmp: &Path) -> String {
    let exit = match run.code {
        Some(code) => format!("exit {code}"),
        None => "killed".to_string(),
    };
    let mut text = run.stderr.replace(tmp.to_string_lossy().as_ref(), "[TMP]");
    if let Ok(real) = tmp.canonicalize() {
        text = text.replace(real.to_string_lossy().as_ref(), "[TMP]");
    }
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("search index: ") {
            // Which index file is the largest is the search's business too.
            Some(rest) => match rest.split_once("(largest ") {
                Some((figures, _)) => format!("search index: {}(largest [FILE])", mask_numbers(figures)),
                None => format!("search index: {}", mask_numbers(rest)),
            },
            None => mask_durations(&mask_other_files(line)),
        })
        .collect();
    format!("{exit}\n{}\n", lines.join("\n"))
}

/// `in 0.12s`, `in 12 ms`, `in 3ms` → `in [TIME]`.
fn mask_durations(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("in ") {
        out.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let unit = [" ms", "ms", "s"]
            .into_iter()
            .find(|u| rest[digits..].starts_with(u) && !rest[digits + u.len()..].starts_with(char::is_alphanumeric));
        if let (true, Some(unit)) = (digits > 0, unit) {
            out.push_str("[TIME]");
            rest = &rest[digits + unit.len()..];
        }
    }
    out + rest
}

/// `built …: 27 pages, 16 other files → …` → `…, [N] other files → …`.
fn mask_other_files(line: &str) -> String {
    let Some(end) = line.find(" other files → ").filter(|_| line.starts_with("built ")) else {
        return line.to_string();
    };
    let start = line[..end].rfind(' ').map_or(0, |i| i + 1);
    format!("{}[N]{}", &line[..start], &line[end..])
}

fn mask_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() || (in_number && c == ',') {
            if !in_number {
                out.push_str("[N]");
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// The first `error:` line and its `-->` line, for the summary.
fn first_error(stderr: &str) -> String {
    let mut lines = stderr.lines();
    let Some(message) = lines.find(|l| l.starts_with("error: ")) else {
        return String::new();
    };
    let at = lines.next().unwrap_or("").trim();
    let at = at.strip_prefix("--> ").unwrap_or("");
    let message: String = message.chars().take(200).collect();
    format!("{at}  {message}")
}

fn excerpt(text: &str) -> String {
    let text: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    text.chars().take(4000).collect()
}

/// Snapshots without a case: left over from a renamed or removed case.
fn orphan_snapshots(cases: &[&Case]) -> Vec<String> {
    let dir = common::repo_root().join("tests/snapshots/diagnostics");
    let mut orphans: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    orphans.retain(|file| {
        file.strip_suffix(".snap")
            .is_some_and(|name| !cases.iter().any(|c| c.name == name))
    });
    orphans
}

#[test]
fn diagnostics_table() {
    let started = Instant::now();
    let all = all_cases();
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len(), "two cases share a name");
    let only = std::env::var("DIAGNOSTICS_CASE").ok();
    if only.is_none() {
        let orphans = orphan_snapshots(&all);
        assert!(
            orphans.is_empty(),
            "snapshots without a case (delete them): {orphans:?}"
        );
    }
    let cases: Vec<&Case> = all
        .into_iter()
        .filter(|c| only.as_deref().is_none_or(|o| o.split(',').any(|o| c.name.contains(o))))
        .collect();

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
            Ok(note) => println!("pass  {name:<44} {note}"),
            Err(why) => {
                println!("FAIL  {name:<44}");
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
