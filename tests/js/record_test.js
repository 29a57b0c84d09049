// record.js (the hand-in record format) under Node: run by tests/record_js.rs as
// `node record_test.js path/to/record.js`. Prints each case; exits non-zero on a failure.
"use strict";
const assert = require("node:assert/strict");
require(process.argv[2]);
const R = globalThis.lectern.record;

const sop = {
  programme: "直播切片 KOC 培养项目", kind: "sop", id: "daily-report", version: "1.1", period: "2024-11-21",
  name: "王小明", team: "一组", created: "2024-11-21T13:00:00.000Z",
  values: { s: { "s1-1": "12", "s1-2": "抖音", "s2-1": true }, na: ["s4-1"], f: { account: "@koc_王" } }
};

const cases = {
  "encode then decode gives the record back, Chinese and all": () => {
    const line = R.encode(sop);
    assert.match(line, /^LR1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    assert.deepEqual(R.decode(line), { ok: true, record: R.make(sop), text: line });
  },
  "a record is found inside a chat message or a collect.html URL": () => {
    const line = R.encode(sop);
    assert.equal(R.decode("组长好，今天的日报：" + line + " 谢谢").record.name, "王小明");
    assert.equal(R.decode(R.url("https://peixun.example.com/koc/", line)).record.id, "daily-report");
    assert.equal(R.url("https://peixun.example.com/koc/", line), "https://peixun.example.com/koc/collect.html#" + line);
  },
  "a changed character fails the checksum": () => {
    const line = R.encode(sop);
    const at = 10, swapped = line[at] === "A" ? "B" : "A";
    assert.deepEqual(R.decode(line.slice(0, at) + swapped + line.slice(at + 1)), { ok: false, error: "checksum" });
  },
  "empty, unrecognisable, over-long and ill-formed texts are refused": () => {
    assert.equal(R.decode("  ").error, "empty");
    assert.equal(R.decode("日报已交").error, "format");
    assert.equal(R.decode("x".repeat(R.MAX_TEXT + 1)).error, "too-long");
    const payload = Buffer.from(JSON.stringify(["p", "html", "id", "", "", "", "", {}, ""])).toString("base64url");
    assert.equal(R.decode("LR1." + payload + "." + R.crc32(payload)).error, "fields");
  },
  "the CRC-32 is the standard one": () => {
    assert.equal(R.crc32("123456789"), "cbf43926");
  },
  "split parts join back in any order, and a missing part is waited for": () => {
    const long = Object.assign({}, sop, { values: { s: { "s1-3": "复盘：完播率 18%，明天先放高潮片段。".repeat(40) }, na: [], f: {} } });
    const line = R.encode(long);
    const parts = R.split(line, 300);
    assert.ok(parts.length > 2);
    parts.forEach((p, i) => assert.match(p, new RegExp("^LRP\\." + (i + 1) + "\\." + parts.length + "\\.")));
    assert.deepEqual(R.join(parts.slice().reverse()), { records: [line], waiting: {} });
    const some = R.join(parts.slice(1));
    assert.deepEqual(some.records, []);
    assert.deepEqual(Object.values(some.waiting), [{ have: parts.length - 1, of: parts.length }]);
    assert.deepEqual(R.split(R.encode(sop), 5000), [R.encode(sop)], "a short record is one part");
  },
  "findAll picks every record and part out of a pasted text": () => {
    const a = R.encode(sop), b = R.encode(Object.assign({}, sop, { name: "李雷" }));
    assert.deepEqual(R.findAll("1) " + a + "\n2) " + b), [a, b]);
  },
  "the file holds the encoded record, and decodes": () => {
    const file = R.toFile(sop);
    assert.equal(JSON.parse(file).format, "lectern-record");
    assert.deepEqual(R.decode(file).record, R.make(sop));
  },
  "markup in a name is kept as the characters typed": () => {
    const hostile = Object.assign({}, sop, { name: "<img src=x onerror=alert(1)>" });
    assert.equal(R.decode(R.encode(hostile)).record.name, "<img src=x onerror=alert(1)>");
  }
};

let failed = 0;
for (const [name, run] of Object.entries(cases)) {
  try {
    run();
    console.log("ok   " + name);
  } catch (e) {
    failed++;
    console.log("FAIL " + name + "\n" + e.message);
  }
}
process.exit(failed ? 1 : 0);
