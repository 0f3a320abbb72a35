"""Maps in from other tools and out to them: ``journeys import`` and ``journeys export``.

An importer (one module per format) reads another tool's file and returns plain data for
new map and persona files, the fields a person would write, plus the problems it met at
``FILE:LINE:COL``. It never writes: :mod:`journeys.formats.writing` turns that data into
files the way ``journeys new`` does (validated as the files they become, laid out as
``journeys fmt`` lays them out, never over an existing file).

An exporter turns the validated model into another format's bytes; the command line
writes them to standard output or a file. A file exporter (PNG, PDF: images and pages,
one file per map) writes files into the folder ``--out`` names, and may take options
of its own (:data:`FILE_OPTIONS`).

Formats are registered here by name, each with the module that implements it; the module
is imported only when its format is used, so the command line starts without it.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from journeys.issues import Issue, Location
from journeys.loading.project import decode
from journeys.loading.yamltree import YamlProblem

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from journeys.config import Settings
    from journeys.loading.sources import SourceKind
    from journeys.model import EmotionScale, JourneyMap, Project

#: ``journeys import FORMAT``: format name -> the module with its ``import_file``.
IMPORTERS: dict[str, str] = {
    "csv": "journeys.formats.spreadsheet",
    "ems": "journeys.formats.ems",
    "mermaid": "journeys.formats.mermaid",
}
#: ``journeys export FORMAT``: format name -> the module with its ``export_maps``.
EXPORTERS: dict[str, str] = {
    "csv": "journeys.formats.spreadsheet",
    "json": "journeys.formats.jsonexport",
    "mermaid": "journeys.formats.mermaid",
}

#: ``journeys export FORMAT`` of formats written as files into a folder: name -> the module
#: with its ``export_files``. Their dependencies are the optional ``journeys[export]``.
FILE_EXPORTERS: dict[str, str] = {"png": "journeys.formats.png", "pdf": "journeys.formats.pdf"}
#: The options only some file formats take: option -> those formats.
FILE_OPTIONS: dict[str, tuple[str, ...]] = {"scale": ("png",), "paper": ("pdf",), "combined": ("pdf",)}

#: The largest file ``journeys import`` reads: far above any real journey, far below what
#: would exhaust memory when a wrong file (a video, a database dump) is named by mistake.
MAX_IMPORT_SIZE = 10_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class InputFile:
    """A file to import, read and decoded."""

    #: How issues name it: the path as it was given on the command line.
    name: str
    text: str


@dataclass(frozen=True)
class ImportedFile:
    """A map or persona file to write, as data."""

    kind: SourceKind
    #: The id it is written under (the file name); ``--id`` may rename a single map.
    id: str
    #: Its fields, as a person would write them in YAML (``journeys fmt`` orders them).
    data: Mapping[str, object]
    #: Where it came from, for the comment at the top of the file (e.g. "docs/a.md, line 12").
    origin: str


@dataclass(frozen=True)
class Imported:
    """What an importer made of one file."""

    files: tuple[ImportedFile, ...] = ()
    #: What could not be taken as written, at ``FILE:LINE:COL`` of the imported file.
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class ImportContext:
    """What an importer may know of the project it imports into."""

    settings: Settings
    #: The project's personas: id -> name, for reusing one whose id or name matches.
    personas: Mapping[str, str] = field(default_factory=dict)

    def existing_persona(self, name: str) -> str | None:
        """The id of the project's persona called ``name`` (by id or by name, any case), if any."""
        wanted = name.strip().casefold()
        for persona_id, persona_name in sorted(self.personas.items()):
            if wanted in (persona_id.casefold(), persona_name.strip().casefold()):
                return persona_id
        return None


@dataclass(frozen=True)
class FileOptions:
    """The options of file exporters (each valid only for the formats in :data:`FILE_OPTIONS`)."""

    #: PNG: pixels per diagram pixel.
    scale: float = 2.0
    #: PDF: the paper (a name in ``journeys.formats.pdf.PAPERS``).
    paper: str = "a4"
    #: PDF: every map in one file with a contents page.
    combined: bool = False


