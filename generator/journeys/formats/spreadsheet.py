"""Spreadsheets (CSV): one row per step and persona, both directions.

A row holds its map's, stage's and step's values (repeated on every row of the step, so
a filtered or sorted sheet still reads) and one persona's emotion, feeling, actions and
thoughts. Import gathers the rows back: rows of one map, stage and step are one map,
stage and step, in the order they first appear; a repeated value that differs from the
first is a warning and the first is kept. How cells are written and read (BOM, CRLF,
delimiters, formulas, lists, ratings) is :mod:`journeys.formats.table`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeys.formats.table import csv_bytes, join_items, rated
from journeys.model import LEVELS

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from journeys.config import Settings
    from journeys.formats import ImportContext, Imported, InputFile
    from journeys.model import JourneyMap, Project, Stage, Step

#: The columns, in the order export writes them: first those every spreadsheet of
#: journeys has, then the optional ones that keep the rest of a map (import reads any
#: subset, in any order, as long as the required ones are there).
COLUMNS = (
    "map", "map_title", "stage", "stage_goal", "step", "step_id", "persona", "emotion", "feeling",
    "touchpoint", "channel", "actions", "thoughts", "pain_points", "opportunities", "backstage",
    "evidence", "moment_of_truth",
    "persona_name", "stage_id", "stage_description", "step_owner", "detail", "map_description", "map_state",
    "map_status", "map_owner", "map_tags", "map_compares_to", "map_updated",
)  # fmt: skip
#: Columns import cannot do without.
REQUIRED = ("map", "stage", "step", "persona")
#: What each column belongs to. A map's, stage's and step's values are repeated on every
#: row of it; a persona's are that row's own. The key columns say which map, stage and
#: persona a row is about.
MAP_COLUMNS = (
    "map_title", "map_description", "map_state", "map_status", "map_owner", "map_tags", "map_compares_to",
    "map_updated",
)  # fmt: skip
STAGE_COLUMNS = ("stage_id", "stage_goal", "stage_description")
STEP_COLUMNS = (
    "step", "step_id", "touchpoint", "channel", "pain_points", "opportunities", "backstage", "step_owner",
    "evidence", "moment_of_truth", "detail",
)  # fmt: skip
PERSONA_COLUMNS = ("persona_name", "emotion", "feeling", "actions", "thoughts")
#: The words export writes ``moment_of_truth`` with, and those import reads as yes or no (any case).
YES, NO = "yes", "no"
TRUE_WORDS = (YES, "y", "true", "x", "1")
FALSE_WORDS = (NO, "n", "false", "0")


def import_file(source: InputFile, context: ImportContext) -> Imported:
    from journeys.formats.sheetrows import read_sheet

    return read_sheet(source, context)


def export_maps(project: Project, maps: Sequence[JourneyMap], settings: Settings) -> bytes:
    """``maps`` as one sheet: a row per step and persona (a stage without steps gets a row
    per persona too, so it is not lost)."""
    return csv_bytes(COLUMNS, (row for journey in maps for row in _map_rows(project, journey)))


def _map_rows(project: Project, journey: JourneyMap) -> Iterator[list[str]]:
    map_cells = {
        "map": journey.id,
        "map_title": journey.title,
        "map_description": journey.description,
        "map_state": journey.state,
        "map_status": journey.status,
        "map_owner": journey.owner,
        "map_tags": join_items(journey.tags),
        "map_compares_to": journey.compares_to,
        "map_updated": journey.updated.isoformat() if journey.updated else None,
    }
    for stage in journey.stages:
        stage_cells = {**map_cells, **_stage_cells(stage)}
        for step in stage.steps or (None,):
            step_cells = {**stage_cells, **(_step_cells(step) if step else {})}
            for persona_id in journey.personas:
                persona = project.persona(persona_id)
                cells = {
                    **step_cells,
                    "persona": persona_id,
                    "persona_name": persona.name if persona else None,
                    **(_persona_cells(step, persona_id) if step else {}),
                }
                yield [cells.get(column) or "" for column in COLUMNS]


def _stage_cells(stage: Stage) -> dict[str, str | None]:
    return {"stage": stage.name, "stage_id": stage.id, "stage_goal": stage.goal, "stage_description": stage.description}


def _step_cells(step: Step) -> dict[str, str | None]:
    return {
        "step": step.name,
        "step_id": step.id,
        "touchpoint": step.touchpoint,
        "channel": step.channel,
        "pain_points": join_items(rated(pain.text, [("severity", pain.severity)], LEVELS) for pain in step.pain_points),
        "opportunities": join_items(
            rated(idea.text, [("impact", idea.impact), ("effort", idea.effort)], LEVELS) for idea in step.opportunities
        ),
        "backstage": step.backstage,
        "step_owner": step.owner,
        "evidence": join_items(step.evidence),
        "moment_of_truth": YES if step.moment_of_truth else NO,
        "detail": step.detail,
    }


def _persona_cells(step: Step, persona_id: str) -> dict[str, str | None]:
    score = step.emotion_for(persona_id)
    return {
        "emotion": None if score is None else format_number(score),
        "feeling": step.feeling.for_persona(persona_id),
        "actions": step.actions.for_persona(persona_id),
        "thoughts": step.thoughts.for_persona(persona_id),
    }


def format_number(score: float) -> str:
    """A score exactly as it reads back: ``2``, ``-1``, ``0.5`` (no ``+``, which a
    spreadsheet would take for a formula)."""
    return str(int(score)) if float(score).is_integer() else repr(float(score))
