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
from journeys.render.svg import document, label_column
from journeys.render.theme import load_theme

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.config import Settings
    from journeys.model import JourneyMap, Project
    from journeys.render.layout import Layout

__all__ = ["render_map_svg", "render_label_column", "diagram_id", "clear_caches"]


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
    steps: range | None = None,
    export_font: str | None = None,
    layout: Layout | None = None,
) -> str:
    """The journey diagram of ``journey`` as a complete SVG document string.

    ``compare``, when given, is drawn faded behind (normally the map that
    ``journey.compares_to`` names), matched to this map's steps by step id.
    ``detail_links`` (map id -> href) links the mark of each step another map details
    to that map, for a diagram inside a page; a standalone file has no links.
    ``steps`` (indices into ``journey.steps()``) draws only those steps, each part
    repeating the title, lane labels and emotion scale (a map split for paper:
    :mod:`journeys.render.paper`); ``settings.lanes`` chooses the lanes as ever.
    ``export_font`` writes colours out and names that font, for PNG and PDF renderers.
    ``layout``: the layout of these very arguments when the caller has it already (a
    part of :func:`journeys.render.paper.paper_parts`, measured while splitting).
    """
    theme = load_theme(settings)
    if layout is None:
        layout = layout_map(journey, project, settings, theme, compare, steps)
    # A part's ids name its steps and first lane: the parts of a map on one page (print)
    # may show the same steps with different lanes.
    part = "" if steps is None else f"-steps-{steps.start + 1}-{steps.stop}-{'-'.join(settings.lanes[:1])}"
    return document(
        layout,
        theme,
        title=settings.labels("diagram_title", title=journey.title),
        summary=describe_map(journey, project, settings.labels, compare, evidence_gaps=settings.show_evidence),
        id_prefix=diagram_id(journey, compare) + part,
        detail_links=detail_links or {},
        export_font=export_font,
    )


def render_label_column(
    journey: JourneyMap, project: Project, settings: Settings, *, compare: JourneyMap | None = None
) -> str:
    """The lane and scale labels of ``journey``'s diagram (drawn as :func:`render_map_svg`
    draws it) as an SVG of their own: the frozen first column of a page's diagram viewer."""
    return label_column(layout_map(journey, project, settings, load_theme(settings), compare))


def clear_caches() -> None:
    """Forget cached text measurements and number formats (for cold-start measurements;
    the caches only ever hold pure results, so clearing them never changes output)."""
    from journeys.render import curve, layout, textmetrics

    caches = (textmetrics.char_width, textmetrics.text_width, textmetrics.wrap, textmetrics.widest_word, curve.fmt)
    for cached in caches:
        cached.cache_clear()
    layout.clear_memos()
