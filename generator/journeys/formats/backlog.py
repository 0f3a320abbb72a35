"""The cross-map backlogs as spreadsheets: ``journeys export csv --rollup pain-points|opportunities``.

One row per pain point or opportunity, with the map, stage, step and personas it belongs
to and the map's state, in the order of the site's roll-up pages (most severe first; highest
impact, then least effort). The site publishes the same files beside those pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.formats.spreadsheet import format_number
from journeys.formats.table import csv_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from journeys.model import JourneyMap, Project

PAIN_POINTS = "pain-points"
OPPORTUNITIES = "opportunities"
ROLLUPS = (PAIN_POINTS, OPPORTUNITIES)

_WHERE = ("map", "map_title", "state", "stage", "step", "step_id", "personas")
HEADERS = {
    PAIN_POINTS: ("pain_point", "severity", "emotion", *_WHERE),
    OPPORTUNITIES: ("opportunity", "impact", "effort", *_WHERE),
}


def backlog_csv(project: Project, maps: Sequence[JourneyMap], rollup: str) -> str:
    """The ``rollup`` backlog of ``maps`` as a CSV file (text, with its byte order mark)."""
    from journeys.site.context import lowest_emotion
    from journeys.site.rows import LEVEL_RANK

    keyed: list[tuple[tuple, list[str]]] = []
    for journey in maps:
        names = ", ".join(_persona_name(project, persona) for persona in journey.personas)
        for position, (stage, step) in enumerate(journey.steps()):
            where = [journey.id, journey.title, journey.state, stage.name, step.name, step.id, names]
            lowest = lowest_emotion(step)
            if rollup == PAIN_POINTS:
                for index, pain in enumerate(step.pain_points):
                    key = (LEVEL_RANK[pain.severity], _last_if_none(lowest), journey.id, position, index)
                    emotion = "" if lowest is None else format_number(lowest)
                    keyed.append((key, [pain.text, pain.severity or "", emotion, *where]))
            else:
                for index, idea in enumerate(step.opportunities):
                    key = (LEVEL_RANK[idea.impact], -LEVEL_RANK[idea.effort], journey.id, position, index)
                    keyed.append((key, [idea.text, idea.impact or "", idea.effort or "", *where]))
    keyed.sort(key=lambda item: item[0])
    return csv_text(HEADERS[rollup], (row for _, row in keyed))


def _persona_name(project: Project, persona_id: str) -> str:
    persona = project.persona(persona_id)
    return persona.name if persona is not None else persona_id


def _last_if_none(score: float | None) -> float:
    return score if score is not None else float("inf")
