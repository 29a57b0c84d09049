//! A small harness for driving real headless Chromium from Lectern's tests.
//!
//! ```ignore
//! let browser = Browser::launch();
//! let page = browser.page();
//! page.goto(&file_url(&out.join("index.html")));
//! page.click_and_wait_navigation("a.module-link");
//! page.assert_no_problems();
//! ```
//!
//! Chromium is Debian's (`apt-get install -y chromium chromium-driver fonts-noto-cjk`),
//! driven over the DevTools protocol with the `headless_chrome` crate. The crate never
//! downloads a browser here: its `fetch` feature is off, and we always hand it a path.
//!
//! Every [`Page`] records problems as they happen:
//! - `console.error(..)` / failed `console.assert(..)` (Runtime.consoleAPICalled),
//! - uncaught exceptions (Runtime.exceptionThrown),
//! - browser log entries at level error (Log.entryAdded),
//! - requests that failed (Network.loadingFailed) or answered with HTTP status >= 400,
//! - any request whose scheme is not file:, data:, blob: or about: made by a page that was
//!   itself opened over file:// (a built site or deck must load nothing from the network).
//!
//! Problems accumulate across navigations until [`Page::clear_problems`] is called.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::browser::tab::point::Point;
use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Network, Page as CdpPage, Runtime};
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::LaunchOptions;
use serde_json::Value;

const INSTALL_HINT: &str = "Install it with: apt-get install -y chromium chromium-driver fonts-noto-cjk \
     (or point LECTERN_CHROMIUM at a Chromium binary)";

/// Flags every test browser is started with. The background-networking/component/sync flags
/// stop Chromium phoning home; the resolver rule makes any hostname other than localhost fail
/// to resolve inside Chromium, so a stray remote URL is reported without a DNS query leaving
/// the machine.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-device-scale-factor=1",
];

/// How long `goto`, `wait_for`, `click`... wait before failing the test.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Chromium's window size. Headless windows keep room for (invisible) browser UI, so the
/// page's viewport is smaller; [`VIEWPORT`] is what pages actually get.
const WINDOW_SIZE: (u32, u32) = (1280, 900);

/// The viewport (CSS pixels, device scale factor 1) every new page starts with, so layout
/// and screenshots are repeatable. Change it per page with [`Page::set_viewport`].
pub const VIEWPORT: (u32, u32) = (1280, 800);

/// Where the Chromium binary is: `$LECTERN_CHROMIUM`, else `chromium` on `PATH`, else
/// `/usr/bin/chromium`. Panics (never skips) when there is none.
pub fn find_chromium() -> PathBuf {
    locate_chromium(
        std::env::var_os("LECTERN_CHROMIUM"),
        std::env::var_os("PATH"),
        Path::new("/usr/bin/chromium"),
    )
    .unwrap_or_else(|message| panic!("{message}"))
}

