// Marsad tables: click a column header (th.sortable) to sort the rows; click again to reverse.
"use strict";

(function () {
  function cellValue(row, index, kind) {
    const text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    if (kind === "number") {
      const number = parseFloat(text);
      return isNaN(number) ? -Infinity : number;
    }
    return text;
  }

  function sortBy(table, header) {
    const index = Array.prototype.indexOf.call(header.parentNode.children, header);
    const kind = header.dataset.kind || "text";
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th.sortable").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const rows = Array.prototype.slice.call(body.rows);
    const collator = new Intl.Collator("ar", { numeric: true });
    rows.sort(function (a, b) {
      const x = cellValue(a, index, kind);
      const y = cellValue(b, index, kind);
      const order = kind === "number" ? x - y : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table.sortable-table").forEach(function (table) {
    table.querySelectorAll("th.sortable").forEach(function (header) {
      header.tabIndex = 0;
      header.addEventListener("click", function () { sortBy(table, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter") sortBy(table, header);
      });
    });
  });
})();
