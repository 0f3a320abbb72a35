"""The catalogue in a real browser (headless Chromium through Playwright): the filters
work, and without JavaScript the catalogue is the plain, complete table.

Skips with the reason when Chromium is absent (.ci/run installs it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import project_maker
from site_checks import SITE_MKDOCS_YML, mkdocs_build
from test_catalogue_site import files

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

ALL_MAPS = ["Making a claim", "Moving house", "Renewing a home insurance policy"]
THEMES = {
    "mkdocs": "mkdocs",
    "mkdocs-dark": "mkdocs\n  color_mode: dark",
    "material": "material",
    "material-dark": "material\n  palette:\n    scheme: slate",
}


@pytest.fixture(scope="module")
def catalogue_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``catalogue_site(theme)``: the test_catalogue_site project, built once per theme."""
    built: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in built:
            folder = tmp_path_factory.mktemp(f"catalogue-{theme}")
            config = SITE_MKDOCS_YML.format(theme=THEMES[theme])
            root = project_maker(folder / "project")({**files(), "mkdocs.yml": config})
            result = mkdocs_build(root, folder / "site")
            assert result.returncode == 0, result.stderr
            built[theme] = folder / "site"
        return built[theme]

    return build


def shown_maps(page) -> list[str]:
    return page.locator("#journeys-maps tbody tr:visible th").all_inner_texts()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_persona_filter_hides_the_other_maps(open_page, serve_folder, catalogue_site, theme: str) -> None:
    page = open_page()
    page.goto(serve_folder(catalogue_site(theme)))
    persona = page.get_by_label("Persona")  # the label names the control
    persona.wait_for(state="visible")
    assert shown_maps(page) == ALL_MAPS
    persona.select_option("pat")
    assert shown_maps(page) == ["Moving house"]
    assert page.locator(".journeys-filter-count").inner_text() == "Showing 1 of 3 maps"
    page.get_by_label("Persona").select_option("sam")
    page.get_by_label("State").select_option("current")
    assert shown_maps(page) == ["Making a claim", "Renewing a home insurance policy"]  # filters combine
    page.get_by_role("button", name="Show all").click()
    page.locator(".journeys-filter-count", has_text="Showing 3 of 3 maps").wait_for()  # reset applies after a tick
    assert shown_maps(page) == ALL_MAPS


def test_the_filters_work_from_the_keyboard(open_page, serve_folder, catalogue_site) -> None:
    page = open_page()
    page.goto(serve_folder(catalogue_site("mkdocs")))
    page.get_by_label("Tag").focus()
    page.keyboard.press("ArrowDown")  # the first tag, "insurance" (sorted by name)
    assert page.get_by_label("Tag").input_value() == "insurance"
    assert shown_maps(page) == ["Renewing a home insurance policy"]


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_without_javascript_the_catalogue_is_the_full_table(open_page, serve_folder, catalogue_site, theme) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(serve_folder(catalogue_site(theme)))
    assert shown_maps(page) == ALL_MAPS
    assert page.locator("form.journeys-filters").is_hidden()  # a form that could do nothing is not offered
    headers = page.locator("#journeys-maps thead th").all_inner_texts()
    assert [h.strip() for h in headers] == ["Map", "Personas", "Evidence", "State", "Status", "Owner", "Tags",
                                            "Last change"]  # fmt: skip


@pytest.mark.parametrize("theme", list(THEMES))
def test_screenshots_of_the_catalogue_and_the_evidence_gaps(
    open_page, serve_folder, catalogue_site, theme: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Pictures for a person to look at (kept in the run's temporary folder), and a check
    that the pages render with their tables visible in each theme and colour scheme."""
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    page = open_page(viewport={"width": 1400, "height": 1000})
    base = serve_folder(catalogue_site(theme))
    page.goto(base)
    page.get_by_label("Persona").wait_for(state="visible")
    page.screenshot(path=str(shots / f"catalogue-{theme}.png"), full_page=True)
    page.goto(base + "journeys/evidence/")
    assert page.locator("section.journeys-evidence-map").count() == 2
    page.screenshot(path=str(shots / f"evidence-{theme}.png"), full_page=True)


def test_the_diagrams_evidence_marks_keep_their_outline_inside_the_mkdocs_theme(
    open_page, serve_folder, example_site: Path
) -> None:
    """Bootstrap's ``.card`` rule (the mkdocs theme) sets a CSS height that would flatten
    an SVG rect of that class; the "No evidence" outline must not be one."""
    page = open_page()
    page.goto(serve_folder(example_site) + "maps/laptop-purchase-future/")
    heights = page.evaluate(
        "() => Array.from(document.querySelectorAll('figure svg rect.evidence-gap'), r => r.getBBox().height)"
    )
    assert len(heights) == 6 and all(height > 10 for height in heights), heights
