"""``load_project`` for a long-running server: files whose bytes did not change are not
parsed again.

Validating a thousand maps takes over a second, more than the whole reload budget of
``journeys serve``; after one edit only that file is parsed and validated. The result is
the same as ``journeys.load.load_project``: it is that function, with a per-file cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeys.load import LoadResult, load_project, load_source

if TYPE_CHECKING:
    from journeys.config import Settings
    from journeys.issues import Issue
    from journeys.loading.sources import Source
    from journeys.loading.yamltree import Limits
    from journeys.model import JourneyMap, Persona
    from journeys.validation.maps import References

    Loaded = tuple[Persona | JourneyMap | None, list[Issue]]


class CachedLoader:
    def __init__(self) -> None:
        self._parsed: dict[str, tuple[Any, Loaded]] = {}
        self.parsed_files = 0  # how many files the last load had to parse

    def load(self, settings: Settings) -> LoadResult:
        self.parsed_files = 0
        fresh: dict[str, tuple[Any, Loaded]] = {}

        def load_one(source: Source, refs: References, limits: Limits) -> Loaded:
            # The same bytes under the same references and limits validate the same way.
            key = (source, refs, limits)
            cached = self._parsed.get(source.path)
            if cached is None or cached[0] != key:
                self.parsed_files += 1
                cached = (key, load_source(source, refs, limits))
            fresh[source.path] = cached
            return cached[1]

        result = load_project(settings, load_one)
        self._parsed = fresh  # forget files that disappeared
        return result
