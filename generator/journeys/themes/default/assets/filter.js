/* journeys: optional filtering of a table (the catalogue of maps). Progressive
   enhancement: the page ships a complete table and a hidden form; this shows the form
   and hides the rows that do not match. Each row lists its values per filter as a JSON
   array in data-<filter> (data-persona='["sam","pat"]'); each <select data-filter> of a
   form[data-journeys-filter="<table id>"] keeps rows holding the chosen value. */
(function () {
  "use strict";
  function values(row, name) {
    try {
      return JSON.parse(row.getAttribute("data-" + name) || "[]");
    } catch (error) {
      return [];
    }
  }
  function apply(form, table) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        return !select.value || values(row, select.getAttribute("data-filter")).indexOf(select.value) !== -1;
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var status = form.querySelector("[role=status]");
    if (status) {
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " maps."
        : "Showing " + shown + " of " + rows.length + " maps.";
    }
  }
  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("form[data-journeys-filter]"), function (form) {
      var table = document.getElementById(form.getAttribute("data-journeys-filter"));
      if (!table || form.hasAttribute("data-journeys-enhanced")) return;
      form.setAttribute("data-journeys-enhanced", "");
      form.addEventListener("change", function () { apply(form, table); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      /* reset fires before the controls change back */
      form.addEventListener("reset", function () { setTimeout(function () { apply(form, table); }, 0); });
      form.hidden = false;
      apply(form, table);
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
