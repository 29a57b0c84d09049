//! A minimal static file server on loopback, for testing the built site over http://.
//! It serves files under one folder, stops when dropped, and in any case after 120 s.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct StaticServer {
    pub url: String,
    stop: Arc<AtomicBool>,
    down: Arc<AtomicBool>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

impl StaticServer {
    /// While `down`, every connection is closed unanswered: to the browser (and its
    /// service worker, which a page's emulated network conditions do not reach) the
    /// network is gone, and the same origin comes back when it is set `false` again.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::Relaxed);
    }

    pub fn start(dir: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let down = Arc::new(AtomicBool::new(false));
        let is_down = Arc::clone(&down);
        let dir: PathBuf = dir.to_path_buf();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                if is_down.load(Ordering::Relaxed) {
                    drop(stream);
                    continue;
                }
                let dir = dir.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_nonblocking(false);
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let mut request = Vec::new();
                    let mut buffer = [0u8; 2048];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buffer) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => request.extend_from_slice(&buffer[..n]),
                        }
                    }
                    let request = String::from_utf8_lossy(&request);
                    let raw = request.split_whitespace().nth(1).unwrap_or("/");
                    let path = raw.split(['?', '#']).next().unwrap_or("/");
                    let decoded = percent_encoding::percent_decode_str(path)
                        .decode_utf8_lossy()
                        .into_owned();
                    let rel = decoded.trim_start_matches('/');
                    let file = dir.join(if rel.is_empty() { "index.html" } else { rel });
                    let safe = !rel.split('/').any(|s| s == "..");
                    let (status, body, kind) = match std::fs::read(&file) {
                        Ok(bytes) if safe => ("200 OK", bytes, mime(&file)),
                        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                });
            }
        });
        StaticServer { url, stop, down }
    }
}
