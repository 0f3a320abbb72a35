"""One map's contribution to every roll-up page, rendered once per change of the map.

With a thousand maps the roll-ups hold tens of thousands of rows; rendering each row
through Jinja on every serve rebuild would cost more than everything else together.
So each map's rows are rendered when its page is, kept with it in the cache, and the
roll-ups only sort and join them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from journeys.formats.backlog import ROLLUPS, Keyed, backlog_lines, opportunity_key, pain_point_key
from journeys.formats.jsonexport import map_json
from journeys.site import urls
from journeys.site.catalogue import catalogue_row, matrix_cells
from journeys.site.coverage import evidence_section
from journeys.site.matrix import QUADRANTS, UNRATED, MatrixPoint, quadrant
from journeys.site.metrics import MetricView, metric_view
from journeys.site.templates import environment

if TYPE_CHECKING:
    from markupsafe import Markup

    from journeys.labels import Labels
    from journeys.model import JourneyMap, Opportunity, PainPoint, Stage, Step
    from journeys.site.context import SiteContext
    from journeys.site.urls import Linker


@dataclass(frozen=True)
class StepRow:
    """One item (pain point, opportunity...) with the step and map it belongs to."""

    journey: JourneyMap
    stage: Stage
    step: Step
    item: PainPoint | Opportunity | None = None

    @property
    def emotion(self) -> float | None:
        return self.step.lowest_emotion

    @property
    def quadrant(self) -> str:
        """The opportunity's quadrant key; ``unrated`` without both ratings."""
        impact, effort = getattr(self.item, "impact", None), getattr(self.item, "effort", None)
        return quadrant(impact, effort) or UNRATED

    @property
    def quadrant_label(self) -> str:
        """The label of the opportunity's quadrant's name; '' when it has none."""
        return QUADRANTS.get(self.quadrant, "")


@dataclass(frozen=True)
class MapRows:
    """Pre-rendered rows with their sort keys (sorted across maps by the roll-ups)."""

    catalogue: Markup
    tag_item: Markup
    #: The map in the site's ``journeys.json`` (compact JSON), and its lines of each
    #: backlog CSV by roll-up: the site's downloads are joined from these.
    json: str
    backlog: dict[str, list[Keyed]]
    pain_points: list[tuple[tuple, Markup]] = field(default_factory=list)
    #: Opportunities with both ratings (on the matrix), and those listed apart.
    opportunities: list[tuple[tuple, Markup]] = field(default_factory=list)
    unrated_opportunities: list[tuple[tuple, Markup]] = field(default_factory=list)
    matrix_points: list[tuple[tuple, MatrixPoint]] = field(default_factory=list)
    metrics: list[tuple[tuple, Markup]] = field(default_factory=list)
    #: Channel name -> this map's list item on the channel index.
    channels: dict[str, Markup] = field(default_factory=dict)
    #: Persona id -> this map's cell in the persona × map matrix.
    matrix: dict[str, Markup] = field(default_factory=dict)
    #: This map's section of the evidence roll-up with its sort key (None: no gaps).
    evidence: tuple[tuple, Markup] | None = None
    #: Its steps with evidence, and all its steps: the evidence roll-up's totals, which
    #: took a twentieth of a serve reload to count again from every step of every map.
    evidence_counts: tuple[int, int] = (0, 0)


class RowMacros(Protocol):
    """The macros of ``_rows.html`` that this module calls (a theme may override the
    template, but must keep these). Jinja returns Markup from macros: autoescape is on."""

    def pain_row(self, ctx: SiteContext, link: Linker, row: StepRow) -> Markup: ...

    def opportunity_row(self, ctx: SiteContext, link: Linker, row: StepRow) -> Markup: ...

    def metric_row(self, link: Linker, journey: JourneyMap, view: MetricView) -> Markup: ...

    def channel_item(self, link: Linker, journey: JourneyMap, rows: list[StepRow]) -> Markup: ...

    def tag_item(self, link: Linker, journey: JourneyMap) -> Markup: ...


def row_macros(template_dirs: tuple[str, ...], labels: Labels) -> RowMacros:
    """The ``_rows.html`` template module, typed: Jinja's TemplateModule exposes macros as
    attributes it cannot declare, so the Protocol above states which ones we rely on."""
    return cast("RowMacros", environment(template_dirs, labels).get_template("_rows.html").module)


def map_rows(ctx: SiteContext, journey: JourneyMap) -> MapRows:
    macros = row_macros(ctx.template_dirs, ctx.settings.labels)
    pains: list[tuple[tuple, Markup]] = []
    by_channel: dict[str, list[StepRow]] = {}
    for position, (stage, step) in enumerate(journey.steps()):
        for index, pain in enumerate(step.pain_points):
            row = StepRow(journey, stage, step, pain)
            key = pain_point_key(journey, position, step, index, pain)
            pains.append((key, macros.pain_row(ctx, ctx.linker(urls.PAIN_POINTS), row)))
        if step.channel:
            by_channel.setdefault(step.channel, []).append(StepRow(journey, stage, step))
    channels_link = ctx.linker(urls.CHANNELS)
    ideas, unrated, points = _opportunities(ctx, macros, journey)
    coverage = journey.evidence_coverage()
    return MapRows(
        pain_points=pains,
        opportunities=ideas,
        unrated_opportunities=unrated,
        matrix_points=points,
        metrics=_metric_rows(ctx, macros, journey),
        channels={name: macros.channel_item(channels_link, journey, rows) for name, rows in by_channel.items()},
        catalogue=catalogue_row(ctx, journey),
        tag_item=macros.tag_item(ctx.linker(urls.TAGS), journey),
        matrix=matrix_cells(ctx, journey),
        evidence=evidence_section(ctx, journey),
        evidence_counts=(coverage.supported, coverage.total),
        json=map_json(journey, ctx.last_changes.get(journey.id)),
        backlog={rollup: backlog_lines(ctx.project, journey, rollup) for rollup in ROLLUPS},
    )


def _opportunities(ctx: SiteContext, macros: RowMacros, journey: JourneyMap) -> tuple[list, list, list]:
    """Rows of rated opportunities, rows of those missing a rating, and the matrix's points.

    Rows sort highest impact first, then least effort; points by map and journey order.
    """
    link = ctx.linker(urls.OPPORTUNITIES)
    rated: list[tuple[tuple, Markup]] = []
    unrated: list[tuple[tuple, Markup]] = []
    points: list[tuple[tuple, MatrixPoint]] = []
    for position, (stage, step) in enumerate(journey.steps()):
        for index, idea in enumerate(step.opportunities):
            key = opportunity_key(journey, position, index, idea)
            html = macros.opportunity_row(ctx, link, StepRow(journey, stage, step, idea))
            if idea.impact is None or idea.effort is None:
                unrated.append((key, html))
                continue
            rated.append((key, html))
            where = f"{journey.title} › {stage.name} › {step.name}"
            point = MatrixPoint(
                idea.text, idea.impact, idea.effort, journey.id, step.id, where, journey.state, journey.personas
            )
            points.append(((journey.title.casefold(), journey.id, position, index), point))
    return rated, unrated, points


def _metric_rows(ctx: SiteContext, macros: RowMacros, journey: JourneyMap) -> list[tuple[tuple, Markup]]:
    """Off target first (furthest from target first), then by map and the map's own order."""
    link = ctx.linker(urls.METRICS)
    rows = []
    for index, metric in enumerate(journey.metrics):
        view = metric_view(metric, ctx.settings.labels)
        key = (*view.sort_key, journey.title.casefold(), journey.id, index)
        rows.append((key, macros.metric_row(link, journey, view)))
    return rows
