"""Freshness from git history: when each map last changed, and who changed it.

Journey maps go stale quietly; git knows when each file was last touched. One
``git log --name-only`` pass walks history newest first and stops as soon as every
asked-for file has been seen, so 1,000 files cost one process, not 1,000.
Without git, outside a repository, or for files git does not track, there is simply
no entry: freshness is information, never a reason to fail.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.gitrepo import GitError, GitRepo
from journeys.issues import Issue, Location

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from journeys.model import JourneyMap

_RECORD = "\x1e"
_FIELD = "\x1f"
_LOG_FORMAT = f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an"


@dataclass(frozen=True, slots=True)
class LastCommit:
    """The last commit that touched a file (author date, with its time zone)."""

    date: _dt.datetime
    author: str
    commit: str


def _records(stream: Iterable[bytes]) -> Iterator[tuple[str, list[str]]]:
    """(header, file names) per commit from ``git log -z --name-only`` output chunks."""
    pending = ""
    for chunk in stream:
        pending += chunk.decode("utf-8", errors="surrogateescape")
        *complete, pending = pending.split(_RECORD)
        for record in complete:
            if record:
                yield _split_record(record)
    if pending:
        yield _split_record(pending)


def _split_record(record: str) -> tuple[str, list[str]]:
    header, *names = record.split("\0")
    return header, [name.lstrip("\n") for name in names if name.strip("\n")]


def last_changes(root: Path, paths: Iterable[str]) -> dict[str, LastCommit]:
    """The last change of each path (relative to ``root``, forward slashes) that git tracks."""
    try:
        repo = GitRepo(root)
        return _last_changes(repo, {repo.prefix + path: path for path in paths})
    except GitError:  # git missing, or not a repository: no history to show
        return {}


def _last_changes(repo: GitRepo, wanted: dict[str, str]) -> dict[str, LastCommit]:
    """``wanted`` maps repository-relative paths to the paths the caller asked for."""
    found: dict[str, LastCommit] = {}
    if not wanted:
        return found
    # Pathspecs are the files' folders (few), not the files (maybe thousands).
    specs = sorted({f":(top){p.rsplit('/', 1)[0] if '/' in p else p}" for p in wanted})
    with repo.streamed("log", "--no-renames", "--name-only", "-z", _LOG_FORMAT, "--", *specs) as chunks:
        for header, names in _records(chunks):
            commit, date, author = header.split(_FIELD, 2)
            for name in names:
                path = wanted.get(name)
                if path is not None and path not in found:
                    found[path] = LastCommit(_dt.datetime.fromisoformat(date), author, commit)
            if len(found) == len(wanted):
                break  # the rest of history cannot change the answer
    return found


def stale_map_issues(
    root: Path, maps: Iterable[JourneyMap], max_age_days: int, now: _dt.datetime | None = None
) -> list[Issue]:
    """A ``stale-map`` warning for each map whose last git change is older than ``max_age_days``."""
    maps = list(maps)
    changes = last_changes(root, [journey.location.path for journey in maps])
    now = now or _dt.datetime.now(_dt.timezone.utc)
    issues = []
    for journey in maps:
        change = changes.get(journey.location.path)
        if change is None:
            continue
        age = (now - change.date).days
        if age > max_age_days:
            issues.append(
                Issue(
                    Location(journey.location.path, 1, 1),
                    "warning",
                    "stale-map",
                    f"map '{journey.id}' was last changed {age} days ago ({change.date.date().isoformat()} "
                    f"by {change.author}); review it or raise --max-age ({max_age_days} days)",
                )
            )
    return issues
