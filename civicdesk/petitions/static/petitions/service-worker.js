/* The service worker of the citizen pages, served at /sw.js (scope "/") by petitions.views.
   service_worker, which puts `self.CIVICDESK = {version, precache, offline, form}` before this file.

   - Pages: from the network; without one, the copy kept at install (the home page, the submit form,
     the offline page) or the offline page. Only those anonymous copies are kept: a page with someone's
     personal data (tracking page of a reporter, confirmation, staff pages) is never stored here.
   - Static files and the ward names of the base map: from the cache, refreshed in the background.
   - Sending: never here. A report written offline is kept in IndexedDB by offline.js (page side) and
     sent with its one-time token when the connection is back, so intake stores it once. */
"use strict";

var CONFIG = self.CIVICDESK;
var CACHE = "civicdesk-" + CONFIG.version;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // Anonymous copies (no cookies sent, none stored): the same for everyone on this device.
    return Promise.all(CONFIG.precache.map(function (url) {
      return fetch(new Request(url, { credentials: "omit", cache: "reload" })).then(function (response) {
        if (response.ok) return cache.put(url, response);
      });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("civicdesk-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCacheThenNetwork(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (cached) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      });
      if (cached) { fresh.catch(function () {}); return cached; }
      return fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;  // posts always go to the network, untouched
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(url.pathname).then(function (page) {
          return page || cache.match(CONFIG.offline);
        });
      });
    }));
    return;
  }
  if (url.pathname.indexOf(CONFIG.staticUrl) === 0 || url.pathname === CONFIG.basemap) {
    event.respondWith(fromCacheThenNetwork(request));
  }
});
