// The collation page's table (collect.js draws it): where a hand-in record belongs, and
// the rows of one SOP (or the quiz results) and period against the team list, as text for
// the screen and for CSV. Pure: everything comes in as arguments.
(function (global) {
  "use strict";

  // `data`: the SOPs and quiz sets the build embeds; `t`: the page's words; `programme`:
  // this site's title, which a record must carry to be collated.
  function collectTable(data, t, programme) {
    var sops = {};
    data.sops.forEach(function (s) { sops[s.id] = s; });
    var quizzes = {};
    data.quizzes.forEach(function (q) { quizzes[q.id] = q; });

    // "table" (maybe `stale`: an older version named in the SOP's changelog), or apart:
    // "other" (another programme) or "unknown" (no such SOP or quiz, or a version it never had).
    function place(r) {
      if (r.programme !== programme) return { where: "other" };
      if (r.kind === "sop") {
        var sop = sops[r.id];
        if (!sop) return { where: "unknown", why: t.unknown_sop };
        if (r.version === (sop.version || "")) return { where: "table" };
        if (sop.older.indexOf(r.version) >= 0) return { where: "table", stale: true };
        return { where: "unknown", why: t.unknown_version };
      }
      var quiz = quizzes[r.id];
      if (!quiz) return { where: "unknown", why: t.unknown_sop };
      return { where: "table", stale: r.version !== quiz.version };
    }

    function stepText(values, step, withUnit) {
      if (Array.isArray(values.na) && values.na.indexOf(step.id) >= 0) return t.na;
      var v = values.s && typeof values.s === "object" ? values.s[step.id] : undefined;
      if (v === true) return "✓";
      if (v === "yes") return t.yes;
      if (v === "no") return t.no;
      if (v == null || v === "" || v === false) return "";
      if (typeof v === "object") return JSON.stringify(v);
      return String(v) + (withUnit && step.unit ? " " + step.unit : "");
    }
    function fieldText(values, field) {
      var v = values.f && typeof values.f === "object" ? values.f[field.id] : "";
      return v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    }
    // On screen, when it was handed in, in the leader's time zone; the CSV keeps the ISO time.
    function when(iso) {
      var d = new Date(iso);
      if (isNaN(d)) return iso;
      function pad(n) { return (n < 10 ? "0" : "") + n; }
      return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
    }
    function byPeriod(a, b) { return a.localeCompare(b, "en", { numeric: true }); }

    function inView(r, view) {
      var p = place(r);
      if (p.where !== "table") return false;
      return view === "quiz" ? r.kind === "quiz" : r.kind === "sop" && "sop:" + r.id === view;
    }

    // The rows of the chosen SOP (or the quiz results) and period: the team list's order,
    // missing members marked, then names not on the list. `withUnit` for the screen.
    function table(records, team, view, period, withUnit) {
      var sop = view === "quiz" ? null : sops[view.slice(4)];
      var head = [t.name, t.group], wide = {};
      if (sop) {
        sop.form.forEach(function (f) { head.push(f.label); });
        sop.steps.forEach(function (s) {
          if (s.kind === "text") wide[head.length] = true; // free text: give it room on screen
          head.push(s.text + (!withUnit && s.unit ? "（" + s.unit + "）" : ""));
        });
      } else {
        head.push(t.quiz_set, t.score, t.passed);
      }
      head.push(t.version, t.created);
      records = records.filter(function (r) { return inView(r, view) && r.period === period; });
      var named = {};
      records.forEach(function (r) { (named[r.name] = named[r.name] || []).push(r); });
      var rows = [], missing = [];
      function row(r) {
        var cells = [r.name, r.team];
        if (sop) {
          sop.form.forEach(function (f) { cells.push(fieldText(r.values, f)); });
          sop.steps.forEach(function (s) { cells.push(stepText(r.values, s, withUnit)); });
        } else {
          var quiz = quizzes[r.id];
          cells.push(quiz ? quiz.title + " (" + r.id + ")" : r.id, r.values.score + "/" + r.values.total, r.values.passed === true ? t.yes : t.no);
        }
        cells.push(r.version, withUnit ? when(r.created) : r.created);
        rows.push({ cells: cells, stale: place(r).stale, outside: team.length > 0 && team.indexOf(r.name) < 0 });
      }
      team.forEach(function (name) {
        if (named[name]) { named[name].forEach(row); delete named[name]; return; }
        if (!sop) return; // quiz results: nobody is "missing" a quiz of no chosen set
        missing.push(name);
        rows.push({ cells: [name, "", t.missing], missing: true });
      });
      Object.keys(named).forEach(function (name) { named[name].forEach(row); });
      return { head: head, wide: wide, rows: rows, missing: missing, title: sop ? sop.title : t.quiz_results };
    }

    return { place: place, inView: inView, table: table, byPeriod: byPeriod };
  }

  global.lectern = global.lectern || {};
  global.lectern.collectTable = collectTable;
})(window);
