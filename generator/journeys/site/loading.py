"""``load_project`` for a long-running server: files whose bytes did not change are not
parsed again.

Validating a thousand maps takes over a second, more than the whole reload budget of
``journeys serve``; after one edit only that file is parsed and validated. The result is
the same as ``journeys.load.load_project`` (the per-file and cross-file steps are the
same public functions); only the per-file step is remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeys.issues import Issue
from journeys.load import LoadResult, load_source, project_issues
from journeys.loading.sources import discover
from journeys.model import JourneyMap, Persona, Project
from journeys.validation.maps import References

if TYPE_CHECKING:
    from journeys.config import Settings


class CachedLoader:
    def __init__(self) -> None:
        self._parsed: dict[str, tuple[Any, tuple[Persona | JourneyMap | None, list[Issue]]]] = {}
        self.parsed_files = 0  # how many files the last load had to parse

    def load(self, settings: Settings) -> LoadResult:
        folders = (("persona", settings.personas_dir), ("map", settings.maps_dir))
        sources, discovery_issues = discover(settings.root, folders, settings.max_file_size)
        refs = References(
            persona_ids=frozenset(s.id for s in sources if s.kind == "persona"),
            map_ids=frozenset(s.id for s in sources if s.kind == "map"),
            scale=settings.scale,
        )
        self.parsed_files = 0
        fresh = {}
        for source in sources:
            key = (source, refs, settings.limits)
            cached = self._parsed.get(source.path)
            if cached is None or cached[0] != key:
                self.parsed_files += 1
                cached = (key, load_source(source, refs, settings.limits))
            fresh[source.path] = cached
        self._parsed = fresh
        items = [item for _, (item, _) in fresh.values()]
        project = Project(
            personas=tuple(sorted((i for i in items if isinstance(i, Persona)), key=lambda p: p.id)),
            maps=tuple(sorted((i for i in items if isinstance(i, JourneyMap)), key=lambda m: m.id)),
            scale=settings.scale,
        )
        issues = list(discovery_issues)
        issues += [issue for _, (_, file_issues) in fresh.values() for issue in file_issues]
        issues += project_issues(project, refs)
        files = len({s.path for s in sources} | {issue.path for issue in discovery_issues})
        return LoadResult(project, tuple(sorted(issues, key=Issue.sort_key)), files=files)
