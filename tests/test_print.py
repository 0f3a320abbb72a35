"""Printing a map page from the browser, with the mkdocs theme and with Material: the
overview on the first page, then the diagram split by stage onto landscape pages with no
text under 6 pt (Chromium's own --print-to-pdf, read back with pypdf), the split copy
hidden on screen; and the PNG and PDF downloads of the example site."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from example_sites import THEMES
from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.render.overview import WIDE, journey_overview
from journeys.render.paper import MIN_TEXT_PT
from journeys.render.theme import load_theme
from journeys.site.paper import PRINT_AREA_MM
from pdf_helpers import read_pdf
from render_helpers import SVG_NS

REPO_ROOT = Path(__file__).resolve().parent.parent
FLOOR = MIN_TEXT_PT - 0.01
MAP = "title: A\npersonas: [sam]\nstages:\n  - name: S\n    steps:\n      - {name: X}\n"
CSS = REPO_ROOT / "generator" / "journeys" / "themes" / "default" / "assets" / "site.css"


def example_maps():
    settings, _ = load_settings(REPO_ROOT)
    return load_project(settings).project.maps


def overview_stage_names() -> dict[str, list[str]]:
    """Each example map's stage names as its wide overview shows them (cut short where a
    band is narrow; a name in two lines by its first): what the first printed page holds
    when the overview is on it."""
    settings, _ = load_settings(REPO_ROOT)
    shown = {}
    for journey in example_maps():
        svg = ET.fromstring(journey_overview(journey, load_project(settings).project, load_theme(settings), WIDE).svg)
        names = [e for e in svg.iter(f"{SVG_NS}text") if e.get("class") == "jo-stage-name"]
        shown[journey.id] = [" ".join("".join(e.findall(f"{SVG_NS}tspan")[0].itertext()).split()) for e in names]
    return shown


def site_folder(request: pytest.FixtureRequest, theme: str) -> Path:
    """The example site built with ``theme``: the repository's own (mkdocs), or a copy
    built with Material."""
    if theme == "mkdocs":
        return request.getfixturevalue("example_site")
    return request.getfixturevalue("served_example_sites")(theme).folder


@pytest.fixture(scope="module", params=THEMES)
def printed(
    request: pytest.FixtureRequest, chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every map page of the example site, with each theme, printed by Chromium as a user
    would (its default paper, the page's own @page rules)."""
    site = site_folder(request, request.param)
    out = tmp_path_factory.mktemp(f"printed-{request.param}")
    pdfs = {}
    for journey in example_maps():
        pdf = out / f"{journey.id}.pdf"
        page = (site / "maps" / journey.id / "index.html").as_uri()
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", page],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        pdfs[journey.id] = pdf
    return pdfs


@pytest.mark.browser
def test_a_printed_map_page_is_landscape_with_the_diagram_by_stage_and_no_text_under_6pt(
    printed: dict[str, Path],
) -> None:
    for journey in example_maps():
        pages = read_pdf(printed[journey.id])
        for number, page in enumerate(pages, start=1):
            assert page.width > page.height, (journey.id, number, "landscape")
            smallest = min((size for _, size in page.sizes), default=MIN_TEXT_PT)
            assert smallest >= FLOOR, (journey.id, number, min(page.sizes, key=lambda item: item[1]))
        parts = [page for page in pages if re.search(r"steps \d+\u2013\d+ of \d+", page.text)]
        assert len(parts) >= 2, (journey.id, "split by stage over several pages")
        assert not any(journey.title in page.text and "Emotions" in page.text and page not in parts
                       for page in pages), "the unsplit diagram is not printed"  # fmt: skip
        drawn = " ".join(page.text for page in parts)
        for stage in journey.stages:
            assert stage.name in drawn, (journey.id, stage.name)
        for part in parts:
            assert journey.title in part.text and "Very negative" in part.text or "Emotions" not in part.text


@pytest.mark.browser
def test_the_first_printed_page_holds_the_maps_head_and_its_overview(printed: dict[str, Path]) -> None:
    for map_id, names in overview_stage_names().items():
        first = read_pdf(printed[map_id])[0]
        journey = next(journey for journey in example_maps() if journey.id == map_id)
        assert journey.title in first.text  # no blank page before the map (Material's chrome made one)
        assert not re.search(r"steps \d+\u2013\d+ of \d+", first.text)  # the head, not a diagram part
        whole = [name for name in names if not name.endswith("\u2026")]  # a cut name's ellipsis reads back oddly
        assert whole, map_id
        for name in whole:
            assert name in first.text, (map_id, name)


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_the_split_diagram_is_hidden_on_screen_and_the_whole_one_in_print(
    open_page, request: pytest.FixtureRequest, theme: str
) -> None:
    page = open_page(viewport={"width": 1400, "height": 900})
    page.goto((site_folder(request, theme) / "maps" / "laptop-purchase" / "index.html").as_uri())
    assert page.locator(".journeys-print-parts").is_hidden()
    assert page.locator(".journeys-figure").is_visible()
    assert page.locator(".journeys-print-page svg").count() >= 2
    page.emulate_media(media="print")
    assert page.locator(".journeys-print-parts").is_visible()
    assert page.locator(".journeys-figure").is_hidden()


