//! `lectern serve` under load (issue 9, item 8): wrk with 100 connections for
//! `LECTERN_LOAD_SECS` seconds (default 30) against the bundled sample, rotating through a
//! page, a lesson, a deck, CSS, a search shard and an image (bench/load.lua). Every
//! response must be 2xx, with no socket errors and no timeouts (wrk's 2 s); p99 latency
//! is reported (`cargo test --test serve_load -- --nocapture`).
//!
//! Needs `wrk` (Debian package `wrk`; scripts/test installs it) and fails without it.
//! This runs the debug binary; bench/load.sh measures the release build for the figures
//! in docs/serve-load.md.

mod common;

use std::process::Command;

use common::serve::{http_get, Server};

const CONNECTIONS: u32 = 100;
const THREADS: u32 = 2;

/// The paths bench/load.lua requests: the quoted `"/…"` entries of its `paths` table.
fn script_paths(script: &str) -> Vec<String> {
    let table = &script[script.find("local paths = {").expect("paths table in bench/load.lua")..];
    let table = &table[..table.find('}').unwrap()];
    table
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"/"))
        .map(|l| format!("/{}", &l[..l.find('"').unwrap()]))
        .collect()
}

#[test]
fn serve_answers_every_request_under_load() {
    let secs: u64 = match std::env::var("LECTERN_LOAD_SECS") {
        Ok(v) => v
            .parse()
            .ok()
            .filter(|&s| s > 0)
            .unwrap_or_else(|| panic!("LECTERN_LOAD_SECS must be a whole number of seconds > 0, not {v:?}")),
        Err(_) => 30,
    };
    let version = Command::new("wrk").arg("--version").output().unwrap_or_else(|e| {
        panic!(
            "this test needs wrk, the HTTP load generator ({e}). Install it with \
             `sudo apt-get install wrk` (Debian/Ubuntu), or run scripts/test as root, which installs it."
        )
    });
    let version = String::from_utf8_lossy(&version.stdout);
    let version = version.split(" Copyright").next().unwrap_or("").trim().to_string();

    let sample = common::fixture::sample_copy();
    let mut server = Server::start(sample.path(), &[]);
    let script = common::repo_root().join("bench/load.lua");
    let paths = script_paths(&std::fs::read_to_string(&script).expect("bench/load.lua"));
    assert!(paths.len() >= 6, "bench/load.lua lists {paths:?}");
    for path in &paths {
        let (status, _, body) = http_get(&server.url, path, "GET");
        assert!(
            status == 200 && !body.is_empty(),
            "{path} from bench/load.lua gives {status} on the sample; update the script's paths"
        );
    }

    let output = Command::new("wrk")
        .arg(format!("-t{THREADS}"))
        .arg(format!("-c{CONNECTIONS}"))
        .arg(format!("-d{secs}s"))
        .args(["--timeout", "2s", "--latency", "-s"])
        .arg(&script)
        .arg(&server.url)
        .env_remove("LECTERN_LOAD_PATHS")
        .output()
        .expect("run wrk");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "wrk failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("LECTERN_LOAD "))
        .unwrap_or_else(|| panic!("no LECTERN_LOAD line from bench/load.lua:\n{stdout}\n{stderr}"));
    let r: serde_json::Value = serde_json::from_str(line).expect("LECTERN_LOAD JSON");
    let n = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
    let ms = |key: &str| n(&r["latency_us"][key]) / 1000.0;
    eprintln!(
        "serve under load ({version}; {THREADS} threads, {CONNECTIONS} connections, {secs} s, debug build):\n  \
         {} requests, {:.0}/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         non-2xx {}, errors {}",
        r["requests"],
        n(&r["requests_per_s"]),
        ms("p50"),
        ms("p90"),
        ms("p99"),
        ms("max"),
        r["non_2xx"],
        r["errors"],
    );

    assert!(
        r["requests"].as_u64().unwrap_or(0) >= secs,
        "hardly any requests:\n{stdout}"
    );
    assert_eq!(
        r["non_2xx"].as_u64(),
        Some(0),
        "responses that were not 2xx (statuses {}):\n{stdout}",
        r["non_2xx_statuses"]
    );
    for kind in ["connect", "read", "write", "status", "timeout"] {
        assert_eq!(
            r["errors"][kind].as_u64(),
            Some(0),
            "wrk saw {kind} errors (timeout = no answer within 2 s):\n{stdout}\nserver log:\n{}",
            server.log()
        );
    }
    assert!(server.running(), "the server died under load:\n{}", server.log());
    let (status, _, _) = http_get(&server.url, "/", "GET");
    assert_eq!(status, 200, "the server answers after the load");
}
