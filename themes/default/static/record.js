// Hand-in records: what a learner hands to the team leader (a finished SOP run, a quiz
// result) as one compact, versioned, checksummed line of text. The line travels as a QR
// code, in a URL fragment (`collect.html#LR1.…`), in a JSON file or pasted into a chat;
// the collation page reads it back with `decode`. This file is the one home of the
// format: the learner's pages (sop.js, quiz.js) and collect.js both load it.
//
// Wire form: `LR1.<payload>.<crc>` where payload is the base64url of the UTF-8 JSON array
// [programme, kind, id, version, period, name, team, values, created] and crc the CRC-32
// of the payload text, 8 lower-case hex digits. base64url keeps the line safe in a URL
// fragment and in a QR code's byte mode; the CRC catches a mistyped or cut-off paste.
// A record too long for one QR code is split into parts `LRP.<i>.<n>.<crc>.<chunk>`,
// which `join` puts back together (the crc is the whole record's).
(function (global) {
  "use strict";

  var PREFIX = "LR1";
  var PART = "LRP";
  // Bigger than any honest record (a 60-step SOP with notes is ~6 KB) and small enough
  // that a pasted or scanned blob cannot fill the leader's storage.
  var MAX_TEXT = 16384;
  var KINDS = { sop: true, quiz: true };

  var crcTable = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(text) {
    var bytes = utf8(text), c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return ("0000000" + ((c ^ 0xffffffff) >>> 0).toString(16)).slice(-8);
  }

  function utf8(text) { return new TextEncoder().encode(text); }

  function toBase64Url(text) {
    var bytes = utf8(text), bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(b64) {
    var bin = atob(b64.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  function str(v) { return typeof v === "string" ? v : v == null ? "" : String(v); }

  // A record from what the page knows. `values` is the kind's own object:
  //   sop:  { s: {stepId: value}, na: [stepId…], f: {fieldId: value} }
  //   quiz: { score: n, total: m, passed: bool }
  function make(fields) {
    return {
      programme: str(fields.programme),
      kind: str(fields.kind),
      id: str(fields.id),
      version: str(fields.version),
      period: str(fields.period),
      name: str(fields.name).trim(),
      team: str(fields.team).trim(),
      values: fields.values && typeof fields.values === "object" ? fields.values : {},
      created: str(fields.created || new Date().toISOString())
    };
  }

  function encode(record) {
    var r = make(record);
    var payload = toBase64Url(JSON.stringify([r.programme, r.kind, r.id, r.version, r.period, r.name, r.team, r.values, r.created]));
    return PREFIX + "." + payload + "." + crc32(payload);
  }

  // `{ok: true, record}` or `{ok: false, error}`, error one of "empty", "too-long",
  // "format", "checksum", "fields". Surrounding text is ignored: a line copied out of a
  // chat message or a whole collect.html URL both decode.
  function decode(text) {
    text = str(text);
    if (!text.trim()) return { ok: false, error: "empty" };
    if (text.length > MAX_TEXT) return { ok: false, error: "too-long" };
    var m = /LR1\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})/.exec(text);
    if (!m) return { ok: false, error: "format" };
    if (crc32(m[1]) !== m[2]) return { ok: false, error: "checksum" };
    var a;
    try { a = JSON.parse(fromBase64Url(m[1])); } catch (e) { return { ok: false, error: "format" }; }
    if (!Array.isArray(a) || a.length < 9 || !KINDS[a[1]] || typeof a[7] !== "object" || a[7] === null) {
      return { ok: false, error: "fields" };
    }
    for (var i = 0; i < 9; i++) if (i !== 7 && typeof a[i] !== "string") return { ok: false, error: "fields" };
    var record = make({ programme: a[0], kind: a[1], id: a[2], version: a[3], period: a[4], name: a[5], team: a[6], values: a[7], created: a[8] });
    return { ok: true, record: record, text: m[0] };
  }

  // Every record (or part) found in a text: a paste of several chat messages, a file.
  function findAll(text) {
    text = str(text).slice(0, MAX_TEXT * 64);
    return text.match(/LR1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}|LRP\.\d+\.\d+\.[0-9a-f]{8}\.[A-Za-z0-9_-]+/g) || [];
  }

  // The encoded record in parts of at most `size` characters of payload each.
  function split(encoded, size) {
    var m = /^LR1\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})$/.exec(encoded);
    if (!m || encoded.length <= size) return [encoded];
    var body = m[1], parts = [], n = Math.ceil(body.length / size);
    for (var i = 0; i < n; i++) parts.push(PART + "." + (i + 1) + "." + n + "." + m[2] + "." + body.slice(i * size, (i + 1) * size));
    return parts;
  }

  // Parts back into whole records: `{records: [encoded…], waiting: {crc: {have, of}}}`.
  function join(parts) {
    var groups = {}, records = [], waiting = {};
    parts.forEach(function (p) {
      var m = /^LRP\.(\d+)\.(\d+)\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/.exec(p);
      if (!m) return;
      var i = +m[1], n = +m[2];
      if (n < 1 || n > 64 || i < 1 || i > n) return;
      var g = groups[m[3]] || (groups[m[3]] = { n: n, got: {} });
      if (g.n === n) g.got[i] = m[4];
    });
    Object.keys(groups).forEach(function (crc) {
      var g = groups[crc], have = Object.keys(g.got).length;
      if (have < g.n) { waiting[crc] = { have: have, of: g.n }; return; }
      var body = "";
      for (var i = 1; i <= g.n; i++) body += g.got[i];
      records.push(PREFIX + "." + body + "." + crc);
    });
    return { records: records, waiting: waiting };
  }

  // Where the record opens the leader's page: `<base>/collect.html#LR1.…`. The fragment
  // never reaches a server.
  function url(baseUrl, encoded) {
    return str(baseUrl).replace(/\/+$/, "") + "/collect.html#" + encoded;
  }

  // A record in a file of its own, to send by chat; `decode` reads the same file back.
  function toFile(record) {
    var encoded = encode(record);
    return JSON.stringify({ format: "lectern-record", record: encoded, readable: make(record) }, null, 2);
  }

  global.lectern = global.lectern || {};
  global.lectern.record = {
    make: make,
    encode: encode,
    decode: decode,
    findAll: findAll,
    split: split,
    join: join,
    url: url,
    toFile: toFile,
    crc32: crc32,
    MAX_TEXT: MAX_TEXT
  };
})(typeof window !== "undefined" ? window : globalThis);
