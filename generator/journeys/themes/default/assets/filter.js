/* journeys: optional filters on roll-up pages. The page lists every item without
   JavaScript; this shows the filter form and hides the items (table rows, points of
   the opportunity matrix) that do not match every chosen value. An item carries its
   values as data-<filter> attributes, several separated by spaces (data-persona), or
   as a JSON list when values may hold spaces (the catalogue's data-tag='["a b"]'). */
(function () {
  "use strict";
  function matches(item, selects) {
    return Array.prototype.every.call(selects, function (select) {
      if (!select.value) return true;
      var raw = item.getAttribute("data-" + select.getAttribute("data-filter")) || "";
      var values = raw.charAt(0) === "[" ? JSON.parse(raw) : raw.split(" ");
      return values.indexOf(select.value) !== -1;
    });
  }
  function apply(form) {
    var root = form.closest(".journeys-rollup") || document;
    var selects = form.querySelectorAll("select[data-filter]");
    var shown = 0, total = 0;
    Array.prototype.forEach.call(root.querySelectorAll(".journeys-filter-item"), function (item) {
      var match = matches(item, selects);
      item.style.display = match ? "" : "none";
      if (item.tagName === "TR") {
        total += 1;
        if (match) shown += 1;
      }
    });
    var count = form.querySelector(".journeys-filter-count");
    // The sentence comes from the page, in its language: "Showing {shown} of {total} {noun}".
    var words = { shown: shown, total: total, noun: form.getAttribute("data-noun") };
    if (count) count.textContent = form.getAttribute("data-count").replace(/\{(shown|total|noun)\}/g, function (_, name) { return words[name]; });
  }
  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("form[data-journeys-filters]"), function (form) {
      if (form.hasAttribute("data-journeys-enhanced")) return;
      form.setAttribute("data-journeys-enhanced", "");
      form.hidden = false;
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () { window.setTimeout(function () { apply(form); }, 0); });
      apply(form);
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
