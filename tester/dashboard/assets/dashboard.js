// ashyq dashboard: sortable column headers and a filter for the sites table. The table is
// complete without this file; it only adds behaviour. No network, no inline code (CSP 'self').
(function () {
  "use strict";
  var table = document.getElementById("sites");
  var form = document.getElementById("dash-filter");
  var status = document.getElementById("dash-status");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function sortValue(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    return value === null ? "" : value;
  }

  function compare(a, b, text) {
    if (text) { return a.localeCompare(b, undefined, { numeric: true }); }
    return parseFloat(a) - parseFloat(b);
  }

  function sortBy(index, descending) {
    var text = heads[index].getAttribute("data-sort-type") === "text" ||
      heads[index].getAttribute("data-sort-type") === null && index === 0;
    var numeric = !text && rows.every(function (row) {
      var value = sortValue(row, index);
      return value === "" || !isNaN(parseFloat(value));
    });
    var ordered = rows.slice().sort(function (x, y) {
      var a = sortValue(x, index), b = sortValue(y, index);
      if (a === "" || b === "") { return (a === "") - (b === ""); } // unknown: always last
      var order = compare(a, b, !numeric);
      return descending ? -order : order;
    });
    ordered.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (head, i) {
      if (i === index) {
        head.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        head.removeAttribute("aria-sort");
      }
    });
    if (status) {
      status.textContent = (table.getAttribute("data-sorted-label") || "") + " " +
        heads[index].textContent.trim() + " " + (descending ? "↓" : "↑");
    }
  }

  heads.forEach(function (head, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (head.firstChild) { button.appendChild(head.firstChild); }
    head.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(index, head.getAttribute("aria-sort") === "ascending");
    });
  });
  heads[0].setAttribute("aria-sort", "ascending"); // the page comes sorted by site name

  if (!form) { return; }
  var text = document.getElementById("filter-text");
  var failed = document.getElementById("filter-failed");
  var fell = document.getElementById("filter-fell");

  function applyFilter() {
    var words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = row.getAttribute("data-search") || "";
      var visible = words.every(function (word) { return haystack.indexOf(word) !== -1; }) &&
        (!failed.checked || row.hasAttribute("data-failed")) &&
        (!fell.checked || row.hasAttribute("data-fell"));
      row.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    if (status) {
      status.textContent = (table.getAttribute("data-shown-label") || "")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  text.addEventListener("input", applyFilter);
  failed.addEventListener("change", applyFilter);
  fell.addEventListener("change", applyFilter);
  form.hidden = false;
}());
