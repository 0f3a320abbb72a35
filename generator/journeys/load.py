"""Load a whole project: discover sources, parse each safely, validate, build the model.

``load_project`` never raises for bad user input: every problem becomes an Issue and the
returned Project holds only the personas and maps that are free of errors.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.issues import Issue, Location
from journeys.loading.frontmatter import split_front_matter
from journeys.loading.sources import Source, check_id, discover, unique_sources
from journeys.loading.yamltree import Limits, YamlProblem, parse_yaml
from journeys.model import EmotionScale, JourneyMap, Persona, Project
from journeys.validation.fields import FieldReader
from journeys.validation.maps import References, read_map
from journeys.validation.personas import read_persona

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from journeys.config import Settings

    #: Parse and validate one file: (the model item or None, its issues).
    LoadOne = Callable[[Source, References, Limits], tuple[Persona | JourneyMap | None, list[Issue]]]


@dataclass(frozen=True)
class LoadResult:
    project: Project
    issues: tuple[Issue, ...]
    #: How many persona and map files were read.
    files: int = 0

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")


def load_project(settings: Settings, load_one: LoadOne | None = None) -> LoadResult:
    """Read and validate the personas and maps under ``settings.root``."""
    folders = (("persona", settings.personas_dir), ("map", settings.maps_dir))
    sources, issues = discover(settings.root, folders, settings.max_file_size)
    return load_sources(sources, settings.scale, settings.limits, issues, load_one)


def load_sources(
    sources: Iterable[Source],
    scale: EmotionScale = EmotionScale(),
    limits: Limits = Limits(),
    issues: Iterable[Issue] = (),
    load_one: LoadOne | None = None,
) -> LoadResult:
    """Validate already-read sources (from disk or from a git revision).

    ``load_one`` replaces :func:`load_source` for each file, e.g. with a cache that
    skips files whose bytes did not change (``journeys serve``).
    """
    load_one = load_one or load_source
    # Sources from a git revision skip discover(): apply its id rules here too.
    sources, issues = _valid_ids(sources, list(issues))
    refs = References(
        persona_ids=frozenset(s.id for s in sources if s.kind == "persona"),
        map_ids=frozenset(s.id for s in sources if s.kind == "map"),
        scale=scale,
    )
    all_issues = issues.copy()
    personas: list[Persona] = []
    maps: list[JourneyMap] = []
    with cycle_collection_paused():
        for source in sources:
            item, file_issues = load_one(source, refs, limits)
            all_issues.extend(file_issues)
            if isinstance(item, Persona):
                personas.append(item)
            elif isinstance(item, JourneyMap):
                maps.append(item)
    project = Project(
        personas=tuple(sorted(personas, key=lambda p: p.id)),
        maps=tuple(sorted(maps, key=lambda m: m.id)),
        scale=scale,
    )
    refused = any(issue.severity == "error" for issue in issues)
    all_issues.extend(project_issues(project, refs, all_files_read=not refused))
    # Files rejected before parsing (too large, bad name, symlink) were still checked.
    files = len({s.path for s in sources} | {issue.path for issue in issues})
    return LoadResult(project, tuple(sorted(all_issues, key=Issue.sort_key)), files=files)


def _valid_ids(sources: Iterable[Source], issues: list[Issue]) -> tuple[list[Source], list[Issue]]:
    """Sources with a valid id, one per (kind, id); the others become issues."""
    named = []
    for source in sources:
        invalid = check_id(source.kind, source.path, source.id)
        if invalid is None:
            named.append(source)
        else:
            issues.append(invalid)
    unique, duplicates = unique_sources(named)
    return unique, issues + duplicates


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Run a block without Python's cycle collector, then restore it as it was.

    Loading allocates millions of small objects (nodes, entries, model items) with no
    reference cycles among them, so the collector frees nothing yet, at 1,000 maps,
    costs about a sixth of the run (benchmarks/bench_validate.py). Reference counting
    still frees every tree as soon as its file is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_source(source: Source, refs: References, limits: Limits) -> tuple[Persona | JourneyMap | None, list[Issue]]:
    """Parse and validate one file; the item is ``None`` when the file has errors."""
    reader = FieldReader(source.path)
    try:
        text = decode(source.data)
        body = ""
        line_offset = 0
        body_line = 1
        if source.is_markdown and text.strip():  # an empty .md is reported as empty, below
            front = split_front_matter(text)
            text, body, line_offset, body_line = front.yaml, front.body, front.yaml_line_offset, front.body_line
        root = parse_yaml(text, limits, line_offset)
    except YamlProblem as problem:
        return None, [Issue(Location(source.path, problem.line, problem.column), "error", problem.code, problem.message)]
    if root is None or root.value is None:
        what = "front matter" if line_offset else "file"
        line = 1 + line_offset
        return None, [Issue(Location(source.path, line, 1), "error", "empty", f"{what} is empty")]
    if source.kind == "persona":
        item: Persona | JourneyMap | None = read_persona(reader, root, source.id, body, body_line)
    else:
        item = read_map(reader, root, source.id, refs, body, body_line)
    return item, reader.issues


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); invalid bytes are reported where they are."""
    text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        before = text[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            line, column, "encoding", f"file is not valid UTF-8 (byte 0x{text[error.start]:02x}); save it as UTF-8"
        ) from None


def project_issues(project: Project, refs: References, *, all_files_read: bool = True) -> list[Issue]:
    """Rules that need more than one file: compares_to targets and unused personas.

    A persona counts as unused only when every map made it into the model: a map
    with errors, or one refused unread (``all_files_read=False``), may be its user.
    """
    issues = []
    for journey in project.maps:
        target = project.map(journey.compares_to) if journey.compares_to else None
        if target is not None and target.state != "current":
            issues.append(
                Issue(
                    journey.location,
                    "warning",
                    "compares-to-state",
                    f"compares_to names '{target.id}', which is not a current-state map",
                )
            )
    used = {persona for journey in project.maps for persona in journey.personas}
    for persona in project.personas:
        every_map_loaded = all_files_read and len(refs.map_ids) == len(project.maps)
        if persona.id not in used and every_map_loaded:
            issues.append(
                Issue(persona.location, "warning", "unused-persona", f"persona '{persona.id}' appears in no map")
            )
    return issues
