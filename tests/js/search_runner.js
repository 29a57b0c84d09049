// Runs Lectern's browser search (themes/default/static/search.js) under Node on a built
// site, for tests/search_parity.rs: the same queries must give the same answers as Rust.
//
//   node search_runner.js SEARCH_JS SITE_DIR QUERIES_JSON TOKENIZE_JSON
//
// QUERIES_JSON: a list of [query, type, role] (type and role "" for none). Prints
// {"results": [per query: [page, [[id, score], …]] per result], "tokenize": [failures]}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [searchJs, siteDir, queriesFile, tokenizeFile] = process.argv.slice(2);

// A page, as far as search.js needs one: index files are "loaded" as classic scripts.
const context = { console, TextEncoder, Map, Promise, setTimeout };
context.window = context;
context.globalThis = context;
context.document = {
  body: { getAttribute: () => "" },
  createElement: () => ({}),
  head: {
    appendChild(script) {
      const file = path.join(siteDir, script.src);
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
      Promise.resolve().then(() => script.onload());
    },
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(searchJs, "utf8"), context, { filename: searchJs });
const engine = context.lecternSearchEngine;

const failures = [];
for (const c of JSON.parse(fs.readFileSync(tokenizeFile, "utf8"))) {
  const got = { normalize: engine.normalize(c.input), index: engine.indexTerms(c.input), query: engine.queryTerms(c.input) };
  for (const k of Object.keys(got)) {
    if (c[k] !== undefined && JSON.stringify(got[k]) !== JSON.stringify(c[k])) {
      failures.push(`${k}(${JSON.stringify(c.input)}): expected ${JSON.stringify(c[k])}, got ${JSON.stringify(got[k])}`);
    }
  }
}

(async () => {
  const results = [];
  for (const [q, type, role] of JSON.parse(fs.readFileSync(queriesFile, "utf8"))) {
    const { pages } = await engine.rank(q, { limit: 10, type, role });
    results.push(pages.map((p) => [p.page, p.hits.map((h) => [h.id, h.score])]));
  }
  process.stdout.write(JSON.stringify({ results, tokenize: failures }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
