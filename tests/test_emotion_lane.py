"""The emotion lane: its height, shaded zones, side-by-side markers, feelings at their
points, pain-point severity beyond colour, a stage palette whose neighbours differ,
and a compare legend drawn as the line it names."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from issue_helpers import PAT
from journeys.config import load_settings
from journeys.labels import LANGUAGES, catalogue
from journeys.render.feelings import Anchor, lean, place_labels, prefers_below
from journeys.render.textstyle import TextStyles
from journeys.render.theme import ThemeError, load_theme
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse, render, texts
from test_persona_text_render import mark_centre
from test_render_browser import page_with
from test_render_parts import part_svg
from test_render_theme import contrast

REPO_ROOT = Path(__file__).resolve().parent.parent

SHARED_SCORES = """\
title: Buying a laptop online
personas: [sam, pat]
stages:
  - name: Discover
    steps:
      - name: Compares models
        emotion: {sam: 1, pat: 1}
        feeling: {sam: Curious, pat: Keen}
      - name: Enters card details
        emotion: {sam: -2, pat: -2}
        feeling: {sam: Anxious, pat: Frustrated and wondering why the form forgets every field it was given}
        pain_points:
          - {text: The form forgets the address, severity: high}
          - {text: A slow page, severity: low}
      - name: Gets confirmation
        emotion: {sam: 2, pat: 0}
        feeling: {sam: Relieved, pat: Unsure}
"""


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    from conftest import project_maker

    root = project_maker(tmp_path_factory.mktemp("lane") / "project")({
        "maps/buy.yaml": SHARED_SCORES, "personas/pat.md": PAT,
    })  # fmt: skip
    return parse(render(root, "buy"))


def gridlines(root) -> list[float]:
    return sorted(float(line.get("y1")) for line in root.iter(f"{SVG_NS}line")
                  if line.get("class") in ("grid", "baseline"))  # fmt: skip


def markers(root) -> dict[str, list[tuple[float, float]]]:
    """Each persona's emotion marker centres, in step order."""
    return {
        g.get("data-persona"): [mark_centre(mark) for mark in g if mark.tag != f"{SVG_NS}title"]
        for g in root.iter(f"{SVG_NS}g")
        if g.get("data-persona") and "markers" in g.get("class", "")
    }


def text_with(root, content: str):
    (found,) = [t for t in root.iter(f"{SVG_NS}text") if "".join(t.itertext()).startswith(content)]
    return found


def text_top(element) -> float:
    """The first line's baseline, less the font size: the top of the text, near enough."""
    line = element if element.get("y") is not None else element.find(f"{SVG_NS}tspan")
    return float(line.get("y")) - 12


# -- markers -----------------------------------------------------------------------------


def test_markers_of_personas_with_one_score_stand_side_by_side_inside_the_scale(shared) -> None:
    top, bottom = gridlines(shared)[0], gridlines(shared)[-1]
    sam, pat = markers(shared)["sam"], markers(shared)["pat"]
    for step in (0, 1):  # the same score at the first two steps
        (sx, sy), (px, py) = sam[step], pat[step]
        assert sy == py  # at the score's height, not nudged off it
        assert px - sx >= 5 * 2.6  # apart by at least a marker's width (radius 5): never piled up
    for _, y in sam + pat:
        assert top <= y <= bottom
    assert sam[1][1] == pat[1][1] == bottom  # the minimum score sits on the bottom line, not below it
    assert sam[2][0] == pat[2][0]  # different scores: both on the step's centre


def test_each_line_passes_through_its_own_markers(shared) -> None:
    for persona, centres in markers(shared).items():
        (path,) = [p for p in shared.iter(f"{SVG_NS}path")
                   if p.get("data-persona") == persona and "emotion-line" in p.get("class")]  # fmt: skip
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        ends = [(numbers[0], numbers[1])] + [(numbers[i + 4], numbers[i + 5]) for i in range(2, len(numbers), 6)]
        assert [v for end in ends for v in end] == pytest.approx([v for c in centres for v in c], abs=0.01)


# -- feelings ------------------------------------------------------------------------------


def test_each_personas_feeling_is_written_next_to_its_point(shared) -> None:
    points = markers(shared)
    for persona, step, feeling in (("sam", 0, "Curious"), ("pat", 0, "Keen"), ("sam", 2, "Relieved"),
                                   ("pat", 2, "Unsure"), ("sam", 1, "Anxious")):  # fmt: skip
        x, y = points[persona][step]
        label = text_with(shared, feeling)
        top = text_top(label)
        assert abs(float(label.get("x") or label.find(f"{SVG_NS}tspan").get("x")) - x) < 90
        assert -40 < top - y < 25, (feeling, top, y)  # just above or just below its point