class ImportModule(Protocol):
    def import_file(self, source: InputFile, context: ImportContext) -> Imported: ...


class ExportModule(Protocol):
    def export_maps(self, project: Project, maps: Sequence[JourneyMap], settings: Settings) -> bytes: ...


class FileExportModule(Protocol):
    def export_files(
        self, project: Project, maps: Sequence[JourneyMap], settings: Settings, out: Path, options: FileOptions
    ) -> list[Path]: ...


def importer(name: str) -> ImportModule:
    module: ImportModule = importlib.import_module(IMPORTERS[name])
    return module


def exporter(name: str) -> ExportModule:
    module: ExportModule = importlib.import_module(EXPORTERS[name])
    return module


def file_exporter(name: str) -> FileExportModule:
    module: FileExportModule = importlib.import_module(FILE_EXPORTERS[name])
    return module


def read_input(path: Path, name: str) -> InputFile | Issue:
    """``path`` as text, or why it cannot be imported (too large, not text, not UTF-8)."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_SIZE:
            return import_issue(
                name, 1, 1, "import-unreadable",
                f"file is {size:,} bytes, more than journeys imports ({MAX_IMPORT_SIZE:,}); is it the right file?",
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as error:
        return import_issue(name, 1, 1, "import-unreadable", f"cannot be read: {error.strerror or error}")
    if data.startswith(_UTF16_BOMS):  # Excel's "Unicode text" and Windows tools write UTF-16
        try:
            return InputFile(name, data.decode("utf-16").replace("\ufeff", "", 1))
        except UnicodeDecodeError:
            return import_issue(name, 1, 1, "import-unreadable", "starts as UTF-16 but is not; save it as UTF-8")
    if b"\0" in data:
        before = data[: data.index(b"\0")]
        line = before.count(b"\n") + 1
        return import_issue(name, line, 1, "import-unreadable", "is a binary file, not text; nothing imported")
    try:
        return InputFile(name, decode(data))
    except YamlProblem as problem:
        return import_issue(name, problem.line, problem.column, "import-unreadable", problem.message)


def rescaled(score: float, low: float, high: float, scale: EmotionScale) -> int | float:
    """A score on another tool's range ``low..high`` at the same place of the project's
    scale (linearly: the middle stays the middle), to two decimals, whole when it is whole."""
    value = round(scale.minimum + (score - low) * (scale.maximum - scale.minimum) / (high - low), 2)
    return int(value) if value.is_integer() else value


def id_from(text: str) -> str:
    """A journeys id made from a name, as step ids are; "" when the name has no Latin letters or digits."""
    from journeys.validation.maps import slugify

    return re.sub(r"[^a-z0-9]+", "-", slugify(text)).strip("-")


@dataclass
class UniqueIds:
    """Ids given out in one map (or one import), each once."""

    taken: set[str] = field(default_factory=set)
    #: The number to try next after each base (so many alike cost linear time).
    numbers: dict[str, int] = field(default_factory=dict)

    def new(self, *candidates: str) -> str:
        """The first of ``candidates`` not taken, else the last one numbered (``step-2``,
        ``step-3``...); empty candidates are skipped. The id returned is then taken."""
        named = [candidate for candidate in candidates if candidate]
        free = next((candidate for candidate in named if candidate not in self.taken), None)
        if free is None:
            base = named[-1]
            number = self.numbers.get(base, 2)
            while f"{base}-{number}" in self.taken:
                number += 1
            self.numbers[base] = number + 1
            free = f"{base}-{number}"
        self.taken.add(free)
        return free


def import_issue(name: str, line: int, column: int, code: str, message: str) -> Issue:
    """A problem in a file being imported, at its line and column (1-based), with its code's severity."""
    from journeys.codes import CODES

    return Issue(Location(name, line, column), CODES[code].severity, code, message)
