"""The evidence roll-up: every step that rests on no research, worst-covered maps first.

Which steps count as supported is the model's rule (``Step.has_evidence``); each map's
section is rendered with its page and cached with it (:mod:`journeys.site.rows`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from markupsafe import Markup

from journeys.model import EvidenceCoverage
from journeys.site import urls
from journeys.site.rollups import _page
from journeys.site.templates import environment

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.model import JourneyMap, Stage, Step
    from journeys.site.context import GeneratedPage, SiteContext
    from journeys.site.rows import MapRows
    from journeys.site.urls import Linker



class EvidenceMacros(Protocol):
    def evidence_section(
        self, link: Linker, journey: JourneyMap, coverage: EvidenceCoverage, gaps: list[tuple[Stage, Step]]
    ) -> Markup: ...


def evidence_section(ctx: SiteContext, journey: JourneyMap) -> tuple[tuple, Markup] | None:
    """The map's section of the roll-up with its sort key (lowest share first, then most
    gaps), or None when every step has evidence or the map has no steps."""
    gaps = list(journey.unsupported_steps())
    if not gaps:
        return None
    coverage = journey.evidence_coverage()
    module = environment(ctx.template_dirs, ctx.settings.labels).get_template("_evidence.html").module
    macros = cast("EvidenceMacros", module)
    key = (coverage.percent, -len(gaps), journey.title.casefold(), journey.id)
    return key, macros.evidence_section(ctx.linker(urls.EVIDENCE), journey, coverage, gaps)


def evidence_page(ctx: SiteContext, rows: Mapping[str, MapRows]) -> GeneratedPage:
    sections = sorted((section for map_rows in rows.values() if (section := map_rows.evidence)), key=lambda s: s[0])
    counts = [rows[journey.id].evidence_counts for journey in ctx.project.maps]
    overall = EvidenceCoverage(sum(supported for supported, _ in counts), sum(total for _, total in counts))
    complete = sorted(
        (m for m, (supported, total) in zip(ctx.project.maps, counts, strict=True) if total and supported == total),
        key=lambda journey: (journey.title.casefold(), journey.id),
    )
    return _page(
        ctx,
        urls.EVIDENCE,
        "evidence_gaps",
        "evidence.html",
        overall=overall,
        map_count=len(ctx.project.maps),
        sections=Markup("\n".join(html for _, html in sections)),
        gap_maps=len(sections),
        complete=complete,
    )
