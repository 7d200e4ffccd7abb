/* The public map: published cases on the city's base, clustered, filtered by category and state
   without reloading the page (the form also works without this script). */
(function () {
  "use strict";
  var element = document.getElementById("public-map");
  if (!element || typeof L === "undefined") return;
  var form = document.getElementById("map-filters");
  var text = element.dataset;
  var map = L.map(element, { maxZoom: 18, minZoom: 8 }).setView([10.78, 106.70], 12);
  window.civicdeskBasemap(map, element);
  L.control.scale({ imperial: false }).addTo(map);
  var clusters = null, first = true;

  function query() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) { if (!params.get(key)) params.delete(key); });
    return params.toString();
  }

  function load() {
    var q = query();
    element.dataset.loaded = "";
    fetch(text.url + (q ? "?" + q : ""), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (payload) {
        if (clusters) map.removeLayer(clusters);
        var points = payload.points.map(function (p) {
          return { lat: p[0], lon: p[1], code: p[2], status: p[3], category: p[4], title: p[5], date: p[6],
                   statusLabel: payload.status_labels[p[3]] || p[3],
                   url: payload.case_url.replace("CODE", encodeURIComponent(p[2])) };
        });
        clusters = window.civicdeskCaseMap.layer(points).addTo(map);
        var count = document.getElementById("map-count");
        count.textContent = points.length ? points.length.toLocaleString("vi-VN") + " " + text.labelCount +
          (payload.truncated ? " (" + text.labelTruncated + ")" : "") : text.labelNone;
        if (points.length && first) {
          map.fitBounds(L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; })).pad(0.1), { maxZoom: 15 });
        }
        first = false;
        var present = {};
        points.forEach(function (p) { present[p.status] = true; });
        window.civicdeskCaseMap.legend(document.getElementById("map-legend"), payload.status_labels,
                                       Object.keys(present).length ? Object.keys(present) : null);
        document.getElementById("map-as-list").href = document.getElementById("map-as-list").pathname + (q ? "?" + q : "");
        element.dataset.loaded = String(points.length);
      });
  }

  form.addEventListener("change", function () {
    var q = query();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
    load();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
  load();
})();
