// Role pages: tick the lessons you have finished; kept in this browser (storage.js), one
// list per site, so a lesson ticked on one role page is ticked on every page listing it.
(function () {
  "use strict";
  var role = document.querySelector("[data-role]");
  var ticks = Array.prototype.slice.call(document.querySelectorAll("[data-lesson-tick]"));
  if (!role || !ticks.length) return;
  var store = window.lectern.store("lessons-done");
  var saved = store.read(), done = saved && typeof saved === "object" ? saved : {};

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
      store.write(done);
      update();
    });
    box.closest("li").classList.toggle("is-done", box.checked);
  });
  document.querySelector(".learn-progress").hidden = false;
  update();
})();
