// Lectern site script: small, dependency-free, and safe to fail (pages work without it).
(function () {
  "use strict";

  function typingInField(event) {
    var t = event.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  // ← and → move between lessons, like turning pages.
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInField(event)) return;
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('.pager a[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
  });
})();