def test_the_print_stylesheet_gives_each_part_the_height_it_was_split_for() -> None:
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r"\.journeys-print-page \{[^}]*\}", css)
    assert rule is not None
    assert f"height: {PRINT_AREA_MM[1]:g}mm" in rule.group(0)


def test_the_example_site_offers_each_maps_png_and_pdf(example_site: Path) -> None:
    for journey in example_maps():
        html = (example_site / "maps" / journey.id / "index.html").read_text(encoding="utf-8")
        for kind in ("png", "pdf"):
            assert f'href="../{journey.id}.{kind}" download="{journey.id}.{kind}">{kind.upper()}</a>' in html
        with Image.open(example_site / "maps" / f"{journey.id}.png") as image:
            image.load()
            assert image.width > 1000
        pages = read_pdf(example_site / "maps" / f"{journey.id}.pdf")
        assert journey.title in pages[0].text


NO_DOWNLOADS = "site_name: T\nplugins:\n  - journeys:\n      downloads: []\n"


def map_page_links(site: Path) -> list[str]:
    html = (site / "maps" / "a" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'download="a\.(\w+)"', html)


def test_with_downloads_off_the_page_links_only_the_svg(cli, make_project, tmp_path: Path) -> None:
    root = make_project({"mkdocs.yml": NO_DOWNLOADS, "maps/a.yaml": MAP, "docs/index.md": "# Home\n"})
    result = cli("build", root, "--site-dir", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert map_page_links(tmp_path / "site") == ["svg"]
    assert not (tmp_path / "site" / "maps" / "a.png").exists()


def test_by_default_the_site_offers_png_and_pdf_and_keeps_them_in_the_build_cache(
    cli, make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeys.site.generate as generate_module

    made: list[str] = []
    real = generate_module.map_downloads

    def counting(journey, project, settings, kinds):  # type: ignore[no-untyped-def]
        made.append(journey.id)
        return real(journey, project, settings, kinds)

    monkeypatch.setattr(generate_module, "map_downloads", counting)
    root = make_project({"maps/a.yaml": MAP, "docs/index.md": "# Home\n"})  # no downloads option
    site = tmp_path / "site"
    for _ in range(2):
        result = cli("build", root, "--site-dir", site)
        assert result.exit_code == 0, result.output
        assert map_page_links(site) == ["svg", "png", "pdf"]
    assert made == ["a"]  # the second build took both files from .cache/journeys/
    with Image.open(site / "maps" / "a.png") as image:
        assert image.format == "PNG"
    assert read_pdf(site / "maps" / "a.pdf")[0].text.startswith("A ")
    (root / "maps" / "a.yaml").write_text(MAP.replace("title: A", "title: Renamed"), encoding="utf-8")
    result = cli("build", root, "--site-dir", site)
    assert result.exit_code == 0, result.output
    assert made == ["a", "a"]  # never a stale download
    assert read_pdf(site / "maps" / "a.pdf")[0].text.startswith("Renamed ")


def test_without_the_extra_the_default_site_offers_the_svg_alone(
    cli, make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    root = make_project({"maps/a.yaml": MAP, "docs/index.md": "# Home\n"})
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # import resvg_py now fails
    result = cli("build", root, "--site-dir", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert map_page_links(tmp_path / "site") == ["svg"]


def test_serve_makes_the_default_downloads_only_when_asked() -> None:
    from journeys.site.paper import offered_downloads

    assert offered_downloads(None, serving=False) == ("png", "pdf")  # the test extras include export
    assert offered_downloads(None, serving=True) == ()
    assert offered_downloads(["pdf"], serving=True) == ("pdf",)
    assert offered_downloads([], serving=False) == ()


def test_downloads_without_the_extra_fail_the_build_naming_it(
    cli, make_project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    root = make_project({
        "mkdocs.yml": "site_name: T\nplugins:\n  - journeys:\n      downloads: [png]\n",
        "maps/a.yaml": MAP,
        "docs/index.md": "# Home\n",
    })  # fmt: skip
    monkeypatch.setitem(sys.modules, "resvg_py", None)
    result = cli("build", root, "--site-dir", tmp_path / "site")
    assert result.exit_code == 1
    assert "downloads: PNG export needs the export extra (resvg-py is not installed)" in result.output
