// Role pages: tick the lessons you have finished; kept in this browser (localStorage).
(function () {
  "use strict";
  var role = document.querySelector("[data-role]");
  var ticks = Array.prototype.slice.call(document.querySelectorAll("[data-lesson-tick]"));
  if (!role || !ticks.length) return;
  var site = document.body.getAttribute("data-site") || "";
  var KEY = "lectern:" + site + ":lessons-done";
  var done = {};
  var storage = null;
  try {
    storage = window.localStorage;
    done = JSON.parse(storage.getItem(KEY) || "{}") || {};
  } catch (e) {
    storage = null; // blocked: ticks last until the page is closed
  }

  function update() {
    var n = ticks.filter(function (box) { return box.checked; }).length;
    document.querySelector(".learn-done").textContent = n;
  }

  ticks.forEach(function (box) {
    var id = box.getAttribute("data-lesson-tick");
    box.checked = !!done[id];
    box.closest("label").hidden = false;
    box.addEventListener("change", function () {
      if (box.checked) done[id] = true; else delete done[id];
      box.closest("li").classList.toggle("is-done", box.checked);
      if (storage) {
        try { storage.setItem(KEY, JSON.stringify(done)); } catch (e) { /* full: keep going */ }
      }
      update();
    });
    box.closest("li").classList.toggle("is-done", box.checked);
  });
  document.querySelector(".learn-progress").hidden = false;
  update();
})();
