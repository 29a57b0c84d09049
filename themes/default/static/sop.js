// SOP checklist: tick steps in the browser, kept per SOP and per run period (storage.js:
// localStorage, from file:// too), with a local history, CSV/JSON export, JSON import and
// printing. Without storage it still works until the page is closed.
(function () {
  "use strict";

  var root = document.getElementById("sop");
  var form = root && root.querySelector(".sop-form");
  if (!form) return;
  var data = JSON.parse(document.getElementById("sop-data").textContent);
  var t = JSON.parse(document.getElementById("sop-strings").textContent);
  var steps = Array.prototype.slice.call(form.querySelectorAll(".step"));
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-field]"));

  // ---- storage -------------------------------------------------------------------
  var store = window.lectern.store("sop:" + data.id);

  function loadState() {
    var saved = store.read();
    return saved && saved.runs && typeof saved.runs === "object" ? saved : { runs: {}, current: null };
  }

  function saveState() { store.write(state); }

  // ---- run periods (period.js) ---------------------------------------------------
  var period = window.lectern.period;
  function periodKey() { return period.key(data.frequency, state); }
  function newClipKey() { return period.newClip(state); }

  function emptyRun() {
    return { values: {}, na: {}, fields: {}, version: data.version || null, started: new Date().toISOString(), updated: null };
  }

  var state = loadState();
  var current = periodKey();
  if (data.frequency === "per-clip") state.current = current;
  var run = state.runs[current] || emptyRun();

  // ---- form <-> run --------------------------------------------------------------
  function stepId(li) { return li.getAttribute("data-step"); }
  function kindOf(li) { return li.getAttribute("data-kind"); }

  function readStep(li) {
    var id = stepId(li), kind = kindOf(li);
    if (kind === "check") return li.querySelector('input[name="' + id + '"]').checked ? true : "";
    if (kind === "choice" || kind === "yesno") {
      var picked = li.querySelector('input[name="' + id + '"]:checked');
      return picked ? picked.value : "";
    }
    return li.querySelector('[name="' + id + '"]').value;
  }

  function writeStep(li, value, na) {
    var id = stepId(li), kind = kindOf(li);
    if (kind === "check") {
      li.querySelector('input[name="' + id + '"]').checked = value === true;
    } else if (kind === "choice" || kind === "yesno") {
      Array.prototype.forEach.call(li.querySelectorAll('input[name="' + id + '"]'), function (r) { r.checked = r.value === value; });
    } else {
      li.querySelector('[name="' + id + '"]').value = value == null ? "" : value;
    }
    li.querySelector("[data-na]").checked = !!na;
    li.classList.toggle("is-na", !!na);
  }

  var isDone = period.stepDone;

  function progress(r) {
    var done = 0, total = 0;
    data.steps.forEach(function (s) {
      if (!s.required) return;
      total++;
      if (isDone(r, s.id)) done++;
    });
    return { done: done, total: total };
  }

  function showRun() {
    steps.forEach(function (li) { writeStep(li, run.values[stepId(li)], run.na[stepId(li)]); });
    fields.forEach(function (f) { f.value = run.fields[f.getAttribute("data-field")] || ""; });
    root.querySelector(".sop-period").textContent = current;
    updateProgress();
    showVersionNotice();
    showHistory();
  }

  function updateProgress() {
    var p = progress(run);
    root.querySelector(".sop-done").textContent = p.done;
    root.querySelector(".sop-bar").value = p.done;
    steps.forEach(function (li) { li.classList.toggle("is-done", isDone(run, stepId(li))); });
  }

  function collect() {
    steps.forEach(function (li) {
      var id = stepId(li), value = readStep(li), na = li.querySelector("[data-na]").checked;
      if (value === "") delete run.values[id]; else run.values[id] = value;
      if (na) run.na[id] = true; else delete run.na[id];
      li.classList.toggle("is-na", na);
    });
    fields.forEach(function (f) { run.fields[f.getAttribute("data-field")] = f.value; });
    run.updated = new Date().toISOString();
    run.version = data.version || null;
    state.runs[current] = run;
    saveState();
    updateProgress();
  }

  form.addEventListener("input", collect);
  form.addEventListener("change", collect);

  // Run names in order: dates sort as text, `clip-10` after `clip-9`.
  function runKeys(keys) {
    return keys.sort(function (a, b) { return a.localeCompare(b, "en", { numeric: true }); });
  }

  // ---- notices and history -------------------------------------------------------
  var notice = root.querySelector(".sop-notice");
  function say(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }

  function showVersionNotice() {
    var messages = [];
    if (run.version && data.version && run.version !== data.version) {
      messages.push(t.versionChanged.replace("{old}", run.version).replace("{new}", data.version));
    }
    say(messages.join(" "));
  }

  function valueText(s, r) {
    if (r.na[s.id]) return t.na;
    var v = r.values[s.id];
    if (v === true) return "✓";
    if (v === "yes") return t.yes;
    if (v === "no") return t.no;
    return v == null ? "" : String(v) + (s.unit && v !== "" ? " " + s.unit : "");
  }

  function showHistory() {
    var section = root.querySelector(".sop-history");
    var list = section.querySelector(".sop-history-list");
    var keys = runKeys(Object.keys(state.runs).filter(function (k) { return k !== current; })).reverse();
    section.hidden = false;
    list.textContent = "";
    if (!keys.length) {
      var empty = document.createElement("p");
      empty.textContent = t.noHistory;
      list.appendChild(empty);
      return;
    }
    keys.forEach(function (key) {
      var r = state.runs[key], p = progress(r);
      var details = document.createElement("details");
      details.className = "history-run";
      details.setAttribute("data-run", key);
      var summary = document.createElement("summary");
      summary.textContent = key + " · " + t.done + " " + p.done + " / " + p.total;
      details.appendChild(summary);
      var dl = document.createElement("dl");
      data.steps.forEach(function (s) {
        var dt = document.createElement("dt");
        dt.textContent = s.text;
        var dd = document.createElement("dd");
        dd.textContent = valueText(s, r) || "—";
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      details.appendChild(dl);
      list.appendChild(details);
    });
  }

  // ---- export and import ---------------------------------------------------------
  function toCsv() {
    var rows = [["run", "section", "step", "value", "not_applicable", "version", "updated"]];
    runKeys(Object.keys(state.runs)).forEach(function (key) {
      var r = state.runs[key];
      (data.form || []).forEach(function (f) {
        rows.push([key, "", f.label, r.fields[f.id] || "", "", r.version || "", r.updated || ""]);
      });
      data.steps.forEach(function (s) {
        var v = r.values[s.id];
        var text = v === true ? "✓" : v === "yes" ? t.yes : v === "no" ? t.no : v == null ? "" : String(v);
        rows.push([key, s.section, s.text, text, r.na[s.id] ? t.na : "", r.version || "", r.updated || ""]);
      });
    });
    return window.lectern.csv.text(rows); // csv.js: the formula guard and the BOM
  }

  function toJson() {
    return JSON.stringify({ format: "lectern-sop-runs", sop: data.id, version: data.version || null, runs: state.runs }, null, 2);
  }

  function importJson(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    if (!parsed || parsed.format !== "lectern-sop-runs" || parsed.sop !== data.id || typeof parsed.runs !== "object") {
      say(t.importFailed);
      return 0;
    }
    var n = 0;
    Object.keys(parsed.runs).forEach(function (key) {
      var r = parsed.runs[key];
      if (!r || typeof r.values !== "object") return;
      state.runs[key] = { values: r.values, na: r.na || {}, fields: r.fields || {}, version: r.version || null, started: r.started || null, updated: r.updated || null };
      n++;
    });
    saveState();
    run = state.runs[current] || emptyRun();
    showRun();
    say(t.imported.replace("{n}", n) + (notice.textContent ? " " + notice.textContent : ""));
    return n;
  }

  var download = window.lectern.download; // csv.js

  // ---- actions -------------------------------------------------------------------
  var actions = {
    "new-run": function () {
      current = newClipKey();
      state.current = current;
      run = emptyRun();
      state.runs[current] = run;
      saveState();
      showRun();
    },
    print: function () { window.print(); },
    "print-blank": function () {
      document.body.classList.add("print-blank");
      window.addEventListener("afterprint", function done() {
        document.body.classList.remove("print-blank");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    },
    "export-csv": function () { download(data.id + ".csv", "text/csv;charset=utf-8", toCsv()); },
    "export-json": function () { download(data.id + ".json", "application/json", toJson()); },
    clear: function () {
      if (!window.confirm(t.confirmClear)) return;
      delete state.runs[current];
      run = emptyRun();
      saveState();
      showRun();
    }
  };

  root.querySelector(".sop-toolbar").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button && actions[button.getAttribute("data-action")]) actions[button.getAttribute("data-action")]();
  });
  root.querySelector('input[data-action="import-json"]').addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { importJson(String(reader.result)); };
    reader.readAsText(file);
    event.target.value = "";
  });

  root.querySelector(".sop-toolbar").hidden = false;
  showRun();

  // For scripts and tests: the same exports the buttons download.
  window.lecternSop = {
    csv: toCsv,
    json: toJson,
    importJson: importJson,
    period: function () { return current; },
    progress: function () { return progress(run); },
    persistent: store.persistent
  };
})();
