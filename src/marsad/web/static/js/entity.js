// Marsad entity profile: mentions per month (Chart.js) and the co-mention network (Cytoscape).
"use strict";

(function () {
  const data = window.marsadData("entity-data");
  if (!data) return;
  const font = { family: '"Noto Naskh Arabic", "DejaVu Sans", serif', size: 13 };

  function drawChart() {
    const canvas = document.getElementById("mentions-chart");
    if (!canvas || typeof Chart === "undefined") return;
    const months = data.by_month.filter(function (row) { return row.month !== "undated"; });
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: months.map(function (row) { return row.month; }),
        datasets: [
          { label: "إشارات", data: months.map(function (row) { return row.mentions; }),
            backgroundColor: "rgba(15, 94, 115, 0.75)" },
          { label: "مقالات", data: months.map(function (row) { return row.articles; }),
            backgroundColor: "rgba(243, 195, 91, 0.85)" },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        locale: "ar",
        plugins: { legend: { rtl: true, labels: { font: font } } },
        scales: { x: { reverse: true, ticks: { font: font } }, y: { beginAtZero: true, position: "right", ticks: { precision: 0 } } },
      },
    });
  }

  const colours = { PER: "#1f5fbf", ORG: "#7b3fa8", GPE: "#1d7a46", LOC: "#1d7a46", FAC: "#1d7a46" };

  function drawGraph() {
    const box = document.getElementById("graph");
    if (!box || typeof cytoscape === "undefined") return;
    const nodes = data.network.nodes.map(function (node) {
      return { data: { id: node.id, label: node.name, type: node.type, center: node.center ? 1 : 0,
                       weight: node.weight || 1 } };
    });
    const known = new Set(nodes.map(function (n) { return n.data.id; }));
    const edges = data.network.edges
      .filter(function (e) { return known.has(e.source) && known.has(e.target); })
      .map(function (e, i) {
        return { data: { id: "edge-" + i, source: e.source, target: e.target, articles: e.articles } };
      });
    const maxEdge = Math.max.apply(null, edges.map(function (e) { return e.data.articles; }).concat([1]));
    const graph = cytoscape({
      container: box,
      elements: nodes.concat(edges),
      style: [
        { selector: "node", style: {
            "label": "data(label)", "font-family": font.family, "font-size": 13,
            "background-color": function (n) { return colours[n.data("type")] || "#6b6f76"; },
            "width": 18, "height": 18, "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 4 } },
        { selector: "node[center = 1]", style: { "width": 30, "height": 30, "font-weight": "bold",
            "border-width": 3, "border-color": "#f3c35b" } },
        { selector: "edge", style: {
            "width": function (e) { return 1 + 5 * e.data("articles") / maxEdge; },
            "line-color": "#9aa5b1", "opacity": 0.7 } },
      ],
      layout: {
        name: "concentric", animate: false, padding: 30, minNodeSpacing: 40,
        concentric: function (node) { return node.data("center") ? 2 : 1; },
        levelWidth: function () { return 1; },
      },
      minZoom: 0.3,
      maxZoom: 1.4,
    });
    graph.on("tap", "node", function (event) {
      const id = event.target.id();
      if (!event.target.data("center")) window.location.href = "/entities/" + encodeURIComponent(id);
    });
  }

  drawChart();
  drawGraph();
})();
