// Bytes of search index a query loads, for a built site: runs the site's own search.js
// under Node and adds up the index files it asks for (meta, term and character shards,
// record blocks), and prints them by kind.
//
//   node bench/query_bytes.js SITE_DIR "日报" "千川 预算" …
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
let loaded = new Map();
const context = { console, TextEncoder, Map, Promise, setTimeout };
context.window = context;
context.document = {
  body: { getAttribute: () => "" },
  createElement: () => ({}),
  head: {
    appendChild(script) {
      const file = path.join(site, script.src);
      const text = fs.readFileSync(file, "utf8");
      loaded.set(script.src, Buffer.byteLength(text));
      vm.runInContext(text, context);
      Promise.resolve().then(() => script.onload());
    },
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(site, "static/search.js"), "utf8"), context);

(async () => {
  console.log("| query | files | KB | files: count, KB |\n|---|---:|---:|---|");
  const sizes = [];
  for (const q of queries) {
    // A fresh page for each query: running search.js again starts with nothing cached.
    loaded = new Map();
    vm.runInContext(fs.readFileSync(path.join(site, "static/search.js"), "utf8"), context);
    await context.lecternSearchEngine.search(q, { limit: 10 });
    const kb = [...loaded.values()].reduce((a, b) => a + b, 0) / 1024;
    sizes.push(kb);
    const kinds = {};
    for (const [src, bytes] of loaded) {
      const k = src.replace(/^search\//, "").replace(/-\d+\.js$/, "-N.js");
      kinds[k] = kinds[k] || [0, 0];
      kinds[k][0] += 1;
      kinds[k][1] += bytes;
    }
    const parts = Object.entries(kinds).map(([k, [n, b]]) => `${k} ×${n} ${(b / 1024).toFixed(0)}`).join(", ");
    console.log(`| ${q} | ${loaded.size} | ${kb.toFixed(0)} | ${parts} |`);
  }
  sizes.sort((a, b) => a - b);
  console.log(`\nmedian ${sizes[Math.floor(sizes.length / 2)].toFixed(0)} KB, max ${sizes[sizes.length - 1].toFixed(0)} KB over ${sizes.length} queries`);
})();
