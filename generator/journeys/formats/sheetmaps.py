"""Gathered spreadsheet rows as map files: each cell read as the field it becomes.

The data is what a person would write in YAML: a text, list or number where the map
holds one; a value every persona shares written once (``emotion: 1``), else a mapping
per persona; a stage or step id only when it is not the one its name gives. A cell that
cannot be read is an error at its ``FILE:ROW:COLUMN``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING

from journeys.formats import ImportedFile
from journeys.formats.spreadsheet import FALSE_WORDS, TRUE_WORDS
from journeys.formats.table import RatingProblem, parse_rated, split_items
from journeys.issues import did_you_mean
from journeys.loading.sources import ID_PATTERN, suggest_id
from journeys.model import LEVELS, MAP_STATES, MAP_STATUSES
from journeys.validation.maps import slugify

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeys.formats.sheetrows import Cell, MapPart, Sheet, StagePart, StepPart

#: Numbers as spreadsheets write them, a decimal comma included (``-0,5`` in a ``;`` file).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def map_files(sheet: Sheet) -> list[ImportedFile]:
    files = []
    for journey in sheet.maps.values():
        origin = f"{sheet.source.name}, rows {journey.first['map'].line}-{journey.last_line}"
        files.append(ImportedFile("map", journey.id, _map_data(sheet, journey), origin))
    return files


def _text(values: Mapping[str, Cell], name: str) -> str | None:
    cell = values.get(name)
    return cell.value if cell is not None and cell.value else None


def _put(data: dict[str, object], name: str, value: object) -> None:
    """Set a field the sheet gives a value for (an empty cell leaves it out)."""
    if value is not None and value != [] and value != {}:
        data[name] = value


def _map_data(sheet: Sheet, journey: MapPart) -> dict[str, object]:
    values = journey.values
    title = _text(values, "map_title")
    if title is None:
        title = journey.id.replace("-", " ").capitalize()
        sheet.report(journey.first["map"], "import-approximated", f"map '{journey.id}' has no map_title; "
                     f"its title is '{title}'")  # fmt: skip
    data: dict[str, object] = {"title": title}
    _put(data, "description", _text(values, "map_description"))
    data["personas"] = list(journey.personas)
    _put(data, "state", _choice(sheet, values, "map_state", MAP_STATES))
    _put(data, "compares_to", _text(values, "map_compares_to"))
    _put(data, "owner", _text(values, "map_owner"))
    _put(data, "status", _choice(sheet, values, "map_status", MAP_STATUSES))
    _put(data, "tags", split_items(_text(values, "map_tags") or ""))
    _put(data, "updated", _date(sheet, values.get("map_updated")))
    data["stages"] = [_stage_data(sheet, journey, name, stage) for name, stage in journey.stages.items()]
    return data


def _stage_data(sheet: Sheet, journey: MapPart, name: str, stage: StagePart) -> dict[str, object]:
    data: dict[str, object] = {"name": name}
    _put(data, "id", _explicit_id(sheet, stage.values.get("stage_id"), name))
    _put(data, "goal", _text(stage.values, "stage_goal"))
    _put(data, "description", _text(stage.values, "stage_description"))
    _put(data, "steps", [_step_data(sheet, journey, journey.steps[key]) for key in stage.steps])
    return data


def _step_data(sheet: Sheet, journey: MapPart, step: StepPart) -> dict[str, object]:
    values = step.values
    name = values["step"].value
    data: dict[str, object] = {"name": name}
    _put(data, "id", _explicit_id(sheet, values.get("step_id"), name))
    _put(data, "touchpoint", _text(values, "touchpoint"))
    _put(data, "channel", _text(values, "channel"))
    for field in ("actions", "thoughts", "feeling"):
        _put(data, field, _shared(journey, {p: _text(cells, field) for p, cells in step.personas.items()}))
    scores = {p: _score(sheet, cells.get("emotion")) for p, cells in step.personas.items()}
    _put(data, "emotion", _shared(journey, scores))
    _put(data, "pain_points", _rated_items(sheet, values.get("pain_points"), ("severity",)))
    _put(data, "opportunities", _rated_items(sheet, values.get("opportunities"), ("impact", "effort")))
    _put(data, "backstage", _text(values, "backstage"))
    _put(data, "owner", _text(values, "step_owner"))
    _put(data, "evidence", split_items(_text(values, "evidence") or ""))
    if _yes(sheet, values.get("moment_of_truth")):
        data["moment_of_truth"] = True
    _put(data, "detail", _text(values, "detail"))
    return data


def _shared(journey: MapPart, by_persona: Mapping[str, object]) -> object:
    """One value when every persona on the map has the same, else a mapping persona -> value."""
    given = {persona: by_persona[persona] for persona in journey.personas if by_persona.get(persona) is not None}
    if len(given) == len(journey.personas) and len(set(map(repr, given.values()))) == 1:
        return next(iter(given.values()))
    return given


def _explicit_id(sheet: Sheet, cell: Cell | None, name: str) -> str | None:
    """A stage or step id to write: None when the cell is empty or the id is the one ``name`` gives."""
    if cell is None or not cell.value or cell.value == slugify(name):
        return None
    if not ID_PATTERN.match(cell.value):
        sheet.report(cell, "import-syntax", f"'{cell.value}' is not a valid id: use lowercase letters, digits and "
                     f"'-' (e.g. '{suggest_id(cell.value)}')")  # fmt: skip
        return None
    return cell.value


def _score(sheet: Sheet, cell: Cell | None) -> int | float | None:
    if cell is None or not cell.value:
        return None
    scale = sheet.context.settings.scale
    value = float(cell.value.replace(",", ".")) if _NUMBER.match(cell.value) else math.nan
    if math.isnan(value):
        sheet.report(cell, "import-syntax", f"emotion must be a number from {scale.describe()}, not '{cell.value}'")
        return None
    if not scale.contains(value):
        sheet.report(cell, "import-syntax", f"emotion {cell.value} is outside the scale {scale.describe()}")
        return None
    return int(value) if value.is_integer() else value


def _rated_items(sheet: Sheet, cell: Cell | None, ratings: tuple[str, ...]) -> list[object]:
    """Pain points or opportunities: each line an item, with its ratings in brackets after it."""
    items: list[object] = []
    for item in split_items(cell.value) if cell is not None else ():
        try:
            text, given = parse_rated(item, ratings, LEVELS)
        except RatingProblem as problem:
            assert cell is not None
            sheet.report(cell, "import-syntax", f"{problem} (in '{item}')")
            continue
        items.append({"text": text, **{name: given[name] for name in ratings if name in given}} if given else text)
    return items


def _choice(sheet: Sheet, values: Mapping[str, Cell], name: str, choices: tuple[str, ...]) -> str | None:
    cell = values.get(name)
    if cell is None or not cell.value:
        return None
    if cell.value.lower() not in choices:
        sheet.report(cell, "import-syntax", f"{name} must be one of {', '.join(choices)}, not "
                     f"'{cell.value}'{did_you_mean(cell.value.lower(), choices)}")  # fmt: skip
        return None
    return cell.value.lower()


def _date(sheet: Sheet, cell: Cell | None) -> dt.date | None:
    """A date written YYYY-MM-DD; another spelling (a spreadsheet may rewrite dates) is left out."""
    if cell is None or not cell.value:
        return None
    try:
        if _DATE.match(cell.value):
            return dt.date.fromisoformat(cell.value)
    except ValueError:
        pass
    sheet.report(cell, "import-dropped", f"map_updated '{cell.value}' is not a date written YYYY-MM-DD "
                 "(a spreadsheet may have rewritten it); left out")  # fmt: skip
    return None


def _yes(sheet: Sheet, cell: Cell | None) -> bool:
    if cell is None or cell.value.lower() in ("", *FALSE_WORDS):
        return False
    if cell.value.lower() in TRUE_WORDS:
        return True
    sheet.report(cell, "import-syntax", f"moment_of_truth must be yes or no, not '{cell.value}'")
    return False