def test_personas_sharing_a_step_take_turns_above_and_below(shared) -> None:
    (_, sam_y), (_, pat_y) = markers(shared)["sam"][0], markers(shared)["pat"][0]
    assert text_top(text_with(shared, "Curious")) < sam_y  # the first of a shared score: above
    assert text_top(text_with(shared, "Keen")) > pat_y  # the second: below
    # Different scores: the higher point's label above it, the lower's below.
    (_, high), (_, low) = markers(shared)["sam"][2], markers(shared)["pat"][2]
    assert text_top(text_with(shared, "Relieved")) < high and text_top(text_with(shared, "Unsure")) > low


def test_a_long_feeling_is_cut_to_two_lines_with_the_whole_text_in_its_tooltip(shared) -> None:
    label = text_with(shared, "Frustrated")
    lines = [span.text for span in label.iter(f"{SVG_NS}tspan")]
    assert len(lines) == 2 and lines[-1].endswith("\u2026")
    assert label.find(f"{SVG_NS}title").text == (
        "Frustrated and wondering why the form forgets every field it was given"
    )
    assert text_with(shared, "Anxious").find(f"{SVG_NS}title") is None  # whole: no tooltip needed


def test_a_feeling_has_its_personas_marker_on_a_map_of_several(shared) -> None:
    feeling_marks = [g for g in shared.iter(f"{SVG_NS}g") if "text-markers" in g.get("class", "")]
    assert sorted(g.get("data-text-persona") for g in feeling_marks) == ["pat", "sam"]
    assert [len(g) for g in feeling_marks] == [3, 3]


@pytest.mark.parametrize(
    ("before", "score", "after", "below", "leans"),
    [(0, -1, 0, True, 0), (0, 1, 0, False, 0), (-1, 0, 1, False, -1), (1, 0, -1, False, 1),
     (1, 1, 2, False, -1), (None, -2, 0, True, 0), (None, 0, None, False, 0), (2, 0, None, True, 0)],
)  # fmt: skip
def test_a_label_goes_below_valleys_and_the_bottom_only_and_leans_off_its_line(
    before: float | None, score: float, after: float | None, below: bool, leans: int
) -> None:
    anchor = Anchor(0, 0.0, "sam", score, before, after)
    assert prefers_below(anchor, -2) is below
    assert lean(anchor, below) == leans


def test_a_label_put_below_by_its_turn_leans_off_the_line_going_down() -> None:
    assert lean(Anchor(0, 0.0, "sam", 0, 1, -1), below=True) == -1  # the line leaves down to the right


def test_a_blank_feeling_gets_no_label() -> None:
    settings, _ = load_valid(FIXTURE_PROJECT)
    styles = TextStyles(load_theme(settings))
    assert place_labels([(Anchor(0, 0.0, "sam"), " ")], styles, [100.0], 6.5, -2) == []


def test_labels_at_one_step_never_overlap() -> None:
    settings, _ = load_valid(FIXTURE_PROJECT)
    styles = TextStyles(load_theme(settings))
    anchors = [(Anchor(0, 60.0, f"p{n}", 1, 1 - n % 2 * 2, 0), "A feeling with a few words") for n in range(4)]
    labels = place_labels(anchors, styles, [100.0], 6.5, -2)
    spans = sorted((label.top, label.top + label.height) for label in labels)
    assert all(upper[1] <= lower[0] for upper, lower in itertools.pairwise(spans))
    assert spans[0][1] <= 60 - 6.5 and spans[-1][0] >= 60 + 6.5  # the first above, the last below the point


def test_a_part_of_a_map_writes_its_own_steps_feelings_with_the_plot_where_the_whole_has_it() -> None:
    whole, first = parse(part_svg(range(0, 6))), parse(part_svg(range(0, 3)))
    feelings = [" ".join(t.itertext()) for t in first.iter(f"{SVG_NS}text") if t.get("class") == "t-feeling"]
    assert feelings == ["Curious", "Overwhelmed", "Worried", "Annoyed"]  # not Relieved, not Delighted
    assert gridlines(first) == gridlines(whole)


# -- pain points ---------------------------------------------------------------------------


def test_severity_is_a_mark_with_words_a_heavier_card_and_a_sentence_in_the_description(shared) -> None:
    marks = [g for g in shared.iter(f"{SVG_NS}g") if g.get("class") == "severity"]
    assert [g.find(f"{SVG_NS}title").text for g in marks] == ["High severity", "Low severity"]
    filled = [g.find(f"{SVG_NS}path[@class='severity-bar on']").get("d").count("M") for g in marks]
    assert filled == [3, 1]  # bars filled up to the level: more than a colour tells it
    cards = [r.get("class") for r in shared.iter(f"{SVG_NS}rect") if "pain-card" in r.get("class", "")]
    assert cards == ["jd-card pain-card severity-high", "jd-card pain-card severity-low"]
    style = shared.find(f"{SVG_NS}style").text
    assert ".journey-diagram .severity-high{stroke-width:3}" in style
    assert "The form forgets the address (high severity)" in " ".join(texts(shared))
    assert "Pain points: 1 high severity, 1 low severity." in shared.find(f"{SVG_NS}desc").text


