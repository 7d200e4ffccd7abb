/* The case layer shared by the public map (/ban-do/) and the leaders' map (/dieu-hanh/ban-do/):
   clustered dots coloured by state, each with a popup built as DOM nodes (never HTML strings:
   titles and category names are text typed by people). Needs Leaflet and markercluster. */
(function () {
  "use strict";
  var colours = { received: "#6b7785", triage: "#d9822b", assigned: "#0b5cad", in_progress: "#3d33a6",
                  awaiting_approval: "#6b2a8f", answered: "#1f7a3d", closed: "#1c2430", rejected: "#b3261e" };

  // Styles set through the DOM, not style="" in HTML: the Content-Security-Policy allows no inline style.
  function dot(colour) {
    var span = document.createElement("span");
    span.className = "case-dot";
    span.style.background = colour;
    return span;
  }

  function line(parent, text, className) {
    if (!text) return;
    var div = document.createElement("div");
    if (className) div.className = className;
    div.textContent = text;
    parent.appendChild(div);
  }

  // p: {lat, lon, code, status, statusLabel, category, title, url, date}
  function popup(p) {
    var box = document.createElement("div");
    box.className = "case-popup";
    var link = document.createElement("a");
    link.href = p.url;
    var code = document.createElement("strong");
    code.textContent = p.code;
    link.appendChild(code);
    box.appendChild(link);
    line(box, p.title, "case-popup-title");
    line(box, p.statusLabel);
    line(box, p.category, "muted");
    line(box, p.date, "muted small");
    return box;
  }

  function layer(points) {
    var clusters = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 50 });
    clusters.addLayers(points.map(function (p) {
      var icon = L.divIcon({ className: "case-dot-wrap", iconSize: [14, 14], html: dot(colours[p.status] || "#555") });
      var marker = L.marker([p.lat, p.lon], { icon: icon, title: p.code });
      marker.bindPopup(function () { return popup(p); });
      return marker;
    }));
    return clusters;
  }

  function legend(element, labels, statuses) {
    element.textContent = "";
    (statuses || Object.keys(colours)).forEach(function (status) {
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = colours[status];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(labels[status] || status));
      element.appendChild(item);
    });
  }

  window.civicdeskCaseMap = { colours: colours, layer: layer, popup: popup, legend: legend };
})();
