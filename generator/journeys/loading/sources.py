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
) -> tuple[list[Source], list[Issue]]:
    """Read every content file in ``folders`` (relative to ``root``), sorted by path."""
    root = root.resolve()
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
            source, problem = read_source(root, Path(entry.path), rel, kind, max_file_size)
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
