"""The cross-map backlogs as spreadsheets: ``journeys export csv --rollup pain-points|opportunities``.

One row per pain point or opportunity, with the map, stage, step and personas it belongs
to and the map's state, in the order of the site's roll-up pages (most severe first; highest
impact, then least effort): the sort keys below are that order, for the pages and the files.
The site publishes the same files beside those pages, made from each map's rows
(:func:`backlog_lines`, kept with the map's page in the build cache) so that a rebuild
after one edit encodes one map's rows, not every map's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.formats.spreadsheet import format_number
from journeys.formats.table import BOM, csv_rows

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from journeys.model import JourneyMap, Opportunity, PainPoint, Project, Step

PAIN_POINTS = "pain-points"
OPPORTUNITIES = "opportunities"
ROLLUPS = (PAIN_POINTS, OPPORTUNITIES)

_WHERE = ("map", "map_title", "state", "stage", "step", "step_id", "personas")
HEADERS = {
    PAIN_POINTS: ("pain_point", "severity", "emotion", *_WHERE),
    OPPORTUNITIES: ("opportunity", "impact", "effort", *_WHERE),
}

#: Sort rank of a level: high first; unrated last.
LEVEL_RANK = {"high": 0, "medium": 1, "low": 2, None: 3}

#: A row's place in its backlog (a sort key) and its text.
Keyed = tuple[tuple, str]


def pain_point_key(journey: JourneyMap, position: int, step: Step, index: int, pain: PainPoint) -> tuple:
    """Most severe first, then where it feels worst (steps without a score last), then
    by map and the map's own order (``position``: the step's; ``index``: the pain point's)."""
    lowest = step.lowest_emotion
    return (LEVEL_RANK[pain.severity], lowest is None, lowest or 0, journey.id, position, index)


def opportunity_key(journey: JourneyMap, position: int, index: int, idea: Opportunity) -> tuple:
    """Highest impact first, then least effort, then by map and the map's own order."""
    return (LEVEL_RANK[idea.impact], -LEVEL_RANK[idea.effort], journey.id, position, index)


def backlog_csv(project: Project, maps: Sequence[JourneyMap], rollup: str) -> str:
    """The ``rollup`` backlog of ``maps`` as a CSV file (text, with its byte order mark)."""
    return backlog_file(rollup, (line for journey in maps for line in backlog_lines(project, journey, rollup)))


def backlog_file(rollup: str, lines: Iterable[Keyed]) -> str:
    """The CSV file of the ``rollup`` backlog from every map's :func:`backlog_lines`."""
    return backlog_document(rollup, "".join(text for _, text in sorted(lines, key=lambda line: line[0])))


def backlog_document(rollup: str, lines: str) -> str:
    """The CSV file of the ``rollup`` backlog holding ``lines``, already in their order."""
    return BOM + csv_rows([HEADERS[rollup]]) + lines


def backlog_lines(project: Project, journey: JourneyMap, rollup: str) -> list[Keyed]:
    """The CSV lines ``journey`` adds to the ``rollup`` backlog, with their sort keys."""
    names = ", ".join(_persona_name(project, persona) for persona in journey.personas)
    keyed: list[tuple[tuple, list[str]]] = []
    for position, (stage, step) in enumerate(journey.steps()):
        where = [journey.id, journey.title, journey.state, stage.name, step.name, step.id, names]
        if rollup == PAIN_POINTS:
            lowest = step.lowest_emotion
            emotion = "" if lowest is None else format_number(lowest)
            for index, pain in enumerate(step.pain_points):
                key = pain_point_key(journey, position, step, index, pain)
                keyed.append((key, [pain.text, pain.severity or "", emotion, *where]))
        else:
            for index, idea in enumerate(step.opportunities):
                key = opportunity_key(journey, position, index, idea)
                keyed.append((key, [idea.text, idea.impact or "", idea.effort or "", *where]))
    return [(key, csv_rows([row])) for key, row in keyed]


def _persona_name(project: Project, persona_id: str) -> str:
    persona = project.persona(persona_id)
    return persona.name if persona is not None else persona_id
