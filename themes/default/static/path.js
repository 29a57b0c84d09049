// The learner's role path (progress.js keeps the state, period.js knows SOP periods):
// "this is my role" buttons on the roles index and role pages; on a role page each lesson's
// and SOP's state, the lesson ticks, a percentage and where to continue; on the home page
// the same for the chosen role, with a chooser. Without this script the role page still
// lists the path and the home page shows nothing of it.
(function () {
  "use strict";
  var lectern = window.lectern, progress = lectern.progress;
  var block = document.getElementById("path-data");
  var data = block ? JSON.parse(block.textContent) : { roles: {}, lessons: {}, sops: {}, strings: {} };
  var t = data.strings, root = document.body.getAttribute("data-root") || "";

  function lessonView(id) {
    var lesson = data.lessons[id], s = progress.lessonState(id, lesson), states = [];
    if (s.read) states.push("read");
    if (s.quiz) states.push("quiz-passed");
    else if (lesson.quiz && s.read) states.push("quiz-to-pass");
    if (s.changed) states.push("changed");
    if (!states.length) states.push("not-started");
    return { states: states, finished: s.finished, changed: s.changed };
  }

  function sopView(id) {
    var sop = data.sops[id], saved = lectern.store("sop:" + id).read();
    var state = saved && saved.runs && typeof saved.runs === "object" ? saved : { runs: {}, current: null };
    var run = lectern.period.begun(state.runs[lectern.period.key(sop.frequency, state)]);
    var daily = sop.frequency === "daily";
    return { states: [run ? "run" : "not-run"], text: run ? (daily ? t.run_today : t.run_this_period) : (daily ? t.not_run_today : t.not_run_this_period) };
  }

  var labels = { read: "read", "quiz-passed": "quiz_passed", "quiz-to-pass": "quiz_to_pass", changed: "changed", "not-started": "not_started" };
  function showState(li, view) {
    var span = li.querySelector(".path-state");
    span.hidden = false;
    span.setAttribute("data-state", view.states.join(" "));
    span.textContent = view.text || view.states.map(function (s) { return t[labels[s]]; }).join(" · ");
    li.classList.toggle("is-done", !!view.finished);
    li.classList.toggle("is-changed", !!view.changed);
  }

  // The percentage of the path's lessons finished, and the lesson to continue with: the one
  // opened last if it is on the path and unfinished, else the first unfinished one.
  function showStatus(box, role) {
    if (!box) return;
    var finished = 0, first = null, last = progress.lastVisit();
    role.lessons.forEach(function (id) {
      if (lessonView(id).finished) finished++;
      else if (!first) first = id;
    });
    var next = last && role.lessons.indexOf(last.lesson) >= 0 && !lessonView(last.lesson).finished ? last.lesson : first;
    var percent = role.lessons.length ? Math.round(100 * finished / role.lessons.length) : 100;
    box.hidden = !role.lessons.length;
    box.querySelector(".path-percent").textContent = percent + "%";
    box.querySelector(".path-bar").value = percent;
    var link = box.querySelector(".path-continue");
    link.parentNode.hidden = !next;
    box.querySelector(".path-all-done").hidden = !!next;
    if (next) {
      link.href = root + data.lessons[next].path;
      link.textContent = data.lessons[next].title;
      link.setAttribute("data-lesson", next);
    }
  }

  function item(href, title, attr, id) {
    var li = document.createElement("li"), a = document.createElement("a"), span = document.createElement("span");
    li.setAttribute(attr, id);
    a.className = "learn-link";
    a.href = root + href;
    a.textContent = title;
    span.className = "path-state";
    li.append(a, " ", span);
    return li;
  }

  function chooseButtons() {
    var chosen = progress.role();
    Array.prototype.forEach.call(document.querySelectorAll("[data-choose-role]"), function (b) {
      if (!b.label) b.label = b.textContent;
      var mine = b.getAttribute("data-choose-role") === chosen;
      b.hidden = false;
      b.setAttribute("aria-pressed", String(mine));
      b.textContent = mine ? b.getAttribute("data-chosen") : b.label;
    });
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-choose-role]");
    if (!b) return;
    progress.chooseRole(b.getAttribute("data-choose-role"));
    render();
  });

  // The role page: the path it lists, with a tick per lesson (read or not, by hand).
  var page = document.querySelector("article.role[data-role]");
  var ticks = Array.prototype.slice.call(document.querySelectorAll("[data-lesson-tick]"));
  ticks.forEach(function (box) {
    var id = box.getAttribute("data-lesson-tick");
    box.closest("label").hidden = false;
    box.addEventListener("change", function () {
      progress.setRead(id, data.lessons[id].version, box.checked);
      render();
    });
  });
  if (ticks.length) document.querySelector(".learn-progress").hidden = false;

  function showRolePage() {
    var role = data.roles[page.getAttribute("data-role")];
    ticks.forEach(function (box) {
      var id = box.getAttribute("data-lesson-tick");
      box.checked = !!progress.readState(id, data.lessons[id].version);
      showState(box.closest("li"), lessonView(id));
    });
    if (ticks.length) document.querySelector(".learn-done").textContent = ticks.filter(function (b) { return b.checked; }).length;
    Array.prototype.forEach.call(page.querySelectorAll("li[data-sop]"), function (li) { showState(li, sopView(li.getAttribute("data-sop"))); });
    showStatus(page.querySelector(".path-status"), role);
  }

  // The home page: the chosen role's path, or the chooser.
  var home = document.querySelector(".my-path");
  var select = home && home.querySelector("#path-role");
  var choosing = false;
  function showHome() {
    var id = progress.role(), role = data.roles[id];
    home.hidden = false;
    home.querySelector(".path-chooser").hidden = !!role && !choosing;
    var view = home.querySelector(".path-view");
    view.hidden = !role || choosing;
    if (!role || choosing) return;
    select.value = id;
    var link = home.querySelector(".path-role");
    link.href = root + role.path;
    link.textContent = role.title;
    var lessons = home.querySelector(".path-lessons"), sops = home.querySelector(".path-sops");
    lessons.textContent = sops.textContent = "";
    role.lessons.forEach(function (l) {
      var li = item(data.lessons[l].path, data.lessons[l].title, "data-lesson", l);
      lessons.appendChild(li);
      showState(li, lessonView(l));
    });
    role.sops.forEach(function (s) {
      var li = item(data.sops[s].path, data.sops[s].title, "data-sop", s);
      sops.appendChild(li);
      showState(li, sopView(s));
    });
    sops.hidden = home.querySelector(".path-sops-heading").hidden = !role.sops.length;
    showStatus(home.querySelector(".path-status"), role);
  }
  if (home) {
    select.addEventListener("change", function () {
      if (!data.roles[select.value]) return;
      choosing = false;
      progress.chooseRole(select.value);
      render();
    });
    home.querySelector(".path-change").addEventListener("click", function () {
      choosing = true;
      select.value = ""; // so that picking the same role again is a change too
      render();
      select.focus();
    });
  }

  function render() {
    chooseButtons();
    if (page) showRolePage();
    if (home) showHome();
  }
  // Back from a lesson, the page may come from the back-forward cache: show what changed.
  window.addEventListener("pageshow", function (e) { if (e.persisted) render(); });
  // Progress made in another tab (a lesson read there) shows here at once.
  window.addEventListener("storage", render);
  render();
})();
