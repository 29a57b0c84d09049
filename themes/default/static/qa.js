// Q&A information center: filter the questions by tag and role, without a server.
(function () {
  "use strict";
  var bar = document.querySelector(".qa-filters");
  if (!bar) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".qa-item"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".qa-group"));
  var roleSelect = bar.querySelector("[data-role-filter]");
  var tag = "";

  function has(list, value) {
    return !value || (list ? list.split("|") : []).indexOf(value) >= 0;
  }

  function apply() {
    var role = roleSelect ? roleSelect.value : "";
    var shown = 0;
    items.forEach(function (item) {
      var visible = has(item.getAttribute("data-tags"), tag) && has(item.getAttribute("data-roles"), role);
      item.hidden = !visible;
      if (visible) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector(".qa-item:not([hidden])"); });
    bar.querySelector(".qa-shown").textContent = shown;
  }

  bar.addEventListener("click", function (event) {
    var button = event.target.closest(".tag-filter");
    if (!button) return;
    tag = button.getAttribute("data-tag");
    Array.prototype.forEach.call(bar.querySelectorAll(".tag-filter"), function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    apply();
  });
  if (roleSelect) roleSelect.addEventListener("change", apply);
  bar.hidden = false;
})();
