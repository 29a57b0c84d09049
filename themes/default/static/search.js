// Lectern search: the same tokenizer and ranking as src/search/ (Rust), reading the index
// from classic <script> files so it works over file:// as well as http — no fetch, no
// modules, no workers. Files load lazily: when the search box is first used, or the page
// was opened with ?q=. The page script registers
// `window.lectern.search(query, {limit, type, role})`: one result per page, best first.
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

  // Single characters are in c-N.js, everything else in t-N.js (see Index::file_of).
  function fileOf(term, meta) {
    var chars = Array.from(term);
    return chars.length === 1 && isHan(chars[0].codePointAt(0)) ? ["c", shardOf(term, meta.chars)] : ["t", shardOf(term, meta.shards)];
  }

  var store = { m: {}, t: {}, c: {}, d: {}, r: {} };
  var pending = {};
  global.lecternSearchAdd = function (kind, n, data) { store[kind][n] = data; };

  // From this page to the site root: every link in Lectern is relative.
  function rootPrefix() { return (document.body && document.body.getAttribute("data-root")) || ""; }

  // Load one index file as a classic script (works from file://, unlike fetch).
  // Blocks of records come meta.blocksPerFile to a d- file (BLOCKS_PER_FILE in files.rs).
  function load(kind, n) {
    if (store[kind][n] !== undefined) return Promise.resolve(store[kind][n]);
    var file = kind === "d" ? Math.floor(n / ((store.m[0] && store.m[0].blocksPerFile) || 1)) : n;
    var key = kind + file;
    if (!pending[key]) {
      pending[key] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = rootPrefix() + "search/" + (kind === "m" ? "meta.js" : kind + "-" + file + ".js");
        s.onload = function () { resolve(); };
        s.onerror = function () { delete pending[key]; reject(new Error("cannot load the search index: " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return pending[key].then(function () { return store[kind][n]; });
  }

  // ---- ranking (see src/search/query.rs) ------------------------------------------
  // Every number it uses (`tuning`: part and prefix limits, rerank, sections, k1, the
  // weight scale) comes from meta.js, written from src/search/tuning.rs: no copy here.
  function parse(query, glossary, tuning) {
    var q = normalize(query), typing = !/\s$/.test(query);
    var pieces = q.split(/\s+/).filter(Boolean).slice(0, tuning.maxParts);
    return pieces.map(function (piece, i) {
      var rs = runs(piece), last = rs[rs.length - 1];
      return {
        terms: queryTerms(piece),
        prefix: typing && i + 1 === pieces.length && !!last && !!last.word && Array.from(last.word).length >= tuning.prefixMinChars,
        glossary: glossary.map(function (names, g) {
          return names.some(function (n) { return n === piece || (Array.from(n).length >= tuning.glossaryMinChars && piece.indexOf(n) >= 0); }) ? g : -1;
        }).filter(function (g) { return g >= 0; }),
        text: piece
      };
    });
  }

  // Numbers as base-64 varints (see push_varint in src/search/files.rs): 5 data bits per
  // character, the sixth meaning "more follow". Postings: (record id delta, weight) pairs.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function varints(encoded) {
    var numbers = [], value = 0, shift = 0;
    for (var i = 0; i < encoded.length; i++) {
      var d = DIGITS.indexOf(encoded.charAt(i));
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) shift += 5;
      else { numbers.push(value); value = 0; shift = 0; }
    }
    return numbers;
  }
  function decode(encoded) {
    var numbers = varints(encoded), out = [], id = 0;
    for (var k = 0; k < numbers.length; k += 2) { id += numbers[k]; out.push([id, numbers[k + 1]]); }
    return out;
  }

  // Blocks of records (see blocks in src/search/files.rs): each starts at a record and is
  // 0 = one-record pages, 1 = the start of a page of several records, 2 = more of that page.
  function Engine(meta) {
    this.meta = meta; this.tuning = meta.tuning; this.n = meta.records; this.blockStart = []; this.blockKind = [];
    var numbers = varints(meta.blocks), start = 0;
    for (var i = 0; i < numbers.length; i++) {
      start += Math.floor(numbers[i] / 3);
      this.blockStart.push(start);
      this.blockKind.push(numbers[i] % 3);
    }
  }

  Engine.prototype.block = function (id) {
    var lo = 0, hi = this.blockStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.blockStart[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // The page a record is on, as the id of the page's first record (pages in records.rs).
  Engine.prototype.page = function (id) {
    var b = this.block(id);
    if (this.blockKind[b] === 0) return id;
    while (this.blockKind[b] === 2) b--;
    return this.blockStart[b];
  };

  Engine.prototype.kind = function (id) {
    var k = 0;
    while (k + 1 < this.meta.kindStarts.length && this.meta.kindStarts[k + 1] <= id) k++;
    return this.meta.kinds[k];
  };

  Engine.prototype.postings = function (term) {
    var file = fileOf(term, this.meta), shard = store[file[0]][file[1]];
    return shard && shard[term] ? decode(shard[term]) : null;
  };

  Engine.prototype.expansions = function (prefix) {
    var file = fileOf(prefix, this.meta), shard = store[file[0]][file[1]] || {};
    return Object.keys(shard).filter(function (t) { return t.indexOf(prefix) === 0; }).sort(byCodePoint).slice(0, this.tuning.prefixExpansions);
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
    var n = this.n, k1 = this.tuning.k1, scale = this.tuning.weightScale, best = new Map(), self = this;
    terms.forEach(function (term) {
      var list = self.postings(term);
      if (!list) return;
      var idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      list.forEach(function (p) {
        var tf = p[1] / scale, c = idf * tf * (k1 + 1) / (tf + k1);
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
  // "#fragment" for a URL on the same page (see stored_row in src/search/files.rs).
  Engine.prototype.record = function (id) {
    var b = this.block(id), block = store.d[b], at = id - this.blockStart[b];
    if (!block || !block[at]) return undefined;
    var r = null;
    for (var k = 0; k <= at; k++) {
      var row = block[k], prev = r;
      r = {
        title: row[0],
        crumb: row[1] === 0 ? prev.crumb : row[1],
        url: row[2].charAt(0) === "#" && prev ? prev.url.split("#")[0] + row[2] : row[2],
        roles: row[3] === 0 ? prev.roles : row[3],
        tags: row[4] === 0 ? prev.tags : row[4],
        text: row[5]
      };
    }
    r.kind = this.kind(id);
    return r;
  };

  // Load the blocks holding these records.
  Engine.prototype.loadRecords = function (ids) {
    var self = this, blocks = {};
    ids.forEach(function (id) { blocks[self.block(id)] = true; });
    return Promise.all(Object.keys(blocks).map(function (b) { return load("d", Number(b)); }));
  };

  // Which records the type and role filters let through (see Filter in query.rs). The
  // records of one kind are consecutive; r-N.js lists role N's records as runs.
  Engine.prototype.filter = function (type, role) {
    var meta = this.meta, k = meta.kinds.indexOf(type), from = 0, to = this.n, concerns = null;
    if (type && k < 0) return function () { return false; };
    if (type) { from = meta.kindStarts[k]; to = k + 1 < meta.kindStarts.length ? meta.kindStarts[k + 1] : this.n; }
    if (role) {
      var runs = varints(store.r[meta.roles.indexOf(role)] || ""), end = 0;
      concerns = new Uint8Array(this.n);
      for (var i = 0; i < runs.length; i += 2) { end += runs[i]; concerns.fill(1, end, end + runs[i + 1]); end += runs[i + 1]; }
    }
    return function (id) { return id >= from && id < to && (!concerns || concerns[id] === 1); };
  };

  // Ranked hits gathered by page, in the order of each page's best hit (by_page in query.rs).
  Engine.prototype.byPage = function (hits, limit) {
    var self = this, out = [], at = new Map(), most = this.tuning.sections;
    hits.forEach(function (hit) {
      var page = self.page(hit.id);
      if (at.has(page)) {
        var result = out[at.get(page)];
        var sections = result.hits.filter(function (h) { return h.id !== page; }).length;
        if (hit.id === page || sections < most) result.hits.push(hit);
      } else if (out.length < limit) {
        at.set(page, out.length);
        out.push({ page: page, hits: [hit] });
      }
    });
    return out;
  };

  function termFiles(parts, meta) {
    var files = {};
    parts.forEach(function (p) {
      p.terms.forEach(function (t) { files[fileOf(t, meta).join("-")] = fileOf(t, meta); });
      p.glossary.forEach(function (g) { files["g" + g] = fileOf("g:" + g, meta); });
    });
    return Object.keys(files).map(function (k) { return files[k]; });
  }

  var engine = null;
  function ready() { return load("m", 0).then(function (meta) { return (engine = engine || new Engine(meta)); }); }

  // The ranked pages for a query, [{page, hits: [{id, score, parts, phrases}, …]}, …], as
  // query::search_filtered gives them; with the records they need loaded.
  // options: limit (pages, default 10), type (a kind: "lesson", "sop", …), role (a role id).
  function rank(query, options) {
    var o = options || {}, limit = o.limit || 10;
    return ready().then(function (e) {
      var parts = parse(query, e.meta.glossary, e.tuning), role = e.meta.roles.indexOf(o.role);
      if (!parts.length || (o.role && role < 0)) return { engine: e, parts: parts, pages: [] };
      var files = termFiles(parts, e.meta).concat(role >= 0 ? [["r", role]] : []);
      return Promise.all(files.map(function (f) { return load(f[0], f[1]); })).then(function () {
        var keep = e.filter(o.type, o.role);
        var all = e.candidates(parts).filter(function (h) { return keep(h.id); });
        var rerank = e.tuning.rerank, hits = all.slice(0, rerank), rest = all.slice(rerank);
        return e.loadRecords(hits.map(function (h) { return h.id; })).then(function () {
          // The best candidates get the phrase check; the rest follow in their order.
          hits.forEach(function (h) {
            var r = e.record(h.id), title = normalize(r.title), text = normalize(r.text);
            h.phrases = parts.filter(function (p) { return title.indexOf(p.text) >= 0 || text.indexOf(p.text) >= 0; }).length;
          });
          hits.sort(function (a, b) { return b.parts - a.parts || b.phrases - a.phrases || b.score - a.score || a.id - b.id; });
          var pages = e.byPage(hits.concat(rest), limit), ids = [];
          pages.forEach(function (p) { ids.push(p.page); p.hits.forEach(function (h) { ids.push(h.id); }); });
          return e.loadRecords(ids).then(function () { return { engine: e, parts: parts, pages: pages }; });
        });
      });
    });
  }

  function search(query, options) {
    return rank(query, options).then(function (r) {
      return r.pages.map(function (p) { return result(r.engine, p, r.parts); });
    });
  }

  // A page as a result: its own fields, the excerpt of its own text when that matched, and
  // its other hits (a lesson's sections) beneath, each with its address and excerpt.
  function result(e, p, parts) {
    var r = e.record(p.page), best = p.hits[0], own = null, sections = [];
    p.hits.forEach(function (h) {
      if (h.id === p.page) { own = h; return; }
      var s = e.record(h.id);
      sections.push({ id: h.id, title: s.title, url: rootPrefix() + s.url, excerpt: excerpt(s.text, parts), score: h.score, parts: h.parts, phrases: h.phrases });
    });
    return {
      id: p.page, type: r.kind, title: r.title, crumb: r.crumb, url: rootPrefix() + r.url, roles: r.roles, tags: r.tags,
      excerpt: own ? excerpt(r.text, parts) : "", score: best.score, parts: best.parts, phrases: best.phrases, sections: sections
    };
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
    fileOf: fileOf, fnv1a: fnv1a, search: search, rank: rank, excerpt: excerpt, store: store
  };
  global.lectern = global.lectern || {};
  global.lectern.search = search;
  global.lecternSearchEngine = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
