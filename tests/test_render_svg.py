"""The journey diagram SVG: golden files, structure, determinism, safety, lanes."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.render import render_map_svg
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse, render, tag, texts

GOLDEN = Path(__file__).resolve().parent / "golden" / "render"
REPO_ROOT = Path(__file__).resolve().parent.parent
#: Set JOURNEYS_UPDATE_GOLDEN=1 to rewrite the golden SVGs after a deliberate change.
UPDATE_GOLDEN = os.environ.get("JOURNEYS_UPDATE_GOLDEN") == "1"


def check_golden(golden: Path, actual: str, *, update: bool) -> None:
    """``actual`` must equal the golden file; with ``update``, a differing file is rewritten.

    A run that rewrites a file fails, naming it: an update is never a silent pass, and the
    next run (without the flag) shows that the new file is what the code produces.
    """
    if update and (not golden.is_file() or golden.read_text(encoding="utf-8") != actual):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        pytest.fail(f"rewrote {golden}: review it (git diff), then run again without JOURNEYS_UPDATE_GOLDEN",
                    pytrace=False)  # fmt: skip
    assert golden.is_file(), f"no golden file {golden}; run with JOURNEYS_UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs from {golden}; if the change is deliberate, rerun with "
        "JOURNEYS_UPDATE_GOLDEN=1 and review the new file"
    )


@pytest.mark.parametrize(
    ("map_id", "compare"), [("checkout", False), ("checkout-future", True), ("stress", False), ("term-laptop", False)]
)
def test_golden_svg(map_id: str, compare: bool) -> None:
    check_golden(GOLDEN / f"{map_id}.svg", render(FIXTURE_PROJECT, map_id, compare=compare), update=UPDATE_GOLDEN)


def test_updating_a_golden_file_fails_the_run_naming_it(tmp_path: Path) -> None:
    golden = tmp_path / "golden" / "a.svg"
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(golden, "<svg/>\n", update=True)
    assert str(failed.value) == (
        f"rewrote {golden}: review it (git diff), then run again without JOURNEYS_UPDATE_GOLDEN"
    )
    assert golden.read_text(encoding="utf-8") == "<svg/>\n"
    check_golden(golden, "<svg/>\n", update=True)  # nothing to rewrite: passes
    with pytest.raises(pytest.fail.Exception, match="rewrote"):
        check_golden(golden, "<svg>\n</svg>\n", update=True)
    with pytest.raises(AssertionError, match="a.svg differs"):
        check_golden(golden, "<svg/>\n", update=False)


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.svg")), ids=lambda path: path.name)
def test_golden_files_hold_one_element_per_line(golden: Path) -> None:
    lines = golden.read_text(encoding="utf-8").splitlines()
    parse("\n".join(lines))
    assert len(lines) > 100
    for line in lines:
        # A <text> keeps its <tspan> lines, and a shape its tooltip <title>, on its own line:
        # a newline inside them could render as a space.
        rest = re.sub(r"<(tspan|title)\b[^>]*>[^<]*</\1>", "", line)
        assert len(re.findall(r"<[a-z]", rest)) <= 1, line


def test_root_is_an_accessible_scalable_image() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout"))
    assert root.get("class") == "journey-diagram"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert title_id == "journey-checkout-title" and desc_id == "journey-checkout-desc"
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title.get("id") == title_id and "Buying a laptop online" in title.text
    assert desc.get("id") == desc_id
    _, _, width, height = (float(v) for v in re.split(r"[ ,]+", root.get("viewBox")))
    assert (float(root.get("width")), float(root.get("height"))) == (width, height)
    style = root.find(f"{SVG_NS}style").text
    assert "max-width:100%" in style and "prefers-color-scheme:dark" in style
    assert "var(--journeys-text," in style


def test_desc_summarises_stages_and_each_personas_lowest_and_highest_moment() -> None:
    desc = parse(render(FIXTURE_PROJECT, "checkout")).find(f"{SVG_NS}desc").text
    assert "3 stages (Discover, Purchase, Delivery)" in desc
    assert "Sam Okafor is lowest at \u201cEnters card details\u201d (Purchase, -2, very negative)" in desc
    assert "highest at \u201cUnboxes the laptop\u201d (Delivery, +2, very positive)" in desc
    assert "Pat Lindqvist is lowest at \u201cCompares models\u201d" in desc
    assert "Moments of truth: Enters card details, Unboxes the laptop." in desc


def test_two_personas_get_a_line_each_told_apart_by_more_than_colour() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout"))
    lines = [p for p in root.iter(f"{SVG_NS}path") if p.get("class", "").startswith("emotion-line")]
    assert [line.get("data-persona") for line in lines] == ["sam", "pat"]
    assert len({line.get("class") for line in lines}) == 2  # each persona's class sets colour AND dash
    markers = {g.get("data-persona"): g for g in root.iter(f"{SVG_NS}g") if "markers" in g.get("class", "")}
    assert tag(markers["sam"][0]) == "circle" and tag(markers["pat"][0]) == "path"  # different shapes
    style = root.find(f"{SVG_NS}style").text
    dashes = re.findall(r" \.persona-(\d)\{[^}]*stroke-dasharray:([^;}]+)", style)
    assert dict(dashes)["1"] != dict(dashes)["2"]
    legend = texts(root)
    assert "Sam Okafor" in legend and "Pat Lindqvist" in legend


def test_steps_without_a_score_are_skipped_by_that_personas_line() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout"))
    markers = {g.get("data-persona"): g for g in root.iter(f"{SVG_NS}g") if "markers" in g.get("class", "")}
    assert len(markers["sam"]) == 6
    assert len(markers["pat"]) == 5  # no score at "Gets confirmation"
    pat = next(p for p in root.iter(f"{SVG_NS}path") if p.get("data-persona") == "pat")
    assert pat.get("d").count("C") == 4


def test_compare_draws_the_current_state_faded_behind_matched_by_step_id() -> None:
    plain = parse(render(FIXTURE_PROJECT, "checkout-future"))
    assert not [p for p in plain.iter(f"{SVG_NS}path") if p.get("class", "").startswith("compare-line")]
    root = parse(render(FIXTURE_PROJECT, "checkout-future", compare=True))
    paths = list(root.iter(f"{SVG_NS}path"))
    compared = [p for p in paths if p.get("class", "").startswith("compare-line")]
    own = [p for p in paths if p.get("class", "").startswith("emotion-line")]
    assert [p.get("data-persona") for p in compared] == ["sam", "pat"]
    assert paths.index(compared[-1]) < paths.index(own[0])  # drawn first = behind
    # Steps shared by id: sees-an-ad, compares-models, enters-card-details, unboxes-the-laptop.
    assert compared[0].get("d").count("C") == 3
    assert root.get("aria-labelledby").startswith("journey-checkout-future-vs-checkout-")


def test_moments_of_truth_are_marked_and_in_the_legend() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout"))
    stars = [p for p in root.iter(f"{SVG_NS}path") if p.get("class") == "moment"]
    assert len(stars) == 3  # two steps and the legend key
    assert "Moment of truth" in texts(root)


def test_scale_labels_come_from_the_project_scale(make_project) -> None:
    root_dir = make_project({
        "mkdocs.yml": """\
            site_name: t
            plugins:
              - journeys:
                  emotion_scale: {min: 1, max: 5, labels: {1: Furious, 5: Delighted}}
            """,
        "maps/m.yaml": """\
            title: Scale
            personas: [sam]
            stages:
              - name: S
                steps:
                  - {name: A, emotion: 1}
                  - {name: B, emotion: 5}
            """,
    })
    shown = texts(parse(render(root_dir, "m")))
    assert "Furious" in shown and "Delighted" in shown and "+3" in shown


def test_empty_lanes_are_left_out_and_settings_choose_lanes() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    future = project.map("checkout-future")
    shown = texts(parse(render_map_svg(future, project, settings)))
    assert "Opportunities" in shown and "Pain points" not in shown and "Backstage" not in shown
    only = dataclasses.replace(settings, lanes=("emotions", "steps"))
    shown = texts(parse(render_map_svg(project.map("checkout"), project, only)))
    assert "Emotions" in shown and "Steps" in shown
    assert "Actions" not in shown and "Pain points" not in shown
    assert shown.index("Emotions") < shown.index("Steps")  # the configured order


def test_rendering_is_byte_identical_across_runs_and_hash_seeds() -> None:
    first = render(FIXTURE_PROJECT, "checkout-future", compare=True)
    assert render(FIXTURE_PROJECT, "checkout-future", compare=True) == first
    script = (
        "import sys; sys.path.insert(0, 'tests'); from render_helpers import render, FIXTURE_PROJECT; "
        "sys.stdout.write(render(FIXTURE_PROJECT, 'checkout-future', compare=True))"
    )
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              cwd=REPO_ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.stdout == first


def test_no_text_overlaps_in_the_estimated_layout() -> None:
    """Layout-level check (the browser test checks the real glyph boxes)."""
    from journeys.render.layout import layout_map
    from journeys.render.textmetrics import text_width
    from journeys.render.theme import load_theme

    settings, project = load_valid(FIXTURE_PROJECT)
    for journey in project.maps:
        layout = layout_map(journey, project, settings, load_theme(settings))
        boxes = []
        for block in layout.texts:
            widest = max(text_width(line) for line in block.lines) * block.size if block.lines else 0
            assert widest <= block.width + 0.01 or any(len(line) == 1 for line in block.lines), block
            left = {"start": block.x, "middle": block.x - block.width / 2, "end": block.x - block.width}[block.align]
            boxes.append((left, block.y, left + block.width, block.bottom, block.lines))
            assert left >= 0 and left + block.width <= layout.width and block.bottom <= layout.height
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01
                assert not overlap, (a[4], b[4])


def test_every_map_in_the_repository_renders_as_xml() -> None:
    settings, project = load_valid_or_partial(REPO_ROOT)
    if not project.maps:
        pytest.skip("the repository has no valid maps yet")
    for journey in project.maps:
        other = project.map(journey.compares_to) if journey.compares_to else None
        root = parse(render_map_svg(journey, project, settings, compare=other))
        assert root.get("class") == "journey-diagram"
        assert len([p for p in root.iter(f"{SVG_NS}path") if p.get("class", "").startswith("emotion-line")]) == len(
            [p for p in journey.personas if any(s.emotion_for(p) is not None for _, s in journey.steps())]
        )


def load_valid_or_partial(root: Path):
    """The repository's own example content is being written by others: render what is valid."""
    from journeys.config import load_settings
    from journeys.loading.project import load_project

    settings, _ = load_settings(root)
    return settings, load_project(settings).project


def test_maps_without_steps_or_scores_still_draw() -> None:
    """Built by other code (a diff, a future plugin) the model may be sparser than validation allows."""
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    no_stages = dataclasses.replace(journey, stages=())
    assert parse(render_map_svg(no_stages, project, settings)).get("class") == "journey-diagram"
    unscored = dataclasses.replace(journey, stages=tuple(
        dataclasses.replace(stage, steps=tuple(dataclasses.replace(s, emotions=()) for s in stage.steps))
        for stage in journey.stages
    ))
    root = parse(render_map_svg(unscored, project, settings))
    assert "Emotions" not in texts(root)
    assert "Sam Okafor has no emotion scores." in root.find(f"{SVG_NS}desc").text
