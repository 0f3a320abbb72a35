"""Which files are a project's personas and maps, what their ids may be, and discovery on disk.

A source is just (kind, id, path, bytes), so the same loading code serves files on
disk and blobs read from a git revision. The id rules (:func:`check_id`,
:func:`unique_sources`) are applied here to files on disk and by
:mod:`journeys.loading.snapshots` to a git revision's listing, so both report a bad or
repeated name in the same words.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from journeys.issues import Issue, Location
from journeys.loading.files import confined_target, is_inside, read_capped

if TYPE_CHECKING:
    from collections.abc import Iterable

    from journeys.config import Settings

SourceKind = Literal["map", "persona"]

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
SOURCE_SUFFIXES = (".yaml", ".yml", ".md")
#: Files that live beside the content without being content.
IGNORED_NAMES = {"README.md", "readme.md", "index.md"}


@dataclass(frozen=True, slots=True)
class Source:
    kind: SourceKind
    id: str
    #: Relative to the project folder, with forward slashes (as reported to users).
    path: str
    data: bytes

    @property
    def is_markdown(self) -> bool:
        return self.path.endswith(".md")


def content_folders(settings: Settings) -> tuple[tuple[SourceKind, str], ...]:
    """The folders that hold personas and maps, each with the kind of file it holds."""
    return (("persona", settings.personas_dir), ("map", settings.maps_dir))


def suggest_id(stem: str) -> str:
    """A valid id close to a file name, for the hint of an ``invalid-id`` issue."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "my-map"


def is_content_file(name: str) -> bool:
    """Whether a file in a content folder is a persona or map (hidden, draft and readme files are not)."""
    return name.endswith(SOURCE_SUFFIXES) and not name.startswith((".", "_")) and name not in IGNORED_NAMES


def check_id(kind: SourceKind, path: str, stem: str) -> Issue | None:
    """Why a file name cannot be an id (ids appear in URLs and references), or None."""
    if ID_PATTERN.match(stem):
        return None
    return Issue(
        Location(path),
        "error",
        "invalid-id",
        f"file name '{stem}' is not a valid {kind} id: use lowercase letters, digits and '-' "
        f"(e.g. '{suggest_id(stem)}')",
    )


def discover(
    root: Path,
    folders: Iterable[tuple[SourceKind, str]],
    max_file_size: int,
    reads: SourceReads | None = None,
) -> tuple[list[Source], list[Issue]]:
    """Read every content file in ``folders`` (relative to ``root``), sorted by path;
    with ``reads`` (``journeys serve``), a file unchanged since the last discovery is not read again."""
    root = root.resolve()
    read = reads.begin() if reads is not None else _read_entry
    sources: list[Source] = []
    issues: list[Issue] = []
    for kind, folder in folders:
        directory = root / folder
        if not directory.is_dir():
            # A mistyped maps_dir must not pass as "0 files, no problems".
            issues.append(
                Issue(Location(folder), "warning", "missing-folder", f"no '{folder}' folder: no {kind}s were read")
            )
            continue
        if not is_inside(directory, root):
            issues.append(
                Issue(Location(folder), "error", "folder-outside", "folder is outside the project; not read")
            )
            continue
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            issues.append(Issue(Location(folder), "error", "unreadable", f"cannot read folder: {error.strerror}"))
            continue
        for entry in entries:
            if not is_content_file(entry.name):
                continue
            rel = f"{folder.rstrip('/')}/{entry.name}"
            source, problem = read(root, entry, rel, kind, max_file_size)
            if problem is not None:
                issues.append(problem)
            if source is not None:
                sources.append(source)
    sources, duplicates = unique_sources(sources)
    return sources, issues + duplicates


def read_source(
    root: Path, path: Path, rel: str, kind: SourceKind, max_file_size: int
) -> tuple[Source | None, Issue | None]:
    """One content file as a Source, or the reason it is refused (symlink, name, size).

    The checks run in that order, so a file is refused for the first reason that applies
    wherever it is read from.
    """
    target = confined_target(root, path, rel)
    if isinstance(target, Issue):
        return None, target
    if not target.is_file():
        return None, None
    stem = path.name.rsplit(".", 1)[0]
    invalid = check_id(kind, rel, stem)
    if invalid is not None:
        return None, invalid
    data = read_capped(target, rel, max_file_size)
    if not isinstance(data, bytes):
        return None, data
    return Source(kind=kind, id=stem, path=rel, data=data), None


def _read_entry(
    root: Path, entry: os.DirEntry[str], rel: str, kind: SourceKind, max_file_size: int
) -> tuple[Source | None, Issue | None]:
    return read_source(root, Path(entry.path), rel, kind, max_file_size)


ReadEntry = Callable[[Path, os.DirEntry[str], str, SourceKind, int], tuple[Source | None, Issue | None]]


class SourceReads:
    """What discovery read from each file, kept by a long-running server while the file's
    status (``lstat``: modification and change times in nanoseconds, size, inode, device)
    is the same, so a rebuild after one edit reads one file rather than a thousand.

    Writing a file always sets its change time to the current time, which no tool can
    set back (``os.utime`` sets it too), so an unchanged status means unchanged bytes,
    with one exception: on a file system with coarse timestamps, a second write within
    the same tick as the first keeps every field. So, as git does with its index, a
    file changed less than ``SETTLE_NS`` before it was read is not kept: it is read
    again until it has been still for longer than any file system's tick. Only regular
    files are kept; a symlink is followed and checked on every read, as without this.
    (On Windows that field is the creation time: a write dated back by a tool to the
    same modification time, with the same size, is seen at the file's next change.)
    """

    #: Two seconds: the coarsest timestamps (FAT) tick every two seconds.
    SETTLE_NS = 2_000_000_000

    def __init__(self, clock: Callable[[], int] = time.time_ns) -> None:
        self._clock = clock
        self._kept: dict[str, tuple[tuple, tuple[Source | None, Issue | None]]] = {}
        #: How many files the last discovery read (the rest were kept).
        self.read_files = 0

    def begin(self) -> ReadEntry:
        """The reader of one discovery; files it is not asked for are forgotten."""
        previous, self._kept = self._kept, {}
        self.read_files = 0
        settled_before = self._clock() - self.SETTLE_NS

        def read(
            root: Path, entry: os.DirEntry[str], rel: str, kind: SourceKind, max_file_size: int
        ) -> tuple[Source | None, Issue | None]:
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                status = None
            if status is None or not stat.S_ISREG(status.st_mode):
                self.read_files += 1
                return _read_entry(root, entry, rel, kind, max_file_size)
            stamp = (
                rel, kind, max_file_size, status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino,
                status.st_dev,
            )  # fmt: skip
            kept = previous.get(entry.path)
            if kept is None or kept[0] != stamp:
                self.read_files += 1
                kept = (stamp, _read_entry(root, entry, rel, kind, max_file_size))
            if max(status.st_mtime_ns, status.st_ctime_ns) < settled_before:
                self._kept[entry.path] = kept
            return kept[1]

        return read


def unique_sources(sources: Iterable[Source]) -> tuple[list[Source], list[Issue]]:
    """Keep the first source of each id (``sam.md`` before ``sam.yaml``); report the rest."""
    seen: dict[tuple[str, str], Source] = {}
    issues = []
    for source in sources:
        first = seen.setdefault((source.kind, source.id), source)
        if first is not source:
            issues.append(
                Issue(
                    Location(source.path),
                    "error",
                    "duplicate-id",
                    f"{source.kind} '{source.id}' is already defined in {first.path}",
                )
            )
    return list(seen.values()), issues
