"""Map pages in a real browser: the overview fits, the viewer works from the keyboard,
and no page of the example site scrolls sideways on a phone (headless Chromium)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from conftest import REPO_ROOT
from example_sites import THEMES, ExampleSite, build_example_site, map_ids, page_paths, serve
from journeys.config import load_settings
from journeys.loading.project import load_project

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
LONG_MAP = "laptop-purchase"
#: The overview the page shows (it holds one drawn for a wide and one for a narrow column).
SHOWN_OVERVIEW = "svg.journeys-overview:visible"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], ExampleSite]]:
    """``sites(theme)``: the example site built with that theme (once for this module), served."""
    built: dict[str, ExampleSite] = {}
    servers = []

    def site(theme: str) -> ExampleSite:
        if theme not in built:
            folder = build_example_site(tmp_path_factory.mktemp(f"example-{theme}"), theme)
            base, server = serve(folder)
            servers.append(server)
            built[theme] = ExampleSite(folder, base)
        return built[theme]

    yield site
    for server in servers:
        server.shutdown()
        server.server_close()


def stage_names() -> dict[str, list[str]]:
    settings, _ = load_settings(REPO_ROOT)
    project = load_project(settings).project
    return {journey.id: [stage.name for stage in journey.stages if stage.steps] for journey in project.maps}


@pytest.mark.parametrize("theme", THEMES)
def test_every_map_page_shows_the_whole_overview_on_a_desktop(open_page, sites, theme: str) -> None:
    base = sites(theme).base
    page = open_page(viewport=DESKTOP)
    names = stage_names()
    assert sorted(names) == map_ids()
    for map_id, stages in names.items():
        page.goto(f"{base}maps/{map_id}/")
        overview = page.locator(SHOWN_OVERVIEW)
        assert overview.count() == 1, map_id
        assert overview.get_attribute("role") == "img"
        box = overview.bounding_box()
        assert box is not None
        right, bottom = box["x"] + box["width"], box["y"] + box["height"]
        assert box["x"] >= 0 and box["y"] >= 0 and right <= DESKTOP["width"] and bottom <= DESKTOP["height"], (
            map_id, box
        )
        shown = overview.evaluate("svg => svg.textContent")
        assert all(name in shown for name in stages), (map_id, stages)
        assert _smallest_text(overview) >= 11, map_id  # px on the screen: read without zooming


def _smallest_text(overview) -> float:
    return overview.evaluate(
        "svg => Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))"
    )


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_scrolls_sideways_on_a_phone(open_page, sites, theme: str) -> None:
    site = sites(theme)
    page = open_page(viewport=PHONE)
    paths = page_paths(site.folder)
    assert len(paths) > 20 and f"maps/{LONG_MAP}/" in paths
    wide = []
    for path in paths:
        page.goto(site.base + path)
        # Whether a reader can scroll it sideways: wider than the screen, unless the root
        # clips (Material's closed navigation drawer is a few pixels wider than the screen
        # under its own overflow-x: hidden).
        width, clipped = page.evaluate(
            "[document.documentElement.scrollWidth,"
            " ['hidden', 'clip'].includes(getComputedStyle(document.documentElement).overflowX)]"
        )
        if width > PHONE["width"] and not clipped:
            wide.append((path, width))
    assert not wide
    page.goto(f"{site.base}maps/{LONG_MAP}/")
    overview = page.locator(SHOWN_OVERVIEW)
    assert "journeys-overview-380" in (overview.get_attribute("class") or "")  # the one drawn for a phone
    box = overview.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert _smallest_text(overview) >= 9.5


def diagram_width(page) -> float:
    return page.locator("figure.journeys-figure svg.journey-diagram").bounding_box()["width"]


@pytest.mark.parametrize("theme", THEMES)
def test_viewer_fits_zooms_and_goes_full_screen_from_the_keyboard(open_page, sites, theme: str) -> None:
    page = open_page(viewport=DESKTOP)
    page.goto(f"{sites(theme).base}maps/{LONG_MAP}/")
    scroller = page.locator(".journeys-diagram-scroll")
    full_size = diagram_width(page)
    assert full_size > scroller.bounding_box()["width"]  # the long map does not fit as drawn

    fit = page.get_by_role("button", name="Fit to width")
    fit.focus()
    page.keyboard.press("Enter")
    assert fit.get_attribute("aria-pressed") == "true"
    inner = scroller.evaluate("element => element.clientWidth")
    assert abs(diagram_width(page) - inner) <= 1
    assert scroller.evaluate("element => element.scrollWidth <= element.clientWidth + 1")

    fitted = diagram_width(page)
    page.keyboard.press("Tab")  # to "Zoom out"
    page.keyboard.press("Tab")  # to "Zoom in"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Zoom in"
    page.keyboard.press("Enter")
    assert diagram_width(page) > fitted
    assert fit.get_attribute("aria-pressed") == "false"
    readout = page.locator(".journeys-viewer-zoom").inner_text()
    assert readout.endswith("%") and int(readout[:-1]) > round(100 * fitted / full_size)
    zoomed = diagram_width(page)
    page.get_by_role("button", name="Zoom out").press("Enter")
    assert diagram_width(page) < zoomed
    for _ in range(12):  # never smaller than the smallest level or the fitting width
        page.get_by_role("button", name="Zoom out").press("Enter")
    assert 0 < diagram_width(page) <= fitted + 1

    full = page.get_by_role("button", name="Full screen")
    full.focus()
    page.keyboard.press("Enter")
    figure = page.locator("figure.journeys-figure")
    page.wait_for_function("document.querySelector('figure.journeys-figure').classList.contains('journeys-viewer-on')")
    box = figure.bounding_box()
    assert box and box["width"] >= DESKTOP["width"] - 1 and box["height"] >= DESKTOP["height"] - 1
    assert page.get_by_role("button", name="Exit full screen").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('figure.journeys-figure').classList.contains('journeys-viewer-on')")
    assert page.evaluate("document.fullscreenElement") is None
    assert page.evaluate("document.activeElement.textContent") == "Full screen"  # focus back where it was


@pytest.mark.parametrize("theme", THEMES)
def test_the_label_column_stays_in_view_while_the_diagram_scrolls(open_page, sites, theme: str) -> None:
    page = open_page(viewport=DESKTOP)
    page.goto(f"{sites(theme).base}maps/{LONG_MAP}/")
    scroller = page.locator(".journeys-diagram-scroll")
    labels = page.locator("svg.journeys-diagram-labels")
    start = labels.bounding_box()
    scroller.evaluate("element => { element.scrollLeft = 1500; }")
    assert scroller.evaluate("element => element.scrollLeft") == 1500
    moved = labels.bounding_box()
    assert start and moved and abs(moved["x"] - start["x"]) < 1
    assert page.locator("svg.journeys-diagram-labels text", has_text="Emotions").is_visible()
    # Zooming scales the label column with the diagram.
    page.get_by_role("button", name="Fit to width").click()
    diagram = page.locator("figure.journeys-figure svg.journey-diagram")
    ratio = diagram_width(page) / diagram.evaluate("svg => svg.viewBox.baseVal.width")
    assert labels.bounding_box()["height"] == pytest.approx(
        diagram.bounding_box()["height"], abs=1
    )
    assert 0 < ratio < 1


@pytest.mark.parametrize("theme", THEMES)
def test_clicking_a_step_in_the_overview_moves_to_its_details(open_page, sites, theme: str) -> None:
    page = open_page(viewport=DESKTOP)
    page.goto(f"{sites(theme).base}maps/{LONG_MAP}/")
    steps = page.locator(".journeys-overview-view:visible .journeys-overview-steps a")
    assert steps.count() == 16
    target = steps.nth(9)
    href = target.get_attribute("href") or ""
    assert href.startswith("#step-")
    name = target.get_attribute("title") or ""
    assert target.inner_text() == name  # its name, for a screen reader
    # The link lies over its step's column of the drawing, and is what a click there hits.
    box = target.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 100
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
                        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert hit == href
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(f"location.hash === {href!r}")
    heading = page.locator(href)
    assert heading.text_content().startswith(name)
    # The theme may scroll smoothly: wait until the step's heading has arrived in view.
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < innerHeight; }",
        arg=href[1:],
    )


def test_without_javascript_the_diagram_scrolls_and_no_controls_show(browser, sites) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{sites('mkdocs').base}maps/{LONG_MAP}/")
        assert not page.locator(".journeys-viewer-controls").is_visible()
        scroller = page.locator(".journeys-diagram-scroll")
        assert scroller.evaluate("element => element.scrollWidth > element.clientWidth")
        scroller.evaluate("element => { element.scrollLeft = 800; }")
        assert scroller.evaluate("element => element.scrollLeft") == 800
        assert page.locator(SHOWN_OVERVIEW).count() == 1
    finally:
        context.close()