# -- zones and height ------------------------------------------------------------------------


def test_zones_shade_above_and_below_the_neutral_line(shared) -> None:
    lines = gridlines(shared)
    neutral = next(float(line.get("y1")) for line in shared.iter(f"{SVG_NS}line") if line.get("class") == "baseline")
    zones = {r.get("class"): r for r in shared.iter(f"{SVG_NS}rect") if r.get("class", "").startswith("zone-")}
    positive, negative = zones["zone-positive"], zones["zone-negative"]
    assert float(positive.get("y")) == lines[0] and float(positive.get("height")) == pytest.approx(neutral - lines[0])
    assert float(negative.get("y")) == neutral
    assert float(negative.get("height")) == pytest.approx(lines[-1] - neutral)


def test_the_lane_is_as_tall_as_the_theme_says(make_project) -> None:
    files = {"maps/buy.yaml": SHARED_SCORES, "personas/pat.md": PAT}
    default = gridlines(parse(render(make_project(files), "buy")))
    assert default[-1] - default[0] == pytest.approx(240)  # the default: -2..+2 is 60 px a score
    root = make_project({**files, "mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: tall\n",
                         "themes/tall/theme.yaml": "spacing:\n  emotion_lane_height: 400\n"})  # fmt: skip
    tall = gridlines(parse(render(root, "buy")))
    assert tall[-1] - tall[0] == pytest.approx(400) and len(tall) == 5


@pytest.mark.parametrize(("value", "shown"), [("50", "the number 50"), ("2001", "the number 2001"), ("tall", "'tall'")])
def test_a_lane_height_out_of_range_is_an_issue_where_it_is_written(cli, make_project, value: str, shown: str) -> None:
    root = make_project({"mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: bad\n",
                         "themes/bad/theme.yaml": f"spacing:\n  emotion_lane_height: {value}\n"})  # fmt: skip
    expected = (
        f"themes/bad/theme.yaml:2:24: error: spacing.emotion_lane_height must be a number from 80 to 2,000, not {shown}"
    )
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == expected
    with pytest.raises(ThemeError, match=re.escape(expected)):
        load_theme(load_settings(root)[0])


def test_the_replaced_step_height_is_reported_with_the_new_name(cli, make_project) -> None:
    root = make_project({"mkdocs.yml": "site_name: t\nplugins:\n  - journeys:\n      theme: old\n",
                         "themes/old/theme.yaml": "spacing:\n  emotion_step_height: 40\n"})  # fmt: skip
    result = cli("validate", root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "themes/old/theme.yaml:2:3: error: unknown theme key 'spacing.emotion_step_height' "
        "— did you mean 'emotion_lane_height'?"
    )


