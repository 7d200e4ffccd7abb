/* Reports written without a connection: kept in this browser (IndexedDB, with their photos) and
   sent when the connection is back — on the "online" event, on any page of the portal that loads,
   and every minute while some wait. Each keeps the one-time token of its form, so sending it again
   (two tabs, a lost answer) returns the case already stored: intake takes the token as the
   idempotency key. Also registers the service worker (service-worker.js, served at /sw.js).

   window.civicdeskOffline.shouldQueue() / queue(form) are used by submit.js; restore(id, form)
   fills the form again with a report the server refused. */
(function () {
  "use strict";
  var status = document.getElementById("offline-status");
  if (!status || !window.indexedDB || !window.fetch) return;
  var text = status.dataset;
  var DB = "civicdesk-offline", STORE = "reports";

  if ("serviceWorker" in navigator && text.serviceWorker) {
    navigator.serviceWorker.register(text.serviceWorker, { scope: "/" }).catch(function () {});
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function all() { return run("readonly", function (store) { return store.getAll(); }); }
  function put(item) { return run("readwrite", function (store) { store.put(item); }); }
  function remove(id) { return run("readwrite", function (store) { store.delete(id); }); }
  function get(id) { return run("readonly", function (store) { return store.get(id); }); }

  // --- What the person sees: one status box at the top of the page. ---
  function say(parts, kind) {
    status.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") { status.appendChild(document.createTextNode(part)); return; }
      status.appendChild(part);
    });
    status.className = "offline-status msg msg-" + (kind || "info");
    status.hidden = false;
  }
  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  // --- Keeping a report. ---
  function shouldQueue() { return navigator.onLine === false; }

  function queue(form) {
    var fields = [], files = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;  // a fresh one is fetched when sending
      if (value instanceof File) {
        if (value.size) files.push({ field: name, name: value.name, type: value.type, blob: value });
      } else {
        fields.push([name, value]);
      }
    });
    var item = { id: String(Date.now()) + "-" + Math.random().toString(36).slice(2, 8), saved: Date.now(),
                 fields: fields, files: files, state: "waiting" };
    return put(item).then(function () {
      form.reset();
      var token = form.querySelector("input[name=token]");
      var bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      if (token) token.value = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
      var list = document.getElementById("file-list");
      if (list) list.textContent = "";
      say([text.queuedText], "info");
      status.dataset.queuedCount = String((parseInt(status.dataset.queuedCount || "0", 10)) + 1);
      status.scrollIntoView({ block: "start" });
      status.focus();
    }, function () {
      say([text.notKept], "error");
    });
  }

  // --- Sending what waits. ---
  function freshCsrfToken() {
    return fetch(text.formUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var input = page.querySelector("input[name=csrfmiddlewaretoken]");
        if (!input) throw new Error("no csrf token");
        return input.value;
      });
  }

  function send(item, csrf) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    item.files.forEach(function (file) { body.append(file.field, new File([file.blob], file.name, { type: file.type })); });
    return fetch(text.formUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function (response) {
        return response.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var code = page.getElementById("tracking-code");
          if (response.ok && code) return { sent: code.textContent.trim() };
          if (response.status === 200) {  // the form again, with what the server refused
            var errors = Array.prototype.map.call(page.querySelectorAll("#error-summary li"), function (li) {
              return li.textContent.trim();
            });
            if (errors.length) return { refused: errors };
          }
          return { later: true };  // 429, 5xx, a proxy's page: try again later
        });
      });
  }

  var flushing = false;
  function flush() {
    if (flushing || navigator.onLine === false) return Promise.resolve();
    flushing = true;
    return all().then(function (items) {
      var waiting = items.filter(function (item) { return item.state === "waiting"; });
      var refused = items.filter(function (item) { return item.state === "refused"; });
      refused.forEach(showRefused);
      if (!waiting.length) return;
      say([text.sending], "info");
      return freshCsrfToken().then(function (csrf) {
        return waiting.reduce(function (previous, item) {
          return previous.then(function () {
            return send(item, csrf).then(function (result) {
              if (result.sent) {
                return remove(item.id).then(function () {
                  say([text.sent + " ", link(text.trackUrl.replace("CODE", encodeURIComponent(result.sent)), result.sent)], "success");
                  status.dataset.sentCodes = ((status.dataset.sentCodes ? status.dataset.sentCodes + " " : "") + result.sent);
                });
              }
              if (result.refused) {
                item.state = "refused";
                item.errors = result.refused;
                return put(item).then(function () { showRefused(item); });
              }
              say([text.waiting], "info");
            });
          });
        }, Promise.resolve());
      });
    }).catch(function () {
      say([text.waiting], "info");
    }).then(function () { flushing = false; });
  }

  function showRefused(item) {
    var parts = [text.refused + " " + (item.errors || []).join(" ") + " "];
    parts.push(link(text.formUrl + "#khoi-phuc-" + item.id, text.reopen));
    say(parts, "error");
  }

  // A report the server refused, put back into the form to be corrected (photos included).
  function restore(id, form) {
    return get(id).then(function (item) {
      if (!item) return false;
      item.fields.forEach(function (pair) {
        if (pair[0] === "token") return;
        var inputs = form.querySelectorAll("[name='" + pair[0].replace(/'/g, "") + "']");
        Array.prototype.forEach.call(inputs, function (input) {
          if (input.type === "radio" || input.type === "checkbox") {
            if (input.value === pair[1]) input.checked = true;
          } else if (input.type !== "file" && input.type !== "hidden" || input.name === "lat" || input.name === "lon") {
            input.value = pair[1];
          }
        });
      });
      var input = form.querySelector("input[type=file]");
      if (input && item.files.length && typeof DataTransfer !== "undefined") {
        var transfer = new DataTransfer();
        item.files.forEach(function (file) { transfer.items.add(new File([file.blob], file.name, { type: file.type })); });
        input.files = transfer.files;
        input.dispatchEvent(new Event("change"));
      }
      return remove(id).then(function () { return true; });
    });
  }

  window.civicdeskOffline = { shouldQueue: shouldQueue, queue: queue, flush: flush, restore: restore };
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { say([text.offline], "info"); });
  setInterval(flush, 60000);
  flush();
})();
