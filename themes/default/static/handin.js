// Hand-in: a learner gives a finished SOP run or a quiz result to the team leader, with no
// server. The record (record.js) is shown as QR codes (qr.js) — a link to the leader's
// collect.html when lectern.yaml sets `base_url`, else the bare record — and offered as a
// file and as text to paste into a chat. Name and team are asked once and kept in the
// store `learner`. Everything the learner typed is put on the page as text, never markup.
(function () {
  "use strict";

  var template = document.getElementById("handin-template");
  if (!template) return; // a theme whose base.html leaves the dialog out
  var siteRoot = document.body.getAttribute("data-root") || "";
  var baseUrl = template.getAttribute("data-base-url") || "";
  // Phones scan a QR code reliably up to about this many bytes; a longer record is split.
  var QR_LIMIT = 900;
  // More parts than this is more scanning than anyone will do: offer the file instead.
  var MAX_PARTS = 6;

  // ---- the scripts a hand-in needs, loaded only on pages that hand something in ----
  var ready = null;
  function withScripts(then) {
    if (!ready) {
      var wanted = [["store", "storage.js"], ["period", "period.js"], ["record", "record.js"], ["qr", "qr.js"]];
      ready = new Promise(function (resolve, reject) {
        (function next() {
          var item = wanted.shift();
          if (!item) return resolve();
          if (window.lectern && window.lectern[item[0]]) return next();
          var s = document.createElement("script");
          s.src = siteRoot + "static/" + item[1];
          s.onload = next;
          s.onerror = reject;
          document.body.appendChild(s);
        })();
      });
    }
    ready.then(then);
  }

  // ---- what is handed in -----------------------------------------------------------
  // A quiz result's period is the day it is handed in, as a daily SOP's run is (period.js).
  function today() { return window.lectern.period.key("daily", {}); }

  // The current run of this page's SOP, as sop.js keeps it (store `sop:<id>`).
  function sopSubject() {
    var data = JSON.parse(document.getElementById("sop-data").textContent);
    var period = window.lecternSop.period();
    var saved = window.lectern.store("sop:" + data.id).read();
    var run = (saved && saved.runs && saved.runs[period]) || {};
    var na = run.na || {};
    var p = window.lecternSop.progress();
    return {
      kind: "sop",
      id: data.id,
      version: data.version || "",
      period: period,
      values: { s: run.values || {}, na: Object.keys(na).filter(function (k) { return na[k]; }), f: run.fields || {} },
      title: data.title,
      result: { done: p.done, total: p.total }
    };
  }

  // The last result of a quiz set (store `quiz:<set id>`), if it is for this version.
  function quizSubject(set) {
    var setId = set.getAttribute("data-quiz-set");
    var saved = window.lectern.store("quiz:" + setId).read();
    var version = set.getAttribute("data-version") || "";
    if (!saved || typeof saved.score !== "number" || (version && saved.version !== version)) return null;
    var heading = document.querySelector("h1");
    return {
      kind: "quiz",
      id: setId,
      version: version,
      period: today(),
      values: { score: saved.score, total: saved.total, passed: !!saved.passed },
      title: heading ? heading.textContent.trim() : setId,
      result: { score: saved.score, total: saved.total, passed: !!saved.passed }
    };
  }

  // ---- the dialog --------------------------------------------------------------------
  var dialog = null;
  var current = null; // { subject, record, encoded, text }

  function part(selector) { return dialog.querySelector(selector); }

  function ensureDialog() {
    if (dialog) return;
    dialog = template.content.querySelector("dialog").cloneNode(true);
    document.body.appendChild(dialog);
    part(".handin-who").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      window.lectern.store("learner").write({ name: form.elements.name.value.trim(), team: form.elements.team.value.trim() });
      showRecord();
    });
    dialog.addEventListener("click", function (event) {
      var button = event.target.closest("[data-handin]");
      if (button && actions[button.getAttribute("data-handin")]) actions[button.getAttribute("data-handin")]();
    });
  }

  function learner() {
    var l = window.lectern.store("learner").read();
    return l && typeof l.name === "string" && l.name.trim() ? l : null;
  }

  function open(subject) {
    ensureDialog();
    current = { subject: subject };
    if (!dialog.open) dialog.showModal();
    if (learner()) showRecord(); else askWho();
  }

  function askWho() {
    var form = part(".handin-who"), l = window.lectern.store("learner").read() || {};
    form.elements.name.value = l.name || "";
    form.elements.team.value = l.team || "";
    form.hidden = false;
    part(".handin-result").hidden = true;
    form.elements.name.focus();
  }

  function summaryLine(subject, who) {
    var el = part(".handin-summary"), r = subject.result;
    var result = subject.kind === "sop"
      ? el.getAttribute("data-sop").replace("{done}", r.done).replace("{total}", r.total)
      : el.getAttribute("data-quiz").replace("{score}", r.score).replace("{total}", r.total) + " " +
        el.getAttribute(r.passed ? "data-passed" : "data-failed");
    // One pass, with a function: a `{team}` or `$&` typed in a name stays as typed.
    var person = who.team ? el.getAttribute("data-learner").replace(/\{(name|team)\}/g, function (m, key) { return who[key]; }) : who.name;
    return person + " · " + subject.title + " · " + subject.period + " · " + result;
  }

  function bytes(text) { return new TextEncoder().encode(text).length; }

  // What each QR code holds: the record (or its parts), as a collect.html link when the
  // programme has a base_url. Empty when it would take too many codes.
  function qrTexts(encoded) {
    var wrap = baseUrl ? function (t) { return window.lectern.record.url(baseUrl, t); } : function (t) { return t; };
    if (bytes(wrap(encoded)) <= QR_LIMIT) return [wrap(encoded)];
    var overhead = bytes(wrap("")) + "LRP.64.64.00000000.".length;
    var parts = window.lectern.record.split(encoded, QR_LIMIT - overhead);
    return parts.length > MAX_PARTS ? [] : parts.map(wrap);
  }

  function showRecord() {
    var who = learner(), subject = current.subject, R = window.lectern.record;
    var record = R.make({
      programme: document.body.getAttribute("data-site") || "",
      kind: subject.kind,
      id: subject.id,
      version: subject.version,
      period: subject.period,
      name: who.name,
      team: who.team,
      values: subject.values
    });
    var encoded = R.encode(record), summary = summaryLine(subject, who);
    current.record = record;
    current.encoded = encoded;
    current.text = summary + "\n" + encoded;

    var texts = qrTexts(encoded), codes = part(".handin-codes"), hint = part(".handin-hint");
    codes.textContent = "";
    texts.forEach(function (text, i) {
      var figure = document.createElement("figure");
      var label = texts.length > 1 ? i + 1 + "/" + texts.length : "";
      var svg = window.lectern.qr.svg(text, (part("#handin-title").textContent + " " + label).trim());
      svg.setAttribute("data-text", text);
      figure.appendChild(svg);
      if (label) {
        var caption = document.createElement("figcaption");
        caption.textContent = label;
        figure.appendChild(caption);
      }
      codes.appendChild(figure);
    });
    hint.textContent = !texts.length ? hint.getAttribute("data-too-long")
      : texts.length > 1 ? hint.getAttribute("data-parts").replace("{n}", texts.length)
      : hint.getAttribute("data-scan");
    part(".handin-summary").textContent = summary;
    part(".handin-text").value = current.text;
    part(".handin-status").textContent = "";
    part(".handin-who").hidden = true;
    part(".handin-result").hidden = false;
    // Focus on the first action, but keep the first code in view.
    part('[data-handin="download"]').focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  // A file name from parts the learner typed: no path separators or reserved characters.
  function fileName(parts) {
    return parts.join("-").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_") + ".json";
  }

  var actions = {
    close: function () { dialog.close(); },
    who: askWho,
    download: function () {
      var s = current.subject;
      var url = URL.createObjectURL(new Blob([window.lectern.record.toFile(current.record)], { type: "application/json" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = fileName([s.id, s.period, current.record.name]);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    },
    copy: function () {
      var status = part(".handin-status"), area = part(".handin-text");
      function done() { status.textContent = status.getAttribute("data-copied"); }
      function fallback() {
        area.focus();
        area.select();
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected to copy by hand */ }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(current.text).then(done, fallback);
      else fallback();
    }
  };

  // ---- where hand-ins start ------------------------------------------------------------
  var sop = document.getElementById("sop");
  if (sop && document.getElementById("sop-data")) {
    sop.addEventListener("click", function (event) {
      if (event.target.closest('[data-action="hand-in"]')) withScripts(function () { open(sopSubject()); });
    });
  }

  // A quiz set gets its button once it has a result: at load from the store, or when
  // quiz.js reports a check (the `lectern:quiz` event).
  function offerQuiz(set) {
    if (set.querySelector(".handin-quiz") || !quizSubject(set)) return;
    var p = document.createElement("p");
    p.className = "handin-quiz";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "handin-button";
    button.textContent = template.getAttribute("data-button");
    button.addEventListener("click", function () {
      var subject = quizSubject(set);
      if (subject) open(subject);
    });
    p.appendChild(button);
    set.appendChild(p);
  }

  function quizSets() { return Array.prototype.slice.call(document.querySelectorAll("[data-quiz-set]")); }

  if (quizSets().length) withScripts(function () { quizSets().forEach(offerQuiz); });
  document.addEventListener("lectern:quiz", function (event) {
    var id = event.detail && event.detail.setId;
    withScripts(function () {
      quizSets().forEach(function (set) { if (set.getAttribute("data-quiz-set") === id) offerQuiz(set); });
    });
  });
})();