# -- colours ---------------------------------------------------------------------------------


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of ``#rrggbb``."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)  # fmt: skip
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """The CIEDE2000 colour difference (Sharma, Wu and Dalal, 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dl, dc, big_dh = l2 - l1, c2 - c1, 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_cp = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = (
        -2
        * math.sqrt(mean_cp**7 / (mean_cp**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((mean_h - 275) / 25) ** 2))))
    )
    sl = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    sc, sh = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (big_dh / sh) ** 2 + rotation * (dc / sc) * (big_dh / sh))


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425), ((50, 2.5, 0), (73, 25, -18), 27.1492),
     ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644), ((50, 2.5, 0), (50, 0, -2.5), 4.3065)],
)  # fmt: skip
def test_the_colour_difference_matches_sharmas_published_pairs(lab1, lab2, expected: float) -> None:
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


#: Stages next to each other (the palette repeats, so the last meets the first) differ by
#: this CIEDE2000 distance at least; any two stages (one map's third and sixth) by half.
NEIGHBOUR_DIFFERENCE = 20
ANY_DIFFERENCE = 10


#: The default theme (the fixture project's) and the example site's brand theme.
THEMED_PROJECTS = pytest.mark.parametrize("project", [FIXTURE_PROJECT, REPO_ROOT], ids=["default", "brand"])


@THEMED_PROJECTS
@pytest.mark.parametrize("variant", ["light", "dark"])
def test_neighbouring_stage_colours_are_clearly_different(project: Path, variant: str) -> None:
    theme = load_theme(load_valid(project)[0])
    colours = theme.colours(variant)
    stages = [colours[f"stage_{n}"] for n in range(1, theme.numbered("stage") + 1)]
    pairs = list(zip(stages, stages[1:] + stages[:1], strict=True))
    close = [(a, b, round(ciede2000(lab(a), lab(b)), 1)) for a, b in pairs
             if ciede2000(lab(a), lab(b)) < NEIGHBOUR_DIFFERENCE]  # fmt: skip
    assert not close
    alike = [(a, b) for a, b in itertools.combinations(stages, 2) if ciede2000(lab(a), lab(b)) < ANY_DIFFERENCE]
    assert not alike


@THEMED_PROJECTS
@pytest.mark.parametrize("variant", ["light", "dark"])
def test_the_neutral_and_compared_lines_stand_out_from_every_fill(project: Path, variant: str) -> None:
    colours = load_theme(load_valid(project)[0]).colours(variant)
    fills = ["background"] + [name for name in colours if name.startswith("stage_")]
    for line in ("baseline", "compare"):
        for fill in fills:
            assert contrast(colours[line], colours[fill]) >= 3, (line, fill)


# -- the compare legend ------------------------------------------------------------------------


def test_the_legends_before_sample_is_drawn_as_the_compared_line() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout-future", compare=True))
    compared = [p for p in root.iter(f"{SVG_NS}path") if "compare-line" in p.get("class", "")]
    (sample,) = [line for line in root.iter(f"{SVG_NS}line") if "compare-line" in line.get("class", "")]
    assert set(sample.get("class").split()) - {"legend-line"} == set(compared[0].get("class").split())


#: The word for the colour the compared lines are drawn in (the theme's grey), in each shipped language.
GREY = {"en": "grey", "de": "Grau", "es": "gris", "fr": "gris", "ja": "グレー", "pt": "cinza"}


def test_the_subtitle_and_description_say_the_compared_lines_are_grey_as_drawn() -> None:
    root = parse(render(FIXTURE_PROJECT, "checkout-future", compare=True))
    shown = [" ".join(line.split()) for line in texts(root)]
    assert "Future state, with the emotion lines of 'Buying a laptop online' in grey" in shown
    assert "The grey lines show the same personas" in (root.findtext(f"{SVG_NS}desc") or "")
    theme = load_theme(load_valid(FIXTURE_PROJECT)[0])
    for variant in ("light", "dark"):  # the words hold while the theme draws them grey
        red, green, blue = (int(theme.colours(variant)["compare"][i : i + 2], 16) for i in (1, 3, 5))
        assert max(red, green, blue) - min(red, green, blue) <= 25, variant
    assert set(GREY) == set(LANGUAGES)
    for language, word in GREY.items():
        for key in ("subtitle_drawn_over", "summary_compare"):
            assert word.casefold() in catalogue(language)[key].casefold(), (language, key)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_before_sample_and_the_compared_line_have_the_same_stroke_in_the_browser(browser, scheme: str) -> None:
    page = page_with(browser, render(FIXTURE_PROJECT, "checkout-future", compare=True), scheme)
    try:
        strokes = page.evaluate(
            """() => ['line.legend-line.compare-line', 'path.compare-line'].map(selector => {
                 const style = getComputedStyle(document.querySelector(selector));
                 return [style.stroke, style.strokeWidth, style.strokeDasharray, style.opacity];
               })"""
        )
    finally:
        page.close()
    sample, line = strokes
    assert sample == line
    assert sample[0] == ("rgb(110, 119, 129)" if scheme == "light" else "rgb(139, 148, 158)")


# -- in a browser ------------------------------------------------------------------------------

#: Boxes of the feeling labels that overlap another feeling or any persona's emotion marker.
LABEL_HITS = """() => {
  const box = e => e.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const labels = [...document.querySelectorAll('text.t-feeling')].map(t => [t.textContent, box(t)]);
  const markers = [...document.querySelectorAll('g.markers:not(.text-markers) > *')].map(box);
  const hits = [];
  labels.forEach(([text, b], i) => {
    labels.slice(i + 1).forEach(([other, c]) => { if (meet(b, c)) hits.push([text, other]); });
    markers.forEach(m => { if (meet(b, m)) hits.push([text, 'a marker']); });
  });
  return [labels.length, hits];
}"""


@pytest.mark.parametrize("map_id", ["family-mobile-plan", "laptop-purchase", "broadband-outage", "click-and-collect"])
def test_feelings_of_the_example_maps_meet_no_other_feeling_or_marker(browser, map_id: str) -> None:
    page = page_with(browser, render(REPO_ROOT, map_id))
    try:
        count, hits = page.evaluate(LABEL_HITS)
    finally:
        page.close()
    assert count > 5 and hits == []
