/* Charts of the dashboard overview, drawn with Chart.js from the JSON in #chart-data. */
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var palette = ["#0b5cad", "#b3261e", "#1f7a3d", "#a15c00", "#6b2a8f", "#0b7a8a", "#8a4b00", "#3d33a6",
                 "#5b6675", "#c2185b", "#2e7d32", "#ef6c00"];
  Chart.defaults.font.family = '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;
  var locale = document.documentElement.lang === "en" ? "en" : "vi";
  var label = function (vi, en) { return locale === "en" ? en : vi; };

  new Chart(document.getElementById("chart-trend"), {
    data: {
      labels: data.trend.labels,
      datasets: [
        { type: "bar", label: label("Tiếp nhận", "Received"), data: data.trend.received, backgroundColor: "#0b5cad", yAxisID: "y" },
        { type: "bar", label: label("Đã giải quyết", "Resolved"), data: data.trend.resolved, backgroundColor: "#1f7a3d", yAxisID: "y" },
        { type: "line", label: label("Tỉ lệ đúng hạn (%)", "On time (%)"), data: data.trend.on_time, borderColor: "#b3261e",
          backgroundColor: "#b3261e", yAxisID: "rate", spanGaps: true, tension: 0.2, pointRadius: 2 }
      ]
    },
    options: { interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, position: "left" },
                rate: { beginAtZero: true, max: 100, position: "right", grid: { drawOnChartArea: false } } } }
  });

  function bars(id, part, horizontal) {
    var element = document.getElementById(id);
    if (!element || !data[part]) return;
    new Chart(element, {
      type: "bar",
      data: { labels: data[part].labels, datasets: [{ label: label("Tiếp nhận", "Received"), data: data[part].values,
        backgroundColor: data[part].labels.map(function (_, i) { return palette[i % palette.length]; }) }] },
      options: { indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } },
                 scales: { x: { beginAtZero: true, ticks: { autoSkip: !!horizontal } }, y: { ticks: { autoSkip: !horizontal } } } }
    });
  }
  function doughnut(id, part) {
    var element = document.getElementById(id);
    if (!element || !data[part]) return;
    new Chart(element, {
      type: "doughnut",
      data: { labels: data[part].labels, datasets: [{ data: data[part].values, backgroundColor: palette }] },
      options: { plugins: { legend: { position: "right" } } }
    });
  }
  bars("chart-category", "category", true);
  doughnut("chart-channel", "channel");
  bars("chart-ward", "ward", false);
})();
