"""Find a project's persona and map files, safely, and read their bytes.

A source is just (kind, id, path, bytes), so the same loading code serves files on
disk and blobs read from a git revision.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from journeys.issues import Issue, Location

if TYPE_CHECKING:
    from collections.abc import Iterable

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


def suggest_id(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "my-map"


def is_content_file(name: str) -> bool:
    return name.endswith(SOURCE_SUFFIXES) and not name.startswith((".", "_")) and name not in IGNORED_NAMES


def check_id(kind: SourceKind, path: str, stem: str) -> Issue | None:
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
        if not _inside(directory.resolve(), root):
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
    """One content file as a Source, or the reason it is refused (size, name, symlink)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError before 3.13)
            return None, Issue(
                Location(rel), "error", "broken-symlink", "symlink leads nowhere (missing target or a loop); not read"
            )
        if not _inside(target, root):
            return None, _outside(rel)
    if not path.is_file():
        return None, None
    stem = path.name.rsplit(".", 1)[0]
    invalid = check_id(kind, rel, stem)
    if invalid is not None:
        return None, invalid
    try:
        size = path.stat().st_size
        if size <= max_file_size:
            # Read one byte past the cap: a file that grew after stat() is still refused.
            with path.open("rb") as stream:
                data = stream.read(max_file_size + 1)
            size = len(data)
    except OSError as error:
        return None, Issue(Location(rel), "error", "unreadable", f"cannot read file: {error.strerror}")
    if size > max_file_size:
        return None, Issue(
            Location(rel),
            "error",
            "file-too-large",
            f"file is {size:,} bytes, more than the {max_file_size:,}-byte limit (max_file_size); not read",
        )
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


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _outside(rel: str) -> Issue:
    """A symlinked file whose target is outside the project (its content is never read)."""
    return Issue(
        Location(rel),
        "error",
        "symlink-outside",
        "symlink points outside the project; not read",
    )
