"""Last change (date and author) of each map file, shown on map pages and the catalogue.

:func:`journeys.history.last_changes` reads it from git; a project that is not a git
checkout simply shows no dates. The site only needs two facts per file, through
:func:`describe`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journeys.gitrepo import GitError, head_commit
from journeys.history import last_changes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from journeys.history import LastCommit


@dataclass(frozen=True, slots=True)
class LastChange:
    """What a page shows: ``2026-11-20`` and ``Ada Lovelace``."""

    date: str
    author: str | None = None


def _head(root: Path) -> str | None:
    """The commit checked out in ``root`` (None outside git, or before the first commit)."""
    try:
        return head_commit(root)
    except GitError:
        return None


class HistoryCache:
    """Last changes, read from git again only when HEAD moves.

    Committed history is all the site shows, and it only changes with HEAD; a serve
    reload after editing a file therefore skips the ``git log`` pass.
    """

    def __init__(self) -> None:
        self._key: tuple[Path, tuple[str, ...], str | None] | None = None
        self._changes: Mapping[str, LastCommit] = {}

    def last_changes(self, root: Path, paths: Iterable[str]) -> Mapping[str, LastCommit]:
        wanted = tuple(paths)
        head = _head(root)
        key = (root, wanted, head)
        if head is None or key != self._key:
            self._changes = last_changes(root, wanted) if head is not None else {}
            self._key = key
        return self._changes


def describe(change: Any) -> LastChange | None:
    """The date and author of a history ``LastCommit`` (any object with ``date``/``author``)."""
    if change is None:
        return None
    when = getattr(change, "date", None)
    if isinstance(when, _dt.datetime):
        when = when.date()
    if when is None:
        return None
    text = when.isoformat() if isinstance(when, _dt.date) else str(when)
    author = getattr(change, "author", None)
    return LastChange(date=text, author=str(author) if author else None)
