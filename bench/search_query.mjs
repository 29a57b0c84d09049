// Query latency of Lectern's search and Pagefind's in headless Chromium (puppeteer-core,
// Debian's /usr/bin/chromium), for bench/search.sh. Both sites are served over http by the
// caller (python3 -m http.server on 127.0.0.1).
//
//   node bench/search_query.mjs --lectern http://127.0.0.1:P/ --lectern-dir SITE \
//        --pagefind http://127.0.0.1:Q/ --pagefind-dir SITE --queries queries.txt --out result.json \
//        [--chromium /usr/bin/chromium]
//
// For each engine and each query (one per line in queries.txt):
//   cold  — a fresh browser context (empty HTTP cache), the page loaded, then the first query:
//           Lectern  `await window.lectern.search(q, {limit: 10})` (loads search/meta.js, the
//                    term shards and the record blocks it needs; results carry excerpts)
//           Pagefind `const pf = await import('/pagefind/pagefind.js'); const r = await
//                    pf.search(q); await Promise.all(r.results.slice(0, 10).map(x => x.data()))`
//                    (loads pagefind.js, the WASM, the metadata, the index chunks and the first
//                    ten fragments, which carry the excerpts)
//           timed in the page with performance.now(); the index bytes this query loaded are the
//           resource-timing entries under /search/ or /pagefind/ (transferSize, encodedBodySize),
//           from the page and from its workers (Pagefind searches in a Web Worker by default, so
//           its index fetches appear only in the worker's timeline). python's http.server does
//           not compress, so the gzip -6 size of each of those files (from --*-dir) is recorded
//           too, as an estimate of what a compressing server would send.
//   warm  — the same query again on that page (everything it needs is loaded).
//   seq   — one fresh page per engine running all queries in order, each timed: what a reader
//           typing several searches sees after the first.
// Writes JSON with every timing; bench/search.sh turns it into tables.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import puppeteer from "puppeteer-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const queries = readFileSync(args.queries, "utf8").split("\n").map((s) => s.trim()).filter(Boolean);
const chromium = args.chromium || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "lectern-bench-chromium-"));

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
  ],
});

// In the page: run one query and return {ms, count, titles}.
const ENGINES = {
  lectern: {
    base: args.lectern,
    dir: args["lectern-dir"],
    async ready(page) {
      await page.waitForFunction(() => window.lectern && typeof window.lectern.search === "function", { timeout: 20000 });
    },
    run: (page, q) =>
      page.evaluate(async (q) => {
        const t0 = performance.now();
        const r = await window.lectern.search(q, { limit: 10 });
        const ms = performance.now() - t0;
        // A lesson whose own text did not match shows its sections' excerpts instead.
        const first = r[0] && (r[0].excerpt ? r[0] : r[0].sections[0]);
        return { ms, count: r.length, top: r.slice(0, 3).map((x) => x.title), excerpt: (first && first.excerpt) || "" };
      }, q),
  },
  pagefind: {
    base: args.pagefind,
    dir: args["pagefind-dir"],
    async ready() {},
    run: (page, q) =>
      page.evaluate(async (q) => {
        const t0 = performance.now();
        const pf = await import("/pagefind/pagefind.js");
        const r = await pf.search(q);
        const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        const ms = performance.now() - t0;
        return { ms, count: data.length, total: r.results.length, top: data.slice(0, 3).map((d) => d.meta.title), excerpt: (data[0] && data[0].excerpt) || "" };
      }, q),
  },
};

async function freshPage(context, engine) {
  const page = await context.newPage();
  await page.goto(engine.base, { waitUntil: "load", timeout: 60000 });
  await engine.ready(page);
  await page.evaluate(() => performance.setResourceTimingBufferSize(100000));
  return page;
}

// Index files this page and its workers have loaded so far (resource timing), under
// /search/ or /pagefind/, with the gzip -6 size of each file as served from disk.
const collect = () =>
  performance.getEntriesByType("resource")
    .filter((e) => /\/(search|pagefind)\//.test(new URL(e.name).pathname))
    .map((e) => ({ path: new URL(e.name).pathname, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
const gz = new Map();
function gzipSize(dir, path) {
  const key = dir + path;
  if (!gz.has(key)) {
    try { gz.set(key, gzipSync(readFileSync(join(dir, decodeURIComponent(path))), { level: 6 }).length); } catch { gz.set(key, null); }
  }
  return gz.get(key);
}
async function indexResources(page, dir) {
  const all = await page.evaluate(collect);
  for (const w of page.workers()) {
    try { all.push(...(await w.evaluate(collect)).map((f) => ({ ...f, worker: true }))); } catch { /* worker gone */ }
  }
  return all.map((f) => ({ ...f, gzip: dir ? gzipSize(dir, f.path) : null }));
}
const key = (f) => (f.worker ? "w:" : "p:") + f.path;

const out = { chromium: await browser.version(), queries, engines: {} };
for (const [name, engine] of Object.entries(ENGINES)) {
  const rows = [];
  for (const q of queries) {
    const context = await browser.createBrowserContext();
    const page = await freshPage(context, engine);
    const before = await indexResources(page, engine.dir); // loaded by the page itself, before any query
    const cold = await engine.run(page, q);
    const seen = new Set(before.map(key));
    const files = (await indexResources(page, engine.dir)).filter((f) => !seen.has(key(f)));
    const warm = await engine.run(page, q);
    rows.push({ q, cold: cold.ms, warm: warm.ms, count: cold.count, total: cold.total, top: cold.top, excerpt: cold.excerpt, files, preloaded: before });
    await context.close();
    process.stderr.write(`${name} ${JSON.stringify(q)}: cold ${cold.ms.toFixed(1)} ms, warm ${warm.ms.toFixed(1)} ms, ${cold.count} results, ${files.length} index files\n`);
  }
  // All queries in order on one page.
  const context = await browser.createBrowserContext();
  const page = await freshPage(context, engine);
  const seq = [];
  for (const q of queries) seq.push((await engine.run(page, q)).ms);
  const loaded = await indexResources(page, engine.dir);
  await context.close();
  out.engines[name] = { rows, seq, seqFiles: loaded.length, seqBytes: loaded.reduce((s, f) => s + f.encoded, 0) };
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(args.out, JSON.stringify(out, null, 1));
