"""The one place the site asks for a map's SVG diagram.

The diagram renderer (``journeys.render.render_map_svg``) is developed alongside the
site. Until it is importable the site shows a small, accessible placeholder, so the
rest of the site can be built and tested; the moment the renderer exists it is used.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project

#: Inline SVG must not carry an XML prolog into the HTML page.
_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def map_svg(journey: JourneyMap, project: Project, settings: Settings) -> str:
    """The standalone SVG document of ``journey`` (root ``class="journey-diagram"``)."""
    try:
        from journeys.render import render_map_svg
    except ImportError:
        return placeholder_svg(journey)
    # A future-state map is drawn over the current-state map it improves (faded).
    compare = project.map(journey.compares_to) if journey.compares_to else None
    return render_map_svg(journey, project, settings, compare=compare)


def inline_svg(svg: str) -> str:
    """``svg`` ready to sit inside an HTML page (without its XML prolog)."""
    return _PROLOG.sub("", svg, count=1)


def placeholder_svg(journey: JourneyMap) -> str:
    """A minimal diagram: one box per stage, for when the renderer is unavailable."""
    width, height = max(1, len(journey.stages)) * 160 + 20, 80
    boxes = "".join(
        f'<rect x="{10 + index * 160}" y="10" width="150" height="60" rx="6" '
        f'fill="var(--journeys-card, #f6f8fa)" stroke="var(--journeys-card-border, #d0d7de)"/>'
        f'<text x="{85 + index * 160}" y="45" text-anchor="middle" font-size="13" '
        f'fill="var(--journeys-text, #1f2328)">{escape(stage.name[:22])}</text>'
        for index, stage in enumerate(journey.stages)
    )
    title = escape(journey.title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="journey-diagram" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{title}</title>{boxes}</svg>"
    )
