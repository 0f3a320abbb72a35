"""Pages across all maps: pain points, opportunity backlog, channels, tags, metrics (the
catalogue, the evidence roll-up and the persona × map matrix are in ``catalogue`` and ``coverage``).

Rows come pre-rendered per map (``journeys.site.rows``); here they are put in a
meaningful default order (worst first) so each table makes sense without JavaScript;
``sort.js`` only adds re-sorting on top. What a page is made from is kept by
``journeys.site.summaries`` (``kept``), so a serve rebuild re-sorts only the edited
maps' rows and renders again only the pages whose inputs changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from journeys.formats.backlog import OPPORTUNITIES, PAIN_POINTS, backlog_document
from journeys.model import MAP_STATES
from journeys.site import urls
from journeys.site.context import GeneratedPage, late_value
from journeys.site.matrix import QUADRANTS, UNRATED, matrix_svg
from journeys.site.templates import render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.site.context import SiteContext
    from journeys.site.matrix import MatrixPoint
    from journeys.site.rows import MapRows
    from journeys.site.summaries import SortedItems, Summaries

#: A roll-up filter: its key (the items' ``data-<key>``), label and (value, text) options.
Filter = tuple[str, str, list[tuple[str, str]]]


def _page(
    ctx: SiteContext,
    src_uri: str,
    title_label: str,
    template: str,
    rows: Mapping[str, str] | None = None,
    **context: object,
) -> GeneratedPage:
    """A roll-up page titled with the label ``title_label``; ``rows`` (joined table rows
    by template variable) are put in late, apart from the template."""
    labels = ctx.settings.labels
    title = labels(title_label)
    context.update({name: late_value(name) for name in rows or {}})
    html = render(
        ctx.template_dirs, template, labels, ctx=ctx, link=ctx.linker(src_uri), urls=urls, title=title, **context
    )
    return GeneratedPage.from_template_output(src_uri, title, html, in_nav=True, rows=rows)


def _sorted_rows(rows: Mapping[str, MapRows], kind: str, kept: Summaries) -> SortedItems:
    """Every map's rows of ``kind`` in their sort order (``.markup()``: joined, already escaped)."""
    return kept.sorted(kind, {map_id: getattr(map_rows, kind) for map_id, map_rows in rows.items()})


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


def pain_points_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    pains = _sorted_rows(rows, "pain_points", kept)
    table = {"rows": pains.markup()}
    context = {"count": len(pains), "filters": map_filters(ctx)}
    make = lambda: _page(ctx, urls.PAIN_POINTS, "pain_points", "pain_points.html", table, **context)  # noqa: E731
    return kept.kept(urls.PAIN_POINTS, (table, context), make)


def opportunity_matrix(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> Markup:
    """The matrix of every rated opportunity, each point linking to its step."""
    points = _sorted_rows(rows, "matrix_points", kept).values
    link = ctx.linker(urls.OPPORTUNITIES)

    def href(point: MatrixPoint) -> str:
        return link.map(point.map_id, point.step_id)

    # Compared as a list of the points, most of them the same objects as last time.
    return kept.kept("matrix.svg", points.copy(), lambda: Markup(matrix_svg(points, href, ctx.settings.labels)))


def opportunities_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    ideas = _sorted_rows(rows, "opportunities", kept)
    unrated = _sorted_rows(rows, "unrated_opportunities", kept)
    labels = ctx.settings.labels
    quadrants = [(key, labels(name)) for key, name in QUADRANTS.items()] + [(UNRATED, labels("not_rated"))]
    tables = {"rows": ideas.markup(), "unrated": unrated.markup()}
    context = {
        "count": len(ideas),
        "unrated_count": len(unrated),
        "matrix": opportunity_matrix(ctx, rows, kept) if ideas else Markup(),
        "filters": [*map_filters(ctx), ("quadrant", labels("quadrant"), quadrants)],
    }
    make = lambda: _page(ctx, urls.OPPORTUNITIES, "opportunity_backlog", "opportunities.html", tables, **context)  # noqa: E731
    return kept.kept(urls.OPPORTUNITIES, (tables, context), make)


def metrics_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    metrics = _sorted_rows(rows, "metrics", kept)
    table, count = {"rows": metrics.markup()}, len(metrics)
    make = lambda: _page(ctx, urls.METRICS, "metrics", "metrics.html", table, count=count)  # noqa: E731
    return kept.kept(urls.METRICS, table, make)


def channels_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    """Each channel with, per map, the steps that happen in it."""
    channels: dict[str, list[Markup]] = {}
    for journey in ctx.project.maps:
        for channel, item in rows[journey.id].channels.items():
            channels.setdefault(channel, []).append(item)
    by_name = sorted(channels.items(), key=lambda item: item[0].casefold())
    ordered = [(name, Markup("\n".join(items))) for name, items in by_name]
    make = lambda: _page(ctx, urls.CHANNELS, "channels", "channels.html", channels=ordered)  # noqa: E731
    return kept.kept(urls.CHANNELS, ordered, make)


def tags_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
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
    return kept.kept(urls.TAGS, ordered, lambda: _page(ctx, urls.TAGS, "tags", "tags.html", tags=ordered))


def rollup_pages(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> list[GeneratedPage]:
    """The five roll-ups, from every map's pre-rendered rows."""
    return [
        pain_points_page(ctx, rows, kept),
        opportunities_page(ctx, rows, kept),
        channels_page(ctx, rows, kept),
        tags_page(ctx, rows, kept),
        metrics_page(ctx, rows, kept),
    ]


def rollup_downloads(rows: Mapping[str, MapRows], kept: Summaries) -> dict[str, str]:
    """The pain-point and opportunity roll-ups as spreadsheets (``journeys export csv --rollup``),
    from every map's rows."""
    files = {}
    for url, rollup in ((urls.PAIN_POINTS_CSV, PAIN_POINTS), (urls.OPPORTUNITIES_CSV, OPPORTUNITIES)):
        lines = kept.sorted(url, {map_id: map_rows.backlog[rollup] for map_id, map_rows in rows.items()})
        text = lines.joined("")
        files[url] = kept.kept(url, text, lambda: backlog_document(rollup, text))  # noqa: B023
    return files
