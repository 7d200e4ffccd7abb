/* Map of cases: clustered markers and a density (heat) layer. Works without a tile server. */
(function () {
  var element = document.getElementById("case-map");
  var colours = { received: "#6b7785", triage: "#d9822b", assigned: "#0b5cad", in_progress: "#3d33a6",
                  awaiting_approval: "#6b2a8f", answered: "#1f7a3d", closed: "#1c2430", rejected: "#b3261e" };
  var map = L.map(element, { maxZoom: 18, minZoom: 3 }).setView([10.78, 106.70], 11);
  var tileUrl = element.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: element.dataset.tileAttribution || "" }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  var clusters = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 50 });
  var heat = null;

  // Styles set through the DOM, not style="" in HTML: the Content-Security-Policy allows no inline style.
  function dot(colour) {
    var span = document.createElement("span");
    span.className = "case-dot";
    span.style.background = colour;
    return span;
  }

  fetch(element.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (payload) {
      var points = payload.points;
      var count = document.getElementById("map-count");
      count.textContent = "(" + points.length.toLocaleString("vi-VN") + " " + element.dataset.labelCount +
        (payload.truncated ? "; " + element.dataset.labelTruncated : "") + ")";
      var markers = points.map(function (p) {
        var icon = L.divIcon({ className: "case-dot-wrap", iconSize: [14, 14], html: dot(colours[p[3]] || "#555") });
        var url = payload.case_url.replace("CODE", encodeURIComponent(p[2]));
        var marker = L.marker([p[0], p[1]], { icon: icon, title: p[2] });
        marker.bindPopup('<a href="' + url + '"><strong>' + p[2] + "</strong></a><br>" +
          (payload.status_labels[p[3]] || p[3]) + "<br>" + (p[4] || ""));
        return marker;
      });
      clusters.addLayers(markers);
      clusters.addTo(map);
      if (points.length) {
        heat = L.heatLayer(points.map(function (p) { return [p[0], p[1], 0.6]; }), { radius: 22, blur: 18, maxZoom: 14 });
        heat.addTo(map);
        map.fitBounds(L.latLngBounds(points.map(function (p) { return [p[0], p[1]]; })).pad(0.05));
      }
      var legend = document.getElementById("map-legend");
      Object.keys(colours).forEach(function (status) {
        var item = document.createElement("span");
        var swatch = document.createElement("i");
        swatch.style.background = colours[status];
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(payload.status_labels[status] || status));
        legend.appendChild(item);
      });
      element.dataset.loaded = String(points.length);
    });

  document.getElementById("layer-markers").addEventListener("change", function (event) {
    if (event.target.checked) { map.addLayer(clusters); } else { map.removeLayer(clusters); }
  });
  document.getElementById("layer-heat").addEventListener("change", function (event) {
    if (!heat) return;
    if (event.target.checked) { map.addLayer(heat); } else { map.removeLayer(heat); }
  });
})();
