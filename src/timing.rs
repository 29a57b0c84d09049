//! Phase timings, printed with `LECTERN_TIMINGS=1`: where a build spends its time, for
//! profiling without a profiler (see docs/benchmarks.md).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("LECTERN_TIMINGS").is_some())
}

/// Measures from creation to [`Phase::done`].
pub struct Phase {
    name: &'static str,
    started: Instant,
    /// The process's CPU time at the start (all threads), to tell a phase that keeps both
    /// cores busy from one that waits on a single thread.
    cpu: f64,
}

pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        started: Instant::now(),
        cpu: if enabled() { cpu_seconds() } else { 0.0 },
    }
}

impl Phase {
    pub fn done(self) {
        if enabled() {
            eprintln!(
                "timing: {:<18} {:>8.1} ms   cpu {:>7.0} ms{}",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0,
                (cpu_seconds() - self.cpu) * 1000.0,
                memory()
            );
        }
    }
}

/// User + system CPU seconds of the whole process so far, from `/proc/self/stat` (Linux
/// only, in clock ticks of 10 ms; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields 14 and 15 (utime, stime) count from after the `)` closing the command name.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks as f64 / 100.0
}

/// Resident and peak resident memory from `/proc/self/status` (Linux only; empty elsewhere).
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!("   rss {:>5} MiB  peak {:>5} MiB", field("VmRSS:"), field("VmHWM:"))
}

/// Work counted during a build, printed with the timings: the regression guard in
/// `tests/build_counts.rs` checks that each document is parsed once and each page
/// rendered once, however the pipeline changes.
pub struct Counter(AtomicUsize);

impl Counter {
    pub fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// Markdown documents parsed whole (lessons, the home page, answers).
pub static MARKDOWN_DOCUMENTS: Counter = Counter(AtomicUsize::new(0));
/// Short Markdown snippets parsed (SOP steps, help texts, labels).
pub static MARKDOWN_SNIPPETS: Counter = Counter(AtomicUsize::new(0));
/// Pages and decks rendered through a template.
pub static TEMPLATE_RENDERS: Counter = Counter(AtomicUsize::new(0));

/// Print the counters (with `LECTERN_TIMINGS`).
pub fn counts() {
    if enabled() {
        eprintln!(
            "counts: markdown documents {} · markdown snippets {} · template renders {}",
            MARKDOWN_DOCUMENTS.get(),
            MARKDOWN_SNIPPETS.get(),
            TEMPLATE_RENDERS.get()
        );
    }
}
