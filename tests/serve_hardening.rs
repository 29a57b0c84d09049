//! `lectern serve` against malformed, oversized, slow and silent requests (issue 9, item 8).
//!
//! Each one must get a 4xx or be closed, slow and silent clients after hyper's header read
//! timeout (`HEADER_READ_TIMEOUT` in src/serve/http.rs, 10 s), and the server must keep
//! answering a normal `GET /` promptly while it happens and afterwards. Raw `TcpStream`s,
//! so the tests control every byte. docs/serve-load.md lists every case with the answer.
//!
//! `cargo test --test serve_hardening -- --nocapture` prints what the server did for each.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::serve::Server;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::Message;

/// A normal request must be answered within this, even while an attack is going on.
const PROMPT: Duration = Duration::from_secs(2);
/// The server's header read timeout (src/serve/http.rs).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long after the timeout a slow or silent connection may still be open.
const SLACK: Duration = Duration::from_secs(10);

fn address(server: &Server) -> SocketAddr {
    server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("server address")
}

/// A normal `GET /` on a new connection: how long it took, if it got the home page in time.
fn probe(addr: SocketAddr) -> Result<Duration, String> {
    let start = Instant::now();
    let mut s = TcpStream::connect_timeout(&addr, PROMPT).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(PROMPT)).unwrap();
    s.set_write_timeout(Some(PROMPT)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let took = start.elapsed();
    let text = String::from_utf8_lossy(&raw);
    if !text.starts_with("HTTP/1.1 200 ") || !text.contains("</html>") {
        return Err(format!("not the home page: {:?}", &text[..text.len().min(200)]));
    }
    if took > PROMPT {
        return Err(format!("took {took:?}"));
    }
    Ok(took)
}

/// Run `attack` while another thread sends a normal request every 100 ms; then one more
/// request, and the process must still be running. Returns the attack's result.
fn during<T>(server: &mut Server, name: &str, attack: impl FnOnce() -> T) -> T {
    let addr = address(server);
    let stop = Arc::new(AtomicBool::new(false));
    let stop_probing = Arc::clone(&stop);
    let prober = thread::spawn(move || {
        let mut results = Vec::new();
        loop {
            results.push(probe(addr));
            if stop_probing.load(Ordering::Relaxed) {
                return results;
            }
            thread::sleep(Duration::from_millis(100));
        }
    });
    let result = attack();
    stop.store(true, Ordering::Relaxed);
    let probes = prober.join().expect("prober");
    let mut slowest = Duration::ZERO;
    for (i, p) in probes.iter().enumerate() {
        match p {
            Ok(took) => slowest = slowest.max(*took),
            Err(e) => panic!(
                "{name}: normal request {} of {} during the attack failed: {e}",
                i + 1,
                probes.len()
            ),
        }
    }
    if let Err(e) = probe(addr) {
        panic!("{name}: a normal request after the attack failed: {e}");
    }
    assert!(server.running(), "{name}: the server process died:\n{}", server.log());
    eprintln!(
        "  {name}: {} normal requests during it all answered, slowest {:.0} ms",
        probes.len(),
        slowest.as_secs_f64() * 1000.0
    );
    result
}

/// The headers of a valid WebSocket handshake (RFC 6455's sample key).
const WS_HEADERS: &str = concat!(
    "Host: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n",
);

#[derive(Debug, PartialEq)]
enum End {
    /// A whole response came and the connection stayed open (keep-alive) a moment later.
    Answered,
    /// The server closed the connection (FIN), with or without a response first.
    Closed,
    /// The server reset the connection (it closed with our bytes still unread).
    Reset,
    /// Neither within the time we waited.
    Open,
}

#[derive(Debug)]
struct Outcome {
    status: Option<u16>,
    head: String,
    body: Vec<u8>,
    end: End,
    took: Duration,
}

impl Outcome {
    fn closed(&self) -> bool {
        matches!(self.end, End::Closed | End::Reset)
    }
}

