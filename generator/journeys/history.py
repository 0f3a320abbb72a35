"""Freshness from git history: when each map last changed, and who changed it.

Journey maps go stale quietly; git knows when each file was last touched. One
``git log --name-only`` pass walks history newest first and stops as soon as every
asked-for file has been seen, so 1,000 files cost one process, not 1,000.
Without git, outside a repository, or for files git does not track, there is simply
no entry: freshness is information, never a reason to fail.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeys.issues import Issue, Location

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from journeys.model import JourneyMap

_RECORD = "\x1e"
_FIELD = "\x1f"
_LOG_FORMAT = f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Change:
    """The last commit that touched a file (author date, with its time zone)."""

    date: _dt.datetime
    author: str
    commit: str


def _repo_prefix(root: Path) -> str | None:
    """``root`` relative to its repository's top ("" or ending in "/"); None without git."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:  # git is not installed, or root is not a folder
        return None
    return done.stdout.strip() if done.returncode == 0 else None


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


def _chunks(process: subprocess.Popen[bytes]) -> Iterator[bytes]:
    assert process.stdout is not None
    while chunk := process.stdout.read1(_CHUNK):  # type: ignore[attr-defined]
        yield chunk


def last_changes(root: Path, paths: Iterable[str]) -> dict[str, Change]:
    """The last change of each path (relative to ``root``, forward slashes) that git tracks."""
    prefix = _repo_prefix(root)
    wanted = {prefix + path: path for path in paths} if prefix is not None else {}
    if not wanted:
        return {}
    # Pathspecs are the files' folders (few), not the files (maybe thousands).
    specs = sorted({f":(top){p.rsplit('/', 1)[0] if '/' in p else p}" for p in wanted})
    command = ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--name-only", "-z", _LOG_FORMAT, "--", *specs]
    found: dict[str, Change] = {}
    try:
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return found
    with process:
        try:
            for header, names in _records(_chunks(process)):
                commit, date, author = header.split(_FIELD, 2)
                for name in names:
                    path = wanted.get(name)
                    if path is not None and path not in found:
                        found[path] = Change(_dt.datetime.fromisoformat(date), author, commit)
                if len(found) == len(wanted):
                    break  # the rest of history cannot change the answer
        finally:
            process.kill()
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
