/* The submit form: one submission per click, photos shrunk and files checked before sending (the
   problem told next to the button), the name optional when hidden, a point on the map, and — with
   offline.js — a report written without a connection kept and sent later.
   Everything here is an aid; the server checks again and the form works without this script. */
(function () {
  "use strict";
  var form = document.getElementById("case-form");
  if (!form) return;
  var text = form.dataset;
  var lang = document.documentElement.lang || "vi";

  // After a refused submission, the list of errors gets the focus (screen readers read it first).
  var errors = document.getElementById("error-summary");
  if (errors) errors.focus();

  // A page served from the offline copy (service worker) carries an old one-time token: each page
  // load gets its own, so two reports never share one (intake would take the second for a retry).
  var token = form.querySelector("input[name=token]");
  if (token && window.crypto && crypto.getRandomValues && !errors) {
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    token.value = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  }

  var button = form.querySelector("button[type=submit]");
  var problem = document.getElementById("submit-problem");

  function humanSize(bytes) {
    if (bytes < 1048576) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / 1048576).toLocaleString(lang, { maximumFractionDigits: 1 }) + " MB";
  }

  // Problems found before sending are said where the person is: next to the button.
  function showProblem(lines) {
    problem.textContent = "";
    var head = document.createElement("strong");
    head.textContent = text.notSent;
    problem.appendChild(head);
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    problem.appendChild(list);
    var link = document.createElement("a");
    link.href = "#field-attachments";
    link.textContent = text.seeFiles;
    problem.appendChild(link);
    problem.hidden = false;
    problem.focus();
  }
  function clearProblem() { problem.hidden = true; problem.textContent = ""; }

  // --- Files: photos shrunk in the browser (at most 2560 px, JPEG), then listed and checked. ---
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("file-list");
  var maxFiles = parseInt(text.maxFiles, 10), maxBytes = parseInt(text.maxBytes, 10);
  var MAX_SIDE = 2560, SHRINK_FROM_BYTES = 1536 * 1024;
  var shrinking = null;       // the promise of the shrinking under way
  var originalSizes = {};     // shrunk file name → size before

  function loadImage(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      image.src = url;
    });
  }
  function encode(canvas, quality) {
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", quality); });
  }
  // One photo as a JPEG of at most MAX_SIDE px and under the server's limit, or the file unchanged
  // when it is not a photo, is small already, or the browser cannot decode it (the server decides).
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.HTMLCanvasElement) return Promise.resolve(file);
    return loadImage(file).then(function (image) {
      var width = image.naturalWidth, height = image.naturalHeight;
      if (Math.max(width, height) <= MAX_SIDE && file.size <= SHRINK_FROM_BYTES) return file;
      var attempt = function (side, quality) {
        var scale = Math.min(1, side / Math.max(width, height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        var context = canvas.getContext("2d");
        context.fillStyle = "#fff";  // a transparent PNG becomes a JPEG on white, not on black
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        return encode(canvas, quality).then(function (blob) {
          if (blob && blob.size > maxBytes * 0.9 && quality > 0.5) return attempt(side, quality - 0.15);
          if (blob && blob.size > maxBytes * 0.9 && side > 1024) return attempt(Math.round(side * 0.75), 0.8);
          return blob;
        });
      };
      return attempt(MAX_SIDE, 0.85).then(function (blob) {
        if (!blob || blob.size >= file.size) return file;
        var name = file.name.replace(/\.(png|webp|jpe?g)$/i, "") + ".jpg";
        var shrunk = new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
        originalSizes[name] = file.size;
        return shrunk;
      });
    }).catch(function () { return file; });
  }

  function shrinkChosen() {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length || files.length > maxFiles || typeof DataTransfer === "undefined") { listFiles(); return; }
    originalSizes = {};
    listFiles(true);
    var note = document.createElement("li");
    note.className = "note";
    note.textContent = text.shrinking;
    list.appendChild(note);
    form.dataset.shrinking = "1";
    shrinking = Promise.all(files.map(shrink)).then(function (done) {
      var changed = done.some(function (file, i) { return file !== files[i]; });
      if (changed) {
        var transfer = new DataTransfer();
        done.forEach(function (file) { transfer.items.add(file); });
        input.files = transfer.files;  // setting files fires no change event
      }
      form.dataset.shrinking = "";
      shrinking = null;
      listFiles();
    });
  }

  // Lists the chosen files; returns the problems (empty when the files may be sent). While photos
  // are being shrunk (`pending`), sizes are listed but not judged yet.
  function listFiles(pending) {
    if (!input || !list) return [];
    list.textContent = "";
    var problems = [];
    var files = Array.prototype.slice.call(input.files || []);
    files.forEach(function (file) {
      var li = document.createElement("li");
      li.textContent = file.name + " · " + humanSize(file.size);
      if (originalSizes[file.name]) li.textContent += " (" + text.shrunk + " " + humanSize(originalSizes[file.name]) + ")";
      if (file.size > maxBytes && !pending) {
        li.className = "bad";
        li.textContent += " — " + text.tooLarge + " (" + text.maxSizeLabel + " " + humanSize(maxBytes) + ")";
        problems.push(file.name + ": " + text.tooLarge + " (" + humanSize(file.size) + "; " + text.maxSizeLabel +
          " " + humanSize(maxBytes) + "). " + text.fixFiles);
      }
      list.appendChild(li);
    });
    if (files.length > maxFiles) {
      var li = document.createElement("li");
      li.className = "bad";
      li.textContent = text.tooMany;
      list.appendChild(li);
      problems.push(text.tooMany);
    }
    if (!problems.length) clearProblem();
    return problems;
  }
  if (input) input.addEventListener("change", shrinkChosen);

  // --- Sending: one submission per click; offline, the report is kept (offline.js). ---
  function setSending(on) {
    form.dataset.sending = on ? "1" : "";
    button.disabled = on;
    button.textContent = on ? text.sendingLabel : text.submitLabel;
  }
  form.addEventListener("submit", function (event) {
    if (form.dataset.sending === "1") { event.preventDefault(); return; }
    if (shrinking) {  // photos still being shrunk: send once they are ready
      event.preventDefault();
      setSending(true);
      shrinking.then(function () { setSending(false); form.requestSubmit(button); });
      return;
    }
    var problems = listFiles();
    if (problems.length) { event.preventDefault(); showProblem(problems); return; }
    if (window.civicdeskOffline && window.civicdeskOffline.shouldQueue()) {
      event.preventDefault();
      setSending(true);
      window.civicdeskOffline.queue(form).then(function () { setSending(false); },
                                               function () { setSending(false); });
      return;
    }
    setSending(true);
  });
  window.addEventListener("pageshow", function () { setSending(false); });

  // A report kept offline that the server refused comes back here to be corrected (offline.js).
  document.addEventListener("DOMContentLoaded", function () {
    var restoring = /^#khoi-phuc-([\w-]+)$/.exec(location.hash);
    if (restoring && window.civicdeskOffline) {
      window.civicdeskOffline.restore(restoring[1], form).then(function () { nameRule(); });
    }
  });

  // --- The name: optional once "hide my name" is ticked (the server says the same). ---
  var hide = document.getElementById("id_hide_identity");
  var star = form.querySelector("[data-name-required]"), optional = form.querySelector("[data-name-optional]");
  function nameRule() {
    if (!hide || !star) return;
    star.hidden = hide.checked;
    optional.hidden = !hide.checked;
  }
  if (hide) { hide.addEventListener("change", nameRule); nameRule(); }

  // --- Nearby before sending: once a place is chosen, published cases of the same kind close by,
  // each with "this is mine too" (workflow's me-too: signed in at once, else by an e-mailed link). ---
  var nearbyBox = document.getElementById("nearby");
  var place = null, nearbyTimer = null, nearbyAsked = "";
  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function el(tag, className, textContent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (textContent) node.textContent = textContent;
    return node;
  }
  // The me-too request is its own form, outside the report's form (forms do not nest).
  function postMeToo(url, next, email) {
    var post = document.createElement("form");
    post.method = "post";
    post.action = url;
    post.hidden = true;
    [["csrfmiddlewaretoken", csrfToken()], ["next", next], ["email", email || ""]].forEach(function (pair) {
      if (!pair[1]) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      post.appendChild(input);
    });
    document.body.appendChild(post);
    form.dataset.sending = "1";  // leaving for the case page: the report is not sent
    post.submit();
  }
  function nearbyItem(item, signedIn) {
    var words = nearbyBox.dataset;
    var li = el("li", "nearby-case");
    li.dataset.code = item.code;
    li.appendChild(el("div", "nearby-title", item.title));
    li.appendChild(el("div", "nearby-meta", [item.status_label, words.metres.replace("{n}", item.metres),
      item.me_too ? words.people.replace("{n}", item.me_too) : "", item.date].filter(Boolean).join(" · ")));
    var actions = el("div", "map-tools");
    var see = el("a", "btn btn-secondary btn-small", words.see + " " + item.code);
    see.href = item.url;
    see.target = "_blank";
    see.rel = "noopener";
    var mine = el("button", "btn btn-primary btn-small", words.mine);
    mine.type = "button";
    actions.appendChild(mine);
    actions.appendChild(see);
    li.appendChild(actions);
    mine.addEventListener("click", function () {
      if (signedIn) { postMeToo(item.me_too_url, item.url); return; }
      if (li.querySelector(".nearby-email")) return;
      var box = el("div", "nearby-email");
      var label = el("label", "", words.emailLabel);
      var input = el("input");
      input.type = "email";
      input.autocomplete = "email";
      input.id = "nearby-email-" + item.code;
      label.htmlFor = input.id;
      var typed = document.getElementById("id_reporter_email");
      input.value = typed ? typed.value : "";
      var send = el("button", "btn btn-primary btn-small", words.emailSend);
      send.type = "button";
      send.addEventListener("click", function () {
        if (!input.value || !input.checkValidity()) { input.focus(); return; }
        postMeToo(item.me_too_url, item.url, input.value);
      });
      box.appendChild(label);
      box.appendChild(input);
      box.appendChild(send);
      li.appendChild(box);
      input.focus();
    });
    return li;
  }
  function showNearby(payload) {
    nearbyBox.textContent = "";
    if (!payload.cases || !payload.cases.length) { nearbyBox.hidden = true; nearbyBox.dataset.count = "0"; return; }
    var words = nearbyBox.dataset;
    nearbyBox.appendChild(el("h3", "", words.heading));
    var intro = words.intro;
    if (payload.category && payload.category.guessed) intro += " (" + words.guessed + " " + payload.category.name + ")";
    nearbyBox.appendChild(el("p", "", intro));
    var list = el("ul");
    payload.cases.forEach(function (item) { list.appendChild(nearbyItem(item, payload.signed_in)); });
    nearbyBox.appendChild(list);
    nearbyBox.hidden = false;
    nearbyBox.dataset.count = String(payload.cases.length);
  }
  function askNearby() {
    if (!nearbyBox || !place || navigator.onLine === false) return;
    var body = new FormData();
    body.append("lat", place.lat);
    body.append("lon", place.lon);
    body.append("category", (document.getElementById("id_category") || {}).value || "");
    body.append("title", (document.getElementById("id_title") || {}).value || "");
    body.append("content", ((document.getElementById("id_content") || {}).value || "").slice(0, 1000));
    var key = new URLSearchParams(body).toString();
    if (key === nearbyAsked) return;
    nearbyAsked = key;
    fetch(nearbyBox.dataset.url, { method: "POST", body: body, credentials: "same-origin",
                                   headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { cases: [] }; })
      .then(showNearby)
      .catch(function () {});
  }
  function askNearbySoon() { clearTimeout(nearbyTimer); nearbyTimer = setTimeout(askNearby, 400); }
  form.addEventListener("civicdesk:place", function (event) {
    place = event.detail;
    if (!place && nearbyBox) { nearbyBox.hidden = true; nearbyAsked = ""; return; }
    askNearbySoon();
  });
  ["id_category", "id_title"].forEach(function (id) {
    var field = document.getElementById(id);
    if (field) field.addEventListener("change", askNearbySoon);
  });

  // --- Map: a point picked by touch/click or from the device's position, on the city's base
  // (basemap.js: tiles when configured, else ward names at their centres). ---
  var box = document.getElementById("map");
  var latInput = document.getElementById("id_lat"), lonInput = document.getElementById("id_lon");
  var status = document.getElementById("map-status");
  var clearBtn = document.getElementById("map-clear"), locateBtn = document.getElementById("map-locate");
  if (!box || typeof L === "undefined") return;
  document.getElementById("map-picker").hidden = false;
  var start = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
  var map = L.map(box, { zoomControl: true }).setView(start, 13);
  if (window.civicdeskBasemap) window.civicdeskBasemap(map, box);
  L.control.scale({ imperial: false }).addTo(map);
  var marker = null;
  function show(lat, lon, pan) {
    lat = Math.round(lat * 1e6) / 1e6; lon = Math.round(lon * 1e6) / 1e6;
    latInput.value = lat; lonInput.value = lon;
    if (marker) { marker.setLatLng([lat, lon]); }
    else { marker = L.circleMarker([lat, lon], { radius: 10, color: "#b3261e", weight: 3, fillOpacity: 0.5 }).addTo(map); }
    if (pan) map.setView([lat, lon], Math.max(map.getZoom(), 16));
    status.textContent = text.pointChosen + " " + lat.toFixed(5) + ", " + lon.toFixed(5);
    clearBtn.hidden = false;
    form.dispatchEvent(new CustomEvent("civicdesk:place", { detail: { lat: lat, lon: lon } }));
  }
  if (latInput.value && lonInput.value) show(parseFloat(latInput.value), parseFloat(lonInput.value), true);
  map.on("click", function (e) { show(e.latlng.lat, e.latlng.lng, false); });
  clearBtn.addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    latInput.value = ""; lonInput.value = "";
    status.textContent = text.noPoint;
    clearBtn.hidden = true;
    form.dispatchEvent(new CustomEvent("civicdesk:place", { detail: null }));
  });
  if (!navigator.geolocation) { locateBtn.hidden = true; return; }
  locateBtn.addEventListener("click", function () {
    status.textContent = text.locating;
    navigator.geolocation.getCurrentPosition(
      function (pos) { show(pos.coords.latitude, pos.coords.longitude, true); },
      function () { status.textContent = text.locateFailed; },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
    );
  });
})();
