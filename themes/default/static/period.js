// SOP run periods, for every script that asks "which run is this?": sop.js, which keeps
// the runs, and path.js, which shows on the role path whether today's run has begun.
// A run is kept per day, ISO week or month, per clip (`clip-N`, the current one in
// `state.current`), or once. Load it after storage.js, before them.
(function (global) {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function dateKey(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function isoWeek(d) {
    var x = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    x.setUTCDate(x.getUTCDate() + 4 - (x.getUTCDay() || 7));
    var year = x.getUTCFullYear();
    var week = Math.ceil(((x - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return year + "-W" + pad(week);
  }

  // The first `clip-N` not yet used in `state.runs`.
  function newClip(state) {
    var n = 1;
    while (state.runs["clip-" + n]) n++;
    return "clip-" + n;
  }

  // The run a tick made now belongs to, for an SOP of `frequency` whose saved runs are `state`.
  function key(frequency, state) {
    var now = new Date();
    switch (frequency) {
      case "daily": return dateKey(now);
      case "weekly": return isoWeek(now);
      case "monthly": return now.getFullYear() + "-" + pad(now.getMonth() + 1);
      case "once": return "once";
      default: return state.current || newClip(state);
    }
  }

  // A step counts as done when it has a value or is marked not applicable.
  function stepDone(run, id) {
    var v = run.values[id];
    return !!run.na[id] || (v !== undefined && v !== "" && v !== false);
  }

  // Whether `run` has any step done: the role path's "done today".
  function begun(run) {
    if (!run || typeof run.values !== "object" || typeof run.na !== "object") return false;
    return Object.keys(run.values).concat(Object.keys(run.na)).some(function (id) { return stepDone(run, id); });
  }

  global.lectern = global.lectern || {};
  global.lectern.period = { key: key, newClip: newClip, stepDone: stepDone, begun: begun };
})(window);
