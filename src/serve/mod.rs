//! `lectern serve`: build, serve, watch, rebuild, reload — keeping the last good site.
//!
//! The site lives in memory ([`memory::MemorySite`]) behind a lock that is only ever
//! swapped whole, so a request sees the old site or the new one, never a mix. A failed
//! rebuild keeps the old site, prints the diagnostics and shows them over every open page.

mod http;
mod incremental;
mod memory;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::diag::{self, Diagnostic};
pub use http::site_path;
pub use memory::MemorySite;

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Poll the file system instead of relying on its events (network drives, some VMs).
    pub poll: bool,
    pub drafts: bool,
    /// Colour in terminal output, and `--verbose`.
    pub style: diag::Style,
}

/// What the server shares between requests and the rebuild loop.
pub struct Shared {
    pub site: RwLock<Arc<MemorySite>>,
    /// The last build's outcome as the message a new page gets first.
    pub status: RwLock<String>,
    pub events: broadcast::Sender<String>,
}

fn message(kind: &str, text: Option<&str>) -> String {
    serde_json::json!({ "type": kind, "text": text }).to_string()
}

/// Build once; an error here still serves (an empty site with the error overlay), so the
/// author can fix the file and watch it come up.
fn first_build(opts: &ServeOptions) -> (MemorySite, String, Option<memory::Live>) {
    match memory::build(&opts.root, opts.drafts) {
        Ok((site, warnings, compiled)) => {
            print_diagnostics(&warnings, opts.style);
            (site, message("ok", None), Some(compiled))
        }
        Err(diags) => {
            print_diagnostics(&diags, opts.style);
            (
                MemorySite::default(),
                message("error", Some(&diag::format_all(diags.iter(), diag::Style::default()))),
                None,
            )
        }
    }
}

fn print_diagnostics(diags: &crate::diag::Diagnostics, style: diag::Style) {
    if diags.iter().next().is_some() {
        eprint!("{}", diag::format_all(diags.iter(), style));
    }
}

pub fn run(mut opts: ServeOptions) -> Result<(), Diagnostic> {
    if !opts.root.join(crate::load::CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(format!(
            "`{}` is not a Lectern programme: it has no lectern.yaml",
            opts.root.display()
        ))
        .help("run lectern in a programme folder, pass `--root DIR`, or create one with `lectern new DIR`"));
    }
    // The watcher reports absolute paths, and every changed path is matched against the
    // root: a relative root (`.` by default, `--root sv`) would match none of them.
    opts.root = opts
        .root
        .canonicalize()
        .map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", opts.root.display())))?;
    let (site, status, compiled) = first_build(&opts);
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(site)),
        status: RwLock::new(status),
        events,
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let address = SocketAddr::new(opts.bind, opts.port);
        let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
            Diagnostic::error(format!("cannot listen on {address}: {e}"))
                .help("another program may use this port: pick another with `--port`")
        })?;
        let local = listener.local_addr().map_err(|e| Diagnostic::error(e.to_string()))?;
        if !opts.bind.is_loopback() {
            eprintln!(
                "warning: serving on {} — anyone on your network can read this site; `--bind 127.0.0.1` keeps it to this computer",
                opts.bind
            );
        }
        let url = format!("http://{}/", local);
        // Watching first: an edit saved right after this line (a test, a quick author)
        // is not missed.
        let watcher = watch::start(&opts, Arc::clone(&shared), compiled)?;
        eprintln!("serving {} at {url} (Ctrl-C to stop)", opts.root.display());
        if opts.open {
            if let Err(e) = opener::open_browser(&url) {
                eprintln!("warning: could not open a browser: {e}");
            }
        }
        let app = http::router(Arc::clone(&shared));
        http::serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("\nstopping");
        })
        .await;
        drop(watcher);
        Ok(())
    })
}
