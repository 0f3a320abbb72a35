"""Last change (date and author) of each map file, shown on map pages and the catalogue.

``journeys.history.last_changes(root, paths)`` reads it from git. The site only needs
two facts per file, so it goes through :func:`describe` and keeps working (showing
nothing) while that module is absent or when the project is not a git checkout.
"""

from __future__ import annotations

import datetime as _dt
import logging
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

log = logging.getLogger("mkdocs.plugins.journeys.freshness")


@dataclass(frozen=True, slots=True)
class LastChange:
    """What a page shows: ``2026-11-20`` and ``Ada Lovelace``."""

    date: str
    author: str | None = None


def last_changes(root: Path, paths: Iterable[str]) -> Mapping[str, Any]:
    """``{path: Change}`` from the history module, or ``{}`` when it is unavailable."""
    try:
        from journeys.history import last_changes as from_git
    except ImportError:
        return {}
    try:
        return from_git(root, list(paths))
    except Exception as error:  # git missing or not a checkout: the site builds without dates
        log.debug("no change history: %s", error)
        return {}


def _head(root: Path) -> str | None:
    """The commit checked out in ``root`` (None outside git)."""
    try:
        run = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout.strip() if run.returncode == 0 else None


class HistoryCache:
    """Last changes, read from git again only when HEAD moves.

    Committed history is all the site shows, and it only changes with HEAD; a serve
    reload after editing a file therefore skips the ``git log`` pass.
    """

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._changes: Mapping[str, Any] = {}

    def last_changes(self, root: Path, paths: Iterable[str]) -> Mapping[str, Any]:
        paths = tuple(paths)
        head = _head(root)
        key = (root, paths, head)
        if head is None or key != self._key:
            self._changes = last_changes(root, paths) if head is not None else {}
            self._key = key
        return self._changes


def describe(change: Any) -> LastChange | None:
    """The date and author of a history ``Change`` (any object with ``date``/``author``)."""
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
