"""Reading one file of the project: never from outside it, never more than the size cap.

Every command that reads a content file from disk (discovery for ``validate``, ``build``
and ``serve``; the working tree side of ``diff``) goes through this module, and a file read
from a git revision is held to the same cap (:func:`file_too_large`), so a file is refused
for the same reasons, in the same words, whichever command reads it.

Checking where a symlink leads and then opening it by name would leave a window in which
the file can be swapped for a symlink to anywhere. So the file is opened without following
symlinks (``O_NOFOLLOW``) and its type and size come from the open descriptor (``fstat``):
what is read is exactly what was checked.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING

from journeys.issues import Issue, Location

if TYPE_CHECKING:
    from pathlib import Path

# O_NONBLOCK: a FIFO swapped in for a file must not hang the reader on open().
# O_NOFOLLOW and O_NONBLOCK do not exist on Windows, where creating symlinks needs
# privileges; O_BINARY exists only there.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)
#: What open() with O_NOFOLLOW fails with on a symlink (ELOOP; EMLINK on FreeBSD).
_SYMLINK_ERRORS = {errno.ELOOP, errno.EMLINK}


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, every symlink in it resolved, is ``root`` or somewhere below it."""
    resolved = path.resolve()
    root = root.resolve()
    return resolved == root or root in resolved.parents


def confined_target(root: Path, path: Path, rel: str) -> Path | Issue:
    """The file ``path`` stands for: itself, or a symlink's target inside the project.

    A symlink that leads outside the project, or nowhere, is refused without reading it.
    """
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError before 3.13)
        return Issue(
            Location(rel), "error", "broken-symlink", "symlink leads nowhere (missing target or a loop); not read"
        )
    if not is_inside(target, root):
        return Issue(Location(rel), "error", "symlink-outside", "symlink points outside the project; not read")
    return target


def read_capped(path: Path, rel: str, max_file_size: int) -> bytes | Issue | None:
    """The bytes of the regular file at ``path`` (not followed if it is a symlink), or why not.

    ``None`` when ``path`` is not a regular file (a folder, a FIFO): it is not content.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno in _SYMLINK_ERRORS:  # it became a symlink after confined_target() looked
            return Issue(
                Location(rel), "error", "unreadable", "file was replaced by a symlink while being read; not read"
            )
        return _unreadable(rel, error)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        if status.st_size > max_file_size:
            return file_too_large(rel, status.st_size, max_file_size)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # Read one byte past the cap: a file that grew after fstat() is still refused.
            data = stream.read(max_file_size + 1)
    except OSError as error:
        return _unreadable(rel, error)
    finally:
        os.close(descriptor)
    if len(data) > max_file_size:
        return file_too_large(rel, len(data), max_file_size)
    return data


def file_too_large(rel: str, size: int, max_file_size: int) -> Issue:
    """A file over the size cap: it is reported, never read (from disk or from git)."""
    return Issue(
        Location(rel),
        "error",
        "file-too-large",
        f"file is {size:,} bytes, more than the {max_file_size:,}-byte limit (max_file_size); not read",
    )


def _unreadable(rel: str, error: OSError) -> Issue:
    return Issue(Location(rel), "error", "unreadable", f"cannot read file: {error.strerror}")
