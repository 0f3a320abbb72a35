"""Per-persona texts in the diagram: each after its persona's marker, nothing overlapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from issue_helpers import PAT
from render_helpers import SVG_NS, parse, render, tag, texts
from test_render_browser import MEASURE, page_with

REPO_ROOT = Path(__file__).resolve().parent.parent

TWO_PERSONAS = """\
title: Buying a laptop online
personas: [sam, pat]
stages:
  - name: Discover
    steps:
      - name: Compares models
        actions: Opens five tabs
        thoughts:
          sam: Which of these has a good battery?
          pat: Will it survive being dropped?
        emotion: {sam: 0, pat: -1}
        feeling: {sam: Overwhelmed, pat: Worried}
      - name: Reads reviews
        thoughts: {pat: Supercalifragilisticexpialidocious}
        emotion: 1
        feeling: Reassured
"""


@pytest.fixture
def diagram(make_project):
    root = make_project({"maps/buy.yaml": TWO_PERSONAS, "personas/pat.md": PAT})
    return parse(render(root, "buy"))


def text_element(root, content: str):
    (found,) = [t for t in root.iter(f"{SVG_NS}text") if " ".join(t.itertext()).startswith(content)]
    return found


def first_line(element) -> tuple[float, float]:
    """(x, baseline y) of a <text>'s first line."""
    line = element if element.get("x") is not None else element[0]
    return float(line.get("x")), float(line.get("y"))


def marks(root) -> dict[str, list]:
    return {
        g.get("data-text-persona"): list(g)
        for g in root.iter(f"{SVG_NS}g")
        if "text-markers" in g.get("class", "").split()
    }


def emotion_markers(root) -> dict[str, list]:
    return {g.get("data-persona"): list(g) for g in root.iter(f"{SVG_NS}g") if g.get("data-persona")}


def mark_centre(mark) -> tuple[float, float]:
    if tag(mark) == "circle":
        return float(mark.get("cx")), float(mark.get("cy"))
    points = [tuple(map(float, p.split())) for p in mark.get("d")[1:-1].split("L")]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def test_each_persona_text_follows_that_personas_marker(diagram):
    shown = texts(diagram)
    for text in ("\u201cWhich of these has a good battery?\u201d", "\u201cWill it survive being dropped?\u201d",
                 "Overwhelmed", "Worried"):
        assert any(" ".join(line.split()) == text for line in (" ".join(s.split()) for s in shown)), text
    by_persona = marks(diagram)
    assert sorted(by_persona) == ["pat", "sam"]
    # The marker of a persona's text has the shape of that persona's emotion markers.
    line_shapes = {persona: tag(items[0]) for persona, items in emotion_markers(diagram).items()}
    assert line_shapes == {"sam": "circle", "pat": "path"}
    assert {persona: {tag(m) for m in items} for persona, items in by_persona.items()} == {
        "sam": {"circle"}, "pat": {"path"},
    }  # fmt: skip
    assert {m.find(f"{SVG_NS}title").text for m in by_persona["pat"]} == {"Pat Lee"}
    # sam: thought and feeling at step 1; pat: thought and feeling at step 1, thought at step 2.
    assert (len(by_persona["sam"]), len(by_persona["pat"])) == (2, 3)


def test_the_marker_sits_left_of_its_text_on_the_first_lines_middle(diagram):
    (sam_thought, _), (pat_thought, _, _) = marks(diagram)["sam"], marks(diagram)["pat"]
    for mark, start in ((sam_thought, "\u201cWhich"), (pat_thought, "\u201cWill")):
        x, baseline = first_line(text_element(diagram, start))
        centre_x, centre_y = mark_centre(mark)
        assert x - 18 < centre_x < x - 5  # the text is indented past the marker
        assert baseline - 12 < centre_y < baseline  # body text: the marker is mid-line


def test_shared_texts_have_no_marker_and_a_shared_feeling_stays_centred(diagram):
    actions = text_element(diagram, "Opens five tabs")
    assert actions.get("text-anchor") is None
    assert text_element(diagram, "Reassured").get("text-anchor") == "middle"
    assert text_element(diagram, "Worried").get("text-anchor") is None  # after a marker: left-aligned
    assert len(marks(diagram)["pat"]) == 3 and len(marks(diagram)["sam"]) == 2


def test_a_long_word_in_a_persona_text_widens_its_column_by_the_markers_room(make_project):
    """A column grows to its widest word; a persona's own text also needs room for the marker."""
    word = "Antidisestablishmentarian"
    widths = []
    for thoughts in (word, f"{{pat: {word}}}"):
        text = TWO_PERSONAS.replace("{pat: Supercalifragilisticexpialidocious}", thoughts)
        root = make_project({"maps/buy.yaml": text, "personas/pat.md": PAT})
        widths.append(float(parse(render(root, "buy")).get("width")))
    shared, own = widths
    assert shared > 24 + 124 + 2 * 176 + 8 + 24  # wider than two default columns: the word widened it
    assert own - shared == pytest.approx(5 * 2.6 + 5)  # the theme's marker (radius 5) and the gap after it


def test_the_example_map_with_two_personas_has_no_overlapping_text_or_markers(browser):
    svg = render(REPO_ROOT, "family-mobile-plan")
    page = page_with(browser, svg)
    try:
        result = page.evaluate(MEASURE)
        marker_hits = page.evaluate(
            """() => {
              const box = e => e.getBoundingClientRect();
              const marks = [...document.querySelectorAll('g.text-markers > *')].map(box);
              const texts = [...document.querySelectorAll('svg text')].map(t => [t.textContent, box(t)]);
              const hits = [];
              for (const m of marks) for (const [text, t] of texts) {
                if (m.left < t.right && t.left < m.right && m.top < t.bottom && t.top < m.bottom) hits.push(text);
              }
              return {count: marks.length, hits};
            }"""
        )
    finally:
        page.close()
    assert result["count"] > 20
    assert result["overlaps"] == [] and result["outside"] == []
    assert marker_hits["count"] >= 20 and marker_hits["hits"] == []
