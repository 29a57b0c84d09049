// Lectern search: the same tokenizer and ranking as src/search/ (Rust), reading the index
// from classic <script> files so it works over file:// as well as http — no fetch, no
// modules, no workers. Files load lazily: when the search box is first used, or the page
// was opened with ?q=. The page script registers `window.lectern.search(query, {limit})`.
(function (global) {
  "use strict";

  // ---- tokenizer (see src/search/tokenize.rs) -----------------------------------
  function normalize(text) { return String(text).normalize("NFKC").toLowerCase(); }

  function isHan(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  function runs(normalized) {
    var out = [], han = [], word = "";
    Array.from(normalized).forEach(function (ch) {
      if (isHan(ch.codePointAt(0))) {
        if (word) { out.push({ word: word }); word = ""; }
        han.push(ch);
      } else {
        if (han.length) { out.push({ han: han }); han = []; }
        if (WORD.test(ch)) word += ch;
        else if (word) { out.push({ word: word }); word = ""; }
      }
    });
    if (han.length) out.push({ han: han });
    if (word) out.push({ word: word });
    return out;
  }

  function indexTerms(text) {
    var terms = [];
    runs(normalize(text)).forEach(function (r) {
      if (r.word) { terms.push(r.word); return; }
      r.han.forEach(function (c) { terms.push(c); });
      for (var i = 0; i + 1 < r.han.length; i++) terms.push(r.han[i] + r.han[i + 1]);
    });
    return terms;
  }

  function queryTerms(part) {
    var terms = [];
    function add(t) { if (terms.indexOf(t) < 0) terms.push(t); }
    runs(normalize(part)).forEach(function (r) {
      if (r.word) add(r.word);
      else if (r.han.length === 1) add(r.han[0]);
      else for (var i = 0; i + 1 < r.han.length; i++) add(r.han[i] + r.han[i + 1]);
    });
    return terms;
  }

  // ---- index files ----------------------------------------------------------------
  function fnv1a(s) {
    var bytes = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function shardOf(term, shards) {
    var first = term.charAt(0);
    var key = /[a-z0-9]/i.test(first) && first.charCodeAt(0) < 128 ? Array.from(term).slice(0, 2).join("") : term;
    return fnv1a(key) % Math.max(1, shards);
  }

  var store = { m: {}, t: {}, d: {} };
  var pending = {};
  global.lecternSearchAdd = function (kind, n, data) { store[kind][n] = data; };

  // From this page to the site root: every link in Lectern is relative.
  function rootPrefix() {
    return (document.body && document.body.getAttribute("data-root")) || "";
  }

  function base() {
    return rootPrefix() + "search/";
  }

  // Load one index file as a classic script (works from file://, unlike fetch).
  function load(kind, n) {
    if (store[kind][n] !== undefined) return Promise.resolve(store[kind][n]);
    var key = kind + n;
    if (!pending[key]) {
      pending[key] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base() + (kind === "m" ? "meta.js" : kind + "-" + n + ".js");
        s.onload = function () { resolve(store[kind][n]); };
        s.onerror = function () { delete pending[key]; reject(new Error("cannot load the search index: " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return pending[key];
  }

  // ---- ranking (see src/search/query.rs) ------------------------------------------
  var RERANK = 20, PREFIX_EXPANSIONS = 30;

  function parse(query, glossary) {
    var q = normalize(query), typing = !/\s$/.test(query);
    var pieces = q.split(/\s+/).filter(Boolean).slice(0, 8);
    return pieces.map(function (piece, i) {
      var rs = runs(piece), last = rs[rs.length - 1];
      return {
        terms: queryTerms(piece),
        prefix: typing && i + 1 === pieces.length && !!last && !!last.word && Array.from(last.word).length >= 2,
        glossary: glossary.map(function (names, g) {
          return names.some(function (n) { return n === piece || (Array.from(n).length >= 2 && piece.indexOf(n) >= 0); }) ? g : -1;
        }).filter(function (g) { return g >= 0; }),
        text: piece
      };
    });
  }

  // Postings: (record id delta, weight) pairs as base-64 varints (see push_varint in
  // src/search/index.rs): 5 data bits per character, the sixth meaning "more follow".
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function decode(encoded) {
    var numbers = [], value = 0, shift = 0;
    for (var i = 0; i < encoded.length; i++) {
      var d = DIGITS.indexOf(encoded.charAt(i));
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else { numbers.push(value); value = 0; shift = 0; }
    }
    var out = [], id = 0;
    for (var k = 0; k < numbers.length; k += 2) { id += numbers[k]; out.push([id, numbers[k + 1]]); }
    return out;
  }

  function Engine(meta) {
    this.meta = meta;
    this.n = meta.records;
  }

  Engine.prototype.postings = function (term) {
    var shard = store.t[shardOf(term, this.meta.shards)];
    return shard && shard[term] ? decode(shard[term]) : null;
  };

  Engine.prototype.expansions = function (prefix) {
    var shard = store.t[shardOf(prefix, this.meta.shards)] || {};
    return Object.keys(shard).filter(function (t) { return t.indexOf(prefix) === 0; }).sort(byCodePoint).slice(0, PREFIX_EXPANSIONS);
  };

  // Rust sorts strings by bytes; for UTF-8 that is code-point order.
  function byCodePoint(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  Engine.prototype.termScores = function (terms) {
    var n = this.n, k1 = this.meta.k1, best = new Map(), self = this;
    terms.forEach(function (term) {
      var list = self.postings(term);
      if (!list) return;
      var idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      list.forEach(function (p) {
        var tf = p[1] / 10, c = idf * tf * (k1 + 1) / (tf + k1);
        if (!best.has(p[0]) || c > best.get(p[0])) best.set(p[0], c);
      });
    });
    return best;
  };

  function sortedIds(map) { return Array.from(map.keys()).sort(function (a, b) { return a - b; }); }

  // Everything up to the phrase check: parts matched and score, per record.
  Engine.prototype.candidates = function (parts) {
    var self = this, order = [], totals = new Map();
    parts.forEach(function (part) {
      var score = new Map(), hits = new Map(), seen = [];
      part.terms.forEach(function (term, ti) {
        var scores = part.prefix && ti + 1 === part.terms.length ? self.termScores(self.expansions(term)) : self.termScores([term]);
        sortedIds(scores).forEach(function (id) {
          if (!score.has(id)) { seen.push(id); score.set(id, 0); }
          score.set(id, score.get(id) + scores.get(id));
          hits.set(id, (hits.get(id) || 0) + 1);
        });
      });
      var gloss = new Map();
      part.glossary.forEach(function (g) {
        var scores = self.termScores(["g:" + g]);
        sortedIds(scores).forEach(function (id) {
          if (!score.has(id) && !gloss.has(id)) seen.push(id);
          gloss.set(id, Math.max(gloss.get(id) || 0, scores.get(id)));
        });
      });
      seen.forEach(function (id) {
        var s = score.get(id) || 0, g = gloss.get(id) || 0;
        var full = (hits.get(id) || 0) === part.terms.length || g > 0;
        if (!totals.has(id)) { order.push(id); totals.set(id, [0, 0]); }
        var t = totals.get(id);
        t[0] += Math.max(s, g);
        t[1] += full ? 1 : 0;
      });
    });
    var hits = order.map(function (id) { return { id: id, score: totals.get(id)[0], parts: totals.get(id)[1], phrases: 0 }; });
    hits.sort(function (a, b) { return b.parts - a.parts || b.score - a.score || a.id - b.id; });
    return hits;
  };

  // Rows repeat little of the row before: 0 for the same crumb, roles or tags, and a bare
  // "#fragment" for a URL on the same page (see stored_row in src/search/index.rs).
  Engine.prototype.record = function (id) {
    var block = store.d[Math.floor(id / this.meta.block)];
    if (!block || !block[id % this.meta.block]) return undefined;
    var r = null;
    for (var k = 0; k <= id % this.meta.block; k++) {
      var row = block[k], prev = r;
      r = {
        kind: this.meta.kinds[row[0]], title: row[1],
        crumb: row[2] === 0 ? prev.crumb : row[2],
        url: row[3].charAt(0) === "#" && prev ? prev.url.split("#")[0] + row[3] : row[3],
        roles: row[4] === 0 ? prev.roles : row[4],
        tags: row[5] === 0 ? prev.tags : row[5],
        text: row[6]
      };
    }
    return r;
  };

  function termFiles(parts, meta) {
    var shards = {};
    parts.forEach(function (p) {
      p.terms.forEach(function (t) { shards[shardOf(t, meta.shards)] = true; });
      p.glossary.forEach(function (g) { shards[shardOf("g:" + g, meta.shards)] = true; });
    });
    return Object.keys(shards).map(Number);
  }

  var engine = null;
  function ready() {
    return load("m", 0).then(function (meta) { engine = engine || new Engine(meta); return engine; });
  }

  function search(query, options) {
    var limit = (options && options.limit) || 10;
    return ready().then(function (e) {
      var parts = parse(query, e.meta.glossary);
      if (!parts.length) return [];
      return Promise.all(termFiles(parts, e.meta).map(function (n) { return load("t", n); })).then(function () {
        var all = e.candidates(parts), hits = all.slice(0, RERANK);
        // The best candidates get the phrase check; the rest follow in their order.
        var rest = all.slice(RERANK, Math.max(RERANK, limit));
        var blocks = {};
        hits.concat(rest).forEach(function (h) { blocks[Math.floor(h.id / e.meta.block)] = true; });
        return Promise.all(Object.keys(blocks).map(function (n) { return load("d", Number(n)); })).then(function () {
          hits.forEach(function (h) {
            var r = e.record(h.id), title = normalize(r.title), text = normalize(r.text);
            h.phrases = parts.filter(function (p) { return title.indexOf(p.text) >= 0 || text.indexOf(p.text) >= 0; }).length;
          });
          hits.sort(function (a, b) { return b.parts - a.parts || b.phrases - a.phrases || b.score - a.score || a.id - b.id; });
          return hits.concat(rest).slice(0, limit).map(function (h) {
            var r = e.record(h.id);
            return {
              id: h.id, type: r.kind, title: r.title, crumb: r.crumb, url: rootPrefix() + r.url, roles: r.roles, tags: r.tags,
              excerpt: excerpt(r.text, parts), score: h.score, parts: h.parts, phrases: h.phrases
            };
          });
        });
      });
    });
  }

  // ---- excerpts -------------------------------------------------------------------
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  // Around the densest cluster of matches, with the matches marked.
  function excerpt(text, parts) {
    var chars = Array.from(text), norm = chars.map(function (c) { return normalize(c); });
    var needles = [];
    parts.forEach(function (p) {
      needles.push(p.text);
      p.terms.forEach(function (t) { if (t !== p.text) needles.push(t); });
    });
    var marks = new Array(chars.length).fill(false), hits = [];
    needles.forEach(function (needle) {
      var n = Array.from(needle);
      for (var i = 0; i + n.length <= norm.length; i++) {
        var ok = true;
        for (var k = 0; k < n.length && ok; k++) ok = norm[i + k] === n[k];
        if (ok) {
          hits.push(i);
          for (var k2 = 0; k2 < n.length; k2++) marks[i + k2] = true;
        }
      }
    });
    var WIDTH = 80, start = 0, best = -1;
    hits.forEach(function (h) {
      var s = Math.max(0, h - 20), count = hits.filter(function (x) { return x >= s && x < s + WIDTH; }).length;
      if (count > best) { best = count; start = s; }
    });
    var end = Math.min(chars.length, start + WIDTH), out = start > 0 ? "…" : "", open = false;
    for (var i = start; i < end; i++) {
      if (marks[i] && !open) { out += "<mark>"; open = true; }
      if (!marks[i] && open) { out += "</mark>"; open = false; }
      out += escapeHtml(chars[i]);
    }
    if (open) out += "</mark>";
    return out + (end < chars.length ? "…" : "");
  }

  var api = {
    normalize: normalize, indexTerms: indexTerms, queryTerms: queryTerms, parse: parse, shardOf: shardOf,
    fnv1a: fnv1a, search: search, excerpt: excerpt, store: store
  };
  global.lectern = global.lectern || {};
  global.lectern.search = search;
  global.lecternSearchEngine = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
