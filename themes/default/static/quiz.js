// Lesson quizzes (`> [!QUIZ]` in Markdown, written by the build as a fieldset): check the
// chosen options, say right or wrong in the quiz's live region, show the explanation, and
// let the learner try again. Without this script the question and options read as a list
// and the actions stay hidden. Nothing is stored or sent.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".quiz"), function (quiz) {
    var inputs = Array.prototype.slice.call(quiz.querySelectorAll(".quiz-options input"));
    var check = quiz.querySelector(".quiz-check");
    var retry = quiz.querySelector(".quiz-retry");
    var result = quiz.querySelector(".quiz-result");
    var explanation = quiz.querySelector(".quiz-explanation");

    function mark(input, state) {
      var item = input.closest("li");
      item.classList.toggle("is-right", state === "right");
      item.classList.toggle("is-wrong", state === "wrong");
    }

    check.addEventListener("click", function () {
      var chosen = inputs.filter(function (i) { return i.checked; });
      if (!chosen.length) {
        result.textContent = quiz.getAttribute("data-choose");
        return;
      }
      // Right when exactly the right options are chosen (one radio, or every right checkbox).
      var right = inputs.every(function (i) { return i.checked === i.hasAttribute("data-correct"); });
      chosen.forEach(function (i) { mark(i, i.hasAttribute("data-correct") ? "right" : "wrong"); });
      inputs.forEach(function (i) { i.disabled = true; });
      quiz.classList.toggle("is-right", right);
      quiz.classList.toggle("is-wrong", !right);
      result.textContent = quiz.getAttribute(right ? "data-right" : "data-wrong");
      if (explanation) explanation.hidden = false;
      check.hidden = true;
      retry.hidden = false;
      retry.focus();
    });

    retry.addEventListener("click", function () {
      inputs.forEach(function (i) { i.checked = false; i.disabled = false; mark(i, null); });
      quiz.classList.remove("is-right", "is-wrong");
      result.textContent = "";
      if (explanation) explanation.hidden = true;
      retry.hidden = true;
      check.hidden = false;
      inputs[0].focus();
    });

    quiz.querySelector(".quiz-actions").hidden = false;
  });
})();
