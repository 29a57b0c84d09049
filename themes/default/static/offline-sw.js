// The service worker of Lectern's offline mode (docs/offline.md), loaded by sw.js at the
// site root. It answers from one build's cache as a whole: offline.js writes the state
// (which build, which cache) only after every chosen file of that build is in its cache,
// and each answer reads the state once, so it comes from the old build or the new one,
// never a mix. What was not downloaded comes from the network as it is.
"use strict";
var SCOPE = self.registration.scope;
var PREFIX = "lectern-offline " + SCOPE + " ";
var STATE = SCOPE + "__lectern/offline-state";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  // "no-store" is how offline.js downloads a build: it must see the network, not the copy.
  if (request.method !== "GET" || request.cache === "no-store" || request.url.indexOf(SCOPE) !== 0) return;
  var path = request.url.slice(SCOPE.length).split(/[?#]/)[0];
  // These tell of newer builds, so they always come from the network.
  if (path === "offline.json" || path === "offline-build.json" || path === "sw.js") return;
  event.respondWith(answer(request, path));
});

function answer(request, path) {
  return caches.open(PREFIX + "state")
    .then(function (c) { return c.match(STATE); })
    .then(function (r) { return r ? r.json() : null; })
    .then(function (state) {
      if (!state) return fetch(request);
      return caches.open(state.cache).then(function (cache) {
        var key = SCOPE + (path === "" || /\/$/.test(path) ? path + "index.html" : path);
        return cache.match(key).then(function (hit) {
          return hit || fetch(request).catch(function (error) {
            // Offline and not in the copy (a page this build does not have, or a group
            // not downloaded): the site's own 404 page, with its status.
            if (request.mode !== "navigate") throw error;
            return cache.match(SCOPE + "404.html").then(function (page) {
              if (!page) throw error;
              return new Response(page.body, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } });
            });
          });
        });
      });
    });
}
