"""The journey overview (render/overview.py) and the viewer's label column, as SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeys.render import render_label_column, render_map_svg
from journeys.render.overview import NARROW, WIDE, Overview, journey_overview
from journeys.render.theme import load_theme
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse, tag
from test_render_svg import UPDATE_GOLDEN, check_golden

GOLDEN = Path(__file__).resolve().parent / "golden" / "overview"
XLINK = "{http://www.w3.org/1999/xlink}"


def drawn(map_id: str, width: int = WIDE, root: Path = FIXTURE_PROJECT) -> Overview:
    settings, project = load_valid(root)
    journey = project.map(map_id)
    assert journey is not None
    return journey_overview(journey, project, load_theme(settings), width)


def overview(map_id: str, width: int = WIDE, root: Path = FIXTURE_PROJECT) -> str:
    return drawn(map_id, width, root).svg


def all_text(root: ET.Element) -> str:
    return " ".join(" ".join(root.itertext()).split())


@pytest.mark.parametrize(("map_id", "width"), [("checkout", WIDE), ("stress", NARROW)])
def test_golden_overview(map_id: str, width: int) -> None:
    check_golden(GOLDEN / f"{map_id}-{width}.svg", overview(map_id, width), update=UPDATE_GOLDEN)


def test_overview_is_an_accessible_image_drawn_for_its_width() -> None:
    root = parse(overview("checkout"))
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith(f"0 0 {WIDE} ")
    assert root.get("width") is None  # scales to its column
    title_id, desc_id = root.get("aria-labelledby", "").split()
    ids = {element.get("id"): element for element in root.iter()}
    assert ids[title_id].text == "Journey overview: Buying a laptop online"
    assert "stage" in (ids[desc_id].text or "")
    narrow = parse(overview("checkout", NARROW))
    assert narrow.get("viewBox", "").startswith(f"0 0 {NARROW} ")
    assert not set(ids) & {element.get("id") for element in narrow.iter()} - {None}  # both fit on one page


def test_every_stage_name_and_a_tick_and_an_area_per_step() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    assert journey is not None
    view = drawn("checkout")
    root = parse(view.svg)
    words = all_text(root)
    for stage in journey.stages:
        assert stage.name in words
    steps = [step for _, step in journey.steps()]
    ticks = [float(e.get("x1", "0")) for e in root.iter(f"{SVG_NS}line") if e.get("class") == "jo-tick"]
    assert len(ticks) == len(steps)
    # The page links each step's column: side by side, across the drawing, around its tick.
    assert [area.step for area in view.steps] == steps
    for area, tick in zip(view.steps, ticks, strict=True):
        assert area.left < tick / WIDE < area.left + area.width
        assert 0 < area.top < area.top + area.height < 1
    for before, after in zip(view.steps, view.steps[1:], strict=False):
        assert before.left + before.width == pytest.approx(after.left)
    # No link inside the image: an image may hold no controls.
    assert not list(root.iter(f"{SVG_NS}a"))


def test_marks_moments_of_truth_and_pain_points_by_shape_and_title() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    assert journey is not None
    root = parse(overview("checkout"))
    titled = [e for e in root.iter() if e.find(f"{SVG_NS}title") is not None]
    moments = [e for e in titled if e.get("class") == "jo-moment"]
    assert len(moments) == sum(1 for _, step in journey.steps() if step.moment_of_truth)
    pains = [e for e in titled if e.get("class") == "jo-pain"]
    assert len(pains) == sum(1 for _, step in journey.steps() if step.pain_points)
    assert all((g.findtext(f"{SVG_NS}text") or "") == "!" for g in pains)


def test_a_long_stage_name_is_cut_with_the_whole_name_in_its_title() -> None:
    root = parse(overview("stress", NARROW))
    long_name = "Stage with a very long name that is wider than its single step column"
    names = [e for e in root.iter(f"{SVG_NS}text") if e.get("class") == "jo-stage-name"]
    cut = next(e for e in names if e.findtext(f"{SVG_NS}title") == long_name)
    shown = "".join(t.text or "" for t in cut.iter(f"{SVG_NS}tspan"))
    assert shown.endswith("\u2026") and len(shown) < len(long_name)
    assert len(list(cut.iter(f"{SVG_NS}tspan"))) <= 2
    # A word is never broken in two lines: a single word too wide is cut instead.
    words = [e for e in names if "Supercali" in all_text(e)]
    assert not words


def test_user_text_cannot_become_markup(make_project) -> None:
    root = make_project({
        "maps/evil.yaml": """\
            title: "</svg><script>alert(1)</script>"
            personas: [sam]
            stages:
              - name: "<b onmouseover=alert(1)>stage</b>"
                steps:
                  - name: "\\" onclick=\\"alert(1)"
                    emotion: -1
                    pain_points: ["<img src=x onerror=alert(1)>"]
                    moment_of_truth: true
            """,
    })
    svg = overview("evil", root=root)
    parsed = parse(svg)
    made = [e for e in parsed.iter() if tag(e) in ("script", "b", "img") or any(k.startswith("on") for k in e.attrib)]
    assert not made
    assert "&lt;script&gt;" in svg


def test_overview_is_deterministic() -> None:
    assert overview("checkout") == overview("checkout")


def test_label_column_holds_the_lane_and_scale_labels_over_the_diagram() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    assert journey is not None
    column = parse(render_label_column(journey, project, settings))
    diagram = parse(render_map_svg(journey, project, settings))
    assert column.get("aria-hidden") == "true"
    assert column.get("height") == diagram.get("height")  # laid over it, nothing moves
    column_width = float(column.get("width", "0"))
    assert 0 < column_width < float(diagram.get("width", "0")) / 4
    labels = [all_text(e) for e in column.iter(f"{SVG_NS}text")]
    assert "Steps" in labels and "Emotions" in labels
    scale = [e for e in diagram.iter(f"{SVG_NS}text") if e.get("class") == "t-scale"]
    assert scale and all(all_text(e) in labels for e in scale)
    # Only what the diagram draws in its label column, with the diagram's own classes.
    assert all(re.fullmatch(r"t-(label|scale)", e.get("class", "")) for e in column.iter(f"{SVG_NS}text"))
    assert column.find(f"{SVG_NS}g").get("class") == "journey-diagram"
