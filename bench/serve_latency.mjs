// Edit-to-reload latency of `lectern serve`, for bench/serve_latency.sh: headless Chromium
// (puppeteer-core, Debian's /usr/bin/chromium) keeps one lesson page open; this script edits
// that lesson's Markdown file EDITS times and measures, for each edit, the time from just
// before the write until the open page's DOM contains the unique marker the edit added (the
// page reloads itself through the WebSocket script `lectern serve` injects).
//
//   node bench/serve_latency.mjs --url http://127.0.0.1:P/lessons/M/L.html --file SRC/M/L.md \
//        --out result.json [--edits 20] [--gap 1000] [--timeout 30000] [--chromium /usr/bin/chromium]
//
// Each edit writes the original text plus one new paragraph `BENCHMARK-MARK-<i>-<random> …` at
// the end (so the file does not grow from edit to edit). Even-numbered edits write a temporary
// file beside it (.<name>.bench~) and rename it over the lesson, as many editors save;
// odd-numbered edits overwrite the file in place. GAP ms pass between an edit's marker
// appearing and the next edit. Detection: a script added to every new document of the page
// (evaluateOnNewDocument) watches the DOM with a MutationObserver and reports every marker it
// finds to Node through an exposed function; the time is taken in Node (performance.now())
// when that report arrives, and also in the page (performance.timeOrigin + now()) as a check.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import puppeteer from "puppeteer-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const EDITS = Number(args.edits || 20), GAP = Number(args.gap || 1000), TIMEOUT = Number(args.timeout || 30000);
const file = args.file, tmp = join(dirname(file), "." + basename(file) + ".bench~");
const original = readFileSync(file, "utf8");
const profile = mkdtempSync(join(tmpdir(), "lectern-bench-chromium-"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await puppeteer.launch({
  executablePath: args.chromium || "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
  ],
});
const version = await browser.version();
const page = await browser.newPage();

const seen = new Map(); // marker -> {node: ms, page: epoch ms}
let waiter = null;
await page.exposeFunction("__benchSeen", (markers, pageEpochMs) => {
  const now = performance.now();
  for (const m of markers) if (!seen.has(m)) seen.set(m, { node: now, page: pageEpochMs });
  if (waiter && seen.has(waiter.marker)) { waiter.resolve(); waiter = null; }
});
await page.evaluateOnNewDocument(() => {
  const reported = new Set();
  const scan = () => {
    const text = document.documentElement ? document.documentElement.textContent : "";
    const found = (text.match(/BENCHMARK-MARK-\d+-[a-z0-9]+/g) || []).filter((m) => !reported.has(m));
    if (found.length) {
      found.forEach((m) => reported.add(m));
      window.__benchSeen(found, performance.timeOrigin + performance.now());
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener("DOMContentLoaded", scan);
});
let navigations = 0;
page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigations++; });

await page.goto(args.url, { waitUntil: "load", timeout: 60000 });
// The live-reload script sets window.lecternLastMessage after the server's first message.
const connected = await page
  .waitForFunction(() => window.lecternLastMessage !== undefined, { timeout: 15000 })
  .then(() => true, () => false);
await sleep(500);

const results = [];
try {
  for (let i = 0; i < EDITS; i++) {
    const marker = `BENCHMARK-MARK-${i}-${Math.random().toString(36).slice(2, 10)}`;
    const text = `${original.replace(/\s*$/, "")}\n\n${marker} 第 ${i + 1} 次编辑。\n`;
    const mode = i % 2 === 0 ? "rename" : "in-place";
    const navBefore = navigations;
    const done = new Promise((resolve) => { waiter = { marker, resolve }; });
    const t0 = performance.now(), e0 = performance.timeOrigin + t0;
    if (mode === "rename") {
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    } else {
      writeFileSync(file, text);
    }
    const ok = await Promise.race([done.then(() => true), sleep(TIMEOUT).then(() => false)]);
    const s = seen.get(marker);
    const row = { i, mode, marker, ok, ms: ok ? s.node - t0 : null, pageMs: ok ? s.page - e0 : null, navigations: navigations - navBefore };
    results.push(row);
    process.stderr.write(`edit ${i + 1}/${EDITS} (${mode}): ${ok ? row.ms.toFixed(1) + " ms" : "TIMEOUT"}, ${row.navigations} navigation(s)\n`);
    await sleep(GAP);
  }
} finally {
  writeFileSync(file, original);
  rmSync(tmp, { force: true });
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
writeFileSync(args.out, JSON.stringify({ chromium: version, connected, results }, null, 1));
