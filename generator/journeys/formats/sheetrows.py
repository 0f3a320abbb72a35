"""A spreadsheet's rows gathered back into maps (``journeys import csv``).

Every problem is reported at ``FILE:ROW:COLUMN``: the line of the file where the row's
record starts and the 1-based position of the column, as a spreadsheet user finds it.
A cell that cannot be read is an error (nothing is written); a value that is repeated
differently, a column journeys has no place for or a date a spreadsheet rewrote is a
warning and the import goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from journeys.formats import Imported, ImportedFile, import_issue
from journeys.formats.sheetmaps import map_files
from journeys.formats.spreadsheet import (
    COLUMNS,
    FALSE_WORDS,
    MAP_COLUMNS,
    PERSONA_COLUMNS,
    REQUIRED,
    STAGE_COLUMNS,
    STEP_COLUMNS,
)
from journeys.formats.table import TableProblem, read_records, restore
from journeys.issues import has_errors
from journeys.loading.sources import ID_PATTERN, suggest_id
from journeys.safety import FORBIDDEN_CHARACTER
from journeys.validation.maps import slugify

if TYPE_CHECKING:
    from journeys.formats import ImportContext, InputFile
    from journeys.formats.table import Record
    from journeys.issues import Issue


@dataclass(frozen=True)
class Cell:
    value: str
    line: int
    column: int


Row = dict[str, Cell]


@dataclass
class Part:
    """A map, stage or step being gathered: the first value of each of its columns."""

    first: Row
    values: dict[str, Cell] = field(default_factory=dict)


@dataclass
class StepPart(Part):
    stage: str = ""
    #: Persona id -> the first value of each persona column.
    personas: dict[str, dict[str, Cell]] = field(default_factory=dict)


@dataclass
class StagePart(Part):
    steps: list[str] = field(default_factory=list)


@dataclass
class MapPart(Part):
    id: str = ""
    last_line: int = 0
    personas: list[str] = field(default_factory=list)
    stages: dict[str, StagePart] = field(default_factory=dict)
    steps: dict[str, StepPart] = field(default_factory=dict)


def normal_header(name: str) -> str:
    """A header as a column name: any case, spaces, hyphens or underscores between words."""
    return "_".join(re.split(r"[\s_-]+", name.strip().lower())).strip("_")


class Sheet:
    """One CSV file being imported: its columns, the maps gathered so far, the problems."""

    def __init__(self, source: InputFile, context: ImportContext) -> None:
        self.source = source
        self.context = context
        self.issues: list[Issue] = []
        self.columns: dict[str, int] = {}  # column name -> index in a record
        self.maps: dict[str, MapPart] = {}
        self.new_personas: dict[str, ImportedFile] = {}  # stub persona id -> file
        self.persona_ids: dict[str, str] = {}  # persona cell -> id

    def report(self, cell: Cell, code: str, message: str) -> None:
        self.issues.append(import_issue(self.source.name, cell.line, cell.column, code, message))

    # -- the header -------------------------------------------------------------

    def read_header(self, record: Record) -> bool:
        """Take the columns from the header; False (with an error) when required ones are missing."""
        unknown = []
        for index, raw in enumerate(record.cells):
            name = normal_header(raw)
            where = Cell(raw, record.line, index + 1)
            if name in self.columns:
                self.report(where, "import-syntax", f"column '{raw.strip()}' appears twice (first in column "
                            f"{self.columns[name] + 1})")  # fmt: skip
            elif name in COLUMNS:
                self.columns[name] = index
            elif name:
                unknown.append(where)
        if unknown:
            names = ", ".join(f"'{cell.value.strip()}'" for cell in unknown)
            self.report(unknown[0], "import-dropped", f"columns journeys has no place for are left out: {names}")
        missing = [name for name in REQUIRED if name not in self.columns]
        if missing:
            wanted = ", ".join(missing)
            self.report(Cell("", record.line, 1), "import-syntax",
                        f"the header row has no {wanted} column{'s' if len(missing) > 1 else ''} (a sheet needs "
                        f"{', '.join(REQUIRED)}; see 'journeys export csv' for every column)")  # fmt: skip
        return not has_errors(self.issues)

    # -- rows -------------------------------------------------------------------

    def row(self, record: Record) -> Row | None:
        """The row's cells by column name (restored from formula-safe text); None for an empty row."""
        cells = {}
        for name, index in self.columns.items():
            raw = record.cells[index] if index < len(record.cells) else ""
            cell = Cell(restore(raw).strip(), record.line, index + 1)
            bad = FORBIDDEN_CHARACTER.search(cell.value)
            if bad:
                self.report(cell, "import-syntax", f"{name} holds the control character U+{ord(bad.group()):04X}, "
                            "which a map cannot carry")  # fmt: skip
            cells[name] = cell
        return cells if any(cell.value for cell in cells.values()) else None

    def gather(self, row: Row) -> None:
        """Add one row to its map, stage and step."""
        keys = ("map", "stage", "persona")
        for name in keys:
            if not row[name].value:
                self.report(row[name], "import-syntax", f"{name} is empty; every row names its map, stage and persona")
        if any(not row[name].value for name in keys):
            return
        journey = self.map_part(row)
        persona_id = self.persona(row)
        if persona_id not in journey.personas:
            journey.personas.append(persona_id)
        stage = journey.stages.setdefault(row["stage"].value, StagePart(row))
        self.agree(stage.values, row, STAGE_COLUMNS)
        if not row["step"].value:
            self.stage_only(row)
            return
        step_id = row["step_id"].value if "step_id" in row and row["step_id"].value else slugify(row["step"].value)
        step = journey.steps.get(step_id)
        if step is None:
            step = journey.steps[step_id] = StepPart(row, stage=row["stage"].value)
            stage.steps.append(step_id)
        elif step.stage != row["stage"].value:
            self.report(row["stage"], "import-syntax", f"step '{row['step'].value}' is in stage '{step.stage}' on "
                        f"row {step.first['stage'].line}; two steps need distinct step_id values")  # fmt: skip
            return
        self.agree(step.values, row, STEP_COLUMNS)
        self.agree(step.personas.setdefault(persona_id, {}), row, PERSONA_COLUMNS)

    def stage_only(self, row: Row) -> None:
        """A row without a step declares its stage (a stage without steps); step values need a step."""
        for name in (*STEP_COLUMNS, *PERSONA_COLUMNS):
            cell = row.get(name)
            if cell is None or not cell.value or name == "persona_name":
                continue
            if name == "moment_of_truth" and cell.value.lower() in FALSE_WORDS:
                continue  # a "no" a sheet may hold in every row
            self.report(cell, "import-syntax", f"{name} is given but step is empty; name the step")
            return

    def map_part(self, row: Row) -> MapPart:
        raw = row["map"].value
        journey = self.maps.get(raw)
        if journey is None:
            map_id = raw
            if not ID_PATTERN.match(raw):
                map_id = suggest_id(raw)
                self.report(row["map"], "import-approximated", f"map '{raw}' is not a valid map id (lowercase "
                            f"letters, digits and '-'); written as '{map_id}'")  # fmt: skip
            journey = self.maps[raw] = MapPart(row, id=map_id)
        journey.last_line = row["map"].line
        self.agree(journey.values, row, MAP_COLUMNS)
        return journey

    def persona(self, row: Row) -> str:
        """The id of the row's persona: the project's persona of that id or name, else a stub persona."""
        raw = row["persona"].value
        known = self.persona_ids.get(raw)
        if known is not None:
            return known
        name_cell = row.get("persona_name")
        name = name_cell.value if name_cell is not None and name_cell.value else raw
        # The project's personas and those this sheet introduced already ('Alex Doe', then 'alex-doe').
        names = {**self.context.personas, **{key: str(new.data["name"]) for key, new in self.new_personas.items()}}
        everyone = replace(self.context, personas=names)
        persona_id = everyone.existing_persona(raw) or everyone.existing_persona(name)
        if persona_id is None:
            persona_id = self.stub_id(raw)
            origin = f"{self.source.name}, row {row['persona'].line}"
            self.new_personas[persona_id] = ImportedFile("persona", persona_id, {"name": name}, origin)
        self.persona_ids[raw] = persona_id
        return persona_id

    def stub_id(self, raw: str) -> str:
        """A new persona id from a name, distinct from the project's and the other new ones."""
        base = raw if ID_PATTERN.match(raw) else suggest_id(raw)
        base = "persona" if base == "my-map" else base  # suggest_id's fallback is a map's
        taken = set(self.context.personas) | set(self.new_personas)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def agree(self, values: dict[str, Cell], row: Row, columns: tuple[str, ...]) -> None:
        """Keep the first non-empty value of each column; warn when a later row differs."""
        for name in columns:
            cell = row.get(name)
            if cell is None or not cell.value:
                continue
            first = values.setdefault(name, cell)
            if first.value != cell.value:
                self.report(cell, "import-approximated", f"{name} differs from row {first.line} "
                            f"({_quoted(first.value)}); the value of row {first.line} is kept")  # fmt: skip


