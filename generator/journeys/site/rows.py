"""One map's contribution to every roll-up page, rendered once per change of the map.

With a thousand maps the roll-ups hold tens of thousands of rows; rendering each row
through Jinja on every serve rebuild would cost more than everything else together.
So each map's rows are rendered when its page is, kept with it in the cache, and the
roll-ups only sort and join them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from journeys.site import urls
from journeys.site.catalogue import catalogue_row, matrix_cells
from journeys.site.context import lowest_emotion
from journeys.site.coverage import evidence_section
from journeys.site.templates import environment

if TYPE_CHECKING:
    from markupsafe import Markup

    from journeys.model import JourneyMap, Opportunity, PainPoint, Stage, Step
    from journeys.site.context import SiteContext
    from journeys.site.urls import Linker

#: Sort rank of a level: high first; unrated last.
LEVEL_RANK = {"high": 0, "medium": 1, "low": 2, None: 3}


@dataclass(frozen=True)
class StepRow:
    """One item (pain point, opportunity...) with the step and map it belongs to."""

    journey: JourneyMap
    stage: Stage
    step: Step
    item: PainPoint | Opportunity | None = None

    @property
    def emotion(self) -> float | None:
        return lowest_emotion(self.step)


@dataclass(frozen=True)
class MapRows:
    """Pre-rendered rows with their sort keys (sorted across maps by the roll-ups)."""

    catalogue: Markup
    tag_item: Markup
    pain_points: list[tuple[tuple, Markup]] = field(default_factory=list)
    opportunities: list[tuple[tuple, Markup]] = field(default_factory=list)
    #: Channel name -> this map's list item on the channel index.
    channels: dict[str, Markup] = field(default_factory=dict)
    #: Persona id -> this map's cell in the persona × map matrix.
    matrix: dict[str, Markup] = field(default_factory=dict)
    #: This map's section of the evidence roll-up with its sort key (None: no gaps).
    evidence: tuple[tuple, Markup] | None = None


class RowMacros(Protocol):
    """The macros of ``_rows.html`` that this module calls (a theme may override the
    template, but must keep these). Jinja returns Markup from macros: autoescape is on."""

    def pain_row(self, ctx: SiteContext, link: Linker, row: StepRow) -> Markup: ...

    def opportunity_row(self, ctx: SiteContext, link: Linker, row: StepRow) -> Markup: ...

    def channel_item(self, link: Linker, journey: JourneyMap, rows: list[StepRow]) -> Markup: ...

    def tag_item(self, link: Linker, journey: JourneyMap) -> Markup: ...


def row_macros(template_dirs: tuple[str, ...]) -> RowMacros:
    """The ``_rows.html`` template module, typed: Jinja's TemplateModule exposes macros as
    attributes it cannot declare, so the Protocol above states which ones we rely on."""
    return cast("RowMacros", environment(template_dirs).get_template("_rows.html").module)


def _emotion_key(score: float | None) -> float:
    return score if score is not None else float("inf")


def map_rows(ctx: SiteContext, journey: JourneyMap) -> MapRows:
    macros = row_macros(ctx.template_dirs)
    pains: list[tuple[tuple, Markup]] = []
    ideas: list[tuple[tuple, Markup]] = []
    by_channel: dict[str, list[StepRow]] = {}
    for position, (stage, step) in enumerate(journey.steps()):
        for index, pain in enumerate(step.pain_points):
            row = StepRow(journey, stage, step, pain)
            key = (LEVEL_RANK[pain.severity], _emotion_key(row.emotion), journey.id, position, index)
            pains.append((key, macros.pain_row(ctx, ctx.linker(urls.PAIN_POINTS), row)))
        for index, idea in enumerate(step.opportunities):
            row = StepRow(journey, stage, step, idea)
            key = (LEVEL_RANK[idea.impact], -LEVEL_RANK[idea.effort], journey.id, position, index)
            ideas.append((key, macros.opportunity_row(ctx, ctx.linker(urls.OPPORTUNITIES), row)))
        if step.channel:
            by_channel.setdefault(step.channel, []).append(StepRow(journey, stage, step))
    channels_link = ctx.linker(urls.CHANNELS)
    return MapRows(
        pain_points=pains,
        opportunities=ideas,
        channels={name: macros.channel_item(channels_link, journey, rows) for name, rows in by_channel.items()},
        catalogue=catalogue_row(ctx, journey),
        tag_item=macros.tag_item(ctx.linker(urls.TAGS), journey),
        matrix=matrix_cells(ctx, journey),
        evidence=evidence_section(ctx, journey),
    )
