// Lectern slide deck: keyboard, clicker and touch navigation, fragments, overview, black
// screen, presenter view (a second window of this same file, kept in sync with
// postMessage, so it works from file:// with no server), overflow shrinking and handouts.
(function () {
  "use strict";

  var body = document.body;
  var stage = document.querySelector(".deck-stage");
  var slides = Array.prototype.slice.call(stage.querySelectorAll(":scope > .slide"));
  var deckId = body.getAttribute("data-deck") || "";
  var W = stage.offsetWidth, H = stage.offsetHeight;
  var params = new URLSearchParams(location.search);
  var isPresenter = params.has("presenter");
  var index = 0, step = 0, typed = "";
  var peer = isPresenter ? window.opener : null;
  var bar = document.querySelector(".deck-progress");
  var black = document.querySelector(".deck-black");
  var help = document.querySelector(".deck-help");
  var jump = document.querySelector(".deck-jump");
  // A deck published without speaker notes says so in the presenter view instead.
  var notesLeftOut = !!document.querySelector(".pv-no-notes");

  // Steps: the items of a `*` list, and elements given reveal.js's `class="fragment"`.
  var STEPS = ".fragments > li, .fragment";
  function fragments(i) { return slides[i].querySelectorAll(STEPS); }
  function clamp(n, lo, hi) { return Math.max(lo, Math.min(hi, n)); }

  // ---- layout --------------------------------------------------------------------
  function fitStage() {
    if (isPresenter || body.classList.contains("overview") || body.classList.contains("handout")) return;
    var scale = Math.min(window.innerWidth / W, window.innerHeight / H);
    stage.style.transform = "scale(" + scale + ")";
  }

  // A slide whose content is taller than the canvas is shrunk to fit, on screen and in
  // print, but never below --deck-min-scale (60 %): what is still too tall is cut off.
  // The build continues long Lectern slides on the next slide and warns about the rest.
  function fitContent(slide) {
    var content = slide.querySelector(".slide-content");
    if (!content) return;
    // `zoom` rather than a transform: it changes layout, so the shrunk content prints
    // (images included) exactly as it shows.
    content.style.zoom = "";
    var centred = getComputedStyle(content).transform !== "none" || slide.matches(".lead, .center, .title-slide");
    // Footnotes take the bottom of the slide; centred content keeps clear of them both ways.
    var foot = slide.querySelector(".deck-footnotes");
    var footH = foot ? foot.offsetHeight + 8 : 0;
    // The margins are the build's (custom properties set by the deck), so the room here is
    // the room its overflow estimate assumes.
    var css = getComputedStyle(document.documentElement);
    var padX = px(css, "--deck-pad-x"), padTop = px(css, "--deck-pad-top"), padBottom = px(css, "--deck-pad-bottom");
    var availableH = H - (centred ? 2 * padBottom + 2 * footH : padTop + padBottom + footH), availableW = W - 2 * padX;
    var floor = px(css, "--deck-min-scale");
    var scale = Math.max(floor, Math.min(1, availableH / content.scrollHeight, availableW / content.scrollWidth));
    if (scale < 1) content.style.zoom = scale.toFixed(3);
    slide.setAttribute("data-scale", scale.toFixed(2));
  }

  function px(css, name) { return parseFloat(css.getPropertyValue(name)) || 0; }

  function fitAll() { slides.forEach(fitContent); }

  // ---- navigation ----------------------------------------------------------------
  function show(i, s, fromPeer) {
    i = clamp(i, 0, slides.length - 1);
    var frs = fragments(i);
    s = clamp(s, 0, frs.length);
    slides.forEach(function (slide, k) { slide.classList.toggle("current", k === i); });
    Array.prototype.forEach.call(frs, function (li, k) { li.classList.toggle("shown", k < s); });
    index = i;
    step = s;
    if (bar) bar.style.width = (slides.length > 1 ? (100 * i) / (slides.length - 1) : 100) + "%";
    if (location.hash !== "#" + (i + 1)) location.replace("#" + (i + 1));
    if (isPresenter) renderPresenter();
    if (!fromPeer) tellPeer();
  }

  function next() {
    if (step < fragments(index).length) show(index, step + 1);
    else if (index < slides.length - 1) show(index + 1, 0);
  }

  function prev() {
    if (step > 0) show(index, step - 1);
    else if (index > 0) show(index - 1, fragments(index - 1).length);
  }

  // `#5` is slide 5; `#heading-id` is the slide holding that heading.
  function hashSlide() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (/^\d+$/.test(hash)) return parseInt(hash, 10) - 1;
    var target = hash && document.getElementById(hash);
    var slide = target && target.closest(".slide");
    return slide ? Math.max(0, slides.indexOf(slide)) : 0;
  }

  // A link to something on the current slide (a footnote) keeps the slide as it is shown,
  // step included; the address goes back to the slide number.
  window.addEventListener("hashchange", function () {
    var i = hashSlide();
    if (i !== index) show(i, 0);
    else if (!/^#\d+$/.test(location.hash)) show(index, step);
  });

  // ---- the other window (audience ⇄ presenter) -------------------------------------
  function tellPeer() {
    if (peer && !peer.closed) {
      var answers = slides[index].classList.contains("answers-shown");
      try { peer.postMessage({ lectern: "deck", deck: deckId, slide: index, step: step, answers: answers }, "*"); } catch (e) { /* closed */ }
    }
  }

  window.addEventListener("message", function (event) {
    var m = event.data;
    if (!m || m.lectern !== "deck" || m.deck !== deckId) return;
    if (m.hello && !isPresenter) { peer = event.source; tellPeer(); return; }
    setAnswers(clamp(m.slide, 0, slides.length - 1), !!m.answers);
    show(m.slide, m.step, true);
  });

  function openPresenter() {
    if (isPresenter) return;
    var url = location.href.split("#")[0].split("?")[0] + "?presenter#" + (index + 1);
    var w = window.open(url, "lectern-presenter-" + deckId, "width=1280,height=800");
    if (w) peer = w;
  }

  // ---- quizzes: A shows the current slide's answers and explanations, for class use --
  // Fill-in answers are written out once (hidden until shown); ordering items are put in
  // their right order while shown and back in the page's order after.
  Array.prototype.forEach.call(stage.querySelectorAll(".quiz-fill input[data-accept]"), function (input) {
    var key = document.createElement("span");
    key.className = "quiz-accepted";
    key.textContent = " ✓ " + JSON.parse(input.getAttribute("data-accept")).join(" / ");
    input.closest(".quiz-fill").appendChild(key);
  });
  function setAnswers(i, on) {
    slides[i].classList.toggle("answers-shown", on);
    Array.prototype.forEach.call(slides[i].querySelectorAll(".quiz-order"), function (ol) {
      var items = Array.prototype.slice.call(ol.children);
      if (!ol.shuffled) ol.shuffled = items.slice();
      var rank = function (li) { return parseInt(li.getAttribute("data-rank"), 10); };
      (on ? items.sort(function (a, b) { return rank(a) - rank(b); }) : ol.shuffled).forEach(function (li) { ol.appendChild(li); });
    });
  }
  function toggleAnswers() {
    if (!slides[index].querySelector(".quiz")) return;
    setAnswers(index, !slides[index].classList.contains("answers-shown"));
    if (isPresenter) renderPresenter();
    tellPeer();
  }

  // ---- overlays --------------------------------------------------------------------
  function toggle(el, on) { if (el) el.hidden = on === undefined ? !el.hidden : !on; }

  function setOverview(on) {
    body.classList.toggle("overview", on);
    if (on) {
      stage.style.transform = "";
      slides[index].scrollIntoView({ block: "center" });
    } else {
      fitStage();
    }
  }

  stage.addEventListener("click", function (event) {
    if (!body.classList.contains("overview")) return;
    var slide = event.target.closest(".slide");
    if (!slide) return;
    setOverview(false);
    show(slides.indexOf(slide), 0);
  });

  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
  }

  // ---- keys: laptops and presentation clickers --------------------------------------
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key;
    if (/^[0-9]$/.test(k)) {
      typed += k;
      if (jump) { jump.textContent = typed; jump.hidden = false; }
      return;
    }
    if (k === "Enter" && typed) {
      show(parseInt(typed, 10) - 1, 0);
      typed = "";
      toggle(jump, false);
      e.preventDefault();
      return;
    }
    typed = "";
    toggle(jump, false);
    var handled = true;
    switch (k) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case "n": case "N":
        next(); break;
      case " ": case "Spacebar":
        if (e.shiftKey) prev(); else next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
        prev(); break;
      case "Home": show(0, 0); break;
      case "End": show(slides.length - 1, fragments(slides.length - 1).length); break;
      case "b": case "B": case ".": toggle(black); break;
      case "f": case "F": fullscreen(); break;
      case "o": case "O": setOverview(!body.classList.contains("overview")); break;
      case "Escape":
        if (body.classList.contains("overview")) setOverview(false);
        toggle(help, false);
        toggle(black, false);
        break;
      case "p": case "P": openPresenter(); break;
      case "h": case "H": setHandout(!body.classList.contains("handout")); break;
      case "?": toggle(help); break;
      case "a": case "A": toggleAnswers(); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  // Touch: swipe left or right.
  var touchX = null;
  document.addEventListener("touchstart", function (e) { touchX = e.touches[0].clientX; }, { passive: true });
  document.addEventListener("touchend", function (e) {
    if (touchX === null) return;
    var dx = e.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 50) { if (dx < 0) next(); else prev(); }
  });

  // ---- handout: A4 portrait, each slide above its notes ---------------------------
  var handout = null;
  function setHandout(on) {
    body.classList.toggle("handout", on);
    if (on && !handout) {
      handout = document.createElement("div");
      handout.className = "handout";
      var scale = (180 / 25.4 * 96) / W;
      slides.forEach(function (slide) {
        var page = document.createElement("section");
        page.className = "handout-page";
        var frame = document.createElement("div");
        frame.className = "handout-frame";
        var copy = slide.cloneNode(true);
        copy.classList.add("current");
        copy.style.transform = "scale(" + scale + ")";
        frame.appendChild(copy);
        page.appendChild(frame);
        var source = slide.querySelector(".notes");
        if (source) {
          var notes = document.createElement("div");
          notes.className = "handout-notes";
          notes.innerHTML = source.innerHTML;
          page.appendChild(notes);
        }
        handout.appendChild(page);
      });
      stage.parentNode.insertBefore(handout, stage);
    }
    stage.hidden = on;
    if (handout) handout.hidden = !on;
    document.documentElement.style.setProperty("--deck-ratio", H / W);
    if (!on) fitStage();
  }

  // ---- presenter view ------------------------------------------------------------
  var started = null, elapsedBefore = 0;
  function renderPresenter() {
    var current = document.querySelector(".pv-current"), following = document.querySelector(".pv-next");
    if (!current) return;
    function frame(box, i, s) {
      box.textContent = "";
      if (i >= slides.length) return;
      var copy = slides[i].cloneNode(true);
      copy.classList.add("current");
      Array.prototype.forEach.call(copy.querySelectorAll(STEPS), function (li, k) { li.classList.toggle("shown", k < s); });
      copy.style.transform = "scale(" + box.clientWidth / W + ")";
      box.appendChild(copy);
    }
    frame(current, index, step);
    if (step < fragments(index).length) frame(following, index, step + 1);
    else frame(following, index + 1, 0);
    if (!notesLeftOut) {
      var notes = slides[index].querySelector(".notes");
      document.querySelector(".pv-notes").innerHTML = notes ? notes.innerHTML : "";
    }
    document.querySelector(".pv-count").textContent = (index + 1) + " / " + slides.length;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var ms = elapsedBefore + (started ? Date.now() - started : 0), sec = Math.floor(ms / 1000);
    document.querySelector(".pv-elapsed").textContent = two(Math.floor(sec / 60)) + ":" + two(sec % 60);
    var now = new Date();
    document.querySelector(".pv-clock").textContent = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
  }

  function startPresenter() {
    body.classList.add("presenter");
    var view = document.querySelector(".presenter-view");
    view.hidden = false;
    view.addEventListener("click", function (e) {
      var action = e.target.getAttribute("data-timer");
      if (action === "start") { if (!started) started = Date.now(); }
      else if (action === "pause") { if (started) { elapsedBefore += Date.now() - started; started = null; } }
      else if (action === "reset") { elapsedBefore = 0; started = started ? Date.now() : null; }
      tick();
    });
    started = Date.now();
    setInterval(tick, 500);
    tick();
    if (peer) peer.postMessage({ lectern: "deck", deck: deckId, hello: true }, "*");
    window.addEventListener("resize", renderPresenter);
  }

  // ---- start ---------------------------------------------------------------------
  window.addEventListener("resize", fitStage);
  window.addEventListener("beforeprint", fitAll);
  fitStage();
  fitAll();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitAll);
  if (isPresenter) startPresenter();
  if (params.has("handout")) setHandout(true);
  show(hashSlide(), 0, isPresenter);

  // For scripts and tests.
  window.lecternDeck = {
    go: function (i, s) { show(i, s || 0); },
    next: next,
    prev: prev,
    current: function () { return { slide: index + 1, step: step, slides: slides.length }; },
    presenter: openPresenter,
    handout: setHandout
  };
})();
