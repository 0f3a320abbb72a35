"""The one place the site asks for a map's SVG diagram."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from journeys.render import render_label_column, render_map_svg
from journeys.render.overview import NARROW, WIDE, journey_overview
from journeys.render.theme import load_theme
from journeys.site import urls

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.model import JourneyMap, Project
    from journeys.site.urls import Linker

#: Inline SVG must not carry an XML prolog into the HTML page.
_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def diagram_svg(journey: JourneyMap, project: Project, settings: Settings) -> str:
    """The standalone SVG document of ``journey``, drawn over the map it compares to."""
    return render_map_svg(journey, project, settings, compare=project.compared_map(journey))


def page_diagram_svg(journey: JourneyMap, project: Project, settings: Settings, link: Linker, file_svg: str) -> str:
    """The diagram as ``journey``'s page shows it: ``file_svg``, the downloadable file,
    unless a step is detailed by another map; then drawn again with the mark of each
    such step a link to that map's page (the file cannot link: it may be opened anywhere)."""
    targets = {target.id for _, step in journey.steps() if (target := project.detail_map(step)) is not None}
    if not targets:
        return file_svg
    links = {map_id: link.map(map_id) for map_id in sorted(targets)}
    return render_map_svg(journey, project, settings, compare=project.compared_map(journey), detail_links=links)


def inline_svg(svg: str) -> str:
    """``svg`` ready to sit inside an HTML page (without its XML prolog)."""
    return _PROLOG.sub("", svg, count=1)


def label_column_svg(journey: JourneyMap, project: Project, settings: Settings) -> str:
    """The frozen label column of ``journey``'s diagram on its page."""
    return render_label_column(journey, project, settings, compare=project.compared_map(journey))


def page_overviews(journey: JourneyMap, project: Project, settings: Settings) -> list[dict[str, Any]]:
    """The overview of ``journey`` for its page, drawn for a wide and a narrow column (the
    page's stylesheet shows the one that fits): each as its SVG and, per step, the
    anchor of the step's details and the box (CSS, in % of the drawing) of its link."""
    theme = load_theme(settings)
    views = []
    for width in (WIDE, NARROW):
        overview = journey_overview(journey, project, theme, width, settings.labels)
        steps = [
            {
                "step": area.step,
                "anchor": urls.step_anchor(area.step.id),
                "box": f"left:{100 * area.left:.3f}%;top:{100 * area.top:.3f}%;"
                f"width:{100 * area.width:.3f}%;height:{100 * area.height:.3f}%",
            }
            for area in overview.steps
        ]
        views.append({"width": width, "svg": Markup(overview.svg), "steps": steps})
    return views
