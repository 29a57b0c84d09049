// Injected by `lectern serve` only (never into `lectern build` output): reloads the page
// after a rebuild, swaps stylesheets in place when only CSS changed, and shows build
// errors over the page until they are fixed.
(function () {
  "use strict";
  var overlay = null, retry = 500;

  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "lectern-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);color:#fff;" +
        "overflow:auto;padding:24px;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("strong");
    title.style.cssText = "display:block;color:#ff8080;font-size:16px;margin-bottom:12px";
    title.textContent = "lectern: the last edit does not build — still showing the last good version";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    overlay.appendChild(title);
    overlay.appendChild(pre);
  }

  function clearErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function reloadCss() {
    Array.prototype.forEach.call(document.querySelectorAll('link[rel="stylesheet"]'), function (link) {
      var url = link.href.replace(/[?&]lectern-reload=\d+/, "");
      link.href = url + (url.indexOf("?") < 0 ? "?" : "&") + "lectern-reload=" + Date.now();
    });
  }

  // This page, as the server names pages ("lessons/m/l.html").
  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    return p === "" || /\/$/.test(p) ? p + "index.html" : p;
  }

  // After an edit to one lesson, only its page and deck changed. A lesson page swaps in
  // its new <main> (quicker than a reload, and the scroll position stays); anything else
  // that changed reloads; pages that did not change stay as they are.
  function update(pages) {
    if (pages && pages.indexOf(here()) < 0) { clearErrors(); return; }
    var main = document.querySelector("main");
    if (!pages || !main || !document.body.classList.contains("page-lesson")) { location.reload(); return; }
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      var next = new DOMParser().parseFromString(html, "text/html");
      var fresh = next.querySelector("main");
      if (!fresh) { location.reload(); return; }
      main.innerHTML = fresh.innerHTML;
      document.title = next.title;
      clearErrors();
      window.lecternUpdated = (window.lecternUpdated || 0) + 1;
    }).catch(function () { location.reload(); });
  }

  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__lectern/ws");
    var first = true;
    ws.onmessage = function (event) {
      var m = JSON.parse(event.data);
      if (m.type === "error") { showErrors(m.text); }
      else if (m.type === "ok" && first) { clearErrors(); if (document.title === "lectern") location.reload(); }
      else if (m.type === "reload") { update(m.pages); }
      else if (m.type === "css") { clearErrors(); reloadCss(); }
      first = false;
      window.lecternLastMessage = m;
    };
    ws.onopen = function () { retry = 500; };
    ws.onclose = function () { setTimeout(connect, retry); retry = Math.min(retry * 2, 5000); };
  }
  connect();
})();
