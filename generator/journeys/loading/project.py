"""Load a whole project: discover sources, parse each safely, validate, build the model.

``load_project`` never raises for bad user input: every problem becomes an Issue and the
returned Project holds only the personas and maps that are free of errors.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeys.issues import Issue, Location
from journeys.loading.frontmatter import split_front_matter
from journeys.loading.sources import Source, SourceReads, content_folders, discover
from journeys.loading.stored import StoredOutcomes
from journeys.loading.yamltree import Limits, YamlProblem, parse_yaml
from journeys.model import EmotionScale, JourneyMap, Persona, Project
from journeys.validation.fields import FieldReader
from journeys.validation.maps import read_map
from journeys.validation.personas import read_persona

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator

    from journeys.config import Settings
    from journeys.loading.sources import SourceKind

    #: One file's outcome: the model item (None when the file has errors) and its issues.
    Loaded = tuple[Persona | JourneyMap | None, list[Issue]]
    LoadOne = Callable[[Source, "References", Limits], Loaded]

_DEFAULT_SCALE = EmotionScale()
_DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class References:
    """What ids exist in the project, known from file names before any file is parsed.

    A map is validated against these (unknown persona, unknown ``compares_to``), which is
    why one file can be validated alone, and why its outcome can be cached.
    """

    persona_ids: Collection[str]
    map_ids: Collection[str]
    scale: EmotionScale

    @classmethod
    def of(cls, names: Iterable[tuple[SourceKind, str]], scale: EmotionScale) -> References:
        """The references of a project whose files have these (kind, id) names."""
        names = list(names)
        return cls(
            persona_ids=frozenset(i for kind, i in names if kind == "persona"),
            map_ids=frozenset(i for kind, i in names if kind == "map"),
            scale=scale,
        )


@dataclass(frozen=True)
class LoadResult:
    project: Project
    issues: tuple[Issue, ...]
    #: How many persona and map files were read.
    files: int = 0
    #: SHA-256 of the bytes each file was validated from, by path: the site's build
    #: cache keys pages on them (see ``journeys.site.cache``).
    digests: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: The files' outcomes, to keep on disk for the next build (see ``load_project``).
    outcomes: StoredOutcomes | None = field(default=None, compare=False, repr=False)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")

    def keep_outcomes(self) -> None:
        """Keep the files' outcomes for the next build: called once a build goes ahead, so
        that one refused before it starts writes nothing to the project."""
        if self.outcomes is not None:
            self.outcomes.save()


def load_project(settings: Settings, cache: ParseCache | None = None, *, stored: bool = False) -> LoadResult:
    """Read and validate the personas and maps under ``settings.root``.

    With a ``cache`` (``journeys serve``), files unchanged on disk since the cache's last
    load are not read again, and files whose outcome cannot have changed are not parsed again.
    With ``stored`` (and the ``cache`` option on), the outcomes a previous build kept on
    disk are read for the files unchanged since (:mod:`journeys.loading.stored`); this
    load's are kept when the build goes ahead (:meth:`LoadResult.keep_outcomes`).
    """
    reads = cache.reads if cache is not None else None
    sources, issues = discover(settings.root, content_folders(settings), settings.max_file_size, reads)
    outcomes = StoredOutcomes(settings.root) if stored and settings.cache and cache is None else None
    return load_sources(sources, settings.scale, settings.limits, issues, cache, outcomes)


def load_sources(
    sources: Collection[Source],
    scale: EmotionScale = _DEFAULT_SCALE,
    limits: Limits = _DEFAULT_LIMITS,
    issues: Iterable[Issue] = (),
    cache: ParseCache | None = None,
    outcomes: StoredOutcomes | None = None,
) -> LoadResult:
    """Validate sources already read and held to the id rules (one per valid id).

    ``issues`` are the problems found while reading them (files refused unread).
    """
    digests = SourceDigests({source.path: source.data for source in sources})
    if cache is not None:
        load_one = cache.begin_load()
    else:
        load_one = outcomes.loading(load_source, digests) if outcomes is not None else load_source
    refs = References.of(((s.kind, s.id) for s in sources), scale)
    if cache is not None:
        refs = cache.references(refs)
    refused = list(issues)
    all_issues = refused.copy()
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
    all_files_read = not any(issue.severity == "error" for issue in refused)
    all_issues.extend(project_issues(project, refs, all_files_read=all_files_read))
    # Files rejected before parsing (too large, bad name, symlink) were still checked.
    files = len({s.path for s in sources} | {issue.path for issue in refused})
    return LoadResult(
        project, tuple(sorted(all_issues, key=Issue.sort_key)), files=files, digests=digests, outcomes=outcomes
    )


class SourceDigests(Mapping[str, str]):
    """SHA-256 of each file's bytes, by path, each computed when first asked for: a
    serve rebuild after one edit asks for a handful, not for a thousand files."""

    def __init__(self, data: dict[str, bytes]) -> None:
        self._data = data
        self._digests: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        digest = self._digests.get(path)
        if digest is None:
            digest = self._digests[path] = hashlib.sha256(self._data[path]).hexdigest()
        return digest

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class ParseCache:
    """Each file's outcome, kept from one load to the next by a long-running server.

    Validating a thousand maps takes over a second, more than the whole reload budget of
    ``journeys serve``; with this cache, after one edit only that file is parsed and
    validated again. A file's outcome depends only on its bytes, the project's ids and
    the limits, so it is reused exactly when those three are unchanged.
    """

    def __init__(self, reads: SourceReads | None = None) -> None:
        self._outcomes: dict[str, tuple[tuple[Source, References, Limits], Loaded]] = {}
        #: How many files the last load had to parse.
        self.parsed_files = 0
        #: The files themselves, kept while unchanged on disk.
        self.reads = reads or SourceReads()
        self._refs = References(frozenset(), frozenset(), _DEFAULT_SCALE)

    def begin_load(self) -> LoadOne:
        """The function that loads each file of a new load; files it is not asked for are forgotten."""
        previous, self._outcomes = self._outcomes, {}
        self.parsed_files = 0

        def load_one(source: Source, refs: References, limits: Limits) -> Loaded:
            key = (source, refs, limits)
            kept = previous.get(source.path)
            if kept is None or kept[0] != key:
                self.parsed_files += 1
                kept = (key, load_source(source, refs, limits))
            self._outcomes[source.path] = kept
            return kept[1]

        return load_one

    def references(self, refs: References) -> References:
        """``refs``, or the equal object the kept outcomes were keyed with: compared here
        once per load, so that comparing each file's key finds the very same object
        (comparing sets of a thousand ids for every file would cost more than the files
        left unparsed; a file not read again is the same object too)."""
        if refs != self._refs:
            self._refs = refs
        return self._refs


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


def load_source(source: Source, refs: References, limits: Limits) -> Loaded:
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
        where = Location(source.path, problem.line, problem.column)
        return None, [Issue(where, "error", problem.code, problem.message)]
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
    """Rules that need more than one file: compares_to targets, cycles of detail links
    and unused personas.

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
    issues += detail_cycle_issues(project)
    used = {persona for journey in project.maps for persona in journey.personas}
    for persona in project.personas:
        every_map_loaded = all_files_read and len(refs.map_ids) == len(project.maps)
        if persona.id not in used and every_map_loaded:
            issues.append(
                Issue(persona.location, "warning", "unused-persona", f"persona '{persona.id}' appears in no map")
            )
    return issues


def detail_cycle_issues(project: Project) -> list[Issue]:
    """An error for each cycle of ``detail`` links, at the ``detail`` that starts it.

    A cycle would make "Part of" and the journey tree endless; the message names every
    map on it, so one look at it says which link to remove.
    """
    issues = []
    for cycle in project.detail_links().cycles():
        journey = project.map(cycle[0])
        assert journey is not None  # cycles only pass through maps of the project
        step = next(step for _, step in journey.steps() if step.detail == cycle[1])
        issues.append(
            Issue(
                step.detail_location or step.location,
                "error",
                "detail-cycle",
                "detail cycle: " + " -> ".join(cycle),
            )
        )
    return issues