/// Open a connection, let `write` send the request from a second thread (so a server that
/// answers early and closes is seen while we are still writing), and read until a whole
/// response has come, the server closes the connection, or `wait` passes.
fn exchange(addr: SocketAddr, wait: Duration, write: impl FnOnce(&mut TcpStream) + Send + 'static) -> Outcome {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut writer = stream.try_clone().unwrap();
    let writing = thread::spawn(move || write(&mut writer));
    let (raw, end) = read_response(&mut stream, start + wait);
    let took = start.elapsed();
    // Unblock a writer the server stopped reading from.
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = writing.join();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|s| s.parse().ok());
    Outcome {
        status,
        head,
        body: raw[split..].to_vec(),
        end,
        took,
    }
}

fn send(addr: SocketAddr, wait: Duration, request: Vec<u8>) -> Outcome {
    exchange(addr, wait, move |s| {
        let _ = s.write_all(&request);
    })
}

fn read_response(stream: &mut TcpStream, deadline: Instant) -> (Vec<u8>, End) {
    let mut raw = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (raw, End::Open);
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut chunk) {
            Ok(0) => return (raw, End::Closed),
            Ok(n) => {
                raw.extend_from_slice(&chunk[..n]);
                if complete(&raw) {
                    // Did the server close after answering, or keep the connection?
                    stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
                    return match stream.read(&mut chunk) {
                        Ok(0) => (raw, End::Closed),
                        Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
                            (raw, End::Reset)
                        }
                        _ => (raw, End::Answered),
                    };
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return (raw, End::Open),
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
                return (raw, End::Reset)
            }
            Err(e) => panic!("read: {e}"),
        }
    }
}

/// A response head with a `content-length` and that many body bytes.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| raw.len() >= end + 4 + n)
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").into_bytes()
}

fn report(name: &str, o: &Outcome) {
    eprintln!(
        "{name}: {} after {:.0} ms, connection {:?}",
        o.head.lines().next().filter(|l| !l.is_empty()).unwrap_or("no response"),
        o.took.as_secs_f64() * 1000.0,
        o.end
    );
}

