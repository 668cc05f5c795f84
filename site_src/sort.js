/* Sortable tables (progressive enhancement): in a table[data-sortable], every header cell
   with data-sort-type gets a button that sorts the body rows by the cells' data-sort keys,
   computed by the build ("number" keys are parsed as numbers, "text" keys compared as
   strings).  A missing key always sorts last.  Without this script the table is unchanged. */
(function () {
  "use strict";
  function key(row, index, numeric) {
    var cell = row.cells[index];
    var value = cell ? cell.getAttribute("data-sort") : null;
    if (value === null || value === "") { return null; }
    return numeric ? parseFloat(value) : value;
  }
  function compare(a, b, descending) {
    if (a === null || b === null) { return a === b ? 0 : (a === null ? 1 : -1); }
    var order = a < b ? -1 : (a > b ? 1 : 0);
    return descending ? -order : order;
  }
  function sort(table, th, index) {
    var numeric = th.getAttribute("data-sort-type") === "number";
    var descending = th.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: key(row, index, numeric), position: position };
    });
    rows.sort(function (a, b) { return compare(a.key, b.key, descending) || a.position - b.position; });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-sort-type")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, th, index); });
    });
    table.querySelectorAll(".sort-hint").forEach(function (hint) { hint.hidden = false; });
  }
  function start() {
    document.querySelectorAll("table[data-sortable]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
