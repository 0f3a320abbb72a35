"""Journey diagrams: a map from the model drawn as a standalone, themeable SVG.

The pipeline is ``layout`` (model -> positioned boxes, using ``textmetrics`` to wrap
text and ``curve`` for the emotion lines) then ``svg`` (boxes -> markup). Rendering is
a pure function of its inputs: the same map, project and settings give the same bytes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from journeys.render.layout import layout_map
from journeys.render.summary import describe_map
from journeys.render.svg import document
from journeys.render.theme import load_theme

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.config import Settings
    from journeys.model import JourneyMap, Project

__all__ = ["render_map_svg", "diagram_id", "clear_caches"]


def diagram_id(journey: JourneyMap, compare: JourneyMap | None = None) -> str:
    """Prefix of the diagram's element ids: unique per map (and compared map) on a page."""
    base = f"journey-{journey.id}" + (f"-vs-{compare.id}" if compare is not None else "")
    return re.sub(r"[^a-z0-9-]", "-", base.lower())


def render_map_svg(
    journey: JourneyMap,
    project: Project,
    settings: Settings,
    *,
    compare: JourneyMap | None = None,
    detail_links: Mapping[str, str] | None = None,
) -> str:
    """The journey diagram of ``journey`` as a complete SVG document string.

    ``compare``, when given, is drawn faded behind (normally the map that
    ``journey.compares_to`` names), matched to this map's steps by step id.
    ``detail_links`` (map id -> href) links the mark of each step another map details
    to that map, for a diagram inside a page; a standalone file has no links.
    """
    theme = load_theme(settings)
    layout = layout_map(journey, project, settings, theme, compare)
    return document(
        layout,
        theme,
        title=settings.labels("diagram_title", title=journey.title),
        summary=describe_map(journey, project, settings.labels, compare, evidence_gaps=settings.show_evidence),
        id_prefix=diagram_id(journey, compare),
        detail_links=detail_links or {},
    )


def clear_caches() -> None:
    """Forget cached text measurements and number formats (for cold-start measurements;
    the caches only ever hold pure results, so clearing them never changes output)."""
    from journeys.render import curve, textmetrics

    caches = (textmetrics.char_width, textmetrics.text_width, textmetrics.wrap, textmetrics.widest_word, curve.fmt)
    for cached in caches:
        cached.cache_clear()
