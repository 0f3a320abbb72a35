"""Each file's validated outcome, kept on disk between runs in ``.cache/journeys/loaded/``.

Parsing and validating 1,000 maps takes about six seconds: most of a rebuild after one
edit. A file's outcome (its
model item and its issues) depends only on its bytes, its path, the project's ids and
scale, and the limits (:class:`journeys.loading.project.References`), so it is kept
under a SHA-256 of those and of journeys' own code, and read back instead of parsed
while they are unchanged: about a second for 1,000 maps.

The outcomes of one load are one file, JSON written and read by msgspec against the
model's own types: a field of the wrong type, a missing one or an unknown value makes
the whole file a miss, and every file is parsed again. One file, not one per source:
writing a thousand small files cost more than encoding them. It is written again only
when the load parsed a file or dropped one. The folder is made and read as
:mod:`journeys.entries` says (refused when a symlink, never followed).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import msgspec

from journeys.entries import CACHE_FOLDER, EntryFolder, code_version, safe_folder
from journeys.issues import Issue
from journeys.model import JourneyMap, Persona

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from journeys.loading.project import Loaded, LoadOne, References
    from journeys.loading.sources import Source, SourceKind
    from journeys.loading.yamltree import Limits

#: The outcomes' folder, beside the build cache's entries (whose pruning leaves folders alone).
FOLDER = (*CACHE_FOLDER, "loaded")
#: The one entry in it.
ENTRY = "outcomes"

#: Each kind's outcomes by name (msgspec tells dataclasses apart by their type only, so
#: maps and personas are kept apart).
_Outcomes = tuple[
    dict[str, tuple[JourneyMap | None, list[Issue]]],
    dict[str, tuple[Persona | None, list[Issue]]],
]
_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(_Outcomes)


class StoredOutcomes:
    """One load's view of the stored outcomes: each file's is read, or made and kept.

    Reading makes nothing on disk; :meth:`save` makes the folder and writes the entry, so
    a caller decides when a run may write (a build refused before it starts writes nothing)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._code = repr(code_version()).encode()
        folder = safe_folder(root, FOLDER, create=False)
        stored = EntryFolder(folder).read(ENTRY) if folder is not None else None
        self._stored = _decoded(stored) if stored is not None else ({}, {})
        #: This load's outcomes, by kind and name; what the next run will find.
        self._kept: dict[SourceKind, dict[str, Loaded]] = {"map": {}, "persona": {}}
        self._parsed = 0
        #: The references and limits of the last file, and their digest (the same objects for a whole load).
        self._inputs: tuple[References, Limits] | None = None
        self._inputs_digest = b""

    def loading(self, load: LoadOne, digests: Mapping[str, str]) -> LoadOne:
        """``load``, answered from the stored outcomes where they hold the file's;
        ``digests`` are the files' SHA-256 by path (the load's own, which the build cache uses too)."""
        stored: dict[SourceKind, Mapping[str, Loaded]] = {"map": self._stored[0], "persona": self._stored[1]}

        def load_one(source: Source, refs: References, limits: Limits) -> Loaded:
            name = self._name(source, digests[source.path], refs, limits)
            outcome: Loaded | None = stored[source.kind].get(name)
            if outcome is None:
                outcome = load(source, refs, limits)
                self._parsed += 1
            self._kept[source.kind][name] = outcome
            return outcome

        return load_one

    def save(self) -> None:
        """Keep this load's outcomes for the next run, unless they are the stored ones
        (the folder is made as it is needed; when it is unsafe, nothing is kept)."""
        dropped = len(self._stored[0]) + len(self._stored[1]) != sum(map(len, self._kept.values()))
        if not (self._parsed or dropped):
            return
        folder = safe_folder(self._root, FOLDER)
        if folder is not None:
            EntryFolder(folder).write(ENTRY, _ENCODER.encode((self._kept["map"], self._kept["persona"])))

    def _name(self, source: Source, digest: str, refs: References, limits: Limits) -> str:
        if self._inputs is None or self._inputs[0] is not refs or self._inputs[1] is not limits:
            inputs = (sorted(refs.persona_ids), sorted(refs.map_ids), refs.scale, limits)
            self._inputs = (refs, limits)
            self._inputs_digest = hashlib.sha256(self._code + repr(inputs).encode()).digest()
        what = repr((source.kind, source.id, source.path)).encode()
        return hashlib.sha256(self._inputs_digest + what + digest.encode()).hexdigest()


def _decoded(data: bytes) -> _Outcomes:
    """The outcomes in the entry; none when it is not outcomes of these types."""
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError:  # also a ValidationError: the JSON is not outcomes
        return {}, {}
