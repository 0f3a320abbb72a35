"""Read a project's persona and map files at any git revision, straight from git.

No checkout and no temporary clone: ``git ls-tree`` lists a folder's blobs with their
ids and sizes, and one ``git cat-file --batch`` process streams only the blobs asked
for. Blob ids let a caller skip files that did not change between two revisions
without reading them. The working tree is a "revision" too (``rev=None``): its files
are read from disk and their blob ids computed the way git computes them.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from journeys.loading.sources import is_content_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from journeys.loading.sources import SourceKind

_SYMLINK_MODE = "120000"


class GitError(Exception):
    """git refused: not a repository, an unknown revision, git missing. One line of text."""


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file of a revision: path relative to the project folder, blob id, size in bytes."""

    kind: SourceKind
    path: str
    blob: str
    size: int
    symlink: bool = False

    @property
    def id(self) -> str:
        return PurePosixPath(self.path).name.rsplit(".", 1)[0]


class GitRepo:
    """The git repository that holds a project folder (which may be a subfolder)."""

    def __init__(self, project_dir: Path) -> None:
        self.project_dir = project_dir.resolve()
        try:
            top = self._git("rev-parse", "--show-toplevel", cwd=self.project_dir).strip()
        except GitError:
            raise GitError(f"{project_dir} is not inside a git repository") from None
        self.root = Path(top).resolve()
        prefix = self.project_dir.relative_to(self.root).as_posix()
        #: The project folder relative to the repository root, "" or ending with "/".
        self.prefix = "" if prefix == "." else prefix + "/"

    def _git(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> str:
        return self._git_bytes(*args, cwd=cwd, stdin=stdin).decode("utf-8", errors="surrogateescape")

    def _git_bytes(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(
                ["git", "-c", "core.quotepath=off", *args],
                cwd=cwd or self.root,
                input=stdin,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH)") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            raise GitError(message[0] if message else f"git {args[0]} failed")
        return done.stdout

    def resolve(self, revision: str) -> str:
        """The commit id a revision names; a one-line GitError when there is none."""
        if revision.startswith("-"):
            raise GitError(f"'{revision}' is not a git revision")
        try:
            return self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip()
        except GitError:
            raise GitError(f"unknown git revision '{revision}'") from None

    def list_files(self, commit: str, folders: Iterable[tuple[SourceKind, str]]) -> list[TreeFile]:
        """The content files directly inside each folder at ``commit``, sorted by path.

        Like discovery on disk, subfolders are not entered and non-content names skipped.
        """
        files: list[TreeFile] = []
        for kind, folder in folders:
            folder = folder.strip("/")
            spec = f"{self.prefix}{folder}/" if folder != "." else self.prefix or "."
            # --full-tree: the pathspec and printed paths are relative to the repository root.
            out = self._git("ls-tree", "-z", "--long", "--full-tree", commit, "--", spec)
            for record in filter(None, out.split("\0")):
                meta, _, repo_path = record.partition("\t")
                mode, kind_of_object, blob, size = meta.split()
                name = repo_path.rsplit("/", 1)[-1]
                if kind_of_object != "blob" or not is_content_file(name):
                    continue
                path = f"{folder}/{name}" if folder != "." else name
                files.append(TreeFile(kind, path, blob, int(size), symlink=mode == _SYMLINK_MODE))
        return sorted(files, key=lambda f: f.path)

    def read_blobs(self, blobs: Sequence[str]) -> dict[str, bytes]:
        """The contents of the given blob ids, read by one ``git cat-file --batch``."""
        wanted = list(dict.fromkeys(blobs))
        if not wanted:
            return {}
        out = self._git_bytes("cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
        contents: dict[str, bytes] = {}
        position = 0
        for blob in wanted:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].decode()
            parts = header.split()
            if len(parts) != 3:
                raise GitError(f"git cannot read object {blob}: {header}")
            size = int(parts[2])
            contents[blob] = out[header_end + 1 : header_end + 1 + size]
            position = header_end + 1 + size + 1  # the content is followed by a newline
        return contents

    def read_file(self, commit: str, path: str) -> bytes | None:
        """One file of the project folder at ``commit``, or None when it does not exist there."""
        out = self._git("ls-tree", "-z", "--full-tree", commit, "--", self.prefix + path)
        record = out.split("\0")[0]
        if not record:
            return None
        blob = record.partition("\t")[0].split()[2]
        return self.read_blobs([blob])[blob]


def blob_id(data: bytes, length: int = 40) -> str:
    """The id git gives a blob with this content (SHA-1, or SHA-256 for 64-digit ids)."""
    algorithm = hashlib.sha256 if length == 64 else hashlib.sha1
    return algorithm(b"blob %d\0" % len(data) + data).hexdigest()
