"""Cache entries on disk: one file per entry in a folder of the project's ``.cache/journeys/``.

The build cache (:mod:`journeys.site.cache`) keeps rendered pages here, and loading
(:mod:`journeys.loading.stored`) the files' validated models. An entry is named by a
SHA-256 of everything it was made from, so a changed input gives another name, never a
stale value; the name is the caller's.

Entries are never pickle (the folder is in the project, and reading it must not run
code). The build cache's are JSON with their long texts and files after it as raw bytes
(:func:`entry_bytes`), holding plain values, tuples, dates, Markup and the dataclasses
named by the caller. Entries are written atomically and read without following
symlinks; one that cannot be read or decoded is a miss. Entries a run did not use are
removed after it (:meth:`EntryFolder.prune`), so a folder holds one run's worth. A
folder is refused (no cache for that run) when it, or one above it up to the project,
is a symlink: the cache never reads or writes outside the project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
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


def code_version() -> tuple[str, str, int]:
    """What every entry name includes: journeys' version, a digest of its files (so an
    edited or reinstalled package at the same version never serves what the old code
    made) and the entry format."""
    return journeys.__version__, package_digest(), FORMAT


def safe_folder(root: Path, names: tuple[str, ...], *, create: bool = True) -> Path | None:
    """``root`` / ``names``, made where missing (unless not ``create``), or None (with a
    note) when a part of it is not a plain folder (a symlink is not followed), cannot be
    made, or is missing and not to be made."""
    folder = root
    for name in names:
        folder = folder / name
        try:
            if create:
                os.mkdir(folder)
            mode = os.lstat(folder).st_mode  # lstat: a symlink is not our folder
        except FileExistsError:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            return None  # not made yet: nothing in it
        except OSError as error:
            log.info(f"journeys: cache off: cannot create {folder}: {error.strerror}")
            return None
        if not stat.S_ISDIR(mode):
            log.info(f"journeys: cache off: {folder} is not a plain folder (a symlink is not followed)")
            return None
    return folder


class EntryFolder:
    """One run's view of a folder of entries: entries by name, and which names it used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def read(self, key: str) -> bytes | None:
        """The bytes of the entry under ``key`` (counted as used); None when there is none
        or it cannot be read (a symlink is refused, never followed)."""
        self.used.add(key)
        try:
            descriptor = os.open(self.folder / (key + _SUFFIX), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(descriptor, "rb") as stream:
                return stream.read()
        except OSError:
            return None  # missing, a symlink (ELOOP), unreadable

    def write(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, atomically; failing that, store nothing."""
        self.used.add(key)
        path = self.folder / (key + _SUFFIX)
        try:
            if path.is_symlink():  # not ours: the link goes (never what it leads to)
                path.unlink()
            # No fsync: an entry cut short by a crash is a miss, not a wrong value.
            write_atomically(path, data, durable=False)
        except (OSError, SymlinkRefused) as error:
            log.debug(f"journeys: not cached ({error})")

    def keep(self, key: str | None) -> None:
        """Count ``key`` as used by this run (its value came from memory)."""
        if key is not None:
            self.used.add(key)

    def prune(self) -> int:
        """Remove every entry this run did not use (and leftovers); returns how many went."""
        removed = 0
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name.removesuffix(_SUFFIX) in self.used or entry.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(FileNotFoundError):  # another build removed it first
                    os.unlink(entry.path)  # a symlink itself goes, never what it leads to
                    removed += 1
        return removed


def entry_bytes(key: str, value: object, classes: Mapping[str, type]) -> bytes:
    """An entry's file: a line of JSON with its key and the lengths of its raw parts, a
    line of JSON with its value, then the raw parts (long texts as UTF-8, files)."""
    raw: list[bytes] = []
    body = json.dumps(_encode(value, raw, classes), ensure_ascii=False, separators=(",", ":"))
    head = json.dumps({"key": key, "raw": [len(part) for part in raw]})
    return b"\n".join((head.encode("utf-8"), body.encode("utf-8"), b"".join(raw)))


def entry_value(data: bytes, key: str, classes: Mapping[str, type]) -> Any:
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
    return json.loads(data[head_end + 1 : body_end], object_hook=functools.partial(_decoded, raw=raw, classes=classes))


def _encode(value: object, raw: list[bytes], classes: Mapping[str, type]) -> object:
    """JSON for the few types an entry holds; tuples, Markup and dataclasses are tagged so
    they come back as what they were (a list among tuples would not sort with them).
    Long texts and files are appended to ``raw`` and stand there by their place."""
    if isinstance(value, Markup):
        return {"~m": _encode(str(value), raw, classes)}
    if isinstance(value, bytes):  # a PNG or PDF download
        raw.append(value)
        return {"~b": len(raw) - 1}
    if isinstance(value, str) and len(value) >= _LONG_TEXT:
        raw.append(value.encode("utf-8"))
        return {"~s": len(raw) - 1}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if type(value) is _dt.date:
        return {"~D": value.isoformat()}
    if isinstance(value, tuple):
        return {"~t": [_encode(item, raw, classes) for item in value]}
    if isinstance(value, list):
        return [_encode(item, raw, classes) for item in value]
    if isinstance(value, dict):
        return {"~d": [[_encode(k, raw, classes), _encode(v, raw, classes)] for k, v in value.items()]}
    if classes.get(type(value).__name__) is type(value) and dataclasses.is_dataclass(value):
        fields = {f.name: _encode(getattr(value, f.name), raw, classes) for f in dataclasses.fields(value)}
        return {"~c": type(value).__name__, "f": fields}
    raise TypeError(f"a build cache entry cannot hold {type(value).__name__}")


def _decoded(value: dict[str, Any], raw: list[memoryview], classes: Mapping[str, type]) -> Any:
    """One JSON object back as what :func:`_encode` tagged it as (``json.loads`` calls
    this for every object, innermost first, so the inner values are decoded already);
    an object whose first key is not a tag is a class's fields. ``raw`` are the entry's
    raw parts (a part's place must be a whole number: a float or bool would index wrongly).

    Found by the first key alone: an entry of a thousand maps' rows has 400,000 objects."""
    for first in value:
        if first == "~c":
            return classes[value["~c"]](**value["f"])
        decode = _DECODERS.get(first)
        return value if decode is None else decode(value, raw)
    return value  # no fields


_DECODERS: dict[str, Callable[[dict[str, Any], list[memoryview]], Any]] = {
    "~s": lambda value, raw: str(raw[_place(value["~s"])], "utf-8"),
    "~b": lambda value, raw: bytes(raw[_place(value["~b"])]),
    "~m": lambda value, raw: Markup(value["~m"]),
    "~t": lambda value, raw: tuple(value["~t"]),
    "~d": lambda value, raw: dict(value["~d"]),
    "~D": lambda value, raw: _dt.date.fromisoformat(value["~D"]),
}


def _place(index: object) -> int:
    if type(index) is not int or index < 0:
        raise TypeError("not a place")
    return index
