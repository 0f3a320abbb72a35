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

So a changed input gives another name, never a stale page. Entries are JSON (never
pickle: the folder is in the project, and reading it must not run code) with their long
texts and files after it as raw bytes (:func:`_entry_bytes`), written atomically,
read without following symlinks; an entry that cannot be read or decoded is a miss.
Entries the last build did not use are removed after it, so the folder holds one
build's worth. The folder is refused (no cache for that build) when it, or
``.cache``, is a symlink: the cache never reads or writes outside the project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

import journeys
from journeys.atomicfile import SymlinkRefused, write_atomically
from journeys.model import JourneyMap, Persona
from journeys.site.context import GeneratedPage
from journeys.site.matrix import MatrixPoint
from journeys.site.rows import MapRows

log = logging.getLogger("mkdocs.plugins.journeys")

#: The cache's folder, relative to the project root (git-ignored by ``journeys init``).
CACHE_FOLDER = (".cache", "journeys")
#: Bumped when the entry layout changes, so old entries are never misread.
FORMAT = 4
_SUFFIX = ".entry"
#: A text at least this long is kept after the entry's JSON as raw UTF-8, not in it:
#: decoding a page's escaped megabytes was most of reading an entry (4 of 35 s of a
#: profiled rebuild of 1,000 maps after one edit).
_LONG_TEXT = 256
#: The classes an entry may hold by their fields, by name: decoding builds nothing else.
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (GeneratedPage, MapRows, MatrixPoint)}


#: journeys' own folder: its code, templates, assets and default theme.
PACKAGE = Path(journeys.__file__).resolve().parent


