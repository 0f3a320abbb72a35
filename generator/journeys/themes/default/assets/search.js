/* journeys: the theme's own search box (the mkdocs theme's dialog, Material's header
   box), answered by Pagefind. Pagefind loads only the parts of its index a query
   needs. A word typed before Pagefind is ready is searched once it is; facets narrow
   the results; each result names its page (a map) and each match in it names its
   stage and step and links to that step. Text from the index is only ever put in
   text nodes: excerpts carry the site's words as written, with <mark> around matches. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.documentElement;
  // This file is assets/journeys/search.js; the index is pagefind/ at the site's root.
  var siteRoot = new URL("../../", script.src);
  // The words of the search box, in the site's language: journeys writes them in here
  // (site/search.py, search_assets): facet names, facet values and the status lines.
  var WORDS = /*journeys:words*/{};
  var FACETS = WORDS.facets;
  var SHOWN = 10, FIRST_FETCHED = 3, PLACES_SHOWN = 3;
  var NEEDS_SERVER = WORDS.search_needs_server;

  /* A status line with its {names} filled in. */
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The theme's box and the place its results go. */
  function themeParts() {
    var input = document.getElementById("mkdocs-search-query");
    if (input) {
      var list = document.getElementById("mkdocs-search-results");
      var status = el("p", "journeys-search-status");
      list.parentNode.insertBefore(status, list);
      return { theme: "mkdocs", input: input, list: list, status: status, facetsBefore: status };
    }
    input = document.querySelector(".md-search__input");
    if (!input) return null;
    var meta = document.querySelector(".md-search-result__meta");
    return { theme: "material", input: input, list: document.querySelector(".md-search-result__list"),
      status: meta, facetsBefore: meta.nextSibling };
  }

  /* An excerpt: text, with Pagefind's <mark> around the matched words. */
  function excerptNode(excerpt, tag) {
    var node = el(tag || "p", "journeys-search-excerpt");
    String(excerpt || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) node.appendChild(marked ? el("mark", "", part) : document.createTextNode(part));
      return marked;
    }, false);
    return node;
  }

  /* "Stage › Step" for a match under a step heading: its stage is the h2 before it. */
  function placeName(result, sub) {
    var anchor = sub.anchor;
    if (!anchor || anchor.element !== "h3") return sub.title;
    var stage = null;
    (result.anchors || []).forEach(function (other) {
      if (other.element === "h2" && other.location < anchor.location) stage = other;
    });
    return stage ? stage.text + " \u203a " + sub.title : sub.title;
  }

  function places(result) {
    return (result.sub_results || []).filter(function (sub) {
      return sub.anchor && sub.anchor.element !== "h1";
    }).slice(0, PLACES_SHOWN);
  }

  function renderMkdocs(parts, results) {
    results.forEach(function (result) {
      var article = el("article", "journeys-search-result");
      var heading = el("h3");
      var link = el("a", "", result.meta.title || result.url);
      link.href = result.url;
      heading.appendChild(link);
      article.appendChild(heading);
      var found = places(result);
      if (!found.length) article.appendChild(excerptNode(result.excerpt));
      found.forEach(function (sub) {
        var place = el("a", "journeys-search-place", placeName(result, sub));
        place.href = sub.url;
        var item = el("div", "journeys-search-sub");
        item.appendChild(place);
        item.appendChild(excerptNode(sub.excerpt));
        article.appendChild(item);
      });
      parts.list.appendChild(article);
    });
  }

  function materialLink(url, heading, text, excerpt) {
    var link = el("a", heading === "h1" ? "md-search-result__link" : "md-search-result__link journeys-search-place");
    link.href = url;
    link.tabIndex = -1;
    var article = el("article", "md-search-result__article md-typeset");
    if (heading === "h1") article.appendChild(el("div", "md-search-result__icon md-icon"));
    article.appendChild(el(heading, "", text));
    article.appendChild(excerptNode(excerpt));
    link.appendChild(article);
    return link;
  }

  function renderMaterial(parts, results) {
    results.forEach(function (result) {
      var item = el("li", "md-search-result__item journeys-search-result");
      var found = places(result);
      item.appendChild(materialLink(result.url, "h1", result.meta.title || result.url, found.length ? "" : result.excerpt));
      found.forEach(function (sub) {
        item.appendChild(materialLink(sub.url, "h2", placeName(result, sub), sub.excerpt));
      });
      parts.list.appendChild(item);
    });
  }

  function setStatus(parts, text) {
    parts.status.textContent = text;
  }

  /* The elements a reader reaches for to search: the box, and the buttons that open it. */
  var OPENERS = "a[data-bs-target='#mkdocs_search_modal'], label[for=__search], .md-search__input";

  function start(parts) {
    var pagefind = null, loading = null, facets = {}, facetsShown = null;
    // generation counts changes of the query (text or facets); running: a search is under way.
    var generation = 0, running = false;

    function load() {
      if (!loading) {
        loading = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
          module.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
          return Promise.resolve(module.init()).then(function () {
            pagefind = module;
            root.setAttribute("data-journeys-search", "ready");
            if (parts.theme === "material" && !parts.input.value) setStatus(parts, WORDS.search_type);
            return module;
          });
        });
        loading.catch(function () {
          root.setAttribute("data-journeys-search", "failed");
          setStatus(parts, WORDS.search_failed);
        });
      }
      return loading;
    }

    function buildFacets(available) {
      var facetBar = el("div", "journeys-search-facets");
      facetBar.setAttribute("role", "group");
      facetBar.setAttribute("aria-label", WORDS.search_narrow);
      FACETS.forEach(function (facet) {
        var values = Object.keys(available[facet[0]] || {}).sort();
        if (!values.length) return;
        var label = el("label", "journeys-search-facet");
        label.appendChild(el("span", "", facet[1]));
        var select = el("select");
        select.name = facet[0];
        select.appendChild(el("option", "", WORDS.search_any));
        select.options[0].value = "";
        values.forEach(function (value) {
          var option = el("option", "", (WORDS.values[facet[0]] || {})[value] || value);
          option.value = value;
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          if (select.value) facets[facet[0]] = select.value; else delete facets[facet[0]];
          changed();
        });
        label.appendChild(select);
        facetBar.appendChild(label);
      });
      parts.status.parentNode.insertBefore(facetBar, parts.facetsBefore);
    }

    /* The facet bar, made once. It needs every facet's values (seven files), so it is
       asked for after the first results are on screen, never before them. */
    function showFacets(module) {
      facetsShown = facetsShown || module.filters().then(buildFacets);
    }

    /* Shows the results of the search of generation ``mine``: each result as soon as its
       fragment and those of the better results have arrived, the first FIRST_FETCHED
       fetched before the rest of the first SHOWN, and nothing once the query has changed. */
    function show(module, found, mine) {
      var total = found.results.length, ranked = found.results.slice(0, SHOWN), data = [], shown = 0;
      function status() {
        parts.list.textContent = "";
        setStatus(parts, total === 0 ? WORDS.search_none :
          (total > SHOWN ? say("search_showing", { shown: SHOWN, total: total }) :
            say(total === 1 ? "search_results_one" : "search_results_other", { n: total })));
      }
      function done() {
        root.setAttribute("data-journeys-search-results", String(total));
        showFacets(module);
      }
      function fetch(i) {
        return ranked[i].data().then(function (fragment) {
          data[i] = fragment;
          if (mine !== generation) return;
          if (shown === 0 && data[0]) status();
          var ready = [];
          while (shown < ranked.length && data[shown]) ready.push(data[shown++]);
          (parts.theme === "material" ? renderMaterial : renderMkdocs)(parts, ready);
          if (shown === ranked.length) done();
        });
      }
      if (!total) { status(); done(); return; }
      // The best few first: a query typed on meanwhile does not wait behind the rest.
      Promise.all(ranked.slice(0, FIRST_FETCHED).map(function (_, i) { return fetch(i); })).then(function () {
        for (var i = FIRST_FETCHED; i < ranked.length && mine === generation; i++) fetch(i);
      });
    }

    /* Searches for what the box holds now. One search at a time: a query changed while
       one runs is searched when it ends (so fast typing runs few searches, and the first
       starts on the first keystroke, with no debounce). */
    function search() {
      if (running) return;
      var term = parts.input.value.trim(), mine = generation;
      if (!term && !Object.keys(facets).length) {
        parts.list.textContent = "";
        setStatus(parts, "");
        return;
      }
      running = true;
      if (!pagefind) setStatus(parts, WORDS.search_loading);
      load().then(function (module) {
        if (mine !== generation) return null;  // typed on while Pagefind loaded
        return module.search(term || null, { filters: facets }).then(function (found) {
          if (mine === generation) show(module, found, mine);
        });
      }).then(function () {
        running = false;
        if (mine !== generation) search();
      }, function () { running = false; });
    }

    function changed() {
      generation++;
      search();
    }

    parts.input.addEventListener("input", function () {
      // While a search runs, fetch the index part the new text needs (the next search uses it).
      if (pagefind && running && parts.input.value.trim()) pagefind.preload(parts.input.value.trim(), { filters: facets });
      changed();
    });
    // Pagefind's start (its script, worker, wasm and metadata: about 95 KB gzipped at
    // 1,000 maps) loads once the page is idle, or at once when the reader reaches for the box.
    parts.input.addEventListener("focus", load);
    document.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest(OPENERS)) load();
    }, true);
    if (window.requestIdleCallback) window.requestIdleCallback(load, { timeout: 1000 }); else setTimeout(load, 0);
    // The mkdocs theme's form would reload the page on Enter; Material handles its own.
    if (parts.input.form) parts.input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (parts.input.value.trim()) search();
  }

  /* From file://, Material hides its search box when its own search cannot start (a
     worker cannot be made from a file): keep it shown, opened by focus, to explain. */
  function keepMaterialBoxShown(parts) {
    var box = parts.input.closest(".md-search");
    var reveal = function () { if (box.hidden) box.hidden = false; };
    new MutationObserver(reveal).observe(box, { attributes: true, attributeFilter: ["hidden"] });
    reveal();
    parts.input.addEventListener("focus", function () {
      var toggle = document.getElementById("__search");
      if (toggle) toggle.checked = true;
    });
  }

  function main() {
    var parts = themeParts();
    if (!parts) return;
    root.setAttribute("data-journeys-search", "loading");
    if (location.protocol === "file:") {
      root.setAttribute("data-journeys-search", "needs-server");
      if (parts.theme === "material") keepMaterialBoxShown(parts);
      var explain = function () { setStatus(parts, NEEDS_SERVER); };
      parts.input.addEventListener("focus", explain);
      parts.input.addEventListener("input", explain);
      return;
    }
    start(parts);
  }

  // The mkdocs theme puts its search dialog after the page's scripts.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main); else main();
})();
