/* The leaders' map of cases: the shared case layer (civicdesk/casemap.js: clusters, DOM popups) and
   a density (heat) layer, on the shared base (civicdesk/basemap.js: tiles or ward names). */
(function () {
  var element = document.getElementById("case-map");
  var cases = window.civicdeskCaseMap;
  var map = L.map(element, { maxZoom: 18, minZoom: 3 }).setView([10.78, 106.70], 11);
  window.civicdeskBasemap(map, element);
  L.control.scale({ imperial: false }).addTo(map);
  var clusters = null, heat = null;

  fetch(element.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (payload) {
      var rows = payload.points;
      var count = document.getElementById("map-count");
      count.textContent = "(" + rows.length.toLocaleString("vi-VN") + " " + element.dataset.labelCount +
        (payload.truncated ? "; " + element.dataset.labelTruncated : "") + ")";
      var points = rows.map(function (p) {
        return { lat: p[0], lon: p[1], code: p[2], status: p[3], category: p[4],
                 statusLabel: payload.status_labels[p[3]] || p[3],
                 url: payload.case_url.replace("CODE", encodeURIComponent(p[2])) };
      });
      clusters = cases.layer(points).addTo(map);
      if (points.length) {
        heat = L.heatLayer(points.map(function (p) { return [p.lat, p.lon, 0.6]; }), { radius: 22, blur: 18, maxZoom: 14 });
        heat.addTo(map);
        map.fitBounds(L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; })).pad(0.05));
      }
      cases.legend(document.getElementById("map-legend"), payload.status_labels);
      element.dataset.loaded = String(points.length);
    });

  document.getElementById("layer-markers").addEventListener("change", function (event) {
    if (!clusters) return;
    if (event.target.checked) { map.addLayer(clusters); } else { map.removeLayer(clusters); }
  });
  document.getElementById("layer-heat").addEventListener("change", function (event) {
    if (!heat) return;
    if (event.target.checked) { map.addLayer(heat); } else { map.removeLayer(heat); }
  });
})();
