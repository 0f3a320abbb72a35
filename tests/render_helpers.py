"""Helpers shared by the diagram tests: load a fixture project and render its maps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from journeys.config import load_settings
from journeys.loading.project import load_project
from journeys.render import render_map_svg

SVG_NS = "{http://www.w3.org/2000/svg}"
RENDER_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "render"
FIXTURE_PROJECT = RENDER_FIXTURES / "project"


def load_valid(root: Path):
    """(settings, project) of a project that must have no errors."""
    settings, config_issues = load_settings(root)
    result = load_project(settings)
    errors = [str(i) for i in [*config_issues, *result.issues] if i.severity == "error"]
    assert not errors, errors
    return settings, result.project


def render(root: Path, map_id: str, *, compare: bool = False) -> str:
    settings, project = load_valid(root)
    journey = project.map(map_id)
    assert journey is not None, f"no valid map {map_id!r}"
    other = project.compared_map(journey) if compare else None
    return render_map_svg(journey, project, settings, compare=other)


def parse(svg: str) -> ET.Element:
    """The SVG as an element tree; fails the test if it is not well-formed XML."""
    return ET.fromstring(svg)


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG_NS)


def texts(root: ET.Element) -> list[str]:
    """The string of every <text> element (its tspans joined with spaces)."""
    return [" ".join(element.itertext()) for element in root.iter(f"{SVG_NS}text")]