#[test]
fn bad_paths_get_a_4xx_and_nothing_from_outside_the_site() {
    let sample = common::fixture::sample_copy();
    let mut server = Server::start(sample.path(), &[]);
    let addr = address(&server);
    let secret = std::fs::read_to_string(sample.path().join("lectern.yaml")).unwrap();
    let secret = secret.lines().next().unwrap().to_string();
    let long = format!("/{}", "a".repeat(100 * 1024));
    let cases: &[(&str, &str, &[u16])] = &[
        ("dot-dot", "/../../etc/passwd", &[404]),
        ("dot-dot to the programme", "/../lectern.yaml", &[404]),
        ("percent-encoded dot-dot", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", &[404]),
        (
            "upper-case percent-encoded dot-dot",
            "/%2E%2E/%2E%2E/lectern.yaml",
            &[404],
        ),
        ("NUL", "/index.html%00", &[404]),
        ("NUL then dot-dot", "/%00/../lectern.yaml", &[404]),
        ("100 KB path", &long, &[414]),
        ("invalid percent-encoding", "/%zz%4", &[404]),
        ("lone percent sign", "/%", &[404]),
        ("percent-encoding that is not UTF-8", "/%ff%fe", &[404]),
        ("truncated UTF-8", "/lessons/%E6%A8", &[404]),
        ("backslashes", "/..\\..\\lectern.yaml", &[400, 404]),
        ("percent-encoded backslashes", "/..%5c..%5clectern.yaml", &[404]),
        ("double slash", "//etc/passwd", &[404]),
        ("a source file", "/content/index.md", &[404]),
        (
            "absolute-form with dot-dot",
            "http://evil.example/../../etc/passwd",
            &[404],
        ),
    ];
    for &(name, path, expected) in cases {
        let o = during(&mut server, name, || send(addr, Duration::from_secs(15), get(path)));
        report(name, &o);
        assert!(
            o.status.is_some_and(|s| expected.contains(&s)),
            "{name}: expected {expected:?}, got {o:?}"
        );
        let body = String::from_utf8_lossy(&o.body);
        assert!(
            !body.contains("root:") && !body.contains(&secret),
            "{name}: a file from outside the site"
        );
    }

    // The absolute form (RFC 9112 §3.2.2) is valid HTTP/1.1 and a server must accept it:
    // the path is served from the site as always, the host is ignored, nothing is proxied.
    let o = during(&mut server, "absolute-form", || {
        send(addr, Duration::from_secs(15), get("http://evil.example/"))
    });
    report("absolute-form", &o);
    assert_eq!(o.status, Some(200), "{o:?}");
    let home = send(addr, Duration::from_secs(15), get("/"));
    assert_eq!(
        o.body, home.body,
        "absolute-form answers with this site's own home page"
    );
}

#[test]
fn garbage_oversized_and_odd_requests_are_refused() {
    let sample = common::fixture::sample_copy();
    let mut server = Server::start(sample.path(), &[]);
    let addr = address(&server);
    let wait = Duration::from_secs(15);

    // Each: what to send, the statuses that are right, and whether the server may also just
    // reset the connection before answering (when it stops reading a request that is still
    // arriving, the kernel may discard its answer).
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut tls = vec![0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03];
    tls.extend_from_slice(&garbage[..500]);
    let huge_header = [
        &b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: "[..],
        &vec![b'a'; 1 << 20],
        b"\r\n\r\n",
    ]
    .concat();
    let mut many_headers = b"GET / HTTP/1.1\r\nHost: localhost\r\n".to_vec();
    for i in 0..10_000 {
        many_headers.extend_from_slice(format!("X-Header-{i}: {i}\r\n").as_bytes());
    }
    many_headers.extend_from_slice(b"\r\n");
    let endless_line = [&b"GET /"[..], &vec![b'a'; 2 << 20]].concat();
    let ws = |extra: &str| {
        format!("GET /__lectern/ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n").into_bytes()
    };
    let cases: Vec<(&str, Vec<u8>, &[u16], bool)> =
        vec![
        ("garbage bytes instead of HTTP", garbage.clone(), &[400], false),
        ("a TLS ClientHello (https:// to an http port)", tls, &[400], false),
        ("HTTP/0.9 request", b"GET /\r\n\r\n".to_vec(), &[400], false),
        (
            "unknown method",
            b"BREW / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(),
            &[405],
            false,
        ),
        (
            "HTTP version 3.7",
            b"GET / HTTP/3.7\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(),
            &[400, 505],
            false,
        ),
        ("1 MB header", huge_header, &[431], true),
        ("10,000 headers", many_headers, &[431], true),
        ("2 MB request line without an end", endless_line, &[400, 414, 431], true),
        (
            "CONNECT",
            b"CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\nConnection: close\r\n\r\n".to_vec(),
            &[405],
            false,
        ),
        (
            "OPTIONS *",
            b"OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(),
            &[405],
            false,
        ),
        (
            "TRACE",
            b"TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(),
            &[405],
            false,
        ),
        (
            "conflicting Content-Length headers",
            b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".to_vec(),
            &[400],
            false,
        ),
        (
            "Content-Length and chunked (request smuggling)",
            b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                .to_vec(),
            &[400, 405],
            false,
        ),
        ("WebSocket upgrade without a key", ws("Upgrade: websocket\r\n"), &[400], false),
        (
            "WebSocket upgrade with version 8",
            ws("Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n"),
            &[400],
            false,
        ),
        (
            "WebSocket upgrade to another protocol",
            ws("Upgrade: h2c\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"),
            &[400],
            false,
        ),
        ("WebSocket URL without an upgrade", ws(""), &[400, 426], false),
        (
            "WebSocket upgrade with POST",
            format!("POST /__lectern/ws HTTP/1.1\r\n{WS_HEADERS}Content-Length: 0\r\n\r\n").into_bytes(),
            &[405],
            false,
        ),
    ];
    for (name, request, expected, may_reset) in cases {
        let o = during(&mut server, name, || send(addr, wait, request));
        report(name, &o);
        let refused = o.status.is_some_and(|s| expected.contains(&s));
        assert!(
            refused || (may_reset && o.end == End::Reset && o.status.is_none()),
            "{name}: expected {expected:?}, got {o:?}"
        );
        assert!(o.closed() || o.end == End::Answered, "{name}: {o:?}");
    }

    // HTTP/2 with prior knowledge: not spoken here; closed at once.
    let o = during(&mut server, "HTTP/2 connection preface", || {
        send(addr, wait, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec())
    });
    report("HTTP/2 connection preface", &o);
    assert!(o.closed() && o.took < PROMPT, "{o:?}");

    // A POST announcing 1 GiB and sending it as fast as the server takes it: 405 at once,
    // and the connection closed rather than the body read.
    let o = during(&mut server, "POST with a 1 GiB body", || {
        exchange(addr, wait, |s| {
            let head = "POST /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1073741824\r\n\r\n";
            if s.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..(1 << 14) {
                if s.write_all(&chunk).is_err() {
                    return;
                }
            }
        })
    });
    report("POST with a 1 GiB body", &o);
    assert_eq!(o.status, Some(405), "{o:?}");
    assert!(o.closed() || o.end == End::Answered, "{o:?}");

    // A real WebSocket handshake followed by bytes that are not WebSocket frames: 101, then
    // the server drops the connection.
    let o = during(&mut server, "WebSocket with garbage frames", || {
        exchange(addr, wait, move |s| {
            let _ = s.write_all(format!("GET /__lectern/ws HTTP/1.1\r\n{WS_HEADERS}\r\n").as_bytes());
            thread::sleep(Duration::from_millis(300));
            let _ = s.write_all(&[0xff; 64]);
        })
    });
    report("WebSocket with garbage frames", &o);
    assert_eq!(o.status, Some(101), "{o:?}");
    assert!(o.closed() && o.took < PROMPT + Duration::from_secs(1), "{o:?}");
}

/// Open connections that send nothing, half a request, or a header byte a second, all at
/// once, next to a real live-reload WebSocket: the server answers everyone else meanwhile,
/// closes the slow and silent ones after its header read timeout, and leaves the WebSocket.
#[test]
fn slow_and_silent_clients_are_cut_off_while_others_are_served() {
    let sample = common::fixture::sample_copy();
    let mut server = Server::start(sample.path(), &[]);
    let addr = address(&server);
    let deadline = Duration::from_secs(HEADER_READ_TIMEOUT.as_secs() + SLACK.as_secs());

    // The live-reload WebSocket, open before the attack: must survive it.
    let url = format!("{}__lectern/ws", server.url.replace("http://", "ws://"));
    let (mut ws, _) = tungstenite::connect(url).expect("websocket connects");
    let first = ws.read().expect("the first message");
    assert!(first.to_string().contains("\"ok\""), "{first}");

    type Attacker = thread::JoinHandle<(String, Vec<(End, Duration)>)>;
    let silent = |name: &'static str, count: usize, first_bytes: &'static [u8]| -> Attacker {
        thread::spawn(move || {
            let start = Instant::now();
            let mut streams: Vec<TcpStream> = (0..count)
                .map(|_| {
                    let mut s = TcpStream::connect(addr).expect("connect");
                    s.write_all(first_bytes).unwrap();
                    s
                })
                .collect();
            let ends = streams
                .iter_mut()
                .map(|s| {
                    let (raw, end) = read_response(s, start + deadline);
                    assert!(raw.is_empty() || raw.starts_with(b"HTTP/1.1 "), "{name}: {raw:?}");
                    (end, start.elapsed())
                })
                .collect();
            (format!("{name} ({count})"), ends)
        })
    };
    let attackers: Vec<Attacker> = vec![
        silent("idle connections that never send a byte", 200, b""),
        silent("a request line that never finishes", 1, b"GET /index.html HTT"),
        silent("headers that never finish", 1, b"GET / HTTP/1.1\r\nHost: localhost\r\n"),
        // After one whole response the connection stays open for the next request; it is
        // idle now, and the same timeout closes it.
        thread::spawn(move || {
            let start = Instant::now();
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET /static/lectern.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .unwrap();
            let (raw, end) = read_response(&mut s, start + PROMPT);
            assert!(raw.starts_with(b"HTTP/1.1 200 ") && end == End::Answered, "{end:?}");
            let (raw, end) = read_response(&mut s, start + deadline);
            assert!(raw.is_empty(), "{raw:?}");
            (
                "an idle keep-alive connection after a response (1)".to_string(),
                vec![(end, start.elapsed())],
            )
        }),
        // Slowloris: a header byte every second, never the end of the headers.
        thread::spawn(move || {
            let start = Instant::now();
            let mut s = TcpStream::connect(addr).unwrap();
            let mut sent = s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ").is_ok();
            let mut end = End::Open;
            while sent && start.elapsed() < deadline {
                thread::sleep(Duration::from_secs(1));
                sent = s.write_all(b"a").is_ok();
                let (raw, now) = read_response(&mut s, Instant::now() + Duration::from_millis(50));
                assert!(raw.is_empty() || raw.starts_with(b"HTTP/1.1 4"), "{raw:?}");
                end = now;
                if end != End::Open {
                    break;
                }
            }
            if !sent {
                end = End::Reset;
            }
            (
                "slowloris, a header byte a second (1)".to_string(),
                vec![(end, start.elapsed())],
            )
        }),
    ];
    let results = during(&mut server, "slow and silent clients", || {
        attackers
            .into_iter()
            .map(|a| a.join().expect("attacker"))
            .collect::<Vec<_>>()
    });
    for (name, ends) in results {
        let latest = ends.iter().map(|(_, t)| *t).max().unwrap();
        let earliest = ends.iter().map(|(_, t)| *t).min().unwrap();
        let mut kinds: Vec<String> = ends.iter().map(|(end, _)| format!("{end:?}")).collect();
        kinds.sort();
        kinds.dedup();
        eprintln!(
            "{name}: {} after {:.1}–{:.1} s",
            kinds.join("/"),
            earliest.as_secs_f64(),
            latest.as_secs_f64()
        );
        for (end, after) in &ends {
            assert!(
                matches!(end, End::Closed | End::Reset),
                "{name}: still open after {after:?} ({end:?}); the header read timeout is {HEADER_READ_TIMEOUT:?}"
            );
        }
        assert!(
            earliest >= HEADER_READ_TIMEOUT / 2,
            "{name}: closed after {earliest:?}, long before the {HEADER_READ_TIMEOUT:?} timeout"
        );
    }

    // The WebSocket saw nothing and is still open: the timeout is for reading requests,
    // not for upgraded connections. It still answers a ping.
    if let MaybeTlsStream::Plain(s) = ws.get_mut() {
        s.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    }
    match ws.read() {
        Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
        other => panic!("the live-reload WebSocket should still be open and quiet: {other:?}"),
    }
    ws.send(Message::Ping(vec![1, 2, 3].into()))
        .expect("ping the live-reload WebSocket");
    if let MaybeTlsStream::Plain(s) = ws.get_mut() {
        s.set_read_timeout(Some(PROMPT)).unwrap();
    }
    match ws.read() {
        Ok(Message::Pong(data)) => assert_eq!(&data[..], &[1, 2, 3]),
        other => panic!("the live-reload WebSocket should answer a ping: {other:?}"),
    }
}
