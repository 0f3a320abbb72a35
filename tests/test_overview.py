"""The journey overview (render/overview.py) and the viewer's label column, as SVG."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from issue_helpers import PAT
from journeys.render import render_label_column, render_map_svg
from journeys.render.overview import GUTTER, NARROW, PAD, WIDE, Overview, journey_overview
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


# Three personas over twelve steps: all three share the top, the bottom and neutral; two share others.
SHARED = ["{sam: 2, pat: 2, kim: 2}", "{sam: -2, pat: -2, kim: -2}", "{sam: 0, pat: 0, kim: 0}",
          "{sam: 1, pat: 1, kim: -1}", "{sam: -1, pat: 1, kim: -1}", "{sam: 2, pat: 0, kim: 2}"] * 2
SHARED_MAP = "title: Shared scores\npersonas: [sam, pat, kim]\nstages:\n" + "".join(
    f"  - name: Stage {stage}\n    steps:\n"
    + "".join(f"      - name: Step {stage}{step}\n        emotion: {SHARED[stage * 4 + step]}\n" for step in range(4))
    for stage in range(3)
)


def marker_boxes(root: ET.Element) -> list[tuple[float, float, float, float, float, float]]:
    """Each emotion marker (titled: the legend's samples are not) as (left, top, right,
    bottom, centre x, centre y)."""
    boxes = []
    for group in root.iter(f"{SVG_NS}g"):
        if "jo-markers" not in group.get("class", ""):
            continue
        for mark in (mark for mark in group if mark.find(f"{SVG_NS}title") is not None):
            if tag(mark) == "circle":
                x, y, r = (float(mark.get(k, "0")) for k in ("cx", "cy", "r"))
                box = (x - r, y - r, x + r, y + r)
            else:
                numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", mark.get("d", ""))]
                xs, ys = numbers[0::2], numbers[1::2]
                box = (min(xs), min(ys), max(xs), max(ys))
            boxes.append((*box, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    return boxes


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_personas_sharing_a_score_stand_side_by_side_inside_the_plot(make_project, width: int) -> None:
    root = make_project({
        "maps/shared.yaml": SHARED_MAP, "personas/pat.md": PAT, "personas/kim.md": "---\nname: Kim Ito\n---\n",
    })  # fmt: skip
    svg = parse(overview("shared", width, root))
    grid = sorted(float(e.get("y1", "0")) for e in svg.iter(f"{SVG_NS}line")
                  if e.get("class") in ("jo-grid", "jo-neutral"))  # fmt: skip
    boxes = marker_boxes(svg)
    assert len(boxes) == 3 * 12
    for left, _, right, _, _, y in boxes:
        assert left >= GUTTER and right <= width - PAD  # wholly inside the plot, across
        assert y in grid  # on its score's line: inside the scale, not nudged off it
    for a, b in itertools.combinations(boxes, 2):  # none overlaps another, at its step or the next
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # Sharing a score at a step: side by side at one height, centred on the step's tick.
    ticks = sorted(float(e.get("x1", "0")) for e in svg.iter(f"{SVG_NS}line") if e.get("class") == "jo-tick")
    half = (ticks[1] - ticks[0]) / 2
    first = sorted((box[4], box[5]) for box in boxes if abs(box[4] - ticks[0]) < half)
    assert len({y for _, y in first}) == 1 and len(first) == 3
    assert sum(x for x, _ in first) / 3 == pytest.approx(ticks[0], abs=0.5)


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
