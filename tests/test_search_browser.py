"""Pagefind behind the theme's own search box, in a real browser (headless Chromium).

One small site per theme, built once for this module. Skips with the reason when
Chromium is absent (.ci/run installs it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import project_maker
from example_sites import QuietHandler
from site_checks import mkdocs_build, shop_project

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

THEMES = ["mkdocs", "material"]
#: A word only the laptop map holds (its roll-up rows are kept out of the index).
ONLY_ONE_MAP = "disagree"
#: A map with a step of the same name as one of the laptop map's.
RETURN_MAP = """\
title: Returning a laptop
personas: [sam]
state: current
status: draft
stages:
  - name: Decide
    steps:
      - name: Compares specifications
        actions: Checks whether the replacement is any better
"""


def holding_the_index(release: threading.Event) -> type[QuietHandler]:
    """A server that sends no file of the Pagefind index until ``release`` is set."""

    class Held(QuietHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/pagefind/"):
                release.wait(timeout=30)
            super().do_GET()

    return Held


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``site(theme)``: the shop project's site with the default search, built once per theme."""
    built: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in built:
            folder = tmp_path_factory.mktemp(f"search-{theme}")
            root = shop_project(project_maker(folder / "project"), theme=theme, extra={"maps/return.yaml": RETURN_MAP})
            result = mkdocs_build(root, folder / "site")
            assert result.returncode == 0, result.stderr
            built[theme] = folder / "site"
        return built[theme]

    return build


def open_search(page, theme: str):
    """Open the theme's header search box; the box."""
    if theme == "material":
        box = page.locator("input.md-search__input")
        if page.viewport_size["width"] < 960:  # Material's header shows a button instead (below 60em)
            page.locator("label.md-header__button[for=__search]").click()
        box.click()
        return box
    link = page.locator("a[data-bs-target='#mkdocs_search_modal']")
    if page.viewport_size["width"] < 768:  # the mkdocs theme folds its menu (below Bootstrap's md)
        page.locator(".navbar-toggler[data-bs-target='#navbar-collapse']").click()
    link.click()
    box = page.locator("#mkdocs-search-query")
    box.wait_for(state="visible")
    return box


