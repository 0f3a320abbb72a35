"""Which folder a build may replace, and the folders it works in next to it.

A build deletes the folder it replaces, so the folder must be a site: never a source
folder of the project (maps, personas, themes, docs, ``.git``, the project itself), never
a symlink (whose target would keep the old site while the link is replaced), and either
empty or marked by an earlier build with ``MARKER``. The new site is built in a staging
folder next to the target and swapped in; staging and old folders carry the builder's
process id, so a later build can tell the leftovers of a killed build from those of a
build still running, and removes them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.journeys.publish")

#: Written into every site journeys builds; only a folder holding it is replaced.
MARKER = ".journeys-site"
MARKER_TEXT = "This folder is a site built by journeys; the next build replaces it whole.\n"

STAGING_PREFIX = ".journeys-staging-"
OLD_PREFIX = ".journeys-old-"

CHOOSE_ANOTHER = "choose another --site-dir (or site_dir in the configuration)"


class PublishError(Exception):
    """The site was not built or not put in place; the message is one line. Exit status 1."""

    exit_code = 1


class SiteDirRefused(PublishError):
    """The site folder may not be replaced (it holds sources or is not a site). Exit status 2."""

    exit_code = 2


@dataclass(frozen=True)
class ProjectFolders:
    """The folders of a project that no build may replace, delete or write into."""

    root: Path
    maps: Path
    personas: Path
    docs: Path

    def protected(self) -> list[tuple[str, Path]]:
        return [
            ("maps folder", self.maps),
            ("personas folder", self.personas),
            ("themes folder", self.root / "themes"),
            ("docs folder", self.docs),
            ("git folder", self.root / ".git"),
        ]


def check_sources_are_safe(target: Path, project: ProjectFolders) -> None:
    """Refuse a site folder that is a symlink or is, holds or lies inside a source folder."""
    if target.is_symlink():
        raise SiteDirRefused(f"site folder {target} is a symlink; {CHOOSE_ANOTHER}")
    real = target.resolve()
    root = project.root.resolve()
    relation = _relation(real, root)
    if relation in ("is", "contains"):  # a site inside the project is the usual case
        raise SiteDirRefused(f"site folder {target} {relation} the project folder {root}; {CHOOSE_ANOTHER}")
    for what, folder in project.protected():
        relation = _relation(real, folder.resolve())
        if relation is not None:
            raise SiteDirRefused(
                f"site folder {target} {relation} the project's {what} {folder.resolve()}; {CHOOSE_ANOTHER}"
            )


def _relation(folder: Path, other: Path) -> str | None:
    """How ``folder`` stands to ``other``: "is", "is inside", "contains" or unrelated (None)."""
    if folder == other:
        return "is"
    if other in folder.parents:
        return "is inside"
    if folder in other.parents:
        return "contains"
    return None


def check_replaceable(target: Path) -> None:
    """Refuse an existing folder that is not empty and was not built by journeys."""
    if not target.exists():
        return
    if not target.is_dir():
        raise SiteDirRefused(f"site folder {target} is a file; {CHOOSE_ANOTHER}")
    try:
        entries = [entry.name for entry in os.scandir(target)]
    except OSError as error:
        raise PublishError(f"cannot read the site folder {target}: {error.strerror}") from None
    if entries and MARKER not in entries:
        raise SiteDirRefused(
            f"site folder {target} holds files and was not built by journeys (no {MARKER} in it); "
            f"empty it or {CHOOSE_ANOTHER}"
        )


def check_writable(target: Path) -> None:
    """Create the site folder's parent; a one-line error now rather than a failure after the build."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(f"cannot create the folder {target.parent}: {error.strerror}") from None
    for folder in (target, target.parent) if target.exists() else (target.parent,):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PublishError(f"cannot replace the site folder {target}: {folder} is not writable")


def mark_site(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def work_folder(prefix: str, target: Path) -> Path:
    """The staging or old folder of this process for ``target``: hidden, next to it."""
    return target.parent / f"{prefix}{target.name}-{os.getpid()}"


def remove_leftovers(target: Path) -> None:
    """Remove staging and old folders of ``target`` left by builds that were killed."""
    pattern = re.compile(rf"(?:{re.escape(STAGING_PREFIX)}|{re.escape(OLD_PREFIX)}){re.escape(target.name)}-(\d+)")
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            found = pattern.fullmatch(entry.name)
            if found and entry.is_dir(follow_symlinks=False) and not _alive(int(found.group(1))):
                log.info(f"removing {entry.path}, left by a build that was stopped")
                shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process builds one site at a time: a folder of ours is a leftover
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old folder is removed only after the swap."""
    try:
        if not target.exists():
            os.replace(new, target)
            return
        old = work_folder(OLD_PREFIX, target)
        os.replace(target, old)
        try:
            os.replace(new, target)
        except OSError:
            os.replace(old, target)  # put the previous site back
            raise
    except OSError as error:
        raise PublishError(f"cannot replace the site folder {target}: {error.strerror or error}") from None
    shutil.rmtree(old, ignore_errors=True)