def _quoted(text: str) -> str:
    line = text.splitlines()[0] if text else ""
    return f"'{line[:40]}...'" if len(line) > 40 or "\n" in text else f"'{line}'"


def read_sheet(source: InputFile, context: ImportContext) -> Imported:
    """The maps (and stub personas) a CSV file holds, or why it cannot be imported."""
    try:
        records = read_records(source.text)
    except TableProblem as problem:
        return Imported(issues=(import_issue(source.name, problem.line, 1, "import-syntax", problem.message),))
    sheet = Sheet(source, context)
    header = next((record for record in records if any(cell.strip() for cell in record.cells)), None)
    if header is None:
        return Imported(issues=(import_issue(source.name, 1, 1, "import-syntax", "is empty: a CSV file to import "
                                             f"starts with a header row ({', '.join(REQUIRED)}, ...)"),))  # fmt: skip
    if not sheet.read_header(header):
        return Imported(issues=tuple(sheet.issues))
    for record in records[records.index(header) + 1 :]:
        row = sheet.row(record)
        if row is not None:
            sheet.gather(row)
    files = map_files(sheet)
    # In the order of the file: rows are gathered first and their cells read after.
    issues = tuple(sorted(sheet.issues, key=lambda issue: (issue.location.line, issue.location.column)))
    if has_errors(issues):
        return Imported(issues=issues)
    return Imported((*files, *sheet.new_personas.values()), issues)
