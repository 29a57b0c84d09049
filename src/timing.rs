//! Phase timings, printed with `LECTERN_TIMINGS=1`: where a build spends its time, for
//! profiling without a profiler (see docs/benchmarks.md).

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
}

pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        started: Instant::now(),
    }
}

impl Phase {
    pub fn done(self) {
        if enabled() {
            eprintln!(
                "timing: {:<18} {:>8.1} ms",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