/// The search behind [`find_chromium`], with its inputs passed in so it can be tested.
pub fn locate_chromium(
    env_value: Option<OsString>,
    path_var: Option<OsString>,
    fallback: &Path,
) -> Result<PathBuf, String> {
    if let Some(value) = env_value.filter(|v| !v.is_empty()) {
        let path = PathBuf::from(value);
        if path.is_file() {
            return Ok(path);
        }
        return Err(format!(
            "LECTERN_CHROMIUM is set to {}, but there is no file there. {INSTALL_HINT}",
            path.display()
        ));
    }
    if let Some(dirs) = path_var {
        for dir in std::env::split_paths(&dirs) {
            let candidate = dir.join("chromium");
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    if fallback.is_file() {
        return Ok(fallback.to_path_buf());
    }
    Err(format!(
        "Chromium was not found (looked at $LECTERN_CHROMIUM, `chromium` on PATH and {}). \
         The browser tests need a real browser and do not skip without one. {INSTALL_HINT}",
        fallback.display()
    ))
}

/// One headless Chromium process with its own fresh, empty profile directory.
/// Dropping it closes Chromium and deletes the profile.
pub struct Browser {
    // Field order matters: the browser (and its process) is dropped before the profile dir.
    inner: headless_chrome::Browser,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch() -> Browser {
        let chromium = find_chromium();
        let profile = tempfile::Builder::new()
            .prefix("lectern-chromium-profile-")
            .tempdir()
            .expect("could not create a temporary Chromium profile directory");
        let options = LaunchOptions {
            path: Some(chromium.clone()),
            // We pass --headless=new ourselves; the crate's `headless` would add plain --headless.
            headless: false,
            sandbox: false,
            enable_gpu: false,
            ignore_certificate_errors: false,
            user_data_dir: Some(profile.path().to_path_buf()),
            window_size: Some(WINDOW_SIZE),
            args: CHROMIUM_FLAGS.iter().map(OsStr::new).collect(),
            // The crate drops its connection after this long without any message from
            // Chromium; tests may sit idle (e.g. while building a site), so be generous.
            idle_browser_timeout: Duration::from_secs(600),
            ..LaunchOptions::default()
        };
        let inner = headless_chrome::Browser::new(options).unwrap_or_else(|e| {
            panic!(
                "could not start Chromium at {}: {e:#}. {INSTALL_HINT}",
                chromium.display()
            )
        });
        Browser {
            inner,
            _profile: profile,
        }
    }

    /// A new tab that records problems from the moment it exists.
    pub fn page(&self) -> Page {
        let tab = self
            .inner
            .new_tab()
            .unwrap_or_else(|e| panic!("could not open a new Chromium tab: {e:#}"));
        Page::attach(tab)
    }

    /// `page()` followed by `goto(url)`.
    pub fn open(&self, url: &str) -> Page {
        let page = self.page();
        page.goto(url);
        page
    }

    /// A tab the page itself opened (`window.open`), found by a part of its URL; waits
    /// up to 10 s for it to appear and load.
    pub fn opened_page(&self, url_contains: &str) -> Page {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .inner
                .get_tabs()
                .lock()
                .unwrap()
                .iter()
                .find(|t| t.get_url().contains(url_contains))
                .cloned();
            if let Some(tab) = found {
                let _ = tab.wait_until_navigated();
                return Page::attach(tab);
            }
            assert!(
                Instant::now() < deadline,
                "no window with {url_contains:?} in its URL was opened"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The underlying `headless_chrome` browser, for anything this harness doesn't wrap.
    pub fn raw(&self) -> &headless_chrome::Browser {
        &self.inner
    }
}

/// Options for [`Page::print_pdf`]. Backgrounds are always printed and CSS `@page` size is
/// always preferred (`printBackground`/`preferCSSPageSize` = true), as for handouts.
#[derive(Debug, Clone, Default)]
pub struct PrintOptions {
    pub landscape: bool,
    /// Paper (width, height) in inches, used when the page has no CSS `@page { size }`.
    pub paper_size_in: Option<(f64, f64)>,
    /// The same margin on all four sides, in inches, when the page sets none.
    pub margin_in: Option<f64>,
    /// e.g. "1-3, 5".
    pub page_ranges: Option<String>,
}

/// One browser tab.
pub struct Page {
    tab: Arc<Tab>,
    recorder: Arc<Mutex<Recorder>>,
}

// Note on speed: every DevTools call made through headless_chrome 1.0 costs about 100 ms
// (its WebSocket reader holds the connection lock in a read with a 100 ms timeout), so the
// methods below do their work in as few calls as they can: one `Runtime.evaluate` rather
// than the crate's multi-call element helpers, and navigation is detected from lifecycle
// events, which cost no calls at all.

impl Page {
    fn attach(tab: Arc<Tab>) -> Page {
        let recorder = Arc::new(Mutex::new(Recorder::default()));
        let sink = Arc::clone(&recorder);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            sink.lock().unwrap().on_event(event);
        }))
        .expect("could not listen to tab events");
        tab.enable_runtime().expect("Runtime.enable failed");
        tab.enable_log().expect("Log.enable failed");
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("Network.enable failed");
        let page = Page { tab, recorder };
        page.set_viewport(VIEWPORT.0, VIEWPORT.1);
        page
    }

    /// Emulate a viewport of `width` x `height` CSS pixels (device scale factor 1).
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.tab
            .call_method(Emulation::SetDeviceMetricsOverride {
                width,
                height,
                device_scale_factor: 1.0,
                mobile: false,
                scale: None,
                screen_width: None,
                screen_height: None,
                position_x: None,
                position_y: None,
                dont_set_visible_size: None,
                screen_orientation: None,
                viewport: None,
                display_feature: None,
                device_posture: None,
            })
            .unwrap_or_else(|e| panic!("could not set the viewport to {width}x{height}: {e:#}"));
    }

    /// Navigate to `url` and wait until the new document has fired `load`.
    pub fn goto(&self, url: &str) {
        let reply = self
            .tab
            .call_method(CdpPage::Navigate {
                url: url.to_string(),
                referrer: None,
                transition_Type: None,
                frame_id: None,
                referrer_policy: None,
            })
            .unwrap_or_else(|e| panic!("could not open {url}: {e:#}"));
        if let Some(error) = reply.error_text {
            panic!("could not open {url}: {error}");
        }
        self.recorder.lock().unwrap().main_frame = Some(reply.frame_id.clone());
        // Wait for the load of exactly this navigation. There is no loader id when no new
        // document is loaded (only the #fragment changed): then there is nothing to wait for.
        if let Some(loader) = reply.loader_id {
            self.wait_until(&format!("{url} to load"), |r| r.main_frame_loaded(Some(&loader), 0));
        }
    }

    /// The current document's URL (`location.href`).
    pub fn url(&self) -> String {
        match self.eval_json("location.href") {
            Value::String(s) => s,
            other => panic!("location.href was not a string: {other}"),
        }
    }

    /// Evaluate a JavaScript expression in the page and return its value as JSON.
    /// Promises are awaited; `undefined` becomes `null`. A thrown exception fails the test.
    /// Runs with a user gesture, so APIs that need one (fullscreen, clipboard) work.
    pub fn eval_json(&self, js: &str) -> Value {
        self.evaluate(js)
            .unwrap_or_else(|e| panic!("JavaScript failed on {}:\n  {e}\nscript:\n{js}", self.url_or_unknown()))
    }

    /// Wait until `js` evaluates to `true`. A page that reloads meanwhile (watch mode does)
    /// makes an evaluation fail with "navigated"; that counts as "not yet", not as a failure.
    pub fn wait_true(&self, what: &str, js: &str) {
        self.poll(what, js, |v| v == &Value::Bool(true));
    }

    /// Wait until an element matching `selector` exists (or fail after a timeout).
    pub fn wait_for(&self, selector: &str) {
        let js = format!("document.querySelector({}) !== null", js_string(selector));
        self.poll(&format!("an element matching `{selector}`"), &js, |v| {
            v == &Value::Bool(true)
        });
    }

    /// Click the first element matching `selector` with a real mouse click at its centre,
    /// after scrolling it into view. Waits for the element to exist; fails if it has no size
    /// or if something else (an overlay, say) is on top of it at that point.
    pub fn click(&self, selector: &str) {
        let js = format!(
            r#"(() => {{
                const el = document.querySelector({sel});
                if (!el) return null;
                el.scrollIntoView({{block: "center", inline: "center"}});
                const r = el.getClientRects()[0];
                if (!r || r.width === 0 || r.height === 0) return {{hidden: true}};
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const hit = document.elementFromPoint(x, y);
                const covered = !(hit && (el === hit || el.contains(hit)));
                return {{x, y, covered, hit: hit ? hit.outerHTML.slice(0, 120) : "nothing"}};
            }})()"#,
            sel = js_string(selector)
        );
        let target = self.poll(&format!("an element matching `{selector}` to click"), &js, |v| {
            !v.is_null()
        });
        if target.get("hidden").is_some() {
            panic!(
                "cannot click `{selector}` on {}: it has no size (hidden?)",
                self.url_or_unknown()
            );
        }
        if target["covered"] == Value::Bool(true) {
            panic!(
                "cannot click `{selector}` on {}: another element is on top of it: {}",
                self.url_or_unknown(),
                target["hit"]
            );
        }
        let point = Point {
            x: target["x"].as_f64().unwrap_or(0.0),
            y: target["y"].as_f64().unwrap_or(0.0),
        };
        if let Err(e) = self.tab.click_point(point) {
            panic!("clicking `{selector}` on {} failed: {e:#}", self.url_or_unknown());
        }
    }

    /// Click `selector` and wait until the new page it leads to has loaded.
    pub fn click_and_wait_navigation(&self, selector: &str) {
        let from = self.url();
        let loads_before = self.recorder.lock().unwrap().main_frame_load_count();
        self.click(selector);
        self.wait_until(&format!("clicking `{selector}` on {from} to load a new page"), |r| {
            r.main_frame_loaded(None, loads_before)
        });
    }

    /// Press and release one key, e.g. "ArrowRight", "Escape", "Enter", "a".
    pub fn press_key(&self, key: &str) {
        if let Err(e) = self.tab.press_key(key) {
            panic!("pressing key {key:?} failed: {e:#}");
        }
    }

    /// `innerText` of the first element matching `selector` (waits for it to exist).
    pub fn text(&self, selector: &str) -> String {
        let js = format!("document.querySelector({})?.innerText ?? null", js_string(selector));
        match self.poll(&format!("an element matching `{selector}`"), &js, |v| !v.is_null()) {
            Value::String(s) => s,
            other => panic!("the text of `{selector}` was not a string: {other}"),
        }
    }

    /// How many elements match `selector` right now (no waiting).
    pub fn count(&self, selector: &str) -> usize {
        let js = format!("document.querySelectorAll({}).length", js_string(selector));
        match self.eval_json(&js).as_u64() {
            Some(n) => n as usize,
            None => panic!("counting `{selector}` did not give a number"),
        }
    }

    /// The `src` of every `<img>` that has not loaded (`!(complete && naturalWidth > 0)`).
    /// Lazy images are switched to eager first, and each pending image gets up to 5 s.
    pub fn images_not_loaded(&self) -> Vec<String> {
        let js = r#"(async () => {
            const images = [...document.images];
            for (const img of images) if (img.loading === "lazy") img.loading = "eager";
            await Promise.all(images.filter(img => !img.complete).map(img => new Promise(done => {
                img.addEventListener("load", done, {once: true});
                img.addEventListener("error", done, {once: true});
                setTimeout(done, 5000);
            })));
            return images
                .filter(img => !(img.complete && img.naturalWidth > 0))
                .map(img => img.getAttribute("src") ?? "(no src)");
        })()"#;
        match serde_json::from_value(self.eval_json(js)) {
            Ok(list) => list,
            Err(e) => panic!("unexpected result from the image check: {e}"),
        }
    }

    /// Print the page to PDF (backgrounds on, CSS page size preferred) and return the bytes.
    pub fn print_pdf(&self, options: &PrintOptions) -> Vec<u8> {
        let (paper_width, paper_height) = match options.paper_size_in {
            Some((w, h)) => (Some(w), Some(h)),
            None => (None, None),
        };
        let pdf_options = PrintToPdfOptions {
            landscape: Some(options.landscape),
            print_background: Some(true),
            prefer_css_page_size: Some(true),
            paper_width,
            paper_height,
            margin_top: options.margin_in,
            margin_bottom: options.margin_in,
            margin_left: options.margin_in,
            margin_right: options.margin_in,
            page_ranges: options.page_ranges.clone(),
            ..PrintToPdfOptions::default()
        };
        self.tab
            .print_to_pdf(Some(pdf_options))
            .unwrap_or_else(|e| panic!("printing {} to PDF failed: {e:#}", self.url_or_unknown()))
    }

    /// Save a PNG screenshot of the viewport to `path` (parent directories are created).
    pub fn screenshot_png(&self, path: &Path) {
        let png = self
            .tab
            .capture_screenshot(CdpPage::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap_or_else(|e| panic!("screenshot of {} failed: {e:#}", self.url_or_unknown()));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("could not create {}: {e}", parent.display()));
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("could not write {}: {e}", path.display()));
    }

    /// Everything that went wrong on this tab so far (see the module docs for what counts).
    pub fn problems(&self) -> Vec<String> {
        // A round trip makes sure every event Chromium sent before it has reached us; the
        // pause lets the tab's event thread record them.
        let _ = self.evaluate("0");
        std::thread::sleep(Duration::from_millis(30));
        self.recorder.lock().unwrap().problems.clone()
    }

    /// Fail the test, listing every problem, if there were any.
    pub fn assert_no_problems(&self) {
        let problems = self.problems();
        if !problems.is_empty() {
            panic!(
                "{} problem(s) in the browser (page now at {}):\n  - {}",
                problems.len(),
                self.url_or_unknown(),
                problems.join("\n  - ")
            );
        }
    }

    /// Forget the problems recorded so far. Events still in flight are not waited for; call
    /// it right after `problems()` / `assert_no_problems()`, which do wait, or before `goto`.
    pub fn clear_problems(&self) {
        self.recorder.lock().unwrap().problems.clear();
    }

    /// Run `js` in every document this tab loads from now on, before the page's own
    /// scripts (to fake the clock, or block storage, as a test needs).
    pub fn add_init_script(&self, js: &str) {
        self.tab
            .call_method(CdpPage::AddScriptToEvaluateOnNewDocument {
                source: js.to_string(),
                world_name: None,
                include_command_line_api: None,
                run_immediately: None,
            })
            .unwrap_or_else(|e| panic!("could not add an init script: {e:#}"));
    }

    /// Press `key` with Shift held.
    pub fn press_shift_key(&self, key: &str) {
        self.tab
            .press_key_with_modifiers(key, Some(&[headless_chrome::browser::tab::ModifierKey::Shift]))
            .unwrap_or_else(|e| panic!("pressing Shift+{key:?} failed: {e:#}"));
    }

    /// Emulate print (or screen) media, to check print styles without printing.
    pub fn emulate_media(&self, media: &str) {
        self.tab
            .call_method(Emulation::SetEmulatedMedia {
                media: Some(media.to_string()),
                features: None,
            })
            .unwrap_or_else(|e| panic!("could not emulate {media} media: {e:#}"));
    }

    /// Emulate a network that is down (`true`) or back (`false`) for this tab's own
    /// requests (Network.emulateNetworkConditions). A service worker's requests are not
    /// covered: take the server down too (`StaticServer::set_down`).
    pub fn set_offline(&self, offline: bool) {
        self.tab
            .call_method(Network::EmulateNetworkConditions {
                offline,
                latency: 0.0,
                download_throughput: -1.0,
                upload_throughput: -1.0,
                connection_Type: None,
                packet_loss: None,
                packet_queue_length: None,
                packet_reordering: None,
            })
            .unwrap_or_else(|e| panic!("could not set the network offline={offline}: {e:#}"));
    }

    /// Type `text` into the focused element, as keystrokes.
    pub fn type_text(&self, text: &str) {
        self.tab
            .type_str(text)
            .unwrap_or_else(|e| panic!("could not type {text:?}: {e:#}"));
    }

    /// The underlying `headless_chrome` tab, for anything this harness doesn't wrap.
    pub fn raw(&self) -> &Arc<Tab> {
        &self.tab
    }

    fn url_or_unknown(&self) -> String {
        match self.evaluate("location.href") {
            Ok(Value::String(s)) => s,
            _ => self.tab.get_url(),
        }
    }

    /// Runtime.evaluate, by value, awaiting promises; Err carries a readable reason.
    fn evaluate(&self, js: &str) -> Result<Value, String> {
        let reply = self
            .tab
            .call_method(Runtime::Evaluate {
                expression: js.to_string(),
                object_group: None,
                include_command_line_api: None,
                silent: Some(true),
                context_id: None,
                return_by_value: Some(true),
                generate_preview: None,
                user_gesture: Some(true),
                await_promise: Some(true),
                throw_on_side_effect: None,
                timeout: None,
                disable_breaks: None,
                repl_mode: None,
                allow_unsafe_eval_blocked_by_csp: None,
                unique_context_id: None,
                serialization_options: None,
            })
            .map_err(|e| format!("{e:#}"))?;
        if let Some(details) = reply.exception_details {
            return Err(describe_exception(&details));
        }
        Ok(reply.result.value.unwrap_or(Value::Null))
    }

    /// Evaluate `js` until `done` accepts its value (JS errors count as "not yet").
    fn poll(&self, what: &str, js: &str, done: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        let mut last = Err(String::from("never evaluated"));
        loop {
            if let Ok(value) = &last {
                if done(value) {
                    return value.clone();
                }
            }
            if start.elapsed() > TIMEOUT {
                let got = match &last {
                    Ok(value) => format!("last result: {value}"),
                    Err(e) => format!("last error: {e}"),
                };
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what} on {} ({got})",
                    self.url_or_unknown()
                );
            }
            last = self.evaluate(js);
        }
    }

    /// Wait (without any DevTools calls) until the recorded events satisfy `done`.
    fn wait_until(&self, what: &str, done: impl Fn(&Recorder) -> bool) {
        let start = Instant::now();
        while !done(&self.recorder.lock().unwrap()) {
            if start.elapsed() > TIMEOUT {
                let problems = self.recorder.lock().unwrap().problems.clone();
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the tab is at {}.\nProblems so far:\n  - {}",
                    self.url_or_unknown(),
                    if problems.is_empty() {
                        "(none)".to_string()
                    } else {
                        problems.join("\n  - ")
                    }
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// `s` as a JavaScript string literal.
fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.tab.close_target();
    }
}

/// Turns DevTools events into plain-words problem lines.
///
/// headless_chrome parses each event into types generated from a fixed protocol snapshot and
/// silently drops any it can't parse (say, an enum value newer than the snapshot). The tests
/// in tests/browser_harness.rs provoke each kind of problem so that such a drop shows up as
/// a failing test rather than as a quietly passing broken page.
#[derive(Default)]
struct Recorder {
    problems: Vec<String>,
    /// request id -> URL, because Network.loadingFailed carries only the id.
    request_urls: HashMap<String, String>,
    /// The tab's main frame id, once known (from Page.navigate's reply).
    main_frame: Option<String>,
    /// (frame id, loader id) of every `load` lifecycle event, oldest first.
    loads: Vec<(String, String)>,
}

impl Recorder {
    fn main_frame_loads(&self) -> impl Iterator<Item = &String> {
        self.loads
            .iter()
            .filter(|(frame, _)| Some(frame) == self.main_frame.as_ref())
            .map(|(_, loader)| loader)
    }

    fn main_frame_load_count(&self) -> usize {
        self.main_frame_loads().count()
    }

    /// Has the main frame fired `load` for `loader` (or, with None, for any new document)
    /// since it had fired `already` loads?
    fn main_frame_loaded(&self, loader: Option<&String>, already: usize) -> bool {
        let mut new_loads = self.main_frame_loads().skip(already);
        match loader {
            Some(loader) => new_loads.any(|l| l == loader),
            None => new_loads.next().is_some(),
        }
    }

    fn on_event(&mut self, event: &Event) {
        match event {
            Event::PageLifecycleEvent(e) if e.params.name == "load" => {
                self.loads.push((e.params.frame_id.clone(), e.params.loader_id.clone()));
            }
            Event::RuntimeConsoleAPICalled(e) => {
                use Runtime::ConsoleAPICalledEventTypeOption as Kind;
                let p = &e.params;
                let kind = match p.Type {
                    Kind::Error => "console.error",
                    Kind::Assert => "console.assert failed",
                    _ => return,
                };
                let text: Vec<String> = p.args.iter().map(describe_value).collect();
                let at = p
                    .stack_trace
                    .as_ref()
                    .and_then(|s| s.call_frames.first())
                    .map(|f| format!(" (at {}:{})", f.url, f.line_number + 1))
                    .unwrap_or_default();
                self.problems.push(format!("{kind}: {}{at}", text.join(" ")));
            }
            Event::RuntimeExceptionThrown(e) => {
                self.problems.push(format!(
                    "uncaught exception: {}",
                    describe_exception(&e.params.exception_details)
                ));
            }
            Event::LogEntryAdded(e) => {
                let entry = &e.params.entry;
                if entry.level != Log::LogEntryLevel::Error {
                    return;
                }
                let source = serde_json::to_value(&entry.source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| format!("{:?}", entry.source));
                let url = entry
                    .url
                    .as_deref()
                    .map(|u| format!(" ({})", short(u)))
                    .unwrap_or_default();
                self.problems
                    .push(format!("browser error [{source}]: {}{url}", entry.text));
            }
            Event::NetworkRequestWillBeSent(e) => {
                let p = &e.params;
                let url = &p.request.url;
                self.request_urls.insert(p.request_id.clone(), url.clone());
                if p.document_url.starts_with("file:") && !is_local_scheme(url) {
                    self.problems.push(format!(
                        "network request from a page opened over file://: {} (page {})",
                        short(url),
                        short(&p.document_url)
                    ));
                }
            }
            Event::NetworkResponseReceived(e) => {
                let r = &e.params.response;
                if r.status >= 400 {
                    self.problems
                        .push(format!("HTTP {} {} for {}", r.status, r.status_text, short(&r.url)));
                }
            }
            Event::NetworkLoadingFailed(e) => {
                let p = &e.params;
                if p.canceled == Some(true) {
                    return; // e.g. requests abandoned because we navigated away
                }
                let url = self
                    .request_urls
                    .get(&p.request_id)
                    .map(|u| short(u))
                    .unwrap_or_else(|| format!("<request {} with unknown URL>", p.request_id));
                let blocked = p
                    .blocked_reason
                    .as_ref()
                    .map(|b| format!(", blocked: {b:?}"))
                    .unwrap_or_default();
                let cors = p
                    .cors_error_status
                    .as_ref()
                    .map(|c| format!(", CORS: {:?}", c.cors_error))
                    .unwrap_or_default();
                self.problems
                    .push(format!("failed to load {url}: {}{blocked}{cors}", p.error_text));
            }
            _ => {}
        }
    }
}

fn is_local_scheme(url: &str) -> bool {
    let scheme = url.split(':').next().unwrap_or("").to_ascii_lowercase();
    matches!(scheme.as_str(), "file" | "data" | "blob" | "about")
}

/// Long data: URLs would swamp the failure message.
fn short(url: &str) -> String {
    const MAX: usize = 200;
    if url.chars().count() <= MAX {
        url.to_string()
    } else {
        format!("{}…", url.chars().take(MAX).collect::<String>())
    }
}

fn describe_value(object: &Runtime::RemoteObject) -> String {
    match (&object.value, &object.description, &object.unserializable_value) {
        (Some(Value::String(s)), _, _) => s.clone(),
        (Some(v), _, _) => v.to_string(),
        (None, Some(d), _) => d.clone(),
        (None, None, Some(u)) => u.clone(),
        _ => format!("{:?}", object.Type),
    }
}

fn describe_exception(details: &Runtime::ExceptionDetails) -> String {
    // `description` holds "Error: message\n    at ..." — keep its first line.
    let message = details
        .exception
        .as_ref()
        .and_then(|e| e.description.as_deref().or(e.value.as_ref().and_then(Value::as_str)))
        .and_then(|d| d.lines().next())
        .map(str::to_string)
        .unwrap_or_else(|| details.text.clone());
    match &details.url {
        Some(url) => format!("{message} (at {}:{})", short(url), details.line_number + 1),
        None => message,
    }
}
