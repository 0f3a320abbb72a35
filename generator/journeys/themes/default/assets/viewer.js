/* journeys: the diagram viewer of map pages. Shows the controls the page holds hidden:
   fit to width, zoom out and in, full screen (Escape leaves it). Zooming sets the
   diagram's width (and its label column's), so panning stays the browser's own
   scrolling: mouse wheel, scroll bars, touchpad, touch and the arrow keys all work, and
   the label column's position: sticky keeps working. Without this script the diagram
   scrolls at full size. */
(function () {
  "use strict";
  var LEVELS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3];
  var ON = "journeys-viewer-on";

  function setUp(figure) {
    var scroller = figure.querySelector(".journeys-diagram-scroll");
    var diagram = scroller && scroller.querySelector("svg.journey-diagram");
    var labels = scroller && scroller.querySelector("svg.journeys-diagram-labels");
    var controls = figure.querySelector(".journeys-viewer-controls");
    if (!diagram || !controls || !diagram.viewBox || !diagram.viewBox.baseVal) return;
    if (figure.hasAttribute("data-journeys-enhanced")) return;
    figure.setAttribute("data-journeys-enhanced", "");
    var width = diagram.viewBox.baseVal.width;
    var labelWidth = labels ? labels.viewBox.baseVal.width : 0;
    var fit = controls.querySelector(".journeys-viewer-fit");
    var full = controls.querySelector(".journeys-viewer-full");
    var readout = controls.querySelector(".journeys-viewer-zoom");
    // The button's words come from the page, in its language.
    var enterText = full.textContent, exitText = full.getAttribute("data-exit") || enterText;
    var zoom = 1;
    var fitted = false;

    function show(next, isFit) {
      zoom = Math.min(Math.max(next, 0.05), LEVELS[LEVELS.length - 1]);
      fitted = isFit;
      diagram.style.width = width * zoom + "px";
      diagram.style.height = "auto";
      if (labels) {
        labels.style.width = labelWidth * zoom + "px";
        labels.style.height = "auto";
      }
      readout.textContent = Math.round(zoom * 100) + "%";
      fit.setAttribute("aria-pressed", String(isFit));
    }
    function fitZoom() {
      return Math.min(scroller.clientWidth / width, 1);
    }
    function step(direction) {
      // The fitting zoom is a level too, so zooming out reaches it on a very long map.
      var levels = LEVELS.concat([fitZoom()]).sort(function (a, b) { return a - b; });
      if (direction < 0) levels.reverse();
      var next = levels.filter(function (level) {
        return direction > 0 ? level > zoom + 0.001 : level < zoom - 0.001;
      })[0];
      if (next !== undefined) show(next, false);
    }
    function enter() {
      figure.classList.add(ON);
      full.setAttribute("aria-pressed", "true");
      full.textContent = exitText;
      if (figure.requestFullscreen) {
        figure.requestFullscreen().catch(function () { /* the fixed layer stands in */ });
      }
      document.addEventListener("keydown", onKey);
      if (fitted) show(fitZoom(), true);
      scroller.focus();
    }
    function leave() {
      figure.classList.remove(ON);
      full.setAttribute("aria-pressed", "false");
      full.textContent = enterText;
      document.removeEventListener("keydown", onKey);
      if (document.fullscreenElement === figure && document.exitFullscreen) {
        document.exitFullscreen().catch(function () {});
      }
      if (fitted) show(fitZoom(), true);
      full.focus();
    }
    function onKey(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        leave();
      }
    }

    fit.addEventListener("click", function () { show(fitZoom(), true); });
    controls.querySelector(".journeys-viewer-zoom-in").addEventListener("click", function () { step(1); });
    controls.querySelector(".journeys-viewer-zoom-out").addEventListener("click", function () { step(-1); });
    full.addEventListener("click", function () {
      if (figure.classList.contains(ON)) leave(); else enter();
    });
    // The browser leaves its full screen on Escape itself, without a key event.
    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && figure.classList.contains(ON)) leave();
    });
    // Keys on the focused diagram: + and - zoom, 0 fits.
    scroller.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "+" || event.key === "=") step(1);
      else if (event.key === "-") step(-1);
      else if (event.key === "0") show(fitZoom(), true);
      else return;
      event.preventDefault();
    });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (fitted) show(fitZoom(), true); }).observe(scroller);
    }
    controls.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".journeys figure[data-journeys-viewer]"), setUp);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start); /* Material instant navigation: each page it shows */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
