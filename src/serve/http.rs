//! The HTTP side of `serve`: the built site (and nothing else) from memory, the reload
//! script, and a WebSocket on the same port that tells open pages to reload.
//!
//! [`serve`] runs the connections itself with hyper's HTTP/1 server rather than through
//! `axum::serve`, only so that it can set hyper's `header_read_timeout`: `axum::serve`
//! (0.8) offers no way to configure hyper, installs no timer, and detects the HTTP version
//! first (hyper-util's `auto::Builder`), which waits for the first bytes with no time limit.
//! A connection that sent nothing, or half a request line, or one header byte a second,
//! was held open for ever; enough of them use up the process's file descriptors, and then
//! nobody gets a page. See docs/serve-load.md.

use std::future::Future;
use std::io;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use percent_encoding::percent_decode_str;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::Shared;

pub const RELOAD_SCRIPT: &str = include_str!("../../themes/default/static/livereload.js");
const RELOAD_TAG: &str = "<script src=\"/__lectern/livereload.js\"></script>";

/// How long a client may take to send a request line and its headers, counted from when
/// the connection opens or the previous response went out (so it is also how long an
/// idle keep-alive connection stays open). Slow or silent clients are closed after it.
/// hyper's default is 30 s; a page on this computer or the local network sends its
/// headers in milliseconds, and browsers open a new connection when an idle one closed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// After Ctrl-C, how long requests in flight may take before the server stops anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Serve `app` on `listener` until `shutdown` completes: HTTP/1.1 with upgrades (the
/// WebSocket), `HEADER_READ_TIMEOUT` on every request, and a graceful stop that finishes
/// the responses in flight (for at most `SHUTDOWN_GRACE`). This is `axum::serve`'s
/// accept loop (HTTP/1 only, as axum's default features are) with the timer and the
/// timeout added; the timeout itself is hyper's (`http1::Builder::header_read_timeout`),
/// not ours, and hyper answers oversized heads (431, 414) and bad requests (400) itself.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    // `stop` tells the connections to finish; `open` is held by each one, so
    // `open.closed()` completes when the last has ended.
    let (stop, stopping) = watch::channel(());
    let (open, open_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    if !client_gave_up(&e) {
                        // Out of file descriptors, say: wait a little instead of spinning.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection = http
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()))
            .with_upgrades();
        let mut stopping = stopping.clone();
        let open = open_rx.clone();
        tokio::spawn(async move {
            let mut connection = pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(open);
        });
    }
    drop(listener);
    let _ = stop.send(());
    drop(open_rx);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, open.closed()).await;
}

/// An accept error that only concerns that one client (it hung up before we accepted).
fn client_gave_up(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionRefused
    )
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__lectern/livereload.js", get(reload_script))
        .route("/__lectern/ws", get(websocket))
        .fallback(site_file)
        .with_state(shared)
}

async fn reload_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        RELOAD_SCRIPT,
    )
        .into_response()
}

async fn websocket(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    ws.on_upgrade(move |socket| follow(socket, shared))
}

/// Send the current state, then every change, until the page goes away.
async fn follow(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut changes = shared.events.subscribe();
    let status = shared.status.read().expect("status lock").clone();
    if socket.send(Message::Text(status.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            change = changes.recv() => match change {
                Ok(message) => if socket.send(Message::Text(message.into())).await.is_err() { return },
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return,
            },
            incoming = socket.recv() => if !matches!(incoming, Some(Ok(_))) { return },
        }
    }
}

/// A file of the built site. Paths are decoded and checked: no `..`, no backslashes, no
/// folder listings — a folder means its `index.html`.
async fn site_file(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "").into_response();
    }
    let site = shared.site.read().expect("site lock").clone();
    if site.is_empty() {
        // The first build failed: a page that shows the error and reloads once it builds.
        let page = format!("<!DOCTYPE html><meta charset=\"utf-8\"><title>lectern</title><p>The site does not build yet.</p>{RELOAD_TAG}");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    }
    let Some(path) = site_path(request.uri().path()) else {
        return not_found(&site);
    };
    let found = site.get(&path).map(|b| (path.clone(), b)).or_else(|| {
        let index = format!("{}/index.html", path.trim_end_matches('/'));
        site.get(index.trim_start_matches('/')).map(|b| (index, b))
    });
    match found {
        Some((path, bytes)) => respond(&path, &bytes, StatusCode::OK),
        None => not_found(&site),
    }
}

fn not_found(site: &super::memory::MemorySite) -> Response {
    match site.get("404.html") {
        Some(bytes) => respond("404.html", &bytes, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// `/lessons/%E6%A8%A1/a.html` → `lessons/模/a.html`; `None` for anything that tries to
/// leave the site.
pub fn site_path(uri_path: &str) -> Option<String> {
    let decoded = percent_decode_str(uri_path).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let path = parts.join("/");
    Some(if path.is_empty() || decoded.ends_with('/') {
        format!("{path}/index.html").trim_start_matches('/').to_string()
    } else {
        path
    })
}

fn respond(path: &str, bytes: &[u8], status: StatusCode) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = matches!(mime.type_(), mime_guess::mime::TEXT)
        || mime.subtype() == "javascript"
        || mime.subtype() == "json"
        || mime.suffix() == Some(mime_guess::mime::XML);
    let content_type = if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    // The reload script goes into pages served here, never into `build` output.
    let body = if path.ends_with(".html") {
        inject(bytes)
    } else {
        bytes.to_vec()
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD_TAG}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/lessons/m/").as_deref(), Some("lessons/m/index.html"));
        assert_eq!(
            site_path("/lessons/%E6%A8%A1/a.html").as_deref(),
            Some("lessons/模/a.html")
        );
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/a/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/a%5c..%5cb"), None);
        assert_eq!(site_path("/static/./x.css").as_deref(), Some("static/x.css"));
    }
}