def results(page):
    """Each result (a page) as {title, href, places: [(name, href)]}, once some are shown."""
    page.locator(".journeys-search-result").first.wait_for(timeout=15000)
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.journeys-search-result')).map(result => {
          const title = result.querySelector('h3 a, a.md-search-result__link h1');
          const link = title.closest('a');
          return {title: title.textContent, href: link.getAttribute('href'),
                  places: Array.from(result.querySelectorAll('a.journeys-search-place'))
                    .map(a => [a.querySelector('h2') ? a.querySelector('h2').textContent : a.textContent,
                               a.getAttribute('href')])};
        })"""
    )


def search(page, theme: str, query: str) -> list[dict]:
    open_search(page, theme).press_sequentially(query, delay=30)
    page.wait_for_function(
        "q => document.documentElement.dataset.journeysSearchResults !== undefined", arg=query, timeout=15000
    )
    return results(page)


@pytest.mark.parametrize("theme", THEMES)
def test_a_word_only_one_map_holds_is_found_through_the_header_box(open_page, serve_folder, site, theme: str) -> None:
    base = serve_folder(site(theme))
    page = open_page()
    page.goto(base)
    found = search(page, theme, ONLY_ONE_MAP)
    assert [result["title"] for result in found] == ["Buying a laptop online"]
    assert page.locator("#mkdocs-search-results, .md-search-result__list").first.is_visible()


@pytest.mark.parametrize("theme", THEMES)
def test_a_result_names_map_and_stage_and_links_to_the_steps_anchor(open_page, serve_folder, site, theme: str) -> None:
    base = serve_folder(site(theme))
    page = open_page()
    page.goto(base + "guide/")
    (result,) = search(page, theme, ONLY_ONE_MAP)
    assert result["places"][0] == ["Discover › Compares specifications", "/maps/laptop/#step-compares-specifications"]
    page.locator("a.journeys-search-place").first.click()
    page.wait_for_url("**/maps/laptop/#step-compares-specifications")
    assert page.locator("#step-compares-specifications").is_visible()


@pytest.mark.parametrize("theme", THEMES)
def test_a_step_two_maps_have_is_found_on_both_each_named_with_its_map_and_stage(
    open_page, serve_folder, site, theme: str
) -> None:
    base = serve_folder(site(theme))
    page = open_page()
    page.goto(base)
    found = {result["title"]: result["places"][:1] for result in search(page, theme, "specifications")}
    assert found["Buying a laptop online"] == [
        ["Discover › Compares specifications", "/maps/laptop/#step-compares-specifications"]
    ]
    assert found["Returning a laptop"] == [
        ["Decide › Compares specifications", "/maps/return/#step-compares-specifications"]
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_a_persona_facet_narrows_the_results(open_page, serve_folder, site, theme: str) -> None:
    base = serve_folder(site(theme))
    page = open_page()
    page.goto(base)
    everything = search(page, theme, "laptop")
    titles = {result["title"] for result in everything}
    assert {"Buying a laptop online", "Buying a laptop, the way we want it"} <= titles
    personas = page.locator("select[name=persona]")
    personas.wait_for()  # the facets are fetched once the first results show
    assert personas.locator("option").all_text_contents() == ["Any", "Pat Lee", "Sam Okafor"]
    page.evaluate("() => { delete document.documentElement.dataset.journeysSearchResults; }")
    personas.select_option("Pat Lee")  # only the current map has Pat; her own page lists it
    page.wait_for_function("() => document.documentElement.dataset.journeysSearchResults === '2'")
    assert sorted(result["title"] for result in results(page)) == ["Buying a laptop online", "Pat Lee"]


@pytest.mark.parametrize("theme", THEMES)
def test_typing_before_the_index_has_loaded_still_gives_results(open_page, serve_folder, site, theme: str) -> None:
    release = threading.Event()
    base = serve_folder(site(theme), holding_the_index(release))
    page = open_page()
    page.goto(base, wait_until="domcontentloaded")
    open_search(page, theme).press_sequentially(ONLY_ONE_MAP, delay=10)
    time.sleep(0.3)  # past the debounce: the query waits for the index
    assert page.evaluate("document.documentElement.dataset.journeysSearch") == "loading"
    release.set()
    assert [result["title"] for result in results(page)] == ["Buying a laptop online"]


#: Marks when the first result shows and when the last key goes down.
TYPING_PROBE = """
window.__typing = {lastKey: 0, firstResult: 0};
document.addEventListener("keydown", () => { window.__typing.lastKey = performance.now(); }, true);
new MutationObserver(() => {
  if (!window.__typing.firstResult && document.querySelector(".journeys-search-result")) {
    window.__typing.firstResult = performance.now();
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.parametrize("theme", THEMES)
def test_results_show_while_the_reader_is_still_typing(open_page, serve_folder, site, theme: str) -> None:
    # No debounce: the first keystroke searches, so a reader who types on (here, spaces
    # that leave the query as it is, for two seconds) sees results before stopping.
    base = serve_folder(site(theme))
    page = open_page()
    page.add_init_script(TYPING_PROBE)
    page.goto(base)
    page.wait_for_function("() => document.documentElement.dataset.journeysSearch === 'ready'")
    open_search(page, theme).press_sequentially(ONLY_ONE_MAP + " " * 40, delay=50)
    typing = page.evaluate("window.__typing")
    assert 0 < typing["firstResult"] < typing["lastKey"]


@pytest.mark.parametrize("theme", THEMES)
def test_from_a_file_url_the_box_says_search_needs_a_web_server(open_page, site, theme: str) -> None:
    page = open_page()
    page.goto((site(theme) / "index.html").as_uri())
    open_search(page, theme).press_sequentially(ONLY_ONE_MAP, delay=10)
    status = page.locator(".journeys-search-status, .md-search-result__meta").first
    assert "Search needs the site to be served by a web server" in status.text_content()
    assert status.is_visible()
