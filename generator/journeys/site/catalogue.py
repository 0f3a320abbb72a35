"""The catalogue (every map once, in one table a reader can filter and sort) and the
persona × map matrix.

Each map's catalogue row and matrix cells are rendered with its page and cached with it
(:mod:`journeys.site.rows`); the pages only put them in order. Filtering is progressive
enhancement, as on the roll-ups: every row carries its filter values as data attributes
(JSON lists, since tags and owners hold spaces), ``filter.js`` shows the (otherwise
hidden) filter form and hides rows; without JavaScript the catalogue is the complete table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from markupsafe import Markup

from journeys.model import MAP_STATES, MAP_STATUSES
from journeys.site import urls
from journeys.site.rollups import Filter, _page
from journeys.site.sparkline import persona_scores, sparkline_svg
from journeys.site.templates import environment

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import ModuleType

    from journeys.model import EvidenceCoverage, JourneyMap
    from journeys.site.context import GeneratedPage, SiteContext
    from journeys.site.freshness import LastChange
    from journeys.site.rows import MapRows
    from journeys.site.summaries import Summaries
    from journeys.site.urls import Linker

@dataclass(frozen=True)
class CatalogueEntry:
    """What a map's catalogue row shows beyond the map itself."""

    journey: JourneyMap
    change: LastChange | None
    coverage: EvidenceCoverage
    #: One emotion sparkline per persona, in the map's order.
    sparklines: list[Markup]

    @property
    def date(self) -> str:
        """The last change from git, else the map's ``updated:`` date, else nothing."""
        if self.change is not None:
            return self.change.date
        return self.journey.updated.isoformat() if self.journey.updated else ""

    @property
    def status_rank(self) -> int:
        """Statuses sort in workflow order: draft, review, approved."""
        return MAP_STATUSES.index(self.journey.status)


class CatalogueMacros(Protocol):
    """The macros of ``_catalogue.html`` this module calls (a theme overriding the
    template must keep them)."""

    def catalogue_row(self, ctx: SiteContext, link: Linker, urls: ModuleType, entry: CatalogueEntry) -> Markup: ...

    def matrix_row(self, link: Linker, journey: JourneyMap, cells: Markup) -> Markup: ...

    def matrix_cell(self, link: Linker, journey: JourneyMap | None, sparkline: Markup) -> Markup: ...


def catalogue_macros(ctx: SiteContext) -> CatalogueMacros:
    module = environment(ctx.template_dirs, ctx.settings.labels).get_template("_catalogue.html").module
    return cast("CatalogueMacros", module)


def _sparkline(ctx: SiteContext, journey: JourneyMap, persona_id: str) -> Markup:
    scores = persona_scores(journey, persona_id)
    who = ctx.persona_name(persona_id)
    return Markup(sparkline_svg(scores, ctx.project.scale, who=who, labels=ctx.settings.labels))


def catalogue_row(ctx: SiteContext, journey: JourneyMap) -> Markup:
    """The map's row: its facts, evidence coverage and each persona's emotion sparkline."""
    entry = CatalogueEntry(
        journey=journey,
        change=ctx.last_changes.get(journey.id),
        coverage=journey.evidence_coverage(),
        sparklines=[_sparkline(ctx, journey, persona_id) for persona_id in journey.personas],
    )
    return catalogue_macros(ctx).catalogue_row(ctx, ctx.linker(ctx.catalogue_uri), urls, entry)


def matrix_cells(ctx: SiteContext, journey: JourneyMap) -> dict[str, Markup]:
    """Persona id -> this map's cell in that persona's column of the matrix."""
    macros = catalogue_macros(ctx)
    link = ctx.linker(urls.PERSONA_MATRIX)
    return {pid: macros.matrix_cell(link, journey, _sparkline(ctx, journey, pid)) for pid in journey.personas}


def _by_text(values: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(values.items(), key=lambda item: (item[1].casefold(), item[0]))


def _used(choices: tuple[str, ...], used: set[str], shown: Callable[[str], str]) -> list[tuple[str, str]]:
    """The ``choices`` some map uses, in their own order (draft, review, approved), each
    with the words ``shown`` gives it."""
    return [(choice, shown(choice)) for choice in choices if choice in used]


def catalogue_filters(ctx: SiteContext) -> list[Filter]:
    """The filters with the values the maps actually have (a filter with none is left out)."""
    maps = ctx.project.maps
    personas = {pid: ctx.persona_name(pid) for journey in maps for pid in journey.personas}
    labels = ctx.settings.labels
    statuses = _used(MAP_STATUSES, {journey.status for journey in maps}, lambda status: labels(f"status_{status}"))
    states = _used(MAP_STATES, {journey.state for journey in maps}, lambda state: labels(f"state_{state}"))
    filters: list[Filter] = [
        ("persona", labels("persona"), _by_text(personas)),
        ("tag", labels("tag"), _by_text({tag: tag for journey in maps for tag in journey.tags})),
        ("owner", labels("owner"), _by_text({m.owner: m.owner for m in maps if m.owner})),
        ("status", labels("status"), statuses),
        ("state", labels("state"), states),
    ]
    return [item for item in filters if item[2]]


def catalogue_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    """Every map once, by title; the filters; the personas; problems in the content."""
    errors = [issue for issue in ctx.issues if issue.severity == "error"]
    ordered = sorted(ctx.project.maps, key=lambda journey: (journey.title.casefold(), journey.id))
    table = {"rows": "\n".join(rows[journey.id].catalogue for journey in ordered)}
    context = {
        "filters": catalogue_filters(ctx),
        "errors": errors,
        "warnings": [issue for issue in ctx.issues if issue.severity != "error"],
        "left_out": sorted({issue.path for issue in errors}),
    }
    # The template also counts the maps and lists the personas.
    inputs = (table, context, len(ctx.project.maps), ctx.project.personas)
    make = lambda: _page(ctx, ctx.catalogue_uri, "catalogue_title", "catalogue.html", table, **context)  # noqa: E731
    return kept.kept(ctx.catalogue_uri, inputs, make)


def matrix_page(ctx: SiteContext, rows: Mapping[str, MapRows], kept: Summaries) -> GeneratedPage:
    """A row per map, a column per persona (there are far fewer personas than maps)."""
    personas = [persona for persona in ctx.project.personas if any(persona.id in m.personas for m in ctx.project.maps)]
    columns = tuple(persona.id for persona in personas)
    macros = catalogue_macros(ctx)
    link = ctx.linker(urls.PERSONA_MATRIX)
    empty = macros.matrix_cell(link, None, Markup())

    def row(journey: JourneyMap) -> Markup:
        """The map's row, kept while what it shows of the map, its cells and the columns are the same."""
        matrix = rows[journey.id].matrix
        cells = lambda: Markup("".join(matrix.get(persona_id, empty) for persona_id in columns))  # noqa: E731
        inputs = (journey.title, journey.state, matrix, columns)
        return kept.kept(f"matrix-row:{journey.id}", inputs, lambda: macros.matrix_row(link, journey, cells()))

    ordered = sorted(ctx.project.maps, key=lambda journey: (journey.title.casefold(), journey.id))
    table = {"rows": "\n".join(row(journey) for journey in ordered)}
    make = lambda: _page(  # noqa: E731
        ctx, urls.PERSONA_MATRIX, "personas_and_maps", "persona_matrix.html", table, personas=personas
    )
    return kept.kept(urls.PERSONA_MATRIX, (personas, table), make)
