//! Watching the programme and rebuilding after each burst of saves.
//!
//! Editors save in many ways (write in place, write a temp file and rename it, keep swap
//! and backup files); notify's debouncer folds each burst into one batch 50 ms after the
//! last event (an editor's save is a burst of a few milliseconds; a longer wait was most of
//! the time from a save to the page), and saves that arrive while a rebuild runs are taken
//! together by the next one. The rebuild is a full one (correct whatever the edit was), except for an
//! edit to one lesson's body, which `incremental` redraws in milliseconds.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};

use super::memory::Live;
use super::{incremental, memory, message, print_diagnostics, MemorySite, ServeOptions, Shared};
use crate::diag::{self, Diagnostic};
use crate::load::is_ignored_name;

const QUIET: Duration = Duration::from_millis(50);
/// How often the debouncer looks whether the quiet period is over.
const TICK: Duration = Duration::from_millis(10);

/// Keeps the watcher alive; dropping it stops watching.
pub enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// What a rebuild needs to watch, relative to the root.
const WATCHED: &[&str] = &["content", "assets", "themes", "templates"];

pub fn start(opts: &ServeOptions, shared: Arc<Shared>, live: Option<Live>) -> Result<Arc<Mutex<Watcher>>, Diagnostic> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let fail = |e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("cannot watch {}: {e}", opts.root.display())).help("try `--poll`")
    };
    let mut watcher = if opts.poll {
        let config = notify_debouncer_full::notify::Config::default().with_poll_interval(Duration::from_millis(200));
        Watcher::Poll(new_debouncer_opt(QUIET, Some(TICK), tx, NoCache, config).map_err(|e| fail(&e))?)
    } else {
        Watcher::Native(new_debouncer(QUIET, Some(TICK), tx).map_err(|e| fail(&e))?)
    };
    // The folders, recursively; the root itself only for lectern.yaml (and folders that
    // appear later), so the output folder and target/ are never walked.
    watcher
        .watch(&opts.root, RecursiveMode::NonRecursive)
        .map_err(|e| fail(&e))?;
    for dir in WATCHED {
        let path = opts.root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| fail(&e))?;
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let root = opts.root.clone();
    let (drafts, style) = (opts.drafts, opts.style);
    let handle = Arc::clone(&watcher);
    std::thread::spawn(move || rebuild_loop(&root, drafts, style, &rx, &shared, live, &handle));
    Ok(watcher)
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify_debouncer_full::notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }
}

/// `content/`, `assets/`, … created after `serve` started: watch them too.
fn watch_new_folders(root: &Path, paths: &[PathBuf], watcher: &Mutex<Watcher>) {
    for path in paths {
        let top = path.strip_prefix(root).ok().and_then(|r| r.to_str());
        if top.is_some_and(|t| WATCHED.contains(&t)) && path.is_dir() {
            let _ = watcher
                .lock()
                .expect("watcher lock")
                .watch(path, RecursiveMode::Recursive);
        }
    }
}

/// Whether a changed path can affect the site.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if rel
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return false;
    }
    rel == Path::new(crate::load::CONFIG_FILE) || WATCHED.iter().any(|d| rel.starts_with(d)) && !name.is_empty()
}

/// What a batch of saves asks of the server, decided once from the changed paths.
#[derive(Debug, PartialEq)]
enum ChangeKind {
    /// One Markdown file under `content/`: if it is a lesson whose body alone changed, the
    /// fast path redraws just that lesson.
    OneMarkdownFile(PathBuf),
    /// Only the site's stylesheets: rebuild, and open pages swap them without reloading.
    /// (Decks carry their stylesheet inside, so `deck.css` is not one of them.)
    Stylesheets,
    /// Anything else (`lectern.yaml`, templates, assets, YAML content, several files):
    /// rebuild, and open pages reload.
    Other,
}

impl ChangeKind {
    fn of(root: &Path, changed: &[PathBuf]) -> ChangeKind {
        let stylesheet = |p: &PathBuf| p.extension().is_some_and(|e| e == "css") && !p.ends_with("deck.css");
        match changed {
            [one] if one.starts_with(root.join("content")) && one.extension().is_some_and(|e| e == "md") => {
                ChangeKind::OneMarkdownFile(one.clone())
            }
            [_, ..] if changed.iter().all(stylesheet) => ChangeKind::Stylesheets,
            _ => ChangeKind::Other,
        }
    }
}

