// Lectern's offline mode (docs/offline.md), on every page of a site built with
// `offline: true`. Over file:// it does nothing at all. Over http(s) it links the web app
// manifest, and:
// - the home page's control, once opened, shows the sizes from offline.json and downloads the chosen
//   groups into one cache per build, then registers the service worker (sw.js);
// - every page of a site with an offline copy asks the network for offline-build.json, and when
//   its build differs from the copy's, says so; the click downloads the new build into a
//   new cache, switches to it in one write, deletes the old cache and reloads;
// - "remove" unregisters the worker and deletes this site's caches.
// Learner data (localStorage, storage.js) is never touched here.
(function () {
  "use strict";
  if (!/^https?:$/.test(location.protocol)) return;
  var root = new URL(document.body.getAttribute("data-root") || "./", location.href).href;
  // Linked from here, not from the page: over file:// the browser refuses to load it.
  var manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = root + "manifest.webmanifest";
  document.head.appendChild(manifest);
  var PREFIX = "lectern-offline " + root + " ";
  var STATE = root + "__lectern/offline-state";
  var usable = "serviceWorker" in navigator && "caches" in window;
  // `lectern serve` injects its reload script: a cache there would hide live reload.
  var preview = !!document.querySelector('script[src="/__lectern/livereload.js"]');
  var control = document.querySelector(".offline-copy");
  var banner = document.querySelector(".offline-update");

  function readState() {
    return caches.open(PREFIX + "state")
      .then(function (c) { return c.match(STATE); })
      .then(function (r) { return r ? r.json() : null; });
  }
  function writeState(state) {
    return caches.open(PREFIX + "state").then(function (c) {
      return c.put(STATE, new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
    });
  }
  function fetchJson(name) {
    return fetch(root + name, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(name + ": HTTP " + r.status);
      return r.json();
    });
  }
  // The whole list (large on a large site) only to download; the build id alone otherwise.
  function fetchList() { return fetchJson("offline.json"); }
  function fetchBuild() { return fetchJson("offline-build.json").then(function (b) { return b.build; }); }
  function filesOf(list, groups) {
    return groups.reduce(function (all, g) { return all.concat(list.groups[g] || []); }, []);
  }
  function bytesOf(files) {
    return files.reduce(function (n, f) { return n + f[1]; }, 0);
  }
  function size(bytes) {
    return bytes >= 1e6 ? (bytes / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1e3)) + " KB";
  }
  function deleteCaches(keep) {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) {
        return n.indexOf(PREFIX) === 0 && keep.indexOf(n) < 0;
      }).map(function (n) { return caches.delete(n); }));
    });
  }

  // Every file of `groups` into a fresh cache, each checked against its listed size; the
  // list fetched again at the end must name the same build, or the copy is discarded.
  // Only then does the state point at it, and the other builds' caches go.
  function download(list, groups, progress) {
    var files = filesOf(list, groups), total = bytesOf(files), done = 0, next = 0;
    var name = PREFIX + list.build + " " + groups.join("+") + " " + Date.now();
    return caches.open(name).then(function (cache) {
      function worker() {
        if (next >= files.length) return Promise.resolve();
        var file = files[next++], url = new URL(file[0], root).href;
        return fetch(url, { cache: "no-store" }).then(function (r) {
          if (!r.ok) throw new Error(file[0] + ": HTTP " + r.status);
          var type = r.headers.get("Content-Type") || "";
          return r.arrayBuffer().then(function (body) {
            if (body.byteLength !== file[1]) throw new Error(file[0] + ": " + body.byteLength + " ≠ " + file[1] + " bytes");
            return cache.put(url, new Response(body, { headers: { "Content-Type": type } }));
          });
        }).then(function () {
          done += file[1];
          progress(done, total);
          return worker();
        });
      }
      return Promise.all([worker(), worker(), worker(), worker()])
        .then(fetchBuild)
        .then(function (build) {
          if (build !== list.build) throw new Error("offline-build.json: a newer build appeared during the download");
        });
    }).catch(function (error) {
      // Not complete, so never the copy: the state still names the previous one.
      return caches.delete(name).then(function () { throw error; });
    }).then(function () {
      return writeState({ build: list.build, groups: groups, cache: name });
    }).then(function () {
      return deleteCaches([name, PREFIX + "state"]);
    }).then(function () {
      return navigator.serviceWorker.register(root + "sw.js");
    }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function removeCopy() {
    return navigator.serviceWorker.getRegistrations().then(function (regs) {
      return Promise.all(regs.filter(function (r) { return r.scope === root; })
        .map(function (r) { return r.unregister(); }));
    }).then(function () { return deleteCaches([]); });
  }

  function showProgress(bar, done, total) {
    bar.hidden = false;
    bar.max = total || 1;
    bar.value = done;
    bar.textContent = size(done) + " / " + size(total);
  }

  function setUpControl(state) {
    var status = control.querySelector(".offline-status");
    var start = control.querySelector(".offline-download");
    var remove = control.querySelector(".offline-remove");
    var bar = control.querySelector(".offline-progress");
    var boxes = Array.prototype.slice.call(control.querySelectorAll("input[name=offline-group]"));
    var say = function (key, more) { status.textContent = control.getAttribute("data-" + key) + (more || ""); };
    control.hidden = false;
    remove.hidden = !state;
    remove.onclick = function () {
      removeCopy().then(function () { remove.hidden = true; say("removed"); });
    };
    start.disabled = true;
    if (!usable || preview) {
      control.open = true; // the reason is the news here
      say(preview ? "serve" : "http-only");
      return;
    }
    // The sizes need the whole list: fetched when the learner opens the control.
    // (It may have been opened already, while the cache was being read.)
    var loaded = false;
    function load() {
      if (!control.open || loaded) return;
      loaded = true;
      fetchList().then(showList, function () {
        start.disabled = true;
        say("unavailable");
      });
    }
    control.addEventListener("toggle", load);
    load();
    function showList(list) {
      boxes.forEach(function (box) {
        var groups = box.value.split(" ");
        var bytes = bytesOf(filesOf(list, groups));
        box.closest("label").hidden = bytes === 0;
        box.closest("label").querySelector(".offline-size").textContent = size(bytes);
        if (state) box.checked = box.disabled || groups.every(function (g) { return state.groups.indexOf(g) >= 0; });
      });
      if (state && state.build === list.build) say("saved", " · " + size(bytesOf(filesOf(list, state.groups))));
      start.disabled = false;
      start.onclick = function () {
        var groups = boxes.filter(function (b) { return b.checked; })
          .reduce(function (all, b) { return all.concat(b.value.split(" ")); }, []);
        start.disabled = true;
        say("downloading");
        download(list, groups, function (done, total) { showProgress(bar, done, total); }).then(function () {
          say("saved", " · " + size(bytesOf(filesOf(list, groups))));
          remove.hidden = false;
        }, function (error) {
          say("failed", error.message);
        }).then(function () { start.disabled = false; });
      };
    }
  }

  function checkForUpdate(state) {
    fetchBuild().then(function (build) {
      if (build === state.build || !banner) return;
      var button = banner.querySelector("button");
      banner.hidden = false;
      button.onclick = function () {
        button.disabled = true;
        fetchList().then(function (list) {
          var groups = state.groups.filter(function (g) { return g in list.groups; });
          return download(list, groups, function (done, total) {
            showProgress(banner.querySelector("progress"), done, total);
          });
        }).then(function () { location.reload(); }, function (error) {
          banner.querySelector(".offline-update-text").textContent = banner.getAttribute("data-failed") + error.message;
          button.disabled = false;
        });
      };
    }, function () { /* offline: keep reading the copy */ });
  }

  if (control) control.hidden = false; // at once, not after the cache is read
  var state = usable ? readState() : Promise.resolve(null);
  state.then(function (s) {
    if (control) setUpControl(s);
    if (s && usable && !preview) {
      // A copy whose worker is gone (cleared by the browser) gets it back.
      if (!navigator.serviceWorker.controller) navigator.serviceWorker.register(root + "sw.js");
      checkForUpdate(s);
    }
  });
})();