@functools.cache
def package_digest(folder: Path = PACKAGE) -> str:
    """A SHA-256 of every file of the installed package (a few milliseconds, once per process)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Uncacheable(Exception):
    """A key part has no stable content digest (a model item with no recorded source)."""


class BuildCache:
    """One build's view of the cache folder: entries by key, and which keys it used."""

    def __init__(self, folder: Path, digests: Mapping[str, str]) -> None:
        self.folder = folder
        self._digests = digests
        self._site = b""
        self.used: set[str] = set()

    def begin(self, site_key: object) -> None:
        """Set the site-wide inputs every key of this build includes (hashed once)."""
        inputs = (journeys.__version__, package_digest(), FORMAT, _stable(site_key, self._digests))
        self._site = hashlib.sha256(repr(inputs).encode()).digest()

    @classmethod
    def open(cls, root: Path, digests: Mapping[str, str]) -> BuildCache | None:
        """The cache of the project at ``root``, or None (with a note) when its folder is unsafe."""
        folder = root
        for name in CACHE_FOLDER:
            folder = folder / name
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            except OSError as error:
                log.info(f"journeys: build cache off: cannot create {folder}: {error.strerror}")
                return None
            if not stat.S_ISDIR(os.lstat(folder).st_mode):  # lstat: a symlink is not our folder
                log.info(f"journeys: build cache off: {folder} is not a plain folder (a symlink is not followed)")
                return None
        return cls(folder, digests)

    def key(self, kind: str, parts: object) -> str | None:
        """The entry name of an item of ``kind`` made from ``parts`` and the site-wide
        inputs (None: do not cache it)."""
        try:
            stable = _stable(parts, self._digests)
        except Uncacheable:
            return None
        return hashlib.sha256(self._site + repr((kind, stable)).encode()).hexdigest()

    def get(self, key: str | None) -> Any | None:
        """The entry stored under ``key``, or None when it is absent, unreadable or corrupt."""
        if key is None:
            return None
        self.used.add(key)
        try:
            descriptor = os.open(self.folder / (key + _SUFFIX), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(descriptor, "rb") as stream:
                return _entry_value(stream.read(), key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            return None  # missing, a symlink (ELOOP), truncated, not ours, nested too deep: render it again

    def keep(self, key: str | None) -> None:
        """Count ``key`` as used by this build (its page came from the memory cache)."""
        if key is not None:
            self.used.add(key)

    def put(self, key: str | None, value: object) -> None:
        """Store ``value`` under ``key``; a value the format cannot hold is simply not stored."""
        if key is None:
            return
        self.used.add(key)
        try:
            data = _entry_bytes(key, value)
        except TypeError as error:
            log.debug(f"journeys: not cached ({error})")
            return
        path = self.folder / (key + _SUFFIX)
        try:
            if path.is_symlink():  # not ours: the link goes (never what it leads to)
                path.unlink()
            # No fsync: an entry cut short by a crash is a miss, not a wrong page.
            write_atomically(path, data, durable=False)
        except (OSError, SymlinkRefused) as error:
            log.debug(f"journeys: not cached ({error})")

    def prune(self) -> int:
        """Remove every entry the build did not use (and leftovers); returns how many went."""
        removed = 0
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name.removesuffix(_SUFFIX) in self.used or entry.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(FileNotFoundError):  # another build removed it first
                    os.unlink(entry.path)  # a symlink itself goes, never what it leads to
                    removed += 1
        return removed


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


def _entry_bytes(key: str, value: object) -> bytes:
    """An entry's file: a line of JSON with its key and the lengths of its raw parts, a
    line of JSON with its value, then the raw parts (long texts as UTF-8, files)."""
    raw: list[bytes] = []
    body = json.dumps(_encode(value, raw), ensure_ascii=False, separators=(",", ":"))
    head = json.dumps({"key": key, "raw": [len(part) for part in raw]})
    return b"\n".join((head.encode("utf-8"), body.encode("utf-8"), b"".join(raw)))


def _entry_value(data: bytes, key: str) -> Any:
    """The value of an entry's file; None when it was written under another key (a file
    copied under another entry's name); an error when it is not an entry at all."""
    head_end = data.index(b"\n")
    body_end = data.index(b"\n", head_end + 1)
    head = json.loads(data[:head_end])
    if head["key"] != key:
        return None
    rest, raw = memoryview(data)[body_end + 1 :], []
    for length in head["raw"]:
        if type(length) is not int or not 0 <= length <= len(rest):
            raise ValueError("raw parts do not add up")
        raw.append(rest[:length])
        rest = rest[length:]
    if len(rest):
        raise ValueError("raw parts do not add up")
    return json.loads(data[head_end + 1 : body_end], object_hook=functools.partial(_decoded, raw=raw))


def _encode(value: object, raw: list[bytes]) -> object:
    """JSON for the few types an entry holds; tuples, Markup and dataclasses are tagged so
    they come back as what they were (a list among tuples would not sort with them).
    Long texts and files are appended to ``raw`` and stand there by their place."""
    if isinstance(value, Markup):
        return {"~m": _encode(str(value), raw)}
    if isinstance(value, bytes):  # a PNG or PDF download
        raw.append(value)
        return {"~b": len(raw) - 1}
    if isinstance(value, str) and len(value) >= _LONG_TEXT:
        raw.append(value.encode("utf-8"))
        return {"~s": len(raw) - 1}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return {"~t": [_encode(item, raw) for item in value]}
    if isinstance(value, list):
        return [_encode(item, raw) for item in value]
    if isinstance(value, dict):
        return {"~d": [[_encode(k, raw), _encode(v, raw)] for k, v in value.items()]}
    if type(value).__name__ in _CLASSES and dataclasses.is_dataclass(value):
        fields = {f.name: _encode(getattr(value, f.name), raw) for f in dataclasses.fields(value)}
        return {"~c": type(value).__name__, "f": fields}
    raise TypeError(f"a build cache entry cannot hold {type(value).__name__}")


def _decoded(value: dict[str, Any], raw: list[memoryview]) -> Any:
    """One JSON object back as what :func:`_encode` tagged it as (``json.loads`` calls
    this for every object, innermost first, so the inner values are decoded already);
    an object whose first key is not a tag is a class's fields. ``raw`` are the entry's
    raw parts (a part's place must be a whole number: a float or bool would index wrongly).

    Found by the first key alone: an entry of a thousand maps' rows has 400,000 objects."""
    for first in value:
        decode = _DECODERS.get(first)
        return value if decode is None else decode(value, raw)
    return value  # no fields


_DECODERS: dict[str, Callable[[dict[str, Any], list[memoryview]], Any]] = {
    "~s": lambda value, raw: str(raw[_place(value["~s"])], "utf-8"),
    "~b": lambda value, raw: bytes(raw[_place(value["~b"])]),
    "~m": lambda value, raw: Markup(value["~m"]),
    "~t": lambda value, raw: tuple(value["~t"]),
    "~d": lambda value, raw: dict(value["~d"]),
    "~c": lambda value, raw: _CLASSES[value["~c"]](**value["f"]),
}


def _place(index: object) -> int:
    if type(index) is not int or index < 0:
        raise TypeError("not a place")
    return index
