"""The build cache: rendered pages, SVGs, roll-up rows and PNG/PDF downloads kept on disk between builds.

``journeys build`` renders every map again although most did not change; this cache
keeps what :mod:`journeys.site.generate` renders per map and per persona in
``.cache/journeys/`` inside the project, one file per entry, named by a SHA-256 of
everything the entry was made from:

- the journeys version, a digest of journeys' own files (so an edited or reinstalled
  package at the same version never serves what the old code rendered) and this file
  format;
- the site-wide inputs (the generator's site key: settings, emotion scale, template
  folders and a digest of every theme file, URL style, catalogue URI; plus the whole
  ``journeys`` block of mkdocs.yml and the site theme's name);
- the item's own inputs, where every map and persona stands for the SHA-256 of the
  bytes it was validated from (``LoadResult.digests``): the map, the personas it shows,
  the map it is drawn over, its counterparts, its last change.

So a changed input gives another name, never a stale page. How entries are stored,
read safely and pruned after each build is :mod:`journeys.entries`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from journeys.entries import CACHE_FOLDER, EntryFolder, code_version, entry_bytes, entry_value, safe_folder
from journeys.model import JourneyMap, Persona
from journeys.site.context import GeneratedPage
from journeys.site.matrix import MatrixPoint
from journeys.site.rows import MapRows

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger("mkdocs.plugins.journeys")

#: The classes an entry may hold by their fields, by name: decoding builds nothing else.
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (GeneratedPage, MapRows, MatrixPoint)}


class Uncacheable(Exception):
    """A key part has no stable content digest (a model item with no recorded source)."""


class BuildCache(EntryFolder):
    """One build's view of the cache folder: entries by key, and which keys it used."""

    def __init__(self, folder: Path, digests: Mapping[str, str]) -> None:
        super().__init__(folder)
        self._digests = digests
        self._site = b""

    def begin(self, site_key: object) -> None:
        """Set the site-wide inputs every key of this build includes (hashed once)."""
        inputs = (*code_version(), _stable(site_key, self._digests))
        self._site = hashlib.sha256(repr(inputs).encode()).digest()

    @classmethod
    def open(cls, root: Path, digests: Mapping[str, str]) -> BuildCache | None:
        """The cache of the project at ``root``, or None (with a note) when its folder is unsafe."""
        folder = safe_folder(root, CACHE_FOLDER)
        return cls(folder, digests) if folder is not None else None

    def key(self, kind: str, parts: object) -> str | None:
        """The entry name of an item of ``kind`` made from ``parts`` and the site-wide
        inputs (None: do not cache it)."""
        try:
            stable = _stable(parts, self._digests)
        except Uncacheable:
            return None
        return hashlib.sha256(self._site + repr((kind, stable)).encode()).hexdigest()

    def get(self, key: str | None) -> Any | None:
        """The value stored under ``key``, or None when it is absent, unreadable or corrupt."""
        if key is None:
            return None
        data = self.read(key)
        if data is None:
            return None
        try:
            return entry_value(data, key, _CLASSES)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            return None  # truncated, not ours, nested too deep: make it again

    def put(self, key: str | None, value: object) -> None:
        """Store ``value`` under ``key``; a value the format cannot hold is simply not stored."""
        if key is None:
            return
        try:
            data = entry_bytes(key, value, _CLASSES)
        except TypeError as error:
            self.used.add(key)
            log.debug(f"journeys: not cached ({error})")
            return
        self.write(key, data)


def _stable(value: object, digests: Mapping[str, str]) -> object:
    """``value`` with every map and persona replaced by its path and source digest, and
    every mapping sorted: a value whose ``repr`` is the same in every process."""
    if isinstance(value, (JourneyMap, Persona)):
        digest = digests.get(value.location.path)
        if digest is None:
            raise Uncacheable(value.location.path)
        return (type(value).__name__, value.id, value.location.path, digest)
    if isinstance(value, (tuple, list)):
        return tuple(_stable(item, digests) for item in value)
    if isinstance(value, Mapping):
        return tuple(sorted((repr(k), _stable(v, digests)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, *((f.name, _stable(getattr(value, f.name), digests)) for f in fields))
    return value
