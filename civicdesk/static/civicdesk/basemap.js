/* The base under every map (citizen form, public map, leaders' map): the tile server's map when
   CIVICDESK_TILE_URL is set (data-tiles or data-tile-url on the map element), otherwise a base the
   city ships: ward names at their centres and, zoomed out, the old district names people still use
   (/ban-do/nen.json, from the loaded administrative units). Labels that would overlap are left out,
   larger wards first, so the map stays readable at every zoom. Nothing is fetched from elsewhere. */
(function () {
  "use strict";

  function label(text, className) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return L.divIcon({ className: "basemap-label-wrap", html: span, iconSize: null });
  }

  function plainBase(map, element) {
    element.classList.add("basemap-plain");
    element.dataset.basemap = "loading";
    var url = element.dataset.basemapUrl || "/ban-do/nen.json";
    var wards = [], districts = [];
    var layer = L.layerGroup().addTo(map);

    // Greedy placement: a label is shown when its box overlaps none already shown.
    function place() {
      layer.clearLayers();
      var zoom = map.getZoom(), bounds = map.getBounds().pad(0.2), taken = [];
      var candidates = [];
      if (zoom <= 11) districts.forEach(function (d) { candidates.push({ name: d[0], at: [d[1], d[2]], cls: "basemap-district" }); });
      if (zoom >= 11) wards.forEach(function (w) { candidates.push({ name: w[0], at: [w[1], w[2]], cls: "basemap-ward" }); });
      var shown = 0;
      candidates.forEach(function (c) {
        if (!bounds.contains(c.at)) return;
        var p = map.latLngToLayerPoint(c.at);
        var halfWidth = c.name.length * 3.6 + 6, halfHeight = 9;
        var box = [p.x - halfWidth, p.y - halfHeight, p.x + halfWidth, p.y + halfHeight];
        for (var i = 0; i < taken.length; i++) {
          var t = taken[i];
          if (box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]) return;
        }
        taken.push(box);
        L.marker(c.at, { icon: label(c.name, "basemap-label " + c.cls), interactive: false, keyboard: false }).addTo(layer);
        if (c.cls === "basemap-ward") {
          L.circleMarker(c.at, { radius: 2, weight: 0, fillColor: "#8a94a3", fillOpacity: 0.8, interactive: false }).addTo(layer);
        }
        shown++;
      });
      element.dataset.basemapLabels = String(shown);
    }

    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        wards = data.wards || [];
        districts = data.districts || [];
        element.dataset.basemap = wards.length ? "labels" : "empty";
        place();
        map.on("zoomend moveend", place);
      })
      .catch(function () { element.dataset.basemap = "failed"; });
  }

  window.civicdeskBasemap = function (map, element) {
    var tiles = element.dataset.tiles || element.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: element.dataset.attribution || element.dataset.tileAttribution || "" }).addTo(map);
      element.dataset.basemap = "tiles";
      return;
    }
    plainBase(map, element);
  };
})();
