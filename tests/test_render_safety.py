"""User text never becomes markup: every text field escaped, XML-illegal characters dropped."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from journeys.model import EmotionScale, Opportunity, PainPoint, PersonaText, PersonaTexts
from journeys.render import render_map_svg
from render_helpers import FIXTURE_PROJECT, SVG_NS, load_valid, parse, tag

HOSTILE = '<script>alert("x")</script> & \'q\' "dq" ]]> \x00\x08\x0b\x1f\ufffe end'
SHOWN = '<script>alert("x")</script> & \'q\' "dq" ]]>  end'  # what the reader must see
#: Every element and attribute the diagram may contain; anything else was injected.
ELEMENTS = {"svg", "title", "desc", "defs", "style", "g", "rect", "line", "path", "circle", "text", "tspan"}
ATTRIBUTES = {
    "class", "role", "aria-labelledby", "viewBox", "width", "height", "version", "baseProfile", "id", "type",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "d", "data-persona", "data-text-persona", "text-anchor",
}
#: A text of each persona's own (drawn after their marker, named in its tooltip).
EACH_HOSTILE = PersonaTexts((PersonaText("sam", HOSTILE), PersonaText("pat", HOSTILE)))


def hostile_project():
    """The fixture map with the hostile string in every text field the diagram shows."""
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")

    def step(s):
        return dataclasses.replace(
            s, name=HOSTILE, touchpoint=HOSTILE, channel=HOSTILE, actions=PersonaTexts.shared_text(HOSTILE),
            thoughts=EACH_HOSTILE, feeling=EACH_HOSTILE, backstage=HOSTILE,
            pain_points=(PainPoint(HOSTILE, "high"),), opportunities=(Opportunity(HOSTILE, "low", "high"),),
        )

    stages = tuple(
        dataclasses.replace(stage, name=HOSTILE, goal=HOSTILE, steps=tuple(step(s) for s in stage.steps))
        for stage in journey.stages
    )
    evil = dataclasses.replace(journey, title=HOSTILE, stages=stages, compares_to=HOSTILE)
    personas = tuple(dataclasses.replace(p, name=HOSTILE) for p in project.personas)
    scale = EmotionScale(labels=tuple((score, HOSTILE) for score in range(-2, 3)))
    other = dataclasses.replace(project.map("checkout-future"), title=HOSTILE)
    return settings, dataclasses.replace(project, personas=personas, scale=scale), evil, other


@pytest.mark.parametrize("compare", [False, True])
def test_hostile_text_in_every_field_stays_text(compare: bool) -> None:
    settings, project, journey, other = hostile_project()
    svg = render_map_svg(journey, project, settings, compare=other if compare else None)
    root = parse(svg)  # well-formed: the control characters are gone
    for element in root.iter():
        assert tag(element) in ELEMENTS, element.tag
        assert set(element.attrib) <= ATTRIBUTES, element.attrib
    assert "<script" not in svg and "javascript:" not in svg
    words = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    # Wrapped lines are joined with spaces: compare without whitespace.
    assert "".join(SHOWN.split()) in "".join(words.split())
    assert SHOWN in root.find(f"{SVG_NS}title").text
    assert "".join(SHOWN.split()) in "".join(root.find(f"{SVG_NS}desc").text.split())
    style = root.find(f"{SVG_NS}style").text
    assert "script" not in style and "alert" not in style


def test_hostile_text_never_reaches_an_attribute() -> None:
    settings, project, journey, _ = hostile_project()
    root = parse(render_map_svg(journey, project, settings))
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "alert" not in value, (element.tag, name)


def test_persona_ids_in_data_attributes_are_escaped() -> None:
    settings, project, journey, _ = hostile_project()
    weird = dataclasses.replace(journey, personas=('x" onload="alert(1)', *journey.personas))
    root = parse(render_map_svg(weird, project, settings))
    for element in root.iter():
        assert "onload" not in element.attrib
    assert any(e.get("data-persona") == 'x" onload="alert(1)' for e in root.iter())


def test_output_has_no_characters_xml_forbids() -> None:
    settings, project, journey, _ = hostile_project()
    svg = render_map_svg(journey, project, settings)
    assert not any(ord(c) < 0x20 and c not in "\t\n\r" for c in svg)
    assert "\ufffe" not in svg
    ET.fromstring(svg.encode("utf-8"))


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(min_size=1, max_size=40))
def test_any_text_in_any_field_gives_well_formed_svg(text: str, name: str) -> None:
    """Whatever Unicode the model holds (even what validation would refuse), the SVG parses
    and holds only the diagram's own elements."""
    settings, project = load_valid(FIXTURE_PROJECT)
    journey = project.map("checkout")
    stage = journey.stages[0]
    own = PersonaTexts((PersonaText("sam", text),))
    step = dataclasses.replace(stage.steps[0], name=name, actions=PersonaTexts.shared_text(text), thoughts=own,
                               feeling=own, pain_points=(PainPoint(text),))
    stages = (dataclasses.replace(stage, name=text or "x", steps=(step, *stage.steps[1:])), *journey.stages[1:])
    root = parse(render_map_svg(dataclasses.replace(journey, title=text, stages=stages), project, settings))
    assert {tag(element) for element in root.iter()} <= ELEMENTS
