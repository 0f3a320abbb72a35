"""A map page on paper: the split-by-stage diagrams a printed page shows, and the PNG
and PDF downloads (``downloads`` in the journeys block; they need ``journeys[export]``).

A printed page cannot scroll sideways, and the whole diagram shrunk to the page would
print its text at 2 pt. So the page also carries the diagram in parts, split by
:mod:`journeys.render.paper` for the printable area below, hidden on screen and each
printed on a landscape page of its own (site.css) with no text under 6 pt.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from journeys.render import render_map_svg
from journeys.render.paper import MM, paper_parts
from journeys.site.diagram import inline_svg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.config import Settings
    from journeys.model import JourneyMap, Project

#: What a printed map page is split for, in millimetres: the smaller of A4 and US Letter
#: in landscape (279.4 x 210), less the 10 mm margins of site.css's ``@page`` and up to
#: 19 mm of a theme's padding and centring of its content column (MkDocs' own theme has
#: 247 mm of A4's 277). site.css gives each part this height.
PRINT_AREA_MM = (240.0, 185.0)
#: ``downloads:`` -> how the page's link names it.
DOWNLOADS = {"png": "PNG", "pdf": "PDF"}


def print_parts(journey: JourneyMap, project: Project, settings: Settings) -> list[str]:
    """The diagram of ``journey`` in parts for printing, each an inline SVG."""
    compare = project.compared_map(journey)
    area = (PRINT_AREA_MM[0] * MM, PRINT_AREA_MM[1] * MM)
    return [
        inline_svg(render_map_svg(
            journey, project, dataclasses.replace(settings, lanes=part.lanes), compare=compare, steps=part.steps,
            layout=part.layout,
        ))
        for part in paper_parts(journey, project, settings, area, compare)
    ]  # fmt: skip


def offered_downloads(configured: Sequence[str] | None, *, serving: bool) -> tuple[str, ...]:
    """The downloads each map page offers: those of the ``downloads`` option; unset, PNG and
    PDF wherever ``journeys[export]`` is installed, except in ``journeys serve``, where
    making them again for every edited map (a second or more) would hold every reload."""
    if configured is not None:
        return tuple(configured)
    from journeys.formats.drawing import export_installed

    return tuple(DOWNLOADS) if export_installed() and not serving else ()


def map_downloads(journey: JourneyMap, project: Project, settings: Settings, kinds: Sequence[str]) -> dict[str, bytes]:
    """The files of ``journey`` to download, by kind (``png``, ``pdf``): as ``journeys
    export`` writes them. Raises ``MissingExtra`` without ``journeys[export]``."""
    from journeys.formats.pdf import maps_pdf
    from journeys.formats.png import map_png

    makers = {
        "png": lambda: map_png(journey, project, settings),
        "pdf": lambda: maps_pdf(project, [journey], settings, title=journey.title),
    }
    return {kind: makers[kind]() for kind in kinds}
