"""A map drawn in parts (for paper): each part repeats the title, lane labels and scale,
shows only its steps, and carries the whole map's emotion lines clipped to the part."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import REPO_ROOT
from journeys.render import render_map_svg
from journeys.render.paper import MIN_TEXT_PT, MM, min_scale, paper_parts
from journeys.render.theme import load_theme
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse, texts
from test_render_svg import GOLDEN, UPDATE_GOLDEN, check_golden

A4_AREA = (277 * MM, 190 * MM)


def part_svg(steps: range, map_id: str = "checkout") -> str:
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map(map_id)
    assert journey is not None
    return render_map_svg(journey, project, settings, steps=steps)


def test_golden_svg_of_a_part() -> None:
    """Steps 2-4 of checkout: the end of Discover and the whole of Purchase."""
    check_golden(GOLDEN / "checkout-steps-2-4.svg", part_svg(range(1, 4)), update=UPDATE_GOLDEN)


def test_a_part_repeats_title_lane_labels_and_scale_and_shows_only_its_steps() -> None:
    whole = texts(parse(part_svg(range(0, 6))))
    part = texts(parse(part_svg(range(2, 4))))
    for repeated in ("Checkout", "Steps", "Emotions", "Very positive", "Very negative", "Neutral"):
        assert any(repeated in text for text in part), repeated
    assert any("Purchase" in text for text in part)
    assert not any(text.startswith(("Discover", "Delivery")) for text in part)
    assert any("Enters card details" in text for text in part)
    assert not any("Sees an ad" in text or "Unboxes" in text for text in part)
    assert any("steps 3\u20134 of 6" in text for text in part)
    assert not any("of 6" in text for text in whole)


def test_the_emotion_lines_are_the_whole_maps_clipped_to_the_part() -> None:
    def lines(svg: str) -> dict[str, str]:
        root = parse(svg)
        return {p.get("data-persona", ""): p.get("d", "") for p in root.iter(f"{SVG_NS}path")
                if "emotion-line" in p.get("class", "")}  # fmt: skip

    whole, first, second = part_svg(range(0, 6)), part_svg(range(0, 3)), part_svg(range(3, 6))
    assert "clip-path" not in whole
    for part in (first, second):
        assert 'clip-path="url(#journey-checkout-steps-' in part
        root = parse(part)
        shapes = (f"{SVG_NS}circle", f"{SVG_NS}path")
        tooltips = [m.findtext(f"{SVG_NS}title") or "" for m in root.iter() if m.tag in shapes]
        assert any(" at " in tooltip for tooltip in tooltips), "the part's markers are drawn"
    # The same curve, moved so the part's first column starts where the map's first does.
    assert set(lines(first)) == set(lines(whole)) == {"sam", "pat"}
    assert lines(first) == lines(whole)
    assert lines(second) != lines(whole)


def test_a_part_keeps_each_stages_colour() -> None:
    whole = parse(part_svg(range(0, 6)))
    part = parse(part_svg(range(2, 6)))

    def bands(root: object) -> list[str]:
        return [r.get("class", "") for r in root.iter(f"{SVG_NS}rect") if r.get("class", "").startswith("stage ")]  # type: ignore[attr-defined]

    assert bands(whole) == ["stage stage-1", "stage stage-2", "stage stage-3"]
    assert bands(part) == ["stage stage-2", "stage stage-3"]


def test_rendering_a_part_is_deterministic() -> None:
    assert part_svg(range(1, 4)) == part_svg(range(1, 4))


def test_paper_parts_cover_every_step_once_in_order_and_fit_the_page_at_6pt() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    least = min_scale(load_theme(settings))
    for journey in project.maps:
        count = sum(1 for _ in journey.steps())
        parts = paper_parts(journey, project, settings, A4_AREA)
        covered = [index for part in parts for index in part.steps if part.lanes == parts[0].lanes or index]
        assert sorted(set(covered)) == list(range(count)), journey.id
        ranges = list(dict.fromkeys(part.steps for part in parts))
        assert [i for r in ranges for i in r] == list(range(count)), journey.id
        for part in parts:
            assert part.scale(A4_AREA) >= least * 0.999, (journey.id, part)
            assert part.scale(A4_AREA) * 11 >= MIN_TEXT_PT * 0.999


def test_a_part_too_tall_for_the_page_puts_its_lanes_on_more_pages() -> None:
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    assert journey is not None
    low = (A4_AREA[0], 220.0)  # a strip of paper: too low for every lane at once
    parts = paper_parts(journey, project, settings, low)
    groups = list(dict.fromkeys(part.lanes for part in parts))
    assert len(groups) > 1
    shown = [lane for group in groups for lane in group]
    assert len(shown) == len(set(shown)), "each lane on one page of a range"
    assert set(shown) <= set(settings.lanes)
    for part in parts:
        assert part.scale(low) >= min_scale(load_theme(settings)) * 0.999 or len(part.lanes) == 1


def test_the_smallest_text_sets_the_least_scale() -> None:
    settings, _ = load_valid(FIXTURE_PROJECT)
    theme = load_theme(settings)
    smaller = dataclasses.replace(theme, font=dataclasses.replace(theme.font, small_size=8))
    assert min_scale(smaller) == MIN_TEXT_PT / 8


def test_a_whole_map_is_laid_out_once_for_its_file_label_column_and_print_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeys.render import layout as layout_module
    from journeys.site.diagram import diagram_svg, label_column_svg
    from journeys.site.paper import print_parts

    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    assert journey is not None
    laid: list[range | None] = []
    real = layout_module._laid_out

    def counting(*args):  # type: ignore[no-untyped-def]
        laid.append(args[-1])
        return real(*args)

    monkeypatch.setattr(layout_module, "_laid_out", counting)
    layout_module.clear_memos()
    diagram_svg(journey, project, settings)
    label_column_svg(journey, project, settings)
    print_parts(journey, project, settings)
    assert laid.count(None) == 1
    # Other inputs are another layout: here, fewer lanes.
    fewer = dataclasses.replace(settings, lanes=settings.lanes[:2])
    assert render_map_svg(journey, project, fewer) != render_map_svg(journey, project, settings)
    assert laid.count(None) == 3


def test_a_part_is_measured_as_tall_as_it_is_laid_out() -> None:
    """paper_parts measures a part before laying it out; every contiguous run of steps of
    every map, in the fixtures and the example, with and without the evidence marks
    (which make cells taller), and a map whose first stage has no scores (a part of it
    has no emotion lane), measures exactly as its layout comes out."""
    from journeys.render.layout import layout_map, part_heights

    for root in (FIXTURE_PROJECT, REPO_ROOT):
        settings, project = load_valid(root)
        first, *rest = project.maps[0].stages
        unscored = dataclasses.replace(first, steps=tuple(dataclasses.replace(s, emotions=()) for s in first.steps))
        journeys = [*project.maps, dataclasses.replace(project.maps[0], stages=(unscored, *rest))]
        for show_evidence in (False, True):
            shown = dataclasses.replace(settings, show_evidence=show_evidence)
            theme = load_theme(shown)
            for journey in journeys:
                compare = project.compared_map(journey)
                whole = layout_map(journey, project, shown, theme, compare)
                count = sum(1 for _ in journey.steps())
                for start in range(count):
                    for end in range(start + 1, count + 1):
                        steps = range(start, end)
                        laid = layout_map(journey, project, shown, theme, compare, steps)
                        height, lanes = part_heights(journey, project, shown, theme, compare, steps, whole)
                        where = (root.name, journey.id, show_evidence, steps)
                        assert height == pytest.approx(laid.height, abs=1e-9), where
                        assert lanes.keys() == laid.lane_heights.keys(), where
                        assert list(lanes.values()) == pytest.approx(list(laid.lane_heights.values()), abs=1e-9)
