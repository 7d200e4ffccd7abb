/* The submit form: one submission per click, files checked before sending, a point on the map.
   Everything here is an aid; the server checks again and the form works without this script. */
(function () {
  "use strict";
  var form = document.getElementById("case-form");
  if (!form) return;
  var text = form.dataset;

  // After a refused submission, the list of errors gets the focus (screen readers read it first).
  var errors = document.getElementById("error-summary");
  if (errors) errors.focus();

  // One case per form: the button is disabled at the first submit (the server also dedupes by token).
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (event) {
    if (form.dataset.sending === "1") { event.preventDefault(); return; }
    if (!checkFiles()) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    button.disabled = true;
    button.textContent = text.sendingLabel;
  });
  window.addEventListener("pageshow", function () {
    form.dataset.sending = "";
    button.disabled = false;
    button.textContent = text.submitLabel;
  });

  // Files: list what was chosen, warn early about too many or too large.
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("file-list");
  var maxFiles = parseInt(text.maxFiles, 10), maxBytes = parseInt(text.maxBytes, 10);
  function checkFiles() {
    if (!input || !list) return true;
    list.innerHTML = "";
    var ok = true;
    var files = Array.prototype.slice.call(input.files || []);
    files.forEach(function (file) {
      var li = document.createElement("li");
      li.textContent = file.name + " · " + (file.size / 1048576).toFixed(1) + " MB";
      if (file.size > maxBytes) { li.className = "bad"; li.textContent += " — " + text.tooLarge; ok = false; }
      list.appendChild(li);
    });
    if (files.length > maxFiles) {
      var li = document.createElement("li");
      li.className = "bad";
      li.textContent = text.tooMany;
      list.appendChild(li);
      ok = false;
    }
    return ok;
  }
  if (input) input.addEventListener("change", checkFiles);

  // Map: a point picked by touch/click or from the device's position. Without a tile server the
  // background is plain but picking still works.
  var box = document.getElementById("map");
  var latInput = document.getElementById("id_lat"), lonInput = document.getElementById("id_lon");
  var status = document.getElementById("map-status");
  var clearBtn = document.getElementById("map-clear"), locateBtn = document.getElementById("map-locate");
  if (!box || typeof L === "undefined") return;
  document.getElementById("map-picker").hidden = false;
  var start = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
  var map = L.map(box, { zoomControl: true, attributionControl: !!box.dataset.tiles }).setView(start, 13);
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution || "" }).addTo(map);
  }
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
  }
  if (latInput.value && lonInput.value) show(parseFloat(latInput.value), parseFloat(lonInput.value), true);
  map.on("click", function (e) { show(e.latlng.lat, e.latlng.lng, false); });
  clearBtn.addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    latInput.value = ""; lonInput.value = "";
    status.textContent = text.noPoint;
    clearBtn.hidden = true;
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
