// Lectern site script: small, dependency-free, and safe to fail (pages work without it).
// Page turning with the arrow keys, the search box on every page, the search page, and
// highlighting the searched words on the page a result leads to.
(function () {
  "use strict";

  function typingInField(event) {
    var t = event.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  var strings = {};
  try { strings = JSON.parse(document.getElementById("search-strings").textContent); } catch (e) { /* older theme */ }

  // ---- keys: ← → turn lessons; / and Ctrl-K search --------------------------------
  var input = document.getElementById("site-search-input");
  document.addEventListener("keydown", function (event) {
    if (input && ((event.key === "/" && !typingInField(event)) || (event.key === "k" && (event.ctrlKey || event.metaKey)))) {
      event.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInField(event)) return;
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('.pager a[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
  });

  // ---- results -------------------------------------------------------------------
  function withHighlight(url, query) {
    var hash = url.indexOf("#"), path = hash < 0 ? url : url.slice(0, hash), frag = hash < 0 ? "" : url.slice(hash);
    return path + (path.indexOf("?") < 0 ? "?" : "&") + "h=" + encodeURIComponent(query) + frag;
  }

  // A link for a result or one of its sections: a title, maybe a type label and where it
  // sits, and the excerpt. `optionId`: the link is an option of the header box's listbox,
  // with this id; on the search page results are plain links.
  function resultLink(r, query, optionId, label) {
    var a = document.createElement("a");
    a.href = withHighlight(r.url, query);
    if (optionId) {
      a.id = optionId;
      a.setAttribute("role", "option");
    }
    function add(className, text) {
      var span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      a.appendChild(span);
      return span;
    }
    if (label) add("result-type result-" + r.type, strings[r.type] || r.type);
    add("result-title", r.title);
    if (r.crumb) add("result-crumb", r.crumb);
    if (r.excerpt) add("result-excerpt", "").innerHTML = r.excerpt; // escaped text with <mark> added by search.js
    return a;
  }

  // One result per page; a lesson's best sections are links of their own beneath it.
  // `nextId`: gives each link its option id in the popup; null on the search page.
  function resultItem(r, query, nextId) {
    var popup = !!nextId, item = document.createElement(popup ? "div" : "li");
    item.className = "search-result";
    item.appendChild(resultLink(r, query, popup && nextId(), true));
    if (r.sections.length) {
      var list = document.createElement(popup ? "div" : "ul");
      list.className = "search-sections";
      r.sections.forEach(function (section) {
        var a = resultLink(section, query, popup && nextId(), false);
        a.className = "search-section";
        if (popup) { list.appendChild(a); return; }
        var li = document.createElement("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  function noResults(container, tag) {
    var p = document.createElement(tag);
    p.className = "search-none";
    p.textContent = strings.none || "";
    container.appendChild(p);
  }

  // ---- the box on every page -----------------------------------------------------
  if (input && window.lectern && window.lectern.search) {
    var popup = document.getElementById("site-search-results");
    var timer = null, active = -1, latest = 0;

    function options() { return Array.prototype.slice.call(popup.querySelectorAll("a[role=option]")); }
    function setActive(i) {
      var all = options();
      if (!all.length) return;
      active = (i + all.length) % all.length;
      all.forEach(function (a, k) { a.setAttribute("aria-selected", k === active ? "true" : "false"); });
      all[active].scrollIntoView({ block: "nearest" });
      // Focus stays in the box; this tells screen readers which option ↑/↓ chose.
      input.setAttribute("aria-activedescendant", all[active].id);
    }
    function close() {
      popup.hidden = true;
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function run() {
      var q = input.value, ticket = ++latest;
      if (!q.trim()) { close(); return; }
      window.lectern.search(q, { limit: 8 }).then(function (results) {
        if (ticket !== latest) return; // a newer query is under way
        popup.textContent = "";
        input.removeAttribute("aria-activedescendant");
        // A listbox must hold options; "nothing found" is a message to announce instead.
        popup.setAttribute("role", results.length ? "listbox" : "status");
        if (!results.length) noResults(popup, "p");
        var k = 0;
        function nextId() { return "site-search-option-" + k++; }
        results.forEach(function (r) { popup.appendChild(resultItem(r, q, nextId)); });
        popup.hidden = false;
        active = -1;
      }).catch(function () { close(); });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter") {
        var all = options();
        if (all.length) { e.preventDefault(); window.location.href = all[Math.max(active, 0)].href; }
      }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest(".site-search")) close(); });
  }

  // ---- the search page -------------------------------------------------------------
  var pageInput = document.getElementById("search-page-input");
  if (pageInput && window.lectern && window.lectern.search) {
    var list = document.querySelector(".search-page-results");
    var status = document.querySelector(".search-status");
    var roleSelect = document.querySelector(".role-filter");
    var type = "", pageTimer = null, pageTicket = 0;

    function render() {
      var q = pageInput.value, ticket = ++pageTicket;
      list.textContent = "";
      if (!q.trim()) { status.textContent = ""; return; }
      status.textContent = strings.loading || "";
      // The filters go to the search itself, so they apply before the results are cut to 50.
      var role = roleSelect ? roleSelect.value : "";
      window.lectern.search(q, { limit: 50, type: type, role: role }).then(function (results) {
        if (ticket !== pageTicket) return;
        status.textContent = results.length ? results.length + " " + (strings.count || "") : "";
        if (!results.length) noResults(list, "li");
        results.forEach(function (r) { list.appendChild(resultItem(r, q, null)); });
      });
    }

    var params = new URLSearchParams(location.search);
    pageInput.value = params.get("q") || "";
    pageInput.addEventListener("input", function () {
      clearTimeout(pageTimer);
      pageTimer = setTimeout(function () {
        history.replaceState && location.protocol !== "file:" && history.replaceState(null, "", "?q=" + encodeURIComponent(pageInput.value));
        render();
      }, 80);
    });
    document.querySelector(".search-filters").addEventListener("click", function (e) {
      var b = e.target.closest(".type-filter");
      if (!b) return;
      type = b.getAttribute("data-type");
      Array.prototype.forEach.call(document.querySelectorAll(".type-filter"), function (x) {
        x.setAttribute("aria-pressed", x === b ? "true" : "false");
      });
      render();
    });
    if (roleSelect) roleSelect.addEventListener("change", render);
    render();
  }

  // ---- landing on a result: mark the searched words ---------------------------------
  var h = new URLSearchParams(location.search).get("h");
  if (h && window.lecternSearchEngine) {
    var engine = window.lecternSearchEngine;
    var needles = [];
    h.split(/\s+/).filter(Boolean).forEach(function (part) {
      needles.push(engine.normalize(part));
      engine.queryTerms(part).forEach(function (t) { if (t.length > 1 || /[^\x00-\x7f]/.test(t)) needles.push(t); });
    });
    needles.sort(function (a, b) { return b.length - a.length; });
    var scope = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))));
    scope = (scope && (scope.closest("section") || scope.parentNode)) || document.querySelector("main");
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (node.parentNode.closest("script, style, mark, .site-search")) return;
      var text = node.nodeValue, lower = engine.normalize(text);
      if (lower.length !== text.length) return; // normalization changed lengths: skip, do no harm
      var at = -1, len = 0;
      needles.some(function (n) { var i = lower.indexOf(n); if (i >= 0) { at = i; len = n.length; return true; } return false; });
      if (at < 0) return;
      var mark = document.createElement("mark");
      mark.className = "search-hit";
      var hit = node.splitText(at);
      hit.splitText(len);
      mark.textContent = hit.nodeValue;
      hit.parentNode.replaceChild(mark, hit);
    });
  }
})();