fn rebuild_loop(
    root: &Path,
    drafts: bool,
    style: diag::Style,
    rx: &mpsc::Receiver<DebounceEventResult>,
    shared: &Shared,
    mut live: Option<Live>,
    watcher: &Mutex<Watcher>,
) {
    while let Ok(batch) = rx.recv() {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut collect = |batch: DebounceEventResult| {
            if let Ok(events) = batch {
                for event in events {
                    // Reading a file (as every build does) is an event too: only changes count.
                    // (The poll watcher reports a write as a new modification time.)
                    let change = matches!(
                        event.kind,
                        EventKind::Create(_)
                            | EventKind::Remove(_)
                            | EventKind::Modify(
                                ModifyKind::Data(_)
                                    | ModifyKind::Name(_)
                                    | ModifyKind::Any
                                    | ModifyKind::Other
                                    | ModifyKind::Metadata(MetadataKind::WriteTime)
                            )
                    );
                    if matches!(event.kind, EventKind::Create(_)) {
                        watch_new_folders(root, &event.paths, watcher);
                    }
                    if change {
                        changed.extend(event.paths.iter().filter(|p| relevant(root, p)).cloned());
                    }
                }
            }
        };
        collect(batch);
        // Saves that landed while we waited belong to the same rebuild.
        while let Ok(more) = rx.try_recv() {
            collect(more);
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        // A panic while rebuilding (a bug) must not stop the watcher: report it, keep the
        // last good site, and take the full path next time (the fast path's state may be
        // half-updated).
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            rebuild(root, drafts, style, shared, &mut live, &changed)
        }));
        if let Err(payload) = outcome {
            live = None;
            let what = panic_message(payload.as_ref());
            let d = Diagnostic::error(format!("Lectern crashed while rebuilding: {what}"))
                .help("this is a bug in Lectern; please report it with the edit that caused it. The last good site is still served; saving again retries");
            let mut diags = crate::diag::Diagnostics::default();
            diags.push(d);
            failed(shared, &diags, style);
        }
    }
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// One rebuild after the batch `changed`: the fast path when it applies, else a full build.
fn rebuild(
    root: &Path,
    drafts: bool,
    style: diag::Style,
    shared: &Shared,
    live: &mut Option<Live>,
    changed: &[PathBuf],
) {
    let started = Instant::now();
    // Debug builds only: a way for tests to make a rebuild panic (see tests/serve.rs).
    #[cfg(debug_assertions)]
    if let Ok(name) = std::env::var("LECTERN_TEST_PANIC_ON") {
        assert!(!changed.iter().any(|p| p.ends_with(&name)), "test panic on {name}");
    }
    let kind = ChangeKind::of(root, changed);
    if let (ChangeKind::OneMarkdownFile(path), Some(l)) = (&kind, live.as_mut()) {
        let site = shared.site.read().expect("site lock").clone();
        match incremental::update(l, &site, root, path) {
            incremental::Outcome::Updated(update) => {
                print_diagnostics(&update.warnings, style);
                publish_pages(shared, update.site, &update.pages);
                eprintln!(
                    "updated in {} ms ({}; {})",
                    started.elapsed().as_millis(),
                    describe(root, changed),
                    update.touched
                );
                return;
            }
            incremental::Outcome::Failed(diags) => {
                failed(shared, &diags, style);
                // Until a full build succeeds, every edit rebuilds everything: the fast
                // path must never hide an error elsewhere.
                *live = None;
                return;
            }
            incremental::Outcome::NotApplicable => {}
        }
    }
    match memory::build(root, drafts) {
        Ok((site, warnings, rebuilt)) => {
            print_diagnostics(&warnings, style);
            let message = match kind {
                ChangeKind::Stylesheets => "css",
                ChangeKind::OneMarkdownFile(_) | ChangeKind::Other => "reload",
            };
            publish(shared, site, message);
            *live = Some(rebuilt);
            eprintln!(
                "rebuilt in {} ms ({})",
                started.elapsed().as_millis(),
                describe(root, changed)
            );
        }
        Err(diags) => {
            failed(shared, &diags, style);
            *live = None;
        }
    }
}

/// Swap the new site in and tell every open page.
fn publish(shared: &Shared, site: MemorySite, kind: &str) {
    *shared.site.write().expect("site lock") = Arc::new(site);
    *shared.status.write().expect("status lock") = message("ok", None);
    let _ = shared.events.send(message(kind, None));
}

/// After the fast path: open copies of the redrawn pages can swap in their new content
/// instead of reloading (the others have nothing to do).
fn publish_pages(shared: &Shared, site: MemorySite, pages: &[String]) {
    *shared.site.write().expect("site lock") = Arc::new(site);
    *shared.status.write().expect("status lock") = message("ok", None);
    let _ = shared
        .events
        .send(serde_json::json!({ "type": "reload", "pages": pages }).to_string());
}

/// Keep the last good site; show the problems in the terminal and on every open page.
fn failed(shared: &Shared, diags: &crate::diag::Diagnostics, style: diag::Style) {
    print_diagnostics(diags, style);
    let m = message("error", Some(&diag::format_all(diags.iter(), diag::Style::default())));
    *shared.status.write().expect("status lock") = m.clone();
    let _ = shared.events.send(m);
    eprintln!("still serving the last good build");
}

fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let first = changed[0]
        .strip_prefix(root)
        .unwrap_or(&changed[0])
        .display()
        .to_string();
    match changed.len() {
        1 => first,
        n => format!("{first} and {} more", n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_of_changes_is_classified_once() {
        let root = Path::new("/p");
        let of = |paths: &[&str]| ChangeKind::of(root, &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>());
        assert_eq!(
            of(&["content/lessons/m/a.md"]),
            ChangeKind::OneMarkdownFile(root.join("content/lessons/m/a.md"))
        );
        assert_eq!(
            of(&["themes/t/static/lectern.css", "assets/x.css"]),
            ChangeKind::Stylesheets
        );
        assert_eq!(of(&["themes/t/static/deck.css"]), ChangeKind::Other);
        assert_eq!(
            of(&["content/lessons/m/a.md", "content/lessons/m/b.md"]),
            ChangeKind::Other
        );
        assert_eq!(of(&["content/sops/daily.yaml"]), ChangeKind::Other);
        assert_eq!(of(&["lectern.yaml"]), ChangeKind::Other);
    }
}
