"""Replacing a file in one step, never through a symlink.

Used where journeys writes into a project (``journeys fmt`` rewriting a map, ``journeys
schema``): an interrupted run leaves the old file or the new one, never half of each,
and a symlink is never followed to write somewhere else.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class SymlinkRefused(Exception):
    """The file to replace is a symlink: journeys writes through none."""


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Make ``path`` hold ``data``: written beside it, then swapped in with ``os.replace``.

    An existing file keeps its permission bits (a temporary file starts private).
    ``durable=False`` skips the fsync, for caches, where a file lost in a crash is a miss.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        mode = None
    else:
        if stat.S_ISLNK(status.st_mode):
            raise SymlinkRefused(f"{path} is a symlink; journeys does not write through symlinks")
        mode = stat.S_IMODE(status.st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is None:
            mode = 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)  # replaces a symlink made meanwhile, never writes through it
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put back at once)."""
    current = os.umask(0)
    os.umask(current)
    return current
