// Lectern page storage, for every page script that keeps something in this browser
// (sop.js, progress.js): localStorage, which works over file:// too. The key prefix and
// what happens when storage is refused live here and nowhere else. Load it before them.
(function (global) {
  "use strict";

  // Keys are `lectern:<site title>:<name>`: programmes opened from one USB stick share the
  // file:// origin, and the title keeps them apart. Never change a key: learners' saved
  // ticks and runs would be lost with the update.
  var prefix = "lectern:" + ((document.body && document.body.getAttribute("data-site")) || "") + ":";
  var memory = {};

  // Refused (privacy settings, blocked site data, some file:// setups) or full: the page
  // keeps working from memory until it is closed, and says so.
  var persistent = (function () {
    try {
      global.localStorage.setItem("lectern:probe", "1");
      global.localStorage.removeItem("lectern:probe");
      return true;
    } catch (e) {
      return false;
    }
  })();

  // The notice is in the page (templates/_storage_notice.html), in the page's language.
  function showNotice() {
    Array.prototype.forEach.call(document.querySelectorAll(".storage-notice"), function (p) { p.hidden = false; });
  }

  // The store `name` of this site (`sop:<id>`, `lessons-done`): one JSON value, read and
  // written whole. Opening one where storage is refused shows the notice.
  function store(name) {
    var key = prefix + name;
    if (!persistent) showNotice();
    return {
      // The value last written, or saved by an earlier visit; null if none or damaged.
      read: function () {
        var text = null;
        try { text = key in memory ? memory[key] : global.localStorage.getItem(key); } catch (e) { /* refused */ }
        try { return text == null ? null : JSON.parse(text); } catch (e) { return null; /* damaged: start afresh */ }
      },
      write: function (value) {
        memory[key] = JSON.stringify(value);
        if (!persistent) return;
        try {
          global.localStorage.setItem(key, memory[key]);
        } catch (e) {
          persistent = false; // full: the memory copy remains
          showNotice();
        }
      },
      persistent: function () { return persistent; }
    };
  }

  global.lectern = global.lectern || {};
  global.lectern.store = store;
})(window);
