/* journeys: optional sorting of roll-up tables. The tables are already in a useful
   order without JavaScript; this only turns their headers into sort buttons. */
(function () {
  "use strict";
  function cellValue(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent;
    return type === "number" ? parseFloat(raw) : raw.trim().toLowerCase();
  }
  function sortBy(table, header, index) {
    var type = header.getAttribute("data-sort-type") || "text";
    var descending = header.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, position) { row._journeysPosition = position; });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = x < y ? -1 : x > y ? 1 : a._journeysPosition - b._journeysPosition;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("table[data-journeys-sortable]"), function (table) {
      if (table.hasAttribute("data-journeys-enhanced")) return;
      table.setAttribute("data-journeys-enhanced", "");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "journeys-sort";
        button.textContent = header.textContent;
        button.addEventListener("click", function () { sortBy(table, header, index); });
        header.textContent = "";
        header.appendChild(button);
      });
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { enhance(document); }); /* Material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
