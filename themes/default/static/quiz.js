// Quizzes (`> [!QUIZ]` in Markdown, written by the build as a fieldset; data-kind single,
// multiple, fill or order): check the answer, say right or wrong in the quiz's live
// region, show the explanation, and let the learner try again. Quizzes inside a quiz set
// (`data-quiz-set`, a lesson or a `content/quizzes/` page) keep their results under the
// store `quiz:<set id>` (the shape progress and hand-in read), show the set's score, send
// `lectern:quiz`, and come back checked after a reload of the same version. Without this
// script the question and options read as a list and the actions stay hidden.
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var all = function (root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); };
  // As the build compares accepted answers: ＡＢＣ１２３ = abc123.
  var fold = function (s) { return String(s).normalize("NFKC").toLowerCase().trim(); };

  // One quiz: how to read, judge, show and reset the learner's answer, whatever its kind.
  function setUp(quiz, onChecked) {
    var kind = quiz.getAttribute("data-kind");
    var check = quiz.querySelector(".quiz-check");
    var retry = quiz.querySelector(".quiz-retry");
    var result = quiz.querySelector(".quiz-result");
    var explanation = quiz.querySelector(".quiz-explanation");
    var inputs = all(quiz, ".quiz-options input, .quiz-fill input");
    var order = quiz.querySelector(".quiz-order");

    function mark(item, state) {
      item.classList.toggle("is-right", state === "right");
      item.classList.toggle("is-wrong", state === "wrong");
    }
    function items() { return order ? all(order, "li") : []; }

    // The learner's answer as it is kept: chosen values, the typed text, or the ranks in order.
    function given() {
      if (kind === "fill") return [inputs[0].value];
      if (kind === "order") return items().map(function (li) { return li.getAttribute("data-rank"); });
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    function restore(answer) {
      if (kind === "fill") inputs[0].value = answer[0] || "";
      else if (kind === "order") {
        answer.forEach(function (rank) {
          var li = order.querySelector('li[data-rank="' + rank + '"]');
          if (li) order.appendChild(li);
        });
      } else inputs.forEach(function (i) { i.checked = answer.indexOf(i.value) >= 0; });
    }
    function judge() {
      if (kind === "fill") {
        var typed = fold(inputs[0].value);
        return JSON.parse(inputs[0].getAttribute("data-accept")).some(function (a) { return fold(a) === typed; });
      }
      if (kind === "order") return items().every(function (li, n) { return li.getAttribute("data-rank") === String(n + 1); });
      // Right when exactly the right options are chosen (one radio, or every right checkbox).
      return inputs.every(function (i) { return i.checked === i.hasAttribute("data-correct"); });
    }
    function lock(locked) {
      inputs.forEach(function (i) { i.disabled = locked; });
      each(quiz.querySelectorAll(".quiz-move"), function (m) { m.hidden = locked; });
    }

    // Show an answer as checked: marks, result, explanation, retry.
    function show(right, focus) {
      if (kind === "order") items().forEach(function (li, n) { mark(li, li.getAttribute("data-rank") === String(n + 1) ? "right" : "wrong"); });
      else if (kind === "fill") mark(quiz.querySelector(".quiz-fill"), right ? "right" : "wrong");
      else inputs.filter(function (i) { return i.checked; }).forEach(function (i) { mark(i.closest("li"), i.hasAttribute("data-correct") ? "right" : "wrong"); });
      lock(true);
      quiz.classList.toggle("is-right", right);
      quiz.classList.toggle("is-wrong", !right);
      result.textContent = quiz.getAttribute(right ? "data-right" : "data-wrong");
      if (explanation) explanation.hidden = false;
      check.hidden = true;
      retry.hidden = false;
      if (focus) retry.focus();
    }

    check.addEventListener("click", function () {
      var empty = kind === "fill" ? !fold(inputs[0].value) : kind !== "order" && !inputs.some(function (i) { return i.checked; });
      if (empty) {
        result.textContent = quiz.getAttribute("data-choose");
        return;
      }
      var right = judge();
      show(right, true);
      onChecked(quiz.id, right, given());
    });

    retry.addEventListener("click", function () {
      inputs.forEach(function (i) { i.checked = false; if (kind === "fill") i.value = ""; });
      each(quiz.querySelectorAll(".is-right, .is-wrong"), function (el) { mark(el, null); });
      lock(false);
      quiz.classList.remove("is-right", "is-wrong");
      result.textContent = "";
      if (explanation) explanation.hidden = true;
      retry.hidden = true;
      check.hidden = false;
      var first = quiz.querySelector(".quiz-options input, .quiz-fill input, .quiz-order button");
      if (first) first.focus();
    });

    // Ordering: up and down buttons move an item (keyboard and touch alike), focus follows.
    if (order) {
      order.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) return;
        var li = button.closest("li");
        var up = button.classList.contains("quiz-up");
        var other = up ? li.previousElementSibling : li.nextElementSibling;
        if (!other) return;
        order.insertBefore(up ? li : other, up ? other : li);
        button.focus();
      });
    }
    lock(false);
    quiz.querySelector(".quiz-actions").hidden = false;
    return { restore: function (saved) { restore(saved.given || []); show(saved.correct, false); } };
  }

  // A quiz set: the quizzes under `data-quiz-set`, stored and scored together.
  function setUpSet(set) {
    var setId = set.getAttribute("data-quiz-set");
    var version = set.getAttribute("data-version");
    var pass = parseFloat(set.getAttribute("data-pass"));
    var quizzes = all(set, ".quiz");
    var store = window.lectern && window.lectern.store ? window.lectern.store("quiz:" + setId) : null;
    var saved = store && store.read();
    // Another version's answers are not this version's: start afresh (progress says "changed").
    var state = saved && saved.version === version && saved.answers ? saved : { version: version, answers: {} };
    var score = set.querySelector(".quiz-score");

    function showScore() {
      var ids = quizzes.map(function (q) { return q.id; });
      var answered = ids.filter(function (id) { return state.answers[id]; });
      if (!score || !answered.length) return;
      var right = ids.filter(function (id) { return state.answers[id] && state.answers[id].correct; }).length;
      score.textContent = set.getAttribute("data-score").replace("{score}", right).replace("{total}", ids.length) +
        " · " + set.getAttribute(right / ids.length >= pass ? "data-passed" : "data-not-passed");
      score.hidden = false;
    }

    function checked(id, correct, given) {
      var now = new Date().toISOString();
      state.answers[id] = { correct: correct, at: now, given: given };
      var total = quizzes.length;
      var right = quizzes.filter(function (q) { return state.answers[q.id] && state.answers[q.id].correct; }).length;
      state.score = right;
      state.total = total;
      state.passed = right / total >= pass;
      state.at = now;
      if (store) store.write(state);
      showScore();
      var detail = JSON.parse(JSON.stringify(state));
      detail.setId = setId;
      document.dispatchEvent(new CustomEvent("lectern:quiz", { detail: detail }));
    }

    quizzes.forEach(function (quiz) {
      var q = setUp(quiz, checked);
      var answer = state.answers[quiz.id];
      if (answer) q.restore(answer);
    });
    showScore();
  }

  each(document.querySelectorAll("[data-quiz-set]"), setUpSet);
  each(document.querySelectorAll(".quiz"), function (quiz) {
    if (!quiz.closest("[data-quiz-set]")) setUp(quiz, function () {});
  });
})();
