"""Material's instant navigation (``navigation.instant``) on a journeys site, in a real
browser: it swaps pages in without reloading, and the journeys pages, scripts and search
must keep working through it.

Material makes the links of each page it loads absolute by assigning to the ``href`` of
every ``[href]`` element; an SVG link's ``href`` has only a getter, and the error stopped
every later page change (the address changed, the page did not). Its links are
``xlink:href`` for that (render/svg.py), and viewer.js, sort.js and filter.js set up each
page Material shows (``document$``), not only the first.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import REPO_ROOT
from test_search_browser import search

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.testing import Result

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
pytest.importorskip("material", reason="pip install -e '.[test]' brings mkdocs-material")

CONFIG = """\
site_name: Instant
site_url: {base}
theme:
  name: material
  features:
    - navigation.instant
plugins:
  - search
  - journeys:
      downloads: []
"""
#: A map whose diagram links a step to the map detailing it.
DETAILING, DETAILED = "laptop-purchase", "laptop-missed-delivery"


@pytest.fixture
def site(tmp_path: Path, serve_folder: Callable[..., str], cli: Callable[..., Result]) -> str:
    """The example maps in Material with instant navigation, served; its base URL.
    Material navigates instantly only within its ``site_url``, so the folder is served
    first and the site built for the address it is served at."""
    project, folder = tmp_path / "project", tmp_path / "site"
    folder.mkdir()
    base = serve_folder(folder)
    for name in ("maps", "personas"):
        shutil.copytree(REPO_ROOT / name, project / name)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG.format(base=base), encoding="utf-8")
    result = cli("build", project, "--site-dir", folder)
    assert result.exit_code == 0, result.output
    return base


def heading(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("article h1").first.inner_text()


def test_pages_change_in_place_and_each_is_set_up(open_page, site: str) -> None:
    page = open_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}journeys/")
    page.evaluate("window.sameDocument = true")  # gone if the browser loads a page itself

    page.locator(f"article a[href$='maps/{DETAILING}/']").first.click()
    page.wait_for_function("document.querySelector('figure.journeys-figure') !== null")
    assert page.evaluate("window.sameDocument === true"), "Material did not navigate instantly"
    assert heading(page) == "Buying a laptop online"
    assert page.get_by_role("button", name="Fit to width").is_visible()  # the viewer set up this page
    assert page.locator("a.detail-link").count() >= 1

    page.locator("a.detail-link").first.click()  # an SVG link: the browser's own navigation
    page.wait_for_url(f"**/maps/{DETAILED}/")
    assert heading(page) == "Getting a missed laptop delivery back"
    assert page.get_by_role("button", name="Fit to width").is_visible()

    page.go_back()  # to the map with the SVG link, loaded: the page that stopped Material
    page.wait_for_url(f"**/maps/{DETAILING}/")
    page.wait_for_function("document.querySelector('figure.journeys-figure') !== null")
    page.evaluate("window.sameDocument = true")
    page.locator("article a[href$='personas/sam/']").first.click()
    page.wait_for_function("document.querySelector('article h1').textContent === 'Sam Okafor'")
    assert page.evaluate("window.sameDocument === true"), "Material stopped after the map with the SVG link"

    page.goto(f"{site}journeys/")
    page.evaluate("window.sameDocument = true")
    page.locator("article a[href$='pain-points/']").first.click()
    page.wait_for_function("document.querySelector('article h1').textContent === 'Pain points'")
    assert page.evaluate("window.sameDocument === true")
    assert page.locator("form.journeys-filters").is_visible()  # filter.js set up this page too

    # Material closes its search as a page change ends: only then is it opened here.
    page.wait_for_load_state("networkidle")
    found = search(page, "material", "delivery")  # the header's box still leads to Pagefind
    assert any(result["title"] == "Getting a missed laptop delivery back" for result in found)
    assert errors == []
