"""Page builders for one map and one persona, plus the page shown for a broken map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from journeys.site import urls
from journeys.site.context import GeneratedPage
from journeys.site.diagram import inline_svg, label_column_svg, page_diagram_svg, page_overviews
from journeys.site.paper import DOWNLOADS, print_parts
from journeys.site.sparkline import persona_scores, sparkline_svg
from journeys.site.templates import render

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.issues import Issue
    from journeys.model import JourneyMap, Persona
    from journeys.site.context import SiteContext


def map_page(ctx: SiteContext, journey: JourneyMap, svg: str, downloads: Sequence[str] = ()) -> GeneratedPage:
    """The map's page: facts, the diagram in a figure (with links to its ``downloads``,
    and in parts for print), then every step as text."""
    src_uri = urls.map_page(journey.id)
    link = ctx.linker(src_uri)
    step_count = sum(1 for _ in journey.steps())
    html = render(
        ctx.template_dirs,
        "map.html",
        ctx.settings.labels,
        ctx=ctx,
        journey=journey,
        link=link,
        urls=urls,
        svg=Markup(inline_svg(page_diagram_svg(journey, ctx.project, ctx.settings, link, svg))),
        svg_href=link.to(urls.map_svg(journey.id)),
        downloads=[
            {"label": DOWNLOADS[kind], "href": link.to(urls.map_download(journey.id, kind)),
             "name": f"{journey.id}.{kind}"}
            for kind in downloads
        ],  # fmt: skip
        print_parts=[Markup(part) for part in print_parts(journey, ctx.project, ctx.settings)],
        overviews=page_overviews(journey, ctx.project, ctx.settings),
        label_column=Markup(label_column_svg(journey, ctx.project, ctx.settings)),
        step_count=step_count,
        counterparts=ctx.counterparts(journey),
        change=ctx.last_changes.get(journey.id),
    )
    return GeneratedPage.from_template_output(src_uri, journey.title, html)


def persona_page(ctx: SiteContext, persona: Persona, maps: Sequence[JourneyMap]) -> GeneratedPage:
    """The persona's profile and body, and the ``maps`` they appear in with sparklines."""
    src_uri = urls.persona_page(persona.id)
    journeys = [
        {
            "map": journey,
            "sparkline": Markup(
                sparkline_svg(persona_scores(journey, persona.id), ctx.project.scale, labels=ctx.settings.labels)
            ),
        }
        for journey in maps
    ]
    html = render(
        ctx.template_dirs,
        "persona.html",
        ctx.settings.labels,
        ctx=ctx,
        persona=persona,
        link=ctx.linker(src_uri),
        urls=urls,
        journeys=journeys,
    )
    return GeneratedPage.from_template_output(src_uri, persona.name, html)


def broken_map_page(ctx: SiteContext, map_id: str, issues: list[Issue]) -> GeneratedPage:
    """While serving, a map with errors shows them at its own URL instead of old content."""
    src_uri = urls.map_page(map_id)
    labels = ctx.settings.labels
    html = render(ctx.template_dirs, "map_errors.html", labels, map_id=map_id, issues=issues, link=ctx.linker(src_uri))
    return GeneratedPage.from_template_output(src_uri, labels("map_has_errors_title", id=map_id), html)
