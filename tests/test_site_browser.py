"""The built site in a real browser (headless Chromium through Playwright).

Skips with the reason when Chromium is absent (.ci/run installs it).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import project_maker
from site_checks import mkdocs_build, shop_project
from test_site_xss import xss_files

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

PAIN_POINT = "Specification tables disagree with each other"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def serve_folder() -> Iterator:
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def shop_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``shop_site(theme)``: the shop project's site, built once per theme for this module."""
    built: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in built:
            folder = tmp_path_factory.mktemp(f"shop-{theme}")
            root = shop_project(project_maker(folder / "project"), theme=theme)
            result = mkdocs_build(root, folder / "site")
            assert result.returncode == 0, result.stderr
            built[theme] = folder / "site"
        return built[theme]

    return build


def search(page, theme: str, query: str):
    """Type ``query`` into the theme's search box; the result links that appear."""
    if theme == "material":
        page.wait_for_function("() => window.document$ !== undefined")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=30)
        return page.locator("a.md-search-result__link")
    page.click("a[data-bs-target='#mkdocs_search_modal']")
    box = page.locator("#mkdocs-search-query")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=30)  # the mkdocs theme searches on key-up
    return page.locator("#mkdocs-search-results a")


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_search_for_a_pain_point_leads_to_its_map_with_a_visible_diagram(
    open_page, serve_folder, shop_site, theme: str
) -> None:
    base = serve_folder(shop_site(theme))
    page = open_page()
    page.goto(base)
    results = search(page, theme, "disagree")
    results.first.wait_for(timeout=15000)
    hits = [results.nth(i) for i in range(results.count())]
    target = next((hit for hit in hits if "maps/laptop/" in (hit.get_attribute("href") or "")), None)
    assert target is not None, [results.nth(i).get_attribute("href") for i in range(results.count())]
    target.click()
    page.wait_for_url("**/maps/laptop/**")
    assert page.locator("table.journeys-step").get_by_text(PAIN_POINT).first.is_visible()
    diagram = page.locator("figure.journeys-figure svg.journey-diagram")
    diagram.wait_for(state="visible")
    box = diagram.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_the_inline_diagrams_cards_keep_their_shape_in_the_page(open_page, serve_folder, shop_site, theme: str) -> None:
    """The page's CSS must not reach the drawing: Bootstrap's .card (the mkdocs theme)
    flattened the pain-point and opportunity cards to nothing when they had that class."""
    page = open_page()
    page.goto(serve_folder(shop_site(theme)) + "maps/laptop/")
    cards = page.locator("figure.journeys-figure svg.journey-diagram rect.pain-card")
    cards.first.wait_for(state="attached")
    heights = cards.evaluate_all("rects => rects.map(r => r.getBoundingClientRect().height)")
    assert heights and min(heights) > 10, heights


def test_pain_points_table_sorts_by_emotion_with_javascript(open_page, serve_folder, shop_site) -> None:
    base = serve_folder(shop_site("mkdocs"))
    page = open_page()
    page.goto(base + "journeys/pain-points/")
    first_cells = lambda: page.locator("table[data-journeys-sortable] tbody tr td:first-child").all_inner_texts()  # noqa: E731
    assert first_cells()[0] == PAIN_POINT  # severity high first, without any sorting
    page.click("th button:has-text('Emotion')")
    assert first_cells()[0] == "Card form rejects spaces"  # -2 comes before -1
    page.click("th button:has-text('Emotion')")
    assert first_cells()[0] == PAIN_POINT
    assert page.locator("th[aria-sort='descending'] button:has-text('Emotion')").count() == 1


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_xss_payloads_never_run(open_page, serve_folder, make_project, tmp_path: Path, theme: str) -> None:
    root = make_project(xss_files(theme), personas=False)
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    base = serve_folder(tmp_path / "site")
    page = open_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.__ranPayload = false; window.alert = () => { window.__ranPayload = true; };")
    for path in ("", "maps/evil/", "personas/evil/", "journeys/pain-points/", "journeys/opportunities/",
                 "journeys/channels/", "journeys/tags/", "journeys/evidence/", "journeys/personas-and-maps/",
                 "maps/evil.svg"):  # fmt: skip
        page.goto(base + path)
        page.wait_for_load_state("load")
        if path == "":
            search(page, theme, "Body").first.wait_for(timeout=15000)  # results quote the payload
        assert page.evaluate("window.__ranPayload") is False, path
        injected = page.evaluate(
            "document.querySelectorAll("
            "'img[src=\"x\"], [onerror], [onload], a[href^=\"javascript\"], svg[onload]'"
            ").length"
        )
        assert injected == 0, path
    page.goto(base + "maps/evil/")
    assert page.locator("a:has-text('click me')").count() == 0  # the javascript: link is text
    assert dialogs == []


@pytest.mark.parametrize(("scheme", "variant"), [("default", "light"), ("slate", "dark")])
def test_diagram_colours_follow_materials_colour_scheme(
    open_page, serve_folder, make_project, tmp_path: Path, scheme: str, variant: str
) -> None:
    from journeys.config import Settings
    from journeys.render.theme import load_theme
    from site_checks import SITE_MKDOCS_YML

    config = SITE_MKDOCS_YML.format(theme=f"material\n  palette:\n    scheme: {scheme}")
    root = shop_project(make_project, extra={"mkdocs.yml": config})
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    page = open_page(color_scheme="light" if variant == "dark" else "dark")  # the site's choice wins
    page.goto(serve_folder(tmp_path / "site") + "maps/laptop/")
    expected = load_theme(Settings(root=root)).colours(variant)
    style = "name => getComputedStyle(document.querySelector('svg.journey-diagram')).getPropertyValue(name).trim()"
    assert page.evaluate(style, "--journeys-background").lower() == expected["background"].lower()
    # What the diagram itself paints with (its private variable, if it has one) agrees.
    used = page.evaluate(style, "--jd-background")
    assert not used or used.lower() == expected["background"].lower()
