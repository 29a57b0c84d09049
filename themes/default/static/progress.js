// The learner's progress, kept in this browser (storage.js) and sent nowhere: the lessons
// read (`lessons-done`), the chosen role (`role`), the last lesson opened (`last-visit`)
// and the quiz results quiz.js keeps (`quiz:<set id>`). `lectern.progress` reads and
// writes them for path.js. On a lesson page this script also marks the lesson read — when
// the learner scrolls to its end, or with the "mark as read" button — and shows the
// re-confirm banner when the lesson changed after it was read.
(function (global) {
  "use strict";
  var store = global.lectern.store;
  var done = store("lessons-done"), role = store("role"), last = store("last-visit");

  function object(value) { return value && typeof value === "object" ? value : null; }
  function doneMap() { return object(done.read()) || {}; }

  // "read", "changed" (an earlier version was read) or "". Lectern before versions saved
  // `true`: read, version unknown, so never "changed".
  function readState(id, version) {
    var v = doneMap()[id];
    if (!v) return "";
    return object(v) && v.version && v.version !== version ? "changed" : "read";
  }

  function setRead(id, version, read) {
    var m = doneMap();
    if (read) m[id] = { version: version, at: new Date().toISOString() };
    else delete m[id];
    done.write(m);
  }

  // "passed", "changed" (an earlier version was passed) or "": quiz.js's record of the set.
  function quizState(setId, version) {
    var q = object(store("quiz:" + setId).read());
    if (!q || q.passed !== true) return "";
    return q.version === version ? "passed" : "changed";
  }

  // A lesson of the path (`{version, quiz}` from the page's data): its read and quiz
  // states, whether either changed since, and whether it counts as finished.
  function lessonState(id, lesson) {
    var read = readState(id, lesson.version), quiz = lesson.quiz ? quizState(id, lesson.version) : "";
    return {
      read: read,
      quiz: quiz,
      changed: read === "changed" || quiz === "changed",
      finished: read === "read" && (!lesson.quiz || quiz === "passed")
    };
  }

  global.lectern.progress = {
    readState: readState,
    setRead: setRead,
    lessonState: lessonState,
    role: function () { var r = role.read(); return typeof r === "string" ? r : ""; },
    chooseRole: function (id) { role.write(id); },
    // `{lesson, path, at}`: the lesson page opened last.
    lastVisit: function () { return object(last.read()); }
  };

  // The lesson page's end marker, right after the lesson, carries its id, version and path.
  var end = document.querySelector(".lesson-end[data-lesson]");
  if (!end) return;
  var id = end.getAttribute("data-lesson"), version = end.getAttribute("data-version");
  var button = end.querySelector(".lesson-mark-read"), banner = document.querySelector(".lesson-reconfirm");
  var label = button.textContent;
  last.write({ lesson: id, path: end.getAttribute("data-path"), at: new Date().toISOString() });

  // Marking is one way (a tick on the role page takes it back): scrolling to the end may
  // mark the lesson just before the learner presses the button.
  function show() {
    var state = readState(id, version);
    banner.hidden = state !== "changed";
    button.hidden = state === "changed"; // the banner's button confirms instead
    button.disabled = state === "read";
    button.textContent = state === "read" ? button.getAttribute("data-done") : label;
  }
  function mark() { setRead(id, version, true); show(); }

  button.addEventListener("click", mark);
  banner.querySelector(".lesson-reviewed").addEventListener("click", mark);

  // Read by scrolling to the end: the end marker is in view and the learner has scrolled,
  // so a lesson is not marked just by being opened. A changed lesson is confirmed only
  // with the banner's button.
  var atEnd = false;
  function markAtEnd() {
    if (atEnd && global.scrollY > 0 && readState(id, version) === "") mark();
  }
  if ("IntersectionObserver" in global) {
    new IntersectionObserver(function (entries) {
      atEnd = entries[entries.length - 1].isIntersecting;
      markAtEnd();
    }).observe(end);
    global.addEventListener("scroll", markAtEnd, { passive: true });
  }
  show();
})(window);
