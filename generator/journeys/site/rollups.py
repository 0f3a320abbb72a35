"""Pages across all maps: pain points, opportunity backlog, channels, tags, metrics (the
catalogue, the evidence roll-up and the persona × map matrix are in ``catalogue`` and ``coverage``).

Rows come pre-rendered per map (``journeys.site.rows``); here they are put in a
meaningful default order (worst first) so each table makes sense without JavaScript;
``sort.js`` only adds re-sorting on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from journeys.formats.backlog import OPPORTUNITIES, PAIN_POINTS, backlog_file
from journeys.model import MAP_STATES
from journeys.site import urls
from journeys.site.context import GeneratedPage
from journeys.site.matrix import QUADRANTS, UNRATED, matrix_svg
from journeys.site.templates import render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.site.context import SiteContext
    from journeys.site.matrix import MatrixPoint
    from journeys.site.rows import MapRows

#: A roll-up filter: its key (the items' ``data-<key>``), label and (value, text) options.
Filter = tuple[str, str, list[tuple[str, str]]]


def _page(ctx: SiteContext, src_uri: str, title_label: str, template: str, **context: object) -> GeneratedPage:
    """A roll-up page titled with the label ``title_label``."""
    labels = ctx.settings.labels
    title = labels(title_label)
    html = render(
        ctx.template_dirs, template, labels, ctx=ctx, link=ctx.linker(src_uri), urls=urls, title=title, **context
    )
    return GeneratedPage.from_template_output(src_uri, title, html, in_nav=True)


def _sorted_rows(rows: Mapping[str, MapRows], kind: str) -> tuple[int, Markup]:
    """How many rows, and the rows (already escaped Markup) joined in their sort order."""
    keyed = [item for map_rows in rows.values() for item in getattr(map_rows, kind)]
    keyed.sort(key=lambda item: item[0])
    return len(keyed), Markup("\n".join(html for _, html in keyed))


def map_filters(ctx: SiteContext) -> list[Filter]:
    """Filters by map, persona and state (current or future), for the items of every map."""
    maps = sorted(ctx.project.maps, key=lambda m: (m.title.casefold(), m.id))
    persona_ids = dict.fromkeys(p for journey in ctx.project.maps for p in journey.personas)
    personas = sorted(((p, ctx.persona_name(p)) for p in persona_ids), key=lambda item: item[1].casefold())
    labels = ctx.settings.labels
    return [
        ("map", labels("map"), [(journey.id, journey.title) for journey in maps]),
        ("persona", labels("persona"), personas),
        ("state", labels("state"), [(state, labels(f"state_{state}")) for state in MAP_STATES]),
    ]


def pain_points_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    count, html = _sorted_rows(rows, "pain_points")
    return _page(
        ctx, urls.PAIN_POINTS, "pain_points", "pain_points.html", count=count, rows=html, filters=map_filters(ctx)
    )


def opportunity_matrix(ctx: SiteContext, rows: Mapping[str, MapRows]) -> Markup:
    """The matrix of every rated opportunity, each point linking to its step."""
    keyed = sorted((item for map_rows in rows.values() for item in map_rows.matrix_points), key=lambda i: i[0])
    link = ctx.linker(urls.OPPORTUNITIES)

    def href(point: MatrixPoint) -> str:
        return link.map(point.map_id, point.step_id)

    return Markup(matrix_svg([point for _, point in keyed], href, ctx.settings.labels))


def opportunities_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    count, html = _sorted_rows(rows, "opportunities")
    unrated_count, unrated = _sorted_rows(rows, "unrated_opportunities")
    labels = ctx.settings.labels
    quadrants = [(key, labels(name)) for key, name in QUADRANTS.items()] + [(UNRATED, labels("not_rated"))]
    return _page(
        ctx,
        urls.OPPORTUNITIES,
        "opportunity_backlog",
        "opportunities.html",
        count=count,
        rows=html,
        unrated_count=unrated_count,
        unrated=unrated,
        matrix=opportunity_matrix(ctx, rows) if count else Markup(),
        filters=[*map_filters(ctx), ("quadrant", labels("quadrant"), quadrants)],
    )


def metrics_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    count, html = _sorted_rows(rows, "metrics")
    return _page(ctx, urls.METRICS, "metrics", "metrics.html", count=count, rows=html)


def channels_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    """Each channel with, per map, the steps that happen in it."""
    channels: dict[str, list[Markup]] = {}
    for journey in ctx.project.maps:
        for channel, item in rows[journey.id].channels.items():
            channels.setdefault(channel, []).append(item)
    by_name = sorted(channels.items(), key=lambda item: item[0].casefold())
    ordered = [(name, Markup("\n".join(items))) for name, items in by_name]
    return _page(ctx, urls.CHANNELS, "channels", "channels.html", channels=ordered)


def tags_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    """Each tag with the maps and personas that carry it."""
    tags: dict[str, dict[str, list]] = {}
    for journey in ctx.project.maps:
        for tag in journey.tags:
            tags.setdefault(tag, {"maps": [], "personas": []})["maps"].append(rows[journey.id].tag_item)
    for tagged in tags.values():
        tagged["maps"] = [Markup("".join(tagged["maps"]))]
    for persona in ctx.project.personas:
        for tag in persona.tags:
            tags.setdefault(tag, {"maps": [], "personas": []})["personas"].append(persona)
    ordered = sorted(tags.items(), key=lambda item: item[0].casefold())
    return _page(ctx, urls.TAGS, "tags", "tags.html", tags=ordered)


def rollup_pages(ctx: SiteContext, rows: Mapping[str, MapRows]) -> list[GeneratedPage]:
    """The five roll-ups, from every map's pre-rendered rows."""
    return [
        pain_points_page(ctx, rows),
        opportunities_page(ctx, rows),
        channels_page(ctx, rows),
        tags_page(ctx, rows),
        metrics_page(ctx, rows),
    ]


def rollup_downloads(rows: Mapping[str, MapRows]) -> dict[str, str]:
    """The pain-point and opportunity roll-ups as spreadsheets (``journeys export csv --rollup``),
    from every map's rows."""
    return {
        url: backlog_file(rollup, (line for map_rows in rows.values() for line in map_rows.backlog[rollup]))
        for url, rollup in ((urls.PAIN_POINTS_CSV, PAIN_POINTS), (urls.OPPORTUNITIES_CSV, OPPORTUNITIES))
    }
