"""``journeys export png`` and ``pdf`` on the example project (this repository): files per
map, paper sizes, every stage name as text, no text under 6 pt, the PNG's width, the
combined pack's contents page, options per format and the message without the extra."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PIL import Image

from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.render import render_map_svg
from journeys.render.paper import MIN_TEXT_PT
from journeys.scaffold import install_requirement
from pdf_helpers import MM, read_pdf

REPO_ROOT = Path(__file__).resolve().parent.parent
#: A little under 6 pt for rounding in the PDF's numbers, far above a real violation.
FLOOR = MIN_TEXT_PT - 0.01


def example_maps():
    settings, _ = load_settings(REPO_ROOT)
    return settings, load_project(settings).project


def svg_width(settings, project, journey) -> float:
    """The width of the map's SVG (as the site and ``journeys render`` draw it), in pixels."""
    svg = render_map_svg(journey, project, settings, compare=project.compared_map(journey))
    match = re.search(r'<svg[^>]* width="([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1))


def stage_names(journey) -> list[str]:
    return [stage.name for stage in journey.stages if stage.steps]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project exported once: A4 PDFs, an A3 PDF, the combined pack, PNGs at scale 1."""
    from click.testing import CliRunner

    from journeys.cli import main

    out = tmp_path_factory.mktemp("export")
    for args in (
        ["pdf", "--out", out / "a4"],
        ["pdf", "--map", "laptop-purchase", "--paper", "a3", "--out", out / "a3"],
        ["pdf", "--combined", "--out", out / "pack"],
        ["png", "--scale", "1", "--out", out / "png"],
    ):
        result = CliRunner().invoke(main, ["export", *[str(a) for a in args], str(REPO_ROOT)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out


def test_pdf_per_map_on_a4_landscape_with_every_stage_name_and_no_text_under_6pt(exported: Path) -> None:
    _, project = example_maps()
    assert sorted(p.name for p in (exported / "a4").iterdir()) == sorted(f"{m.id}.pdf" for m in project.maps)
    for journey in project.maps:
        pages = read_pdf(exported / "a4" / f"{journey.id}.pdf")
        assert len(pages) > 1, "the example maps are wider than a page: split by stage"
        for page in pages:
            assert (round(page.width / MM), round(page.height / MM)) == (297, 210)
            assert page.sizes, "text is text (selectable), not outlines"
            smallest = min(size for _, size in page.sizes)
            assert smallest >= FLOOR, (journey.id, min(page.sizes, key=lambda item: item[1]))
            assert journey.title in page.text, "every page repeats the title"
        text = " ".join(page.text for page in pages)
        for name in stage_names(journey):
            assert name in text, (journey.id, name)
        assert "Emotions" in text and "Very negative" in text


def test_pdf_on_a3_is_a3_landscape_in_fewer_pages(exported: Path) -> None:
    a3 = read_pdf(exported / "a3" / "laptop-purchase.pdf")
    a4 = read_pdf(exported / "a4" / "laptop-purchase.pdf")
    assert {(round(p.width / MM), round(p.height / MM)) for p in a3} == {(420, 297)}
    assert len(a3) < len(a4)
    assert min(size for page in a3 for _, size in page.sizes) >= FLOOR


def test_combined_pdf_starts_with_a_contents_page_naming_each_map(exported: Path) -> None:
    _, project = example_maps()
    assert [p.name for p in (exported / "pack").iterdir()] == ["journeys.pdf"]
    pages = read_pdf(exported / "pack" / "journeys.pdf")
    contents = pages[0].text
    assert contents.startswith("Journey maps")
    singles = {m.id: len(read_pdf(exported / "a4" / f"{m.id}.pdf")) for m in project.maps}
    assert len(pages) == 1 + sum(singles.values())
    page = 2
    for journey in project.maps:
        assert f"{journey.title} page {page}" in contents
        assert journey.title in pages[page - 1].text
        page += singles[journey.id]


def test_png_per_map_decodes_as_wide_as_the_svg_with_its_text_drawn(exported: Path) -> None:
    settings, project = example_maps()
    for journey in project.maps:
        with Image.open(exported / "png" / f"{journey.id}.png") as image:
            image.load()
            assert image.width == round(svg_width(settings, project, journey))
            # The title's box (top left) has dark text pixels: the shipped font was found.
            title = image.convert("L").crop((20, 20, 300, 50))
            assert sum(1 for value in title.get_flattened_data() if value < 100) > 200, journey.id


def test_png_scale_multiplies_the_width(cli, tmp_path: Path) -> None:
    result = cli("export", "png", REPO_ROOT, "--map", "broadband-outage", "--scale", "2", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'broadband-outage.png'}\n"
    settings, project = example_maps()
    width = svg_width(settings, project, project.map("broadband-outage"))
    with Image.open(tmp_path / "broadband-outage.png") as image:
        assert image.width == round(2 * width)


def test_pdf_is_the_same_bytes_every_time(cli, tmp_path: Path) -> None:
    for out in ("one", "two"):
        assert cli("export", "pdf", REPO_ROOT, "--map", "broadband-outage", "--out", tmp_path / out).exit_code == 0
    assert (tmp_path / "one" / "broadband-outage.pdf").read_bytes() == (
        tmp_path / "two" / "broadband-outage.pdf"
    ).read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["png", "--paper", "a3"], "--paper is an option of pdf export only"),
        (["png", "--combined"], "--combined is an option of pdf export only"),
        (["pdf", "--scale", "2"], "--scale is an option of png export only"),
    ],
)
def test_an_option_of_another_format_is_a_usage_error(cli, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli("export", *args, REPO_ROOT, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"Error: {message}" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("format_name", ["png", "pdf"])
def test_a_file_format_needs_an_out_folder(cli, tmp_path: Path, format_name: str) -> None:
    result = cli("export", format_name, REPO_ROOT)
    assert result.exit_code == 2
    assert f"Error: journeys export {format_name} writes a file per map: name their folder with --out" in result.output
    (tmp_path / "file").write_text("x")
    result = cli("export", format_name, REPO_ROOT, "--out", tmp_path / "file")
    assert result.exit_code == 2
    assert f"is a file; journeys export {format_name} writes into a folder" in result.output


def test_export_never_writes_into_a_source_folder(cli) -> None:
    result = cli("export", "png", REPO_ROOT, "--out", REPO_ROOT / "maps")
    assert result.exit_code == 2
    assert "is among the project's sources" in result.output


@pytest.mark.parametrize(("format_name", "module", "package"), [
    ("png", "resvg_py", "resvg-py"), ("png", "reportlab", "reportlab"),
    ("pdf", "svglib.fonts", "svglib"), ("pdf", "reportlab.pdfgen.canvas", "reportlab"),
])  # fmt: skip
def test_without_the_extra_one_line_names_it_and_exits_2(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str, module: str, package: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an import finds when it is not installed
    result = cli("export", format_name, REPO_ROOT, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {format_name.upper()} export needs the export extra ({package} is not installed): "
        f'pip install "{install_requirement("export")}"\n'
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
