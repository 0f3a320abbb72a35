"""The one place the site asks for a map's SVG diagram."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from journeys.render import render_map_svg

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project

#: Inline SVG must not carry an XML prolog into the HTML page.
_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def diagram_svg(journey: JourneyMap, project: Project, settings: Settings) -> str:
    """The standalone SVG document of ``journey``, drawn over the map it compares to."""
    return render_map_svg(journey, project, settings, compare=project.compared_map(journey))


def inline_svg(svg: str) -> str:
    """``svg`` ready to sit inside an HTML page (without its XML prolog)."""
    return _PROLOG.sub("", svg, count=1)
