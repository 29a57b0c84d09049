// The team leader's collation page (collect.html): hand-in records (record.js) come in
// from the address fragment, a camera, files and pasted text; they are kept in this
// browser (storage.js, capped) and shown as a table per SOP and period against the team
// list, with CSV export and a printable summary. Every value is data: the page builds its
// DOM with textContent only, and sends nothing anywhere.
(function () {
  "use strict";

  var root = document.getElementById("collect");
  if (!root) return;
  var data = JSON.parse(document.getElementById("collect-data").textContent);
  var t = JSON.parse(document.getElementById("collect-strings").textContent);
  var record = window.lectern.record;
  var programme = document.body.getAttribute("data-site") || "";

  // What one browser keeps for the leader: enough for a team of 30 handing in twice a day
  // for a month, and far below the ~5 MB localStorage gives a file:// page.
  var MAX_RECORDS = 2000;
  var MAX_MB = 2;
  var MAX_CHARS = MAX_MB * 1024 * 1024;
  var MAX_FILE = 1024 * 1024; // no honest hand-in file is this big
  var MAX_PARTS = 256; // parts of split records waiting for the rest

  var collated = window.lectern.collectTable(data, t, programme); // collect-table.js
  var place = collated.place, byPeriod = collated.byPeriod;

  function $(selector) { return root.querySelector(selector); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k] == null ? m : String(values[k]); });
  }
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  // ---- storage -------------------------------------------------------------------
  var store = window.lectern.store("collect");
  var state = (function () {
    var s = store.read() || {};
    return {
      records: Array.isArray(s.records) ? s.records : [],
      team: Array.isArray(s.team) ? s.team.filter(function (n) { return typeof n === "string"; }) : [],
      parts: Array.isArray(s.parts) ? s.parts : []
    };
  })();
  function save() { store.write(state); }

  // ---- where a record belongs ------------------------------------------------------
  function key(r) { return [r.programme, r.kind, r.id, r.period, r.name].join("\u0000"); }


  // ---- adding --------------------------------------------------------------------
  function newReport() { return { added: 0, notes: [], errors: {}, full: 0, size: JSON.stringify(state).length }; }

  function addRecord(r, report) {
    var size = JSON.stringify(r).length;
    if (size > record.MAX_TEXT) { report.errors["too-long"] = true; return; }
    var k = key(r);
    for (var i = 0; i < state.records.length; i++) {
      var old = state.records[i];
      if (key(old) !== k) continue;
      if (old.created === r.created) return; // the same hand-in again
      var says = { name: r.name, id: r.id, period: r.period };
      if (old.created > r.created) { report.notes.push(fill(t.kept_newer, says)); return; }
      state.records[i] = r;
      report.size += size - JSON.stringify(old).length;
      report.notes.push(fill(t.replaced, says));
      return;
    }
    if (state.records.length >= MAX_RECORDS || report.size + size > MAX_CHARS) { report.full++; return; }
    state.records.push(r);
    report.size += size;
    report.added++;
  }

  // sop.js's own export (`lectern-sop-runs`, one learner's runs): each run becomes a record
  // of this programme, named by the form's `name` field, else by the file.
  function sopRuns(text, file) {
    if (!/^\s*\{/.test(text) || text.indexOf("lectern-sop-runs") < 0) return null;
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { return null; }
    if (!parsed || parsed.format !== "lectern-sop-runs" || !parsed.runs || typeof parsed.runs !== "object") return null;
    return Object.keys(parsed.runs).map(function (period) {
      var run = parsed.runs[period] || {};
      var fields = run.fields && typeof run.fields === "object" ? run.fields : {};
      var na = run.na && typeof run.na === "object" ? run.na : {};
      return record.make({
        programme: programme, kind: "sop", id: parsed.sop, version: run.version || parsed.version || "",
        period: period, name: fields.name || String(file || "").replace(/\.[^.]*$/, ""), team: "",
        values: { s: run.values || {}, na: Object.keys(na).filter(function (id) { return na[id]; }), f: fields },
        created: run.updated || run.started || ""
      });
    });
  }

  // `inputs`: [{text, file}] from one paste, scan, fragment or choice of files.
  function addTexts(inputs, report) {
    report = report || newReport();
    var whole = [], parts = [];
    inputs.forEach(function (input) {
      var runs = sopRuns(input.text, input.file);
      if (runs) { runs.forEach(function (r) { addRecord(r, report); }); return; }
      var found = record.findAll(input.text);
      if (!found.length) { report.errors[input.text.trim() ? "format" : "empty"] = true; return; }
      found.forEach(function (f) { (f.indexOf("LRP.") === 0 ? parts : whole).push(f); });
    });
    if (parts.length) {
      var joined = record.join(state.parts.concat(parts));
      whole = whole.concat(joined.records);
      state.parts = state.parts.concat(parts).filter(function (p) { return joined.waiting[p.split(".")[3]]; }).slice(-MAX_PARTS);
      Object.keys(joined.waiting).forEach(function (crc) { report.notes.push(fill(t.waiting, joined.waiting[crc])); });
    }
    whole.forEach(function (text) {
      var d = record.decode(text);
      if (d.ok) addRecord(d.record, report);
      else report.errors[d.error] = true;
    });
    save();
    say(report);
    chosen = { view: null, period: null };
    render();
    return report;
  }

  var ERRORS = { checksum: "bad_checksum", format: "bad_format", "too-long": "too_long", fields: "bad_fields" };
  function say(report) {
    var list = $(".collect-messages");
    list.textContent = "";
    var lines = [];
    if (report.added) lines.push([fill(t.added, { n: report.added }), ""]);
    report.notes.forEach(function (n) { lines.push([n, ""]); });
    if (report.full) lines.push([fill(t.full, { records: MAX_RECORDS, mb: MAX_MB, n: report.full }), "is-error"]);
    Object.keys(report.errors).forEach(function (e) { if (ERRORS[e]) lines.push([t[ERRORS[e]], "is-error"]); });
    (report.extra || []).forEach(function (n) { lines.push([n, "is-error"]); });
    lines.forEach(function (l) { list.appendChild(el("li", l[0], l[1])); });
  }

  // ---- the table -----------------------------------------------------------------
  // What is shown: the leader's choice, else the SOP of the newest record and its latest
  // period. Adding records goes back to that default, so what came in is what shows.
  var view = null, period = null, chosen = { view: null, period: null };


  function options(select, items, chosen) {
    select.textContent = "";
    items.forEach(function (item) {
      var o = el("option", item[1]);
      o.value = item[0];
      o.selected = item[0] === chosen;
      select.appendChild(o);
    });
  }

  function render() {
    var placed = state.records.map(function (r) { return { r: r, p: place(r) }; });
    var inTable = placed.filter(function (x) { return x.p.where === "table"; });
    var views = data.sops.map(function (s) { return ["sop:" + s.id, s.title]; });
    if (data.quizzes.length || inTable.some(function (x) { return x.r.kind === "quiz"; })) views.push(["quiz", t.quiz_results]);
    view = chosen.view;
    if (!views.some(function (v) { return v[0] === view; })) {
      var newest = inTable.slice().sort(function (a, b) { return a.r.created < b.r.created ? 1 : -1; })[0];
      view = newest ? (newest.r.kind === "quiz" ? "quiz" : "sop:" + newest.r.id) : views.length ? views[0][0] : null;
    }
    options($(".collect-view"), views, view);
    var periods = [];
    inTable.forEach(function (x) { if (view && collated.inView(x.r, view) && periods.indexOf(x.r.period) < 0) periods.push(x.r.period); });
    periods.sort(byPeriod);
    period = periods.indexOf(chosen.period) >= 0 ? chosen.period : periods[periods.length - 1] || null;
    options($(".collect-period"), periods.map(function (p) { return [p, p]; }), period);
    $(".collect-pickers").hidden = !views.length;

    var wrap = $(".collect-table-wrap"), caption = $(".collect-caption"), missingLine = $(".collect-missing");
    wrap.textContent = "";
    caption.textContent = "";
    missingLine.textContent = "";
    if (!view || !period) {
      wrap.appendChild(el("p", t.empty));
    } else {
      var tab = collated.table(state.records, state.team, view, period, true);
      caption.textContent = tab.title + " · " + period;
      if (tab.missing.length) missingLine.textContent = fill(t.missing_count, { n: tab.missing.length, names: tab.missing.join("、") });
      var tableEl = el("table", null, "collect-table");
      var tr = el("tr");
      tab.head.forEach(function (h, i) { var th = el("th", h, tab.wide[i] ? "is-wide" : ""); th.scope = "col"; tr.appendChild(th); });
      tableEl.appendChild(el("thead")).appendChild(tr);
      var body = tableEl.appendChild(el("tbody"));
      tab.rows.forEach(function (row) {
        var r = body.appendChild(el("tr", null, row.missing ? "is-missing" : row.stale ? "is-stale" : ""));
        row.cells.forEach(function (text, i) {
          var td = r.appendChild(el(i === 0 ? "th" : "td", text));
          if (i === 0) td.scope = "row";
          if (row.missing && i === 2) td.colSpan = tab.head.length - 2;
        });
        if (row.stale) r.firstChild.appendChild(el("span", t.stale, "badge badge-stale"));
        if (row.outside) r.firstChild.appendChild(el("span", t.not_in_team, "badge"));
      });
      wrap.appendChild(tableEl);
    }
    renderApart(placed);
  }

  function renderApart(placed) {
    var other = $(".collect-other"), unknown = $(".collect-unknown");
    other.textContent = "";
    unknown.textContent = "";
    placed.forEach(function (x) {
      if (x.p.where === "table") return;
      var r = x.r, parts = [r.name, r.team, r.programme, r.kind + ":" + r.id, t.version + " " + r.version, r.period];
      if (x.p.why) parts.push(x.p.why);
      (x.p.where === "other" ? other : unknown).appendChild(el("li", parts.filter(Boolean).join(" · ")));
    });
    $(".collect-apart").hidden = !other.firstChild && !unknown.firstChild;
    other.hidden = other.previousElementSibling.hidden = !other.firstChild;
    unknown.hidden = unknown.previousElementSibling.hidden = !unknown.firstChild;
  }

  function toCsv() {
    if (!view || !period) return window.lectern.csv.text([]);
    var tab = collated.table(state.records, state.team, view, period, false);
    return window.lectern.csv.text([tab.head].concat(tab.rows.map(function (r) { return r.cells; })));
  }

  // ---- sources -------------------------------------------------------------------
  function fromFragment() {
    var hash = location.hash.slice(1);
    if (!/LR[1P]\./.test(hash)) return;
    var text = hash;
    try { text = decodeURIComponent(hash); } catch (e) { /* keep it as it came */ }
    addTexts([{ text: text }]);
    // A reload must not add it again, and the record should not linger in the address bar.
    history.replaceState(null, "", location.href.split("#")[0]);
  }

  function readFiles(files) {
    var report = newReport();
    report.extra = [];
    var reads = Array.prototype.map.call(files, function (file) {
      if (file.size > MAX_FILE) { report.errors["too-long"] = true; return null; }
      return file.text().then(function (text) { return { text: text, file: file.name }; }, function () {
        report.extra.push(fill(t.file_failed, { file: file.name }));
        return null;
      });
    });
    return Promise.all(reads).then(function (inputs) { return addTexts(inputs.filter(Boolean), report); });
  }

  var camera = null;
  function startCamera() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var video = $(".collect-video"), seen = {};
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      camera = { stream: stream, timer: setInterval(function () {
        detector.detect(video).then(function (codes) {
          var fresh = codes.map(function (c) { return c.rawValue; }).filter(function (v) { return v && !seen[v]; });
          fresh.forEach(function (v) { seen[v] = true; });
          if (fresh.length) addTexts(fresh.map(function (v) { return { text: v }; }));
        }, function () { /* no frame yet */ });
      }, 400) };
      $(".collect-camera").textContent = t.camera_stop;
    }, function () {
      var report = newReport();
      report.extra = [t.camera_failed];
      say(report);
    });
  }
  function stopCamera() {
    clearInterval(camera.timer);
    camera.stream.getTracks().forEach(function (track) { track.stop(); });
    camera = null;
    $(".collect-video").hidden = true;
    $(".collect-camera").textContent = t.camera;
  }

  // ---- actions -------------------------------------------------------------------
  function saveTeam() {
    var names = [];
    $("#collect-team-names").value.split(/\r?\n/).forEach(function (line) {
      var name = line.trim();
      if (name && names.indexOf(name) < 0) names.push(name);
    });
    state.team = names;
    save();
    var list = $(".collect-messages");
    list.textContent = "";
    list.appendChild(el("li", fill(t.team_saved, { n: names.length })));
    render();
  }

  // Only on the leader's request, and only a whole period: the oldest one.
  function dropOldest() {
    var periods = state.records.map(function (r) { return r.period; }).sort(byPeriod);
    if (!periods.length) return;
    var oldest = periods[0], n = periods.filter(function (p) { return p === oldest; }).length;
    if (!window.confirm(fill(t.confirm_drop, { period: oldest, n: n }))) return;
    state.records = state.records.filter(function (r) { return r.period !== oldest; });
    save();
    var list = $(".collect-messages");
    list.textContent = "";
    list.appendChild(el("li", fill(t.dropped, { period: oldest, n: n })));
    render();
  }

  var files = $(".collect-files");
  files.addEventListener("change", function () {
    var chosen = Array.prototype.slice.call(files.files);
    files.value = "";
    readFiles(chosen);
  });
  $(".collect-paste-add").addEventListener("click", function () {
    var box = $("#collect-paste");
    addTexts([{ text: box.value }]);
    box.value = "";
  });
  $(".collect-team-save").addEventListener("click", saveTeam);
  $(".collect-view").addEventListener("change", function (e) { chosen = { view: e.target.value, period: null }; render(); });
  $(".collect-period").addEventListener("change", function (e) { chosen.view = view; chosen.period = e.target.value; render(); });
  $(".collect-export").addEventListener("click", function () {
    window.lectern.download("collect-" + (view || "").replace(/^sop:/, "") + "-" + (period || "") + ".csv", "text/csv;charset=utf-8", toCsv());
  });
  $(".collect-print").addEventListener("click", function () { window.print(); });
  $(".collect-drop").addEventListener("click", dropOldest);
  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    $(".collect-camera").hidden = false;
    $(".collect-camera").addEventListener("click", function () { if (camera) stopCamera(); else startCamera(); });
  }
  window.addEventListener("hashchange", fromFragment);

  $("#collect-team-names").value = state.team.join("\n");
  $(".collect-tools").hidden = false;
  render();
  fromFragment();

  // For scripts and tests: what the buttons do.
  window.lecternCollect = {
    add: function (text) { return addTexts([{ text: String(text) }]); },
    csv: toCsv,
    records: function () { return state.records.slice(); },
    show: function (v, p) { chosen = { view: v, period: p }; render(); }
  };
})();
